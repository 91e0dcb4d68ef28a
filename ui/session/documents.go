package session

import "github.com/tawsim/tawsim/corpus"

// DocEntry is one document of the corpus with this annotator's layer on
// it: what the document list and the status bar show.
type DocEntry struct {
	Info     corpus.DocInfo
	Status   corpus.Status
	Entities int
	Events   int
}

// docList is the corpus's documents in import order, with their entries
// found by id.
type docList struct {
	entries []DocEntry
	at      map[string]int // document id → index in entries
}

// loadDocuments reads the documents and annotator's layer summaries.
func loadDocuments(store *corpus.Store, annotator string) (docList, error) {
	docs, err := store.Documents()
	if err != nil {
		return docList{}, err
	}
	sums, err := store.Summaries(annotator)
	if err != nil {
		return docList{}, err
	}
	by := make(map[string]corpus.LayerSummary, len(sums))
	for _, s := range sums {
		by[s.Doc] = s
	}
	l := docList{entries: make([]DocEntry, len(docs)), at: make(map[string]int, len(docs))}
	for i, d := range docs {
		s, ok := by[d.ID]
		st := corpus.StatusNew
		if ok {
			st = s.Status
		}
		l.entries[i] = DocEntry{Info: d, Status: st, Entities: s.Entities, Events: s.Events}
		l.at[d.ID] = i
	}
	return l, nil
}

// Documents are the corpus's documents in import order with this
// annotator's status and counts. The slice is the session's: read it,
// don't keep it past the next DocumentsChanged (the session updates the
// open document's entry in place as its layer changes).
func (s *Session) Documents() []DocEntry { return s.docs.entries }

// DocIndex is the position of a document in Documents, or -1.
func (s *Session) DocIndex(id string) int {
	if i, ok := s.docs.at[id]; ok {
		return i
	}
	return -1
}

// Position is the open document's position in Documents, or -1.
func (s *Session) Position() int { return s.DocIndex(s.doc.ID) }

// DoneCount is how many documents this annotator has marked done.
func (s *Session) DoneCount() int {
	n := 0
	for _, e := range s.docs.entries {
		if e.Status == corpus.StatusDone {
			n++
		}
	}
	return n
}

// ReloadDocuments reads the document list again (after an import).
func (s *Session) ReloadDocuments() error {
	s.begin()
	defer s.end()
	l, err := loadDocuments(s.store, s.annotator)
	if err != nil {
		return err
	}
	s.docs = l
	s.emit(DocumentsChanged{})
	return nil
}

// updateEntry copies the open layer's status and counts into its entry.
func (s *Session) updateEntry() {
	if i, ok := s.docs.at[s.doc.ID]; ok {
		e := &s.docs.entries[i]
		e.Status, e.Entities, e.Events = s.layer.Status, len(s.layer.Entities), len(s.layer.Events)
	}
}
