package pgstore

import (
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
)

// page is the layers one query listed. Their entities, events and change
// logs are read for the whole page at once, on first use, so that a pass
// over every layer (statistics, type usage, the change log) costs a few
// queries per page rather than per layer. A page's layers are a run of
// consecutive keys, so one range scan of each table finds their items.
type page struct {
	keys    []layerKey
	infos   map[layerKey][]byte
	ents    map[layerKey][]corpus.Entity
	evs     map[layerKey][]corpus.Event
	changes map[layerKey][]corpus.Change
	// loaded says which of ents, evs, changes have been read.
	entsLoaded, evsLoaded, changesLoaded bool
}

func newPage(keys []layerKey) *page {
	return &page{keys: keys, infos: map[layerKey][]byte{}, ents: map[layerKey][]corpus.Entity{},
		evs: map[layerKey][]corpus.Event{}, changes: map[layerKey][]corpus.Change{}}
}

// rangeArgs are the bounds of the page's keys for `(doc, annotator)
// BETWEEN ($1, $2) AND ($3, $4)`.
func (p *page) rangeArgs() []any {
	first, last := p.keys[0], p.keys[len(p.keys)-1]
	return []any{first.doc, first.ann, last.doc, last.ann}
}

const pageRange = `(doc, annotator) >= ($1, $2) AND (doc, annotator) <= ($3, $4)`

// scanKey reads the doc and annotator columns that start each item row.
func scanKey(r pgx.Rows, rest ...any) (layerKey, error) {
	var k layerKey
	err := r.Scan(append([]any{&k.doc, &k.ann}, rest...)...)
	return k, err
}

func (p *page) entityQuery() stmt {
	p.entsLoaded = true
	return stmt{what: "read entities", sql: `SELECT doc::text, annotator, id, start, "end", type, provenance FROM entities WHERE ` + pageRange,
		args: p.rangeArgs(), row: func(r pgx.Rows) error {
			var e corpus.Entity
			var prov []byte
			k, err := scanKey(r, &e.ID, &e.Start, &e.End, &e.Type, &prov)
			if err == nil {
				e.Provenance, err = decodeProvenance(prov)
			}
			p.ents[k] = append(p.ents[k], e)
			return err
		}}
}

func (p *page) eventQuery() stmt {
	p.evsLoaded = true
	return stmt{what: "read events", sql: `SELECT doc::text, annotator, id, item FROM events WHERE ` + pageRange,
		args: p.rangeArgs(), row: func(r pgx.Rows) error {
			var id string
			var raw []byte
			k, err := scanKey(r, &id, &raw)
			if err != nil {
				return err
			}
			var ev corpus.Event
			if err := json.Unmarshal(raw, &ev); err != nil {
				return fmt.Errorf("layer %s: event %s: %v", k, id, err)
			}
			p.evs[k] = append(p.evs[k], ev)
			return nil
		}}
}

func (p *page) changeQuery() stmt {
	p.changesLoaded = true
	return stmt{what: "read change logs", sql: `SELECT doc::text, annotator, seq, change FROM changes WHERE ` + pageRange + ` ORDER BY doc, annotator, seq`,
		args: p.rangeArgs(), row: func(r pgx.Rows) error {
			var seq int64
			var raw []byte
			k, err := scanKey(r, &seq, &raw)
			if err != nil {
				return err
			}
			var ch corpus.Change
			if err := json.Unmarshal(raw, &ch); err != nil {
				return fmt.Errorf("layer %s: change %d: %v", k, seq, err)
			}
			p.changes[k] = append(p.changes[k], ch)
			return nil
		}}
}

// load reads what the page has not read yet.
func (p *page) load(t *txn, loaded *bool, q func() stmt) error {
	if *loaded {
		return nil
	}
	if err := t.run(q()); err != nil {
		*loaded = false
		return err
	}
	return nil
}

// layer reads one layer of a page. Point lookups go to the server unless
// the page has the items already.
type layer struct {
	t    *txn
	key  layerKey
	page *page
}

func (l *layer) Info() (corpus.LayerInfo, error) {
	return decodeInfo(l.key, l.page.infos[l.key])
}

func decodeInfo(k layerKey, raw []byte) (corpus.LayerInfo, error) {
	info := corpus.LayerInfo{Status: corpus.StatusNew}
	if len(raw) == 0 {
		return info, nil
	}
	if err := json.Unmarshal(raw, &info); err != nil {
		return info, fmt.Errorf("layer %s: info: %v", k, err)
	}
	if info.Status == "" {
		info.Status = corpus.StatusNew // a layer created and not yet written
	}
	return info, nil
}

// layerArgs starts the arguments of a query on this layer alone.
func layerArgs(k layerKey, more ...any) []any { return append([]any{k.doc, k.ann}, more...) }

func (l *layer) Entity(id string) (*corpus.Entity, error) {
	if l.page.entsLoaded {
		for _, e := range l.page.ents[l.key] {
			if e.ID == id {
				return &e, nil
			}
		}
		return nil, nil
	}
	e := corpus.Entity{ID: id}
	var prov []byte
	found, err := l.t.queryRow("read entity "+id, `SELECT start, "end", type, provenance FROM entities WHERE doc = $1 AND annotator = $2 AND id = $3`,
		layerArgs(l.key, id), &e.Start, &e.End, &e.Type, &prov)
	if err != nil || !found {
		return nil, err
	}
	e.Provenance, err = decodeProvenance(prov)
	return &e, err
}

