package review

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

func near(t *testing.T, what string, got Value, want float64) {
	t.Helper()
	if math.IsNaN(want) {
		if got.Defined() {
			t.Errorf("%s = %v, want undefined", what, got)
		}
		return
	}
	if !got.Defined() || math.Abs(float64(got)-want) > 1e-9 {
		t.Errorf("%s = %v, want %.6f", what, got, want)
	}
}

func TestCohenKappaByHand(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		want float64
	}{
		// po = 4/5; pe = (1·1 + 1·0 + 2·3 + 1·1)/25 = 8/25; κ = 0.48/0.68.
		{"one tag lost", []string{"B-PERS", "I-PERS", "O", "O", "B-LOC"}, []string{"B-PERS", "O", "O", "O", "B-LOC"}, 0.48 / 0.68},
		{"identical", []string{"B-PERS", "I-PERS", "O"}, []string{"B-PERS", "I-PERS", "O"}, 1},
		{"identical, all outside", []string{"O", "O", "O"}, []string{"O", "O", "O"}, 1},
		// po = 0, pe = 0.5: κ = −1.
		{"always opposite", []string{"O", "B-LOC"}, []string{"B-LOC", "O"}, -1},
		{"no items", nil, nil, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c cohen
			for i := range tt.a {
				c.add(tt.a[i], tt.b[i])
			}
			near(t, "κ", c.kappa(), tt.want)
		})
	}
}

func TestMultiByHand(t *testing.T) {
	// Three coders, four items:
	//   A A A · A A B · B B B · A B B
	// Agreeing pairs 3+1+3+1 of 12: Ao = 2/3. Pooled A = B = 6 of 12:
	// Ae = 1/2, so Fleiss' κ = 1/3. Per coder (A,B): (3,1) (2,2) (1,3):
	// Ae = mean(8/16, 6/16, 8/16) = 11/24, multi-κ = (2/3 − 11/24)/(13/24) = 5/13.
	// α: Do = (0 + 4/6·3 + 0 + 4/6·3)/12 = 1/3, De = 72/132: α = 7/18.
	m := newMulti(3)
	for _, item := range [][]string{{"A", "A", "A"}, {"A", "A", "B"}, {"B", "B", "B"}, {"A", "B", "B"}} {
		m.add(item)
	}
	near(t, "Fleiss κ", m.fleiss(), 1.0/3)
	near(t, "multi-κ", m.multiKappa(), 5.0/13)
	near(t, "α", m.alpha(), 7.0/18)

	// Missing values: items labelled by one coder are left out of α, and
	// only complete items count for the κ figures.
	m2 := newMulti(3)
	for _, item := range [][]string{{"A", "A", ""}, {"A", "B", ""}, {"", "B", "B"}, {"A", "", ""}, {"A", "A", "A"}} {
		m2.add(item)
	}
	// α items: AA, AB, BB, AAA (the lone A is out). Freq A=6, B=3 of 9.
	// Do = (0·2 + 1·2 + 0·2 + 0·3)/9 = 2/9; De = (81 − 45)/(9·8) = 1/2.
	near(t, "α with missing values", m2.alpha(), 1-(2.0/9)/0.5)
	near(t, "Fleiss κ on the one complete item", m2.fleiss(), 1)

	one := newMulti(2)
	one.add([]string{"O", "O"})
	near(t, "α with a single value", one.alpha(), 1)
	near(t, "α with no items", newMulti(2).alpha(), math.NaN())
}

func ent(id string, start, end int, typ string) corpus.Entity {
	return corpus.Entity{ID: id, Start: start, End: end, Type: typ}
}

func TestSpanF1ByHand(t *testing.T) {
	a := []corpus.Entity{ent("T1", 0, 5, "PERS"), ent("T2", 10, 15, "GPE"), ent("T3", 20, 30, "ORG")}
	b := []corpus.Entity{ent("T1", 0, 5, "PERS"), ent("T2", 10, 16, "GPE"), ent("T3", 20, 30, "LOC")}
	for _, tt := range []struct {
		m       Match
		matched int
		f1      float64
	}{
		{Exact, 1, 2.0 / 6},    // only PERS
		{Overlap, 2, 4.0 / 6},  // PERS, and GPE [10,15) ~ [10,16)
		{Position, 2, 4.0 / 6}, // PERS, and ORG/LOC on [20,30)
	} {
		var c Counts
		per := map[string]*Counts{}
		spanCounts(a, b, tt.m, &c, per)
		if c.Matched != tt.matched {
			t.Errorf("%s: %d matched, want %d", tt.m, c.Matched, tt.matched)
		}
		near(t, string(tt.m)+" F1", c.PRF().F1, tt.f1)
		for typ, pc := range per {
			if p := pc.PRF(); p.Precision.Defined() && p.Precision > 1 || p.Recall.Defined() && p.Recall > 1 {
				t.Errorf("%s: type %s has %+v", tt.m, typ, p)
			}
		}
		if tt.m == Position {
			// ORG (A's type) took the pair: precision and recall 1 for ORG, LOC unseen.
			if o := per["ORG"].PRF(); o.F1 != 1 || per["LOC"] != nil {
				t.Errorf("position per type: ORG %+v, LOC %+v", o, per["LOC"])
			}
		}
	}
	// A type only one side uses: recall 0, precision undefined, F1 0.
	var c Counts
	per := map[string]*Counts{}
	spanCounts([]corpus.Entity{ent("T1", 0, 5, "EVENT")}, nil, Exact, &c, per)
	p := per["EVENT"].PRF()
	near(t, "one-sided recall", p.Recall, 0)
	near(t, "one-sided precision", p.Precision, math.NaN())
	near(t, "one-sided F1", p.F1, 0)
}

