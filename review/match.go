package review

import (
	"fmt"
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
func matchSame(a, b []corpus.Entity, typed bool) [][2]int {
	type key struct {
		start, end int
		typ        string
	}
	free := map[key][]int{}
	for j, e := range b {
		k := key{e.Start, e.End, e.Type}
		free[k] = append(free[k], j)
	}
	var pairs [][2]int
	used := make([]bool, len(b))
	var rest []int
	for i, e := range a {
		k := key{e.Start, e.End, e.Type}
		if js := free[k]; len(js) > 0 {
			pairs = append(pairs, [2]int{i, js[0]})
			used[js[0]] = true
			free[k] = js[1:]
			continue
		}
		rest = append(rest, i)
	}
	if typed {
		return pairs
	}
	bySpan := map[corpus.Span][]int{}
	for j, e := range b {
		if !used[j] {
			bySpan[e.Span()] = append(bySpan[e.Span()], j)
		}
	}
	for _, i := range rest {
		sp := a[i].Span()
		if js := bySpan[sp]; len(js) > 0 {
			pairs = append(pairs, [2]int{i, js[0]})
			bySpan[sp] = js[1:]
		}
	}
	return pairs
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
