package dedup

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A generated evaluation set: unrelated articles written by a word-level
// Markov chain trained on Tawsim's real Arabic fixtures (so they share
// the vocabulary and stock phrases of real news), near-duplicates made
// from some of them by the edits re-publishing makes, and hard negatives:
// different articles sharing a background paragraph.

type genDoc struct {
	id   string
	text string
	of   string // the article this one is a near-duplicate of, or ""
}

// chain is an order-1 word Markov chain.
type chain struct {
	next   map[string][]string
	starts []string
	vocab  []string
}

func trainChain(t testing.TB) *chain {
	var files []string
	for _, pat := range []string{"../testdata/seed/*.txt", "../testdata/samples/*.txt", "../testdata/news/*.want"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	c := &chain{next: map[string][]string{}}
	seen := map[string]bool{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(raw), "\n") {
			ws := strings.Fields(para)
			if len(ws) < 5 {
				continue
			}
			c.starts = append(c.starts, ws[0])
			for i, w := range ws {
				if !seen[w] {
					seen[w] = true
					c.vocab = append(c.vocab, w)
				}
				if i+1 < len(ws) {
					c.next[w] = append(c.next[w], ws[i+1])
				}
			}
		}
	}
	if len(c.vocab) < 500 {
		t.Fatalf("only %d words to train on", len(c.vocab))
	}
	return c
}

// sentence writes one sentence of 12 to 30 words ending with a stop.
func (c *chain) sentence(r *rand.Rand) string {
	n := 12 + r.IntN(19)
	w := c.starts[r.IntN(len(c.starts))]
	out := []string{w}
	for len(out) < n {
		nx := c.next[w]
		if len(nx) == 0 || r.IntN(6) == 0 { // jump now and then, as a writer does
			w = c.vocab[r.IntN(len(c.vocab))]
		} else {
			w = nx[r.IntN(len(nx))]
		}
		out = append(out, w)
	}
	return strings.TrimRight(strings.Join(out, " "), ".،") + "."
}

// article writes 5 to 10 paragraphs.
func (c *chain) article(r *rand.Rand) []string {
	n := 5 + r.IntN(6)
	ps := make([]string, n)
	for i := range ps {
		ps[i] = c.sentence(r)
		if r.IntN(2) == 0 {
			ps[i] += " " + c.sentence(r)
		}
	}
	return ps
}

// respell changes how a word is spelled the way copies of a story do:
// hamza on alef, ta marbuta, diacritics, Arabic-Indic digits.
func respell(w string) string {
	r := strings.NewReplacer("أ", "ا", "إ", "ا", "ة", "ه", "ى", "ي", "0", "٠", "1", "١", "2", "٢")
	if x := r.Replace(w); x != w {
		return x
	}
	return w + "ً"
}

// edit makes a near-duplicate: up to 5% of words replaced or respelled,
// and one or two of: a paragraph dropped, a paragraph added, two
// paragraphs swapped, a source line added, the first paragraph rewritten
// as an intro.
func (c *chain) edit(r *rand.Rand, ps []string) []string {
	out := append([]string(nil), ps...)
	for i, p := range out {
		ws := strings.Fields(p)
		for j := range ws {
			switch x := r.IntN(100); {
			case x < 2:
				ws[j] = c.vocab[r.IntN(len(c.vocab))]
			case x < 5:
				ws[j] = respell(ws[j])
			}
		}
		out[i] = strings.Join(ws, " ")
	}
	for range 1 + r.IntN(2) {
		switch r.IntN(5) {
		case 0:
			if len(out) > 5 {
				k := r.IntN(len(out))
				out = append(out[:k], out[k+1:]...)
			}
		case 1:
			k := r.IntN(len(out) + 1)
			out = append(out[:k], append([]string{c.sentence(r)}, out[k:]...)...)
		case 2:
			i, j := r.IntN(len(out)), r.IntN(len(out))
			out[i], out[j] = out[j], out[i]
		case 3:
			out = append(out, "المصدر: وكالات")
		case 4:
			out[0] = c.sentence(r)
		}
	}
	return out
}

// generate makes n unrelated articles, a near-duplicate of every third
// one, n/10 pairs of different articles sharing one paragraph and n/10
// pairs sharing two (the same background and the same quotation).
func generate(t testing.TB, n int, seed uint64) []genDoc {
	c := trainChain(t)
	r := rand.New(rand.NewPCG(seed, 17))
	var docs []genDoc
	for i := range n {
		ps := c.article(r)
		id := fmt.Sprintf("a%04d", i)
		docs = append(docs, genDoc{id: id, text: strings.Join(ps, "\n\n")})
		if i%3 == 0 {
			docs = append(docs, genDoc{id: id + "-copy", text: strings.Join(c.edit(r, ps), "\n\n"), of: id})
		}
	}
	for i := range n / 10 {
		shared := c.sentence(r) + " " + c.sentence(r)
		a, b := c.article(r), c.article(r)
		a[len(a)/2], b[0] = shared, shared
		docs = append(docs, genDoc{id: fmt.Sprintf("h%03da", i), text: strings.Join(a, "\n\n")},
			genDoc{id: fmt.Sprintf("h%03db", i), text: strings.Join(b, "\n\n")})
		quote := c.sentence(r)
		a, b = c.article(r), c.article(r)
		a[0], b[1] = shared, shared
		a[len(a)-1], b[len(b)-2] = quote, quote
		docs = append(docs, genDoc{id: fmt.Sprintf("q%03da", i), text: strings.Join(a, "\n\n")},
			genDoc{id: fmt.Sprintf("q%03db", i), text: strings.Join(b, "\n\n")})
	}
	r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

// truth is the set of near-duplicate pairs, keyed "a|b" with a < b.
func truth(docs []genDoc) map[string]bool {
	out := map[string]bool{}
	for _, d := range docs {
		if d.of != "" {
			out[pairKey(d.id, d.of)] = true
		}
	}
	return out
}

func pairKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "|" + b
}

// score is precision and recall of found pairs against the truth.
func score(found, want map[string]bool) (precision, recall float64, fp, fn int) {
	tp := 0
	for p := range found {
		if want[p] {
			tp++
		} else {
			fp++
		}
	}
	fn = len(want) - tp
	precision, recall = 1, 1
	if len(found) > 0 {
		precision = float64(tp) / float64(len(found))
	}
	if len(want) > 0 {
		recall = float64(tp) / float64(len(want))
	}
	return precision, recall, fp, fn
}
