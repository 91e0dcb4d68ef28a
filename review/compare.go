package review

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Candidate is one entity as several annotators marked it: identical
// annotations (same span and type) conflated, with who made them.
type Candidate struct {
	Span corpus.Span
	Type string
	By   []string          // annotators who marked it, sorted
	IDs  map[string]string // annotator → the entity's id in their layer
	Gold string            // the id of the identical gold entity, or ""
}

// Key identifies a candidate by content: "start:end:TYPE".
func (c Candidate) Key() string { return entityKey(c.Span, c.Type) }

func entityKey(sp corpus.Span, typ string) string {
	return strconv.Itoa(sp.Start) + ":" + strconv.Itoa(sp.End) + ":" + typ
}

// Arg is an event argument by content: its role and its entity's span and
// type, the same in every layer whatever the entity's id.
type Arg struct {
	Role string
	Span corpus.Span
	Type string
}

// EventCandidate is one event as several annotators marked it: same
// trigger, type and arguments.
type EventCandidate struct {
	Trigger corpus.Span
	Type    string
	Args    []Arg // sorted, for comparing
	// Written are the arguments in the order of the first layer that has
	// the event, as an annotator wrote them.
	Written []Arg
	By      []string
	IDs     map[string]string
	Gold    string
}

// Key identifies an event candidate by content.
func (c EventCandidate) Key() string {
	var b strings.Builder
	b.WriteString(entityKey(c.Trigger, c.Type))
	for _, a := range c.Args {
		b.WriteString("|" + a.Role + "=" + entityKey(a.Span, a.Type))
	}
	return b.String()
}

// Kind names what annotators disagree on in a region of the text.
type Kind string

// The kinds of disagreement, from the most to the least specific.
const (
	TypeDiffers Kind = "type"     // the same span, different types
	Boundary    Kind = "boundary" // overlapping spans that are not the same
	Missing     Kind = "missing"  // some annotators marked it, others nothing
	// ArgumentsDiffer: events with the same trigger and type whose
	// arguments differ.
	ArgumentsDiffer Kind = "arguments"
)

// Disagreement is a region where the annotators' entities (or events)
// differ: the candidates in it, and which annotators marked nothing there.
type Disagreement struct {
	Span     corpus.Span
	Kind     Kind
	Entities []int    // indexes into Comparison.Entities
	Events   []int    // indexes into Comparison.Events
	Absent   []string // annotators with a layer who marked nothing here
	Resolved bool     // gold holds an annotation in the region
}

// Comparison is every annotator's layer of one document brought together.
type Comparison struct {
	Doc           string
	Annotators    []string // the compared annotators, sorted (gold is never one)
	Entities      []Candidate
	Events        []EventCandidate
	Disagreements []Disagreement // in text order
}

// Compare conflates the entities and events of the annotators' layers of
// one document (gold's, if given, is used only to say what is already
// accepted).
func Compare(layers []corpus.Layer) Comparison {
	var c Comparison
	var gold *corpus.Layer
	for i := range layers {
		l := &layers[i]
		if l.Annotator == corpus.Gold {
			gold = l
			continue
		}
		c.Doc = l.Doc
		c.Annotators = append(c.Annotators, l.Annotator)
	}
	sort.Strings(c.Annotators)
	ents := map[string]*Candidate{}
	evs := map[string]*EventCandidate{}
	for _, l := range layers {
		if l.Annotator == corpus.Gold {
			continue
		}
		for _, e := range l.Entities {
			k := entityKey(e.Span(), e.Type)
			cd := ents[k]
			if cd == nil {
				cd = &Candidate{Span: e.Span(), Type: e.Type, IDs: map[string]string{}}
				ents[k] = cd
			}
			if _, dup := cd.IDs[l.Annotator]; !dup {
				cd.By = append(cd.By, l.Annotator)
			}
			cd.IDs[l.Annotator] = e.ID
		}
		for _, ev := range l.Events {
			ec, ok := eventCandidate(l, ev)
			if !ok {
				continue
			}
			k := ec.Key()
			cd := evs[k]
			if cd == nil {
				ec.IDs = map[string]string{}
				cd = &ec
				evs[k] = cd
			}
			if _, dup := cd.IDs[l.Annotator]; !dup {
				cd.By = append(cd.By, l.Annotator)
			}
			cd.IDs[l.Annotator] = ev.ID
		}
	}
	for _, cd := range ents {
		sort.Strings(cd.By)
		c.Entities = append(c.Entities, *cd)
	}
	for _, cd := range evs {
		sort.Strings(cd.By)
		c.Events = append(c.Events, *cd)
	}
	sort.Slice(c.Entities, func(i, j int) bool { return lessCandidate(c.Entities[i], c.Entities[j]) })
	sort.Slice(c.Events, func(i, j int) bool {
		a, b := c.Events[i], c.Events[j]
		if a.Trigger != b.Trigger {
			return a.Trigger.Start < b.Trigger.Start || a.Trigger.Start == b.Trigger.Start && a.Trigger.End > b.Trigger.End
		}
		return a.Key() < b.Key()
	})
	if gold != nil {
		c.markGold(*gold)
	}
	c.Disagreements = c.disagreements(gold)
	return c
}

