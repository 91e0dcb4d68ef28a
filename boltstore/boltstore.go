// Package boltstore keeps a Tawsim corpus in one bbolt file: the embedded
// database every desktop uses by default. It implements corpus.Backend and
// is the only package that imports bbolt; importing it registers it with
// corpus.Open for plain file paths.
package boltstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
)

func init() {
	corpus.RegisterBackend("", openBackend)
}

// openBackend opens the file, or, when another Tawsim process holds it
// and shares it (the app does), reaches it through that process.
func openBackend(path string, opt corpus.Options) (corpus.Backend, error) {
	// A process that shares the file answers at once; asking first spares
	// the wait for its lock.
	if r, err := dialRemote(path, opt); err == nil {
		return r, nil
	}
	d, err := Open(path, opt)
	if errors.Is(err, errLocked) {
		if r, rerr := dialRemote(path, opt); rerr == nil {
			return r, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// errLocked marks an open that found the file held by another process.
var errLocked = errors.New("locked by another process")

// DB is an open bbolt database holding a corpus.
type DB struct {
	db       *bolt.DB
	path     string
	readOnly bool
	layout   int // read at open: only this process can migrate the file
}

// Open opens or creates the database file at path, migrating it to the
// current layout. bbolt lets one process write a file at a time; a file
// held by another process gives a clear error within opt.Timeout.
func Open(path string, opt corpus.Options) (_ *DB, err error) {
	defer damaged(path, &err)
	defer guard()()
	if err := checkPlace(path, opt); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o666, &bolt.Options{Timeout: timeoutOf(opt.Timeout), ReadOnly: opt.ReadOnly, NoSync: opt.NoSync,
		InitialMmapSize: initialMmap})
	if err != nil {
		return nil, lockError(path, err)
	}
	if !opt.ReadOnly {
		recordHolder(path, Holder{Program: filepath.Base(os.Args[0]), PID: os.Getpid(), Since: time.Now().Format(time.RFC3339)})
	}
	defer func() {
		if r := recover(); r != nil {
			err = damagedError(path, r)
		}
		if err != nil {
			db.Close() // release the lock of a file we cannot use
		}
	}()
	d := &DB{db: db, path: path, readOnly: opt.ReadOnly}
	if err := d.checkLength(); err != nil {
		return nil, err
	}
	if opt.ReadOnly {
		err = d.checkVersion()
	} else {
		err = d.migrate()
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	_ = db.View(func(tx *bolt.Tx) error { d.layout = readVersion(tx); return nil })
	return d, nil
}

// View runs fn in a read-only transaction: a consistent snapshot.
func (d *DB) View(fn func(corpus.ReadTx) error) (err error) {
	defer damaged(d.path, &err)
	defer guard()()
	return d.db.View(func(tx *bolt.Tx) error { return fn(&txn{tx: tx}) })
}

// Update runs fn in a read-write transaction, committed when fn returns
// nil and rolled back otherwise.
func (d *DB) Update(fn func(corpus.WriteTx) error) (err error) {
	defer damaged(d.path, &err) // bbolt rolls the transaction back first
	defer guard()()
	if d.readOnly {
		return fmt.Errorf("%s: %w", d.path, corpus.ErrReadOnly)
	}
	return d.db.Update(func(tx *bolt.Tx) error { return fn(&txn{tx: tx}) })
}

// Describe names the file and its layout.
func (d *DB) Describe() corpus.BackendInfo {
	return corpus.BackendInfo{Kind: "bbolt", Location: d.path, Layout: d.layout, ReadOnly: d.readOnly}
}

// Close releases the file and its lock.
func (d *DB) Close() error {
	if !d.readOnly {
		forgetHolder(d.path)
	}
	return d.db.Close()
}

// Bolt is the underlying bbolt database, for benchmarks and maintenance
// that work on the file itself.
func (d *DB) Bolt() *bolt.DB { return d.db }

// initialMmap is the address space mapped for the file from the start. It
// costs no memory (pages load as they are read), and it spares the remaps
// a growing file needs otherwise: each one copies every page a write
// transaction holds, which made a large import spend a third of its time
// remapping, and a long read transaction blocks a remap altogether.
const initialMmap = 1 << 30

// timeoutOf is the wait for another process's lock: one second unless set.
func timeoutOf(t time.Duration) time.Duration {
	if t == 0 {
		return time.Second
	}
	return t
}

// lockError explains a failed bbolt open, naming the process that holds
// the file when it is known.
func lockError(path string, err error) error {
	if errors.Is(err, bolt.ErrTimeout) {
		if h, ok := holderOf(path); ok {
			return fmt.Errorf("%s is open in %s: close it there, or use another --db: %w", path, h, errLocked)
		}
		return fmt.Errorf("%s is open in another Tawsim process (close it there, or use another --db): %w", path, errLocked)
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// checkPlace refuses to make a database where the user did not mean one:
// in a folder that does not exist (unless asked to create it), or at all
// when it must exist already.
func checkPlace(path string, opt corpus.Options) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if opt.MustExist || opt.ReadOnly {
		return fmt.Errorf("open %s: no database there (check the path; tawsimctl init creates one): %w", path, os.ErrNotExist)
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if !opt.CreateFolder {
			return fmt.Errorf("open %s: the folder %s does not exist (check the path; tawsimctl init creates it)", path, dir)
		}
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return fmt.Errorf("open %s: %w", path, err)
		}
	}
	return nil
}
