package session

import (
	"slices"
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// DocEntry is one document of the corpus with this annotator's layer on
// it, and what a reviewer needs to know of it: what the document list
// and the status bar show.
type DocEntry struct {
	Info     corpus.DocInfo
	Status   corpus.Status // this annotator's progress
	Entities int           // in this annotator's layer
	Events   int
	// Assigned says the document was given to this annotator
	// (corpus.Store.Assign); assigned documents are listed first.
	Assigned bool
	// Review is the gold layer's status, which is the document's review
	// status: new (to review), in progress (in review), done
	// (adjudicated).
	Review corpus.Status
	// Layers is how many annotators (gold aside) have a layer on the
	// document, Done how many of them marked it done: the coverage a
	// reviewer looks at.
	Layers, Done int
}

// docList is the corpus's documents in list order (this annotator's
// assigned documents first, each part in import order), with their
// entries found by id.
type docList struct {
	entries    []DocEntry
	at         map[string]int // document id → index in entries
	annotators []string       // everyone with a layer in the corpus, gold aside, sorted
}

// loadDocuments reads the documents and every layer's summary once.
func loadDocuments(store *corpus.Store, annotator string) (docList, error) {
	docs, err := store.Documents()
	if err != nil {
		return docList{}, err
	}
	sums, err := store.Summaries("")
	if err != nil {
		return docList{}, err
	}
	l := docList{entries: make([]DocEntry, len(docs)), at: make(map[string]int, len(docs))}
	at := make(map[string]int, len(docs))
	for i, d := range docs {
		l.entries[i] = DocEntry{Info: d, Status: corpus.StatusNew, Review: corpus.StatusNew}
		at[d.ID] = i
	}
	seen := map[string]bool{}
	for _, s := range sums {
		i, ok := at[s.Doc]
		if !ok {
			continue
		}
		e := &l.entries[i]
		if s.Annotator == annotator {
			e.Status, e.Entities, e.Events, e.Assigned = s.Status, s.Entities, s.Events, s.Assigned
		}
		if s.Annotator == corpus.Gold {
			e.Review = s.Status
			continue
		}
		e.Layers++
		if s.Status == corpus.StatusDone {
			e.Done++
		}
		if !seen[s.Annotator] {
			seen[s.Annotator] = true
			l.annotators = append(l.annotators, s.Annotator)
		}
	}
	sort.Strings(l.annotators)
	// The annotator's assignment first, each part in import order.
	slices.SortStableFunc(l.entries, func(a, b DocEntry) int {
		switch {
		case a.Assigned == b.Assigned:
			return 0
		case a.Assigned:
			return -1
		}
		return 1
	})
	for i, e := range l.entries {
		l.at[e.Info.ID] = i
	}
	return l, nil
}

// Documents are the corpus's documents in list order (this annotator's
// assigned documents first, then the rest, each in import order) with
// this annotator's status and counts and the document's review status
// and coverage. The slice is the session's: read it, don't keep it past
// the next DocumentsChanged (the session updates the open document's
// entry in place as its layer changes).
func (s *Session) Documents() []DocEntry { return s.docs.entries }

// Annotators are the names of everyone with a layer in the corpus, gold
// aside, sorted, as of the last read of the document list.
func (s *Session) Annotators() []string { return s.docs.annotators }

// DocIndex is the position of a document in Documents, or -1.
func (s *Session) DocIndex(id string) int {
	if i, ok := s.docs.at[id]; ok {
		return i
	}
	return -1
}

// Position is the open document's position in Documents, or -1.
func (s *Session) Position() int { return s.DocIndex(s.doc.ID) }

// DoneCount is how many documents this annotator has marked done or, in
// review mode, how many are adjudicated.
func (s *Session) DoneCount() int {
	n := 0
	for _, e := range s.docs.entries {
		st := e.Status
		if s.Reviewing() {
			st = e.Review
		}
		if st == corpus.StatusDone {
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

// updateEntry copies the open layer's status and counts into its entry:
// the annotator's, or in review mode gold's status, the review status.
func (s *Session) updateEntry() {
	if i, ok := s.docs.at[s.doc.ID]; ok {
		e := &s.docs.entries[i]
		if s.Reviewing() {
			e.Review = s.layer.Status
			return
		}
		e.Status, e.Entities, e.Events = s.layer.Status, len(s.layer.Entities), len(s.layer.Events)
	}
}
