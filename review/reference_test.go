package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// python is Debian's interpreter, which has python3-sklearn and
// python3-nltk; the python3 first on PATH may be another one.
const python = "/usr/bin/python3"

// requireReferences: make test sets TAWSIM_REQUIRE_REFERENCES=1 after
// installing the reference implementations, so there a missing one is a
// failure, not a skip.
func needReferences(t *testing.T) {
	t.Helper()
	err := exec.Command(python, "-c", "import sklearn, nltk").Run()
	if err == nil {
		return
	}
	if os.Getenv("TAWSIM_REQUIRE_REFERENCES") != "" {
		t.Fatalf("scikit-learn or NLTK missing in %s: %v (scripts/deps.sh readers installs them)", python, err)
	}
	t.Skipf("scikit-learn or NLTK missing in %s (%v): install python3-sklearn python3-nltk", python, err)
}

// randomLayer marks random spans of 1–3 tokens with types, as a varied
// annotator would; rng makes it reproducible.
func randomLayer(rng *rand.Rand, ann string, toks []corpus.Token, base []corpus.Entity) corpus.Layer {
	types := []string{"PERS", "GPE", "ORG", "DATE"}
	var es []corpus.Entity
	for _, e := range base {
		switch rng.IntN(6) {
		case 0: // missed
		case 1: // another type
			e.Type = types[rng.IntN(len(types))]
			es = append(es, e)
		default:
			es = append(es, e)
		}
	}
	for k := 0; k < 2; k++ { // a couple of its own
		i := rng.IntN(len(toks) - 3)
		es = append(es, corpus.Entity{Start: toks[i].Start, End: toks[i+rng.IntN(3)].End, Type: types[rng.IntN(len(types))]})
	}
	for i := range es {
		es[i].ID = fmt.Sprintf("T%d", i+1)
	}
	return corpus.Layer{Annotator: ann, Status: corpus.StatusDone, Entities: es}
}

// TestAgainstReferences computes κ, Fleiss' κ (multi-π), multi-κ and α on
// random layers over real Arabic text and checks them against
// scikit-learn and NLTK on the very same token labels.
func TestAgainstReferences(t *testing.T) {
	needReferences(t)
	raw, err := os.ReadFile("../testdata/seed/000_b82b1847b879165f.txt")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(raw)), "\n")
	coders := []string{"amira", "layla", "omar"}
	rng := rand.New(rand.NewPCG(7, 11))
	acc := NewAccumulator(coders, Options{AllStatuses: true})
	type refDoc struct {
		Labels map[string][]string `json:"labels"`
	}
	var docs []refDoc
	for n, p := range paras {
		toks := corpus.Tokenize(p)
		if len(toks) < 8 {
			continue
		}
		// A shared base the annotators mostly agree on.
		var base []corpus.Entity
		for i := 0; i+2 < len(toks); i += 4 + rng.IntN(4) {
			base = append(base, corpus.Entity{Start: toks[i].Start, End: toks[i+rng.IntN(2)].End, Type: []string{"PERS", "GPE", "ORG"}[rng.IntN(3)]})
		}
		doc := corpus.Document{ID: fmt.Sprint(n), Text: p}
		var layers []corpus.Layer
		rd := refDoc{Labels: map[string][]string{}}
		for ci, c := range coders {
			if n%4 == 1 && ci == 2 { // omar has no layer on some documents
				continue
			}
			l := randomLayer(rng, c, toks, base)
			layers = append(layers, l)
			rd.Labels[c] = TokenLabels(toks, l.Entities)
		}
		acc.Add(doc, layers)
		docs = append(docs, rd)
	}
	got := acc.Report()
	in, _ := json.Marshal(map[string]any{"coders": coders, "docs": docs})
	cmd := exec.Command(python, "testdata/reference.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reference script: %v\n%s", err, stderr.String())
	}
	var want struct {
		Pairs      map[string]float64 `json:"pairs"`
		Alpha      float64            `json:"alpha"`
		Pi         float64            `json:"pi"`
		MultiKappa float64            `json:"multi_kappa"`
	}
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	check := func(what string, g Value, w float64) {
		t.Helper()
		if !g.Defined() || math.Abs(float64(g)-w) > 1e-9 {
			t.Errorf("%s: Tawsim %v, reference %.9f", what, g, w)
		} else {
			t.Logf("%s: %.6f (reference %.6f)", what, float64(g), w)
		}
	}
	for _, p := range got.Pairs {
		check("Cohen's κ "+p.A+"/"+p.B+" (scikit-learn)", p.TokenKappa, want.Pairs[p.A+"/"+p.B])
	}
	check("Krippendorff's α (NLTK alpha)", got.Alpha, want.Alpha)
	check("Fleiss' κ (NLTK pi)", got.Fleiss, want.Pi)
	check("multi-κ (NLTK multi_kappa)", got.Multi, want.MultiKappa)
	if got.Universe.AlphaTokens == got.Universe.CompleteTokens {
		t.Error("the test corpus should have documents without omar's layer")
	}
}
