package export

import (
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// The JSONL writers build each line with appends rather than
// encoding/json: a line is a handful of fixed keys, and reflection would
// dominate the export time of a large corpus.

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Only what JSON requires is
// escaped (quote, backslash, control characters); Arabic stays readable.
// U+2028 and U+2029 are escaped too, so that the lines also embed in
// JavaScript. Invalid UTF-8 (which the store never holds, but a Doc built
// by hand may) becomes U+FFFD, one for each run of bad bytes, as
// strings.ToValidUTF8 does.
//
// Escaping and UTF-8 validation share one pass, since text is most of an
// export's bytes: runs that need nothing are copied with one append, and
// Arabic letters, two-byte sequences, are checked without decoding.
func appendString(buf []byte, s string) []byte {
	mark := len(buf)
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"':
				buf = append(buf, '\\', '"')
			case '\\':
				buf = append(buf, '\\', '\\')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\r':
				buf = append(buf, '\\', 'r')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 {
			// Rare enough to pay a second pass over a repaired copy.
			return appendString(buf[:mark], strings.ToValidUTF8(s, "\uFFFD"))
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\u202`...)
			buf = append(buf, hexDigits[r&0xF])
			start = i + size
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// plainASCII (read-only) marks the ASCII bytes appendString copies as
// they are: all but controls, quote and backslash.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func appendKey(buf []byte, first bool, key string) []byte {
	if !first {
		buf = append(buf, ',')
	}
	buf = appendString(buf, key)
	return append(buf, ':')
}

// appendMeta appends a JSON object of the document's descriptive fields and
// its own meta keys (sorted, so output is stable).
func appendMeta(buf []byte, d *corpus.Document) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, true, "doc_id")
	buf = appendString(buf, d.ID)
	buf = appendKey(buf, false, "title")
	buf = appendString(buf, d.Title)
	if d.Source != "" {
		buf = appendKey(buf, false, "source")
		buf = appendString(buf, d.Source)
	}
	buf = appendKey(buf, false, "sha256")
	buf = appendString(buf, d.SHA256)
	keys := make([]string, 0, len(d.Meta))
	for k := range d.Meta {
		switch k {
		case "doc_id", "title", "source", "sha256":
			continue // ours win: they identify the document
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		buf = appendKey(buf, false, k)
		if json.Valid(d.Meta[k]) {
			buf = append(buf, d.Meta[k]...)
		} else {
			buf = append(buf, "null"...)
		}
	}
	return append(buf, '}')
}

// lineWriter collects output in one reusable buffer that the writers
// append lines to, and hands it to w in chunks of about chunkSize. A
// bufio.Writer in between would copy every byte a second time. The first
// write error is kept (later writes are skipped) and returned by flush.
type lineWriter struct {
	w   io.Writer
	buf []byte
	err error
}

// chunkSize is how much output goes to w in one Write: large enough that
// the system calls of a file export cost nothing next to the formatting.
const chunkSize = 256 << 10

func newLineWriter(w io.Writer) *lineWriter {
	return &lineWriter{w: w, buf: make([]byte, 0, 2*chunkSize)}
}

// endLine ends the line appended to buf and writes buf out once it holds
// a chunk.
func (lw *lineWriter) endLine() {
	lw.buf = append(lw.buf, '\n')
	if len(lw.buf) >= chunkSize {
		lw.write()
	}
}

func (lw *lineWriter) write() {
	if lw.err == nil {
		_, lw.err = lw.w.Write(lw.buf)
	}
	lw.buf = lw.buf[:0]
}

// flush writes what is left and returns the first write error.
func (lw *lineWriter) flush() error {
	if len(lw.buf) > 0 {
		lw.write()
	}
	return lw.err
}

// WriteDoccano writes doccano's sequence-labelling JSONL: one document a
// line, {"id", "text", "label": [[start, end, "TYPE"], ...], "meta"}, with
// code point offsets (what Python's str indexes, as doccano does). Every
// entity is written, nested ones included: doccano shows overlapping spans
// when the project allows them.
func WriteDoccano(w io.Writer, docs []Doc, opt Options) (Summary, error) {
	sum := Summary{Format: "doccano"}
	lw := newLineWriter(w)
	for i := range docs {
		d := &docs[i]
		b := lw.buf
		b = append(b, `{"id":`...)
		b = appendString(b, d.Doc.ID)
		b = append(b, `,"text":`...)
		b = appendString(b, d.Doc.Text)
		b = append(b, `,"label":[`...)
		for k, e := range d.Layer.Entities {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(e.Start), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(e.End), 10)
			b = append(b, ',')
			b = appendString(b, e.Type)
			b = append(b, ']')
		}
		b = append(b, `],"meta":`...)
		b = appendMeta(b, &d.Doc)
		b = append(b, '}')
		lw.buf = b
		lw.endLine()
		sum.Documents++
		sum.Entities += len(d.Layer.Entities)
		sum.Tokens += len(d.Tokens)
		opt.progress(i+1, len(docs))
	}
	return sum, lw.flush()
}

// WriteSpacy writes the JSONL that spaCy's and Prodigy's loaders read: one
// document a line with text, tokens (text, start, end, id, ws) and spans
// (start, end, token_start, token_end inclusive, label). Spans always lie
// on token boundaries, as spaCy's char_span needs: --tokens words widens,
// --tokens split cuts tokens. Nested spans follow --nested (outer drops
// the inner ones, columns keeps all).
func WriteSpacy(w io.Writer, docs []Doc, opt Options) (Summary, error) {
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	sum := Summary{Format: "spacy"}
	lw := newLineWriter(w)
	var spans []tokSpan
	var lev leveler
	for i := range docs {
		d := &docs[i]
		v := viewFor(d, &opt, nil, &sum)
		spans = mapSpans(v, d.Layer.Entities, false, &sum, spans)
		var keep []tokSpan
		if opt.Nested == "columns" {
			keep = spans
			sort.SliceStable(keep, func(a, b int) bool {
				if keep[a].a != keep[b].a {
					return keep[a].a < keep[b].a
				}
				return keep[a].b > keep[b].b
			})
		} else if lv := lev.levels(spans); len(lv) > 0 {
			keep = lv[0]
			for _, l := range lv[1:] {
				sum.NestedDropped += len(l)
			}
		}
		b := lw.buf
		b = append(b, `{"text":`...)
		b = appendString(b, d.Doc.Text)
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
			ws := k+1 < len(v.toks) && v.toks[k+1].Start > t.End || k+1 == len(v.toks) && t.End < d.textLen()
			b = append(b, `,"ws":`...)
			b = strconv.AppendBool(b, ws)
			b = append(b, '}')
		}
		b = append(b, `],"spans":[`...)
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
		lw.buf = b
		lw.endLine()
		sum.Documents++
		sum.Entities += len(keep)
		sum.Tokens += len(v.toks)
		sum.Sentences += len(v.sents)
		opt.progress(i+1, len(docs))
	}
	return sum, lw.flush()
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

// WriteHF writes Hugging Face token-classification JSONL: one sentence a
// line, {"id", "doc_id", "tokens", "ner_tags"} with the tags as strings
// (load with datasets' "json" builder and map them through labels.txt).
// With nested columns the deeper levels go to ner_tags_2, ner_tags_3, ...
func WriteHF(w io.Writer, docs []Doc, opt Options) (Summary, error) {
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	st := &conllState{opt: &opt, lab: newLabels(opt.scheme(), opt.Schema, docs)}
	st.sum.Format, st.sum.Scheme = "hf", opt.scheme()
	depth := 1
	if opt.Nested == "columns" {
		depth = nestingDepth(docs, &opt)
	}
	st.sum.Levels = depth
	lw := newLineWriter(w)
	id := 0
	for i := range docs {
		d := &docs[i]
		v, cols := st.prepare(d, depth)
		for _, s := range v.sents {
			b := lw.buf
			b = append(b, `{"id":"`...)
			b = strconv.AppendInt(b, int64(id), 10)
			b = append(b, `","doc_id":`...)
			b = appendString(b, d.Doc.ID)
			b = append(b, `,"tokens":[`...)
			for k := s.First; k < s.Last; k++ {
				if k > s.First {
					b = append(b, ',')
				}
				b = appendString(b, v.toks[k].Text)
			}
			b = append(b, ']')
			for c, col := range cols {
				if c == 0 {
					b = append(b, `,"ner_tags":[`...)
				} else {
					b = append(b, `,"ner_tags_`...)
					b = strconv.AppendInt(b, int64(c+1), 10)
					b = append(b, `":[`...)
				}
				for k := s.First; k < s.Last; k++ {
					if k > s.First {
						b = append(b, ',')
					}
					b = appendString(b, col[k])
				}
				b = append(b, ']')
			}
			b = append(b, '}')
			lw.buf = b
			lw.endLine()
			id++
		}
		st.sum.Documents++
		st.sum.Sentences += len(v.sents)
		st.sum.Tokens += len(v.toks)
		opt.progress(i+1, len(docs))
	}
	return st.sum, lw.flush()
}
