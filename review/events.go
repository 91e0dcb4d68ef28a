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

// eventSet is one layer's triggers and arguments, counted.
type eventSet struct {
	triggers map[triggerKey]int
	args     map[argKey]int
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
	triggers.add(Counts{A: total(a.triggers), B: total(b.triggers), Matched: multisetMatches(a.triggers, b.triggers)})
	args.add(Counts{A: total(a.args), B: total(b.args), Matched: multisetMatches(a.args, b.args)})
}

func eventKeys(l corpus.Layer) eventSet {
	if len(l.Events) == 0 {
		return eventSet{}
	}
	s := eventSet{triggers: map[triggerKey]int{}, args: map[argKey]int{}}
	for _, ev := range l.Events {
		tk := triggerKey{ev.Trigger, ev.Type}
		s.triggers[tk]++
		for _, a := range ev.Arguments {
			e, ok := l.Entity(a.Entity)
			if !ok {
				continue
			}
			s.args[argKey{tk, a.Role, e.Span(), e.Type}]++
		}
	}
	return s
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
