package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// harness is a main window on a temporary store holding the seed article
// and one more text, in Fyne's headless test driver.
type harness struct {
	t     *testing.T
	store *corpus.Store
	win   fyne.Window
	m     *Window
}

func newHarness(t *testing.T, th fyne.Theme) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(th)
	st := newTestStore(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	m, err := NewWindow(w, st, "layla", Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Resize(fyne.NewSize(1280, 800))
	return &harness{t: t, store: st, win: w, m: m}
}

// newTestStore is a temporary store with the Wojood schema, the seed
// article and one more text.
func newTestStore(t *testing.T) *corpus.Store {
	t.Helper()
	st, err := corpus.Open(filepath.Join(t.TempDir(), "c.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sc, _ := corpus.Preset("wojood")
	st.SetSchema(sc)
	seed, err := os.ReadFile("../testdata/seed/000_b82b1847b879165f.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import([]corpus.ImportItem{
		{Origin: "seed", Doc: corpus.NewDoc{Title: "الصين وسوريا شراكة استراتيجية", Text: string(seed)}},
		{Origin: "other", Doc: corpus.NewDoc{Title: "بوتين في موسكو", Text: "استقبل بوتين في موسكو وزير خارجية الصين، ثم غادر بوتين إلى سوتشي."}},
	}); err != nil {
		t.Fatal(err)
	}
	return st
}

// find returns the code point span of the nth occurrence of sub.
func (h *harness) find(sub string, nth int) corpus.Span {
	h.t.Helper()
	text := h.m.Session().Doc().Text
	b := -1
	for i := 0; i <= nth; i++ {
		j := strings.Index(text[b+1:], sub)
		if j < 0 {
			h.t.Fatalf("occurrence %d of %q not found", nth, sub)
		}
		b += 1 + j
	}
	s := len([]rune(text[:b]))
	return corpus.Span{Start: s, End: s + len([]rune(sub))}
}

// point is the widget position of the middle of code point off.
func (h *harness) point(off int) fyne.Position { return h.pointAt(off, 0.5) }

// pointAt is the point a fraction f across code point off (0: its left
// edge, 1: its right edge), mid-height.
func (h *harness) pointAt(off int, f float32) fyne.Position {
	pos, size := h.m.View().CharBox(off)
	return pos.Add(fyne.NewPos(f*size.Width, size.Height/2))
}

// drag replays a mouse drag as the GLFW driver delivers it, from the
// middle of one character to the middle of another, after scrolling the
// first into view as an annotator would.
func (h *harness) drag(from, to int, mods fyne.KeyModifier) { h.dragFrac(from, 0.5, to, 0.5, mods) }

// dragFrac drags from a fraction ff across character from to a fraction
// tf across character to (0: left edge, 1: right edge).
func (h *harness) dragFrac(from int, ff float32, to int, tf float32, mods fyne.KeyModifier) {
	v := h.m.View()
	v.ShowOffset(from)
	p, q := h.pointAt(from, ff), h.pointAt(to, tf)
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: q}, Dragged: fyne.NewDelta(q.X-p.X, q.Y-p.Y)})
	v.DragEnd()
	v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: q}, Button: desktop.MouseButtonPrimary})
}

func (h *harness) click(off int) {
	h.m.View().ShowOffset(off)
	test.TapAt(h.m.View(), h.point(off))
}

func (h *harness) key(name fyne.KeyName) { h.m.View().TypedKey(&fyne.KeyEvent{Name: name}) }

