package review

import (
	"cmp"
	"fmt"
	"slices"
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// Match says when two entities of different layers are the same annotation.
type Match string

// The matching modes of span agreement.
const (
	// Exact: same span and same type.
	Exact Match = "exact"
	// Overlap: the spans share a code point and the types are equal; each
	// annotation is matched at most once (a maximum matching).
	Overlap Match = "overlap"
	// Position: same span, whatever the types.
	Position Match = "position"
)

// ParseMatch reads a matching mode's name.
func ParseMatch(s string) (Match, error) {
	switch m := Match(s); m {
	case Exact, Overlap, Position:
		return m, nil
	case "":
		return Exact, nil
	}
	return "", fmt.Errorf("match %q: want exact, overlap or position", s)
}

// matchEntities pairs the entities of a with those of b under mode m and
// returns the pairs as index pairs (into a and b). Each entity is in at
// most one pair.
func matchEntities(a, b []corpus.Entity, m Match) [][2]int {
	switch m {
	case Overlap:
		return matchOverlap(a, b)
	default:
		return matchSame(a, b, m == Exact)
	}
}

// matchSame pairs entities of equal span (and type, when typed). Among
// several candidates of one span the ones of equal type pair first, so a
// position match never pairs a PERS with an ORG while a PERS is free.
// Within one key, A's entities pair with B's in the order of the lists.
// Both sides are walked sorted by key instead of looked up in maps.
func matchSame(a, b []corpus.Entity, typed bool) [][2]int {
	byKey := func(es []corpus.Entity) []int {
		idx := make([]int, len(es))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(x, y int) int { return compareEntity(es[x], es[y], true) })
		return idx
	}
	var pairs [][2]int
	usedA, usedB := make([]bool, len(a)), make([]bool, len(b))
	walk := func(ia, ib []int, withType bool) {
		for x, y := 0, 0; x < len(ia) && y < len(ib); {
			switch c := compareEntity(a[ia[x]], b[ib[y]], withType); {
			case c < 0:
				x++
			case c > 0:
				y++
			default:
				pairs = append(pairs, [2]int{ia[x], ib[y]})
				usedA[ia[x]], usedB[ib[y]] = true, true
				x++
				y++
			}
		}
	}
	walk(byKey(a), byKey(b), true)
	if typed {
		return pairs
	}
	bySpan := func(es []corpus.Entity, used []bool) []int {
		var idx []int
		for i := range es {
			if !used[i] {
				idx = append(idx, i)
			}
		}
		slices.SortStableFunc(idx, func(x, y int) int { return compareEntity(es[x], es[y], false) })
		return idx
	}
	walk(bySpan(a, usedA), bySpan(b, usedB), false)
	return pairs
}

// compareEntity orders entities by start, end and, when withType, type.
func compareEntity(a, b corpus.Entity, withType bool) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.End, b.End); c != 0 || !withType {
		return c
	}
	return cmp.Compare(a.Type, b.Type)
}

// matchOverlap finds a maximum matching between overlapping entities of
// equal type (augmenting paths; the graphs are small and sparse, since an
// entity overlaps few others). Candidates are tried in order of overlap
// size, so among maximum matchings the one found prefers close spans.
func matchOverlap(a, b []corpus.Entity) [][2]int {
	order := make([]int, len(b))
	for j := range order {
		order[j] = j
	}
	sort.Slice(order, func(x, y int) bool { return b[order[x]].Start < b[order[y]].Start })
	adj := make([][]int, len(a))
	for i, e := range a {
		// b sorted by start: candidates start before e ends.
		hi := sort.Search(len(order), func(x int) bool { return b[order[x]].Start >= e.End })
		for _, j := range order[:hi] {
			if f := b[j]; f.Type == e.Type && f.End > e.Start {
				adj[i] = append(adj[i], j)
			}
		}
		sort.SliceStable(adj[i], func(x, y int) bool { return overlap(e, b[adj[i][x]]) > overlap(e, b[adj[i][y]]) })
	}
	matchB := make([]int, len(b))
	for j := range matchB {
		matchB[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for _, j := range adj[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if matchB[j] < 0 || try(matchB[j], seen) {
				matchB[j] = i
				return true
			}
		}
		return false
	}
	seen := make([]bool, len(b))
	for i := range a {
		if len(adj[i]) == 0 {
			continue
		}
		clear(seen)
		try(i, seen)
	}
	var pairs [][2]int
	for j, i := range matchB {
		if i >= 0 {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	sort.Slice(pairs, func(x, y int) bool { return pairs[x][0] < pairs[y][0] })
	return pairs
}

func overlap(a, b corpus.Entity) int { return min(a.End, b.End) - max(a.Start, b.Start) }

// spanCounts counts a matching overall and per type. A matched pair counts
// under A's type on both sides (in exact and overlap modes the types are
// equal anyway; in position mode this keeps each type's precision and
// recall within 0..1); an unmatched entity counts under its own type.
func spanCounts(a, b []corpus.Entity, m Match, total *Counts, perType map[string]*Counts) {
	pairs := matchEntities(a, b, m)
	total.add(Counts{A: len(a), B: len(b), Matched: len(pairs)})
	get := func(t string) *Counts {
		c := perType[t]
		if c == nil {
			c = &Counts{}
			perType[t] = c
		}
		return c
	}
	matchedB := make([]bool, len(b))
	for _, p := range pairs {
		c := get(a[p[0]].Type)
		c.Matched++
		c.B++
		matchedB[p[1]] = true
	}
	for _, e := range a {
		get(e.Type).A++
	}
	for j, e := range b {
		if !matchedB[j] {
			get(e.Type).B++
		}
	}
}
