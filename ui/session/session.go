package session

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Session is one annotator's working state on the open document. It keeps
// the layer in memory and updates it from the change each action returns,
// so an action costs one store transaction and no re-read. It tells its
// subscribers what each action changed (see Subscribe).
//
// A Session is not safe for concurrent use: the window calls it from the
// UI goroutine only.
type Session struct {
	store     *corpus.Store
	annotator string
	schema    corpus.Schema
	docs      docList

	// The open document, decoded once when it opens: the text, its code
	// point index and its tokens serve every panel and the view.
	doc    corpus.Document
	index  *corpus.Index
	tokens []corpus.Token
	layer  corpus.Layer

	selection corpus.Span // the text selection; empty when Start == End
	selected  string      // the selected annotation: an entity (T…) or event (E…) id

	tokIndex  *tokenIndex // built on first use per document
	lex       *lexicon
	dismissed map[suggestionKey]bool
	sugs      suggestions

	// In review mode the session shows and edits gold, and keeps every
	// annotator's layer of the open document compared (see review.go).
	mode   Mode
	review *reviewState
	// dismissedCands are the candidates the reviewer dismissed, by
	// document and content, for the rest of the session.
	dismissedCands map[string]bool

	pub publisher
}

// New starts a session for annotator on store and reads the document list.
func New(store *corpus.Store, annotator string) (*Session, error) {
	s := &Session{}
	if err := s.reset(store, annotator); err != nil {
		return nil, err
	}
	return s, nil
}

// Restart begins again, as New does, on store as annotator (after the
// schema or the annotator's name changed, or to work on another
// database), keeping the subscribers. No document is open afterwards.
func (s *Session) Restart(store *corpus.Store, annotator string) error {
	s.begin()
	defer s.end()
	if err := s.reset(store, annotator); err != nil {
		return err
	}
	s.emit(SchemaChanged{})
	s.emit(DocumentsChanged{})
	s.emit(DocumentOpened{})
	return nil
}

// reset replaces everything but the subscribers and the mode; on error
// it changes nothing.
func (s *Session) reset(store *corpus.Store, annotator string) error {
	annotator = strings.TrimSpace(annotator)
	if annotator == "" {
		return errors.New("the annotator name is empty")
	}
	sc, err := store.Schema()
	if err != nil {
		return err
	}
	docs, err := loadDocuments(store, annotator)
	if err != nil {
		return err
	}
	*s = Session{store: store, annotator: annotator, schema: sc, docs: docs,
		dismissed: map[suggestionKey]bool{}, sugs: suggestions{picked: -1}, pub: s.pub,
		mode: s.mode, dismissedCands: map[string]bool{}}
	return nil
}

// Annotator is the name this session annotates as.
func (s *Session) Annotator() string { return s.annotator }

// Store is the corpus the session works on.
func (s *Session) Store() *corpus.Store { return s.store }

// Schema is the corpus schema as of the session start.
func (s *Session) Schema() corpus.Schema { return s.schema }

// Open loads a document and this annotator's layer on it (in review
// mode: gold, and every annotator's layer compared), and decodes the text
// once for everything that shows it.
func (s *Session) Open(docID string) error {
	s.begin()
	defer s.end()
	d, err := s.store.Document(docID)
	if err != nil {
		return err
	}
	var l corpus.Layer
	var rv *reviewState
	if s.mode == Review {
		l, rv, err = s.loadReview(docID)
	} else {
		l, err = s.store.Layer(docID, s.annotator)
	}
	if err != nil {
		return err
	}
	s.doc, s.layer, s.review = d, l, rv
	s.index = corpus.NewIndex(d.Text)
	s.tokens = d.Tokens() // its own tokens, or its tokenizer version's
	s.tokIndex = nil
	s.selection, s.selected = corpus.Span{}, ""
	s.sugs = suggestions{picked: -1}
	s.updateEntry()
	s.emit(DocumentOpened{Doc: docID})
	return nil
}

func (s *Session) tokenIndex() *tokenIndex {
	if s.tokIndex == nil {
		s.tokIndex = newTokenIndex(s.tokens)
	}
	return s.tokIndex
}

// Doc is the open document (zero before Open).
func (s *Session) Doc() corpus.Document { return s.doc }

// Index maps the open document's code points to bytes; with Tokens it is
// the document decoded once, when it opened, for every panel to share.
// Nil when no document is open.
func (s *Session) Index() *corpus.Index { return s.index }

// Tokens are the open document's tokens.
func (s *Session) Tokens() []corpus.Token { return s.tokens }

// Layer is the layer the session shows and edits on the open document, as
// stored: this annotator's, or gold in review mode.
func (s *Session) Layer() corpus.Layer { return s.layer }

// Text returns the characters of a span of the open document.
func (s *Session) Text(sp corpus.Span) string {
	if s.index == nil || sp.Start < 0 || sp.End > s.index.Len() || sp.Start > sp.End {
		return ""
	}
	return s.index.Slice(sp.Start, sp.End)
}

