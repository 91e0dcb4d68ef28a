package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// layerInfo is the small record kept beside a layer's entities and events,
// so that document lists show status and counts without reading them.
type layerInfo struct {
	Status   Status    `json:"status"`
	Revision uint64    `json:"revision"`
	Updated  time.Time `json:"updated"`
	Entities int       `json:"entities"`
	Events   int       `json:"events"`
}

// LayerSummary is what a document list shows for one annotator's layer.
type LayerSummary struct {
	Doc       string    `json:"doc"`
	Annotator string    `json:"annotator"`
	Status    Status    `json:"status"`
	Revision  uint64    `json:"revision"`
	Updated   time.Time `json:"updated"`
	Entities  int       `json:"entities"`
	Events    int       `json:"events"`
}

// layerKey names a layer in the layers bucket. One flat level rather than
// doc/annotator nesting saves a dirty page on every commit; the layers of
// one document still sit together, found by prefix.
func layerKey(doc, annotator string) []byte {
	return []byte(doc + "\x00" + annotator)
}

func splitLayerKey(k []byte) (doc, annotator string) {
	d, a, _ := strings.Cut(string(k), "\x00")
	return d, a
}

func layerBucket(tx *bolt.Tx, doc, annotator string) *bolt.Bucket {
	return tx.Bucket(bucketLayers).Bucket(layerKey(doc, annotator))
}

// docLayers calls fn for every layer of doc, in annotator order.
func docLayers(tx *bolt.Tx, doc string, fn func(annotator string, b *bolt.Bucket) error) error {
	layers := tx.Bucket(bucketLayers)
	prefix := []byte(doc + "\x00")
	c := layers.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if v != nil {
			continue
		}
		if err := fn(string(k[len(prefix):]), layers.Bucket(k)); err != nil {
			return err
		}
	}
	return nil
}

func createLayerBucket(tx *bolt.Tx, doc, annotator string) (*bolt.Bucket, error) {
	layers := tx.Bucket(bucketLayers)
	if b := layers.Bucket(layerKey(doc, annotator)); b != nil {
		return b, nil
	}
	b, err := layers.CreateBucket(layerKey(doc, annotator))
	if err != nil {
		return nil, err
	}
	for _, name := range [][]byte{bucketEnts, bucketEvents} {
		if _, err := b.CreateBucketIfNotExists(name); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func readInfo(b *bolt.Bucket) (layerInfo, error) {
	info := layerInfo{Status: StatusNew}
	if b == nil {
		return info, nil
	}
	if raw := b.Get(keyLayerInfo); raw != nil {
		if err := json.Unmarshal(raw, &info); err != nil {
			return info, fmt.Errorf("layer info: %w", err)
		}
	}
	return info, nil
}

func readLayer(b *bolt.Bucket, doc, annotator string) (Layer, error) {
	l := Layer{Doc: doc, Annotator: annotator, Status: StatusNew, Entities: []Entity{}, Events: []Event{}}
	if b == nil {
		return l, nil
	}
	info, err := readInfo(b)
	if err != nil {
		return l, err
	}
	l.Status, l.Revision, l.Updated = info.Status, info.Revision, info.Updated
	if err := b.Bucket(bucketEnts).ForEach(func(k, v []byte) error {
		if k[0] == prefixSpan {
			return nil
		}
		var e Entity
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("entity %s: %w", k, err)
		}
		l.Entities = append(l.Entities, e)
		return nil
	}); err != nil {
		return l, err
	}
	if err := b.Bucket(bucketEvents).ForEach(func(k, v []byte) error {
		var e Event
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("event %s: %w", k, err)
		}
		l.Events = append(l.Events, e)
		return nil
	}); err != nil {
		return l, err
	}
	SortEntities(l.Entities)
	sort.SliceStable(l.Events, func(i, j int) bool {
		a, b := l.Events[i], l.Events[j]
		if a.Trigger.Start != b.Trigger.Start {
			return a.Trigger.Start < b.Trigger.Start
		}
		return a.ID < b.ID
	})
	return l, nil
}

// SortEntities orders entities by start, longer first (so an outer entity
// comes before the ones nested in it), then type and id.
func SortEntities(es []Entity) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
}

// Layer reads one annotator's layer of a document. A layer nobody has
// touched yet comes back empty with status new.
func (s *Store) Layer(doc, annotator string) (Layer, error) {
	var l Layer
	err := s.db.View(func(tx *bolt.Tx) error {
		if _, err := docInfo(tx, doc); err != nil {
			return err
		}
		var err error
		l, err = readLayer(layerBucket(tx, doc, annotator), doc, annotator)
		return err
	})
	return l, err
}

// Layers reads every annotator's layer of a document, sorted by annotator.
func (s *Store) Layers(doc string) ([]Layer, error) {
	var out []Layer
	err := s.db.View(func(tx *bolt.Tx) error {
		if _, err := docInfo(tx, doc); err != nil {
			return err
		}
		return docLayers(tx, doc, func(ann string, b *bolt.Bucket) error {
			l, err := readLayer(b, doc, ann)
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
	err := s.db.View(func(tx *bolt.Tx) error {
		layers := tx.Bucket(bucketLayers)
		return layers.ForEachBucket(func(k []byte) error {
			doc, ann := splitLayerKey(k)
			if annotator != "" && ann != annotator {
				return nil
			}
			info, err := readInfo(layers.Bucket(k))
			if err != nil {
				return fmt.Errorf("layer %s/%s: %w", doc, ann, err)
			}
			out = append(out, LayerSummary{Doc: doc, Annotator: ann, Status: info.Status,
				Revision: info.Revision, Updated: info.Updated, Entities: info.Entities, Events: info.Events})
			return nil
		})
	})
	return out, err
}
