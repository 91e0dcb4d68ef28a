package corpustest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// testRoundTrip stores a document, an entity and an event, restarts and
// reads them back: text normalised once at import, offsets intact.
func testRoundTrip(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, "\uFEFF"+strings.ReplaceAll(SeedText, " مع ", "\r\nمع "))
	pers := Find(t, SeedText, "بشار الأسد")
	ent, err := s.AddEntity(doc, "layla", corpus.Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	if err != nil {
		t.Fatal(err)
	}
	trig := Find(t, SeedText, "محادثات")
	ev, err := s.AddEvent(doc, "layla", corpus.Event{Type: "Contact.Meet", Trigger: trig, Arguments: []corpus.Argument{{Role: "Entity", Entity: ent.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	s = h.Reopen(t, s, nil)
	d, err := s.Document(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(SeedText, " مع ", "\nمع ")
	if d.Text != want {
		t.Errorf("text = %q, want BOM dropped and CRLF as LF: %q", d.Text, want)
	}
	if d.SHA256 != corpus.TextHash(want) {
		t.Errorf("hash %s does not match the stored text", d.SHA256)
	}
	info, err := s.Documents()
	if err != nil || len(info) != 1 || info[0].Runes != len([]rune(want)) || info[0].Tokens == 0 {
		t.Errorf("documents = %+v, %v", info, err)
	}
	l, err := s.Layer(doc, "layla")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 1 || l.Entities[0] != ent {
		t.Fatalf("entities = %+v, want [%+v]", l.Entities, ent)
	}
	if got := string([]rune(d.Text)[ent.Start:ent.End]); got != "بشار الأسد" {
		t.Errorf("entity covers %q", got)
	}
	if len(l.Events) != 1 || l.Events[0].ID != ev.ID || l.Events[0].Arguments[0].Entity != ent.ID {
		t.Errorf("events = %+v", l.Events)
	}
	if l.Status != corpus.StatusInProgress || l.Revision != 2 {
		t.Errorf("status %s revision %d, want in-progress 2", l.Status, l.Revision)
	}
	sums, err := s.Summaries("layla")
	if err != nil || len(sums) != 1 || sums[0].Entities != 1 || sums[0].Events != 1 {
		t.Errorf("summaries = %+v, %v", sums, err)
	}
	if _, err := s.Document("0190a0b0-0000-7000-8000-00000000dead"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("unknown document: %v, want ErrNotFound", err)
	}
}

// testValidationRefusals checks every rule, and that a refused change
// leaves neither the layer nor the log touched.
func testValidationRefusals(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	n := len([]rune(SeedText))
	pers := Find(t, SeedText, "بشار الأسد")
	ent, err := s.AddEntity(doc, "a", corpus.Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	if err != nil {
		t.Fatal(err)
	}
	trig := Find(t, SeedText, "محادثات")
	add := func(ann string, e corpus.Entity) func() error {
		return func() error { _, err := s.AddEntity(doc, ann, e); return err }
	}
	addEvent := func(ann string, ev corpus.Event) func() error {
		return func() error { _, err := s.AddEvent(doc, ann, ev); return err }
	}
	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"end past text", add("a", corpus.Entity{Start: 0, End: n + 1, Type: "PERS"}), "outside the text"},
		{"negative start", add("a", corpus.Entity{Start: -1, End: 2, Type: "PERS"}), "outside the text"},
		{"empty span", add("a", corpus.Entity{Start: 4, End: 4, Type: "PERS"}), "start must be before end"},
		{"unknown type", add("a", corpus.Entity{Start: 0, End: 4, Type: "PERSON"}), `entity type "PERSON" is not in the schema`},
		{"duplicate", add("a", corpus.Entity{Start: pers.Start, End: pers.End, Type: "PERS"}), "exact duplicates are refused"},
		{"id taken", add("a", corpus.Entity{ID: ent.ID, Start: 0, End: 4, Type: "PERS"}), "already used"},
		{"retype into a duplicate", func() error {
			other, err := s.AddEntity(doc, "a", corpus.Entity{Start: pers.Start, End: pers.End, Type: "OCC"})
			if err != nil {
				return err
			}
			defer s.DeleteEntity(doc, "a", other.ID)
			other.Type = "PERS"
			return s.SetEntity(doc, "a", other)
		}, "exact duplicates are refused"},
		{"unknown event type", addEvent("a", corpus.Event{Type: "Contact.Lunch", Trigger: trig}), `event type "Contact.Lunch" is not in the schema`},
		{"trigger outside", addEvent("a", corpus.Event{Type: "Contact.Meet", Trigger: corpus.Span{Start: n, End: n + 3}}), "outside the text"},
		{"role not of type", addEvent("a", corpus.Event{Type: "Contact.Meet", Trigger: trig, Arguments: []corpus.Argument{{Role: "Victim", Entity: ent.ID}}}),
			`role "Victim" does not belong to event type Contact.Meet`},
		{"argument from nowhere", addEvent("a", corpus.Event{Type: "Contact.Meet", Trigger: trig, Arguments: []corpus.Argument{{Role: "Entity", Entity: "T99"}}}),
			"entity T99 does not exist in this layer"},
		{"argument from another layer", addEvent("b", corpus.Event{Type: "Contact.Meet", Trigger: trig, Arguments: []corpus.Argument{{Role: "Entity", Entity: ent.ID}}}),
			"does not exist in this layer"},
		{"unknown document", func() error {
			_, err := s.AddEntity("nope", "a", corpus.Entity{Start: 0, End: 1, Type: "PERS"})
			if !errors.Is(err, corpus.ErrNotFound) {
				return fmt.Errorf("want ErrNotFound, got %v", err)
			}
			return err
		}, "not found"},
		{"change a missing entity", func() error { return s.SetEntity(doc, "a", corpus.Entity{ID: "T77", Start: 0, End: 3, Type: "PERS"}) }, "not found"},
		{"delete a missing event", func() error { return s.DeleteEvent(doc, "a", "E77") }, "not found"},
		{"bad status", func() error { return s.SetStatus(doc, "a", "finished") }, "not one of new, in-progress, done"},
		{"empty annotator", add(" ", corpus.Entity{Start: 0, End: 1, Type: "PERS"}), "annotator name is empty"},
		{"slash in annotator", add("a/b", corpus.Entity{Start: 0, End: 1, Type: "PERS"}), "not allowed"},
	}
	before, _ := s.Changes("", "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
	after, _ := s.Changes("", "a")
	// The "retype into a duplicate" case adds and deletes a helper entity.
	if len(after) != len(before)+2 {
		t.Errorf("refused changes were logged: %d entries before, %d after", len(before), len(after))
	}
	l, _ := s.Layer(doc, "a")
	if len(l.Entities) != 1 || len(l.Events) != 0 {
		t.Errorf("refused changes altered the layer: %+v", l)
	}
	if l2, _ := s.Layer(doc, "b"); len(l2.Entities) != 0 || l2.Revision != 0 {
		t.Errorf("refused change created layer b: %+v", l2)
	}
}

// testEveryWritePath drives each write through the store and reads the
// result back: add, retype, resize, delete for entities and events,
// status, and an Edit doing several things in one change.
func testEveryWritePath(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	xi := Find(t, SeedText, "شي جين بينغ")
	assad := Find(t, SeedText, "بشار الأسد")
	a, err := s.AddEntity(doc, "omar", corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
	if err != nil {
		t.Fatal(err)
	}
	a.Type = "OCC"
	a.End = xi.Start + 2
	if err := s.SetEntity(doc, "omar", a); err != nil {
		t.Fatal(err)
	}
	ev, err := s.AddEvent(doc, "omar", corpus.Event{Type: "Contact.Meet", Trigger: Find(t, SeedText, "محادثات")})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := s.Edit(doc, "omar", "add argument", func(e *corpus.Edit) error {
		b, err := e.AddEntity(corpus.Entity{Start: assad.Start, End: assad.End, Type: "PERS"})
		if err != nil {
			return err
		}
		cur, _ := e.Event(ev.ID)
		cur.Arguments = append(cur.Arguments, corpus.Argument{Role: "Entity", Entity: b.ID})
		return e.SetEvent(cur)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Diffs) != 2 || ch.Op != "add argument" {
		t.Errorf("one Edit should log one change of two diffs: %+v", ch)
	}
	l, _ := s.Layer(doc, "omar")
	if got, _ := l.Entity(a.ID); got != a {
		t.Errorf("changed entity = %+v, want %+v", got, a)
	}
	if got, _ := l.Event(ev.ID); len(got.Arguments) != 1 {
		t.Errorf("event arguments %+v", got.Arguments)
	}
	if err := s.SetEvent(doc, "omar", corpus.Event{ID: ev.ID, Type: "Conflict.Attack", Trigger: ev.Trigger}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEvent(doc, "omar", ev.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEntity(doc, "omar", a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(doc, "omar", corpus.StatusDone); err != nil {
		t.Fatal(err)
	}
	l, _ = s.Layer(doc, "omar")
	if len(l.Entities) != 1 || len(l.Events) != 0 || l.Status != corpus.StatusDone {
		t.Errorf("after deletes and done: %+v", l)
	}
	sums, _ := s.Summaries("omar")
	if len(sums) != 1 || sums[0].Entities != 1 || sums[0].Events != 0 || sums[0].Status != corpus.StatusDone {
		t.Errorf("summary counts drifted from the layer: %+v", sums)
	}
	// An Edit that changes nothing is not logged and does not bump the revision.
	rev := l.Revision
	if ch, err := s.Edit(doc, "omar", "nothing", func(*corpus.Edit) error { return nil }); err != nil || ch.Seq != 0 {
		t.Errorf("empty edit: %+v, %v", ch, err)
	}
	if l, _ = s.Layer(doc, "omar"); l.Revision != rev {
		t.Errorf("an empty edit moved the revision %d → %d", rev, l.Revision)
	}
}

// testIDsNeverReused: a deleted entity's id is never handed out again in
// the layer, since the change log refers to items by id.
func testIDsNeverReused(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	seen := map[string]bool{}
	for i := 0; i < 5; i++ {
		e, err := s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 5, Type: "PERS"})
		if err != nil {
			t.Fatal(err)
		}
		if seen[e.ID] {
			t.Fatalf("id %s handed out twice", e.ID)
		}
		seen[e.ID] = true
		if err := s.DeleteEntity(doc, "a", e.ID); err != nil {
			t.Fatal(err)
		}
	}
	s = h.Reopen(t, s, nil)
	// Imported ids are kept, and new ids step around them.
	l := corpus.Layer{Annotator: "b", Entities: []corpus.Entity{{ID: "T1", Start: 0, End: 5, Type: "PERS"}, {ID: "T2", Start: 6, End: 11, Type: "OCC"}}}
	if _, err := s.Import([]corpus.ImportItem{{Origin: "layer", Doc: corpus.NewDoc{Text: SeedText}, Layers: []corpus.Layer{l}}}); err != nil {
		t.Fatal(err)
	}
	e, err := s.AddEntity(doc, "b", corpus.Entity{Start: 12, End: 18, Type: "GPE"})
	if err != nil {
		t.Fatal(err)
	}
	if e.ID == "T1" || e.ID == "T2" || !strings.HasPrefix(e.ID, "T") {
		t.Errorf("new entity got id %s next to imported T1, T2", e.ID)
	}
}

// testStatusFollowsWork: the first annotation starts a layer, a status
// change alone does not, and done stays done.
func testStatusFollowsWork(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	if l, _ := s.Layer(doc, "a"); l.Status != corpus.StatusNew || l.Revision != 0 {
		t.Errorf("untouched layer: %+v", l)
	}
	if _, err := s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.Layer(doc, "a"); l.Status != corpus.StatusInProgress {
		t.Errorf("after the first entity: %s", l.Status)
	}
	if err := s.SetStatus(doc, "b", corpus.StatusDone); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(doc, "b", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.Layer(doc, "b"); l.Status != corpus.StatusDone {
		t.Errorf("an edit moved a done layer to %s", l.Status)
	}
}

// testProvenance: a gold annotation's provenance (who accepted it, from
// whom, when) is stored with it and survives a restart.
func testProvenance(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	at := time.Date(2026, 12, 2, 10, 30, 0, 0, time.UTC)
	prov := &corpus.Provenance{By: "noura", From: []string{"amira", "layla"}, At: at}
	xi := Find(t, SeedText, "شي جين بينغ")
	e, err := s.AddEntity(doc, corpus.Gold, corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS", Provenance: prov})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvent(doc, corpus.Gold, corpus.Event{Type: "Contact.Meet", Trigger: Find(t, SeedText, "محادثات"),
		Arguments: []corpus.Argument{{Role: "Entity", Entity: e.ID}}, Provenance: prov}); err != nil {
		t.Fatal(err)
	}
	s = h.Reopen(t, s, nil)
	l, _ := s.Layer(doc, corpus.Gold)
	if len(l.Entities) != 1 || !l.Entities[0].Provenance.Equal(prov) {
		t.Errorf("entity provenance %+v, want %+v", l.Entities[0].Provenance, prov)
	}
	if len(l.Events) != 1 || !l.Events[0].Provenance.Equal(prov) {
		t.Errorf("event provenance %+v", l.Events)
	}
	// Undo and redo bring the provenance back with the item.
	s.Undo(doc, corpus.Gold)
	s.Undo(doc, corpus.Gold)
	s.Redo(doc, corpus.Gold)
	if l, _ = s.Layer(doc, corpus.Gold); len(l.Entities) != 1 || !l.Entities[0].Provenance.Equal(prov) {
		t.Errorf("after undo and redo: %+v", l.Entities)
	}
}

// testAssign: assigning documents makes their layers exist, listed as
// assigned, without a change in the log; unassigning clears the mark.
func testAssign(t *testing.T, h Harness) {
	s := h.Open(t)
	a := ImportText(t, s, SeedText)
	b := ImportText(t, s, "زار الرئيس بكين.")
	n, err := s.Assign([]corpus.Assignment{{Doc: a, Annotators: []string{"amira", "omar"}}, {Doc: b, Annotators: []string{"amira"}}}, true)
	if err != nil || n != 3 {
		t.Fatalf("assign: %d %v", n, err)
	}
	s = h.Reopen(t, s, nil)
	sums, _ := s.Summaries("amira")
	if len(sums) != 2 || !sums[0].Assigned || !sums[1].Assigned || sums[0].Status != corpus.StatusNew {
		t.Errorf("amira's assignment: %+v", sums)
	}
	if log, _ := s.Changes("", ""); len(log) != 0 {
		t.Errorf("assigning logged %d changes", len(log))
	}
	s.AddEntity(a, "amira", corpus.Entity{Start: 0, End: 4, Type: "PERS"})
	if n, err := s.Assign([]corpus.Assignment{{Doc: a, Annotators: []string{"amira", "nobody"}}}, false); err != nil || n != 1 {
		t.Errorf("unassign: %d %v", n, err)
	}
	if l, _ := s.Layer(a, "amira"); len(l.Entities) != 1 {
		t.Errorf("unassigning lost work: %+v", l)
	}
	if _, err := s.Assign([]corpus.Assignment{{Doc: "0190a0b0-0000-7000-8000-00000000dead", Annotators: []string{"amira"}}}, true); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("assigning a missing document: %v", err)
	}
}
