package session

import (
	"slices"
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// lexicon is what this annotator has labelled so far: surface text →
// type → count. Suggestions come from it.
type lexicon struct {
	types   map[string]map[string]int
	phrase  map[string][]string // the text's tokens, split once
	byFirst map[string][]string // a first token → the texts whose phrase starts with it
}

func newLexicon() *lexicon {
	return &lexicon{types: map[string]map[string]int{}, phrase: map[string][]string{}, byFirst: map[string][]string{}}
}

func (l *lexicon) add(text, typ string) {
	if text == "" {
		return
	}
	m := l.types[text]
	if m == nil {
		m = map[string]int{}
		l.types[text] = m
		phrase := phraseTokens(text)
		l.phrase[text] = phrase
		if len(phrase) > 0 {
			l.byFirst[phrase[0]] = append(l.byFirst[phrase[0]], text)
		}
	}
	m[typ]++
}

// best is the type most often given to text.
func (l *lexicon) best(text string) string {
	best, n := "", 0
	for t, c := range l.types[text] {
		if c > n || c == n && t < best {
			best, n = t, c
		}
	}
	return best
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
		d, err := s.store.Document(sum.Doc)
		if err != nil {
			continue
		}
		l, err := s.store.Layer(sum.Doc, s.annotator)
		if err != nil {
			continue
		}
		ix := corpus.NewIndex(d.Text)
		for _, e := range l.Entities {
			s.lex.add(ix.Slice(e.Start, e.End), e.Type)
		}
	}
	return s.lex
}

// Suggestion is text in the open document that this annotator has
// labelled elsewhere, shown dashed until accepted or dismissed.
type Suggestion struct {
	corpus.Span
	Type string
}

type suggestionKey struct {
	doc  string
	span corpus.Span
	typ  string
}

// suggestions are the open document's suggestions, found again only after
// the entities, the lexicon or the dismissals changed, and the one picked.
type suggestions struct {
	list   []Suggestion
	valid  bool
	picked int // index in list of the suggestion picked with Tab or a click; -1 for none
}

func (c *suggestions) stale() { c.valid = false }

// Suggestions lists the suggestions for the open document in text order:
// places where a labelled phrase occurs, not overlapping any entity, and
// not dismissed. The slice is shared until they change: read it only.
func (s *Session) Suggestions() []Suggestion {
	if !s.sugs.valid {
		s.sugs.list, s.sugs.valid = s.findSuggestions(), true
		if s.sugs.picked >= len(s.sugs.list) {
			s.sugs.picked = -1
		}
	}
	return s.sugs.list
}

// findSuggestions computes Suggestions in one pass over the tokens: at
// each token it tries the labelled phrases starting with it (or with it
// less a proclitic), so matches come out in text order and need no sort,
// however many there are. Of overlapping matches it keeps the first, the
// longest at a start.
func (s *Session) findSuggestions() []Suggestion {
	lex := s.lexicon()
	if len(lex.types) == 0 || s.doc.ID == "" {
		return nil
	}
	taken := newSpanSet(s.layer.Entities)
	toks := s.tokens
	var out, here []Suggestion
	// at collects the matches starting skip code points into token i,
	// then keeps those that overlap nothing kept before them.
	at := func(i, skip int, first string) {
		here = here[:0]
		for _, text := range lex.byFirst[first] {
			phrase := lex.phrase[text]
			last := i + len(phrase) - 1
			if last >= len(toks) || !tokensAre(toks[i+1:last+1], phrase[1:]) {
				continue
			}
			sp := corpus.Span{Start: toks[i].Start + skip, End: toks[last].End}
			typ := lex.best(text)
			if taken.overlaps(sp) || s.dismissed[suggestionKey{s.doc.ID, sp, typ}] {
				continue
			}
			here = append(here, Suggestion{Span: sp, Type: typ})
		}
		slices.SortFunc(here, func(a, b Suggestion) int { return b.End - a.End })
		for _, sg := range here {
			if len(out) == 0 || !out[len(out)-1].Overlaps(sg.Span) {
				out = append(out, sg)
			}
		}
	}
	for i, t := range toks {
		at(i, 0, t.Text)
		if rest, ok := withoutProclitic(t.Text); ok {
			at(i, 1, rest)
		}
	}
	return out
}

