package export

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

type entKey struct {
	start, end int
	typ        string
}

// Majority builds the layer of the entities and events that at least half
// of the voters marked identically (same span and type; for events also the
// same trigger and the same arguments). Ids are renumbered T1.., E1.. in
// text order because the voters' ids do not correspond.
func Majority(doc string, voters []corpus.Layer) corpus.Layer {
	out := corpus.Layer{Doc: doc, Annotator: LayerMajority, Status: corpus.StatusDone,
		Entities: []corpus.Entity{}, Events: []corpus.Event{}}
	n := len(voters)
	if n == 0 {
		return out
	}
	entVotes := map[entKey]int{}
	evVotes := map[string]int{}
	evByKey := map[string]corpus.Event{}
	for _, l := range voters {
		for _, e := range l.Entities {
			entVotes[entKey{e.Start, e.End, e.Type}]++
		}
		for _, ev := range l.Events {
			k, ok := eventKey(&l, ev)
			if !ok {
				continue
			}
			if evVotes[k] == 0 {
				evByKey[k] = ev
			}
			evVotes[k]++
		}
	}
	for k, c := range entVotes {
		if 2*c >= n {
			out.Entities = append(out.Entities, corpus.Entity{Start: k.start, End: k.end, Type: k.typ})
		}
	}
	corpus.SortEntities(out.Entities)
	ids := map[entKey]string{}
	for i := range out.Entities {
		e := &out.Entities[i]
		e.ID = "T" + strconv.Itoa(i+1)
		ids[entKey{e.Start, e.End, e.Type}] = e.ID
	}
	var keys []string
	for k, c := range evVotes {
		if 2*c >= n {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	// The voter layer that first carried an event gives its arguments'
	// spans; each was voted for by at least as many layers as the event.
	for _, k := range keys {
		ev := evByKey[k]
		src := findVoter(voters, k)
		nev := corpus.Event{Type: ev.Type, Trigger: ev.Trigger, Arguments: []corpus.Argument{}}
		for _, a := range ev.Arguments {
			e, _ := src.Entity(a.Entity)
			nev.Arguments = append(nev.Arguments, corpus.Argument{Role: a.Role, Entity: ids[entKey{e.Start, e.End, e.Type}]})
		}
		out.Events = append(out.Events, nev)
	}
	sort.SliceStable(out.Events, func(i, j int) bool { return out.Events[i].Trigger.Start < out.Events[j].Trigger.Start })
	for i := range out.Events {
		out.Events[i].ID = "E" + strconv.Itoa(i+1)
	}
	return out
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
