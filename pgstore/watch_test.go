package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
	"github.com/tawsim/tawsim/pgstore/pgtest"
)

// watch subscribes to s's notices until the test ends.
func watch(t *testing.T, s *corpus.Store) <-chan corpus.Notice {
	t.Helper()
	w, ok := s.Backend().(corpus.Watcher)
	if !ok {
		t.Fatal("the postgres backend is not a corpus.Watcher")
	}
	ch := make(chan corpus.Notice, 100)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := w.Watch(ctx, func(n corpus.Notice) { ch <- n }); err != nil {
		t.Fatal(err)
	}
	return ch
}

// next waits up to a second for a notice.
func next(t *testing.T, ch <-chan corpus.Notice) (corpus.Notice, bool) {
	t.Helper()
	select {
	case n := <-ch:
		return n, true
	case <-time.After(time.Second):
		return corpus.Notice{}, false
	}
}

// TestWatch: what one store commits reaches a watcher on another store (a
// connection of its own) within a second, as a small notice naming the
// document, the layer and its revision; rolled-back work announces
// nothing, and neither does another corpus in the same database.
func TestWatch(t *testing.T) {
	target := newTarget(t)
	watcher := openStore(t, target)
	notices := watch(t, watcher)
	writer := openStore(t, target)
	elsewhere := openStore(t, newTarget(t)) // another schema, same database
	if n, ok := next(t, notices); ok {
		t.Fatalf("a notice before any write: %+v", n)
	}

	doc := corpustest.ImportText(t, writer, corpustest.SeedText)
	if n, ok := next(t, notices); !ok || n != (corpus.Notice{Doc: doc}) {
		t.Fatalf("after an import: %+v (%v), want the new document", n, ok)
	}
	pers := corpustest.Find(t, corpustest.SeedText, "بشار الأسد")
	for rev := uint64(1); rev <= 3; rev++ {
		start := time.Now()
		if _, err := writer.AddEntity(doc, "ليلى", corpus.Entity{Start: pers.Start, End: pers.End, Type: []string{"PERS", "OCC", "ORG"}[rev-1]}); err != nil {
			t.Fatal(err)
		}
		n, ok := next(t, notices)
		if want := (corpus.Notice{Doc: doc, Annotator: "ليلى", Revision: rev}); !ok || n != want {
			t.Fatalf("after change %d: %+v (%v), want %+v", rev, n, ok, want)
		}
		t.Logf("notice %d after %v", rev, time.Since(start))
	}

	// A refused change rolls back: no notice.
	if _, err := writer.AddEntity(doc, "ليلى", corpus.Entity{Start: pers.Start, End: pers.End, Type: "PERS"}); err == nil {
		t.Fatal("a duplicate was accepted")
	}
	corpustest.ImportText(t, elsewhere, "زار الرئيس بكين.")
	if n, ok := next(t, notices); ok {
		t.Fatalf("a notice for a rolled-back change or another corpus: %+v", n)
	}

	// A schema change asks watchers to reload everything.
	sc, _ := writer.Schema()
	sc.Entities[0].Colour = "#123456"
	if err := writer.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	if n, ok := next(t, notices); !ok || n != (corpus.Notice{}) {
		t.Fatalf("after a schema change: %+v (%v), want the zero notice", n, ok)
	}
}

// TestWatchEndsWithContextAndClose: a watcher stops when its context ends
// or its store closes, and Close waits for it (the race detector and the
// leak of a goroutine would tell otherwise).
func TestWatchEndsWithContextAndClose(t *testing.T) {
	target := newTarget(t)
	s, err := corpus.Open(target, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := s.Backend().(corpus.Watcher)
	ctx, cancel := context.WithCancel(context.Background())
	ended := make(chan struct{})
	if err := w.Watch(ctx, func(corpus.Notice) {}); err != nil {
		t.Fatal(err)
	}
	if err := w.Watch(context.Background(), func(corpus.Notice) {}); err != nil {
		t.Fatal(err)
	}
	cancel()
	go func() { s.Close(); close(ended) }()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not end the watchers")
	}
}

// TestWatchReconnects: when the watcher's connection is lost (here the
// server ends it), the watcher connects again, says so with the zero
// notice (reload: notices may have been missed), and goes on.
func TestWatchReconnects(t *testing.T) {
	target := newTarget(t)
	app := "tawsim-test-" + schemaOf(t, target)
	u, _ := pgtest.WithParam(target, "application_name", app)
	s := openStore(t, u)
	notices := watch(t, s)
	ct, err := sqlConn(t, target).Exec(context.Background(),
		`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, app+" (watch)")
	if err != nil || ct.RowsAffected() != 1 {
		t.Fatalf("end the watcher's connection: %v (%d)", err, ct.RowsAffected())
	}
	var n corpus.Notice
	ok := true
	select {
	case n = <-notices:
	case <-time.After(5 * time.Second):
		ok = false
	}
	if !ok || n != (corpus.Notice{}) {
		t.Fatalf("after the lost connection: %+v (%v), want the zero notice", n, ok)
	}
	doc := corpustest.ImportText(t, s, corpustest.SeedText)
	if n, ok := next(t, notices); !ok || n.Doc != doc {
		t.Fatalf("after reconnecting: %+v (%v)", n, ok)
	}
}
