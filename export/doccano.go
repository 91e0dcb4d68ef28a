package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

func init() {
	Register(Format{Name: "doccano", Order: 30, Ext: ".jsonl", NewWriter: newDoccano,
		Description: "doccano sequence-labelling import",
		Example:     "tawsimctl export --format doccano --out doccano.jsonl",
		ReadFile:    readDoccano, Exts: []string{".jsonl"}, ReadApplies: OptAnnotator,
		ImportExample: "tawsimctl import --format doccano --annotator amira doccano.jsonl"})
}

// doccanoWriter writes doccano's sequence-labelling JSONL: one document a
// line, {"id", "text", "label": [[start, end, "TYPE"], ...], "meta"}, with
// code point offsets (what Python's str indexes, as doccano does). Every
// entity is written, nested ones included: doccano shows overlapping spans
// when the project allows them.
type doccanoWriter struct {
	lw  *lineWriter
	sum Summary
}

func newDoccano(out Output, _ Options) DocWriter {
	return &doccanoWriter{lw: newLineWriter(out.W), sum: Summary{Format: "doccano"}}
}

func (w *doccanoWriter) WriteDoc(d *Doc) error {
	b := w.lw.buf
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
	w.lw.buf = b
	w.lw.endLine()
	w.sum.Documents++
	w.sum.Entities += len(d.Layer.Entities)
	w.sum.Tokens += len(d.Tokens)
	return w.lw.err
}

func (w *doccanoWriter) Close() (Summary, error) { return w.sum, w.lw.flush() }

// doccanoSpan is one labelled span of a doccano line, in code points of
// the text as the line has it.
type doccanoSpan struct {
	start, end int
	typ        string
}

// readDoccano reads doccano sequence-labelling JSONL: "text" and either
// "label" ([[start, end, "TYPE"], ...], the classic export) or "entities"
// ([{"start_offset", "end_offset", "label"}], the newer one). Offsets are
// code points. "meta" and any other keys become the document's meta; a
// string meta.title becomes its title.
func readDoccano(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "doccano"}
	var items []corpus.ImportItem
	err := eachLine(path, func(n int, line []byte) error {
		it, err := decodeDoccano(line, opt.annotator(), &sum)
		if err != nil {
			return err
		}
		it.Origin = fmt.Sprintf("%s line %d", path, n)
		items = append(items, it)
		return nil
	})
	sum.Documents = len(items)
	return items, sum, err
}

// decodeDoccano turns one line into an import item with one layer.
func decodeDoccano(line []byte, annotator string, sum *Summary) (corpus.ImportItem, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return corpus.ImportItem{}, err
	}
	var text string
	if err := json.Unmarshal(raw["text"], &text); err != nil || text == "" {
		return corpus.ImportItem{}, errors.New(`"text" is missing or not a string`)
	}
	spans, err := doccanoSpans(raw)
	if err != nil {
		return corpus.ImportItem{}, err
	}
	if _, ok := raw["relations"]; ok {
		sum.Skipped++
	}
	norm, layer, err := doccanoLayer(text, spans, annotator, sum)
	if err != nil {
		return corpus.ImportItem{}, err
	}
	title, source, meta, err := doccanoMeta(raw)
	if err != nil {
		return corpus.ImportItem{}, err
	}
	sum.Entities += len(layer.Entities)
	return corpus.ImportItem{Doc: corpus.NewDoc{Title: title, Source: source, Text: norm, Meta: meta},
		Layers: []corpus.Layer{layer}}, nil
}

// doccanoSpans reads the spans of "label" and "entities", in that order.
func doccanoSpans(raw map[string]json.RawMessage) ([]doccanoSpan, error) {
	var spans []doccanoSpan
	if l, ok := raw["label"]; ok {
		var labels [][]json.RawMessage
		if err := json.Unmarshal(l, &labels); err != nil {
			return nil, fmt.Errorf(`"label" is not a list of [start, end, "TYPE"]: %w`, err)
		}
		for k, lab := range labels {
			var s doccanoSpan
			if len(lab) != 3 || json.Unmarshal(lab[0], &s.start) != nil || json.Unmarshal(lab[1], &s.end) != nil ||
				json.Unmarshal(lab[2], &s.typ) != nil {
				return nil, fmt.Errorf(`label %d is not [start, end, "TYPE"]`, k+1)
			}
			spans = append(spans, s)
		}
	}
	if l, ok := raw["entities"]; ok {
		var ents []struct {
			Start *int   `json:"start_offset"`
			End   *int   `json:"end_offset"`
			Label string `json:"label"`
		}
		if err := json.Unmarshal(l, &ents); err != nil {
			return nil, fmt.Errorf(`"entities": %w`, err)
		}
		for k, e := range ents {
			if e.Start == nil || e.End == nil || e.Label == "" {
				return nil, fmt.Errorf("entity %d lacks start_offset, end_offset or label", k+1)
			}
			spans = append(spans, doccanoSpan{*e.Start, *e.End, e.Label})
		}
	}
	return spans, nil
}

// doccanoLayer checks the spans against the text and builds the layer on
// the normalised text (offsets moved for a BOM or CRLF). An exact
// duplicate span is counted as skipped: the store refuses duplicates.
func doccanoLayer(text string, spans []doccanoSpan, annotator string, sum *Summary) (string, corpus.Layer, error) {
	norm, remap, moved := normalize(text)
	if moved {
		sum.Remapped++
	}
	size := utf8.RuneCountInString(text)
	layer := corpus.Layer{Annotator: annotator, Status: corpus.StatusDone, Events: []corpus.Event{}}
	seen := map[doccanoSpan]bool{}
	for k, s := range spans {
		if s.start < 0 || s.end > size || s.start >= s.end {
			return "", layer, fmt.Errorf("label %d [%d,%d) %s lies outside the text (0..%d code points) or is empty", k+1, s.start, s.end, s.typ, size)
		}
		if seen[s] {
			sum.Skipped++
			continue
		}
		seen[s] = true
		layer.Entities = append(layer.Entities, corpus.Entity{ID: "T" + strconv.Itoa(len(layer.Entities)+1),
			Start: remap(s.start), End: remap(s.end), Type: s.typ})
	}
	return norm, layer, nil
}

// doccanoMeta gathers "meta" and every key the format does not define
// into the document's meta, taking title and source out of it.
func doccanoMeta(raw map[string]json.RawMessage) (title, source string, meta map[string]json.RawMessage, err error) {
	meta = map[string]json.RawMessage{}
	if m, ok := raw["meta"]; ok && string(m) != "null" {
		if err := json.Unmarshal(m, &meta); err != nil {
			return "", "", nil, fmt.Errorf(`"meta" is not an object: %w`, err)
		}
	}
	for k, v := range raw {
		switch k {
		case "text", "label", "entities", "relations", "meta":
		default:
			meta[k] = v
		}
	}
	json.Unmarshal(meta["title"], &title)
	json.Unmarshal(meta["source"], &source)
	// Our own export's bookkeeping would only go stale in a new corpus.
	for _, k := range []string{"title", "source", "sha256", "doc_id", "id"} {
		delete(meta, k)
	}
	if len(meta) == 0 {
		meta = nil
	}
	return title, source, meta, nil
}
