package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/bundle"
	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/safefile"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

func TestShareMyWork(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	h.label("بشار الأسد", 0, '1')
	out := filepath.Join(t.TempDir(), "layla")
	h.m.runShare(bundle.WriteOptions{Annotator: "layla"}, out)
	path := out + bundle.Ext
	waitFor(t, h, "the bundle", func() bool { _, err := os.Stat(path); return err == nil })
	b, err := bundle.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.Header.Annotator != "layla" || len(b.Entries) != 1 || len(b.Entries[0].Layer.Entities) != 1 {
		t.Fatalf("the bundle holds %+v", b.Entries)
	}
	if !strings.Contains(h.m.bar.outcome.Text(), "shared 1 layers of layla") {
		t.Errorf("status bar %q", h.m.bar.outcome.Text())
	}
	// Only done: layla has marked nothing done, so there is nothing to share.
	h.m.runShare(bundle.WriteOptions{Annotator: "layla", OnlyDone: true}, filepath.Join(t.TempDir(), "done"))
	waitFor(t, h, "the refusal", func() bool { return strings.Contains(h.m.LastError(), "no layers marked done") })
}

// colleague is another desktop's database with the same articles, where
// amira annotates the seed article.
type colleague struct {
	t     *testing.T
	store *corpus.Store
	doc   string
}

func newColleague(t *testing.T) *colleague {
	st := newTestStore(t)
	docs, _ := st.Documents()
	return &colleague{t: t, store: st, doc: docs[0].ID}
}

// label adds an entity on the nth code point span [start, end) to amira's layer.
func (c *colleague) label(start, end int, typ string) {
	c.t.Helper()
	if _, err := c.store.AddEntity(c.doc, "amira", corpus.Entity{Start: start, End: end, Type: typ}); err != nil {
		c.t.Fatal(err)
	}
}

// share writes amira's bundle and returns its path.
func (c *colleague) share() string {
	c.t.Helper()
	path := filepath.Join(c.t.TempDir(), "amira"+bundle.Ext)
	f, err := safefile.Create(path)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := bundle.Write(context.Background(), c.store, f, bundle.WriteOptions{Annotator: "amira"}, nil); err != nil {
		c.t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		c.t.Fatal(err)
	}
	return path
}

// reportLines are the texts of the import report dialog's rows.
func reportLines(h *harness) string {
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var out []string
	for _, o := range test.LaidOutObjects(top) {
		switch l := o.(type) {
		case *BidiLabel:
			if l.Visible() {
				out = append(out, l.Text())
			}
		case *widget.Label:
			if l.Visible() && l.Text != "" {
				out = append(out, l.Text)
			}
		case *widget.Check:
			out = append(out, "["+l.Text+"]")
		}
	}
	return strings.Join(out, "|")
}

func TestImportColleaguesWork(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	amira := newColleague(t)
	amira.label(20, 31, "PERS")
	path := amira.share()

	h.m.runImportWork([]string{path}, bundle.ImportOptions{})
	waitFor(t, h, "the import", func() bool { return strings.Contains(reportLines(h), "1 new") })
	l, err := h.store.Layer(h.m.Session().Doc().ID, "amira")
	if err != nil || len(l.Entities) != 1 {
		t.Fatalf("amira's layer here: %+v %v", l, err)
	}
	if got := reportLines(h); !strings.Contains(got, "stored; 0 documents added") || !strings.Contains(got, "new") {
		t.Errorf("the report says %q", got)
	}
	h.tapButton("Close")
	// The review sees amira now.
	h.shortcut("R", 0x2)
	if cmp := h.m.Session().Comparison(); cmp == nil || len(cmp.Annotators) != 1 || cmp.Annotators[0] != "amira" {
		t.Fatalf("review compares %+v", cmp)
	}

	// Twice changes nothing.
	h.m.runImportWork([]string{path}, bundle.ImportOptions{})
	waitFor(t, h, "the second import", func() bool { return strings.Contains(reportLines(h), "1 unchanged") })
	h.tapButton("Close")

	// Both sides change amira's layer: a conflict, the local one kept, and
	// the report offers to take theirs.
	if _, err := h.store.AddEntity(h.m.Session().Doc().ID, "amira", corpus.Entity{Start: 64, End: 74, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	amira.label(64, 74, "ORG")
	path = amira.share()
	h.m.runImportWork([]string{path}, bundle.ImportOptions{})
	waitFor(t, h, "the conflict", func() bool { return strings.Contains(reportLines(h), "1 conflicts") })
	got := reportLines(h)
	if !strings.Contains(got, "kept local") || !strings.Contains(got, "--theirs") || strings.Contains(got, "--partial") {
		t.Fatalf("the conflict's report: %q", got)
	}
	if l, _ := h.store.Layer(h.m.Session().Doc().ID, "amira"); l.Entities[1].Type != "PERS" {
		t.Fatalf("the local layer was not kept: %+v", l.Entities)
	}
	for _, o := range test.LaidOutObjects(h.win.Canvas().Overlays().Top()) {
		if c, ok := o.(*widget.Check); ok && strings.Contains(c.Text, "--theirs") {
			c.SetChecked(true)
		}
	}
	h.tapButton("Import again with these")
	waitFor(t, h, "theirs", func() bool { return strings.Contains(reportLines(h), "kept theirs") })
	if l, _ := h.store.Layer(h.m.Session().Doc().ID, "amira"); l.Entities[1].Type != "ORG" {
		t.Errorf("--theirs did not take the bundle's layer: %+v", l.Entities)
	}
	// Reviewing, the open document's comparison was read again.
	if c := h.m.Session().Comparison(); len(c.Entities) != 2 || c.Entities[1].Type != "ORG" {
		t.Errorf("the review still compares %+v", c.Entities)
	}
}

func TestImportRefusedBundleOffersTheOptions(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	amira := newColleague(t)
	amira.label(20, 31, "PERS")
	// A type this corpus lacks: refused, nothing stored, add-types offered.
	sc, _ := amira.store.Schema()
	sc.Entities = append(sc.Entities, corpus.EntityType{Name: "TITLE", Colour: "#123456"})
	if err := amira.store.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	amira.label(5, 11, "TITLE")
	path := amira.share()
	h.m.runImportWork([]string{path}, bundle.ImportOptions{})
	waitFor(t, h, "the refusal", func() bool { return strings.Contains(reportLines(h), "1 refused") })
	got := reportLines(h)
	if !strings.Contains(got, "NOT stored") || !strings.Contains(got, "TITLE") || !strings.Contains(got, "--add-types") || !strings.Contains(got, "--partial") || strings.Contains(got, "--theirs") {
		t.Fatalf("the refusal's report: %q", got)
	}
	if l, _ := h.store.Layer(h.m.Session().Doc().ID, "amira"); len(l.Entities) != 0 {
		t.Fatal("a refused bundle stored a layer")
	}
	for _, o := range test.LaidOutObjects(h.win.Canvas().Overlays().Top()) {
		if c, ok := o.(*widget.Check); ok && strings.Contains(c.Text, "--add-types") {
			c.SetChecked(true)
		}
	}
	h.tapButton("Import again with these")
	waitFor(t, h, "the import with the types", func() bool { return strings.Contains(reportLines(h), "1 new") })
	if l, _ := h.store.Layer(h.m.Session().Doc().ID, "amira"); len(l.Entities) != 2 {
		t.Errorf("after adding the types amira's layer holds %+v", l.Entities)
	}
}
