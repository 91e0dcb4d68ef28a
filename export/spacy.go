package export

import (
	"sort"
	"strconv"
)

func init() {
	Register(Format{Name: "spacy", Order: 40, Ext: ".jsonl", NewWriter: newSpacy, Applies: OptNested | OptTokens,
		Description: "spaCy / Prodigy (text, tokens, spans)",
		Example:     "tawsimctl export --format spacy --tokens split --out spacy.jsonl"})
}

// spacyWriter writes the JSONL that spaCy's and Prodigy's loaders read:
// one document a line with text, tokens (text, start, end, id, ws) and
// spans (start, end, token_start, token_end inclusive, label). Spans
// always lie on token boundaries, as spaCy's char_span needs: --tokens
// words widens, --tokens split cuts tokens. Nested spans follow --nested
// (outer drops the inner ones, columns keeps all).
type spacyWriter struct {
	opt   Options
	lw    *lineWriter
	spans []tokSpan
	lev   leveler
	sum   Summary
}

func newSpacy(out Output, opt Options) DocWriter {
	return &spacyWriter{opt: opt, lw: newLineWriter(out.W), sum: Summary{Format: "spacy"}}
}

func (w *spacyWriter) WriteDoc(d *Doc) error {
	v := viewFor(d, &w.opt, nil, &w.sum)
	keep := w.keep(v, d)
	b := w.lw.buf
	b = append(b, `{"text":`...)
	b = appendString(b, d.Doc.Text)
	b = appendSpacyTokens(b, v, d.textLen())
	b = append(b, `,"spans":[`...)
	for k, s := range keep {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = strconv.AppendInt(b, int64(v.toks[s.a].Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(v.toks[s.b-1].End), 10)
		b = append(b, `,"token_start":`...)
		b = strconv.AppendInt(b, int64(s.a), 10)
		b = append(b, `,"token_end":`...)
		b = strconv.AppendInt(b, int64(s.b-1), 10)
		b = append(b, `,"label":`...)
		b = appendString(b, s.typ)
		b = append(b, '}')
	}
	b = append(b, `],"meta":`...)
	b = appendMeta(b, &d.Doc)
	b = append(b, '}')
	w.lw.buf = b
	w.lw.endLine()
	w.sum.Documents++
	w.sum.Entities += len(keep)
	w.sum.Tokens += len(v.toks)
	w.sum.Sentences += len(v.sents)
	return w.lw.err
}

// keep returns the spans to write, in text order: all of them with
// nested columns, the outermost level otherwise.
func (w *spacyWriter) keep(v view, d *Doc) []tokSpan {
	w.spans = mapSpans(v, d.Layer.Entities, false, &w.sum, w.spans)
	if w.opt.Nested == "columns" {
		keep := w.spans
		sort.SliceStable(keep, func(a, b int) bool {
			if keep[a].a != keep[b].a {
				return keep[a].a < keep[b].a
			}
			return keep[a].b > keep[b].b
		})
		return keep
	}
	lv := w.lev.levels(w.spans)
	if len(lv) == 0 {
		return nil
	}
	for _, l := range lv[1:] {
		w.sum.NestedDropped += len(l)
	}
	return lv[0]
}

// appendSpacyTokens appends the "tokens" key; ws tells whether a space
// (or any separator) follows the token, as spaCy's Doc wants.
func appendSpacyTokens(b []byte, v view, textLen int) []byte {
	b = append(b, `,"tokens":[`...)
	for k, t := range v.toks {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = appendString(b, t.Text)
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(t.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(t.End), 10)
		b = append(b, `,"id":`...)
		b = strconv.AppendInt(b, int64(k), 10)
		ws := k+1 < len(v.toks) && v.toks[k+1].Start > t.End || k+1 == len(v.toks) && t.End < textLen
		b = append(b, `,"ws":`...)
		b = strconv.AppendBool(b, ws)
		b = append(b, '}')
	}
	return append(b, ']')
}

func (w *spacyWriter) Close() (Summary, error) { return w.sum, w.lw.flush() }
