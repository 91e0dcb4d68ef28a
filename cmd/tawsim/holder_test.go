package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim"
	"github.com/tawsim/tawsim/cmd/tawsimctl/cli"
	"github.com/tawsim/tawsim/ui"
)

// TestCommandsWhileTheAppHoldsTheDatabase opens a database the way the app
// does (held and shared), then runs tawsimctl list, export and import
// against it while the window is open: they work, and the import shows up
// in the open session without a restart.
func TestCommandsWhileTheAppHoldsTheDatabase(t *testing.T) {
	test.NewTempApp(t)
	db := filepath.Join(t.TempDir(), "corpus.db")
	var mu sync.Mutex // stands for the UI goroutine: the window is touched under it
	h := holder{onUI: func(fn func()) { mu.Lock(); defer mu.Unlock(); fn() }}
	store, err := h.open(db, true)
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()
	items, _ := tawsim.Samples()
	if _, err := store.Import(items[:2]); err != nil {
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

	ctl := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		err := cli.Run(context.Background(), cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}, append([]string{"--db", db}, args...))
		if err != nil {
			t.Fatalf("tawsimctl %v while the app holds the database: %v\n%s", args, err, errOut.String())
		}
		return out.String() + errOut.String()
	}
	start := time.Now()
	if out := ctl("list"); strings.Count(out, "\n") != 3 {
		t.Errorf("list:\n%s", out)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("list took %v while the app was open", took)
	}
	out := filepath.Join(t.TempDir(), "all.jsonl")
	ctl("export", "--format", "tawsim", "--out", out)
	if raw, err := os.ReadFile(out); err != nil || bytes.Count(raw, []byte("\n")) != 2 {
		t.Errorf("export while open: %d lines, %v", bytes.Count(raw, []byte("\n")), err)
	}
	txt := filepath.Join(t.TempDir(), "خبر.txt")
	os.WriteFile(txt, []byte("وصل الوفد إلى هانغتشو صباح السبت."), 0o644)
	ctl("import", txt)
	// The window hears of it from the sharing goroutine, through fyne.Do.
	docs := func() int { mu.Lock(); defer mu.Unlock(); return len(win.Session().Documents()) }
	deadline := time.Now().Add(2 * time.Second)
	for docs() != 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := docs(); n != 3 {
		t.Errorf("the open session lists %d documents after a command imported one, want 3", n)
	}
}
