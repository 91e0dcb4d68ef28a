package review

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	_ "github.com/tawsim/tawsim/boltstore"
	"github.com/tawsim/tawsim/corpus"
)

// storeWith makes a database holding the seed sentence with the layers.
func storeWith(t *testing.T, layers []corpus.Layer) (*corpus.Store, string) {
	t.Helper()
	s, err := corpus.Open(filepath.Join(t.TempDir(), "corpus.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc, _ := corpus.Preset("wojood")
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import([]corpus.ImportItem{{Origin: "seed", Doc: corpus.NewDoc{Text: seed}, Layers: layers}})
	if err != nil {
		t.Fatal(err)
	}
	return s, res.IDs[0]
}

func TestApply(t *testing.T) {
	s, doc := storeWith(t, threeLayers(t))
	before, _ := s.Layers(doc)
	layers, _ := s.Layers(doc)
	c := Compare(layers)
	at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	opt := ApplyOptions{Op: "accept agreed", Now: func() time.Time { return at }}

	// Layla's meet needs بشار الأسد PERS in gold: accepted with it (K=2).
	res, err := Apply(s, doc, "noura", c.AtLeast(2), opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Entities != 2 || res.Events != 1 || len(res.Held) != 0 {
		t.Fatalf("applied %+v", res)
	}
	gold, _ := s.Layer(doc, corpus.Gold)
	if len(gold.Entities) != 2 || len(gold.Events) != 1 || len(gold.Events[0].Arguments) != 2 {
		t.Fatalf("gold %+v", gold)
	}
	p := gold.Entities[0].Provenance
	if p == nil || p.By != "noura" || !p.At.Equal(at) || !slices.Equal(p.From, []string{"amira", "layla", "omar"}) {
		t.Errorf("provenance %+v", p)
	}
	for _, a := range gold.Events[0].Arguments {
		if _, ok := gold.Entity(a.Entity); !ok {
			t.Errorf("argument %s points outside gold", a.Entity)
		}
	}
	// Again: nothing new.
	layers, _ = s.Layers(doc)
	again, err := Apply(s, doc, "noura", Compare(layers).AtLeast(2), opt)
	if err != nil || again.Entities+again.Events != 0 || again.Present != 3 {
		t.Errorf("second apply %+v %v", again, err)
	}
	// Omar's meet lacks nothing but its argument is ORG بشار الأسد... his
	// event's argument شي جين بينغ is in gold, so it goes in; an event whose
	// argument is not in gold is held unless asked.
	omar := Compare(layers).Of("omar")
	omar.Entities = nil
	held, err := Apply(s, doc, "noura", Plan{Events: []EventCandidate{{Trigger: spanOf(t, "الجمعة"), Type: "Contact.Meet",
		Written: []Arg{{Role: "Entity", Span: spanOf(t, "رئيس النظام"), Type: "OCC"}}, Args: []Arg{{Role: "Entity", Span: spanOf(t, "رئيس النظام"), Type: "OCC"}}, By: []string{"omar"}}}}, opt)
	if err != nil || held.Events != 0 || len(held.Held) != 1 {
		t.Errorf("an event with its argument outside gold: %+v %v", held, err)
	}
	with := opt
	with.WithArguments = true
	got, err := Apply(s, doc, "noura", omar, with)
	if err != nil || got.Events != 1 {
		t.Errorf("omar's event: %+v %v", got, err)
	}
	// Review writes gold only.
	for _, l := range before {
		now, _ := s.Layer(doc, l.Annotator)
		if now.Revision != l.Revision || len(now.Entities) != len(l.Entities) {
			t.Errorf("%s's layer changed: revision %d → %d", l.Annotator, l.Revision, now.Revision)
		}
	}
	// One undo reverts one accept as a whole.
	if _, ok, err := s.Undo(doc, corpus.Gold); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if gold, _ = s.Layer(doc, corpus.Gold); len(gold.Events) != 1 || len(gold.Entities) != 2 {
		t.Errorf("after undo: %d entities %d events", len(gold.Entities), len(gold.Events))
	}
}

func TestMajority(t *testing.T) {
	layers := threeLayers(t)
	m := Majority("d", layers)
	// شي جين بينغ (3 of 3) and بشار الأسد PERS (2 of 3); the amira/layla meet.
	if len(m.Entities) != 2 || m.Entities[0].ID != "T1" || len(m.Events) != 1 || m.Events[0].ID != "E1" {
		t.Fatalf("majority %+v", m)
	}
	for _, a := range m.Events[0].Arguments {
		if _, ok := m.Entity(a.Entity); !ok {
			t.Errorf("argument %s not in the majority layer", a.Entity)
		}
	}
	if got := Majority("d", nil); len(got.Entities) != 0 || got.Annotator != MajorityName {
		t.Errorf("no voters: %+v", got)
	}
}

func TestAdjudicateCorpus(t *testing.T) {
	layers := threeLayers(t)
	for i := range layers {
		layers[i].Status = corpus.StatusDone
	}
	s, doc := storeWith(t, layers)
	out, err := Adjudicate(context.Background(), s, AdjudicateOptions{MinAgree: 2, Reviewer: "noura"}, nil)
	if err != nil || len(out) != 1 {
		t.Fatal(out, err)
	}
	if a := out[0].Added; a.Entities != 2 || a.Events != 1 || out[0].Disputed == 0 {
		t.Errorf("adjudication %+v", out[0])
	}
	// Again: gold already holds it all; nothing is added, nothing changes.
	before, _ := s.Layer(doc, corpus.Gold)
	out, err = Adjudicate(context.Background(), s, AdjudicateOptions{MinAgree: 2, Reviewer: "noura"}, nil)
	after, _ := s.Layer(doc, corpus.Gold)
	if err != nil || out[0].Added.Entities+out[0].Added.Events != 0 || after.Revision != before.Revision {
		t.Errorf("second run: %+v %v, gold revision %d → %d", out, err, before.Revision, after.Revision)
	}
	// With status done, in-progress layers do not vote.
	s2, _ := storeWith(t, threeLayers(t))
	if out, _ := Adjudicate(context.Background(), s2, AdjudicateOptions{MinAgree: 1}, nil); len(out) != 0 {
		t.Errorf("in-progress layers voted: %+v", out)
	}
}
