package boltstore

import (
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
)

// Version is the database layout this code writes.
const Version = 5

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
			var info corpus.DocInfo
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
			var c corpus.Change
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
	// 3 → 4: change numbers and new item ids come from counters in each
	// layer's info record instead of bbolt's transaction ids and bucket
	// sequences, which compaction and copying renumber. Each layer's
	// counters start at what its log and buckets already hold.
	func(tx *bolt.Tx) error {
		layers := tx.Bucket(bucketLayers)
		err := layers.ForEachBucket(func(k []byte) error {
			b := layers.Bucket(k)
			l := &layer{b: b}
			l.doc, l.annotator = splitLayerKey(k)
			info, err := l.Info()
			if err != nil {
				return err
			}
			for _, p := range []byte{prefixLog, byte(corpus.UndoStack), byte(corpus.RedoStack)} {
				if _, last, ok, _ := l.StackEnds(corpus.Stack(p)); ok {
					info.Seq = max(info.Seq, last)
				}
			}
			info.NextEntity = max(info.NextEntity, b.Bucket(bucketEnts).Sequence())
			info.NextEvent = max(info.NextEvent, b.Bucket(bucketEvents).Sequence())
			return l.SetInfo(info)
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keySeqBase)
	},
	// 4 → 5: the layer info index, a copy of every layer's info record in
	// one bucket, so that lists and counts need not open every layer.
	func(tx *bolt.Tx) error {
		index, err := tx.CreateBucketIfNotExists(bucketLayerInfo)
		if err != nil {
			return err
		}
		layers := tx.Bucket(bucketLayers)
		return layers.ForEachBucket(func(k []byte) error {
			raw := layers.Bucket(k).Get(keyLayerInfo)
			if raw == nil {
				info := corpus.LayerInfo{Status: corpus.StatusNew}
				raw = encodeInfo(&info)
			}
			return index.Put(k, raw)
		})
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

func (d *DB) migrate() error {
	return d.db.Update(func(tx *bolt.Tx) error {
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

// checkVersion refuses a file this code cannot read without migrating it,
// which a read-only open cannot do.
func (d *DB) checkVersion() error {
	v := 0
	_ = d.db.View(func(tx *bolt.Tx) error { v = readVersion(tx); return nil })
	if v != Version {
		return fmt.Errorf("database layout version %d, this Tawsim reads %d; open it once read-write to migrate", v, Version)
	}
	return nil
}
