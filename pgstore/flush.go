package pgstore

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/tawsim/tawsim/corpus"
)

// flush returns the statements (and bulk inserts) that bring the server's
// copy of the layer to what it is in memory, and counts them as sent. Only
// the net effect goes: an entity deleted and added again with the same id
// (as an import replacing a layer does) is one UPDATE.
func (w *writer) flush() ([]stmt, []copyRows, error) {
	w.queued = false
	var out []stmt
	var copies []copyRows
	var delEnts []string
	var updEnts, insEnts []corpus.Entity
	for _, id := range sortedKeys(w.dirtyEnts) {
		cur, now := w.ents[id]
		old, was := w.entsDB[id]
		switch {
		case was && !now:
			delEnts = append(delEnts, id)
			delete(w.entsDB, id)
		case was && now && !cur.Equal(old):
			updEnts = append(updEnts, cur)
			w.entsDB[id] = cur
		case !was && now:
			insEnts = append(insEnts, cur)
			w.entsDB[id] = cur
		}
	}
	clear(w.dirtyEnts)
	var delEvs []string
	var updEvs, insEvs []corpus.Event
	for _, id := range sortedKeys(w.dirtyEv) {
		cur, now := w.evs[id]
		_, was := w.evsDB[id]
		switch {
		case was && !now:
			delEvs = append(delEvs, id)
			delete(w.evsDB, id)
		case was && now:
			updEvs = append(updEvs, cur)
			w.evsDB[id] = cur
		case !was && now:
			insEvs = append(insEvs, cur)
			w.evsDB[id] = cur
		}
	}
	clear(w.dirtyEv)

	k := w.key
	if len(delEnts) > 0 {
		out = append(out, stmt{what: "delete entities of " + k.String(),
			sql: `DELETE FROM entities WHERE doc = $1 AND annotator = $2 AND id = ANY($3)`, args: layerArgs(k, delEnts)})
	}
	if len(updEnts) > 0 {
		ids, starts, ends, types, provs, err := entityColumns(updEnts)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, stmt{what: "change entities of " + k.String(),
			sql: `UPDATE entities e SET start = u.start, "end" = u."end", type = u.type, provenance = u.provenance::json
			      FROM unnest($3::text[], $4::int[], $5::int[], $6::text[], $7::text[]) AS u(id, start, "end", type, provenance)
			      WHERE e.doc = $1 AND e.annotator = $2 AND e.id = u.id`,
			args: layerArgs(k, ids, starts, ends, types, provs)})
	}
	bulk := w.t.d.bulkCopy
	switch {
	case bulk && len(insEnts) >= copyThreshold:
		rows := make([][]any, len(insEnts))
		for i, e := range insEnts {
			prov, err := encodeProvenance(e.Provenance)
			if err != nil {
				return nil, nil, err
			}
			rows[i] = []any{k.doc, k.ann, e.ID, int32(e.Start), int32(e.End), e.Type, prov}
		}
		copies = append(copies, copyRows{what: "add entities to " + k.String(), table: "entities",
			columns: []string{"doc", "annotator", "id", "start", "end", "type", "provenance"}, rows: rows})
	case len(insEnts) > 0:
		ids, starts, ends, types, provs, err := entityColumns(insEnts)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, stmt{what: "add entities to " + k.String(),
			sql: `INSERT INTO entities (doc, annotator, id, start, "end", type, provenance)
			      SELECT $1, $2, u.id, u.start, u."end", u.type, u.provenance::json
			      FROM unnest($3::text[], $4::int[], $5::int[], $6::text[], $7::text[]) AS u(id, start, "end", type, provenance)`,
			args: layerArgs(k, ids, starts, ends, types, provs)})
	}

	if len(delEvs) > 0 {
		out = append(out, stmt{what: "delete events of " + k.String(),
			sql: `DELETE FROM events WHERE doc = $1 AND annotator = $2 AND id = ANY($3)`, args: layerArgs(k, delEvs)})
	}
	if len(updEvs) > 0 {
		ids, items, err := eventColumns(updEvs)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, stmt{what: "change events of " + k.String(),
			sql: `UPDATE events e SET item = u.item::json FROM unnest($3::text[], $4::text[]) AS u(id, item)
			      WHERE e.doc = $1 AND e.annotator = $2 AND e.id = u.id`,
			args: layerArgs(k, ids, items)})
	}
	if len(insEvs) > 0 {
		ids, items, err := eventColumns(insEvs)
		if err != nil {
			return nil, nil, err
		}
		if bulk && len(insEvs) >= copyThreshold {
			rows := make([][]any, len(insEvs))
			for i := range insEvs {
				rows[i] = []any{k.doc, k.ann, ids[i], items[i]}
			}
			copies = append(copies, copyRows{what: "add events to " + k.String(), table: "events",
				columns: []string{"doc", "annotator", "id", "item"}, rows: rows})
		} else {
			out = append(out, stmt{what: "add events to " + k.String(),
				sql: `INSERT INTO events (doc, annotator, id, item)
				      SELECT $1, $2, u.id, u.item::json FROM unnest($3::text[], $4::text[]) AS u(id, item)`,
				args: layerArgs(k, ids, items)})
		}
	}

	if w.infoDirty {
		raw, err := json.Marshal(w.info)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, stmt{what: "write the info of " + k.String(),
			sql: `UPDATE layers SET info = $3 WHERE doc = $1 AND annotator = $2`, args: layerArgs(k, raw)})
		w.infoDirty = false
	}
	return out, copies, nil
}

func entityColumns(es []corpus.Entity) (ids []string, starts, ends []int32, types []string, provs []*string, err error) {
	for _, e := range es {
		ids = append(ids, e.ID)
		starts = append(starts, int32(e.Start))
		ends = append(ends, int32(e.End))
		types = append(types, e.Type)
		p, err := encodeProvenance(e.Provenance)
		if err != nil {
			return nil, nil, nil, nil, nil, err
		}
		provs = append(provs, p)
	}
	return
}

// eventColumns gives events' ids and JSON texts (sent as text and cast:
// the json type keeps the text exactly, where jsonb would refuse \u0000).
func eventColumns(evs []corpus.Event) (ids, items []string, err error) {
	for _, ev := range evs {
		raw, err := json.Marshal(ev)
		if err != nil {
			return nil, nil, fmt.Errorf("event %s: %w", ev.ID, err)
		}
		ids = append(ids, ev.ID)
		items = append(items, string(raw))
	}
	return ids, items, nil
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
