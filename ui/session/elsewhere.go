package session

import "github.com/tawsim/tawsim/corpus"

// Elsewhere is a change another process committed to the database: a
// layer (Doc and Annotator), a new document (Annotator ""), or, when both
// are empty, anything at all (the schema, or changes that may have been
// missed).
type Elsewhere struct {
	Doc, Annotator string
	Revision       uint64 // the layer's revision after the change, when known
}

// ChangedElsewhere brings the session up to date after changes other
// processes made (a tawsimctl import while the app is open, a colleague
// on the team server): the document list is read again, and so is the
// open layer when it is among them, keeping the selection where it still
// exists. Work of this session is never lost: its own changes are already
// in the database.
func (s *Session) ChangedElsewhere(changes []Elsewhere) error {
	s.begin()
	defer s.end()
	everything, openLayer, list := false, false, false
	for _, c := range changes {
		switch {
		case c.Doc == "" && c.Annotator == "":
			everything = true
		case c.Doc == s.doc.ID && c.Annotator == s.annotator && c.Revision != 0 && c.Revision <= s.layer.Revision:
			// this session's own change, heard back from a server
		case c.Annotator == "" || c.Annotator == s.annotator:
			// a new document, or this annotator's layer elsewhere: the
			// list shows both; other annotators' layers it does not
			list = true
			openLayer = openLayer || c.Doc == s.doc.ID
		}
	}
	if !everything && !list {
		return nil
	}
	if everything {
		s.store.ReloadSchema()
		if sc, err := s.store.Schema(); err == nil {
			s.schema = sc
			s.emit(SchemaChanged{})
		}
	}
	if err := s.ReloadDocuments(); err != nil {
		return err
	}
	if s.doc.ID == "" || !(openLayer || everything) {
		return nil
	}
	l, err := s.store.Layer(s.doc.ID, s.annotator)
	if err != nil {
		return err
	}
	if l.Revision == s.layer.Revision && !everything {
		return nil
	}
	s.layer = l
	if _, ok := l.Entity(s.selected); !ok {
		if _, ok := l.Event(s.selected); !ok {
			s.selected = ""
		}
	}
	s.lex = nil // rebuilt on next use from the layers as they are now
	s.updateEntry()
	s.emit(LayerChanged{Change: corpus.Change{Doc: s.doc.ID, Annotator: s.annotator, Op: "changed elsewhere", Revision: l.Revision,
		Diffs: []corpus.Diff{{Kind: corpus.KindEntity}, {Kind: corpus.KindEvent}, {Kind: corpus.KindStatus}}}})
	s.emit(SelectionChanged{})
	return nil
}
