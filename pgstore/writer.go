package pgstore

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
)

// writer is a layer locked by this transaction. Its info, entities and
// events are read into memory with the lock, in the same round trip, and
// served from there: nobody else can change them until the transaction
// ends. Changes are kept in memory too and sent as their net effect (rows
// deleted, updated, inserted) with the transaction's next round trip.
// Measured against one query per lookup, this costs the same for layers
// of a few hundred entities and saves a round trip per lookup on imports,
// whose thousands of inserts then go by COPY.
type writer struct {
	t         *txn
	key       layerKey
	info      corpus.LayerInfo
	infoDirty bool
	// ents and evs are the layer now; entsDB and evsDB as the server has
	// it. dirty names the items that may differ.
	ents, entsDB       map[string]corpus.Entity
	evs, evsDB         map[string]corpus.Event
	dirtyEnts, dirtyEv map[string]bool
	spans              map[span][]string // entity ids by span and type, for EntityAt
	// queued says the writer is on its transaction's dirty list.
	queued bool
}

// touch puts the writer on the transaction's list of layers to flush.
func (w *writer) touch() {
	if !w.queued {
		w.queued = true
		w.t.dirty = append(w.t.dirty, w)
	}
}

type span struct {
	start, end int
	typ        string
}

func (t *txn) LayerForUpdate(doc, annotator string) (corpus.LayerWriter, error) {
	key, ok := docID(doc)
	if !ok {
		return nil, notFound(doc)
	}
	k := layerKey{key, annotator}
	if w := t.writers[k]; w != nil {
		return w, nil
	}
	if err := storable("annotator name", annotator); err != nil {
		return nil, err
	}
	p := newPage([]layerKey{k})
	var info []byte
	locked := false
	err := t.run(
		// Creating the row first gives FOR UPDATE a row to lock even for a
		// new layer; a row-level security policy refuses it right here
		// for another annotator's layer.
		stmt{what: "create layer " + k.String(), sql: `INSERT INTO layers (doc, annotator) VALUES ($1, $2) ON CONFLICT DO NOTHING`, args: layerArgs(k)},
		stmt{what: "lock layer " + k.String(), sql: `SELECT info FROM layers WHERE doc = $1 AND annotator = $2 FOR UPDATE`, args: layerArgs(k),
			row: func(r pgx.Rows) error { locked = true; return r.Scan(&info) }},
		p.entityQuery(),
		p.eventQuery(),
	)
	switch {
	case hasCode(err, codeNoPrivilege) || err == nil && !locked:
		// A policy that lets us read the row but not update it hides it
		// from FOR UPDATE: that is a refusal too.
		t.failed = fmt.Errorf("layer %s: the database role %q may not change the annotations of %q: %w", k, t.d.role, annotator, fs.ErrPermission)
		return nil, t.failed
	case hasCode(err, codeForeignKeyViolation):
		return nil, notFound(doc)
	case err != nil:
		return nil, err
	}
	li, err := decodeInfo(k, info)
	if err != nil {
		return nil, err
	}
	w := &writer{t: t, key: k, info: li,
		ents: map[string]corpus.Entity{}, entsDB: map[string]corpus.Entity{}, spans: map[span][]string{},
		evs: map[string]corpus.Event{}, evsDB: map[string]corpus.Event{},
		dirtyEnts: map[string]bool{}, dirtyEv: map[string]bool{}}
	for _, e := range p.ents[k] {
		w.ents[e.ID], w.entsDB[e.ID] = e, e
		w.addSpan(e)
	}
	for _, ev := range p.evs[k] {
		w.evs[ev.ID], w.evsDB[ev.ID] = ev, ev
	}
	if t.writers == nil {
		t.writers = map[layerKey]*writer{}
	}
	t.writers[k] = w
	return w, nil
}

// storable refuses what PostgreSQL's text type cannot hold.
func storable(what, s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("%s %q holds a NUL character, which PostgreSQL cannot store", what, s)
	}
	return nil
}

func (w *writer) addSpan(e corpus.Entity) {
	k := span{e.Start, e.End, e.Type}
	w.spans[k] = append(w.spans[k], e.ID)
}

func (w *writer) removeSpan(e corpus.Entity) {
	k := span{e.Start, e.End, e.Type}
	ids := slices.DeleteFunc(w.spans[k], func(id string) bool { return id == e.ID })
	if len(ids) == 0 {
		delete(w.spans, k)
	} else {
		w.spans[k] = ids
	}
}

func (w *writer) Info() (corpus.LayerInfo, error) { return w.info, nil }

func (w *writer) SetInfo(info corpus.LayerInfo) error {
	w.info, w.infoDirty = info, true
	w.touch()
	return nil
}

func (w *writer) Entity(id string) (*corpus.Entity, error) {
	if e, ok := w.ents[id]; ok {
		return &e, nil
	}
	return nil, nil
}

func (w *writer) Event(id string) (*corpus.Event, error) {
	if ev, ok := w.evs[id]; ok {
		ev.Arguments = slices.Clone(ev.Arguments)
		return &ev, nil
	}
	return nil, nil
}

