package boltstore

import (
	"encoding/binary"
	"encoding/json"

	"github.com/tawsim/tawsim/corpus"
)

// A change record holds every diff of one action, and an import's change
// holds one per imported item; as JSON, writing it re-checked each diff's
// JSON byte by byte. It is binary: version 1, seq, time, doc, annotator,
// op, ref, revision, then each diff's kind, id, before and after (each the
// item's JSON as corpus made it, its length plus one; 0 for none).
func encodeChange(ch *corpus.Change) []byte {
	n := 64 + len(ch.Doc) + len(ch.Annotator) + len(ch.Op)
	for _, d := range ch.Diffs {
		n += 12 + len(d.Kind) + len(d.ID) + len(d.Before) + len(d.After)
	}
	b := make([]byte, 0, n)
	b = append(b, recordV1)
	b = binary.AppendUvarint(b, ch.Seq)
	b = appendTime(b, ch.Time)
	b = appendString(b, ch.Doc)
	b = appendString(b, ch.Annotator)
	b = appendString(b, ch.Op)
	b = binary.AppendUvarint(b, ch.Ref)
	b = binary.AppendUvarint(b, ch.Revision)
	b = binary.AppendUvarint(b, uint64(len(ch.Diffs)))
	for _, d := range ch.Diffs {
		b = appendString(b, d.Kind)
		b = appendString(b, d.ID)
		b = appendRaw(b, d.Before)
		b = appendRaw(b, d.After)
	}
	return b
}

func appendRaw(b []byte, raw json.RawMessage) []byte {
	if raw == nil {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(raw))+1)
	return append(b, raw...)
}

func (r *reader) raw() json.RawMessage {
	n := r.uint()
	if r.err != nil || n == 0 {
		return nil
	}
	if n-1 > len(r.b) {
		r.err = errRecord
		return nil
	}
	out := json.RawMessage(append([]byte(nil), r.b[:n-1]...))
	r.b = r.b[n-1:]
	return out
}

// decodeChange reads either form of a change record.
func decodeChange(raw []byte, in interner) (corpus.Change, error) {
	var ch corpus.Change
	if len(raw) == 0 || raw[0] != recordV1 {
		err := json.Unmarshal(raw, &ch)
		return ch, err
	}
	r := reader{b: raw[1:]}
	ch.Seq = uint64(r.uint())
	ch.Time = r.time()
	ch.Doc, ch.Annotator, ch.Op = r.string(nil), r.string(in.get), r.string(in.get)
	ch.Ref, ch.Revision = uint64(r.uint()), uint64(r.uint())
	n := r.uint()
	if r.err == nil && n > len(r.b) {
		r.err = errRecord
	}
	if n > 0 {
		ch.Diffs = make([]corpus.Diff, 0, n)
	}
	for i := 0; i < n && r.err == nil; i++ {
		d := corpus.Diff{Kind: r.string(in.get), ID: r.string(nil)}
		d.Before, d.After = r.raw(), r.raw()
		ch.Diffs = append(ch.Diffs, d)
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errRecord
	}
	return ch, r.err
}