func (l *layer) Event(id string) (*corpus.Event, error) {
	if err := l.page.load(l.t, &l.page.evsLoaded, l.page.eventQuery); err != nil {
		return nil, err
	}
	for _, ev := range l.page.evs[l.key] {
		if ev.ID == id {
			return &ev, nil
		}
	}
	return nil, nil
}

func (l *layer) EntityAt(start, end int, typ string) (string, error) {
	if l.page.entsLoaded {
		for _, e := range l.page.ents[l.key] {
			if e.Start == start && e.End == end && e.Type == typ {
				return e.ID, nil
			}
		}
		return "", nil
	}
	var id string
	_, err := l.t.queryRow("find an entity by span", `SELECT id FROM entities WHERE doc = $1 AND annotator = $2 AND start = $3 AND "end" = $4 AND type = $5 ORDER BY id LIMIT 1`,
		layerArgs(l.key, start, end, typ), &id)
	return id, err
}

func (l *layer) Entities(fn func(corpus.Entity) error) error {
	if err := l.page.load(l.t, &l.page.entsLoaded, l.page.entityQuery); err != nil {
		return err
	}
	for _, e := range l.page.ents[l.key] {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (l *layer) Events(fn func(corpus.Event) error) error {
	if err := l.page.load(l.t, &l.page.evsLoaded, l.page.eventQuery); err != nil {
		return err
	}
	for _, ev := range l.page.evs[l.key] {
		if err := fn(ev); err != nil {
			return err
		}
	}
	return nil
}

func (l *layer) Change(seq uint64) (*corpus.Change, error) {
	return change(l.t, l.key, seq)
}

func (l *layer) Changes(fn func(corpus.Change) error) error {
	if err := l.page.load(l.t, &l.page.changesLoaded, l.page.changeQuery); err != nil {
		return err
	}
	for _, ch := range l.page.changes[l.key] {
		if err := fn(ch); err != nil {
			return err
		}
	}
	return nil
}

func (l *layer) StackEnds(s corpus.Stack) (first, last uint64, ok bool, err error) {
	return stackEnds(l.t, l.key, s)
}

// change reads one logged change of a layer.
func change(t *txn, k layerKey, seq uint64) (*corpus.Change, error) {
	n, ok := toInt64(seq)
	if !ok {
		return nil, nil
	}
	var raw []byte
	found, err := t.queryRow(fmt.Sprintf("read change %d", seq), `SELECT change FROM changes WHERE doc = $1 AND annotator = $2 AND seq = $3`,
		layerArgs(k, n), &raw)
	if err != nil || !found {
		return nil, err
	}
	var ch corpus.Change
	if err := json.Unmarshal(raw, &ch); err != nil {
		return nil, fmt.Errorf("layer %s: change %d: %v", k, seq, err)
	}
	return &ch, nil
}

// stackEnds reads the lowest and highest change number on a stack.
func stackEnds(t *txn, k layerKey, s corpus.Stack) (first, last uint64, ok bool, err error) {
	var lo, hi *int64
	_, err = t.queryRow("read the "+stackName(s)+" stack", `SELECT min(seq), max(seq) FROM stacks WHERE doc = $1 AND annotator = $2 AND stack = $3`,
		layerArgs(k, string(rune(s))), &lo, &hi)
	if err != nil || lo == nil || hi == nil {
		return 0, 0, false, err
	}
	return uint64(*lo), uint64(*hi), true, nil
}

// stackAll reads every change number on a stack, ascending.
func stackAll(t *txn, k layerKey, s corpus.Stack) ([]uint64, error) {
	var out []uint64
	err := t.query("read the "+stackName(s)+" stack", `SELECT seq FROM stacks WHERE doc = $1 AND annotator = $2 AND stack = $3 ORDER BY seq`,
		layerArgs(k, string(rune(s))), func(r pgx.Rows) error {
			var n int64
			if err := r.Scan(&n); err != nil {
				return err
			}
			out = append(out, uint64(n))
			return nil
		})
	return out, err
}

func (l *layer) StackAll(s corpus.Stack) ([]uint64, error) { return stackAll(l.t, l.key, s) }

func stackName(s corpus.Stack) string {
	if s == corpus.RedoStack {
		return "redo"
	}
	return "undo"
}

// toInt64 converts a change number for a bigint column; numbers beyond it
// are never stored (the counters start at 1 and count up).
func toInt64(n uint64) (int64, bool) {
	if n > 1<<63-1 {
		return 0, false
	}
	return int64(n), true
}

// decodeProvenance reads the provenance column: NULL for most entities.
func decodeProvenance(raw []byte) (*corpus.Provenance, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	p := new(corpus.Provenance)
	if err := json.Unmarshal(raw, p); err != nil {
		return nil, fmt.Errorf("entity provenance: %v: %w", err, corpus.ErrDamaged)
	}
	return p, nil
}

// encodeProvenance is the provenance column's value: nil gives NULL.
func encodeProvenance(p *corpus.Provenance) (*string, error) {
	if p == nil {
		return nil, nil
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	s := string(raw)
	return &s, nil
}
