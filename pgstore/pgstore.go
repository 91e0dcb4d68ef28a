// Package pgstore keeps a Tawsim corpus in PostgreSQL, so that a team can
// annotate one corpus at once: each annotator's app opens the same
// database, edits of one layer wait for each other on that layer's row
// lock while edits of different layers run side by side, and every commit
// is announced (LISTEN/NOTIFY) for live updates. It implements
// corpus.Backend (and corpus.DocScanner and corpus.Watcher); importing it
// registers it with corpus.Open for postgres:// and postgresql:// URLs.
//
// Credentials come from the URL, the PG* environment variables or
// ~/.pgpass, as for libpq; a password never appears in Describe or in an
// error. docs/postgres.md describes the tables, the set-up an
// administrator runs for row-level security (setup.sql), and the figures.
package pgstore

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tawsim/tawsim/corpus"
)

func init() {
	open := func(target string, opt corpus.Options) (corpus.Backend, error) { return Open(target, opt) }
	corpus.RegisterBackend("postgres", open)
	corpus.RegisterBackend("postgresql", open)
}

// DB is an open PostgreSQL corpus.
type DB struct {
	pool     *pgxpool.Pool
	location string // the URL without its password
	role     string // the role we log in as, for messages
	schema   string // the schema holding the tables: the first of the search path
	readOnly bool
	layout   int
	// bulkCopy says whether big inserts may go by COPY, which PostgreSQL
	// refuses on tables whose row-level security applies to us.
	bulkCopy bool
	infos    infoCache

	// closed ends the watchers when the DB closes.
	closed   context.Context
	close    context.CancelFunc
	watchers sync.WaitGroup
}

// Open connects to the database at the URL target and brings its tables to
// the current layout, unless opt.ReadOnly, which only checks the layout.
// opt.Timeout bounds the wait for another Tawsim that is changing the
// layout at the same moment.
func Open(target string, opt corpus.Options) (*DB, error) {
	cfg, location, err := config(target, opt)
	if err != nil {
		return nil, err
	}
	return open(cfg, location, opt)
}

func open(cfg *pgxpool.Config, location string, opt corpus.Options) (*DB, error) {
	// Connecting is bounded by the URL's connect_timeout (10s when it has
	// none), waiting for another app's migration by opt.Timeout.
	ctx := context.Background()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", location, err)
	}
	d := &DB{pool: pool, location: location, role: cfg.ConnConfig.User, readOnly: opt.ReadOnly}
	if opt.ReadOnly {
		err = d.checkVersion(ctx)
	} else {
		err = d.migrate(ctx, opt.Timeout)
	}
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open %s: %w", location, d.explain(err))
	}
	d.closed, d.close = context.WithCancel(context.Background())
	return d, nil
}

// View runs fn in a read-only REPEATABLE READ transaction: every query in
// it sees the database as it was at the first.
func (d *DB) View(fn func(corpus.ReadTx) error) error {
	return d.run(false, func(t *txn) error { return fn(t) })
}

// Update runs fn in a READ COMMITTED transaction, committed when fn returns
// nil and rolled back otherwise. A layer is locked (SELECT … FOR UPDATE)
// when fn first asks to change it, and stays locked until the end, so
// edits of one layer run one after the other and never conflict, while
// edits of different layers run in parallel. SERIALIZABLE would add
// nothing for layers and would make imports and schema updates fail
// spuriously and need retrying, which corpus's callbacks are not written
// for.
func (d *DB) Update(fn func(corpus.WriteTx) error) error {
	if d.readOnly {
		return fmt.Errorf("%s: %w", d.location, corpus.ErrReadOnly)
	}
	return d.run(true, func(t *txn) error { return fn(t) })
}

func (d *DB) run(write bool, fn func(*txn) error) error {
	ctx := context.Background()
	conn, err := d.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", d.location, d.explain(err))
	}
	// A connection released inside a transaction (after a panic, or a
	// failed rollback) is closed by the pool, never reused.
	defer conn.Release()
	t := &txn{d: d, ctx: ctx, conn: conn.Conn(), write: write}
	if err := fn(t); err != nil {
		t.rollback()
		return err
	}
	if err := t.commit(); err != nil {
		t.rollback()
		return err
	}
	if len(t.learned) > 0 {
		d.infos.add(t.learned...)
	}
	return nil
}

// Describe names the database by its URL without the password.
func (d *DB) Describe() corpus.BackendInfo {
	return corpus.BackendInfo{Kind: "postgres", Location: d.location, Layout: d.layout, ReadOnly: d.readOnly}
}

// Close ends the watchers and closes the connections, waiting for
// transactions in progress.
func (d *DB) Close() error {
	d.close()
	d.watchers.Wait()
	d.pool.Close()
	return nil
}

// Schema is the PostgreSQL schema that holds the corpus's tables.
func (d *DB) Schema() string { return d.schema }

// Pool is the connection pool, for tests and maintenance that work on the
// tables themselves.
func (d *DB) Pool() *pgxpool.Pool { return d.pool }

// connConfig is a copy of the connection settings, for a connection of
// its own (a watcher's).
func (d *DB) connConfig() *pgx.ConnConfig { return d.pool.Config().ConnConfig.Copy() }
