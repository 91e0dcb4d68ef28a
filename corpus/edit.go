package corpus

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Edit is one transaction on one annotator's layer of one document. Every
// change it makes is validated, applied and recorded in the change log;
// the whole Edit is committed or nothing is.
type Edit struct {
	tx     *bolt.Tx
	b      *bolt.Bucket
	doc    DocInfo
	schema *Schema
	info   layerInfo
	change *Change
	// restored, when set, is a layer brought in whole (a native import):
	// its status, revision and time are kept as they were, so an
	// export-import round trip is lossless.
	restored *Layer
}

// Edit runs fn on the layer (doc, annotator) in one transaction and logs
// the result as one change named op, which Undo reverts as a whole. A
// change that alters nothing is not logged.
func (s *Store) Edit(doc, annotator, op string, fn func(*Edit) error) (Change, error) {
	if err := checkAnnotator(annotator); err != nil {
		return Change{}, err
	}
	sc, err := s.cachedSchema()
	if err != nil {
		return Change{}, err
	}
	var ch Change
	err = s.db.Update(func(tx *bolt.Tx) error {
		e, err := beginEdit(tx, sc, doc, annotator, op)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
		if len(e.change.Diffs) == 0 {
			return nil
		}
		if err := e.commit(true); err != nil {
			return err
		}
		ch = *e.change
		return nil
	})
	return ch, err
}

func checkAnnotator(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("annotator name is empty")
	}
	if strings.ContainsAny(name, "\x00/\n") {
		return fmt.Errorf("annotator name %q holds a character that is not allowed (NUL, '/' or newline)", name)
	}
	return nil
}

func beginEdit(tx *bolt.Tx, sc *Schema, doc, annotator, op string) (*Edit, error) {
	info, err := docInfo(tx, doc)
	if err != nil {
		return nil, err
	}
	b, err := createLayerBucket(tx, doc, annotator)
	if err != nil {
		return nil, err
	}
	li, err := readInfo(b)
	if err != nil {
		return nil, err
	}
	return &Edit{tx: tx, b: b, doc: info, schema: sc, info: li,
		change: &Change{Doc: doc, Annotator: annotator, Op: op}}, nil
}

// commit writes the layer info and the change log entry. pushUndo is false
// for undo and redo themselves, which manage the stacks.
func (e *Edit) commit(pushUndo bool) error {
	now := time.Now().UTC()
	if r := e.restored; r != nil {
		if r.Revision > e.info.Revision {
			e.info.Revision = r.Revision - 1 // incremented below
		}
		if !r.Updated.IsZero() {
			now = r.Updated
		}
	} else if pushUndo && e.info.Status == StatusNew && e.change.Op != "status" {
		// The first annotation starts the document for this annotator.
		if err := e.SetStatus(StatusInProgress); err != nil {
			return err
		}
	}
	e.info.Revision++
	e.info.Updated = now
	raw, err := json.Marshal(e.info)
	if err != nil {
		return err
	}
	if err := e.b.Put(keyLayerInfo, raw); err != nil {
		return err
	}
	seq := e.nextSeq()
	e.change.Seq, e.change.Time, e.change.Revision = seq, now, e.info.Revision
	rawCh, err := json.Marshal(e.change)
	if err != nil {
		return err
	}
	if err := e.b.Put(stackKey(prefixLog, seq), rawCh); err != nil {
		return err
	}
	if !pushUndo {
		return nil
	}
	if err := e.b.Put(stackKey(prefixUndo, seq), nil); err != nil {
		return err
	}
	// A new change ends the redo history, as in every editor.
	for k := stackFirst(e.b, prefixRedo); k != nil; k = stackFirst(e.b, prefixRedo) {
		if err := e.b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// nextSeq numbers a change. The log lives in each layer's bucket, which
// every change dirties anyway; a global counter would dirty one more page
// per commit, and pages written are what a commit costs. The number is
// derived from the transaction id instead: (base + txid) << 12, plus a
// count for the rare transaction that logs twice on one layer (an import
// naming the same text twice). Transaction ids only grow, so numbers keep
// the order of changes; base lifts them above the numbers of databases
// from before layout 3.
func (e *Edit) nextSeq() uint64 {
	base, _ := strconv.ParseUint(string(e.tx.Bucket(bucketMeta).Get(keySeqBase)), 10, 64)
	seq := (base + uint64(e.tx.ID())) << 12
	for e.b.Get(stackKey(prefixLog, seq)) != nil {
		seq++
	}
	return seq
}

func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n)
	return k[:]
}

func stackKey(prefix byte, seq uint64) []byte {
	return append([]byte{prefix}, seqKey(seq)...)
}

// stackFirst and stackLast return the lowest and highest key of a stack
// in the layer bucket, or nil when it is empty.
func stackFirst(b *bolt.Bucket, prefix byte) []byte {
	k, _ := b.Cursor().Seek([]byte{prefix})
	if k == nil || k[0] != prefix || len(k) != 9 {
		return nil
	}
	return append([]byte(nil), k...)
}

