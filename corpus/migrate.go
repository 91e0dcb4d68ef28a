package corpus

import (
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Version is the database layout this code writes.
const Version = 3

// migrations[i] moves a database from layout i to i+1. Layout 0 is an
// empty file. Old steps are never edited: a user's database may be at any
// version.
var migrations = []func(tx *bolt.Tx) error{
	// 0 → 1: the first layout.
	func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketDocs, bucketInfo, bucketLayers, bucketLog} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	},
	// 1 → 2: an index from text hash to document, so that import finds
	// duplicates without reading every document.
	func(tx *bolt.Tx) error {
		h, err := tx.CreateBucketIfNotExists(bucketHashes)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
			var info DocInfo
			if err := json.Unmarshal(v, &info); err != nil {
				return fmt.Errorf("document %s: %w", k, err)
			}
			return h.Put([]byte(info.SHA256), k)
		})
	},
	// 2 → 3: the change log moves from one global bucket into each
	// layer's bucket (fewer pages written per change). Old entries keep
	// their numbers, which the undo and redo stacks refer to; seqbase
	// lifts new numbers above them.
	func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketLog)
		if log == nil {
			return nil
		}
		var last uint64
		err := log.ForEach(func(k, v []byte) error {
			var c Change
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("change log entry %x: %w", k, err)
			}
			b, err := createLayerBucket(tx, c.Doc, c.Annotator)
			if err != nil {
				return err
			}
			last = max(last, c.Seq)
			return b.Put(stackKey(prefixLog, c.Seq), v)
		})
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keySeqBase, []byte(strconv.FormatUint(last, 10))); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketLog)
	},
}

func readVersion(tx *bolt.Tx) int {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return 0
	}
	v, _ := strconv.Atoi(string(m.Get(keyVersion)))
	return v
}

func (s *Store) migrate() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		v := readVersion(tx)
		if v > Version {
			return fmt.Errorf("database layout version %d is newer than this Tawsim (%d): update Tawsim", v, Version)
		}
		for ; v < Version; v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrate layout %d to %d: %w", v, v+1, err)
			}
			if err := tx.Bucket(bucketMeta).Put(keyVersion, []byte(strconv.Itoa(v+1))); err != nil {
				return err
			}
		}
		return nil
	})
}
