package corpus

import (
	"encoding/json"
	"sort"

	bolt "go.etcd.io/bbolt"
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
	err := s.db.View(func(tx *bolt.Tx) error {
		st.Version = readVersion(tx)
		if err := tx.Bucket(bucketInfo).ForEach(func(_, v []byte) error {
			var d DocInfo
			if err := json.Unmarshal(v, &d); err != nil {
				return err
			}
			st.Documents++
			st.Tokens += d.Tokens
			st.CodePoints += d.Runes
			return nil
		}); err != nil {
			return err
		}
		layers := tx.Bucket(bucketLayers)
		return layers.ForEachBucket(func(k []byte) error {
			doc, ann := splitLayerKey(k)
			l, err := readLayer(layers.Bucket(k), doc, ann)
			if err != nil {
				return err
			}
			a := byName[l.Annotator]
			if a == nil {
				a = &AnnotatorStats{Name: l.Annotator}
				byName[l.Annotator] = a
			}
			a.Layers++
			c := layers.Bucket(k).Cursor()
			for ck, _ := c.Seek([]byte{prefixLog}); ck != nil && ck[0] == prefixLog; ck, _ = c.Next() {
				st.Changes++
			}
			switch l.Status {
			case StatusDone:
				a.Done++
			case StatusInProgress:
				a.InProgress++
			}
			a.Entities += len(l.Entities)
			a.Events += len(l.Events)
			for _, e := range l.Entities {
				st.EntityTypes[e.Type]++
			}
			for _, e := range l.Events {
				st.EventTypes[e.Type]++
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
