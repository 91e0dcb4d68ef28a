package boltstore

import (
	"encoding/binary"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// Documents and their list records are read once per document by every
// list, export and scan, so they are binary as well. A document record is
// version 2: its fields, then its text as it is (the text is most of the
// record; JSON would escape it on the way in and unescape it, byte by
// byte, on every read). Version 1 kept the fields as JSON before the text,
// and the first records were JSON throughout; both still read.
const recordV2 = 0x02

// appendTime writes a time as its kind (0 zero, 1 UTC, 2 a fixed offset),
// Unix seconds and nanoseconds, and the offset: the instant and the offset
// JSON would have kept, for any year.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	_, off := t.Zone()
	kind := byte(1)
	if off != 0 {
		kind = 2
	}
	b = append(b, kind)
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	if kind == 2 {
		b = binary.AppendVarint(b, int64(off))
	}
	return b
}

func (r *reader) time() time.Time {
	switch r.byte() {
	case 0:
		return time.Time{}
	case 1:
		sec, nsec := r.int64(), r.uint()
		return time.Unix(sec, int64(nsec)).UTC()
	case 2:
		sec, nsec, off := r.int64(), r.uint(), r.int64()
		return time.Unix(sec, int64(nsec)).In(time.FixedZone("", int(off)))
	}
	r.err = errRecord
	return time.Time{}
}

// appendInts writes a list of ints as its length and the differences
// between neighbours (small for offsets in text order).
func appendInts(b []byte, xs []int) []byte {
	b = binary.AppendUvarint(b, uint64(len(xs)))
	prev := 0
	for _, x := range xs {
		b = binary.AppendVarint(b, int64(x-prev))
		prev = x
	}
	return b
}

func (r *reader) ints() []int {
	n := r.uint()
	if r.err != nil || n > len(r.b) { // each takes a byte at least
		r.err = errRecord
		return nil
	}
	xs := make([]int, n)
	prev := 0
	for i := range xs {
		prev += int(r.int64())
		xs[i] = prev
	}
	return xs
}

// encodeDocument: version 2, id, title, source, SHA-256, imported,
// tokenizer, meta as sorted (key, raw JSON) pairs, the token format's
// tokenization (a flag, then spans and sentences), then the text.
func encodeDocument(d *corpus.Document) ([]byte, error) {
	b := make([]byte, 0, 128+len(d.Title)+len(d.Text))
	b = append(b, recordV2)
	for _, s := range []string{d.ID, d.Title, d.Source, d.SHA256} {
		b = appendString(b, s)
	}
	b = appendTime(b, d.Imported)
	b = binary.AppendUvarint(b, uint64(d.Tokenizer))
	b = binary.AppendUvarint(b, uint64(len(d.Meta)))
	for _, k := range slices.Sorted(maps.Keys(d.Meta)) {
		b = appendString(b, k)
		b = appendString(b, string(d.Meta[k]))
	}
	if t := d.Tokenization; t != nil {
		b = append(b, 1)
		b = appendInts(b, t.Spans)
		b = appendInts(b, t.Sentences)
	} else {
		b = append(b, 0)
	}
	return append(b, d.Text...), nil
}

// decodeDocument reads any form of a document record.
func decodeDocument(raw []byte) (corpus.Document, error) {
	var d corpus.Document
	switch {
	case len(raw) > 0 && raw[0] == recordV2:
		return decodeDocumentV2(raw[1:])
	case len(raw) > 0 && raw[0] == recordV1:
		r := reader{b: raw[1:]}
		n := r.uint()
		if r.err != nil || n > len(r.b) {
			return d, errRecord
		}
		if err := json.Unmarshal(r.b[:n], &d); err != nil {
			return d, err
		}
		d.Text = string(r.b[n:])
		return d, nil
	}
	err := json.Unmarshal(raw, &d)
	return d, err
}

func decodeDocumentV2(raw []byte) (corpus.Document, error) {
	var d corpus.Document
	r := reader{b: raw}
	d.ID, d.Title, d.Source, d.SHA256 = r.string(nil), r.string(nil), r.string(nil), r.string(nil)
	d.Imported = r.time()
	d.Tokenizer = r.uint()
	if n := r.uint(); n > 0 && r.err == nil {
		if n > len(r.b) {
			return d, errRecord
		}
		d.Meta = make(map[string]json.RawMessage, n)
		for range n {
			k := r.string(nil)
			d.Meta[k] = json.RawMessage(r.string(nil))
		}
	}
	if r.byte() == 1 {
		d.Tokenization = &corpus.Tokenization{Spans: r.ints(), Sentences: r.ints()}
	}
	if r.err != nil {
		return d, r.err
	}
	d.Text = string(r.b)
	return d, nil
}

// encodeDocInfo writes a document's list record: version 1, id, title,
// source, SHA-256, imported, runes, tokens, site, published.
func encodeDocInfo(d *corpus.DocInfo) []byte {
	b := make([]byte, 0, 128+len(d.Title))
	b = append(b, recordV1)
	for _, s := range []string{d.ID, d.Title, d.Source, d.SHA256} {
		b = appendString(b, s)
	}
	b = appendTime(b, d.Imported)
	b = binary.AppendUvarint(b, uint64(d.Runes))
	b = binary.AppendUvarint(b, uint64(d.Tokens))
	b = appendString(b, d.Site)
	return appendString(b, d.Published)
}

// decodeDocInfo reads either form of a list record.
func decodeDocInfo(raw []byte) (corpus.DocInfo, error) {
	var d corpus.DocInfo
	if len(raw) == 0 || raw[0] != recordV1 {
		err := json.Unmarshal(raw, &d)
		return d, err
	}
	r := reader{b: raw[1:]}
	d.ID, d.Title, d.Source, d.SHA256 = r.string(nil), r.string(nil), r.string(nil), r.string(nil)
	d.Imported = r.time()
	d.Runes, d.Tokens = r.uint(), r.uint()
	d.Site, d.Published = r.string(nil), r.string(nil)
	if r.err == nil && len(r.b) != 0 {
		r.err = errRecord
	}
	return d, r.err
}
