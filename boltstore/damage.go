package boltstore

import (
	"fmt"
	"runtime/debug"

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
