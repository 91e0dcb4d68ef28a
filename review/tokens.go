package review

import (
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
	ents := make([]corpus.Entity, len(entities))
	copy(ents, entities)
	// Outermost first: longest, then earliest start, then id.
	sort.SliceStable(ents, func(i, j int) bool {
		a, b := ents[i], ents[j]
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return la > lb
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.ID < b.ID
	})
	taken := make([]bool, len(tokens))
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
			labels[i] = "I-" + e.Type
		}
		labels[lo] = "B-" + e.Type
	}
	return labels
}
