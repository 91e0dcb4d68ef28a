package session

import (
	"slices"
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

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

// suggestions are the open document's suggestions with what they are
// made from: the places where labelled phrases occur, found when the
// document opens and extended as the lexicon grows, and, filtered from
// them, the suggestions themselves, found again only after the entities,
// the lexicon or the dismissals changed.
type suggestions struct {
	matches []match // in text order, longest first at a start
	found   bool    // matches are the open document's
	list    []Suggestion
	valid   bool
	picked  int // index in list of the suggestion picked with Tab or a click; -1 for none
}

// match is a place where a labelled phrase occurs.
type match struct {
	corpus.Span
	entry *lexEntry
}

func (c *suggestions) stale() { c.valid = false }

// Suggestions lists the suggestions for the open document in text order:
// places where a labelled phrase occurs, not overlapping any entity, and
// not dismissed. The slice is shared until they change: read it only.
func (s *Session) Suggestions() []Suggestion {
	if !s.sugs.valid {
		// An unchanged list stays the same slice (a retype changes no
		// suggestion), so a subscriber can tell there is nothing to redraw.
		if list := s.findSuggestions(); !slices.Equal(list, s.sugs.list) {
			s.sugs.list = list
		}
		s.sugs.valid = true
		if s.sugs.picked >= len(s.sugs.list) {
			s.sugs.picked = -1
		}
	}
	return s.sugs.list
}

// findSuggestions computes Suggestions from the matches: of those free of
// entities and dismissals, overlapping ones keep the first (the longest
// at a start), each with its phrase's most frequent type.
func (s *Session) findSuggestions() []Suggestion {
	if s.doc.ID == "" || s.mode == Review { // a reviewer has the candidates
		return nil
	}
	ms := s.matches()
	if len(ms) == 0 {
		return nil
	}
	taken := newSpanSet(s.layer.Entities)
	out := make([]Suggestion, 0, len(s.sugs.list)+16) // about as many as last time
	for _, m := range ms {
		if len(out) > 0 && out[len(out)-1].Overlaps(m.Span) {
			continue
		}
		typ := m.entry.best
		if taken.overlaps(m.Span) || s.dismissed[suggestionKey{s.doc.ID, m.Span, typ}] {
			continue
		}
		out = append(out, Suggestion{Span: m.Span, Type: typ})
	}
	return out
}

// matches finds, on first use per document, where the lexicon's phrases
// occur in it.
func (s *Session) matches() []match {
	if !s.sugs.found {
		lex := s.lexicon()
		ix := s.tokenIndex()
		var ms []match
		for _, e := range lex.order {
			for _, sp := range ix.find(e.phrase) {
				ms = append(ms, match{sp, e})
			}
		}
		slices.SortStableFunc(ms, compareMatches)
		s.sugs.matches, s.sugs.found = ms, true
	}
	return s.sugs.matches
}

// learn adds a labelled text to the lexicon and, when the text is new,
// its occurrences in the open document to the matches.
func (s *Session) learn(text, typ string) {
	e := s.lexicon().add(text, typ)
	s.sugs.stale()
	if e == nil || !s.sugs.found {
		return
	}
	var more []match
	for _, sp := range s.tokenIndex().find(e.phrase) {
		more = append(more, match{sp, e})
	}
	s.sugs.matches = mergeMatches(s.sugs.matches, more)
}

// compareMatches orders matches by start, the longest first.
func compareMatches(a, b match) int {
	if a.Start != b.Start {
		return a.Start - b.Start
	}
	return b.End - a.End
}

// mergeMatches merges two ordered lists of matches; on a tie a's come
// first.
func mergeMatches(a, b []match) []match {
	out := make([]match, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compareMatches(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
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
	slices.SortFunc(spans, func(a, b corpus.Span) int { return a.Start - b.Start })
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

// pickedSuggestion is the suggestion Picked names.
func (s *Session) pickedSuggestion() (Suggestion, bool) {
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
	if sg, ok := s.pickedSuggestion(); ok {
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
