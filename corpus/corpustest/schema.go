package corpustest

import (
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// testUpdateSchemaCarriesAnnotations: renaming a type carries its
// annotations along in every layer; removing one removes them (and the
// arguments pointing to them); each touched layer logs one change.
func testUpdateSchemaCarriesAnnotations(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	pers := Find(t, SeedText, "بشار الأسد")
	xi := Find(t, SeedText, "شي جين بينغ")
	gpe := Find(t, SeedText, "الصيني")
	a, _ := s.AddEntity(doc, "a", corpus.Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	b, _ := s.AddEntity(doc, "b", corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
	g, _ := s.AddEntity(doc, "a", corpus.Entity{Start: gpe.Start, End: gpe.End, Type: "NORP"})
	ev, err := s.AddEvent(doc, "a", corpus.Event{Type: "Contact.Meet", Trigger: Find(t, SeedText, "محادثات"),
		Arguments: []corpus.Argument{{Role: "Entity", Entity: a.ID}, {Role: "Place", Entity: g.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := s.Schema()
	var kept []corpus.EntityType
	for _, et := range sc.Entities {
		switch et.Name {
		case "PERS":
			et.Name = "PERSON"
		case "NORP":
			continue
		}
		kept = append(kept, et)
	}
	sc.Entities = kept
	changed, removed, err := s.UpdateSchema(sc, map[string]string{"PERS": "PERSON"})
	if err != nil {
		t.Fatal(err)
	}
	if changed != 2 || removed != 1 {
		t.Errorf("changed %d removed %d, want 2 and 1", changed, removed)
	}
	s = h.Reopen(t, s, nil)
	la, _ := s.Layer(doc, "a")
	lb, _ := s.Layer(doc, "b")
	if e, _ := la.Entity(a.ID); e.Type != "PERSON" {
		t.Errorf("a's entity is %s", e.Type)
	}
	if e, _ := lb.Entity(b.ID); e.Type != "PERSON" {
		t.Errorf("b's entity is %s", e.Type)
	}
	if _, ok := la.Entity(g.ID); ok {
		t.Error("the NORP entity survived its type's removal")
	}
	if e, _ := la.Event(ev.ID); len(e.Arguments) != 1 || e.Arguments[0].Entity != a.ID {
		t.Errorf("event arguments %+v", e.Arguments)
	}
	log, _ := s.Changes(doc, "a")
	if last := log[len(log)-1]; last.Op != "schema change" {
		t.Errorf("last change %q", last.Op)
	}
	if _, err := s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err == nil {
		t.Error("the old type name is still accepted")
	}
	got, _ := s.Schema()
	if len(got.Entities) != len(kept) {
		t.Errorf("the new schema was not stored: %d types", len(got.Entities))
	}
	bad := got.Clone()
	bad.Entities = append(bad.Entities, bad.Entities[0])
	if err := s.SetSchema(bad); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("a schema with a type defined twice: %v", err)
	}
}
