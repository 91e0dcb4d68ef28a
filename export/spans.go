package export

import (
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// view is the token sequence a writer emits for one document: the
// document's own tokens, or with --tokens split those tokens cut at span
// boundaries.
type view struct {
	toks  []corpus.Token
	sents []corpus.Sentence
}

// tokSpan is an entity placed on the token range [a, b).
type tokSpan struct {
	a, b int
	typ  string
	id   string
	cps  int // code point length, ranks nesting before the id does
	ent  int // index in the layer's entities
}

// makeView returns the tokens to write. With split, every token that a span
// boundary falls strictly inside is cut there, so that "والصين" with the
// entity "الصين" becomes "و" "الصين" and the span is exact.
func makeView(d *Doc, split bool, spans []corpus.Span, sum *Summary) view {
	if !split || len(spans) == 0 {
		return view{d.Tokens, d.Sentences}
	}
	cuts := make([]int, 0, 2*len(spans))
	for _, s := range spans {
		cuts = append(cuts, s.Start, s.End)
	}
	sort.Ints(cuts)
	toks := make([]corpus.Token, 0, len(d.Tokens)+len(cuts))
	newIdx := make([]int, len(d.Tokens)+1)
	ci := 0
	for k, t := range d.Tokens {
		newIdx[k] = len(toks)
		for ci < len(cuts) && cuts[ci] <= t.Start {
			ci++
		}
		if ci >= len(cuts) || cuts[ci] >= t.End {
			toks = append(toks, t)
			continue
		}
		sum.TokensSplit++
		start, pb, bi, cp := t.Start, 0, 0, t.Start
		for j := ci; j < len(cuts) && cuts[j] < t.End; j++ {
			if cuts[j] == start {
				continue // duplicate boundary
			}
			for cp < cuts[j] && bi < len(t.Text) {
				_, w := utf8.DecodeRuneInString(t.Text[bi:])
				bi += w
				cp++
			}
			toks = append(toks, corpus.Token{Start: start, End: cp, Text: t.Text[pb:bi]})
			start, pb = cp, bi
		}
		toks = append(toks, corpus.Token{Start: start, End: t.End, Text: t.Text[pb:]})
	}
	newIdx[len(d.Tokens)] = len(toks)
	sents := make([]corpus.Sentence, len(d.Sentences))
	for i, s := range d.Sentences {
		s.First, s.Last = newIdx[s.First], newIdx[s.Last]
		sents[i] = s
	}
	return view{toks, sents}
}

// tokenRange returns the tokens [a, b) that span s touches and whether
// their outer edges coincide with s.
func tokenRange(toks []corpus.Token, s corpus.Span) (a, b int, exact bool) {
	a = sort.Search(len(toks), func(i int) bool { return toks[i].End > s.Start })
	b = sort.Search(len(toks), func(i int) bool { return toks[i].Start >= s.End })
	if a >= b {
		return a, a, false
	}
	return a, b, toks[a].Start == s.Start && toks[b-1].End == s.End
}

// mapSpans places the layer's entities on tokens, widening the ones that
// start or end inside a token and, when bySentence, cutting the ones that
// run over a sentence end (taggers and seqeval work per sentence, so a tag
// sequence must not continue across one).
func mapSpans(v view, ents []corpus.Entity, bySentence bool, sum *Summary, out []tokSpan) []tokSpan {
	out = out[:0]
	for i, e := range ents {
		a, b, exact := tokenRange(v.toks, e.Span())
		if a >= b {
			sum.Unmapped++
			continue
		}
		if !exact {
			sum.SubTokenWidened++
		}
		ts := tokSpan{a: a, b: b, typ: e.Type, id: e.ID, cps: e.End - e.Start, ent: i}
		if bySentence {
			si := sort.Search(len(v.sents), func(k int) bool { return v.sents[k].Last > a })
			if si < len(v.sents) && b > v.sents[si].Last {
				sum.CrossSentence++
				for si < len(v.sents) && ts.b > v.sents[si].Last {
					piece := ts
					piece.b = v.sents[si].Last
					if piece.a < piece.b {
						out = append(out, piece)
					}
					ts.a = v.sents[si].Last
					si++
				}
			}
		}
		out = append(out, ts)
	}
	return out
}

// idLess orders ids so that T2 comes before T10: ids are prefix+number,
// so a shorter one is an earlier one.
func idLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// leveler holds the scratch of levels, reused from one document to the
// next so that a large export does not allocate level slices per
// document. What levels returns is valid until its next call.
type leveler struct {
	one      [1][]tokSpan // the single level of a flat document
	out      [][]tokSpan
	cluster  [][]tokSpan
	occupied [][]bool // occupied[l][k-from]: token k is taken on level l
}

// addLevel extends ls by one empty level, reusing the storage of a level
// an earlier call left there.
func addLevel[T any](ls [][]T) [][]T {
	if len(ls) < cap(ls) {
		ls = ls[:len(ls)+1]
		ls[len(ls)-1] = ls[len(ls)-1][:0]
		return ls
	}
	return append(ls, nil)
}

// levels sorts spans into nesting levels: level 0 holds the outermost
// (longest; on a tie the earliest id) that do not overlap, level 1 the
// outermost of the rest, and so on. Each level comes back in text order.
//
// Only clusters of overlapping spans need the ranking, so spans are walked
// in text order and each cluster is ranked on its own: a long document
// with a few nested entities costs little more than a flat one.
func (lv *leveler) levels(spans []tokSpan) [][]tokSpan {
	if len(spans) == 0 {
		return nil
	}
	byStart := func(x, y tokSpan) int {
		if x.a != y.a {
			return x.a - y.a
		}
		return y.b - x.b
	}
	if !slices.IsSortedFunc(spans, byStart) {
		slices.SortStableFunc(spans, byStart)
	}
	flat := true
	for i := 1; i < len(spans); i++ {
		if spans[i].a < spans[i-1].b {
			flat = false
			break
		}
	}
	if flat {
		lv.one[0] = spans
		return lv.one[:]
	}
	out := addLevel(lv.out[:0])
	for i := 0; i < len(spans); {
		j, end := i+1, spans[i].b
		for j < len(spans) && spans[j].a < end {
			end = max(end, spans[j].b)
			j++
		}
		if j == i+1 {
			out[0] = append(out[0], spans[i])
			i = j
			continue
		}
		for l, cl := range lv.rankCluster(spans[i:j], spans[i].a, end) {
			if l == len(out) {
				out = addLevel(out)
			}
			out[l] = append(out[l], cl...)
		}
		i = j
	}
	lv.out = out
	return out
}

// rankCluster places a cluster of overlapping spans, covering tokens
// [from, to), on levels: longest first, then by code point length, then
// earliest id, each on the first level where it overlaps nothing.
func (lv *leveler) rankCluster(spans []tokSpan, from, to int) [][]tokSpan {
	slices.SortStableFunc(spans, func(x, y tokSpan) int {
		if d := (y.b - y.a) - (x.b - x.a); d != 0 {
			return d
		}
		if d := y.cps - x.cps; d != 0 {
			return d
		}
		if idLess(x.id, y.id) {
			return -1
		}
		if idLess(y.id, x.id) {
			return 1
		}
		return 0
	})
	out, occupied := lv.cluster[:0], lv.occupied[:0]
	for _, s := range spans {
		l := 0
		for ; l < len(out); l++ {
			if !slices.Contains(occupied[l][s.a-from:s.b-from], true) {
				break
			}
		}
		if l == len(out) {
			out = addLevel(out)
			occupied = addLevel(occupied)
			if cap(occupied[l]) < to-from {
				occupied[l] = make([]bool, to-from)
			} else {
				occupied[l] = occupied[l][:to-from]
				clear(occupied[l])
			}
		}
		out[l] = append(out[l], s)
		for k := s.a; k < s.b; k++ {
			occupied[l][k-from] = true
		}
	}
	for _, l := range out {
		slices.SortFunc(l, func(x, y tokSpan) int { return x.a - y.a })
	}
	lv.cluster, lv.occupied = out, occupied
	return out
}

// textLen is the document's length in code points.
func (d *Doc) textLen() int { return utf8.RuneCountInString(d.Doc.Text) }

// viewFor returns the tokens to write for d: cut at entity boundaries and
// the extra spans with --tokens split, the document's tokens otherwise.
func viewFor(d *Doc, opt *Options, extra []corpus.Span, sum *Summary) view {
	if opt.Tokens != "split" {
		return view{d.Tokens, d.Sentences}
	}
	ss := make([]corpus.Span, 0, len(d.Layer.Entities)+len(extra))
	for _, e := range d.Layer.Entities {
		ss = append(ss, e.Span())
	}
	return makeView(d, true, append(ss, extra...), sum)
}
