package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
	_ "github.com/tawsim/tawsim/pgstore"
	"github.com/tawsim/tawsim/pgstore/pgtest"
)

// server is the test server: the one make test started, or a private one
// TestMain starts; nil (with skip saying why) when PostgreSQL is missing.
var server struct {
	*pgtest.Server
	skip string
}

func TestMain(m *testing.M) {
	s, err := pgtest.Start()
	switch {
	case err == pgtest.ErrNotInstalled:
		server.skip = err.Error()
	case err != nil:
		fmt.Fprintln(os.Stderr, "pgstore tests: the test server did not start:", err)
		os.Exit(1)
	default:
		server.Server = s
	}
	code := m.Run()
	if s != nil {
		s.Stop()
	}
	os.Exit(code)
}

// newTarget makes an empty schema for one test and returns the URL that
// opens it; the schema is dropped when the test ends.
func newTarget(t testing.TB) string {
	t.Helper()
	if server.Server == nil {
		t.Skip(server.skip)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	target, drop, err := server.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Errorf("drop the test schema: %v", err)
		}
	})
	return target
}

// TestConformance runs the backend conformance suite, each test on a
// schema of its own.
func TestConformance(t *testing.T) {
	corpustest.Run(t, corpustest.Harness{NewTarget: func(t *testing.T) string { return newTarget(t) }})
}

// openStore opens target with the default schema; it is closed when the
// test ends.
func openStore(t testing.TB, target string) *corpus.Store {
	t.Helper()
	s, err := corpus.Open(target, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if !s.HasSchema() {
		sc, _ := corpus.Preset(corpus.DefaultPreset)
		if err := s.SetSchema(sc); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// sqlConn is a plain connection to target, closed when the test ends.
func sqlConn(t testing.TB, target string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
