package review

import (
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// None is the confusion matrix's name for "no entity on this span".
const None = "none"

// Confusion counts, for two annotators, the types each gave to the same
// spans: Confusion[ta][tb] is how often A's type ta met B's type tb on one
// span, with None where one side has no entity on a span the other marked.
type Confusion map[string]map[string]int

func (c Confusion) add(ta, tb string) {
	row := c[ta]
	if row == nil {
		row = map[string]int{}
		c[ta] = row
	}
	row[tb]++
}

// confusionCounts pairs the entities of a and b by span: equal types pair
// first, the rest in type order; what is left meets None.
func confusionCounts(a, b []corpus.Entity, c Confusion) {
	bySpan := func(es []corpus.Entity) map[corpus.Span][]string {
		m := map[corpus.Span][]string{}
		for _, e := range es {
			m[e.Span()] = append(m[e.Span()], e.Type)
		}
		return m
	}
	sa, sb := bySpan(a), bySpan(b)
	spans := map[corpus.Span]bool{}
	for s := range sa {
		spans[s] = true
	}
	for s := range sb {
		spans[s] = true
	}
	for s := range spans {
		ta, tb := sa[s], sb[s]
		sort.Strings(ta)
		sort.Strings(tb)
		restA, restB := pairEqual(ta, tb, c)
		for len(restA) > 0 && len(restB) > 0 {
			c.add(restA[0], restB[0])
			restA, restB = restA[1:], restB[1:]
		}
		for _, t := range restA {
			c.add(t, None)
		}
		for _, t := range restB {
			c.add(None, t)
		}
	}
}

// pairEqual records equal types of two sorted lists as agreements and
// returns what is left of each.
func pairEqual(ta, tb []string, c Confusion) (restA, restB []string) {
	i, j := 0, 0
	for i < len(ta) && j < len(tb) {
		switch {
		case ta[i] == tb[j]:
			c.add(ta[i], tb[j])
			i++
			j++
		case ta[i] < tb[j]:
			restA = append(restA, ta[i])
			i++
		default:
			restB = append(restB, tb[j])
			j++
		}
	}
	return append(restA, ta[i:]...), append(restB, tb[j:]...)
}
