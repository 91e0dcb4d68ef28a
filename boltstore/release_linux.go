package boltstore

import "syscall"

// ReleaseMemory drops the pages of the database file this process has
// mapped (MADV_DONTNEED on bbolt's read-only shared mapping: the file's
// pages stay in the page cache and are mapped again when next read). It
// runs inside a transaction, which keeps bbolt from remapping meanwhile,
// and covers only the file as this transaction sees it, which the mapping
// always spans.
func (t *txn) ReleaseMemory() {
	data, size := t.tx.DB().Info().Data, uintptr(t.tx.Size())
	if data == 0 || size == 0 {
		return
	}
	// The address is bbolt's mapping, never Go memory, so it is passed as
	// a number rather than a pointer.
	syscall.Syscall(syscall.SYS_MADVISE, data, size, syscall.MADV_DONTNEED)
}
