package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Edit is one transaction on one annotator's layer of one document. Every
// change it makes is validated, applied and recorded in the change log;
// the whole Edit is committed or nothing is.
type Edit struct {
	lw     LayerWriter
	doc    DocInfo
	schema *Schema
	info   LayerInfo
	change *Change
	// restored, when set, is a layer brought in whole (a native import):
	// its status, revision and time are kept as they were, so an
	// export-import round trip is lossless.
	restored *Layer
	sync     bool // mark the layer synced at its new revision (a bundle)
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
	err = s.update(func(tx WriteTx) error {
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

func beginEdit(tx WriteTx, sc *Schema, doc, annotator, op string) (*Edit, error) {
	info, err := tx.DocInfo(doc)
	if err != nil {
		return nil, err
	}
	lw, err := tx.LayerForUpdate(doc, annotator)
	if err != nil {
		return nil, err
	}
	li, err := lw.Info()
	if err != nil {
		return nil, err
	}
	if li.Status == "" {
		li.Status = StatusNew
	}
	if !li.Counted {
		if err := countLayer(lw, &li); err != nil {
			return nil, err
		}
	}
	return &Edit{lw: lw, doc: info, schema: sc, info: li,
		change: &Change{Doc: doc, Annotator: annotator, Op: op}}, nil
}

// countLayer counts a layer's items by type and its changes: once, for a
// layer stored before the counts were kept (a new layer counts nothing).
func countLayer(r LayerReader, li *LayerInfo) error {
	li.EntityTypes, li.EventTypes, li.Changes = map[string]int{}, map[string]int{}, 0
	if err := r.Entities(func(e Entity) error { li.EntityTypes[e.Type]++; return nil }); err != nil {
		return err
	}
	if err := r.Events(func(e Event) error { li.EventTypes[e.Type]++; return nil }); err != nil {
		return err
	}
	if err := r.Changes(func(Change) error { li.Changes++; return nil }); err != nil {
		return err
	}
	li.Counted = true
	return nil
}

// count adds n to a type's count, dropping a type that reaches zero.
func count(m *map[string]int, typ string, n int) {
	if *m == nil {
		*m = map[string]int{}
	}
	if (*m)[typ] += n; (*m)[typ] <= 0 {
		delete(*m, typ)
	}
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
	if r := e.restored; r != nil && r.Synced > 0 {
		e.info.Synced = r.Synced
	}
	if e.sync {
		e.info.Synced = e.info.Revision
	}
	// Change numbers are the layer's own counter, kept in its info record
	// (written by every change anyway), so they survive compaction, backup
	// and copying between backends unchanged.
	e.info.Seq++
	e.info.Changes++
	e.change.Seq, e.change.Time, e.change.Revision = e.info.Seq, now, e.info.Revision
	if err := e.lw.SetInfo(e.info); err != nil {
		return err
	}
	if err := e.lw.PutChange(*e.change); err != nil {
		return err
	}
	if !pushUndo {
		return nil
	}
	if err := e.lw.StackPush(UndoStack, e.change.Seq); err != nil {
		return err
	}
	// A new change ends the redo history, as in every editor.
	return e.lw.StackClear(RedoStack)
}

// Entity reads an entity of the layer as the transaction sees it.
func (e *Edit) Entity(id string) (Entity, bool) {
	v, err := e.lw.Entity(id)
	if v == nil || err != nil {
		return Entity{}, false
	}
	return *v, true
}

// Event reads an event of the layer as the transaction sees it.
func (e *Edit) Event(id string) (Event, bool) {
	v, err := e.lw.Event(id)
	if v == nil || err != nil {
		return Event{}, false
	}
	return *v, true
}

// Layer reads the whole layer as the transaction sees it.
func (e *Edit) Layer() (Layer, error) {
	return readLayer(e.lw, e.doc.ID, e.change.Annotator)
}

func (e *Edit) checkSpan(what string, s Span) error { return checkSpan(what, s, e.doc.Runes) }

// checkSpan refuses a span outside a text of runes code points, or empty.
func checkSpan(what string, s Span, runes int) error {
	if s.Start < 0 || s.End > runes {
		return fmt.Errorf("%s [%d,%d) lies outside the text (0..%d code points)", what, s.Start, s.End, runes)
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
	id, err := e.lw.EntityAt(ent.Start, ent.End, ent.Type)
	if err != nil {
		return err
	}
	if id != "" && id != ent.ID {
		return fmt.Errorf("an entity %s [%d,%d) already exists (%s): exact duplicates are refused", ent.Type, ent.Start, ent.End, id)
	}
	return nil
}

// AddEntity adds an entity and returns it with its new id.
func (e *Edit) AddEntity(ent Entity) (Entity, error) {
	if ent.ID == "" {
		id, err := nextID("T", &e.info.NextEntity, e.lw.Entity)
		if err != nil {
			return ent, err
		}
		ent.ID = id
	} else if _, taken := e.Entity(ent.ID); taken {
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
	if old.Equal(ent) {
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
	if err := e.lw.Events(func(ev Event) error { events = append(events, ev); return nil }); err != nil {
		return err
	}
	SortEvents(events) // the log lists the argument removals in a stable order
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
	if err := e.lw.PutEntity(before, after); err != nil {
		return err
	}
	id := ""
	switch {
	case before == nil:
		id = after.ID
		e.info.Entities++
	case after == nil:
		id = before.ID
		e.info.Entities--
	default:
		id = after.ID
	}
	if before != nil {
		count(&e.info.EntityTypes, before.Type, -1)
	}
	if after != nil {
		count(&e.info.EntityTypes, after.Type, 1)
	}
	return e.record(diffOf(KindEntity, id, before, after))
}

func (e *Edit) checkEvent(ev Event) error {
	return e.checkEventWith(ev, func(id string) bool { _, ok := e.Entity(id); return ok })
}

// checkEventWith checks an event, finding argument entities with has.
func (e *Edit) checkEventWith(ev Event, has func(id string) bool) error {
	return checkEvent(e.schema, ev, e.doc.Runes, has)
}

// checkEvent checks an event against the schema and a text of runes code
// points, finding argument entities with has.
func checkEvent(sc *Schema, ev Event, runes int, has func(id string) bool) error {
	et, ok := sc.EventType(ev.Type)
	if !ok {
		return fmt.Errorf("event type %q is not in the schema", ev.Type)
	}
	if err := checkSpan("event trigger", ev.Trigger, runes); err != nil {
		return err
	}
	for _, a := range ev.Arguments {
		if !et.HasRole(a.Role) {
			return fmt.Errorf("role %q does not belong to event type %s (allowed: %s)", a.Role, et.Name, strings.Join(et.Roles, ", "))
		}
		if !has(a.Entity) {
			return fmt.Errorf("argument %s: entity %s does not exist in this layer", a.Role, a.Entity)
		}
	}
	return nil
}

// AddEvent adds an event and returns it with its new id.
func (e *Edit) AddEvent(ev Event) (Event, error) {
	if ev.ID == "" {
		id, err := nextID("E", &e.info.NextEvent, e.lw.Event)
		if err != nil {
			return ev, err
		}
		ev.ID = id
	} else if _, taken := e.Event(ev.ID); taken {
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
	if err := e.lw.PutEvent(before, after); err != nil {
		return err
	}
	id := ""
	switch {
	case before == nil:
		id = after.ID
		e.info.Events++
	case after == nil:
		id = before.ID
		e.info.Events--
	default:
		id = after.ID
	}
	if before != nil {
		count(&e.info.EventTypes, before.Type, -1)
	}
	if after != nil {
		count(&e.info.EventTypes, after.Type, 1)
	}
	return e.record(diffOf(KindEvent, id, before, after))
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
		if d.Before, err = itemJSON(before); err != nil {
			return d, err
		}
	}
	if after != nil {
		if d.After, err = itemJSON(after); err != nil {
			return d, err
		}
	}
	return d, nil
}

// itemJSON is json.Marshal(v), written directly for the common entity
// (plain ASCII id and type, no provenance): an import logs one per entity,
// and reflection was most of that cost. The bytes are json.Marshal's.
func itemJSON[T any](v *T) (json.RawMessage, error) {
	if e, ok := any(v).(*Entity); ok && e.Provenance == nil && plainJSON(e.ID) && plainJSON(e.Type) {
		b := make([]byte, 0, 40+len(e.ID)+len(e.Type))
		b = append(b, `{"id":"`...)
		b = append(b, e.ID...)
		b = append(b, `","start":`...)
		b = strconv.AppendInt(b, int64(e.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(e.End), 10)
		b = append(b, `,"type":"`...)
		b = append(b, e.Type...)
		return append(b, `"}`...), nil
	}
	return json.Marshal(v)
}

// plainJSON reports whether encoding/json writes s as it is between quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

func (e *Edit) record(d Diff, err error) error {
	if err != nil {
		return err
	}
	e.change.Diffs = append(e.change.Diffs, d)
	return nil
}

// nextID returns the next unused id of the form prefix+n, counting on from
// *counter. Imported layers bring their own ids, so the counter alone may
// point at a taken one.
func nextID[T any](prefix string, counter *uint64, get func(string) (*T, error)) (string, error) {
	for {
		*counter++
		id := prefix + strconv.FormatUint(*counter, 10)
		v, err := get(id)
		if err != nil {
			return "", err
		}
		if v == nil {
			return id, nil
		}
	}
}
