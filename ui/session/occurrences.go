package session

import (
	"errors"
	"fmt"

	"github.com/tawsim/tawsim/corpus"
)

// Scope is how far "label every occurrence" reaches.
type Scope int

// The scopes of LabelAll.
const (
	ThisDocument Scope = iota
	WholeCorpus
)

// Occurrences are the unlabelled places where a phrase occurs, found
// before anything is changed, so the window can show the count first.
type Occurrences struct {
	Text  string
	Type  string
	Spans map[string][]corpus.Span // by document id
	Count int
}

// FindOccurrences looks for the other occurrences of the selected entity's
// text that carry no entity with that exact span yet.
func (s *Session) FindOccurrences(scope Scope) (Occurrences, error) {
	ent, ok := s.layer.Entity(s.selected)
	if !ok {
		return Occurrences{}, errors.New("select an entity first: its text is what gets labelled")
	}
	occ := Occurrences{Text: s.Text(ent.Span()), Type: ent.Type, Spans: map[string][]corpus.Span{}}
	phrase := phraseTokens(occ.Text)
	add := func(doc string, spans []corpus.Span, layer corpus.Layer) {
		taken := map[corpus.Span]bool{}
		for _, e := range layer.Entities {
			taken[e.Span()] = true
		}
		for _, sp := range spans {
			if !taken[sp] {
				occ.Spans[doc] = append(occ.Spans[doc], sp)
				occ.Count++
			}
		}
	}
	add(s.doc.ID, s.tokenIndex().find(phrase), s.layer)
	if scope == ThisDocument {
		return occ, nil
	}
	docs, err := s.store.Documents()
	if err != nil {
		return occ, err
	}
	for _, d := range docs {
		if d.ID == s.doc.ID {
			continue
		}
		doc, err := s.store.Document(d.ID)
		if err != nil {
			return occ, err
		}
		spans := newTokenIndex(doc.Tokens()).find(phrase)
		if len(spans) == 0 {
			continue
		}
		l, err := s.store.Layer(d.ID, s.owner())
		if err != nil {
			return occ, err
		}
		add(d.ID, spans, l)
	}
	return occ, nil
}

// LabelAll labels the occurrences found by FindOccurrences: one undoable
// change per document. It returns how many entities it added. When it
// labelled other documents it reads the document list again, for their
// counts.
func (s *Session) LabelAll(occ Occurrences) (n int, err error) {
	s.begin()
	defer s.end()
	others := false
	defer func() {
		if others {
			if rerr := s.ReloadDocuments(); err == nil {
				err = rerr
			}
		}
	}()
	for doc, spans := range occ.Spans {
		fn := func(e *corpus.Edit) error {
			for _, sp := range spans {
				add := corpus.Entity{Start: sp.Start, End: sp.End, Type: occ.Type}
				s.stamp(&add.Provenance)
				if _, err := e.AddEntity(add); err != nil {
					return fmt.Errorf("%s at [%d,%d): %w", occ.Text, sp.Start, sp.End, err)
				}
			}
			return nil
		}
		if doc == s.doc.ID {
			_, err = s.edit("label all", fn)
		} else {
			_, err = s.store.Edit(doc, s.owner(), "label all", fn)
			others = others || err == nil
		}
		if err != nil {
			return n, err
		}
		n += len(spans)
	}
	return n, nil
}
