package textlayout

import (
	"slices"

	"golang.org/x/text/unicode/bidi"
)

// bracketKind is a Bidi_Paired_Bracket_Type (UAX #9 BD14, BD15).
type bracketKind uint8

const (
	bracketNone bracketKind = iota
	bracketOpen
	bracketClose
)

// bracketOf returns r's Bidi_Paired_Bracket_Type and an identifier shared
// by both brackets of its pair: the opening bracket, after canonical
// decomposition. BD16 matches brackets "or their canonical equivalents",
// and the only brackets with singleton decompositions are U+2329 and
// U+232A, equivalent to U+3008 and U+3009.
func bracketOf(r rune) (bracketKind, rune) {
	switch r { // fast path: the brackets of news text
	case '(', '[', '{':
		return bracketOpen, r
	case ')':
		return bracketClose, '('
	case ']':
		return bracketClose, '['
	case '}':
		return bracketClose, '{'
	}
	if r < 0x0F3A { // the first bracket after ASCII
		return bracketNone, 0
	}
	i, ok := slices.BinarySearchFunc(bracketTable[:], r, func(e bracketEntry, r rune) int { return int(e.r - r) })
	if !ok {
		return bracketNone, 0
	}
	e := bracketTable[i]
	kind, id := bracketOpen, e.r
	if !e.open {
		kind, id = bracketClose, e.pair
	}
	if id == 0x2329 {
		id = 0x3008
	}
	return kind, id
}

// maxBracketDepth is the size of BD16's stack: when a 64th opening
// bracket would be pushed, pairing stops for the rest of the sequence.
const maxBracketDepth = 63

// bracketPair holds the positions of a matched opening and closing bracket.
type bracketPair struct{ open, close int }

// findBracketPairs applies BD16 to one isolating run sequence: t are the
// current bidi classes, runes the characters. Only characters whose
// current class is ON can be brackets (BD14, BD15). The pairs are returned
// sorted by the position of the opening bracket, as N0 processes them.
func findBracketPairs(runes []rune, t []bidi.Class, pairs []bracketPair) []bracketPair {
	type open struct {
		id  rune
		pos int
	}
	var stackBuf [maxBracketDepth]open
	stack := stackBuf[:0]
	pairs = pairs[:0]
	for i, r := range runes {
		if t[i] != bidi.ON {
			continue
		}
		kind, id := bracketOf(r)
		switch kind {
		case bracketOpen:
			if len(stack) == maxBracketDepth {
				return sortPairs(pairs) // BD16: stop processing
			}
			stack = append(stack, open{id, i})
		case bracketClose:
			// Compare with the openers from the top of the stack down; on
			// a match, pop it and everything above it. No match: the
			// closing bracket is not paired, and the stack stays.
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].id == id {
					pairs = append(pairs, bracketPair{stack[k].pos, i})
					stack = stack[:k]
					break
				}
			}
		}
	}
	return sortPairs(pairs)
}

func sortPairs(p []bracketPair) []bracketPair {
	slices.SortFunc(p, func(a, b bracketPair) int { return a.open - b.open })
	return p
}

// strongDir maps a resolved class to the direction N0 and N1 see: L is
// L; R, and numbers (EN, AN), are R; anything else is neutral (ON).
func strongDir(c bidi.Class) bidi.Class {
	switch c {
	case bidi.L:
		return bidi.L
	case bidi.R, bidi.AL, bidi.EN, bidi.AN:
		return bidi.R
	}
	return bidi.ON
}

// resolveBrackets applies rule N0 to one isolating run sequence whose
// weak types are resolved (W1–W7): t is updated in place. orig are the
// classes before W1, to find the marks following a bracket; e is the
// embedding direction (L or R) and sos the start-of-sequence type.
func resolveBrackets(runes []rune, t, orig []bidi.Class, e, sos bidi.Class, pairs []bracketPair) []bracketPair {
	pairs = findBracketPairs(runes, t, pairs)
	for _, p := range pairs {
		// N0 b–d: a strong type inside the pair matching the embedding
		// direction wins; otherwise an opposite one, if the context
		// before the opening bracket is opposite too.
		inside := bidi.ON
		for k := p.open + 1; k < p.close; k++ {
			d := strongDir(t[k])
			if d == e {
				inside = e
				break
			}
			if d != bidi.ON {
				inside = d
			}
		}
		if inside == bidi.ON {
			continue // N0 d: no strong type inside, leave for N1/N2
		}
		dir := e
		if inside != e {
			// N0 c: the first strong type before the opening bracket,
			// counting brackets already resolved by earlier pairs.
			before := sos
			for k := p.open - 1; k >= 0; k-- {
				if d := strongDir(t[k]); d != bidi.ON {
					before = d
					break
				}
			}
			if before == inside {
				dir = inside
			}
		}
		for _, b := range []int{p.open, p.close} {
			t[b] = dir
			// Marks that took the bracket's ON by W1 follow it.
			for k := b + 1; k < len(t) && orig[k] == bidi.NSM; k++ {
				t[k] = dir
			}
		}
	}
	return pairs
}
