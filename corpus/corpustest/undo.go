package corpustest

import (
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// testUndoRedoAndCascade: deleting an entity removes the arguments that
// point to it, and undo brings both back; the history survives a restart;
// a new change ends the redo history.
func testUndoRedoAndCascade(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	pers := Find(t, SeedText, "بشار الأسد")
	xi := Find(t, SeedText, "شي جين بينغ")
	a, _ := s.AddEntity(doc, "a", corpus.Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	b, _ := s.AddEntity(doc, "a", corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
	ev, err := s.AddEvent(doc, "a", corpus.Event{Type: "Contact.Meet", Trigger: Find(t, SeedText, "محادثات"),
		Arguments: []corpus.Argument{{Role: "Entity", Entity: a.ID}, {Role: "Entity", Entity: b.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetEntity(doc, "a", corpus.Entity{ID: a.ID, Start: a.Start, End: a.End, Type: "OCC"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEntity(doc, "a", b.ID); err != nil {
		t.Fatal(err)
	}
	l, _ := s.Layer(doc, "a")
	if got, _ := l.Event(ev.ID); len(got.Arguments) != 1 || got.Arguments[0].Entity != a.ID {
		t.Fatalf("deleting %s left arguments %+v", b.ID, got.Arguments)
	}
	// Undo the delete: the entity and its argument come back together.
	if _, ok, err := s.Undo(doc, "a"); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	l, _ = s.Layer(doc, "a")
	if got, _ := l.Event(ev.ID); len(got.Arguments) != 2 || len(l.Entities) != 2 {
		t.Fatalf("after undo: %+v", l)
	}
	// Undo the retype.
	s.Undo(doc, "a")
	l, _ = s.Layer(doc, "a")
	if e, _ := l.Entity(a.ID); e.Type != "PERS" {
		t.Fatalf("after second undo %s is %s", a.ID, e.Type)
	}
	// Redo survives a restart.
	s = h.Reopen(t, s, nil)
	if !s.CanRedo(doc, "a") {
		t.Fatal("redo history lost on restart")
	}
	s.Redo(doc, "a")
	l, _ = s.Layer(doc, "a")
	if e, _ := l.Entity(a.ID); e.Type != "OCC" {
		t.Fatalf("after redo %s is %s", a.ID, e.Type)
	}
	// A new change clears redo.
	s.SetStatus(doc, "a", corpus.StatusDone)
	if s.CanRedo(doc, "a") {
		t.Error("a new change should end the redo history")
	}
	// Undo everything back to an empty layer.
	for s.CanUndo(doc, "a") {
		if _, _, err := s.Undo(doc, "a"); err != nil {
			t.Fatal(err)
		}
	}
	l, _ = s.Layer(doc, "a")
	if len(l.Entities)+len(l.Events) != 0 || l.Status != corpus.StatusNew {
		t.Errorf("undo all left %+v", l)
	}
	if _, ok, err := s.Undo(doc, "a"); ok || err != nil {
		t.Errorf("undo with nothing left: %v %v", ok, err)
	}
	log, _ := s.Changes(doc, "a")
	if len(log) < 8 || log[len(log)-1].Op != "undo" {
		t.Errorf("change log does not record the history: %d entries", len(log))
	}
	// Redo everything forward again, in order. The delete of b is not
	// among them: the status change ended that redo history.
	n := 0
	for s.CanRedo(doc, "a") {
		if _, _, err := s.Redo(doc, "a"); err != nil {
			t.Fatal(err)
		}
		n++
	}
	l, _ = s.Layer(doc, "a")
	if e, _ := l.Entity(a.ID); n != 5 || e.Type != "OCC" || len(l.Entities) != 2 || len(l.Events) != 1 || l.Status != corpus.StatusDone {
		t.Errorf("after %d redos: %+v", n, l)
	}
}

// testUndoAcrossLayers: undo is per annotator and document; one layer's
// undo never touches another's.
func testUndoAcrossLayers(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	other := ImportText(t, s, "زار الرئيس بكين.")
	if _, err := s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(doc, "b", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(other, "a", corpus.Entity{Start: 0, End: 3, Type: "OCC"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Undo(doc, "a"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	for _, c := range []struct {
		doc, ann string
		want     int
	}{{doc, "a", 0}, {doc, "b", 1}, {other, "a", 1}} {
		if l, _ := s.Layer(c.doc, c.ann); len(l.Entities) != c.want {
			t.Errorf("layer %s/%s has %d entities, want %d", c.doc[:8], c.ann, len(l.Entities), c.want)
		}
	}
	if _, ok, _ := s.Undo(doc, "nobody"); ok {
		t.Error("undo on a layer that does not exist did something")
	}
}

// testChangeLog: each layer numbers its changes on from the last one,
// undo and redo name the change they revert, and the merged log keeps
// each layer's order.
func testChangeLog(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	e, _ := s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 4, Type: "PERS"})
	s.AddEntity(doc, "b", corpus.Entity{Start: 0, End: 4, Type: "PERS"})
	s.SetEntity(doc, "a", corpus.Entity{ID: e.ID, Start: 0, End: 4, Type: "OCC"})
	s = h.Reopen(t, s, nil)
	undone, ok, err := s.Undo(doc, "a")
	if !ok || err != nil {
		t.Fatal(ok, err)
	}
	redone, _, _ := s.Redo(doc, "a")
	log, err := s.Changes(doc, "a")
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for i, c := range log {
		ops = append(ops, c.Op)
		if i > 0 && c.Seq <= log[i-1].Seq {
			t.Errorf("change numbers do not grow: %d after %d", c.Seq, log[i-1].Seq)
		}
		if c.Doc != doc || c.Annotator != "a" || c.Time.IsZero() || c.Revision != uint64(i+1) {
			t.Errorf("change %d: %+v", i, c)
		}
	}
	if want := "[add entity change entity undo redo]"; sprint(ops) != want {
		t.Errorf("ops %v, want %s", ops, want)
	}
	if undone.Ref != log[1].Seq || redone.Ref != log[1].Seq {
		t.Errorf("undo refers to %d and redo to %d, want %d", undone.Ref, redone.Ref, log[1].Seq)
	}
	all, _ := s.Changes("", "")
	if len(all) != 5 {
		t.Errorf("merged log has %d changes, want 5", len(all))
	}
	var ofA []uint64
	for _, c := range all {
		if c.Annotator == "a" {
			ofA = append(ofA, c.Seq)
		}
	}
	for i := 1; i < len(ofA); i++ {
		if ofA[i] <= ofA[i-1] {
			t.Errorf("merged log reorders layer a: %v", ofA)
		}
	}
}
