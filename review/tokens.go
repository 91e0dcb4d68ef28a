package review

import (
	"cmp"
	"slices"
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// Outside is the label of a token in no entity.
const Outside = "O"

// TokenLabels gives each token its IOB2 label from the layer's entities,
// as `export --format conll` writes them by default: the outermost entity
// of a token wins (the longest, ties to the earliest), an entity covers
// every token it touches (widened to whole tokens), and nested or
// overlapping entities that would share a token with a taken one are left
// out. Tokens must be in text order.
func TokenLabels(tokens []corpus.Token, entities []corpus.Entity) []string {
	labels := make([]string, len(tokens))
	for i := range labels {
		labels[i] = Outside
	}
	outermost(tokens, entities, nil, func(lo, hi int, e corpus.Entity) {
		labels[lo] = "B-" + e.Type
		for i := lo + 1; i < hi; i++ {
			labels[i] = "I-" + e.Type
		}
	})
	return labels
}

// tokenLabelIDs is TokenLabels as numbers of set, written into dst
// (reused when it is long enough).
func tokenLabelIDs(tokens []corpus.Token, entities []corpus.Entity, set *labelSet, dst []int32, taken []bool) ([]int32, []bool) {
	if cap(dst) < len(tokens) {
		dst = make([]int32, len(tokens))
	}
	dst = dst[:len(tokens)]
	for i := range dst {
		dst[i] = outside
	}
	taken = outermost(tokens, entities, taken, func(lo, hi int, e corpus.Entity) {
		b, in := set.typeIDs(e.Type)
		dst[lo] = b
		for i := lo + 1; i < hi; i++ {
			dst[i] = in
		}
	})
	return dst, taken
}

// outermost calls mark for each entity that gets its tokens [lo, hi):
// outermost first (longest, then earliest start, then id), skipping any
// that would share a token with one marked before. taken is scratch
// space, returned for reuse.
func outermost(tokens []corpus.Token, entities []corpus.Entity, taken []bool, mark func(lo, hi int, e corpus.Entity)) []bool {
	ents := make([]corpus.Entity, len(entities))
	copy(ents, entities)
	slices.SortStableFunc(ents, func(a, b corpus.Entity) int {
		if c := cmp.Compare(b.End-b.Start, a.End-a.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if cap(taken) < len(tokens) {
		taken = make([]bool, len(tokens))
	}
	taken = taken[:len(tokens)]
	clear(taken)
	for _, e := range ents {
		lo := sort.Search(len(tokens), func(i int) bool { return tokens[i].End > e.Start })
		hi := sort.Search(len(tokens), func(i int) bool { return tokens[i].Start >= e.End })
		if lo >= hi {
			continue
		}
		free := true
		for i := lo; i < hi; i++ {
			if taken[i] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for i := lo; i < hi; i++ {
			taken[i] = true
		}
		mark(lo, hi, e)
	}
	return taken
}
