package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Bucket names. A layer is the bucket layers/"<doc>\x00<annotator>" holding
// its info and the sub-buckets entities and events.
// The layer bucket also holds its change log and the undo and redo stacks
// as keys with a prefix, and the entities bucket its span index: fewer buckets means
// fewer dirty pages, and pages written dominate the cost of a commit.
var (
	bucketMeta   = []byte("meta")
	bucketDocs   = []byte("docs")
	bucketInfo   = []byte("docinfo")
	bucketHashes = []byte("hashes")
	bucketLayers = []byte("layers")
	bucketLog    = []byte("log") // layouts 1–2: the log now lives in each layer
	keyVersion   = []byte("version")
	keySchema    = []byte("schema")
	keyLayerInfo = []byte("info")
	bucketEnts   = []byte("entities")
	bucketEvents = []byte("events")
	keySeqBase   = []byte("seqbase")
	prefixLog    = byte('c') // layer bucket: the layer's change log, by change seq
	prefixSpan   = byte(0)   // entities bucket: span index key → entity id
	prefixUndo   = byte('u') // layer bucket: undo stack, by change seq
	prefixRedo   = byte('r') // layer bucket: redo stack, by change seq
)

// ErrNotFound is returned (wrapped) when a document, entity or event does not exist.
var ErrNotFound = errors.New("not found")

// Options tune Open. The zero value is what the app and CLI use.
type Options struct {
	// Timeout bounds the wait for the file lock held by another process.
	// Zero means one second.
	Timeout time.Duration
	// ReadOnly opens the database with a shared lock.
	ReadOnly bool
	// NoSync skips fsync on commit; only for benchmarks and bulk tests.
	NoSync bool
}

// Store is an open Tawsim database. It is safe for concurrent use by the
// goroutines of one process; bbolt allows one writing process at a time.
type Store struct {
	db   *bolt.DB
	path string

	mu     sync.Mutex
	schema *Schema // cached: only this process can change it while the lock is held
}

// Open opens or creates the database at path, migrating it to the current
// layout. A database held by another process yields a clear error within
// the timeout instead of a hang.
func Open(path string, opt *Options) (*Store, error) {
	var o Options
	if opt != nil {
		o = *opt
	}
	if o.Timeout == 0 {
		o.Timeout = time.Second
	}
	if dir := filepath.Dir(path); !o.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: o.Timeout, ReadOnly: o.ReadOnly, NoSync: o.NoSync})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%s is open in another Tawsim process (close it there, or use another --db)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if !o.ReadOnly {
		if err := s.migrate(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	} else if v, err := s.Version(); err != nil || v != Version {
		db.Close()
		if err == nil {
			err = fmt.Errorf("database layout version %d, this Tawsim reads %d; open it once read-write to migrate", v, Version)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// Close releases the database and its lock.
func (s *Store) Close() error { return s.db.Close() }

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Version is the database layout version stored in the meta bucket.
func (s *Store) Version() (int, error) {
	var v int
	err := s.db.View(func(tx *bolt.Tx) error {
		v = readVersion(tx)
		return nil
	})
	return v, err
}

// Schema returns the corpus schema.
func (s *Store) Schema() (Schema, error) {
	sc, err := s.cachedSchema()
	if err != nil {
		return Schema{}, err
	}
	return sc.Clone(), nil
}

func (s *Store) cachedSchema() (*Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.schema != nil {
		return s.schema, nil
	}
	var sc Schema
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketMeta).Get(keySchema)
		if raw == nil {
			return errors.New("the database has no schema yet: run `tawsimctl init`")
		}
		return json.Unmarshal(raw, &sc)
	})
	if err != nil {
		return nil, err
	}
	s.schema = &sc
	return s.schema, nil
}

// HasSchema reports whether init has stored a schema.
func (s *Store) HasSchema() bool {
	_, err := s.cachedSchema()
	return err == nil
}

// SetSchema replaces the schema after validating it. Annotations whose
// types disappear stay stored; use RenameEntityType to carry them along.
func (s *Store) SetSchema(sc Schema) error {
	if err := sc.Validate(); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	raw, err := json.Marshal(sc)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, raw)
	})
	if err == nil {
		c := sc.Clone()
		s.schema = &c
	}
	return err
}
