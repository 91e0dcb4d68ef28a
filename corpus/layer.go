package corpus

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// LayerSummary is what a document list shows for one annotator's layer.
type LayerSummary struct {
	Doc       string    `json:"doc"`
	Annotator string    `json:"annotator"`
	Status    Status    `json:"status"`
	Revision  uint64    `json:"revision"`
	Updated   time.Time `json:"updated"`
	Synced    uint64    `json:"synced,omitempty"`
	Assigned  bool      `json:"assigned,omitempty"`
	Entities  int       `json:"entities"`
	Events    int       `json:"events"`
}

// emptyLayer is the layer nobody has touched yet.
func emptyLayer(doc, annotator string) Layer {
	return Layer{Doc: doc, Annotator: annotator, Status: StatusNew, Entities: []Entity{}, Events: []Event{}}
}

// readLayer reads a whole layer; a nil reader gives the empty layer.
func readLayer(r LayerReader, doc, annotator string) (Layer, error) {
	l := emptyLayer(doc, annotator)
	if r == nil {
		return l, nil
	}
	info, err := r.Info()
	if err != nil {
		return l, err
	}
	l.Status, l.Revision, l.Updated, l.Synced = info.Status, info.Revision, info.Updated, info.Synced
	if info.Entities > 0 {
		l.Entities = make([]Entity, 0, info.Entities)
	}
	if err := r.Entities(func(e Entity) error { l.Entities = append(l.Entities, e); return nil }); err != nil {
		return l, err
	}
	if err := r.Events(func(e Event) error { l.Events = append(l.Events, e); return nil }); err != nil {
		return l, err
	}
	SortEntities(l.Entities)
	SortEvents(l.Events)
	return l, nil
}

// SortEntities orders entities by start, longer first (so an outer entity
// comes before the ones nested in it), then type and id.
func SortEntities(es []Entity) {
	slices.SortStableFunc(es, func(a, b Entity) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.End, a.End); c != 0 {
			return c
		}
		if c := strings.Compare(a.Type, b.Type); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// SortEvents orders events by trigger start, then id.
func SortEvents(evs []Event) {
	slices.SortStableFunc(evs, func(a, b Event) int {
		if c := cmp.Compare(a.Trigger.Start, b.Trigger.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// Layer reads one annotator's layer of a document. A layer nobody has
// touched yet comes back empty with status new.
func (s *Store) Layer(doc, annotator string) (Layer, error) {
	var l Layer
	err := s.view(func(tx ReadTx) error {
		if _, err := tx.DocInfo(doc); err != nil {
			return err
		}
		r, err := tx.Layer(doc, annotator)
		if err != nil {
			return err
		}
		l, err = readLayer(r, doc, annotator)
		return err
	})
	return l, err
}

// Layers reads every annotator's layer of a document, sorted by annotator.
func (s *Store) Layers(doc string) ([]Layer, error) {
	var out []Layer
	err := s.view(func(tx ReadTx) error {
		if _, err := tx.DocInfo(doc); err != nil {
			return err
		}
		return tx.Layers(doc, func(_, ann string, r LayerReader) error {
			l, err := readLayer(r, doc, ann)
			if err != nil {
				return fmt.Errorf("layer %s/%s: %w", doc, ann, err)
			}
			out = append(out, l)
			return nil
		})
	})
	return out, err
}

// Summaries returns the status and counts of every layer in the corpus,
// or of one annotator's layers when annotator is not empty.
func (s *Store) Summaries(annotator string) ([]LayerSummary, error) {
	var out []LayerSummary
	err := s.view(func(tx ReadTx) error {
		return layerInfos(tx, annotator, false, func(doc, ann string, info LayerInfo) error {
			out = append(out, LayerSummary{Doc: doc, Annotator: ann, Status: info.Status,
				Revision: info.Revision, Updated: info.Updated, Synced: info.Synced, Assigned: info.Assigned,
				Entities: info.Entities, Events: info.Events})
			return nil
		})
	})
	return out, err
}

// layerInfos calls fn with the info of every layer, or of one annotator's,
// from the backend's index when it keeps one, else layer by layer.
func layerInfos(tx ReadTx, annotator string, typeCounts bool, fn func(doc, ann string, info LayerInfo) error) error {
	if l, ok := tx.(LayerInfoLister); ok {
		rel := releaser{tx: tx, every: recordsPerRelease}
		return l.LayerInfos(annotator, typeCounts, func(doc, ann string, info LayerInfo) error {
			rel.tick()
			return fn(doc, ann, info)
		})
	}
	return tx.Layers("", func(doc, ann string, r LayerReader) error {
		if annotator != "" && ann != annotator {
			return nil
		}
		info, err := r.Info()
		if err != nil {
			return fmt.Errorf("layer %s/%s: %w", doc, ann, err)
		}
		return fn(doc, ann, info)
	})
}
