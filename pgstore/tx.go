package pgstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
)

// txn is one transaction on one connection, seen by corpus as a ReadTx or
// WriteTx. It saves round trips: BEGIN travels with the first statement,
// and writes wait in the transaction until the next statement that must go
// to the server (a read the layers held in memory cannot answer, or
// COMMIT), which they travel with.
type txn struct {
	d     *DB
	ctx   context.Context
	conn  *pgx.Conn
	write bool
	begun bool
	// failed is the first error of a statement: the server has aborted the
	// transaction, so everything after it fails too and COMMIT is refused,
	// even if a caller ignored the error.
	failed error
	queue  []stmt
	// writers are the layers this transaction has locked, by key; dirty
	// those of them with changes not yet sent (a schema update locks
	// every layer, and must not look at them all on every round trip).
	writers map[layerKey]*writer
	dirty   []*writer
	// learned are the document records this write transaction read, for
	// the cache once it commits (one it stored itself may yet roll back).
	learned []corpus.DocInfo
}

// layerKey names a layer.
type layerKey struct{ doc, ann string }

func (k layerKey) String() string { return k.doc + "/" + k.ann }

func compareKeys(a, b layerKey) int {
	if c := cmp.Compare(a.doc, b.doc); c != 0 {
		return c
	}
	return cmp.Compare(a.ann, b.ann)
}

// stmt is one statement. row, when set, is called for each row the
// statement returns, while the connection is busy: it must not query.
type stmt struct {
	what string // what the statement does, for errors
	sql  string
	args []any
	row  func(pgx.Rows) error
}

// copyRows is a bulk insert sent with COPY.
type copyRows struct {
	what    string
	table   string
	columns []string
	rows    [][]any
}

// copyThreshold is the number of rows from which inserting into one table
// goes by COPY rather than by an INSERT of unnested arrays: below it the
// INSERT wins, as it rides in the same round trip as the rest. Roles under
// row-level security always INSERT, since PostgreSQL refuses them COPY.
const copyThreshold = 500

func (t *txn) beginSQL() string {
	if t.write {
		// Explicit, so that a server whose default is SERIALIZABLE does not
		// make edits fail with serialization errors: the layer locks are
		// what keeps edits apart.
		return "BEGIN ISOLATION LEVEL READ COMMITTED"
	}
	return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
}

// exec queues a write until the next round trip.
func (t *txn) exec(what, sql string, args ...any) error {
	if t.failed != nil {
		return t.failed
	}
	t.queue = append(t.queue, stmt{what: what, sql: sql, args: args})
	return nil
}

// run sends the waiting writes, then stmts, in one round trip (two or more
// when a bulk insert goes by COPY).
func (t *txn) run(stmts ...stmt) error {
	if t.failed != nil {
		return t.failed
	}
	pending, copies, err := t.drain()
	if err != nil {
		t.failed = err
		return err
	}
	if len(copies) > 0 {
		if err := t.send(pending); err != nil {
			return err
		}
		for _, c := range copies {
			if _, err := t.conn.CopyFrom(t.ctx, pgx.Identifier{c.table}, c.columns, pgx.CopyFromRows(c.rows)); err != nil {
				t.failed = fmt.Errorf("%s: %w", c.what, t.d.explain(err))
				return t.failed
			}
		}
		pending = nil
	}
	return t.send(append(pending, stmts...))
}

// drain takes the waiting writes: the queue, and what the locked layers
// changed in memory.
func (t *txn) drain() ([]stmt, []copyRows, error) {
	var out []stmt
	var copies []copyRows
	slices.SortFunc(t.dirty, func(a, b *writer) int { return compareKeys(a.key, b.key) })
	for _, w := range t.dirty {
		s, c, err := w.flush()
		if err != nil {
			return nil, nil, err
		}
		out = append(out, s...)
		copies = append(copies, c...)
	}
	t.dirty = t.dirty[:0]
	out = append(out, t.queue...)
	t.queue = nil
	return out, copies, nil
}

// send sends stmts in one batch, BEGIN first when the transaction has not
// begun, and reads every result.
func (t *txn) send(stmts []stmt) error {
	if !t.begun {
		stmts = append([]stmt{{what: "begin a transaction", sql: t.beginSQL()}}, stmts...)
		t.begun = true
	}
	if len(stmts) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, s := range stmts {
		b.Queue(s.sql, s.args...)
	}
	br := t.conn.SendBatch(t.ctx, b)
	for _, s := range stmts {
		if err := s.result(br); err != nil {
			br.Close()
			t.failed = fmt.Errorf("%s: %w", s.what, t.d.explain(err))
			return t.failed
		}
	}
	if err := br.Close(); err != nil {
		t.failed = t.d.explain(err)
		return t.failed
	}
	return nil
}

func (s stmt) result(br pgx.BatchResults) error {
	if s.row == nil {
		ct, err := br.Exec()
		if err == nil && s.sql == "COMMIT" && ct.String() != "COMMIT" {
			// The server answers COMMIT of an aborted transaction with ROLLBACK.
			err = errors.New("the server rolled the transaction back")
		}
		return err
	}
	rows, err := br.Query()
	if err != nil {
		if rows != nil {
			rows.Close()
		}
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := s.row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// query runs one statement that returns rows, after the waiting writes.
func (t *txn) query(what, sql string, args []any, row func(pgx.Rows) error) error {
	return t.run(stmt{what: what, sql: sql, args: args, row: row})
}

// queryRow runs a statement that returns at most one row and scans it
// into dest; found is false when it returned none.
func (t *txn) queryRow(what, sql string, args []any, dest ...any) (found bool, err error) {
	err = t.query(what, sql, args, func(r pgx.Rows) error {
		found = true
		return r.Scan(dest...)
	})
	return found, err
}

// commit sends the waiting writes and COMMIT together.
func (t *txn) commit() error {
	if t.failed != nil {
		return t.failed
	}
	if !t.begun && len(t.queue) == 0 && len(t.writers) == 0 {
		return nil // fn asked nothing of the server
	}
	if err := t.run(stmt{what: "commit", sql: "COMMIT"}); err != nil {
		return err
	}
	t.begun = false
	return nil
}

// rollback ends a transaction that failed. If even that fails, the pool
// closes the connection when it is released in a transaction.
func (t *txn) rollback() {
	if t.begun {
		_, _ = t.conn.Exec(t.ctx, "ROLLBACK")
		t.begun = false
	}
}
