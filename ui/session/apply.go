package session

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// apply folds a logged change into the in-memory layer. A Diff's After is
// the item's new state (null: removed); for undo the store logs the
// reverted states, so the same rule serves every change.
func (s *Session) apply(ch corpus.Change) error {
	for _, d := range ch.Diffs {
		gone := len(d.After) == 0 || string(d.After) == "null"
		switch d.Kind {
		case corpus.KindEntity:
			s.layer.Entities = slices.DeleteFunc(s.layer.Entities, func(e corpus.Entity) bool { return e.ID == d.ID })
			if !gone {
				var e corpus.Entity
				if err := json.Unmarshal(d.After, &e); err != nil {
					return fmt.Errorf("change %d: %w", ch.Seq, err)
				}
				s.layer.Entities = append(s.layer.Entities, e)
			}
		case corpus.KindEvent:
			s.layer.Events = slices.DeleteFunc(s.layer.Events, func(e corpus.Event) bool { return e.ID == d.ID })
			if !gone {
				var e corpus.Event
				if err := json.Unmarshal(d.After, &e); err != nil {
					return fmt.Errorf("change %d: %w", ch.Seq, err)
				}
				s.layer.Events = append(s.layer.Events, e)
			}
		case corpus.KindStatus:
			if !gone {
				if err := json.Unmarshal(d.After, &s.layer.Status); err != nil {
					return fmt.Errorf("change %d: %w", ch.Seq, err)
				}
			}
		}
	}
	corpus.SortEntities(s.layer.Entities)
	slices.SortStableFunc(s.layer.Events, func(a, b corpus.Event) int {
		if a.Trigger.Start != b.Trigger.Start {
			return a.Trigger.Start - b.Trigger.Start
		}
		return strings.Compare(a.ID, b.ID)
	})
	s.layer.Revision = ch.Revision
	s.layer.Updated = ch.Time
	return nil
}