func stackLast(b *bolt.Bucket, prefix byte) []byte {
	c := b.Cursor()
	k, _ := c.Seek([]byte{prefix + 1})
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || k[0] != prefix || len(k) != 9 {
		return nil
	}
	return append([]byte(nil), k...)
}

// load decodes the item stored under id in b: nil when there is none.
func load[T any](b *bolt.Bucket, id string) (*T, error) {
	raw := b.Get([]byte(id))
	if raw == nil {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	return v, nil
}

// Entity reads an entity of the layer as the transaction sees it.
func (e *Edit) Entity(id string) (Entity, bool) {
	v, err := load[Entity](e.b.Bucket(bucketEnts), id)
	if v == nil || err != nil {
		return Entity{}, false
	}
	return *v, true
}

// Event reads an event of the layer as the transaction sees it.
func (e *Edit) Event(id string) (Event, bool) {
	v, err := load[Event](e.b.Bucket(bucketEvents), id)
	if v == nil || err != nil {
		return Event{}, false
	}
	return *v, true
}

// Layer reads the whole layer as the transaction sees it.
func (e *Edit) Layer() (Layer, error) {
	return readLayer(e.b, e.doc.ID, e.change.Annotator)
}

func (e *Edit) checkSpan(what string, s Span) error {
	if s.Start < 0 || s.End > e.doc.Runes {
		return fmt.Errorf("%s [%d,%d) lies outside the text (0..%d code points)", what, s.Start, s.End, e.doc.Runes)
	}
	if s.Start >= s.End {
		return fmt.Errorf("%s [%d,%d) is empty: start must be before end", what, s.Start, s.End)
	}
	return nil
}

func (e *Edit) checkEntity(ent Entity) error {
	if err := e.checkSpan("entity "+ent.ID, ent.Span()); err != nil {
		return err
	}
	if _, ok := e.schema.EntityType(ent.Type); !ok {
		return fmt.Errorf("entity type %q is not in the schema", ent.Type)
	}
	if id := e.b.Bucket(bucketEnts).Get(spanKey(ent)); id != nil && string(id) != ent.ID {
		return fmt.Errorf("an entity %s [%d,%d) already exists (%s): exact duplicates are refused", ent.Type, ent.Start, ent.End, id)
	}
	return nil
}

func spanKey(ent Entity) []byte {
	k := make([]byte, 9, 9+len(ent.Type))
	k[0] = prefixSpan
	binary.BigEndian.PutUint32(k[1:], uint32(ent.Start))
	binary.BigEndian.PutUint32(k[5:], uint32(ent.End))
	return append(k, ent.Type...)
}

// AddEntity adds an entity and returns it with its new id.
func (e *Edit) AddEntity(ent Entity) (Entity, error) {
	ents := e.b.Bucket(bucketEnts)
	if ent.ID == "" {
		id, err := nextID(ents, "T")
		if err != nil {
			return ent, err
		}
		ent.ID = id
	} else if ents.Get([]byte(ent.ID)) != nil {
		return ent, fmt.Errorf("entity id %s is already used", ent.ID)
	}
	if err := e.checkEntity(ent); err != nil {
		return ent, err
	}
	return ent, e.putEntity(nil, &ent)
}

// SetEntity changes the span or type of an existing entity.
func (e *Edit) SetEntity(ent Entity) error {
	old, ok := e.Entity(ent.ID)
	if !ok {
		return fmt.Errorf("entity %s: %w", ent.ID, ErrNotFound)
	}
	if old == ent {
		return nil
	}
	if err := e.checkEntity(ent); err != nil {
		return err
	}
	return e.putEntity(&old, &ent)
}

// DeleteEntity removes an entity and every event argument that points to it.
func (e *Edit) DeleteEntity(id string) error {
	old, ok := e.Entity(id)
	if !ok {
		return fmt.Errorf("entity %s: %w", id, ErrNotFound)
	}
	var events []Event
	if err := e.b.Bucket(bucketEvents).ForEach(func(_, v []byte) error {
		var ev Event
		if err := json.Unmarshal(v, &ev); err != nil {
			return err
		}
		events = append(events, ev)
		return nil
	}); err != nil {
		return err
	}
	for _, ev := range events {
		kept := ev.Arguments[:0:0]
		for _, a := range ev.Arguments {
			if a.Entity != id {
				kept = append(kept, a)
			}
		}
		if len(kept) != len(ev.Arguments) {
			next := ev
			next.Arguments = kept
			if err := e.putEvent(&ev, &next); err != nil {
				return err
			}
		}
	}
	return e.putEntity(&old, nil)
}

// putEntity writes after in place of before (either may be nil) and logs it.
func (e *Edit) putEntity(before, after *Entity) error {
	// The span index lives in the same bucket, under its own prefix.
	ents := e.b.Bucket(bucketEnts)
	id := ""
	if before != nil {
		id = before.ID
		if err := ents.Delete(spanKey(*before)); err != nil {
			return err
		}
		if after == nil {
			if err := ents.Delete([]byte(before.ID)); err != nil {
				return err
			}
			e.info.Entities--
		}
	}
	if after != nil {
		id = after.ID
		raw, err := json.Marshal(after)
		if err != nil {
			return err
		}
		if err := ents.Put([]byte(after.ID), raw); err != nil {
			return err
		}
		if err := ents.Put(spanKey(*after), []byte(after.ID)); err != nil {
			return err
		}
		if before == nil {
			e.info.Entities++
		}
	}
	return e.record(diffOf(KindEntity, id, before, after))
}

func (e *Edit) checkEvent(ev Event) error {
	et, ok := e.schema.EventType(ev.Type)
	if !ok {
		return fmt.Errorf("event type %q is not in the schema", ev.Type)
	}
	if err := e.checkSpan("event trigger", ev.Trigger); err != nil {
		return err
	}
	for _, a := range ev.Arguments {
		if !et.HasRole(a.Role) {
			return fmt.Errorf("role %q does not belong to event type %s (allowed: %s)", a.Role, et.Name, strings.Join(et.Roles, ", "))
		}
		if _, ok := e.Entity(a.Entity); !ok {
			return fmt.Errorf("argument %s: entity %s does not exist in this layer", a.Role, a.Entity)
		}
	}
	return nil
}

// AddEvent adds an event and returns it with its new id.
func (e *Edit) AddEvent(ev Event) (Event, error) {
	evs := e.b.Bucket(bucketEvents)
	if ev.ID == "" {
		id, err := nextID(evs, "E")
		if err != nil {
			return ev, err
		}
		ev.ID = id
	} else if evs.Get([]byte(ev.ID)) != nil {
		return ev, fmt.Errorf("event id %s is already used", ev.ID)
	}
	if ev.Arguments == nil {
		ev.Arguments = []Argument{}
	}
	if err := e.checkEvent(ev); err != nil {
		return ev, err
	}
	return ev, e.putEvent(nil, &ev)
}

// SetEvent replaces an existing event's type, trigger or arguments.
func (e *Edit) SetEvent(ev Event) error {
	old, ok := e.Event(ev.ID)
	if !ok {
		return fmt.Errorf("event %s: %w", ev.ID, ErrNotFound)
	}
	if ev.Arguments == nil {
		ev.Arguments = []Argument{}
	}
	if err := e.checkEvent(ev); err != nil {
		return err
	}
	return e.putEvent(&old, &ev)
}

// DeleteEvent removes an event; its argument entities stay.
func (e *Edit) DeleteEvent(id string) error {
	old, ok := e.Event(id)
	if !ok {
		return fmt.Errorf("event %s: %w", id, ErrNotFound)
	}
	return e.putEvent(&old, nil)
}

func (e *Edit) putEvent(before, after *Event) error {
	evs := e.b.Bucket(bucketEvents)
	if after == nil {
		if err := evs.Delete([]byte(before.ID)); err != nil {
			return err
		}
		e.info.Events--
		return e.record(diffOf(KindEvent, before.ID, before, after))
	}
	raw, err := json.Marshal(after)
	if err != nil {
		return err
	}
	if err := evs.Put([]byte(after.ID), raw); err != nil {
		return err
	}
	if before == nil {
		e.info.Events++
	}
	return e.record(diffOf(KindEvent, after.ID, before, after))
}

// SetStatus sets the layer's status.
func (e *Edit) SetStatus(st Status) error {
	if !st.Valid() {
		return fmt.Errorf("status %q is not one of new, in-progress, done", st)
	}
	if st == e.info.Status {
		return nil
	}
	before := e.info.Status
	e.info.Status = st
	return e.record(diffOf(KindStatus, "", &before, &st))
}

// diffOf is one item's change for the log; a nil side means the item
// is absent on that side.
func diffOf[T any](kind, id string, before, after *T) (Diff, error) {
	d := Diff{Kind: kind, ID: id}
	var err error
	if before != nil {
		if d.Before, err = json.Marshal(before); err != nil {
			return d, err
		}
	}
	if after != nil {
		if d.After, err = json.Marshal(after); err != nil {
			return d, err
		}
	}
	return d, nil
}

func (e *Edit) record(d Diff, err error) error {
	if err != nil {
		return err
	}
	e.change.Diffs = append(e.change.Diffs, d)
	return nil
}

// nextID returns the next unused id of the form prefix+n. Imported layers
// bring their own ids, so the bucket sequence alone may point at a taken one.
func nextID(b *bolt.Bucket, prefix string) (string, error) {
	for {
		n, err := b.NextSequence()
		if err != nil {
			return "", err
		}
		id := prefix + strconv.FormatUint(n, 10)
		if b.Get([]byte(id)) == nil {
			return id, nil
		}
	}
}
