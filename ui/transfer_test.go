package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/export"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// waitFor waits for the window's background task, then checks cond:
// import and export run off the UI goroutine.
func waitFor(t *testing.T, h *harness, what string, cond func() bool) {
	t.Helper()
	done := make(chan struct{})
	go func() { h.m.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	if !cond() {
		t.Fatalf("after %s: the condition does not hold", what)
	}
}

func TestExportFromTheWindow(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	h.label("بشار الأسد", 0, '1')
	h.shortcut("D", 0x2) // Ctrl+D: done, so the default export takes it
	out := filepath.Join(t.TempDir(), "ner")
	h.m.runExport(export.ExportRequest{Format: "conll", Scheme: "iob2", Layer: "layla", Status: "done", Out: out})
	waitFor(t, h, "the export", func() bool { _, err := os.Stat(out + ".conll"); return err == nil })
	raw, _ := os.ReadFile(out + ".conll")
	if !strings.Contains(string(raw), "بشار B-PERS\nالأسد I-PERS\n") {
		t.Errorf("the CoNLL file lacks the entity:\n%.300s", raw)
	}
}

func TestExportErrorIsShown(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	h.m.runExport(export.ExportRequest{Format: "conll", Layer: "nobody", Status: "done", Out: filepath.Join(t.TempDir(), "x")})
	waitFor(t, h, "the error", func() bool { return strings.Contains(h.m.LastError(), "nothing to export") })
}

func TestImportFromTheWindow(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "خبر.txt"), []byte("وصل الوفد إلى هانغتشو."), 0o644)
	f := h.m.newImportForm(export.Formats())
	f.path.SetText(dir)
	h.m.runImport(f.request())
	waitFor(t, h, "the import", func() bool { return len(h.m.docIDs) == 3 })
	if got := h.m.bar.outcome.Text(); got != "✓ imported 1 new documents" {
		t.Errorf("status bar says %q", got)
	}
	// A bad file: nothing stored, and the error names the file and line.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"text\": \"نص\"}\nnot json\n"), 0o644)
	h.m.runImport(export.ImportRequest{Paths: []string{bad}})
	waitFor(t, h, "the refusal", func() bool { return strings.Contains(h.m.LastError(), "bad.jsonl line 2") })
	docs, _ := h.store.Documents()
	if len(docs) != 3 {
		t.Errorf("%d documents after a refused import, want 3", len(docs))
	}
}

// TestImportDialogSentencesPerDocument: the dialog offers a token
// format's sentences per document (and a CoNLL file's columns) and the
// import cuts the file as tawsimctl's --doc-sentences does.
func TestImportDialogSentencesPerDocument(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	path := filepath.Join(t.TempDir(), "aner.conll")
	os.WriteFile(path, []byte("زار O\nبوتين B-PERS\n. O\nثم O\nغادر O\n. O\nوصل O\nشي B-PERS\n. O\n"), 0o644)
	f := h.m.newImportForm(export.Formats())
	f.format.SetSelected("txt")
	if !f.sentences.Disabled() || !f.columns.Disabled() {
		t.Error("for txt the dialog should disable sentences per document and columns")
	}
	f.format.SetSelected("conll")
	if f.sentences.Disabled() || f.columns.Disabled() {
		t.Error("for conll the dialog should enable sentences per document and columns")
	}
	before := len(h.m.docIDs)
	f.path.SetText(path)
	f.sentences.SetText("2")
	h.m.runImport(f.request())
	waitFor(t, h, "the import", func() bool { return len(h.m.docIDs) == before+2 })
	f.sentences.SetText("two")
	h.m.runImport(f.request())
	waitFor(t, h, "the refusal", func() bool { return strings.Contains(h.m.LastError(), "doc-sentences: want a whole number") })
}
