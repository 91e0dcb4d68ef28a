package main

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/pgstore/pgtest"
	"github.com/tawsim/tawsim/ui"
)

// TestLiveUpdatesFromTheTeamServer opens the app's window on a PostgreSQL
// database as the app does, then a colleague (a second connection) imports
// a document and annotates the open one as this annotator would on another
// desktop: both reach the open session within a second.
func TestLiveUpdatesFromTheTeamServer(t *testing.T) {
	srv, err := pgtest.Start()
	if err == pgtest.ErrNotInstalled {
		t.Skip(err)
	} else if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	target, drop, err := srv.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer drop()

	test.NewTempApp(t)
	var mu sync.Mutex // stands for the UI goroutine: the window is touched under it
	h := holder{onUI: func(fn func()) { mu.Lock(); defer mu.Unlock(); fn() }}
	store, err := h.open(target, true)
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()
	if _, err := store.Import([]corpus.ImportItem{{Origin: "seed", Doc: corpus.NewDoc{Text: "أجرى الرئيس الصيني شي جين بينغ محادثات مع بشار الأسد."}}}); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	defer w.Close()
	win, err := ui.NewWindow(w, store, "amira", ui.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.share("amira", win)
	open := win.Session().Doc().ID

	colleague, err := corpus.Open(target, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer colleague.Close()
	start := time.Now()
	if _, err := colleague.Import([]corpus.ImportItem{{Origin: "cli", Doc: corpus.NewDoc{Text: "زار الرئيس بكين."}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := colleague.AddEntity(open, "amira", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	arrived := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(win.Session().Documents()) == 2 && len(win.Session().Layer().Entities) == 1
	}
	for !arrived() && time.Since(start) < 3*time.Second {
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(start)
	if !arrived() {
		t.Fatalf("the colleague's work did not reach the open session in %v", took)
	}
	if took > time.Second {
		t.Errorf("the colleague's work took %v to reach the open session (goal: within a second)", took)
	}
	t.Logf("a colleague's import and annotation reached the open window in %v", took)
}