func (h *harness) shortcut(key fyne.KeyName, mod fyne.KeyModifier) {
	h.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

func (h *harness) layer() corpus.Layer {
	h.t.Helper()
	l, err := h.store.Layer(h.m.Session().Doc().ID, "layla")
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

// label drags over a phrase and presses a type's hotkey.
func (h *harness) label(phrase string, nth int, key rune) corpus.Entity {
	h.t.Helper()
	sp := h.find(phrase, nth)
	h.drag(sp.Start, sp.End-1, 0)
	h.m.View().TypedRune(key)
	if e := h.m.LastError(); e != "" {
		h.t.Fatalf("labelling %q: %s", phrase, e)
	}
	e, ok := h.layer().Entity(h.m.Session().Selected())
	if !ok {
		h.t.Fatalf("labelling %q selected %q", phrase, h.m.Session().Selected())
	}
	return e
}

// tapButton taps the button labelled text in the topmost dialog.
func (h *harness) tapButton(text string) {
	h.t.Helper()
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		h.t.Fatalf("no dialog open to tap %q in", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	h.t.Fatalf("no button %q in the dialog", text)
}

func TestDragAndHotkeyStoresEntity(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	sp := h.find("بشار الأسد", 0)
	// Drag from inside بشار to inside الأسد: the selection snaps to both words.
	h.drag(sp.Start+1, sp.End-2, 0)
	if got := h.m.Session().Selection(); got != sp {
		t.Fatalf("selection %v, want %v", got, sp)
	}
	h.m.View().TypedRune('1')
	l := h.layer()
	if len(l.Entities) != 1 {
		t.Fatalf("stored %+v", l.Entities)
	}
	e := l.Entities[0]
	if e.Start != sp.Start || e.End != sp.End || e.Type != "PERS" {
		t.Fatalf("stored %+v, want PERS %v", e, sp)
	}
	if got := string([]rune(h.m.Session().Doc().Text)[e.Start:e.End]); got != "بشار الأسد" {
		t.Errorf("stored offsets cover %q", got)
	}
	if l.Status != corpus.StatusInProgress || h.m.DocList().Rows()[0].Entities != 1 {
		t.Errorf("status %s, list row %+v", l.Status, h.m.DocList().Rows()[0])
	}
	if !strings.Contains(h.m.bar.outcome.Text(), "Saved") {
		t.Errorf("status bar says %q", h.m.bar.outcome.Text())
	}
}

func TestAltDragLabelsInsideAToken(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	sp := h.find("والصين", 0)
	inner := corpus.Span{Start: sp.Start + 1, End: sp.End}
	// Right to left: a character starts at its right edge and ends at its left.
	h.dragFrac(inner.Start, 0.9, inner.End-1, 0.1, fyne.KeyModifierAlt)
	h.m.View().TypedRune('5') // GPE
	l := h.layer()
	if len(l.Entities) != 1 || l.Entities[0].Span() != inner || l.Entities[0].Type != "GPE" {
		t.Fatalf("stored %+v, want GPE %v (الصين without و)", l.Entities, inner)
	}
}

func TestRetypeDeleteUndoRedo(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	e := h.label("شي جين بينغ", 0, '1')
	h.m.View().TypedRune('3') // OCC: retypes the selected entity
	if got, _ := h.layer().Entity(e.ID); got.Type != "OCC" {
		t.Fatalf("after retype: %+v", got)
	}
	h.key(fyne.KeyDelete)
	if n := len(h.layer().Entities); n != 0 {
		t.Fatalf("after delete %d entities", n)
	}
	ctrl := fyne.KeyModifierShortcutDefault
	h.shortcut(fyne.KeyZ, ctrl)
	if got, ok := h.layer().Entity(e.ID); !ok || got.Type != "OCC" {
		t.Fatalf("undo of delete: %+v %v", got, ok)
	}
	h.shortcut(fyne.KeyZ, ctrl)
	if got, _ := h.layer().Entity(e.ID); got.Type != "PERS" {
		t.Fatalf("undo of retype: %+v", got)
	}
	h.shortcut(fyne.KeyZ, ctrl|fyne.KeyModifierShift)
	if got, _ := h.layer().Entity(e.ID); got.Type != "OCC" {
		t.Fatalf("redo (Ctrl+Shift+Z): %+v", got)
	}
	h.shortcut(fyne.KeyY, ctrl)
	if n := len(h.layer().Entities); n != 0 {
		t.Fatalf("redo (Ctrl+Y) of delete: %d entities", n)
	}
	// The highlights follow the store.
	if n := len(h.m.Session().Layer().Entities); n != 0 {
		t.Errorf("window still shows %d entities", n)
	}
}

func TestShiftArrowResizesEntity(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	e := h.label("شي", 0, '1')
	h.win.Canvas().Focus(h.m.View())
	h.m.View().KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	h.key(fyne.KeyLeft) // right to left: the next word is on the left
	h.key(fyne.KeyLeft)
	h.m.View().KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	got, _ := h.layer().Entity(e.ID)
	if s := h.m.Session().Text(got.Span()); s != "شي جين بينغ" {
		t.Fatalf("after Shift+Left twice the entity covers %q", s)
	}
}

func TestEventWithTwoArguments(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	xi := h.label("شي جين بينغ", 0, '1')
	assad := h.label("بشار الأسد", 0, '1')
	trig := h.find("محادثات", 0)
	h.drag(trig.Start, trig.End-1, 0)
	h.m.View().TypedRune('e')
	search, ok := h.win.Canvas().Focused().(*widget.Entry)
	if !ok {
		t.Fatalf("the event type search is not focused: %T", h.win.Canvas().Focused())
	}
	test.Type(search, "meet")
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	l := h.layer()
	if len(l.Events) != 1 || l.Events[0].Type != "Contact.Meet" || l.Events[0].Trigger != trig {
		t.Fatalf("events %+v", l.Events)
	}
	ev := l.Events[0]
	// With the event selected, clicking an entity asks for its role.
	h.click(xi.Start + 1)
	h.tapButton("Entity")
	h.click(assad.Start + 1)
	h.tapButton("Entity")
	got, _ := h.layer().Event(ev.ID)
	if len(got.Arguments) != 2 || got.Arguments[0] != (corpus.Argument{Role: "Entity", Entity: xi.ID}) || got.Arguments[1].Entity != assad.ID {
		t.Fatalf("arguments %+v", got.Arguments)
	}
	// The events panel shows both arguments with a role menu each.
	if n := len(h.m.events.detail.Objects); n != 2 {
		t.Errorf("events panel shows %d arguments", n)
	}
}

func TestLabelAllOccurrences(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	h.label("بوتين", 0, '1')
	h.shortcut(fyne.KeyL, fyne.KeyModifierShortcutDefault)
	want := strings.Count(h.m.Session().Doc().Text, "بوتين")
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no confirmation with the count")
	}
	found := false
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*BidiLabel); ok && strings.Contains(l.Text(), "Label "+itoa(want-1)+" more occurrences") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the confirmation does not give the count %d", want-1)
	}
	h.tapButton("Yes")
	if n := len(h.layer().Entities); n != want {
		t.Fatalf("%d entities after label all, want %d", n, want)
	}
}

