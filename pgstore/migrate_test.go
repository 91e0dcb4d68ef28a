package pgstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/pgstore"
	"github.com/tawsim/tawsim/pgstore/pgtest"
)

// tables counts Tawsim's tables in the target's schema.
func tables(t *testing.T, target string) int {
	t.Helper()
	var n int
	err := sqlConn(t, target).QueryRow(context.Background(), `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()
		AND tablename IN ('meta', 'documents', 'layers', 'entities', 'events', 'changes', 'stacks')`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestMigrationFresh(t *testing.T) {
	target := newTarget(t)
	s := openStore(t, target)
	if info := s.Info(); info.Layout != pgstore.Version || info.Kind != "postgres" {
		t.Errorf("info after the first open: %+v", info)
	}
	if n := tables(t, target); n != 7 {
		t.Errorf("%d tables, want 7", n)
	}
	s.Close()
	again := openStore(t, target)
	if v, _ := again.Version(); v != pgstore.Version {
		t.Errorf("layout on reopening: %d", v)
	}
}

// TestConcurrentFirstOpen: apps opening a new database at the same moment
// take turns on the advisory lock; all succeed and the tables are made once.
func TestConcurrentFirstOpen(t *testing.T) {
	target := newTarget(t)
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := corpus.Open(target, &corpus.Options{Timeout: 30 * time.Second})
			if err != nil {
				t.Error(err)
				return
			}
			s.Close()
		}()
	}
	wg.Wait()
	if n := tables(t, target); n != 7 {
		t.Errorf("%d tables, want 7", n)
	}
}

func TestNewerLayoutRefused(t *testing.T) {
	target := newTarget(t)
	openStore(t, target).Close()
	if _, err := sqlConn(t, target).Exec(context.Background(), `UPDATE meta SET value = '99' WHERE key = 'layout'`); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []*corpus.Options{nil, {ReadOnly: true}} {
		_, err := corpus.Open(target, opt)
		if err == nil || !strings.Contains(err.Error(), "database layout version 99 is newer than this Tawsim") &&
			!strings.Contains(err.Error(), "database layout version 99, this Tawsim reads") {
			t.Errorf("open (%+v) of a newer database: %v", opt, err)
		}
	}
}

func TestOpenRefusals(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		prepare func(t *testing.T, target string) string // returns the URL to open
		opt     *corpus.Options
		want    string
	}{
		{"read-only open of a new database", func(t *testing.T, target string) string { return target },
			&corpus.Options{ReadOnly: true}, "open it once read-write to migrate"},
		{"a schema holding another program's meta table", func(t *testing.T, target string) string {
			if _, err := sqlConn(t, target).Exec(ctx, `CREATE TABLE meta (key text PRIMARY KEY, value json)`); err != nil {
				t.Fatal(err)
			}
			return target
		}, nil, "not Tawsim's"},
		{"a search path naming no schema", func(t *testing.T, target string) string {
			u, _ := pgtest.WithParam(target, "search_path", "nowhere_"+schemaOf(t, target))
			return u
		}, nil, "names no schema that exists"},
		{"a role that may not create tables", func(t *testing.T, target string) string {
			role := "guest_" + strings.TrimPrefix(schemaOf(t, target), "t_")
			conn := sqlConn(t, target)
			if _, err := conn.Exec(ctx, "CREATE ROLE "+role+" LOGIN; GRANT USAGE ON SCHEMA "+schemaOf(t, target)+" TO "+role); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { conn.Exec(context.Background(), "DROP OWNED BY "+role+"; DROP ROLE "+role) })
			u, _ := pgtest.WithParam(target, "user", role)
			return u
		}, nil, "the database's owner must open it once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := newTarget(t)
			s, err := corpus.Open(tt.prepare(t, target), tt.opt)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to say %q", err, tt.want)
			}
			if n := tables(t, target); n > 1 {
				t.Errorf("a refused open left %d tables", n)
			}
		})
	}
}

// TestMigrationIsAtomic: a step that fails half-way leaves nothing of it.
func TestMigrationIsAtomic(t *testing.T) {
	target := newTarget(t)
	if _, err := sqlConn(t, target).Exec(context.Background(), `CREATE TABLE stacks (x int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := corpus.Open(target, nil); err == nil || !strings.Contains(err.Error(), "migrate layout 0 to 1") {
		t.Fatalf("open over a clashing table: %v", err)
	}
	if n := tables(t, target); n != 1 {
		t.Errorf("%d tables after the failed migration, want only the clashing one", n)
	}
}

// TestMigrationLockTimeout: an open waits for another Tawsim's migration
// of the same schema for at most the timeout, then says why it gave up.
func TestMigrationLockTimeout(t *testing.T) {
	target := newTarget(t)
	ctx := context.Background()
	tx, err := sqlConn(t, target).Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tawsim layout ' || current_schema(), 0))`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = corpus.Open(target, &corpus.Options{Timeout: 300 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "another Tawsim is updating this database's layout") {
		t.Errorf("open while another migrates: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the refusal took %v", d)
	}
	tx.Rollback(ctx)
	openStore(t, target)
}
