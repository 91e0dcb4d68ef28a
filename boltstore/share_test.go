package boltstore

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// holding opens a database as the app does: held and shared. It stays
// open until the test ends.
func holding(t *testing.T, path string, onCommit func([]Touched)) (*corpus.Store, *Share) {
	t.Helper()
	d, err := Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh, err := d.Serve(Holder{Program: "tawsim", Annotator: "amira"}, onCommit)
	if err != nil {
		t.Fatal(err)
	}
	s := corpus.New(d)
	t.Cleanup(func() { sh.Close(); s.Close() })
	return s, sh
}

// TestConformanceShared runs the conformance suite through a holding
// process: every transaction goes over the socket.
func TestConformanceShared(t *testing.T) {
	corpustest.Run(t, corpustest.Harness{NewTarget: func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "corpus.db")
		holding(t, path, nil)
		return path
	}})
}

func TestShareWhileHeld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	var mu sync.Mutex
	var touched []Touched
	app, _ := holding(t, path, func(ts []Touched) { mu.Lock(); touched = append(touched, ts...); mu.Unlock() })
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	app.SetSchema(sc)
	doc := corpustest.ImportText(t, app, corpustest.SeedText)

	// A command opens the held file: it is reached through the holder.
	start := time.Now()
	cli, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("opening a shared database took %v", took)
	}
	if _, ok := cli.Backend().(*remote); !ok {
		t.Fatalf("the second open is a %T, not through the holder", cli.Backend())
	}
	if docs, err := cli.Documents(); err != nil || len(docs) != 1 {
		t.Fatalf("list through the holder: %v %v", docs, err)
	}
	// An import from the command shows up in the app's store, and the app
	// hears of it.
	res, err := cli.Import([]corpus.ImportItem{{Origin: "cli", Doc: corpus.NewDoc{Text: "زار الرئيس بكين."}}})
	if err != nil {
		t.Fatal(err)
	}
	if docs, _ := app.Documents(); len(docs) != 2 {
		t.Errorf("the app sees %d documents after the command's import", len(docs))
	}
	heard := func() []Touched { mu.Lock(); defer mu.Unlock(); return append([]Touched(nil), touched...) }
	for wait := time.Now(); len(heard()) == 0 && time.Since(wait) < time.Second; {
		time.Sleep(5 * time.Millisecond) // the holder hears of a commit just after the client
	}
	if h := heard(); len(h) != 1 || h[0].Doc != res.IDs[0] {
		t.Errorf("the app heard %+v", h)
	}
	// The app keeps working meanwhile; the command reads what it wrote.
	if _, err := app.AddEntity(doc, "amira", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if l, err := cli.Layer(doc, "amira"); err != nil || len(l.Entities) != 1 {
		t.Errorf("the command reads the app's layer: %+v %v", l, err)
	}
	// Backup and check go through the holder too.
	bak := filepath.Join(t.TempDir(), "b.db")
	if n, err := cli.Backup(bak, false); err != nil || n == 0 {
		t.Errorf("backup through the holder: %d %v", n, err)
	}
	if r, err := cli.Check(context.Background(), nil); err != nil || !r.OK() || r.Documents != 2 {
		t.Errorf("check through the holder: %+v %v", r, err)
	}
	// Errors keep their kind across the socket.
	if _, err := cli.Document("0190a0b0-0000-7000-8000-00000000dead"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("not found through the holder: %v", err)
	}
	ro, err := corpus.Open(path, &corpus.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.AddEntity(doc, "x", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); !errors.Is(err, corpus.ErrReadOnly) {
		t.Errorf("a read-only client wrote: %v", err)
	}
}

// TestShareClientDies: a client that goes away in the middle of a write
// leaves nothing behind, and the holder goes on.
func TestShareClientDies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	app, _ := holding(t, path, nil)
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	app.SetSchema(sc)
	doc := corpustest.ImportText(t, app, corpustest.SeedText)
	r, err := dialRemote(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := r.begin(opBeginUpdate)
	if err != nil {
		t.Fatal(err)
	}
	tx.write = true
	lw, err := tx.LayerForUpdate(doc, "ghost")
	if err != nil {
		t.Fatal(err)
	}
	lw.PutEntity(nil, &corpus.Entity{ID: "T1", Start: 0, End: 4, Type: "PERS"})
	tx.c.Close() // gone without commit
	// The holder's next write waits for the rollback, then goes ahead.
	done := make(chan error, 1)
	go func() {
		_, err := app.AddEntity(doc, "amira", corpus.Entity{Start: 5, End: 9, Type: "PERS"})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the holder's write is stuck behind a dead client's transaction")
	}
	if l, _ := app.Layer(doc, "ghost"); len(l.Entities) != 0 {
		t.Errorf("a dead client's write was kept: %+v", l)
	}
}

// TestSecondHolderNamed: a second app cannot hold a held file; the error
// names who holds it, within about a second.
func TestSecondHolderNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	holding(t, path, nil)
	start := time.Now()
	_, err := Open(path, corpus.Options{})
	if err == nil || !strings.Contains(err.Error(), "tawsim (pid") || !strings.Contains(err.Error(), "annotator amira") {
		t.Errorf("second holder: %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the refusal took %v", took)
	}
}