// Select sets the text selection (from a drag, a double-click or the
// keyboard) and clears the selected annotation and the picked suggestion.
func (s *Session) Select(start, end int) {
	if start > end {
		start, end = end, start
	}
	s.setSelection(corpus.Span{Start: start, End: end}, "")
}

// setSelection is where every selection change goes through.
func (s *Session) setSelection(sel corpus.Span, selected string) {
	s.selection, s.selected = sel, selected
	s.sugs.picked = -1
	s.emit(SelectionChanged{})
}

// Selection is the current text selection.
func (s *Session) Selection() corpus.Span { return s.selection }

// SelectAnnotation selects an entity or event by id, or in review mode a
// candidate ("" clears it).
func (s *Session) SelectAnnotation(id string) {
	sel := s.selection
	if e, ok := s.layer.Entity(id); ok {
		sel = e.Span()
	} else if ev, ok := s.layer.Event(id); ok {
		sel = ev.Trigger
	} else if sp, ok := s.candidateSpan(id); ok {
		sel = sp
	}
	s.setSelection(sel, id)
}

// Selected is the id of the selected annotation (in review mode perhaps a
// candidate, see CandidateID), or "".
func (s *Session) Selected() string { return s.selected }

// TypeForKey returns the entity type whose hotkey is key.
func (s *Session) TypeForKey(key string) (string, bool) {
	for _, t := range s.schema.Entities {
		if t.Hotkey != "" && strings.EqualFold(t.Hotkey, key) {
			return t.Name, true
		}
	}
	return "", false
}

// edit runs one store transaction on the open layer and folds the change
// it made into the in-memory layer.
func (s *Session) edit(op string, fn func(e *corpus.Edit) error) (corpus.Change, error) {
	if s.doc.ID == "" {
		return corpus.Change{}, errors.New("no document is open")
	}
	ch, err := s.store.Edit(s.doc.ID, s.owner(), op, fn)
	if err != nil {
		return ch, err
	}
	return ch, s.record(ch)
}

// record folds a logged change into the layer and the open document's
// entry, and publishes it. A change the store did not log (it altered
// nothing) has no diffs and is no change.
func (s *Session) record(ch corpus.Change) error {
	if len(ch.Diffs) == 0 {
		return nil
	}
	err := s.apply(ch)
	if (LayerChanged{Change: ch}).Touches(corpus.KindEntity) {
		s.sugs.stale()
	}
	s.updateEntry()
	s.emit(LayerChanged{Change: ch})
	if s.review != nil {
		s.review.markGold(s.layer)
		s.emit(ReviewChanged{})
	}
	return err
}

// ApplyType is what a type hotkey or a palette click does: with an entity
// selected it retypes it; otherwise it labels the selection and selects the
// new entity.
func (s *Session) ApplyType(typ string) (corpus.Entity, error) {
	s.begin()
	defer s.end()
	if sg, ok := s.pickedSuggestion(); ok && s.selected == "" {
		// Labelling a picked suggestion, perhaps with another type.
		s.Select(sg.Start, sg.End)
	}
	if e, ok := s.layer.Entity(s.selected); ok {
		if e.Type == typ {
			return e, nil
		}
		e.Type = typ
		s.stamp(&e.Provenance)
		_, err := s.edit("retype entity", func(ed *corpus.Edit) error { return ed.SetEntity(e) })
		return e, err
	}
	if s.selection.Len() <= 0 {
		return corpus.Entity{}, errors.New("select some text first")
	}
	var ent corpus.Entity
	_, err := s.edit("add entity", func(ed *corpus.Edit) error {
		var err error
		add := corpus.Entity{Start: s.selection.Start, End: s.selection.End, Type: typ}
		s.stamp(&add.Provenance)
		ent, err = ed.AddEntity(add)
		return err
	})
	if err != nil {
		return ent, err
	}
	if s.mode == Annotate { // the lexicon is what the annotator labelled
		s.learn(s.Text(ent.Span()), ent.Type)
	}
	s.SelectAnnotation(ent.ID)
	return ent, nil
}

// Delete removes the selected entity (with the arguments pointing to it)
// or the selected event; in review mode it dismisses a selected
// candidate.
func (s *Session) Delete() error {
	s.begin()
	defer s.end()
	id := s.selected
	op, del := "delete entity", (*corpus.Edit).DeleteEntity
	switch {
	case id == "":
		return errors.New("nothing is selected")
	case s.isCandidate(id):
		return s.DismissCandidate(id)
	case strings.HasPrefix(id, "E"):
		op, del = "delete event", (*corpus.Edit).DeleteEvent
	}
	_, err := s.edit(op, func(e *corpus.Edit) error { return del(e, id) })
	if err == nil {
		s.setSelection(s.selection, "")
	}
	return err
}

// Edge names the end of an entity that Resize moves.
type Edge int

