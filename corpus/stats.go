package corpus

import (
	"fmt"
	"sort"
)

// Stats counts what a corpus holds.
type Stats struct {
	Version     int              `json:"version"`
	Schema      string           `json:"schema"`
	Documents   int              `json:"documents"`
	Tokens      int              `json:"tokens"`
	CodePoints  int              `json:"code_points"`
	Changes     int              `json:"changes"`
	Annotators  []AnnotatorStats `json:"annotators"`
	EntityTypes map[string]int   `json:"entity_types"`
	EventTypes  map[string]int   `json:"event_types"`
}

// AnnotatorStats counts one annotator's work.
type AnnotatorStats struct {
	Name       string `json:"name"`
	Layers     int    `json:"layers"`
	InProgress int    `json:"in_progress"`
	Done       int    `json:"done"`
	Entities   int    `json:"entities"`
	Events     int    `json:"events"`
}

// Stats reads the whole corpus once and counts it.
func (s *Store) Stats() (Stats, error) {
	st := Stats{EntityTypes: map[string]int{}, EventTypes: map[string]int{}}
	if sc, err := s.cachedSchema(); err == nil {
		st.Schema = sc.Preset
	}
	byName := map[string]*AnnotatorStats{}
	st.Version = s.be.Describe().Layout
	err := s.view(func(tx ReadTx) error {
		rel := releaser{tx: tx, every: recordsPerRelease}
		if err := tx.DocInfos(func(d DocInfo) error {
			rel.tick()
			st.Documents++
			st.Tokens += d.Tokens
			st.CodePoints += d.Runes
			return nil
		}); err != nil {
			return err
		}
		return layerInfos(tx, "", true, func(doc, ann string, info LayerInfo) error {
			a := byName[ann]
			if a == nil {
				a = &AnnotatorStats{Name: ann}
				byName[ann] = a
			}
			a.Layers++
			switch info.Status {
			case StatusDone:
				a.Done++
			case StatusInProgress:
				a.InProgress++
			}
			a.Entities += info.Entities
			a.Events += info.Events
			if !info.Counted {
				// Stored before the counts were kept: count the items.
				r, err := tx.Layer(doc, ann)
				if err == nil && r != nil {
					err = countLayer(r, &info)
				}
				if err != nil {
					return fmt.Errorf("layer %s/%s: %w", doc, ann, err)
				}
			}
			st.Changes += info.Changes
			for t, n := range info.EntityTypes {
				st.EntityTypes[t] += n
			}
			for t, n := range info.EventTypes {
				st.EventTypes[t] += n
			}
			return nil
		})
	})
	for _, a := range byName {
		st.Annotators = append(st.Annotators, *a)
	}
	sort.Slice(st.Annotators, func(i, j int) bool { return st.Annotators[i].Name < st.Annotators[j].Name })
	return st, err
}
