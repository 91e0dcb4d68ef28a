package assign

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// corpusOf makes documents spread over sites and months: site i%len(sites),
// published in month i%7 of 2024 (every fifth without a date: imported
// in March 2025).
func corpusOf(n int, sites []string) []corpus.DocInfo {
	out := make([]corpus.DocInfo, n)
	for i := range out {
		d := corpus.DocInfo{ID: fmt.Sprintf("doc-%04d", i), SHA256: fmt.Sprintf("%064x", i*7919+1), Title: fmt.Sprintf("خبر %d", i),
			Site: sites[i%len(sites)], Imported: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
		if i%5 != 0 {
			d.Published = fmt.Sprintf("2024-%02d-%02d", 1+i%7, 1+i%28)
		}
		out[i] = d
	}
	return out
}

// skewed has sites of very different sizes: one huge, one tiny.
func skewed() []corpus.DocInfo {
	var docs []corpus.DocInfo
	add := func(site string, n int) {
		for i := range n {
			docs = append(docs, corpus.DocInfo{ID: fmt.Sprintf("%s-%03d", site, i), SHA256: fmt.Sprintf("%s%d", site, i), Site: site})
		}
	}
	add("الجزيرة نت", 300)
	add("الحرة", 40)
	add("BBC News عربي", 25)
	add("الشرق الأوسط", 3)
	return docs
}

func TestPlan(t *testing.T) {
	tests := []struct {
		name string
		docs []corpus.DocInfo
		req  Request
	}{
		{"three annotators, overlap two, by source", corpusOf(200, []string{"الجزيرة نت", "الحرة", "BBC News عربي", "الشرق الأوسط"}),
			Request{Annotators: []string{"amira", "layla", "omar"}, PerAnnotator: 20, Overlap: 2, By: "source", Seed: 7}},
		{"five annotators, overlap three, by month", corpusOf(300, []string{"الجزيرة نت", "الحرة"}),
			Request{Annotators: []string{"a", "b", "c", "d", "e"}, PerAnnotator: 12, Overlap: 3, By: "month", Seed: 1}},
		{"everyone reads everything", corpusOf(50, []string{"الحرة"}),
			Request{Annotators: []string{"amira", "layla"}, PerAnnotator: 10, Overlap: 2, Seed: 3}},
		{"a tiny stratum", skewed(),
			Request{Annotators: []string{"amira", "layla", "omar", "sara"}, PerAnnotator: 15, Overlap: 2, By: "source", Seed: 11}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Make(tc.docs, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			// Size: A·N/K documents, each seen by exactly K distinct annotators.
			if len(p.Assignments) != tc.req.Documents() {
				t.Fatalf("%d documents, want %d", len(p.Assignments), tc.req.Documents())
			}
			seen := map[string]bool{}
			for _, a := range p.Assignments {
				if seen[a.Doc] {
					t.Fatalf("document %s sampled twice", a.Doc)
				}
				seen[a.Doc] = true
				if len(a.Annotators) != tc.req.Overlap || len(dedupe(a.Annotators)) != tc.req.Overlap {
					t.Fatalf("document %s goes to %v, want %d distinct annotators", a.Doc, a.Annotators, tc.req.Overlap)
				}
			}
			// Each annotator gets exactly N.
			for _, a := range tc.req.Annotators {
				if p.PerAnnotator[a] != tc.req.PerAnnotator {
					t.Errorf("%s gets %d documents, want %d", a, p.PerAnnotator[a], tc.req.PerAnnotator)
				}
			}
			// Strata within one document of even, except those exhausted.
			lo, hi := 1<<30, -1
			for s, n := range p.Strata {
				if n < p.Available[s] {
					lo, hi = min(lo, n), max(hi, n)
				}
				if n > p.Available[s] {
					t.Errorf("stratum %q: %d sampled of %d", s, n, p.Available[s])
				}
			}
			for s, n := range p.Strata {
				if n == p.Available[s] && hi >= 0 && n > hi {
					t.Errorf("exhausted stratum %q has %d, more than an open one (%d)", s, n, hi)
				}
			}
			if hi >= 0 && hi-lo > 1 {
				t.Errorf("strata not even: %v (available %v)", p.Strata, p.Available)
			}
			// Every pair of annotators shares documents when K ≥ 2.
			if tc.req.Overlap >= 2 {
				for i, a := range tc.req.Annotators {
					for _, b := range tc.req.Annotators[i+1:] {
						x, y := a, b
						if x > y {
							x, y = y, x
						}
						if p.Pairs[x+"+"+y] == 0 {
							t.Errorf("%s and %s share no document: %v", a, b, p.Pairs)
						}
					}
				}
			}
			// Reproducible from the seed, and a different seed draws differently.
			again, _ := Make(tc.docs, tc.req)
			if !reflect.DeepEqual(p, again) {
				t.Error("the same seed gave another plan")
			}
			other := tc.req
			other.Seed++
			if o, _ := Make(tc.docs, other); reflect.DeepEqual(o.Assignments, p.Assignments) && len(tc.docs) > tc.req.Documents() {
				t.Error("another seed gave the same plan")
			}
		})
	}
}

func dedupe(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func TestPlanRefusals(t *testing.T) {
	docs := corpusOf(20, []string{"الحرة"})
	for _, tc := range []struct {
		req  Request
		want string
	}{
		{Request{Annotators: []string{"a", "b", "c"}, PerAnnotator: 5, Overlap: 2}, "choose N so that K divides A·N (e.g. 6)"},
		{Request{Annotators: []string{"a", "b"}, PerAnnotator: 5, Overlap: 3}, "overlap 3 needs at least 3 annotators"},
		{Request{Annotators: []string{"a", "b"}, PerAnnotator: 30, Overlap: 2}, "need 30 documents; 20 are available"},
		{Request{Annotators: []string{"a", "a"}, PerAnnotator: 2, Overlap: 1}, `"a" is named twice`},
		{Request{Annotators: []string{"a"}, PerAnnotator: 0, Overlap: 1}, "at least one document"},
		{Request{Annotators: []string{"a", "b"}, PerAnnotator: 2, Overlap: 2, By: "weekday"}, `stratify by "weekday"`},
		{Request{PerAnnotator: 2, Overlap: 1}, "no annotators"},
	} {
		if _, err := Make(docs, tc.req); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want %q", tc.req, err, tc.want)
		}
	}
}

func TestStratum(t *testing.T) {
	imported := time.Date(2025, 3, 9, 23, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d         corpus.DocInfo
		by, wants string
	}{
		{corpus.DocInfo{Site: "الحرة", Source: "https://www.alhurra.com/x"}, "source", "الحرة"},
		{corpus.DocInfo{Source: "https://www.alhurra.com/x"}, "source", "alhurra.com"},
		{corpus.DocInfo{Source: "saved/page.html"}, "source", "saved/page.html"},
		{corpus.DocInfo{Published: "2024-10-15", Imported: imported}, "month", "2024-10"},
		{corpus.DocInfo{Imported: imported}, "month", "2025-03"},
		{corpus.DocInfo{Site: "الحرة"}, "", ""},
	} {
		if got := Stratum(tc.d, tc.by); got != tc.wants {
			t.Errorf("Stratum(%+v, %q) = %q, want %q", tc.d, tc.by, got, tc.wants)
		}
	}
}

func TestEvenQuotas(t *testing.T) {
	avail := map[string]int{"a": 100, "b": 100, "c": 1, "d": 4}
	names := []string{"a", "b", "c", "d"}
	for want := 0; want <= 205; want++ {
		q := evenQuotas(names, avail, want, 5)
		sum := 0
		for _, s := range names {
			sum += q[s]
		}
		if sum != want {
			t.Fatalf("want %d: quotas %v sum to %d", want, q, sum)
		}
		if d := q["a"] - q["b"]; d > 1 || d < -1 {
			t.Fatalf("want %d: uneven %v", want, q)
		}
	}
}

func TestMeasure(t *testing.T) {
	docs := corpusOf(4, []string{"الحرة"})
	l := func(doc int, ann string, st corpus.Status, assigned bool) corpus.LayerSummary {
		return corpus.LayerSummary{Doc: docs[doc].ID, Annotator: ann, Status: st, Assigned: assigned}
	}
	layers := []corpus.LayerSummary{
		l(0, "amira", corpus.StatusDone, true), l(0, "layla", corpus.StatusDone, true), // covered
		l(1, "amira", corpus.StatusDone, true), l(1, "layla", corpus.StatusInProgress, true), // short by one
		l(2, "omar", corpus.StatusNew, true), l(2, "layla", corpus.StatusNew, true), l(2, "gold", corpus.StatusDone, false), // gold does not count
		l(3, "amira", corpus.StatusDone, false), // not assigned
	}
	c := Measure(docs, layers, 2)
	if c.Assigned != 3 || c.Covered != 1 || len(c.Short) != 2 || c.Short[0].Doc != docs[1].ID || len(c.Short[0].Done) != 1 {
		t.Errorf("coverage %+v", c)
	}
	if got := c.ByAnnotator["layla"]; got != (AnnotatorCoverage{Assigned: 3, Done: 1, InProgress: 1, New: 1}) {
		t.Errorf("layla: %+v", got)
	}
	if u := Unassigned(docs, layers); len(u) != 1 || u[0].ID != docs[3].ID {
		t.Errorf("unassigned %v", u)
	}
}
