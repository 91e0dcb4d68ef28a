package review

import (
	"cmp"
	"slices"

	"github.com/tawsim/tawsim/corpus"
)

// triggerKey identifies an event by its trigger span and type.
type triggerKey struct {
	span corpus.Span
	typ  string
}

// argKey identifies an argument: its event's trigger, the role, and the
// argument entity's span and type.
type argKey struct {
	trigger triggerKey
	role    string
	span    corpus.Span
	typ     string
}

// eventSet is one layer's triggers and arguments, each list sorted, so
// two layers' are compared by walking them side by side.
type eventSet struct {
	triggers []triggerKey
	args     []argKey
}

// eventCounts counts trigger and argument matches between two layers, as
// ACE-style event papers do: a trigger matches when span and type are
// equal; an argument matches when its trigger matches and role, argument
// span and argument type are equal. Each side's items match at most once.
func eventCounts(a, b corpus.Layer, triggers, args *Counts) {
	eventSetCounts(eventKeys(a), eventKeys(b), triggers, args)
}

// eventSetCounts is eventCounts on the layers' eventKeys, which an
// agreement makes once per layer for all its pairs.
func eventSetCounts(a, b eventSet, triggers, args *Counts) {
	triggers.add(Counts{A: len(a.triggers), B: len(b.triggers), Matched: sortedMatches(a.triggers, b.triggers, compareTrigger)})
	args.add(Counts{A: len(a.args), B: len(b.args), Matched: sortedMatches(a.args, b.args, compareArg)})
}

func eventKeys(l corpus.Layer) eventSet {
	var s eventSet
	for _, ev := range l.Events {
		tk := triggerKey{ev.Trigger, ev.Type}
		s.triggers = append(s.triggers, tk)
		for _, a := range ev.Arguments {
			e, ok := l.Entity(a.Entity)
			if !ok {
				continue
			}
			s.args = append(s.args, argKey{tk, a.Role, e.Span(), e.Type})
		}
	}
	slices.SortFunc(s.triggers, compareTrigger)
	slices.SortFunc(s.args, compareArg)
	return s
}

func compareTrigger(a, b triggerKey) int {
	if c := compareSpan(a.span, b.span); c != 0 {
		return c
	}
	return cmp.Compare(a.typ, b.typ)
}

func compareArg(a, b argKey) int {
	if c := compareTrigger(a.trigger, b.trigger); c != 0 {
		return c
	}
	if c := cmp.Compare(a.role, b.role); c != 0 {
		return c
	}
	if c := compareSpan(a.span, b.span); c != 0 {
		return c
	}
	return cmp.Compare(a.typ, b.typ)
}

// sortedMatches is the size of the multiset intersection of two sorted
// lists: each item matches at most one equal item of the other side.
func sortedMatches[K any](a, b []K, compare func(K, K) int) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := compare(a[i], b[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
