package session

import (
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// TestChangedElsewhere: another process imports a document and changes
// the open layer; the session catches up without a restart.
func TestChangedElsewhere(t *testing.T) {
	s, _ := fixture(t)
	st, doc := s.Store(), s.Doc().ID
	var events []Event
	s.Subscribe(func(e Event) { events = append(events, e) })
	// "Elsewhere": straight through the store, as another process would.
	res, err := st.Import([]corpus.ImportItem{{Origin: "cli", Doc: corpus.NewDoc{Text: "زار الرئيس بكين."}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddEntity(doc, s.Annotator(), corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangedElsewhere([]Elsewhere{{Doc: res.IDs[0]}, {Doc: doc, Annotator: s.Annotator()}}); err != nil {
		t.Fatal(err)
	}
	if len(s.Documents()) != 3 || len(s.Layer().Entities) != 1 {
		t.Errorf("after changes elsewhere: %d documents, layer %+v", len(s.Documents()), s.Layer())
	}
	var sawLayer, sawDocs bool
	for _, e := range events {
		switch e.(type) {
		case LayerChanged:
			sawLayer = true
		case DocumentsChanged:
			sawDocs = true
		}
	}
	if !sawLayer || !sawDocs {
		t.Errorf("events %T", events)
	}
	// The session's own next action builds on what arrived.
	if err := s.SetDone(true); err != nil {
		t.Fatal(err)
	}
	if l, _ := st.Layer(doc, s.Annotator()); l.Status != corpus.StatusDone || len(l.Entities) != 1 {
		t.Errorf("stored layer %+v", l)
	}
}

// TestOwnChangeHeardBack: a server announces this session's own commits
// too; they change nothing and reload nothing.
func TestOwnChangeHeardBack(t *testing.T) {
	s, _ := fixture(t)
	sp := span(t, s, "بشار الأسد", 0)
	s.Select(sp.Start, sp.End)
	if _, err := s.ApplyType("PERS"); err != nil {
		t.Fatal(err)
	}
	var events []Event
	s.Subscribe(func(e Event) { events = append(events, e) })
	rev := s.Layer().Revision
	if err := s.ChangedElsewhere([]Elsewhere{{Doc: s.Doc().ID, Annotator: s.Annotator(), Revision: rev}, {Doc: s.Doc().ID, Annotator: "someone else", Revision: 3}}); err != nil {
		t.Fatal(err)
	}
	if len(events) != 0 {
		t.Errorf("hearing back its own change published %T", events)
	}
}