// TestOverlapIsMaximum: a greedy pass would pair a[0] with the larger
// overlap b[0] and leave a[1] alone; the maximum matching pairs both.
func TestOverlapIsMaximum(t *testing.T) {
	a := []corpus.Entity{ent("T1", 0, 10, "X"), ent("T2", 10, 20, "X")}
	b := []corpus.Entity{ent("T1", 5, 15, "X"), ent("T2", 0, 4, "X")}
	if got := matchOverlap(a, b); len(got) != 2 {
		t.Errorf("overlap matching %v, want two pairs", got)
	}
	// Each annotation matched at most once: two of A on one of B.
	if got := matchOverlap([]corpus.Entity{ent("T1", 0, 5, "X"), ent("T2", 3, 8, "X")}, []corpus.Entity{ent("T1", 2, 6, "X")}); len(got) != 1 {
		t.Errorf("one B entity matched %d times", len(got))
	}
}

func TestEventsByHand(t *testing.T) {
	// A: meet [10,15) with Entity=PERS[0,5), Entity=PERS[20,25); attack [30,35) with Target=GPE[40,45).
	// B: meet [10,15) with Entity=PERS[0,5), Place=GPE[40,45); attack [31,35).
	a := corpus.Layer{Entities: []corpus.Entity{ent("T1", 0, 5, "PERS"), ent("T2", 20, 25, "PERS"), ent("T3", 40, 45, "GPE")},
		Events: []corpus.Event{
			{ID: "E1", Type: "Contact.Meet", Trigger: corpus.Span{Start: 10, End: 15}, Arguments: []corpus.Argument{{Role: "Entity", Entity: "T1"}, {Role: "Entity", Entity: "T2"}}},
			{ID: "E2", Type: "Conflict.Attack", Trigger: corpus.Span{Start: 30, End: 35}, Arguments: []corpus.Argument{{Role: "Target", Entity: "T3"}}},
		}}
	b := corpus.Layer{Entities: []corpus.Entity{ent("T9", 0, 5, "PERS"), ent("T8", 40, 45, "GPE")},
		Events: []corpus.Event{
			{ID: "E5", Type: "Contact.Meet", Trigger: corpus.Span{Start: 10, End: 15}, Arguments: []corpus.Argument{{Role: "Entity", Entity: "T9"}, {Role: "Place", Entity: "T8"}}},
			{ID: "E6", Type: "Conflict.Attack", Trigger: corpus.Span{Start: 31, End: 35}},
		}}
	var trig, args Counts
	eventCounts(a, b, &trig, &args)
	// Triggers: meet matches, attack's span differs: 1 of 2 and 2.
	near(t, "trigger F1", trig.PRF().F1, 0.5)
	// Arguments: A has 3, B 2; only meet's Entity=[0,5) matches.
	near(t, "argument F1", args.PRF().F1, 2.0/5)
}

func TestConfusion(t *testing.T) {
	c := Confusion{}
	confusionCounts(
		[]corpus.Entity{ent("T1", 0, 5, "PERS"), ent("T2", 10, 15, "ORG"), ent("T3", 20, 25, "GPE")},
		[]corpus.Entity{ent("T1", 0, 5, "PERS"), ent("T2", 10, 15, "LOC"), ent("T3", 30, 35, "DATE")}, c)
	want := map[[2]string]int{{"PERS", "PERS"}: 1, {"ORG", "LOC"}: 1, {"GPE", None}: 1, {None, "DATE"}: 1}
	for k, n := range want {
		if c[k[0]][k[1]] != n {
			t.Errorf("confusion[%s][%s] = %d, want %d", k[0], k[1], c[k[0]][k[1]], n)
		}
	}
}

