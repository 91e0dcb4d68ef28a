package boltstore

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
)

// layer is one layer's bucket, read or written inside a transaction.
type layer struct {
	b              *bolt.Bucket
	doc, annotator string
	index          *bolt.Bucket // the layer info index, for writers; nil for readers
}

// errorf reports a record of the layer that cannot be decoded: damage.
func (l *layer) errorf(format string, a ...any) error {
	return fmt.Errorf("layer %s/%s: %s: %w", l.doc, l.annotator, fmt.Sprintf(format, a...), corpus.ErrDamaged)
}

func (l *layer) Info() (corpus.LayerInfo, error) {
	raw := l.b.Get(keyLayerInfo)
	if raw == nil {
		return corpus.LayerInfo{Status: corpus.StatusNew}, nil
	}
	info, err := decodeInfo(raw, true)
	if err != nil {
		return info, l.errorf("info: %v", err)
	}
	return info, nil
}

func (l *layer) SetInfo(info corpus.LayerInfo) error {
	raw := encodeInfo(&info)
	if l.index != nil {
		if err := l.index.Put(layerKey(l.doc, l.annotator), raw); err != nil {
			return err
		}
	}
	return l.b.Put(keyLayerInfo, raw)
}

func (l *layer) Entity(id string) (*corpus.Entity, error) {
	if id == "" || id[0] == prefixSpan {
		return nil, nil
	}
	raw := l.b.Bucket(bucketEnts).Get([]byte(id))
	if raw == nil {
		return nil, nil
	}
	e, err := decodeEntity(raw, nil)
	if err != nil {
		return nil, l.errorf("entity %s: %v", id, err)
	}
	return &e, nil
}

func (l *layer) Event(id string) (*corpus.Event, error) {
	raw := l.b.Bucket(bucketEvents).Get([]byte(id))
	if raw == nil {
		return nil, nil
	}
	ev, err := decodeEvent(raw, nil)
	if err != nil {
		return nil, l.errorf("event %s: %v", id, err)
	}
	return &ev, nil
}

// spanKey is an entity's key in the span index, which lives in the
// entities bucket under its own prefix.
func spanKey(start, end int, typ string) []byte {
	k := make([]byte, 9, 9+len(typ))
	k[0] = prefixSpan
	binary.BigEndian.PutUint32(k[1:], uint32(start))
	binary.BigEndian.PutUint32(k[5:], uint32(end))
	return append(k, typ...)
}

func (l *layer) EntityAt(start, end int, typ string) (string, error) {
	return string(l.b.Bucket(bucketEnts).Get(spanKey(start, end, typ))), nil
}

