package corpus

import (
	"fmt"
	"slices"
)

// TypeUsage counts the annotations of an entity type and of an event type
// with this name across the corpus: what a settings change would touch.
func (s *Store) TypeUsage(name string) (entities, events int, err error) {
	err = s.view(func(tx ReadTx) error {
		return tx.Layers("", func(_, _ string, r LayerReader) error {
			if err := r.Entities(func(e Entity) error {
				if e.Type == name {
					entities++
				}
				return nil
			}); err != nil {
				return err
			}
			return r.Events(func(e Event) error {
				if e.Type == name {
					events++
				}
				return nil
			})
		})
	})
	return entities, events, err
}

// UpdateSchema replaces the schema and, in the same transaction, carries
// the annotations along: renamed maps old type names to new ones (entity
// and event types alike), and annotations whose type the new schema lacks
// are removed (with the event arguments that point to removed entities).
// Each affected layer gets one logged change, so review sees what the
// settings did. It returns the number of annotations renamed and removed.
func (s *Store) UpdateSchema(sc Schema, renamed map[string]string) (changed, removed int, err error) {
	if err := sc.Validate(); err != nil {
		return 0, 0, fmt.Errorf("schema: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err = s.update(func(tx WriteTx) error {
		changed, removed = 0, 0
		type target struct{ doc, ann string }
		var targets []target
		if err := tx.Layers("", func(doc, ann string, _ LayerReader) error {
			targets = append(targets, target{doc, ann})
			return nil
		}); err != nil {
			return err
		}
		for _, t := range targets {
			e, err := beginEdit(tx, &sc, t.doc, t.ann, "schema change")
			if err != nil {
				return err
			}
			l, err := e.Layer()
			if err != nil {
				return err
			}
			for _, ent := range l.Entities {
				next, ok := ent.Type, true
				if r, ok2 := renamed[ent.Type]; ok2 {
					next = r
				}
				if _, ok = sc.EntityType(next); !ok {
					if err := e.DeleteEntity(ent.ID); err != nil {
						return err
					}
					removed++
					continue
				}
				if next != ent.Type {
					old := ent
					ent.Type = next
					if err := e.putEntity(&old, &ent); err != nil {
						return err
					}
					changed++
				}
			}
			// Re-read: deleting entities may have changed events' arguments.
			if l, err = e.Layer(); err != nil {
				return err
			}
			for _, ev := range l.Events {
				next := ev.Type
				if r, ok := renamed[ev.Type]; ok {
					next = r
				}
				et, ok := sc.EventType(next)
				if !ok {
					if err := e.DeleteEvent(ev.ID); err != nil {
						return err
					}
					removed++
					continue
				}
				nev := ev
				nev.Type = next
				nev.Arguments = slices.DeleteFunc(slices.Clone(ev.Arguments), func(a Argument) bool { return !et.HasRole(a.Role) })
				if nev.Type != ev.Type || len(nev.Arguments) != len(ev.Arguments) {
					if err := e.putEvent(&ev, &nev); err != nil {
						return err
					}
					changed++
				}
			}
			if len(e.change.Diffs) > 0 {
				if err := e.commit(false); err != nil {
					return err
				}
			}
		}
		return tx.SetSchema(sc)
	})
	if err == nil {
		c := sc.Clone()
		s.schema = &c
	}
	return changed, removed, err
}
