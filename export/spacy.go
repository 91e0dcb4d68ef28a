package export

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

func init() {
	Register(Format{Name: "spacy", Order: 40, Ext: ".jsonl", NewWriter: newSpacy, Applies: OptNested | OptTokens,
		Description: "spaCy / Prodigy (text, tokens, spans)",
		Example:     "tawsimctl export --format spacy --tokens split --out spacy.jsonl",
		ReadFile:    readSpacy, Exts: []string{".jsonl"}, ReadApplies: OptAnnotator,
		ImportExample: "tawsimctl import --format spacy --annotator model spacy.jsonl"})
}

// spacyWriter writes the JSONL that spaCy's and Prodigy's loaders read:
// one document a line with text, tokens (text, start, end, id, ws), sents
// (start, end) and spans (start, end, token_start, token_end inclusive,
// label). The
// tokens follow spaCy's Doc: a token is followed by at most one space
// (ws), and any other white space between tokens (a line break, a
// second space) is a token of its own, as spaCy's tokenizer makes it, so
// that "".join(t["text"] + " " * t["ws"]) gives back the text exactly.
// Spans always lie on token boundaries, as spaCy's char_span needs:
// --tokens words widens, --tokens split cuts tokens. Nested spans follow
// --nested (outer drops the inner ones, columns keeps all).
type spacyWriter struct {
	opt   Options
	lw    *lineWriter
	spans []tokSpan
	lev   leveler
	out   []int // each token's index among the written tokens
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
	b, w.out = appendSpacyTokens(b, v, d.Doc.Text, w.out)
	b = appendSpacySents(b, v)
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
		b = strconv.AppendInt(b, int64(w.out[s.a]), 10)
		b = append(b, `,"token_end":`...)
		b = strconv.AppendInt(b, int64(w.out[s.b-1]), 10)
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

// appendSpacyTokens appends the "tokens" key: the view's tokens, each
// with ws telling whether one space follows it, and the white space
// that is not one space after a token as tokens of its own. out gets,
// for each of the view's tokens, its index among the written ones.
func appendSpacyTokens(b []byte, v view, text string, out []int) ([]byte, []int) {
	b = append(b, `,"tokens":[`...)
	out = resize(out, len(v.toks))
	n := 0 // tokens written
	c := textCursor{text: text}
	gap := func(from, to int) string { return text[c.byteAt(from):c.byteAt(to)] }
	if len(v.toks) > 0 {
		if g := gap(0, v.toks[0].Start); g != "" {
			b = appendSpacyToken(b, g, 0, v.toks[0].Start, n, false)
			n++
		}
	}
	end := utf8.RuneCountInString(text)
	for k, t := range v.toks {
		next := end
		if k+1 < len(v.toks) {
			next = v.toks[k+1].Start
		}
		g := text[c.over(t, t.End):c.byteAt(next)]
		ws := strings.HasPrefix(g, " ")
		out[k] = n
		b = appendSpacyToken(b, t.Text, t.Start, t.End, n, ws)
		n++
		if ws {
			g = g[1:]
		}
		if g != "" {
			b = appendSpacyToken(b, g, next-utf8.RuneCountInString(g), next, n, false)
			n++
		}
	}
	return append(b, ']'), out
}

// appendSpacySents appends the "sents" key, as spaCy's Doc.to_json has
// it: each sentence's start and end in code points. spaCy's and Prodigy's
// loaders leave it aside; import reads it back, so that the document
// keeps its sentences.
func appendSpacySents(b []byte, v view) []byte {
	b = append(b, `,"sents":[`...)
	for k, s := range v.sents {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = strconv.AppendInt(b, int64(v.toks[s.First].Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(v.toks[s.Last-1].End), 10)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendSpacyToken appends one token object, after a comma unless it is
// the first.
func appendSpacyToken(b []byte, text string, start, end, id int, ws bool) []byte {
	if id > 0 {
		b = append(b, ',')
	}
	b = append(b, `{"text":`...)
	b = appendString(b, text)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(end), 10)
	b = append(b, `,"id":`...)
	b = strconv.AppendInt(b, int64(id), 10)
	b = append(b, `,"ws":`...)
	b = strconv.AppendBool(b, ws)
	return append(b, '}')
}

// textCursor turns ascending code point offsets into byte offsets,
// walking the text once.
type textCursor struct {
	text  string
	b, cp int
}

// over moves the cursor from token t's start to its end, cp, without
// decoding t when the text there is t's own (a token's text is a slice of
// the document's, so the comparison is of two equal pointers).
func (c *textCursor) over(t corpus.Token, cp int) int {
	if c.cp == t.Start && c.b+len(t.Text) <= len(c.text) && c.text[c.b:c.b+len(t.Text)] == t.Text {
		c.b += len(t.Text)
		c.cp = cp
		return c.b
	}
	return c.byteAt(cp)
}

func (c *textCursor) byteAt(cp int) int {
	if cp < c.cp {
		c.b, c.cp = 0, 0
	}
	for c.cp < cp && c.b < len(c.text) {
		_, w := utf8.DecodeRuneInString(c.text[c.b:])
		c.b += w
		c.cp++
	}
	return c.b
}

func (w *spacyWriter) Close() (Summary, error) { return w.sum, w.lw.flush() }