func (l *layer) Entities(fn func(corpus.Entity) error) error {
	in := interner{}
	c := l.b.Bucket(bucketEnts).Cursor()
	// The span index sorts first (prefix 0): seek past it to the records.
	for k, v := c.Seek([]byte{prefixSpan + 1}); k != nil; k, v = c.Next() {
		e, err := decodeEntity(v, in)
		if err != nil {
			return l.errorf("entity %s: %v", k, err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (l *layer) Events(fn func(corpus.Event) error) error {
	in := interner{}
	return l.b.Bucket(bucketEvents).ForEach(func(k, v []byte) error {
		e, err := decodeEvent(v, in)
		if err != nil {
			return l.errorf("event %s: %v", k, err)
		}
		return fn(e)
	})
}

func (l *layer) PutEntity(before, after *corpus.Entity) error {
	ents := l.b.Bucket(bucketEnts)
	if before != nil {
		if err := ents.Delete(spanKey(before.Start, before.End, before.Type)); err != nil {
			return err
		}
		if after == nil {
			return ents.Delete([]byte(before.ID))
		}
	}
	raw, err := encodeEntity(after)
	if err != nil {
		return err
	}
	if err := ents.Put([]byte(after.ID), raw); err != nil {
		return err
	}
	return ents.Put(spanKey(after.Start, after.End, after.Type), []byte(after.ID))
}

func (l *layer) PutEvent(before, after *corpus.Event) error {
	evs := l.b.Bucket(bucketEvents)
	if after == nil {
		return evs.Delete([]byte(before.ID))
	}
	raw, err := encodeEvent(after)
	if err != nil {
		return err
	}
	return evs.Put([]byte(after.ID), raw)
}

func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n)
	return k[:]
}

// stackKey is the key of a change number in the log ('c') or on a stack
// ('u', 'r'): the prefix, then the number big-endian so keys sort by it.
func stackKey(prefix byte, seq uint64) []byte {
	return append([]byte{prefix}, seqKey(seq)...)
}

func (l *layer) Change(seq uint64) (*corpus.Change, error) {
	raw := l.b.Get(stackKey(prefixLog, seq))
	if raw == nil {
		return nil, nil
	}
	ch, err := decodeChange(raw, nil)
	if err != nil {
		return nil, l.errorf("change %d: %v", seq, err)
	}
	return &ch, nil
}

func (l *layer) Changes(fn func(corpus.Change) error) error {
	c := l.b.Cursor()
	in := interner{}
	for k, v := c.Seek([]byte{prefixLog}); k != nil && k[0] == prefixLog; k, v = c.Next() {
		if len(k) != 9 || v == nil {
			continue
		}
		ch, err := decodeChange(v, in)
		if err != nil {
			return l.errorf("change %d: %v", binary.BigEndian.Uint64(k[1:]), err)
		}
		if err := fn(ch); err != nil {
			return err
		}
	}
	return nil
}

func (l *layer) PutChange(ch corpus.Change) error {
	return l.b.Put(stackKey(prefixLog, ch.Seq), encodeChange(&ch))
}

func (l *layer) StackEnds(s corpus.Stack) (first, last uint64, ok bool, err error) {
	p := byte(s)
	c := l.b.Cursor()
	k, _ := c.Seek([]byte{p})
	if k == nil || k[0] != p || len(k) != 9 {
		return 0, 0, false, nil
	}
	first = binary.BigEndian.Uint64(k[1:])
	if k, _ = c.Seek([]byte{p + 1}); k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	return first, binary.BigEndian.Uint64(k[1:]), true, nil
}

func (l *layer) StackAll(s corpus.Stack) ([]uint64, error) {
	p := byte(s)
	var out []uint64
	c := l.b.Cursor()
	for k, _ := c.Seek([]byte{p}); k != nil && k[0] == p; k, _ = c.Next() {
		if len(k) == 9 {
			out = append(out, binary.BigEndian.Uint64(k[1:]))
		}
	}
	return out, nil
}

func (l *layer) StackPush(s corpus.Stack, seq uint64) error {
	return l.b.Put(stackKey(byte(s), seq), nil)
}

func (l *layer) StackRemove(s corpus.Stack, seq uint64) error {
	return l.b.Delete(stackKey(byte(s), seq))
}

func (l *layer) StackClear(s corpus.Stack) error {
	p := byte(s)
	c := l.b.Cursor()
	for k, _ := c.Seek([]byte{p}); k != nil && k[0] == p; k, _ = c.Seek([]byte{p}) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// ClearItems drops the layer's entities (with the span index) and events
// by replacing their buckets: one operation, where deleting keys one by
// one from the front of a page moves the rest each time.
func (l *layer) ClearItems() error {
	for _, name := range [][]byte{bucketEnts, bucketEvents} {
		if err := l.b.DeleteBucket(name); err != nil {
			return err
		}
		if _, err := l.b.CreateBucket(name); err != nil {
			return err
		}
	}
	return nil
}

// PutEntities writes new entities in key order — the span index first
// (its keys sort before the ids), then the records — so every put appends
// to its page instead of moving the page's tail.
func (l *layer) PutEntities(ents []corpus.Entity) error {
	b := l.b.Bucket(bucketEnts)
	type kv struct{ k, v []byte }
	spans := make([]kv, len(ents))
	recs := make([]kv, len(ents))
	for i, e := range ents {
		raw, err := encodeEntity(&ents[i])
		if err != nil {
			return err
		}
		spans[i] = kv{spanKey(e.Start, e.End, e.Type), []byte(e.ID)}
		recs[i] = kv{[]byte(e.ID), raw}
	}
	for _, set := range [][]kv{spans, recs} {
		slices.SortFunc(set, func(a, b kv) int { return bytes.Compare(a.k, b.k) })
		for _, p := range set {
			if err := b.Put(p.k, p.v); err != nil {
				return err
			}
		}
	}
	return nil
}

// PutEvents writes new events in key order.
func (l *layer) PutEvents(evs []corpus.Event) error {
	sorted := slices.Clone(evs)
	slices.SortFunc(sorted, func(a, b corpus.Event) int { return strings.Compare(a.ID, b.ID) })
	b := l.b.Bucket(bucketEvents)
	for _, ev := range sorted {
		raw, err := encodeEvent(&ev)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(ev.ID), raw); err != nil {
			return err
		}
	}
	return nil
}