// tokensAre reports whether the tokens' texts are want.
func tokensAre(toks []corpus.Token, want []string) bool {
	for k, w := range want {
		if toks[k].Text != w {
			return false
		}
	}
	return true
}

// spanSet answers "does any entity overlap this span" in O(log n): a
// document with a thousand entities and a lexicon of a thousand phrases
// asks it tens of thousands of times per action.
type spanSet struct {
	starts []int
	maxEnd []int // maxEnd[i] is the largest End among the first i+1 spans by start
}

func newSpanSet(ents []corpus.Entity) spanSet {
	spans := make([]corpus.Span, len(ents))
	for i, e := range ents {
		spans[i] = e.Span()
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	set := spanSet{starts: make([]int, len(spans)), maxEnd: make([]int, len(spans))}
	m := 0
	for i, sp := range spans {
		set.starts[i] = sp.Start
		m = max(m, sp.End)
		set.maxEnd[i] = m
	}
	return set
}

func (s spanSet) overlaps(sp corpus.Span) bool {
	// Spans starting before sp ends overlap it if one reaches past its start.
	n := sort.SearchInts(s.starts, sp.End)
	return n > 0 && s.maxEnd[n-1] > sp.Start
}

// Picked is the index in Suggestions of the suggestion picked with Tab or
// a click, or -1. Any other selection drops the pick.
func (s *Session) Picked() int {
	s.Suggestions() // a change may have shortened the list
	return s.sugs.picked
}

// PickedSuggestion is the suggestion Picked names.
func (s *Session) PickedSuggestion() (Suggestion, bool) {
	if i := s.Picked(); i >= 0 {
		return s.sugs.list[i], true
	}
	return Suggestion{}, false
}

// PickSuggestion picks suggestion i and selects its text: a click on a
// dashed span.
func (s *Session) PickSuggestion(i int) {
	s.begin()
	defer s.end()
	sugs := s.Suggestions()
	if i < 0 || i >= len(sugs) {
		return
	}
	s.Select(sugs[i].Start, sugs[i].End)
	s.sugs.picked = i
}

// NextSuggestion picks the suggestion after the picked one, wrapping
// round, or with none picked the first one at or after the selection's
// end (else the first): the Tab key. It reports false when the document
// has no suggestions.
func (s *Session) NextSuggestion() (Suggestion, bool) {
	s.begin()
	defer s.end()
	sugs := s.Suggestions()
	if len(sugs) == 0 {
		return Suggestion{}, false
	}
	next := 0
	for i, sg := range sugs {
		if sg.Start >= s.selection.End {
			next = i
			break
		}
	}
	if p := s.Picked(); p >= 0 {
		next = (p + 1) % len(sugs)
	}
	s.PickSuggestion(next)
	return sugs[next], true
}

// CurrentSuggestion is the suggestion Enter and Backspace act on: the
// picked one, else the first one the selection overlaps.
func (s *Session) CurrentSuggestion() (Suggestion, bool) {
	if sg, ok := s.PickedSuggestion(); ok {
		return sg, true
	}
	if s.selection.Len() > 0 {
		for _, sg := range s.Suggestions() {
			if sg.Overlaps(s.selection) {
				return sg, true
			}
		}
	}
	return Suggestion{}, false
}

// Accept labels a suggestion (Enter in the window).
func (s *Session) Accept(sg Suggestion) (corpus.Entity, error) {
	s.begin()
	defer s.end()
	s.Select(sg.Start, sg.End)
	return s.ApplyType(sg.Type)
}

// Dismiss hides a suggestion for the rest of the session (Backspace).
func (s *Session) Dismiss(sg Suggestion) {
	s.begin()
	defer s.end()
	s.dismissed[suggestionKey{s.doc.ID, sg.Span, sg.Type}] = true
	s.sugs.stale()
	s.emit(SuggestionsChanged{})
}
