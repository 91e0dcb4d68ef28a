package boltstore

import (
	"context"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// CheckStorage runs bbolt's own consistency check of the file's pages and
// free list, in a read transaction, so it can run while others work.
func (d *DB) CheckStorage(ctx context.Context) (found []string, err error) {
	defer damaged(d.path, &err)
	defer guard()()
	err = d.db.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			found = append(found, e.Error())
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return found, err
}

// Backup writes a consistent copy of the whole file to w from one read
// transaction: writers go on meanwhile, and the copy is the state at its
// start.
func (d *DB) Backup(w io.Writer) (n int64, err error) {
	defer damaged(d.path, &err)
	defer guard()()
	err = d.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// Compact copies the database at src into a new file dst with bbolt's
// compaction (no free pages, records packed), which a long-used database
// shrinks by. Nothing else may have src open.
func Compact(src, dst string) error {
	from, err := bolt.Open(src, 0o644, &bolt.Options{ReadOnly: true, Timeout: timeoutOf(0)})
	if err != nil {
		return fmt.Errorf("compact %s: %w", src, lockError(src, err))
	}
	defer from.Close()
	to, err := bolt.Open(dst, 0o644, &bolt.Options{Timeout: timeoutOf(0)})
	if err != nil {
		return fmt.Errorf("compact into %s: %w", dst, err)
	}
	if err := bolt.Compact(to, from, 1<<20); err != nil {
		to.Close()
		return fmt.Errorf("compact %s: %w", src, err)
	}
	return to.Close()
}