func lessCandidate(a, b Candidate) bool {
	if a.Span.Start != b.Span.Start {
		return a.Span.Start < b.Span.Start
	}
	if a.Span.End != b.Span.End {
		return a.Span.End > b.Span.End // outer first
	}
	return a.Type < b.Type
}

// eventCandidate describes an event by content; false when an argument
// points to an entity the layer lacks (a damaged layer).
func eventCandidate(l corpus.Layer, ev corpus.Event) (EventCandidate, bool) {
	ec := EventCandidate{Trigger: ev.Trigger, Type: ev.Type}
	for _, a := range ev.Arguments {
		e, ok := l.Entity(a.Entity)
		if !ok {
			return ec, false
		}
		ec.Args = append(ec.Args, Arg{Role: a.Role, Span: e.Span(), Type: e.Type})
	}
	ec.Written = slices.Clone(ec.Args)
	sort.Slice(ec.Args, func(i, j int) bool {
		x, y := ec.Args[i], ec.Args[j]
		if x.Role != y.Role {
			return x.Role < y.Role
		}
		return entityKey(x.Span, x.Type) < entityKey(y.Span, y.Type)
	})
	return ec, true
}

func (c *Comparison) markGold(gold corpus.Layer) {
	byKey := map[string]string{}
	for _, e := range gold.Entities {
		byKey[entityKey(e.Span(), e.Type)] = e.ID
	}
	for i := range c.Entities {
		c.Entities[i].Gold = byKey[c.Entities[i].Key()]
	}
	evKeys := map[string]string{}
	for _, ev := range gold.Events {
		if ec, ok := eventCandidate(gold, ev); ok {
			evKeys[ec.Key()] = ev.ID
		}
	}
	for i := range c.Events {
		c.Events[i].Gold = evKeys[c.Events[i].Key()]
	}
}

// Agreed reports whether every compared annotator marked the candidate.
func (c Comparison) Agreed(by []string) bool { return len(by) == len(c.Annotators) }

// disagreements groups overlapping candidates (entities by their spans,
// events by their triggers) into regions and keeps the regions where not
// every annotator marked every candidate.
func (c Comparison) disagreements(gold *corpus.Layer) []Disagreement {
	var out []Disagreement
	for _, g := range overlapGroups(len(c.Entities), func(i int) corpus.Span { return c.Entities[i].Span }) {
		d := Disagreement{Span: g.span, Entities: g.members}
		if c.classify(&d, g.members, func(i int) []string { return c.Entities[i].By },
			func(i int) corpus.Span { return c.Entities[i].Span }, func(i int) string { return c.Entities[i].Type }) {
			if gold != nil {
				d.Resolved = slices.ContainsFunc(gold.Entities, func(e corpus.Entity) bool { return e.Span().Overlaps(d.Span) })
			}
			out = append(out, d)
		}
	}
	for _, g := range overlapGroups(len(c.Events), func(i int) corpus.Span { return c.Events[i].Trigger }) {
		d := Disagreement{Span: g.span, Events: g.members}
		if c.classify(&d, g.members, func(i int) []string { return c.Events[i].By },
			func(i int) corpus.Span { return c.Events[i].Trigger }, func(i int) string { return c.Events[i].Type }) {
			if gold != nil {
				d.Resolved = slices.ContainsFunc(gold.Events, func(e corpus.Event) bool { return e.Trigger.Overlaps(d.Span) })
			}
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// classify fills in the kind and the absent annotators of a region, and
// reports whether the region is a disagreement at all: it is one unless
// every annotator marked every candidate in it (agreed nesting, such as a
// GPE inside an ORG that all marked, is no dispute).
func (c Comparison) classify(d *Disagreement, members []int, by func(int) []string, span func(int) corpus.Span, typ func(int) string) bool {
	marked := map[string]bool{}
	var disputed []int
	for _, i := range members {
		if !c.Agreed(by(i)) {
			disputed = append(disputed, i)
		}
		for _, a := range by(i) {
			marked[a] = true
		}
	}
	if len(disputed) == 0 {
		return false
	}
	for _, a := range c.Annotators {
		if !marked[a] {
			d.Absent = append(d.Absent, a)
		}
	}
	d.Kind = Missing
	for _, i := range disputed {
		for _, j := range members {
			if i == j {
				continue
			}
			a, b := span(i), span(j)
			switch {
			case a == b && typ(i) == typ(j):
				d.Kind = ArgumentsDiffer // only events: same trigger and type
				return true
			case a == b:
				d.Kind = TypeDiffers
				return true
			case typ(i) == typ(j) || !(a.Contains(b) || b.Contains(a)):
				// the same thing with other bounds, or crossing spans
				d.Kind = Boundary
			}
		}
	}
	return true
}

type group struct {
	span    corpus.Span
	members []int
}

// overlapGroups gathers items (sorted by start) whose spans overlap,
// directly or through one another.
func overlapGroups(n int, span func(int) corpus.Span) []group {
	var out []group
	for i := 0; i < n; i++ {
		sp := span(i)
		if k := len(out) - 1; k >= 0 && out[k].span.End > sp.Start {
			out[k].members = append(out[k].members, i)
			out[k].span.End = max(out[k].span.End, sp.End)
			continue
		}
		out = append(out, group{span: sp, members: []int{i}})
	}
	return out
}