func TestSuggestionsAcceptAndDismiss(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	h.label("موسكو", 0, '5')
	sess := h.m.Session()
	sugs := sess.Suggestions()
	if len(sugs) == 0 {
		t.Fatal("no suggestions for the other occurrences of موسكو")
	}
	h.key(fyne.KeyTab)
	first, _ := sess.CurrentSuggestion()
	h.key(fyne.KeyReturn)
	if e, ok := findEntity(h.layer(), first.Span); !ok || e.Type != "GPE" {
		t.Fatalf("accepting %v stored %+v", first.Span, h.layer().Entities)
	}
	before := len(sess.Suggestions())
	h.key(fyne.KeyTab)
	dismissed, _ := sess.CurrentSuggestion()
	h.key(fyne.KeyBackspace)
	if len(sess.Suggestions()) != before-1 {
		t.Fatalf("%d suggestions after dismissing, want %d", len(sess.Suggestions()), before-1)
	}
	if _, ok := findEntity(h.layer(), dismissed.Span); ok {
		t.Error("a dismissed suggestion was stored")
	}
}

func findEntity(l corpus.Layer, sp corpus.Span) (corpus.Entity, bool) {
	for _, e := range l.Entities {
		if e.Span() == sp {
			return e, true
		}
	}
	return corpus.Entity{}, false
}

func TestDoneAndNextDocument(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	first := h.m.Session().Doc().ID
	h.shortcut(fyne.KeyReturn, fyne.KeyModifierShortcutDefault)
	l, _ := h.store.Layer(first, "layla")
	if l.Status != corpus.StatusDone {
		t.Fatalf("status %s after Ctrl+Enter", l.Status)
	}
	if h.m.Session().Doc().ID == first {
		t.Fatal("Ctrl+Enter did not open the next document")
	}
	h.shortcut(fyne.KeyPageUp, fyne.KeyModifierShortcutDefault)
	if h.m.Session().Doc().ID != first {
		t.Fatal("Ctrl+PgUp did not go back")
	}
	if !strings.Contains(h.m.bar.status.Text, "Done: 1") {
		t.Errorf("status bar %q", h.m.bar.status.Text)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestShortcutsWaitWhileADialogIsOpen(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	h.label("بشار الأسد", 0, '1')
	h.m.showShortcuts()
	h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if n := len(h.layer().Entities); n != 1 {
		t.Fatalf("Ctrl+Z behind an open dialog undid the label (%d entities)", n)
	}
}

func TestArabicKeyboardDigitsAreHotkeys(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	sp := h.find("هانغتشو", 0)
	h.drag(sp.Start, sp.End-1, 0)
	h.m.View().TypedRune('٥') // Arabic-Indic five: GPE
	l := h.layer()
	if len(l.Entities) != 1 || l.Entities[0].Type != "GPE" {
		t.Fatalf("stored %+v", l.Entities)
	}
}
