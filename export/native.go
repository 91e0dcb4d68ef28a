package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/tawsim/tawsim/corpus"
)

func init() {
	Register(Format{Name: "tawsim", Order: 80, Ext: ".jsonl", NewWriter: newNative, AllLayers: true,
		Description: "native lossless JSONL (backup, move between databases)",
		Example:     "tawsimctl export --format tawsim --out backup.jsonl",
		ReadFile:    collect(streamNative), StreamFile: streamNative, Exts: []string{".jsonl"},
		ImportExample: "tawsimctl --db other.db import --format tawsim backup.jsonl"})
}

// nativeDoc is one line of the native JSONL: the whole document and every
// layer, so that nothing the database holds about a text is lost.
type nativeDoc struct {
	Format   string                     `json:"format"`
	ID       string                     `json:"id"`
	Title    string                     `json:"title"`
	Source   string                     `json:"source,omitempty"`
	Text     string                     `json:"text"`
	SHA256   string                     `json:"sha256"`
	Imported time.Time                  `json:"imported"`
	Meta     map[string]json.RawMessage `json:"meta,omitempty"`
	// Tokenizer is the tokenizer version the text was cut with; files
	// written before it was recorded were cut with version 1.
	Tokenizer    int                  `json:"tokenizer,omitempty"`
	Tokenization *corpus.Tokenization `json:"tokenization,omitempty"`
	Layers       []nativeLayer        `json:"layers"`
}

type nativeLayer struct {
	Annotator string          `json:"annotator"`
	Status    corpus.Status   `json:"status"`
	Revision  uint64          `json:"revision"`
	Updated   time.Time       `json:"updated"`
	Synced    uint64          `json:"synced,omitempty"`
	Entities  []corpus.Entity `json:"entities"`
	Events    []corpus.Event  `json:"events"`
}

// nativeFormat marks native lines, so that a doccano or other JSONL file
// given as tawsim is refused on its first line rather than half-read.
const nativeFormat = "tawsim/1"

// nativeWriter writes the native lossless JSONL. It writes Doc.Layers
// (every layer, as the native export reads them) or, when that is nil, the
// one selected layer.
type nativeWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
	sum Summary
}

func newNative(out Output, _ Options) DocWriter {
	bw := bufio.NewWriterSize(out.W, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &nativeWriter{bw: bw, enc: enc, sum: Summary{Format: "tawsim"}}
}

func (w *nativeWriter) WriteDoc(d *Doc) error {
	layers := d.Layers
	if layers == nil && d.Layer.Annotator != "" {
		layers = []corpus.Layer{d.Layer}
	}
	nd := nativeDoc{Format: nativeFormat, ID: d.Doc.ID, Title: d.Doc.Title, Source: d.Doc.Source, Text: d.Doc.Text,
		SHA256: d.Doc.SHA256, Imported: d.Doc.Imported, Meta: d.Doc.Meta, Tokenizer: d.Doc.TokenizerVersion(),
		Tokenization: d.Doc.Tokenization, Layers: []nativeLayer{}}
	for _, l := range layers {
		nl := nativeLayer{Annotator: l.Annotator, Status: l.Status, Revision: l.Revision, Updated: l.Updated,
			Synced: l.Synced, Entities: l.Entities, Events: l.Events}
		if nl.Entities == nil {
			nl.Entities = []corpus.Entity{}
		}
		if nl.Events == nil {
			nl.Events = []corpus.Event{}
		}
		nd.Layers = append(nd.Layers, nl)
		w.sum.Entities += len(l.Entities)
		w.sum.Events += len(l.Events)
	}
	if err := w.enc.Encode(nd); err != nil {
		return fmt.Errorf("document %s: %w", d.Doc.ID, err)
	}
	w.sum.Documents++
	w.sum.Tokens += len(d.Tokens)
	return nil
}

func (w *nativeWriter) Close() (Summary, error) { return w.sum, w.bw.Flush() }

// streamNative reads the native JSONL a line at a time. Ids, import
// times, annotators and entity and event ids are kept, and so are a
// layer's revision and time. Lines are decoded on all processors while
// yield (the store) takes the items in file order.
func streamNative(path string, _ ReadOptions, yield func(corpus.ImportItem) error) (Summary, error) {
	sum := Summary{Format: "tawsim"}
	type line struct {
		n   int
		raw []byte
	}
	err := inOrder(
		func(emit func(line) error) error {
			return eachLine(path, func(n int, raw []byte) error {
				return emit(line{n, bytes.Clone(raw)})
			})
		},
		func(l line) (corpus.ImportItem, error) {
			it, err := decodeNative(l.raw)
			if err != nil {
				return it, fmt.Errorf("import %s line %d: %w", path, l.n, err)
			}
			it.Origin = fmt.Sprintf("%s line %d", path, l.n)
			return it, nil
		},
		func(it corpus.ImportItem) error {
			for _, l := range it.Layers {
				sum.Entities += len(l.Entities)
				sum.Events += len(l.Events)
			}
			sum.Documents++
			return yield(it) // the consumer's error, not the file's
		})
	return sum, err
}

// decodeNative reads one native line into an item (without its Origin).
// The lines are decoded with goccy/go-json, which reads them about three
// times as fast as encoding/json (the decoding was most of a native
// import); a line it refuses is decoded again by encoding/json, whose
// verdict (and clearer message) stands, and a panic of the decoder on a damaged line is an
// error of that line.
func decodeNative(line []byte) (it corpus.ImportItem, err error) {
	var nd nativeDoc
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot be decoded (%v)", r)
		}
	}()
	dec := gojson.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&nd); err != nil {
		// encoding/json has the last word, and says more precisely what
		// is wrong and where.
		nd = nativeDoc{}
		std := json.NewDecoder(bytes.NewReader(line))
		std.DisallowUnknownFields()
		if err := std.Decode(&nd); err != nil {
			return corpus.ImportItem{}, err
		}
	}
	if nd.Format != nativeFormat {
		return corpus.ImportItem{}, fmt.Errorf("not a Tawsim native line (format %q, want %q)", nd.Format, nativeFormat)
	}
	if nd.Text == "" {
		return corpus.ImportItem{}, errors.New("text is missing")
	}
	if nd.SHA256 != "" && corpus.TextHash(corpus.NormalizeText(nd.Text)) != nd.SHA256 {
		return corpus.ImportItem{}, errors.New("sha256 does not match the text: the line was edited or damaged")
	}
	it = corpus.ImportItem{Doc: corpus.NewDoc{ID: nd.ID, Title: nd.Title, Source: nd.Source, Text: nd.Text, Meta: nd.Meta,
		Imported: nd.Imported, Tokenizer: max(nd.Tokenizer, 1), Tokenization: nd.Tokenization}}
	for _, l := range nd.Layers {
		it.Layers = append(it.Layers, corpus.Layer{Annotator: l.Annotator, Status: l.Status, Revision: l.Revision,
			Updated: l.Updated, Synced: l.Synced, Entities: l.Entities, Events: l.Events})
	}
	return it, nil
}