// The two edges, in reading (logical) order.
const (
	End Edge = iota
	Start
)

// Resize grows (by > 0) or shrinks (by < 0) the selected entity by whole
// tokens at one edge: Shift+arrows in the window. Without a selected
// entity it resizes the text selection instead.
func (s *Session) Resize(edge Edge, by int) error {
	s.begin()
	defer s.end()
	sp := s.selection
	if e, ok := s.layer.Entity(s.selected); ok {
		sp = e.Span()
	}
	if sp.Len() <= 0 {
		return errors.New("select an entity or some text first")
	}
	next := s.moveEdge(sp, edge, by)
	if next.Len() <= 0 || next == sp {
		return nil
	}
	if e, ok := s.layer.Entity(s.selected); ok {
		e.Start, e.End = next.Start, next.End
		s.stamp(&e.Provenance)
		if _, err := s.edit("resize entity", func(ed *corpus.Edit) error { return ed.SetEntity(e) }); err != nil {
			return err
		}
		s.setSelection(next, s.selected)
		return nil
	}
	s.setSelection(next, "")
	return nil
}

// moveEdge moves one edge of sp to the next token boundary by steps.
func (s *Session) moveEdge(sp corpus.Span, edge Edge, by int) corpus.Span {
	for ; by != 0; by -= sign(by) {
		if edge == End {
			if by > 0 {
				if t := s.tokenAfter(sp.End); t >= 0 {
					sp.End = s.tokens[t].End
				}
			} else if t := s.tokenBefore(sp.End); t >= 0 && s.tokens[t].Start > sp.Start {
				sp.End = s.tokens[t].Start
				if p := s.tokenBefore(sp.End); p >= 0 && s.tokens[p].End > sp.Start {
					sp.End = s.tokens[p].End
				}
			}
		} else {
			if by > 0 {
				if t := s.tokenBefore(sp.Start); t >= 0 {
					sp.Start = s.tokens[t].Start
				}
			} else if t := s.tokenAfter(sp.Start); t >= 0 && s.tokens[t].End < sp.End {
				sp.Start = s.tokens[t].End
				if n := s.tokenAfter(sp.Start); n >= 0 && s.tokens[n].Start < sp.End {
					sp.Start = s.tokens[n].Start
				}
			}
		}
	}
	return sp
}

// tokenAfter is the first token starting at or after offset, tokenBefore
// the last one starting before it; -1 when there is none. Tokens are in
// text order, so both are binary searches.
func (s *Session) tokenAfter(off int) int {
	i := sort.Search(len(s.tokens), func(i int) bool { return s.tokens[i].Start >= off })
	if i == len(s.tokens) {
		return -1
	}
	return i
}

func (s *Session) tokenBefore(off int) int {
	return sort.Search(len(s.tokens), func(i int) bool { return s.tokens[i].Start >= off }) - 1
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}

// SetDone marks the document done (or back in progress) for this
// annotator; in review mode it marks gold, so the document is
// adjudicated (or back in review).
func (s *Session) SetDone(done bool) error {
	s.begin()
	defer s.end()
	st := corpus.StatusInProgress
	if done {
		st = corpus.StatusDone
	}
	_, err := s.edit("status", func(e *corpus.Edit) error { return e.SetStatus(st) })
	return err
}

// Undo reverts this annotator's last change on the open document (in
// review mode gold's). The history is the store's, so it reaches back
// past a restart.
func (s *Session) Undo() (bool, error) { return s.step(s.store.Undo) }

// Redo applies again the change most recently undone.
func (s *Session) Redo() (bool, error) { return s.step(s.store.Redo) }

func (s *Session) step(fn func(doc, annotator string) (corpus.Change, bool, error)) (bool, error) {
	s.begin()
	defer s.end()
	if s.doc.ID == "" {
		return false, nil
	}
	ch, ok, err := fn(s.doc.ID, s.owner())
	if err != nil || !ok {
		return ok, err
	}
	if err := s.record(ch); err != nil {
		return true, err
	}
	if s.selected != "" {
		_, isEnt := s.layer.Entity(s.selected)
		_, isEv := s.layer.Event(s.selected)
		if !isEnt && !isEv && !s.isCandidate(s.selected) {
			// The change took the selected annotation away.
			s.setSelection(s.selection, "")
		}
	}
	return true, nil
}

// Describe is a one-line account of an annotation for the status bar.
// It holds no document text: Fyne labels do not reorder Arabic mixed with
// Latin, and the panels show the text anyway.
func (s *Session) Describe(id string) string {
	if e, ok := s.layer.Entity(id); ok {
		return fmt.Sprintf("%s %s [%d, %d)", e.ID, e.Type, e.Start, e.End)
	}
	if ev, ok := s.layer.Event(id); ok {
		return fmt.Sprintf("%s %s, %d arguments", ev.ID, ev.Type, len(ev.Arguments))
	}
	return s.describeCandidate(id)
}
