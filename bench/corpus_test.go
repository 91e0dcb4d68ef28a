package bench

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
)

// sentences are the seed article's, from which documents are made.
func sentences(tb testing.TB) []string {
	raw, err := os.ReadFile("../testdata/seed/000_b82b1847b879165f.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n") {
		if len([]rune(strings.TrimSpace(line))) > 40 {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

// genCorpus writes n documents of about 140 tokens, each annotated by
// amira, layla and omar (about 10 entities each, mostly alike, done) and
// with one event, as native JSONL, and returns the number of tokens.
func genCorpus(tb testing.TB, path string, n int) int {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	sents := sentences(tb)
	rng := rand.New(rand.NewPCG(uint64(n), 42))
	types := []string{"PERS", "GPE", "ORG", "DATE", "OCC"}
	tokens := 0
	const chunk = 500
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for start := 0; start < n; start += chunk {
		var docs []export.Doc
		for i := start; i < min(start+chunk, n); i++ {
			var b strings.Builder
			fmt.Fprintf(&b, "الخبر رقم %d.\n", i)
			for b.Len() < 1400 {
				b.WriteString(sents[rng.IntN(len(sents))])
				b.WriteString("\n\n")
			}
			text := b.String()
			d := corpus.Document{ID: fmt.Sprintf("01900000-0000-7000-8000-%012d", i), Title: fmt.Sprintf("خبر %d", i),
				Text: text, SHA256: corpus.TextHash(text), Imported: when, Tokenizer: corpus.TokenizerVersion}
			toks := d.Tokens()
			tokens += len(toks)
			var base []corpus.Entity
			for k := 1; k+3 < len(toks) && len(base) < 10; k += 5 + rng.IntN(10) {
				l := rng.IntN(3)
				base = append(base, corpus.Entity{Start: toks[k].Start, End: toks[k+l].End, Type: types[rng.IntN(len(types))]})
			}
			ed := export.NewDoc(d, corpus.Layer{})
			for _, ann := range []string{"amira", "layla", "omar"} {
				l := corpus.Layer{Doc: d.ID, Annotator: ann, Status: corpus.StatusDone, Revision: 12, Updated: when}
				for _, e := range base {
					if rng.IntN(10) == 0 {
						continue // this annotator missed it
					}
					if rng.IntN(12) == 0 {
						e.Type = types[rng.IntN(len(types))]
					}
					e.ID = fmt.Sprintf("T%d", len(l.Entities)+1)
					l.Entities = append(l.Entities, e)
				}
				if len(l.Entities) > 0 {
					l.Events = []corpus.Event{{ID: "E1", Type: "Contact.Meet", Trigger: corpus.Span{Start: toks[0].Start, End: toks[0].End},
						Arguments: []corpus.Argument{{Role: "Entity", Entity: l.Entities[0].ID}}}}
				}
				ed.Layers = append(ed.Layers, l)
			}
			docs = append(docs, ed)
		}
		if _, err := export.Write("tawsim", export.Output{W: w}, docs, export.Options{}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return tokens
}
