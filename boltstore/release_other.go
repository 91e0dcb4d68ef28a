//go:build !linux

package boltstore

// ReleaseMemory does nothing where madvise is not known to be safe.
func (t *txn) ReleaseMemory() {}
