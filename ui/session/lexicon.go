package session

import "github.com/tawsim/tawsim/corpus"

// lexicon is what this annotator has labelled so far: each surface text
// with the types given to it. Suggestions come from it.
type lexicon struct {
	entries map[string]*lexEntry // by surface text
	order   []*lexEntry          // in the order first labelled, so ties resolve the same way every time
}

// lexEntry is one labelled surface text.
type lexEntry struct {
	phrase []string       // the text's tokens, split once
	counts map[string]int // type → how often it was given
	best   string         // the type given most often (the first by name on a tie)
}

func newLexicon() *lexicon { return &lexicon{entries: map[string]*lexEntry{}} }

// add counts one labelling of text as typ; it returns the text's entry if
// the text is new to the lexicon.
func (l *lexicon) add(text, typ string) (added *lexEntry) {
	if text == "" {
		return nil
	}
	e := l.entries[text]
	if e == nil {
		e = &lexEntry{phrase: phraseTokens(text), counts: map[string]int{}}
		l.entries[text] = e
		l.order = append(l.order, e)
		added = e
	}
	e.counts[typ]++
	// Counts only grow, so the best type is the old one or typ.
	if c, b := e.counts[typ], e.counts[e.best]; e.best == "" || c > b || c == b && typ < e.best {
		e.best = typ
	}
	return added
}

// lexicon builds the annotator's lexicon on first use from every layer of
// theirs, then keeps it current as they label.
func (s *Session) lexicon() *lexicon {
	if s.lex != nil {
		return s.lex
	}
	s.lex = newLexicon()
	sums, err := s.store.Summaries(s.annotator)
	if err != nil {
		return s.lex
	}
	for _, sum := range sums {
		if sum.Entities == 0 {
			continue
		}
		ix, l := s.index, s.layer // the open document is decoded already
		if sum.Doc != s.doc.ID {
			d, err := s.store.Document(sum.Doc)
			if err != nil {
				continue
			}
			if l, err = s.store.Layer(sum.Doc, s.annotator); err != nil {
				continue
			}
			ix = corpus.NewIndex(d.Text)
		}
		for _, e := range l.Entities {
			s.lex.add(ix.Slice(e.Start, e.End), e.Type)
		}
	}
	return s.lex
}
