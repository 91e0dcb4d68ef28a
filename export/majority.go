package export

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// entKey identifies an entity by content, independent of its id.
type entKey struct {
	start, end int
	typ        string
}

// votes counts how many voters marked each entity and each event.
type votes struct {
	ents  map[entKey]int
	evs   map[string]int
	evByK map[string]corpus.Event // the first voter's copy of each event
}

func countVotes(voters []corpus.Layer) votes {
	v := votes{ents: map[entKey]int{}, evs: map[string]int{}, evByK: map[string]corpus.Event{}}
	for _, l := range voters {
		for _, e := range l.Entities {
			v.ents[entKey{e.Start, e.End, e.Type}]++
		}
		for _, ev := range l.Events {
			k, ok := eventKey(&l, ev)
			if !ok {
				continue
			}
			if v.evs[k] == 0 {
				v.evByK[k] = ev
			}
			v.evs[k]++
		}
	}
	return v
}

// Majority builds the layer of the entities and events that at least half
// of the voters marked identically (same span and type; for events also the
// same trigger and the same arguments). Ids are renumbered T1.., E1.. in
// text order because the voters' ids do not correspond.
func Majority(doc string, voters []corpus.Layer) corpus.Layer {
	out := corpus.Layer{Doc: doc, Annotator: LayerMajority, Status: corpus.StatusDone,
		Entities: []corpus.Entity{}, Events: []corpus.Event{}}
	if len(voters) == 0 {
		return out
	}
	v := countVotes(voters)
	var ids map[entKey]string
	out.Entities, ids = majorityEntities(v, len(voters))
	out.Events = majorityEvents(v, voters, ids)
	return out
}

// majorityEntities returns the entities at least half of n voters marked,
// in text order with ids T1.., and the id each got.
func majorityEntities(v votes, n int) ([]corpus.Entity, map[entKey]string) {
	ents := []corpus.Entity{}
	for k, c := range v.ents {
		if 2*c >= n {
			ents = append(ents, corpus.Entity{Start: k.start, End: k.end, Type: k.typ})
		}
	}
	corpus.SortEntities(ents)
	ids := map[entKey]string{}
	for i := range ents {
		e := &ents[i]
		e.ID = "T" + strconv.Itoa(i+1)
		ids[entKey{e.Start, e.End, e.Type}] = e.ID
	}
	return ents, ids
}

// majorityEvents returns the events at least half of the voters marked,
// in trigger order with ids E1.., their arguments pointing at the
// majority entities (ids).
func majorityEvents(v votes, voters []corpus.Layer, ids map[entKey]string) []corpus.Event {
	var keys []string
	for k, c := range v.evs {
		if 2*c >= len(voters) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	evs := []corpus.Event{}
	// The voter layer that first carried an event gives its arguments'
	// spans; each was voted for by at least as many layers as the event.
	for _, k := range keys {
		ev := v.evByK[k]
		src := findVoter(voters, k)
		nev := corpus.Event{Type: ev.Type, Trigger: ev.Trigger, Arguments: []corpus.Argument{}}
		for _, a := range ev.Arguments {
			e, _ := src.Entity(a.Entity)
			nev.Arguments = append(nev.Arguments, corpus.Argument{Role: a.Role, Entity: ids[entKey{e.Start, e.End, e.Type}]})
		}
		evs = append(evs, nev)
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Trigger.Start < evs[j].Trigger.Start })
	for i := range evs {
		evs[i].ID = "E" + strconv.Itoa(i+1)
	}
	return evs
}

func findVoter(voters []corpus.Layer, key string) *corpus.Layer {
	for i := range voters {
		for _, ev := range voters[i].Events {
			if k, ok := eventKey(&voters[i], ev); ok && k == key {
				return &voters[i]
			}
		}
	}
	return &voters[0]
}

// eventKey identifies an event by content, independent of ids.
func eventKey(l *corpus.Layer, ev corpus.Event) (string, bool) {
	args := make([]string, 0, len(ev.Arguments))
	for _, a := range ev.Arguments {
		e, ok := l.Entity(a.Entity)
		if !ok {
			return "", false
		}
		args = append(args, a.Role+"\x01"+strconv.Itoa(e.Start)+"\x01"+strconv.Itoa(e.End)+"\x01"+e.Type)
	}
	sort.Strings(args)
	return ev.Type + "\x00" + strconv.Itoa(ev.Trigger.Start) + "\x00" + strconv.Itoa(ev.Trigger.End) + "\x00" + strings.Join(args, "\x00"), true
}
