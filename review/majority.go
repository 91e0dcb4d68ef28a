package review

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// MajorityName is the annotator name of the majority layer export builds.
const MajorityName = "majority"

// Majority builds the layer of the entities and events that at least half
// of the voters marked identically (same span and type; for events also
// the same trigger and the same arguments). Ids are renumbered T1.., E1..
// in text order because the voters' ids do not correspond.
func Majority(doc string, voters []corpus.Layer) corpus.Layer {
	out := corpus.Layer{Doc: doc, Annotator: MajorityName, Status: corpus.StatusDone,
		Entities: []corpus.Entity{}, Events: []corpus.Event{}}
	n := len(voters)
	if n == 0 {
		return out
	}
	c := Compare(voters)
	wins := func(by []string) bool { return 2*len(by) >= n }
	for _, e := range c.Entities {
		if wins(e.By) {
			out.Entities = append(out.Entities, corpus.Entity{Start: e.Span.Start, End: e.Span.End, Type: e.Type})
		}
	}
	corpus.SortEntities(out.Entities)
	ids := map[string]string{}
	for i := range out.Entities {
		e := &out.Entities[i]
		e.ID = "T" + strconv.Itoa(i+1)
		ids[entityKey(e.Span(), e.Type)] = e.ID
	}
	var evs []EventCandidate
	for _, e := range c.Events {
		if wins(e.By) {
			evs = append(evs, e)
		}
	}
	// Events in trigger order; among events of one trigger start, in the
	// order of their content keys, as the export has always written them.
	sort.SliceStable(evs, func(i, j int) bool { return majorityKey(evs[i]) < majorityKey(evs[j]) })
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Trigger.Start < evs[j].Trigger.Start })
	for i, e := range evs {
		ev := corpus.Event{ID: "E" + strconv.Itoa(i+1), Type: e.Type, Trigger: e.Trigger, Arguments: []corpus.Argument{}}
		for _, a := range e.Written {
			// Every voter with the event has its argument entities, so they
			// won at least as many votes.
			ev.Arguments = append(ev.Arguments, corpus.Argument{Role: a.Role, Entity: ids[entityKey(a.Span, a.Type)]})
		}
		out.Events = append(out.Events, ev)
	}
	return out
}

// majorityKey is the content key majority events were always ordered by.
func majorityKey(e EventCandidate) string {
	args := make([]string, 0, len(e.Args))
	for _, a := range e.Written {
		args = append(args, a.Role+"\x01"+strconv.Itoa(a.Span.Start)+"\x01"+strconv.Itoa(a.Span.End)+"\x01"+a.Type)
	}
	sort.Strings(args)
	return e.Type + "\x00" + strconv.Itoa(e.Trigger.Start) + "\x00" + strconv.Itoa(e.Trigger.End) + "\x00" + strings.Join(args, "\x00")
}