func (w *writer) EntityAt(start, end int, typ string) (string, error) {
	if ids := w.spans[span{start, end, typ}]; len(ids) > 0 {
		return ids[0], nil
	}
	return "", nil
}

func (w *writer) Entities(fn func(corpus.Entity) error) error {
	for _, e := range w.ents {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) Events(fn func(corpus.Event) error) error {
	for _, ev := range w.evs {
		ev.Arguments = slices.Clone(ev.Arguments)
		if err := fn(ev); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) Change(seq uint64) (*corpus.Change, error) { return change(w.t, w.key, seq) }

func (w *writer) Changes(fn func(corpus.Change) error) error {
	var log []corpus.Change
	err := w.t.query("read the change log of "+w.key.String(), `SELECT seq, change FROM changes WHERE doc = $1 AND annotator = $2 ORDER BY seq`,
		layerArgs(w.key), func(r pgx.Rows) error {
			var seq int64
			var raw []byte
			if err := r.Scan(&seq, &raw); err != nil {
				return err
			}
			var ch corpus.Change
			if err := json.Unmarshal(raw, &ch); err != nil {
				return fmt.Errorf("layer %s: change %d: %v", w.key, seq, err)
			}
			log = append(log, ch)
			return nil
		})
	if err != nil {
		return err
	}
	for _, ch := range log {
		if err := fn(ch); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) StackEnds(s corpus.Stack) (first, last uint64, ok bool, err error) {
	return stackEnds(w.t, w.key, s)
}

func (w *writer) StackAll(s corpus.Stack) ([]uint64, error) { return stackAll(w.t, w.key, s) }

func (w *writer) PutEntity(before, after *corpus.Entity) error {
	if after != nil {
		if err := storable("entity id", after.ID); err != nil {
			return err
		}
		if err := storable("entity type", after.Type); err != nil {
			return err
		}
		if after.Start < math.MinInt32 || after.End > math.MaxInt32 {
			return fmt.Errorf("entity %s [%d,%d) lies beyond the offsets PostgreSQL's int columns hold", after.ID, after.Start, after.End)
		}
	}
	w.touch()
	if before != nil {
		if old, ok := w.ents[before.ID]; ok {
			w.removeSpan(old)
			delete(w.ents, before.ID)
		}
		w.dirtyEnts[before.ID] = true
	}
	if after != nil {
		if old, ok := w.ents[after.ID]; ok {
			w.removeSpan(old)
		}
		w.ents[after.ID] = *after
		w.addSpan(*after)
		w.dirtyEnts[after.ID] = true
	}
	return nil
}

func (w *writer) PutEvent(before, after *corpus.Event) error {
	if after != nil {
		if err := storable("event id", after.ID); err != nil {
			return err
		}
	}
	w.touch()
	if before != nil {
		delete(w.evs, before.ID)
		w.dirtyEv[before.ID] = true
	}
	if after != nil {
		ev := *after
		ev.Arguments = slices.Clone(ev.Arguments)
		w.evs[ev.ID] = ev
		w.dirtyEv[ev.ID] = true
	}
	return nil
}

func (w *writer) PutChange(ch corpus.Change) error {
	seq, ok := toInt64(ch.Seq)
	if !ok {
		return fmt.Errorf("layer %s: change number %d is too large to store", w.key, ch.Seq)
	}
	raw, err := json.Marshal(ch)
	if err != nil {
		return err
	}
	return w.t.exec(fmt.Sprintf("log change %d of %s", ch.Seq, w.key),
		`INSERT INTO changes (doc, annotator, seq, change) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (doc, annotator, seq) DO UPDATE SET change = EXCLUDED.change`, layerArgs(w.key, seq, raw)...)
}

func (w *writer) StackPush(s corpus.Stack, seq uint64) error {
	n, ok := toInt64(seq)
	if !ok {
		return fmt.Errorf("layer %s: change number %d is too large to store", w.key, seq)
	}
	return w.t.exec("push onto the "+stackName(s)+" stack of "+w.key.String(),
		`INSERT INTO stacks (doc, annotator, stack, seq) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, layerArgs(w.key, string(rune(s)), n)...)
}

func (w *writer) StackRemove(s corpus.Stack, seq uint64) error {
	n, ok := toInt64(seq)
	if !ok {
		return nil
	}
	return w.t.exec("take from the "+stackName(s)+" stack of "+w.key.String(),
		`DELETE FROM stacks WHERE doc = $1 AND annotator = $2 AND stack = $3 AND seq = $4`, layerArgs(w.key, string(rune(s)), n)...)
}

func (w *writer) StackClear(s corpus.Stack) error {
	return w.t.exec("clear the "+stackName(s)+" stack of "+w.key.String(),
		`DELETE FROM stacks WHERE doc = $1 AND annotator = $2 AND stack = $3`, layerArgs(w.key, string(rune(s)))...)
}