func TestTokenLabels(t *testing.T) {
	text := "التقى الرئيس شي جين بينغ في بكين"
	toks := corpus.Tokenize(text)
	find := func(s string) corpus.Span {
		b := strings.Index(text, s)
		start := len([]rune(text[:b]))
		return corpus.Span{Start: start, End: start + len([]rune(s))}
	}
	xi, pres, bj := find("شي جين بينغ"), find("الرئيس شي جين بينغ"), find("بكين")
	got := TokenLabels(toks, []corpus.Entity{
		ent("T1", xi.Start, xi.End, "PERS"),
		ent("T2", pres.Start, pres.End, "PERS"), // outer: wins
		ent("T3", bj.Start+1, bj.End, "GPE"),    // inside a token: widened
	})
	want := "O B-PERS I-PERS I-PERS I-PERS O B-GPE"
	if strings.Join(got, " ") != want {
		t.Errorf("labels %v, want %s", got, want)
	}
}

// layerOf makes a done layer of entities.
func layerOf(ann string, es ...corpus.Entity) corpus.Layer {
	return corpus.Layer{Annotator: ann, Status: corpus.StatusDone, Entities: es}
}

func TestAccumulatorEdgeCases(t *testing.T) {
	doc := corpus.Document{ID: "d1", Text: "التقى الرئيس شي جين بينغ في بكين"}
	t.Run("no annotations at all", func(t *testing.T) {
		acc := NewAccumulator([]string{"a", "b"}, Options{})
		acc.Add(doc, []corpus.Layer{layerOf("a"), layerOf("b")})
		r := acc.Report()
		near(t, "span F1", r.Pairs[0].SpanF1, math.NaN())
		near(t, "token κ", r.Pairs[0].TokenKappa, 1) // every token O on both sides
		near(t, "α", r.Alpha, 1)
	})
	t.Run("identical layers", func(t *testing.T) {
		acc := NewAccumulator([]string{"a", "b", "c"}, Options{})
		es := []corpus.Entity{ent("T1", 13, 24, "PERS"), ent("T2", 28, 32, "GPE")}
		acc.Add(doc, []corpus.Layer{layerOf("a", es...), layerOf("b", es...), layerOf("c", es...), layerOf(corpus.Gold)})
		r := acc.Report()
		for _, p := range r.Pairs {
			near(t, p.A+"/"+p.B+" span F1", p.SpanF1, 1)
			near(t, p.A+"/"+p.B+" token κ", p.TokenKappa, 1)
		}
		near(t, "Fleiss κ", r.Fleiss, 1)
		near(t, "α", r.Alpha, 1)
		if len(r.Pairs) != 3 || r.Universe.Documents != 1 || r.Universe.CompleteTokens != 7 {
			t.Errorf("universe %+v, %d pairs", r.Universe, len(r.Pairs))
		}
	})
	t.Run("one annotator only", func(t *testing.T) {
		acc := NewAccumulator([]string{"a", "b"}, Options{})
		if acc.Add(doc, []corpus.Layer{layerOf("a", ent("T1", 0, 5, "PERS"))}) {
			t.Error("a document with one annotator entered the universe")
		}
		r := acc.Report()
		if r.Universe.Documents != 0 || r.Universe.Left != 1 {
			t.Errorf("universe %+v", r.Universe)
		}
		near(t, "span F1", r.Pairs[0].SpanF1, math.NaN())
		near(t, "κ", r.Pairs[0].TokenKappa, math.NaN())
	})
	t.Run("not done is left out unless all", func(t *testing.T) {
		b := layerOf("b")
		b.Status = corpus.StatusInProgress
		acc := NewAccumulator([]string{"a", "b"}, Options{})
		if acc.Add(doc, []corpus.Layer{layerOf("a"), b}) {
			t.Error("an in-progress layer counted with status done")
		}
		all := NewAccumulator([]string{"a", "b"}, Options{AllStatuses: true})
		if !all.Add(doc, []corpus.Layer{layerOf("a"), b}) {
			t.Error("status all left the document out")
		}
	})
	t.Run("json", func(t *testing.T) {
		acc := NewAccumulator([]string{"a", "b"}, Options{})
		raw, err := json.Marshal(acc.Report())
		if err != nil || !strings.Contains(string(raw), `"span_f1":null`) || !strings.Contains(string(raw), `"universe":{`) {
			t.Errorf("json: %s %v", raw, err)
		}
	})
}

func TestWorstFirst(t *testing.T) {
	ds := []DocScore{{ID: "good", SpanF1: 1}, {ID: "none", SpanF1: Undefined}, {ID: "bad", SpanF1: 0.2}, {ID: "mid", SpanF1: 0.5}}
	sortWorstFirst(ds)
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, " ") != "bad mid good none" {
		t.Errorf("order %v", ids)
	}
}
