package review

import "github.com/tawsim/tawsim/corpus"

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

// eventCounts counts trigger and argument matches between two layers, as
// ACE-style event papers do: a trigger matches when span and type are
// equal; an argument matches when its trigger matches and role, argument
// span and argument type are equal. Each side's items match at most once.
func eventCounts(a, b corpus.Layer, triggers, args *Counts) {
	ta, aa := eventKeys(a)
	tb, ab := eventKeys(b)
	triggers.add(Counts{A: total(ta), B: total(tb), Matched: multisetMatches(ta, tb)})
	args.add(Counts{A: total(aa), B: total(ab), Matched: multisetMatches(aa, ab)})
}

func eventKeys(l corpus.Layer) (map[triggerKey]int, map[argKey]int) {
	ts, as := map[triggerKey]int{}, map[argKey]int{}
	for _, ev := range l.Events {
		tk := triggerKey{ev.Trigger, ev.Type}
		ts[tk]++
		for _, a := range ev.Arguments {
			e, ok := l.Entity(a.Entity)
			if !ok {
				continue
			}
			as[argKey{tk, a.Role, e.Span(), e.Type}]++
		}
	}
	return ts, as
}

func total[K comparable](m map[K]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

func multisetMatches[K comparable](a, b map[K]int) int {
	n := 0
	for k, c := range a {
		n += min(c, b[k])
	}
	return n
}
