package boltstore

import (
	"bytes"
	"context"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// CheckStorage checks the file's structure in a read transaction, so it
// can run while others work: first by reading every bucket and key on
// this goroutine (where a fault on a damaged page becomes an error), then,
// when that went well, with bbolt's own check of pages and free list,
// which runs on a goroutine of its own where a fault could not be caught.
func (d *DB) CheckStorage(ctx context.Context) (found []string, err error) {
	defer damaged(d.path, &err)
	defer guard()()
	err = d.db.View(func(tx *bolt.Tx) error {
		if problem := walk(tx); problem != "" {
			found = append(found, problem)
			return nil
		}
		for e := range tx.Check() {
			found = append(found, e.Error())
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		found = append(found, checkIndex(tx)...)
		return nil
	})
	return found, err
}

// checkIndex compares the layer info index with the layers' own records.
func checkIndex(tx *bolt.Tx) (found []string) {
	layers, index := tx.Bucket(bucketLayers), tx.Bucket(bucketLayerInfo)
	if layers == nil || index == nil {
		return []string{"the layers or the layer info index is missing"}
	}
	listed := 0
	layers.ForEachBucket(func(k []byte) error {
		listed++
		doc, ann := splitLayerKey(k)
		own, inIndex := layers.Bucket(k).Get(keyLayerInfo), index.Get(k)
		switch {
		case inIndex == nil:
			found = append(found, fmt.Sprintf("layer %s/%s is missing from the layer info index", doc, ann))
		case own != nil && !bytes.Equal(own, inIndex):
			found = append(found, fmt.Sprintf("layer %s/%s: the layer info index differs from the layer", doc, ann))
		}
		return nil
	})
	if n := index.Stats().KeyN; n != listed {
		found = append(found, fmt.Sprintf("the layer info index lists %d layers, there are %d", n, listed))
	}
	return found
}

// walk reads every bucket and key; it returns what a damaged page broke.
func walk(tx *bolt.Tx) (problem string) {
	defer func() {
		if r := recover(); r != nil {
			problem = fmt.Sprintf("a page cannot be read: %v", r)
		}
	}()
	var visit func(b *bolt.Bucket) error
	visit = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				if sub := b.Bucket(k); sub != nil {
					return visit(sub)
				}
			}
			return nil
		})
	}
	err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return visit(b) })
	if err != nil {
		return err.Error()
	}
	return ""
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
