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
	var sc labelScratch
	sc.outermost(tokens, entities, func(lo, hi int, e corpus.Entity) {
		labels[lo] = "B-" + e.Type
		for i := lo + 1; i < hi; i++ {
			labels[i] = "I-" + e.Type
		}
	})
	return labels
}

// labelScratch is the space labelling reuses from one layer to the next.
type labelScratch struct {
	order []int
	taken []bool
	ids   []int32
}

// labelIDs is TokenLabels as numbers of set, in scratch space that the
// next call overwrites.
func (sc *labelScratch) labelIDs(tokens []corpus.Token, entities []corpus.Entity, set *labelSet) []int32 {
	sc.ids = resize(sc.ids, len(tokens))
	ids := sc.ids
	for i := range ids {
		ids[i] = outside
	}
	sc.outermost(tokens, entities, func(lo, hi int, e corpus.Entity) {
		b, in := set.typeIDs(e.Type)
		ids[lo] = b
		for i := lo + 1; i < hi; i++ {
			ids[i] = in
		}
	})
	return ids
}

// outermost calls mark for each entity that gets its tokens [lo, hi):
// outermost first (longest, then earliest start, then id, then list
// order), skipping any that would share a token with one marked before.
func (sc *labelScratch) outermost(tokens []corpus.Token, ents []corpus.Entity, mark func(lo, hi int, e corpus.Entity)) {
	sc.order = resize(sc.order, len(ents))
	for i := range sc.order {
		sc.order[i] = i
	}
	slices.SortFunc(sc.order, func(i, j int) int {
		a, b := &ents[i], &ents[j]
		if c := cmp.Compare(b.End-b.Start, a.End-a.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	sc.taken = resize(sc.taken, len(tokens))
	taken := sc.taken
	clear(taken)
	for _, k := range sc.order {
		e := ents[k]
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
}

// resize returns s with length n, reusing its storage when it can.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
