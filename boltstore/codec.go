package boltstore

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// Entities and events are the records a whole-corpus read (export,
// agreement) decodes by the hundred thousand, and encoding/json spent two
// thirds of such a read on them. They are stored in a small binary form
// instead: a version byte, then varints and length-prefixed strings.
// Records written as JSON by earlier versions (they start with '{') are
// still read, so no migration is needed.
const recordV1 = 0x01

// errRecord reports a record that decodes to nothing sensible.
var errRecord = errors.New("malformed record")

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendProvenance adds a gold item's provenance (JSON: rare and small),
// or a zero length when there is none.
func appendProvenance(b []byte, p *corpus.Provenance) ([]byte, error) {
	if p == nil {
		return binary.AppendUvarint(b, 0), nil
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	b = binary.AppendUvarint(b, uint64(len(raw)))
	return append(b, raw...), nil
}

// encodeEntity: version, start, end, type, id, provenance.
func encodeEntity(e *corpus.Entity) ([]byte, error) {
	b := make([]byte, 0, 16+len(e.Type)+len(e.ID))
	b = append(b, recordV1)
	b = binary.AppendUvarint(b, uint64(e.Start))
	b = binary.AppendUvarint(b, uint64(e.End))
	b = appendString(b, e.Type)
	b = appendString(b, e.ID)
	return appendProvenance(b, e.Provenance)
}

// encodeEvent: version, type, trigger start and end, the arguments (role
// and entity id each), id, provenance.
func encodeEvent(ev *corpus.Event) ([]byte, error) {
	b := make([]byte, 0, 32+len(ev.Type)+len(ev.ID)+16*len(ev.Arguments))
	b = append(b, recordV1)
	b = appendString(b, ev.Type)
	b = binary.AppendUvarint(b, uint64(ev.Trigger.Start))
	b = binary.AppendUvarint(b, uint64(ev.Trigger.End))
	b = binary.AppendUvarint(b, uint64(len(ev.Arguments)))
	for _, a := range ev.Arguments {
		b = appendString(b, a.Role)
		b = appendString(b, a.Entity)
	}
	b = appendString(b, ev.ID)
	return appendProvenance(b, ev.Provenance)
}

// reader takes a record apart; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > 1<<40 {
		r.err = errRecord
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) string(intern func([]byte) string) string {
	n := r.uint()
	if r.err != nil || n > len(r.b) {
		r.err = errRecord
		return ""
	}
	s := r.b[:n]
	r.b = r.b[n:]
	if intern != nil {
		return intern(s)
	}
	return string(s)
}

func (r *reader) provenance() *corpus.Provenance {
	n := r.uint()
	if r.err != nil || n == 0 {
		return nil
	}
	if n > len(r.b) {
		r.err = errRecord
		return nil
	}
	p := new(corpus.Provenance)
	if err := json.Unmarshal(r.b[:n], p); err != nil {
		r.err = err
		return nil
	}
	r.b = r.b[n:]
	return p
}

// interner shares the strings a layer repeats (types, roles), which
// would otherwise be allocated once per record.
type interner map[string]string

func (in interner) get(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// decodeEntity reads either form of an entity record.
func decodeEntity(raw []byte, in interner) (corpus.Entity, error) {
	var e corpus.Entity
	if len(raw) == 0 || raw[0] != recordV1 {
		err := json.Unmarshal(raw, &e)
		return e, err
	}
	r := reader{b: raw[1:]}
	e.Start = r.uint()
	e.End = r.uint()
	e.Type = r.string(in.get)
	e.ID = r.string(nil)
	e.Provenance = r.provenance()
	return e, r.err
}

// decodeEvent reads either form of an event record.
func decodeEvent(raw []byte, in interner) (corpus.Event, error) {
	var ev corpus.Event
	if len(raw) == 0 || raw[0] != recordV1 {
		err := json.Unmarshal(raw, &ev)
		return ev, err
	}
	r := reader{b: raw[1:]}
	ev.Type = r.string(in.get)
	ev.Trigger.Start = r.uint()
	ev.Trigger.End = r.uint()
	n := r.uint()
	if r.err == nil && n > len(r.b) {
		r.err = errRecord
	}
	ev.Arguments = make([]corpus.Argument, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		role := r.string(in.get)
		ent := r.string(nil)
		ev.Arguments = append(ev.Arguments, corpus.Argument{Role: role, Entity: ent})
	}
	ev.ID = r.string(nil)
	ev.Provenance = r.provenance()
	return ev, r.err
}

// encodeInfo writes a layer's info record: read once per layer by every
// list, scan and export, so it is binary too. Version, then the fields in
// order; the type counts as (name, count) pairs, sorted by name.
func encodeInfo(li *corpus.LayerInfo) []byte {
	b := make([]byte, 0, 64+16*(len(li.EntityTypes)+len(li.EventTypes)))
	b = append(b, recordV1)
	b = appendString(b, string(li.Status))
	b = binary.AppendUvarint(b, li.Revision)
	b = binary.AppendVarint(b, li.Updated.UnixNano())
	for _, n := range []uint64{uint64(li.Entities), uint64(li.Events), li.Seq, li.NextEntity, li.NextEvent, li.Synced, uint64(li.Changes)} {
		b = binary.AppendUvarint(b, n)
	}
	var flags byte
	if li.Assigned {
		flags |= 1
	}
	if li.Counted {
		flags |= 2
	}
	if li.Updated.IsZero() {
		flags |= 4 // the zero time is not UnixNano-able
	}
	b = append(b, flags)
	for _, m := range []map[string]int{li.EntityTypes, li.EventTypes} {
		b = binary.AppendUvarint(b, uint64(len(m)))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			b = appendString(b, k)
			b = binary.AppendUvarint(b, uint64(m[k]))
		}
	}
	return b
}

func (r *reader) int64() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errRecord
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.err = errRecord
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// decodeInfo reads either form of a layer's info record; the type counts
// only when typeCounts (lists need none of them).
func decodeInfo(raw []byte, typeCounts bool) (corpus.LayerInfo, error) {
	li := corpus.LayerInfo{Status: corpus.StatusNew}
	if len(raw) == 0 || raw[0] != recordV1 {
		err := json.Unmarshal(raw, &li)
		return li, err
	}
	r := reader{b: raw[1:]}
	li.Status = corpus.Status(r.string(nil))
	li.Revision = uint64(r.uint())
	nano := r.int64()
	li.Entities, li.Events = r.uint(), r.uint()
	li.Seq, li.NextEntity, li.NextEvent, li.Synced = uint64(r.uint()), uint64(r.uint()), uint64(r.uint()), uint64(r.uint())
	li.Changes = r.uint()
	flags := r.byte()
	li.Assigned, li.Counted = flags&1 != 0, flags&2 != 0
	if flags&4 == 0 {
		li.Updated = time.Unix(0, nano).UTC()
	}
	if li.Status == "" {
		li.Status = corpus.StatusNew
	}
	if !typeCounts {
		return li, r.err
	}
	for _, m := range []*map[string]int{&li.EntityTypes, &li.EventTypes} {
		n := r.uint()
		if r.err != nil || n > len(r.b) {
			return li, errRecord
		}
		if n > 0 {
			*m = make(map[string]int, n)
		}
		for i := 0; i < n && r.err == nil; i++ {
			k := r.string(nil)
			(*m)[k] = r.uint()
		}
	}
	if li.Status == "" {
		li.Status = corpus.StatusNew
	}
	return li, r.err
}
