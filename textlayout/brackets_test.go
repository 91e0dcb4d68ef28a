package textlayout

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"
)

// TestBracketTable checks bracketTable against x/text's bidi tables (the
// same Unicode version): the same code points are brackets, with the same
// Open/Close type, every pair is symmetric, and the table is sorted.
func TestBracketTable(t *testing.T) {
	if !slices.IsSortedFunc(bracketTable[:], func(a, b bracketEntry) int { return int(a.r - b.r) }) {
		t.Fatal("bracketTable is not sorted")
	}
	n := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		p, _ := bidi.LookupRune(r)
		kind, _ := bracketOf(r)
		want := bracketNone
		if p.IsBracket() {
			want = bracketClose
			if p.IsOpeningBracket() {
				want = bracketOpen
			}
			n++
			if p.Class() != bidi.ON {
				t.Errorf("U+%04X: class %v, want ON", r, p.Class())
			}
		}
		if kind != want {
			t.Errorf("U+%04X: bracket kind %d, x/text says %d", r, kind, want)
		}
	}
	if n != len(bracketTable) {
		t.Errorf("x/text has %d brackets, table %d", n, len(bracketTable))
	}
	for _, e := range bracketTable {
		k1, id1 := bracketOf(e.r)
		k2, id2 := bracketOf(e.pair)
		if id1 != id2 || k1 == k2 {
			t.Errorf("U+%04X and its pair U+%04X: %d %U, %d %U", e.r, e.pair, k1, id1, k2, id2)
		}
	}
}

// TestFindBracketPairs checks BD16 on small sequences, written with the
// bracket characters themselves; every other character is a neutral.
func TestFindBracketPairs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []bracketPair
	}{
		{"a(b)c", []bracketPair{{1, 3}}},
		{"([])", []bracketPair{{0, 3}, {1, 2}}},
		{"(]", nil},
		{"(()", []bracketPair{{1, 2}}},
		{"())", []bracketPair{{0, 1}}},
		{"([)]", []bracketPair{{0, 2}}}, // "]" finds no opener left
		{"[(])", []bracketPair{{0, 2}}}, // ")" unmatched once "[" closed
		{"{[(x)]}", []bracketPair{{0, 6}, {1, 5}, {2, 4}}},
		{"«a»", nil},                             // quotes are not paired brackets
		{"\u2329x\u3009", []bracketPair{{0, 2}}}, // canonical equivalents
		{"\u3008x\u232A", []bracketPair{{0, 2}}},
		{"\u0F3A\u0F3B\uFF08\uFF09", []bracketPair{{0, 1}, {2, 3}}},
		{"\u298D\u2990\u298F\u298E", []bracketPair{{0, 1}, {2, 3}}}, // crossed code points
	} {
		runes := []rune(tc.in)
		cls := make([]bidi.Class, len(runes))
		for i, r := range runes {
			cls[i] = bidiClass(r)
		}
		got := findBracketPairs(runes, cls, nil)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: pairs %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestBracketStackLimit checks BD16's stack of 63: a 64th open opener
// stops pairing for the rest of the sequence.
func TestBracketStackLimit(t *testing.T) {
	pairsOf := func(s string) []bracketPair {
		runes := []rune(s)
		cls := make([]bidi.Class, len(runes))
		for i, r := range runes {
			cls[i] = bidiClass(r)
		}
		return findBracketPairs(runes, cls, nil)
	}
	if got := pairsOf(strings.Repeat("(", 62) + "[]" + strings.Repeat(")", 62)); len(got) != 63 {
		t.Errorf("63 deep: %d pairs, want 63", len(got))
	}
	if got := pairsOf("()" + strings.Repeat("(", 63) + "[]" + strings.Repeat(")", 63)); len(got) != 1 {
		t.Errorf("64 deep: %d pairs, want only the one before", len(got))
	}
	// Only cls ON brackets count (BD14, BD15).
	runes := []rune("(x)")
	cls := []bidi.Class{bidi.L, bidi.L, bidi.ON}
	if got := findBracketPairs(runes, cls, nil); len(got) != 0 {
		t.Errorf("brackets not ON: %v", got)
	}
}
