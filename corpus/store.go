package corpus

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// ErrNotFound is returned (wrapped) when a document, entity or event does not exist.
var ErrNotFound = errors.New("not found")

// ErrDamaged is returned (wrapped) when the database's records or pages
// cannot be read as written: the file is damaged (a crash of the disk, a
// cut copy). The way out is a backup.
var ErrDamaged = errors.New("the database is damaged")

// ErrNoSchema is returned (wrapped) by a database that init has not set up yet.
var ErrNoSchema = errors.New("the database has no schema yet: run `tawsimctl init`")

// Options tune Open. The zero value is what the app and CLI use.
type Options struct {
	// Timeout bounds the wait for a database held by another process.
	// Zero means one second.
	Timeout time.Duration
	// ReadOnly opens the database for reading only.
	ReadOnly bool
	// NoSync skips fsync on commit; only for benchmarks and bulk tests.
	NoSync bool
	// MustExist refuses to create a database that is not there (a typo in
	// --db must not make a new, empty one).
	MustExist bool
	// CreateFolder creates the database's folder when it is missing (the
	// default location, or init); otherwise a missing folder is an error.
	CreateFolder bool
}

// Store is an open Tawsim database: what the app, the CLI, export and
// review use. It holds the rules (validation, the change log, undo and
// redo, duplicate detection) and leaves keeping the records to a Backend.
// It is safe for concurrent use by the goroutines of one process.
type Store struct {
	be Backend

	mu     sync.Mutex
	schema *Schema // cached; SetSchema and UpdateSchema replace it
}

// Open opens the database at target: a file path for the embedded
// database, or a URL whose scheme names a registered backend. A database
// held by another process yields a clear error within the timeout instead
// of a hang.
func Open(target string, opt *Options) (*Store, error) {
	var o Options
	if opt != nil {
		o = *opt
	}
	if o.Timeout == 0 {
		o.Timeout = time.Second
	}
	open, err := findBackend(target)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", target, err)
	}
	be, err := open(target, o)
	if err != nil {
		return nil, err
	}
	return New(be), nil
}

// New makes a Store over an open backend.
func New(be Backend) *Store { return &Store{be: be} }

// Close releases the database.
func (s *Store) Close() error { return s.be.Close() }

// Path names the database: a file path, or a URL without its password.
func (s *Store) Path() string { return s.be.Describe().Location }

// Info describes the database: its backend, location and layout.
func (s *Store) Info() BackendInfo { return s.be.Describe() }

// Backend is the storage engine under the store, for tools that work on
// the storage itself (backup, consistency checks).
func (s *Store) Backend() Backend { return s.be }

// Version is the database's storage layout version.
func (s *Store) Version() (int, error) { return s.be.Describe().Layout, nil }

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
	var sc *Schema
	err := s.be.View(func(tx ReadTx) error {
		var err error
		sc, err = tx.Schema()
		return err
	})
	if err != nil {
		return nil, err
	}
	if sc == nil {
		return nil, ErrNoSchema
	}
	s.schema = sc
	return s.schema, nil
}

// HasSchema reports whether init has stored a schema, even one that
// cannot be read any more (so that init never replaces a damaged one).
func (s *Store) HasSchema() bool {
	_, err := s.cachedSchema()
	return !errors.Is(err, ErrNoSchema)
}

// SetSchema replaces the schema after validating it. Annotations whose
// types disappear stay stored; UpdateSchema carries them along.
func (s *Store) SetSchema(sc Schema) error {
	if err := sc.Validate(); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.be.Update(func(tx WriteTx) error { return tx.SetSchema(sc) })
	if err == nil {
		c := sc.Clone()
		s.schema = &c
	}
	return err
}

// view and update run fn in a read or write transaction of the backend.
func (s *Store) view(fn func(ReadTx) error) error    { return s.be.View(fn) }
func (s *Store) update(fn func(WriteTx) error) error { return s.be.Update(fn) }

// ReloadSchema forgets the cached schema, so the next read takes what is
// stored: another process may have changed it.
func (s *Store) ReloadSchema() {
	s.mu.Lock()
	s.schema = nil
	s.mu.Unlock()
}
