package boltstore

import (
	"fmt"

	"github.com/tawsim/tawsim/corpus"
)

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
