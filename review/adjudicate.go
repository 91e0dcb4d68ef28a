package review

import (
	"fmt"
	"slices"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// Plan is what to add to a gold layer.
type Plan struct {
	Entities []Candidate
	Events   []EventCandidate
}

// Len is the number of annotations in the plan.
func (p Plan) Len() int { return len(p.Entities) + len(p.Events) }

// AtLeast plans every candidate that at least k annotators marked
// identically; k ≤ 0 means all the compared annotators.
func (c Comparison) AtLeast(k int) Plan {
	if k <= 0 || k > len(c.Annotators) {
		k = len(c.Annotators)
	}
	return c.filter(func(by []string) bool { return len(by) >= k })
}

// Of plans everything one annotator marked.
func (c Comparison) Of(annotator string) Plan {
	return c.filter(func(by []string) bool { return slices.Contains(by, annotator) })
}

// Undisputed plans every candidate no other annotation contradicts: the
// agreed ones, and those some annotators marked where the others marked
// nothing at all (INCEpTION's "merge incomplete"). Candidates in a region
// where types, boundaries or arguments differ stay for the reviewer.
func (c Comparison) Undisputed() Plan {
	disputedEnt, disputedEv := map[int]bool{}, map[int]bool{}
	for _, d := range c.Disagreements {
		if d.Kind == Missing {
			continue
		}
		for _, i := range d.Entities {
			disputedEnt[i] = true
		}
		for _, i := range d.Events {
			disputedEv[i] = true
		}
	}
	var p Plan
	for i, e := range c.Entities {
		if !disputedEnt[i] {
			p.Entities = append(p.Entities, e)
		}
	}
	for i, e := range c.Events {
		if !disputedEv[i] {
			p.Events = append(p.Events, e)
		}
	}
	return p
}

func (c Comparison) filter(keep func([]string) bool) Plan {
	var p Plan
	for _, e := range c.Entities {
		if keep(e.By) {
			p.Entities = append(p.Entities, e)
		}
	}
	for _, e := range c.Events {
		if keep(e.By) {
			p.Events = append(p.Events, e)
		}
	}
	return p
}

// ApplyOptions tune Apply.
type ApplyOptions struct {
	// Op names the change in the gold layer's log ("accept" by default).
	Op string
	// WithArguments adds an event's argument entities to gold when they are
	// not there yet; without it such an event is left out and reported.
	WithArguments bool
	// Now stamps the provenance; nil means time.Now.
	Now func() time.Time
}

// Applied says what Apply did.
type Applied struct {
	Entities int      // entities added to gold
	Events   int      // events added
	Present  int      // candidates gold already held
	Held     []string // events left out: an argument's entity is not in gold
	Change   corpus.Change
}

// Apply adds the plan to the gold layer of doc as one change, which one
// undo reverts. It never removes or changes what gold holds, and it writes
// only gold: the annotators' layers are never touched by review. Each
// added annotation records its provenance: reviewer, annotators, time.
func Apply(s *corpus.Store, doc, reviewer string, p Plan, opt ApplyOptions) (Applied, error) {
	var res Applied
	if opt.Op == "" {
		opt.Op = "accept"
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	ch, err := s.Edit(doc, corpus.Gold, opt.Op, func(e *corpus.Edit) error {
		res = Applied{}
		gold, err := e.Layer()
		if err != nil {
			return err
		}
		ap := applier{e: e, reviewer: reviewer, at: now().UTC(), ids: map[string]string{}, res: &res}
		for _, g := range gold.Entities {
			ap.ids[entityKey(g.Span(), g.Type)] = g.ID
		}
		for _, c := range p.Entities {
			if _, err := ap.entity(c.Span, c.Type, c.By); err != nil {
				return err
			}
		}
		have := map[string]bool{}
		for _, ev := range gold.Events {
			if ec, ok := eventCandidate(gold, ev); ok {
				have[ec.Key()] = true
			}
		}
		for _, c := range p.Events {
			if have[c.Key()] {
				res.Present++
				continue
			}
			if err := ap.event(c, opt.WithArguments); err != nil {
				return err
			}
			have[c.Key()] = true
		}
		return nil
	})
	res.Change = ch
	return res, err
}

// applier adds candidates to gold inside one Edit.
type applier struct {
	e        *corpus.Edit
	reviewer string
	at       time.Time
	ids      map[string]string // entity key → gold id
	res      *Applied
}

func (a *applier) provenance(by []string) *corpus.Provenance {
	return &corpus.Provenance{By: a.reviewer, From: slices.Clone(by), At: a.at}
}

// entity returns the gold id of the entity, adding it when gold lacks it.
func (a *applier) entity(sp corpus.Span, typ string, by []string) (string, error) {
	k := entityKey(sp, typ)
	if id, ok := a.ids[k]; ok {
		a.res.Present++
		return id, nil
	}
	added, err := a.e.AddEntity(corpus.Entity{Start: sp.Start, End: sp.End, Type: typ, Provenance: a.provenance(by)})
	if err != nil {
		return "", fmt.Errorf("accept %s [%d,%d): %w", typ, sp.Start, sp.End, err)
	}
	a.ids[k] = added.ID
	a.res.Entities++
	return added.ID, nil
}

func (a *applier) event(c EventCandidate, withArgs bool) error {
	ev := corpus.Event{Type: c.Type, Trigger: c.Trigger, Arguments: []corpus.Argument{}, Provenance: a.provenance(c.By)}
	for _, arg := range c.Written {
		id, ok := a.ids[entityKey(arg.Span, arg.Type)]
		if !ok && !withArgs {
			a.res.Held = append(a.res.Held, fmt.Sprintf("%s [%d,%d): argument %s %s [%d,%d) is not in gold",
				c.Type, c.Trigger.Start, c.Trigger.End, arg.Role, arg.Type, arg.Span.Start, arg.Span.End))
			return nil
		}
		if !ok {
			var err error
			if id, err = a.entity(arg.Span, arg.Type, c.By); err != nil {
				return err
			}
		}
		ev.Arguments = append(ev.Arguments, corpus.Argument{Role: arg.Role, Entity: id})
	}
	if _, err := a.e.AddEvent(ev); err != nil {
		return fmt.Errorf("accept event %s [%d,%d): %w", c.Type, c.Trigger.Start, c.Trigger.End, err)
	}
	a.res.Events++
	return nil
}
