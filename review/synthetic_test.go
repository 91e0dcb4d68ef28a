package review

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// A synthetic corpus for the benchmark: the sample articles' paragraphs
// joined into documents of about a hundred tokens, each made unique by a
// numbered last line, and three annotators who mostly agree. A reference
// annotation marks an entity on about every fifth token (one to three
// tokens long) and an event every fortieth token with one or two of those
// entities as arguments; each annotator misses some, retypes some, moves
// an edge of some and adds a few of their own, reproducibly from a seed
// made of the document number and the annotator's name.

// syntheticTypes are Wojood types, so the default schema takes them.
var syntheticTypes = []string{"PERS", "GPE", "ORG", "DATE", "OCC", "NORP"}

// sampleParagraphs reads the sample articles' non-empty paragraphs, in
// file name order.
func sampleParagraphs(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("../testdata/samples/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no sample articles: %v", err)
	}
	sort.Strings(files)
	var paras []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range strings.Split(corpus.NormalizeText(string(raw)), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	return paras
}

// syntheticText is document i: consecutive paragraphs (from paragraph i,
// wrapping) until minTokens, and a last line that makes the text unique.
func syntheticText(paras []string, i, minTokens int) string {
	var b strings.Builder
	n := 0
	for k := 0; n < minTokens; k++ {
		p := paras[(i+k)%len(paras)]
		b.WriteString(p)
		b.WriteByte('\n')
		n += len(corpus.Tokenize(p))
	}
	fmt.Fprintf(&b, "(نسخة %d)", i)
	return b.String()
}

// seedOf makes a reproducible random source for document i and a name.
func seedOf(i int, name string) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s", i, name)
	return rand.New(rand.NewPCG(h.Sum64(), uint64(i)))
}

// referenceLayer is the annotation every synthetic annotator starts from.
func referenceLayer(toks []corpus.Token) corpus.Layer {
	var l corpus.Layer
	for k := 0; k+3 < len(toks); k += 5 {
		n := 1 + k%3
		l.Entities = append(l.Entities, corpus.Entity{Start: toks[k].Start, End: toks[k+n-1].End,
			Type: syntheticTypes[(k/5)%len(syntheticTypes)]})
	}
	for k := 3; k+1 < len(toks); k += 40 {
		ev := corpus.Event{Type: "Contact.Meet", Trigger: corpus.Span{Start: toks[k].Start, End: toks[k].End}}
		if e := k / 5; e < len(l.Entities) {
			ev.Arguments = append(ev.Arguments, corpus.Argument{Role: "Entity", Entity: fmt.Sprintf("T%d", e+1)})
		}
		if e := k/5 + 1; e < len(l.Entities) && k%80 == 3 {
			ev.Arguments = append(ev.Arguments, corpus.Argument{Role: "Place", Entity: fmt.Sprintf("T%d", e+1)})
		}
		l.Events = append(l.Events, ev)
	}
	for i := range l.Entities {
		l.Entities[i].ID = fmt.Sprintf("T%d", i+1)
	}
	for i := range l.Events {
		l.Events[i].ID = fmt.Sprintf("E%d", i+1)
	}
	return l
}

// annotatorLayer is one annotator's version of ref on document i: about
// 8% of entities missed, 6% retyped, 6% with an edge moved by a token, a
// spurious entity per 100 tokens, 10% of events missed; arguments whose
// entity was missed go too. Entity ids stay those of ref, so arguments
// keep pointing at the same entities.
func annotatorLayer(ref corpus.Layer, toks []corpus.Token, i int, name string) corpus.Layer {
	rng := seedOf(i, name)
	l := corpus.Layer{Annotator: name, Status: corpus.StatusDone}
	kept := map[string]bool{}
	seen := map[corpus.Entity]bool{}
	add := func(e corpus.Entity) {
		key := corpus.Entity{Start: e.Start, End: e.End, Type: e.Type}
		if seen[key] {
			return
		}
		seen[key] = true
		l.Entities = append(l.Entities, e)
		kept[e.ID] = true
	}
	for _, e := range ref.Entities {
		switch r := rng.IntN(100); {
		case r < 8:
			continue
		case r < 14:
			e.Type = syntheticTypes[rng.IntN(len(syntheticTypes))]
		case r < 20:
			if k := tokenAt(toks, e.End); k+1 < len(toks) {
				e.End = toks[k+1].End
			}
		}
		add(e)
	}
	for n := 0; n < len(toks)/100; n++ {
		k := rng.IntN(len(toks))
		add(corpus.Entity{ID: fmt.Sprintf("X%d", n+1), Start: toks[k].Start, End: toks[k].End,
			Type: syntheticTypes[rng.IntN(len(syntheticTypes))]})
	}
	for _, ev := range ref.Events {
		if rng.IntN(10) == 0 {
			continue
		}
		args := ev.Arguments[:0:0]
		for _, a := range ev.Arguments {
			if kept[a.Entity] {
				args = append(args, a)
			}
		}
		ev.Arguments = args
		l.Events = append(l.Events, ev)
	}
	corpus.SortEntities(l.Entities)
	return l
}

// tokenAt is the index of the token ending at end (or the last before it).
func tokenAt(toks []corpus.Token, end int) int {
	k := sort.Search(len(toks), func(i int) bool { return toks[i].End >= end })
	return min(k, len(toks)-1)
}

// syntheticItems makes documents [from, to) with the annotators' layers.
func syntheticItems(paras []string, from, to, minTokens int, annotators []string) ([]corpus.ImportItem, int) {
	items := make([]corpus.ImportItem, 0, to-from)
	tokens := 0
	for i := from; i < to; i++ {
		text := syntheticText(paras, i, minTokens)
		toks := corpus.Tokenize(text)
		tokens += len(toks)
		ref := referenceLayer(toks)
		it := corpus.ImportItem{Origin: fmt.Sprintf("synthetic %d", i),
			Doc: corpus.NewDoc{Title: fmt.Sprintf("نسخة %d", i), Source: "benchmark", Text: text}}
		for _, a := range annotators {
			it.Layers = append(it.Layers, annotatorLayer(ref, toks, i, a))
		}
		items = append(items, it)
	}
	return items, tokens
}
