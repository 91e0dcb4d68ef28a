package review

import (
	"cmp"
	"slices"

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

// typedSpan is an entity's span and type, what the confusion compares.
type typedSpan struct {
	span corpus.Span
	typ  string
}

func compareTyped(a, b typedSpan) int {
	if c := cmp.Compare(a.span.Start, b.span.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.span.End, b.span.End); c != 0 {
		return c
	}
	return cmp.Compare(a.typ, b.typ)
}

// sortedSpans lists the entities' spans and types in span, then type order.
func sortedSpans(es []corpus.Entity) []typedSpan {
	out := make([]typedSpan, len(es))
	for i, e := range es {
		out[i] = typedSpan{e.Span(), e.Type}
	}
	slices.SortFunc(out, compareTyped)
	return out
}

// confusionCounts pairs the entities of a and b by span: equal types pair
// first, the rest in type order; what is left meets None.
func confusionCounts(a, b []corpus.Entity, c Confusion) {
	confusionSorted(sortedSpans(a), sortedSpans(b), c)
}

// confusionSorted is confusionCounts on spans sorted by sortedSpans: it
// walks both lists one span at a time.
func confusionSorted(sa, sb []typedSpan, c Confusion) {
	var ta, tb []string
	for len(sa) > 0 || len(sb) > 0 {
		var span corpus.Span
		switch {
		case len(sb) == 0 || len(sa) > 0 && compareSpan(sa[0].span, sb[0].span) <= 0:
			span = sa[0].span
		default:
			span = sb[0].span
		}
		ta, tb = ta[:0], tb[:0]
		for len(sa) > 0 && sa[0].span == span {
			ta = append(ta, sa[0].typ)
			sa = sa[1:]
		}
		for len(sb) > 0 && sb[0].span == span {
			tb = append(tb, sb[0].typ)
			sb = sb[1:]
		}
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

func compareSpan(a, b corpus.Span) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.End, b.End)
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
