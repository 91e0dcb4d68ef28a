package export

import (
	"sort"
	"strconv"

	"github.com/tawsim/tawsim/corpus"
)

func init() {
	Register(Format{Name: "events", Order: 60, Ext: ".jsonl", NewWriter: newEvents, Applies: OptTokens,
		Description: "DyGIE++ / OneIE-style ACE05-E event extraction",
		Example:     "tawsimctl export --format events --out events.jsonl"})
}

// eventsWriter writes the DyGIE++ / ACE05-E JSONL layout: one document a
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
type eventsWriter struct {
	opt   Options
	lw    *lineWriter
	spans []tokSpan
	sum   Summary
}

func newEvents(out Output, opt Options) DocWriter {
	return &eventsWriter{opt: opt, lw: newLineWriter(out.W), sum: Summary{Format: "events"}}
}

// eventsDoc is one document laid out on sentences: the entities of each
// sentence, and the events of each with their head tokens.
type eventsDoc struct {
	v      view
	sentOf []int              // token → sentence
	ner    [][]tokSpan        // per sentence, in text order, outer first
	byEnt  map[string]tokSpan // entity id → its tokens, for arguments
	evs    [][]int            // per sentence, indices into the layer's events
	heads  []int              // per event, its head token (-1: none)
}

func (w *eventsWriter) WriteDoc(d *Doc) error {
	ed := w.layout(d)
	b := w.lw.buf
	b = append(b, `{"doc_key":`...)
	b = appendString(b, d.Doc.ID)
	b = append(b, `,"dataset":"tawsim","sentences":[`...)
	b = appendSentences(b, ed.v)
	b = append(b, `],"ner":[`...)
	b = w.appendNER(b, ed.ner)
	b = append(b, `],"relations":[`...)
	for si := range ed.v.sents {
		if si > 0 {
			b = append(b, ',')
		}
		b = append(b, "[]"...)
	}
	b = append(b, `],"events":[`...)
	b = w.appendEvents(b, d.Layer.Events, &ed)
	b = append(b, "]}"...)
	w.lw.buf = b
	w.lw.endLine()
	w.sum.Documents++
	w.sum.Sentences += len(ed.v.sents)
	w.sum.Tokens += len(ed.v.toks)
	return w.lw.err
}

// layout places the document's entities and event triggers on tokens and
// sentences.
func (w *eventsWriter) layout(d *Doc) eventsDoc {
	var trig []corpus.Span
	for _, ev := range d.Layer.Events {
		trig = append(trig, ev.Trigger)
	}
	ed := eventsDoc{v: viewFor(d, &w.opt, trig, &w.sum)}
	ed.sentOf = make([]int, len(ed.v.toks))
	for si, s := range ed.v.sents {
		for k := s.First; k < s.Last; k++ {
			ed.sentOf[k] = si
		}
	}
	w.placeEntities(d, &ed)
	w.placeEvents(d, &ed)
	return ed
}

// placeEntities puts each entity in the sentence it starts in, clipped to
// that sentence.
func (w *eventsWriter) placeEntities(d *Doc, ed *eventsDoc) {
	w.spans = mapSpans(ed.v, d.Layer.Entities, false, &w.sum, w.spans)
	ed.byEnt = map[string]tokSpan{}
	ed.ner = make([][]tokSpan, len(ed.v.sents))
	for _, s := range w.spans {
		si := ed.sentOf[s.a]
		if s.b > ed.v.sents[si].Last {
			w.sum.CrossSentence++
			s.b = ed.v.sents[si].Last
		}
		ed.ner[si] = append(ed.ner[si], s)
		ed.byEnt[s.id] = s
	}
	for _, n := range ed.ner {
		sort.SliceStable(n, func(a, b int) bool {
			if n[a].a != n[b].a {
				return n[a].a < n[b].a
			}
			return n[a].b > n[b].b
		})
	}
}

// placeEvents puts each event in the sentence of its trigger's head token.
func (w *eventsWriter) placeEvents(d *Doc, ed *eventsDoc) {
	ed.evs = make([][]int, len(ed.v.sents))
	ed.heads = make([]int, len(d.Layer.Events))
	for k, ev := range d.Layer.Events {
		a, b, _ := tokenRange(ed.v.toks, ev.Trigger)
		if a >= b {
			w.sum.Unmapped++
			ed.heads[k] = -1
			continue
		}
		if b-a > 1 {
			w.sum.TriggersHeaded++
		}
		ed.heads[k] = b - 1
		ed.evs[ed.sentOf[b-1]] = append(ed.evs[ed.sentOf[b-1]], k)
	}
}

// appendSentences appends each sentence as a list of token strings.
func appendSentences(b []byte, v view) []byte {
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
	return b
}

func (w *eventsWriter) appendNER(b []byte, ner [][]tokSpan) []byte {
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
		w.sum.Entities += len(n)
	}
	return b
}

// appendEvents appends, per sentence, [[head, type], [start, end, role]...]
// for each event; an argument whose entity was not placed is left out.
func (w *eventsWriter) appendEvents(b []byte, events []corpus.Event, ed *eventsDoc) []byte {
	for si, list := range ed.evs {
		if si > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for n, k := range list {
			ev := events[k]
			if n > 0 {
				b = append(b, ',')
			}
			b = append(b, "[["...)
			b = strconv.AppendInt(b, int64(ed.heads[k]), 10)
			b = append(b, ',')
			b = appendString(b, ev.Type)
			b = append(b, ']')
			for _, arg := range ev.Arguments {
				s, ok := ed.byEnt[arg.Entity]
				if !ok {
					continue
				}
				b = append(b, ',')
				b = appendTriple(b, s.a, s.b-1, arg.Role)
				w.sum.Arguments++
			}
			b = append(b, ']')
			w.sum.Events++
		}
		b = append(b, ']')
	}
	return b
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

func (w *eventsWriter) Close() (Summary, error) { return w.sum, w.lw.flush() }
