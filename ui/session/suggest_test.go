package session

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// suggestionsBySort is how suggestions were found before the matches were
// kept: every occurrence of every labelled phrase, found and sorted on
// every call, then the overlaps dropped. The kept matches must agree.
func suggestionsBySort(s *Session) []Suggestion {
	lex := s.lexicon()
	ix := newTokenIndex(s.tokens)
	taken := newSpanSet(s.layer.Entities)
	var out []Suggestion
	for _, e := range lex.order {
		for _, sp := range ix.find(e.phrase) {
			if taken.overlaps(sp) || s.dismissed[suggestionKey{s.doc.ID, sp, e.best}] {
				continue
			}
			out = append(out, Suggestion{Span: sp, Type: e.best})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	kept := out[:0]
	for _, sg := range out {
		if len(kept) > 0 && kept[len(kept)-1].Overlaps(sg.Span) {
			continue
		}
		kept = append(kept, sg)
	}
	return kept
}

func TestKeptMatchesAgreeWithSort(t *testing.T) {
	s, other := fixture(t)
	seed := s.Doc().ID
	check := func(when string) {
		t.Helper()
		if got, want := s.findSuggestions(), suggestionsBySort(s); !slices.Equal(got, want) {
			t.Fatalf("%s: kept matches give %d suggestions, sort %d\nkept %v\nsort %v", when, len(got), len(want), got, want)
		}
	}
	// Phrases of one to three tokens, inside a token after a proclitic
	// (الصين in والصين), with rival types, labelled in both documents.
	for _, l := range []struct {
		text string
		nth  int
		typ  string
	}{
		{"بشار الأسد", 0, "PERS"}, {"الصين", 0, "GPE"}, {"شي جين بينغ", 0, "PERS"}, {"الصين", 1, "ORG"}, {"الصين", 2, "GPE"},
	} {
		sp := span(t, s, l.text, l.nth)
		s.Select(sp.Start, sp.End)
		if _, err := s.ApplyType(l.typ); err != nil {
			t.Fatal(err)
		}
		check("after " + l.text)
	}
	s.Open(other)
	for _, w := range []string{"بوتين", "موسكو"} {
		sp := span(t, s, w, 0)
		s.Select(sp.Start, sp.End)
		s.ApplyType("PERS")
	}
	s.Open(seed)
	check("back on the seed")
	// Random labels of one to three tokens, with dismissals among them.
	r := rand.New(rand.NewPCG(1, 2))
	toks := s.Tokens()
	for n := range 60 {
		i := r.IntN(len(toks) - 3)
		j := i + r.IntN(3)
		s.Select(toks[i].Start, toks[j].End)
		if _, err := s.ApplyType([]string{"PERS", "GPE", "ORG"}[r.IntN(3)]); err != nil {
			continue // an exact duplicate
		}
		if sugs := s.Suggestions(); n%7 == 0 && len(sugs) > 0 {
			s.Dismiss(sugs[r.IntN(len(sugs))])
		}
		check("random labels")
	}
	inside := slices.ContainsFunc(s.Suggestions(), func(sg Suggestion) bool {
		return !slices.ContainsFunc(toks, func(t corpus.Token) bool { return t.Start == sg.Start })
	})
	if len(s.Suggestions()) < 10 || !inside {
		t.Fatalf("the comparison saw %d suggestions, one inside a token: %v", len(s.Suggestions()), inside)
	}
}

func TestLexiconBestType(t *testing.T) {
	l := newLexicon()
	if l.add("بشار", "PERS") == nil || l.add("بشار", "ORG") != nil {
		t.Fatal("add reports a new text only the first time")
	}
	e := l.entries["بشار"]
	if e.best != "ORG" { // a tie goes to the first name
		t.Errorf("best after PERS, ORG: %q", e.best)
	}
	l.add("بشار", "PERS")
	if e.best != "PERS" {
		t.Errorf("best after PERS, ORG, PERS: %q", e.best)
	}
	l.add("بشار", "ORG")
	l.add("بشار", "GPE")
	if e.best != "ORG" {
		t.Errorf("best with PERS 2, ORG 2, GPE 1: %q", e.best)
	}
}
