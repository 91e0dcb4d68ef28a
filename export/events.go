package export

import (
	"io"
	"sort"
	"strconv"

	"github.com/tawsim/tawsim/corpus"
)

// WriteEvents writes the DyGIE++ / ACE05-E JSONL layout: one document a
// line with doc_key, dataset, sentences (token lists), ner (per sentence
// [start, end, TYPE], document-level token indices, end inclusive),
// relations (per sentence, empty) and events (per sentence
// [[trigger, "Type.Subtype"], [arg_start, arg_end, "Role"], ...]).
//
// The layout has one token per trigger, so a longer trigger is reduced to
// its last token, taken as its head, and counted in the summary. (For an
// Arabic construct phrase the head is often the first word; annotators
// should keep triggers to one word where they can.) All entities are
// written, nested ones included: the span-based models that read this
// layout handle nesting.
func WriteEvents(w io.Writer, docs []Doc, opt Options) (Summary, error) {
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	sum := Summary{Format: "events"}
	lw := newLineWriter(w)
	var spans []tokSpan
	for i := range docs {
		d := &docs[i]
		var trig []corpus.Span
		for _, ev := range d.Layer.Events {
			trig = append(trig, ev.Trigger)
		}
		v := viewFor(d, &opt, trig, &sum)
		sentOf := make([]int, len(v.toks))
		for si, s := range v.sents {
			for k := s.First; k < s.Last; k++ {
				sentOf[k] = si
			}
		}
		// Entities: placed on tokens, clipped to the sentence they start in.
		spans = mapSpans(v, d.Layer.Entities, false, &sum, spans)
		byEnt := map[string]tokSpan{}
		ner := make([][]tokSpan, len(v.sents))
		for _, s := range spans {
			si := sentOf[s.a]
			if s.b > v.sents[si].Last {
				sum.CrossSentence++
				s.b = v.sents[si].Last
			}
			ner[si] = append(ner[si], s)
			byEnt[s.id] = s
		}
		for _, n := range ner {
			sort.SliceStable(n, func(a, b int) bool {
				if n[a].a != n[b].a {
					return n[a].a < n[b].a
				}
				return n[a].b > n[b].b
			})
		}
		b := lw.buf
		b = append(b, `{"doc_key":`...)
		b = appendString(b, d.Doc.ID)
		b = append(b, `,"dataset":"tawsim","sentences":[`...)
		for si, s := range v.sents {
			if si > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for k := s.First; k < s.Last; k++ {
				if k > s.First {
					b = append(b, ',')
				}
				b = appendString(b, v.toks[k].Text)
			}
			b = append(b, ']')
		}
		b = append(b, `],"ner":[`...)
		for si, n := range ner {
			if si > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for k, s := range n {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendTriple(b, s.a, s.b-1, s.typ)
			}
			b = append(b, ']')
			sum.Entities += len(n)
		}
		b = append(b, `],"relations":[`...)
		for si := range v.sents {
			if si > 0 {
				b = append(b, ',')
			}
			b = append(b, "[]"...)
		}
		// Events go to the sentence of their trigger's head token.
		evs := make([][]int, len(v.sents))
		heads := make([]int, len(d.Layer.Events))
		for k, ev := range d.Layer.Events {
			a, bb, _ := tokenRange(v.toks, ev.Trigger)
			if a >= bb {
				sum.Unmapped++
				heads[k] = -1
				continue
			}
			if bb-a > 1 {
				sum.TriggersHeaded++
			}
			heads[k] = bb - 1
			evs[sentOf[bb-1]] = append(evs[sentOf[bb-1]], k)
		}
		b = append(b, `],"events":[`...)
		for si, list := range evs {
			if si > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for n, k := range list {
				ev := d.Layer.Events[k]
				if n > 0 {
					b = append(b, ',')
				}
				b = append(b, "[["...)
				b = strconv.AppendInt(b, int64(heads[k]), 10)
				b = append(b, ',')
				b = appendString(b, ev.Type)
				b = append(b, ']')
				for _, arg := range ev.Arguments {
					s, ok := byEnt[arg.Entity]
					if !ok {
						continue
					}
					b = append(b, ',')
					b = appendTriple(b, s.a, s.b-1, arg.Role)
					sum.Arguments++
				}
				b = append(b, ']')
				sum.Events++
			}
			b = append(b, ']')
		}
		b = append(b, "]}"...)
		lw.buf = b
		lw.endLine()
		sum.Documents++
		sum.Sentences += len(v.sents)
		sum.Tokens += len(v.toks)
		opt.progress(i+1, len(docs))
	}
	return sum, lw.flush()
}

func appendTriple(b []byte, start, end int, label string) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(start), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(end), 10)
	b = append(b, ',')
	b = appendString(b, label)
	return append(b, ']')
}
