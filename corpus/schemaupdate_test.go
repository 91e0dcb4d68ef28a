package corpus

import "testing"

func TestUpdateSchemaCarriesAnnotations(t *testing.T) {
	s := openTest(t)
	doc := importText(t, s, seedText)
	pers := runeIndex(t, seedText, "بشار الأسد")
	xi := runeIndex(t, seedText, "شي جين بينغ")
	gpe := runeIndex(t, seedText, "الصيني")
	a, _ := s.AddEntity(doc, "a", Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	b, _ := s.AddEntity(doc, "b", Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
	g, _ := s.AddEntity(doc, "a", Entity{Start: gpe.Start, End: gpe.End, Type: "NORP"})
	ev, err := s.AddEvent(doc, "a", Event{Type: "Contact.Meet", Trigger: runeIndex(t, seedText, "محادثات"),
		Arguments: []Argument{{Role: "Entity", Entity: a.ID}, {Role: "Place", Entity: g.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if n, m, _ := s.TypeUsage("PERS"); n != 2 || m != 0 {
		t.Fatalf("usage of PERS: %d entities %d events", n, m)
	}
	sc, _ := s.Schema()
	// Rename PERS to PERSON, drop NORP.
	var kept []EntityType
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
		// PERS renamed in a and b; NORP removed, and with it the event's
		// Place argument.
		t.Errorf("changed %d removed %d, want 2 and 1", changed, removed)
	}
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
	// The change is logged, and the new schema is what validation uses.
	log, _ := s.Changes(doc, "a")
	if last := log[len(log)-1]; last.Op != "schema change" {
		t.Errorf("last change %q", last.Op)
	}
	if _, err := s.AddEntity(doc, "a", Entity{Start: 0, End: 4, Type: "PERS"}); err == nil {
		t.Error("the old type name is still accepted")
	}
}
