package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// seed is the seed article's first sentence.
const seed = "أجرى الرئيس الصيني، شي جين بينغ، محادثات مع رئيس النظام السوري، بشار الأسد، الجمعة."

func spanOf(t testing.TB, sub string) corpus.Span {
	t.Helper()
	b := strings.Index(seed, sub)
	if b < 0 {
		t.Fatalf("%q not in the text", sub)
	}
	s := len([]rune(seed[:b]))
	return corpus.Span{Start: s, End: s + len([]rune(sub))}
}

func entOn(t testing.TB, id, sub, typ string) corpus.Entity {
	sp := spanOf(t, sub)
	return corpus.Entity{ID: id, Start: sp.Start, End: sp.End, Type: typ}
}

// three annotators on the seed sentence:
//   - all mark شي جين بينغ PERS (agreed);
//   - amira and layla mark بشار الأسد PERS, omar marks it ORG (type);
//   - amira marks الرئيس الصيني، شي جين بينغ? no: amira marks الصيني NORP alone (missing);
//   - layla marks رئيس النظام السوري OCC, omar رئيس النظام OCC (boundary);
//   - everybody's meet event on محادثات; omar's lacks an argument (arguments).
func threeLayers(t testing.TB) []corpus.Layer {
	meet := func(ids ...string) corpus.Event {
		ev := corpus.Event{ID: "E1", Type: "Contact.Meet", Trigger: spanOf(t, "محادثات")}
		for _, id := range ids {
			ev.Arguments = append(ev.Arguments, corpus.Argument{Role: "Entity", Entity: id})
		}
		return ev
	}
	return []corpus.Layer{
		{Doc: "d", Annotator: "omar", Entities: []corpus.Entity{entOn(t, "T1", "شي جين بينغ", "PERS"), entOn(t, "T2", "بشار الأسد", "ORG"), entOn(t, "T3", "رئيس النظام", "OCC")},
			Events: []corpus.Event{meet("T1")}},
		{Doc: "d", Annotator: "amira", Entities: []corpus.Entity{entOn(t, "T7", "شي جين بينغ", "PERS"), entOn(t, "T8", "بشار الأسد", "PERS"), entOn(t, "T9", "الصيني", "NORP")},
			Events: []corpus.Event{meet("T7", "T8")}},
		{Doc: "d", Annotator: "layla", Entities: []corpus.Entity{entOn(t, "T1", "شي جين بينغ", "PERS"), entOn(t, "T2", "بشار الأسد", "PERS"), entOn(t, "T3", "رئيس النظام السوري", "OCC")},
			Events: []corpus.Event{meet("T1", "T2")}},
	}
}

func TestCompare(t *testing.T) {
	c := Compare(threeLayers(t))
	if fmt.Sprint(c.Annotators) != "[amira layla omar]" {
		t.Errorf("annotators %v", c.Annotators)
	}
	var got []string
	for _, e := range c.Entities {
		got = append(got, fmt.Sprintf("%s:%s:%d", seed[byteOf(e.Span.Start):byteOf(e.Span.End)], e.Type, len(e.By)))
	}
	want := "[الصيني:NORP:1 شي جين بينغ:PERS:3 رئيس النظام السوري:OCC:1 رئيس النظام:OCC:1 بشار الأسد:ORG:1 بشار الأسد:PERS:2]"
	if fmt.Sprint(got) != want {
		t.Errorf("candidates\n got %v\nwant %s", got, want)
	}
	if xi := c.Entities[1]; xi.IDs["amira"] != "T7" || xi.IDs["omar"] != "T1" {
		t.Errorf("ids of the conflated entity: %v", xi.IDs)
	}
	var kinds []string
	for _, d := range c.Disagreements {
		kinds = append(kinds, fmt.Sprintf("%s(%d,%v)", d.Kind, len(d.Entities)+len(d.Events), d.Absent))
	}
	want = "[missing(1,[layla omar]) arguments(2,[]) boundary(2,[amira]) type(2,[])]"
	if fmt.Sprint(kinds) != want {
		t.Errorf("disagreements\n got %v\nwant %s", kinds, want)
	}
	if len(c.Events) != 2 || len(c.Events[0].By)+len(c.Events[1].By) != 3 {
		t.Errorf("events %+v", c.Events)
	}
}

// byteOf turns a code point offset of seed into a byte offset.
func byteOf(cp int) int { return len(string([]rune(seed)[:cp])) }

func TestPlans(t *testing.T) {
	c := Compare(threeLayers(t))
	count := func(p Plan) string { return fmt.Sprintf("%d+%d", len(p.Entities), len(p.Events)) }
	for _, tt := range []struct {
		name string
		plan Plan
		want string
	}{
		{"all agree", c.AtLeast(0), "1+0"},    // شي جين بينغ
		{"at least two", c.AtLeast(2), "2+1"}, // + بشار الأسد PERS, layla/amira's meet
		{"of omar", c.Of("omar"), "3+1"},      // everything omar marked
		{"undisputed", c.Undisputed(), "2+0"}, // شي جين بينغ, and الصيني nobody contradicts
		{"at least four = all", c.AtLeast(4), "1+0"},
	} {
		if got := count(tt.plan); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
