package corpus

import (
	"context"
	"fmt"
)

// copyBatch is how many documents one transaction of a copy writes: a
// bounded amount of memory, and few enough commits to be quick.
const copyBatch = 100

// layerCopy is everything of one layer, as stored.
type layerCopy struct {
	annotator string
	info      LayerInfo
	entities  []Entity
	events    []Event
	changes   []Change
	undo      []uint64
	redo      []uint64
}

// docCopy is one document with all its layers.
type docCopy struct {
	doc    Document
	info   DocInfo
	layers []layerCopy
}

// CopyTo copies the whole database into dst, which must be empty (no
// documents): the schema, every document as stored (id, import time,
// meta, tokenization) and every layer as stored — its items with their
// ids and provenance, its status, revision and counters, its change log
// and its undo and redo stacks — so that in dst undo, review and export
// give exactly what they give here. It moves a corpus between backends
// (a desktop's bbolt file and a team's PostgreSQL server), holding a
// hundred documents in memory at a time. progress, if set, is called
// after each batch with the documents copied and the total.
func (s *Store) CopyTo(ctx context.Context, dst *Store, progress func(done, total int)) error {
	sc, err := s.Schema()
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	if docs, err := dst.Documents(); err != nil {
		return fmt.Errorf("copy to %s: %w", dst.Path(), err)
	} else if len(docs) > 0 {
		return fmt.Errorf("copy to %s: it holds %d documents already; copy into a new, empty database", dst.Path(), len(docs))
	}
	if err := dst.SetSchema(sc); err != nil {
		return fmt.Errorf("copy to %s: %w", dst.Path(), err)
	}
	infos, err := s.Documents()
	if err != nil {
		return err
	}
	for from := 0; from < len(infos); from += copyBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch := infos[from:min(from+copyBatch, len(infos))]
		docs, err := s.readCopies(batch)
		if err != nil {
			return fmt.Errorf("copy from %s: %w", s.Path(), err)
		}
		if err := dst.update(func(tx WriteTx) error { return writeCopies(tx, docs) }); err != nil {
			return fmt.Errorf("copy to %s: %w", dst.Path(), err)
		}
		if progress != nil {
			progress(from+len(batch), len(infos))
		}
	}
	return nil
}

// readCopies reads documents whole, with every layer as stored.
func (s *Store) readCopies(infos []DocInfo) ([]docCopy, error) {
	var out []docCopy
	err := s.view(func(tx ReadTx) error {
		out = out[:0]
		for _, info := range infos {
			d, err := readDocument(tx, info.ID)
			if err != nil {
				return err
			}
			dc := docCopy{doc: d, info: info}
			err = tx.Layers(info.ID, func(_, ann string, r LayerReader) error {
				lc, err := readLayerCopy(r, ann)
				if err != nil {
					return fmt.Errorf("layer %s/%s: %w", info.ID, ann, err)
				}
				dc.layers = append(dc.layers, lc)
				return nil
			})
			if err != nil {
				return err
			}
			out = append(out, dc)
		}
		return nil
	})
	return out, err
}

func readLayerCopy(r LayerReader, ann string) (layerCopy, error) {
	lc := layerCopy{annotator: ann}
	var err error
	if lc.info, err = r.Info(); err != nil {
		return lc, err
	}
	if err = r.Entities(func(e Entity) error { lc.entities = append(lc.entities, e); return nil }); err != nil {
		return lc, err
	}
	if err = r.Events(func(e Event) error { lc.events = append(lc.events, e); return nil }); err != nil {
		return lc, err
	}
	if err = r.Changes(func(c Change) error { lc.changes = append(lc.changes, c); return nil }); err != nil {
		return lc, err
	}
	if lc.undo, err = r.StackAll(UndoStack); err != nil {
		return lc, err
	}
	lc.redo, err = r.StackAll(RedoStack)
	return lc, err
}

// writeCopies stores documents and layers exactly as read: no validation
// (they were valid where they came from) and nothing logged anew.
func writeCopies(tx WriteTx, docs []docCopy) error {
	for _, dc := range docs {
		if err := tx.PutDocument(dc.doc, dc.info); err != nil {
			return fmt.Errorf("document %s: %w", dc.doc.ID, err)
		}
		for _, lc := range dc.layers {
			if err := writeLayerCopy(tx, dc.doc.ID, lc); err != nil {
				return fmt.Errorf("layer %s/%s: %w", dc.doc.ID, lc.annotator, err)
			}
		}
	}
	return nil
}

func writeLayerCopy(tx WriteTx, doc string, lc layerCopy) error {
	lw, err := tx.LayerForUpdate(doc, lc.annotator)
	if err != nil {
		return err
	}
	if b, ok := lw.(BulkLayerWriter); ok {
		if err := b.PutEntities(lc.entities); err != nil {
			return err
		}
		if err := b.PutEvents(lc.events); err != nil {
			return err
		}
	} else {
		for i := range lc.entities {
			if err := lw.PutEntity(nil, &lc.entities[i]); err != nil {
				return err
			}
		}
		for i := range lc.events {
			if err := lw.PutEvent(nil, &lc.events[i]); err != nil {
				return err
			}
		}
	}
	for _, ch := range lc.changes {
		if err := lw.PutChange(ch); err != nil {
			return err
		}
	}
	for _, st := range []struct {
		s    Stack
		seqs []uint64
	}{{UndoStack, lc.undo}, {RedoStack, lc.redo}} {
		for _, seq := range st.seqs {
			if err := lw.StackPush(st.s, seq); err != nil {
				return err
			}
		}
	}
	return lw.SetInfo(lc.info)
}
