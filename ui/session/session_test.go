package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// fixture opens a fresh store holding the seed article and one more text,
// and a session on the seed.
func fixture(t *testing.T) (*Session, string) {
	t.Helper()
	s, err := corpus.Open(filepath.Join(t.TempDir(), "c.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc, _ := corpus.Preset("wojood")
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../../testdata/seed/000_b82b1847b879165f.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Import([]corpus.ImportItem{
		{Origin: "seed", Doc: corpus.NewDoc{Title: "seed", Text: string(seed)}},
		{Origin: "other", Doc: corpus.NewDoc{Title: "other", Text: "استقبل بوتين في موسكو وزير خارجية الصين، ثم غادر بوتين إلى سوتشي."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := New(s, "layla")
	if err != nil {
		t.Fatal(err)
	}
	if err := ss.Open(res.IDs[0]); err != nil {
		t.Fatal(err)
	}
	return ss, res.IDs[1]
}

// span finds the nth (0-based) occurrence of sub in the open document,
// in code points.
func span(t *testing.T, s *Session, sub string, nth int) corpus.Span {
	t.Helper()
	text := s.Doc().Text
	b := -1
	for i := 0; i <= nth; i++ {
		j := strings.Index(text[b+1:], sub)
		if j < 0 {
			t.Fatalf("occurrence %d of %q not found", nth, sub)
		}
		b += 1 + j
	}
	start := len([]rune(text[:b]))
	return corpus.Span{Start: start, End: start + len([]rune(sub))}
}

func TestLabelRetypeDeleteUndo(t *testing.T) {
	s, _ := fixture(t)
	sp := span(t, s, "بشار الأسد", 0)
	s.Select(sp.Start, sp.End)
	typ, ok := s.TypeForKey("1")
	if !ok || typ != "PERS" {
		t.Fatalf("hotkey 1 = %q", typ)
	}
	ent, err := s.ApplyType(typ)
	if err != nil {
		t.Fatal(err)
	}
	if ent.Start != sp.Start || ent.End != sp.End || s.Selected() != ent.ID {
		t.Fatalf("entity %+v, selected %q", ent, s.Selected())
	}
	stored, _ := s.Store().Layer(s.Doc().ID, "layla")
	if len(stored.Entities) != 1 || stored.Entities[0] != ent || s.Text(ent.Span()) != "بشار الأسد" {
		t.Fatalf("stored %+v", stored.Entities)
	}
	// Another hotkey on the selected entity retypes it.
	typ, _ = s.TypeForKey("3") // OCC
	if _, err := s.ApplyType(typ); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Layer().Entity(ent.ID); e.Type != "OCC" || len(s.Layer().Entities) != 1 {
		t.Fatalf("after retype: %+v", s.Layer().Entities)
	}
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	if len(s.Layer().Entities) != 0 {
		t.Fatal("delete left the entity")
	}
	for i, want := range []string{"OCC", "PERS"} {
		if ok, err := s.Undo(); !ok || err != nil {
			t.Fatalf("undo %d: %v %v", i, ok, err)
		}
		if e, ok := s.Layer().Entity(ent.ID); !ok || e.Type != want {
			t.Fatalf("after undo %d: %+v", i, s.Layer().Entities)
		}
	}
	s.Undo()
	if len(s.Layer().Entities) != 0 {
		t.Fatal("undo of the add left the entity")
	}
	if ok, _ := s.Redo(); !ok || len(s.Layer().Entities) != 1 {
		t.Fatal("redo did not bring the entity back")
	}
	// The in-memory layer always equals the stored one.
	stored, _ = s.Store().Layer(s.Doc().ID, "layla")
	if len(stored.Entities) != len(s.Layer().Entities) || stored.Entities[0] != s.Layer().Entities[0] {
		t.Errorf("memory %+v, store %+v", s.Layer().Entities, stored.Entities)
	}
}

func TestResizeByToken(t *testing.T) {
	s, _ := fixture(t)
	sp := span(t, s, "شي جين بينغ", 0)
	first := span(t, s, "شي", 0)
	s.Select(first.Start, first.End)
	ent, err := s.ApplyType("PERS")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		edge Edge
		by   int
		want string
	}{
		{End, 2, "شي جين بينغ"},
		{End, 1, "شي جين بينغ،"},
		{End, -1, "شي جين بينغ"},
		{End, -2, "شي"},
		{Start, 1, "، شي"},
		{Start, 1, "الصيني، شي"},
		{Start, -1, "، شي"},
		{Start, -1, "شي"},
	}
	for _, tt := range tests {
		if err := s.Resize(tt.edge, tt.by); err != nil {
			t.Fatal(err)
		}
		e, _ := s.Layer().Entity(ent.ID)
		if got := s.Text(e.Span()); got != tt.want {
			t.Errorf("resize %v by %d: %q, want %q", tt.edge, tt.by, got, tt.want)
		}
	}
	if e, _ := s.Layer().Entity(ent.ID); e.Span() == sp {
		t.Error("resize should have left the entity at شي")
	}
}

func TestEventWithTwoArguments(t *testing.T) {
	s, _ := fixture(t)
	label := func(text, typ string) corpus.Entity {
		sp := span(t, s, text, 0)
		s.Select(sp.Start, sp.End)
		e, err := s.ApplyType(typ)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	xi := label("شي جين بينغ", "PERS")
	assad := label("بشار الأسد", "PERS")
	trig := span(t, s, "محادثات", 0)
	s.Select(trig.Start, trig.End)
	if got := s.EventTypes("meet"); len(got) != 1 || got[0].Name != "Contact.Meet" {
		t.Fatalf("search for meet: %+v", got)
	}
	ev, err := s.AddEvent("Contact.Meet")
	if err != nil {
		t.Fatal(err)
	}
	if ev.Trigger != trig || s.Selected() != ev.ID {
		t.Fatalf("event %+v", ev)
	}
	if err := s.AddArgument(ev.ID, xi.ID, "Entity"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddArgument(ev.ID, assad.ID, "Entity"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddArgument(ev.ID, assad.ID, "Victim"); err == nil || !strings.Contains(err.Error(), `role "Victim" does not belong to event type Contact.Meet`) {
		t.Fatalf("wrong role accepted: %v", err)
	}
	stored, _ := s.Store().Layer(s.Doc().ID, "layla")
	got, _ := stored.Event(ev.ID)
	if len(got.Arguments) != 2 || got.Arguments[0].Entity != xi.ID || got.Arguments[1].Entity != assad.ID {
		t.Fatalf("stored arguments %+v", got.Arguments)
	}
	if err := s.SetRole(ev.ID, 1, "Place"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveArgument(ev.ID, 0); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Layer().Event(ev.ID)
	if len(got.Arguments) != 1 || got.Arguments[0] != (corpus.Argument{Role: "Place", Entity: assad.ID}) {
		t.Fatalf("after edits %+v", got.Arguments)
	}
	// Deleting an argument entity detaches it from the event.
	s.SelectAnnotation(assad.ID)
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Layer().Event(ev.ID); len(got.Arguments) != 0 {
		t.Fatalf("argument of a deleted entity kept: %+v", got.Arguments)
	}
}

func TestLabelAllOccurrences(t *testing.T) {
	s, other := fixture(t)
	sp := span(t, s, "بوتين", 0)
	s.Select(sp.Start, sp.End)
	if _, err := s.ApplyType("PERS"); err != nil {
		t.Fatal(err)
	}
	occ, err := s.FindOccurrences(ThisDocument)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Count(s.Doc().Text, "بوتين") - 1 // the first is labelled already
	if occ.Count != want {
		t.Fatalf("found %d in this document, want %d", occ.Count, want)
	}
	// لبوتين carries a proclitic: the match covers بوتين only.
	for _, sp := range occ.Spans[s.Doc().ID] {
		if got := s.Text(sp); got != "بوتين" {
			t.Fatalf("occurrence covers %q", got)
		}
	}
	all, err := s.FindOccurrences(WholeCorpus)
	if err != nil || all.Count != want+2 {
		t.Fatalf("whole corpus: %d (%v), want %d", all.Count, err, want+2)
	}
	n, err := s.LabelAll(all)
	if err != nil || n != all.Count {
		t.Fatalf("LabelAll: %d, %v", n, err)
	}
	if got := len(s.Layer().Entities); got != want+1 {
		t.Errorf("this document has %d entities, want %d", got, want+1)
	}
	l, _ := s.Store().Layer(other, "layla")
	if len(l.Entities) != 2 || l.Entities[0].Type != "PERS" {
		t.Errorf("other document: %+v", l.Entities)
	}
	// Labelling again finds nothing new.
	if again, _ := s.FindOccurrences(WholeCorpus); again.Count != 0 {
		t.Errorf("second search found %d", again.Count)
	}
	// One undo takes back this document's batch.
	s.Undo()
	if got := len(s.Layer().Entities); got != 1 {
		t.Errorf("after undo %d entities, want 1", got)
	}
}

func TestSuggestions(t *testing.T) {
	s, other := fixture(t)
	// Label in the other document; suggestions appear in the seed.
	if err := s.Open(other); err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct{ text, typ string }{{"بوتين", "PERS"}, {"موسكو", "GPE"}} {
		sp := span(t, s, w.text, 0)
		s.Select(sp.Start, sp.End)
		if _, err := s.ApplyType(w.typ); err != nil {
			t.Fatal(err)
		}
	}
	sugs := s.Suggestions()
	if len(sugs) != 1 || s.Text(sugs[0].Span) != "بوتين" {
		t.Fatalf("suggestions in the same document: %+v", sugs)
	}
	docs, _ := s.Store().Documents()
	if err := s.Open(docs[0].ID); err != nil {
		t.Fatal(err)
	}
	sugs = s.Suggestions()
	wantPutin := strings.Count(s.Doc().Text, "بوتين")
	// One موسكو is glued to the word before it (وترامبموسكو, a typo in
	// the source): not a token of its own, so no suggestion there.
	wantMoscow := strings.Count(s.Doc().Text, "موسكو") - 1
	if len(sugs) != wantPutin+wantMoscow {
		t.Fatalf("%d suggestions, want %d", len(sugs), wantPutin+wantMoscow)
	}
	first := sugs[0]
	ent, err := s.Accept(first)
	if err != nil || ent.Type != first.Type || ent.Span() != first.Span {
		t.Fatalf("accept: %+v %v", ent, err)
	}
	s.Dismiss(sugs[1])
	after := s.Suggestions()
	if len(after) != len(sugs)-2 {
		t.Errorf("after accept and dismiss: %d suggestions, want %d", len(after), len(sugs)-2)
	}
	for _, sg := range after {
		if sg.Span == first.Span || sg.Span == sugs[1].Span {
			t.Errorf("suggestion %+v should be gone", sg)
		}
	}
}

func TestUndoSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	st, _ := corpus.Open(path, nil)
	sc, _ := corpus.Preset("wojood")
	st.SetSchema(sc)
	res, _ := st.Import([]corpus.ImportItem{{Origin: "x", Doc: corpus.NewDoc{Text: "التقى الرئيس الصيني نظيره السوري في هانغتشو."}}})
	s, _ := New(st, "omar")
	s.Open(res.IDs[0])
	sp := span(t, s, "هانغتشو", 0)
	s.Select(sp.Start, sp.End)
	if _, err := s.ApplyType("GPE"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, _ = New(st, "omar")
	s.Open(res.IDs[0])
	if len(s.Layer().Entities) != 1 || s.Text(s.Layer().Entities[0].Span()) != "هانغتشو" {
		t.Fatalf("after restart: %+v", s.Layer().Entities)
	}
	if ok, err := s.Undo(); !ok || err != nil || len(s.Layer().Entities) != 0 {
		t.Fatalf("undo after restart: %v %v %+v", ok, err, s.Layer().Entities)
	}
}

func TestSpanSetOverlaps(t *testing.T) {
	set := newSpanSet([]corpus.Entity{{Start: 10, End: 20}, {Start: 2, End: 4}, {Start: 12, End: 14}, {Start: 30, End: 40}})
	tests := []struct {
		sp   corpus.Span
		want bool
	}{
		{corpus.Span{Start: 0, End: 2}, false},
		{corpus.Span{Start: 0, End: 3}, true},
		{corpus.Span{Start: 4, End: 10}, false},
		{corpus.Span{Start: 19, End: 25}, true},
		{corpus.Span{Start: 20, End: 30}, false},
		{corpus.Span{Start: 25, End: 45}, true},
		{corpus.Span{Start: 40, End: 41}, false},
		{corpus.Span{Start: 13, End: 13 + 1}, true},
	}
	for _, tt := range tests {
		if got := set.overlaps(tt.sp); got != tt.want {
			t.Errorf("overlaps(%v) = %v, want %v", tt.sp, got, tt.want)
		}
	}
}
