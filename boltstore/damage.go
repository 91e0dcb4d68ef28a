package boltstore

import (
	"fmt"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
)

// guard makes the calling goroutine turn faults into panics until the
// returned function runs: bbolt reads the file through a memory map, and
// a file cut short faults on the pages past its end instead of panicking.
// Use as: defer damaged(path, &err); defer guard()().
func guard() func() {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}

// damaged turns a panic of bbolt into an error. bbolt asserts its page
// structure with panics; a damaged file (cut short, or a page overwritten)
// trips them, and a damaged file must give an error, never a crash.
func damaged(path string, err *error) {
	if r := recover(); r != nil {
		*err = damagedError(path, r)
	}
}

func damagedError(path string, r any) error {
	return fmt.Errorf("%s: %w (%v): restore it from a backup, or run tawsimctl check to see what can still be read", path, corpus.ErrDamaged, r)
}

// checkLength refuses a file shorter than its own pages say it is (a cut
// copy, a full disk during a copy): reading past its end would fault.
func (d *DB) checkLength() error {
	st, err := os.Stat(d.path)
	if err != nil {
		return err
	}
	var used int64
	if err := d.db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		return err
	}
	if st.Size() < used {
		return fmt.Errorf("%s: %w: the file is cut short (%d of its %d bytes): restore it from a backup", d.path, corpus.ErrDamaged, st.Size(), used)
	}
	return nil
}
