package session

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// recorder keeps what a session publishes, each event as a short string:
// "LayerChanged add entity [entity status]", "SelectionChanged", …
type recorder struct{ got []string }

func listen(s *Session) *recorder {
	r := &recorder{}
	s.Subscribe(func(ev Event) { r.got = append(r.got, describeEvent(ev)) })
	return r
}

// take returns the events since the last take.
func (r *recorder) take() []string {
	got := r.got
	r.got = nil
	return got
}

func describeEvent(ev Event) string {
	switch ev := ev.(type) {
	case LayerChanged:
		var kinds []string
		for _, d := range ev.Change.Diffs {
			if !slices.Contains(kinds, d.Kind) {
				kinds = append(kinds, d.Kind)
			}
		}
		return fmt.Sprintf("LayerChanged %s [%s]", ev.Change.Op, strings.Join(kinds, " "))
	case DocumentOpened:
		if ev.Doc == "" {
			return "DocumentOpened none"
		}
		return "DocumentOpened"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", ev), "session.")
}

// expect runs an action and checks the events it published, in order.
func expect(t *testing.T, r *recorder, what string, action func() error, want ...string) {
	t.Helper()
	r.take()
	if err := action(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if got := r.take(); !slices.Equal(got, want) {
		t.Errorf("%s published %q, want %q", what, got, want)
	}
}

func TestEachActionPublishesWhatChanged(t *testing.T) {
	s, other := fixture(t)
	r := listen(s)
	seed := s.Doc().ID
	selectText := func(sub string) func() error {
		return func() error { sp := span(t, s, sub, 0); s.Select(sp.Start, sp.End); return nil }
	}
	apply := func(typ string) func() error { return func() error { _, err := s.ApplyType(typ); return err } }

	expect(t, r, "open", func() error { return s.Open(other) }, "DocumentOpened")
	expect(t, r, "open again", func() error { return s.Open(seed) }, "DocumentOpened")
	expect(t, r, "select", selectText("بشار الأسد"), "SelectionChanged")
	// The first entity also starts the document: the status changes with it.
	expect(t, r, "add entity", apply("PERS"), "LayerChanged add entity [entity status]", "SelectionChanged")
	expect(t, r, "retype entity", apply("OCC"), "LayerChanged retype entity [entity]")
	expect(t, r, "delete entity", s.Delete, "LayerChanged delete entity [entity]", "SelectionChanged")
	expect(t, r, "undo", func() error { _, err := s.Undo(); return err }, "LayerChanged undo [entity]")
	expect(t, r, "redo", func() error { _, err := s.Redo(); return err }, "LayerChanged redo [entity]")

	xi := span(t, s, "شي جين بينغ", 0)
	expect(t, r, "select and label", func() error { s.Select(xi.Start, xi.End); _, err := s.ApplyType("PERS"); return err },
		"SelectionChanged", "LayerChanged add entity [entity]", "SelectionChanged")
	xiID := s.Selected()
	expect(t, r, "select trigger", selectText("محادثات"), "SelectionChanged")
	var ev corpus.Event
	expect(t, r, "add event", func() (err error) { ev, err = s.AddEvent("Contact.Meet"); return err },
		"LayerChanged add event [event]", "SelectionChanged")
	expect(t, r, "add argument", func() error { return s.AddArgument(ev.ID, xiID, "Entity") },
		"LayerChanged add argument [event]")
	expect(t, r, "change role", func() error { return s.SetRole(ev.ID, 0, "Place") },
		"LayerChanged change role [event]")
	expect(t, r, "remove argument", func() error { return s.RemoveArgument(ev.ID, 0) },
		"LayerChanged remove argument [event]")
	expect(t, r, "delete event", s.Delete, "LayerChanged delete event [event]", "SelectionChanged")
	expect(t, r, "done", func() error { return s.SetDone(true) }, "LayerChanged status [status]")
	if e := s.Documents()[s.Position()]; e.Status != corpus.StatusDone || s.DoneCount() != 1 || e.Entities != len(s.Layer().Entities) {
		t.Errorf("the open document's entry %+v, %d done", e, s.DoneCount())
	}
	s.Select(0, 0)
	expect(t, r, "failed action", func() error {
		if err := s.Delete(); err == nil {
			return fmt.Errorf("deleted with nothing selected")
		}
		return nil
	})
	expect(t, r, "reload documents", s.ReloadDocuments, "DocumentsChanged")
	expect(t, r, "restart", func() error { return s.Restart(s.Store(), "omar") },
		"SchemaChanged", "DocumentsChanged", "DocumentOpened none")
	if s.Doc().ID != "" || s.Annotator() != "omar" || s.Position() != -1 || s.DoneCount() != 0 {
		t.Errorf("after restart: document %q, annotator %q, position %d, %d done", s.Doc().ID, s.Annotator(), s.Position(), s.DoneCount())
	}
}

// Undoing the label of the selected entity takes the selection with it.
func TestUndoDropsTheSelection(t *testing.T) {
	s, _ := fixture(t)
	r := listen(s)
	sp := span(t, s, "بشار الأسد", 0)
	s.Select(sp.Start, sp.End)
	if _, err := s.ApplyType("PERS"); err != nil {
		t.Fatal(err)
	}
	expect(t, r, "undo", func() error { _, err := s.Undo(); return err },
		"LayerChanged undo [status entity]", "SelectionChanged")
	if s.Selected() != "" {
		t.Errorf("%q still selected after its undo", s.Selected())
	}
}

func TestSuggestionEventsAndLabelAll(t *testing.T) {
	s, _ := fixture(t)
	r := listen(s)
	putin := span(t, s, "بوتين", 0)
	s.Select(putin.Start, putin.End)
	if _, err := s.ApplyType("PERS"); err != nil {
		t.Fatal(err)
	}
	if len(s.Suggestions()) == 0 {
		t.Fatal("no suggestions for the other بوتين")
	}
	expect(t, r, "tab", func() error { _, ok := s.NextSuggestion(); return okOr(ok, "no suggestion") }, "SelectionChanged")
	if s.Picked() != 0 || s.Selected() != "" {
		t.Fatalf("picked %d, selected %q", s.Picked(), s.Selected())
	}
	expect(t, r, "dismiss", func() error { sg, _ := s.CurrentSuggestion(); s.Dismiss(sg); return nil }, "SuggestionsChanged")
	expect(t, r, "accept", func() error { _, err := s.Accept(s.Suggestions()[0]); return err },
		"LayerChanged add entity [entity]", "SelectionChanged")
	s.SelectAnnotation(s.Layer().Entities[0].ID)
	occ, err := s.FindOccurrences(WholeCorpus)
	if err != nil {
		t.Fatal(err)
	}
	// The other document's counts change too: the list is read again.
	expect(t, r, "label all", func() error { _, err := s.LabelAll(occ); return err },
		"LayerChanged label all [entity]", "DocumentsChanged")
}

func okOr(ok bool, msg string) error {
	if !ok {
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// Subscribers run after the whole action, on its final state, and the
// open document's entry is current by then.
func TestSubscribersSeeTheStateAfterTheAction(t *testing.T) {
	s, _ := fixture(t)
	sp := span(t, s, "بشار الأسد", 0)
	var selected string
	var entities int
	s.Subscribe(func(ev Event) {
		if _, ok := ev.(LayerChanged); ok {
			selected = s.Selected()
			entities = s.Documents()[s.Position()].Entities
		}
	})
	s.Select(sp.Start, sp.End)
	ent, err := s.ApplyType("PERS")
	if err != nil {
		t.Fatal(err)
	}
	if selected != ent.ID || entities != 1 {
		t.Errorf("on LayerChanged: selected %q (want %q), entry counts %d entities", selected, ent.ID, entities)
	}
}

// A subscriber that calls the session back gets the events of that call
// after the event it is handling: every subscriber sees the same order.
func TestEventsOfACallbackQueueBehind(t *testing.T) {
	s, _ := fixture(t)
	var first, second []string
	s.Subscribe(func(ev Event) {
		first = append(first, describeEvent(ev))
		if _, ok := ev.(LayerChanged); ok {
			s.ReloadDocuments()
		}
	})
	s.Subscribe(func(ev Event) { second = append(second, describeEvent(ev)) })
	sp := span(t, s, "بشار الأسد", 0)
	s.Select(sp.Start, sp.End)
	if _, err := s.ApplyType("PERS"); err != nil {
		t.Fatal(err)
	}
	want := []string{"SelectionChanged", "LayerChanged add entity [entity status]", "DocumentsChanged", "SelectionChanged"}
	if !slices.Equal(first, want) || !slices.Equal(second, want) {
		t.Errorf("first saw %q, second %q, want %q", first, second, want)
	}
}
