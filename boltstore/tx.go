package boltstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
)

// txn is a bbolt transaction seen as a corpus.ReadTx or corpus.WriteTx;
// bbolt itself refuses writes in a read-only transaction.
type txn struct{ tx *bolt.Tx }

func (t *txn) Schema() (*corpus.Schema, error) {
	raw := t.tx.Bucket(bucketMeta).Get(keySchema)
	if raw == nil {
		return nil, nil
	}
	var sc corpus.Schema
	if err := json.Unmarshal(raw, &sc); err != nil {
		return nil, fmt.Errorf("the stored schema cannot be read (%v): %w; restore a backup", err, corpus.ErrDamaged)
	}
	return &sc, nil
}

func (t *txn) SetSchema(sc corpus.Schema) error {
	raw, err := json.Marshal(sc)
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketMeta).Put(keySchema, raw)
}

func (t *txn) DocInfo(id string) (corpus.DocInfo, error) {
	raw := t.tx.Bucket(bucketInfo).Get([]byte(id))
	if raw == nil {
		return corpus.DocInfo{}, fmt.Errorf("document %s: %w", id, corpus.ErrNotFound)
	}
	d, err := decodeDocInfo(raw)
	if err != nil {
		return d, fmt.Errorf("document %s: list record (%v): %w", id, err, corpus.ErrDamaged)
	}
	return d, nil
}

func (t *txn) Document(id string) (corpus.Document, error) {
	raw := t.tx.Bucket(bucketDocs).Get([]byte(id))
	if raw == nil {
		return corpus.Document{}, fmt.Errorf("document %s: %w", id, corpus.ErrNotFound)
	}
	d, err := decodeDocument(raw)
	if err != nil {
		return d, fmt.Errorf("document %s (%v): %w", id, err, corpus.ErrDamaged)
	}
	return d, nil
}

func (t *txn) DocByHash(sum string) (string, error) {
	return string(t.tx.Bucket(bucketHashes).Get([]byte(sum))), nil
}

func (t *txn) DocInfos(fn func(corpus.DocInfo) error) error {
	return t.tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
		d, err := decodeDocInfo(v)
		if err != nil {
			return fmt.Errorf("document %s: list record (%v): %w", k, err, corpus.ErrDamaged)
		}
		return fn(d)
	})
}

func (t *txn) DocIDsWithPrefix(prefix string, limit int) ([]string, error) {
	var out []string
	c := t.tx.Bucket(bucketInfo).Cursor()
	p := []byte(prefix)
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p) && len(out) < limit; k, _ = c.Next() {
		out = append(out, string(k))
	}
	return out, nil
}

func (t *txn) PutDocument(d corpus.Document, info corpus.DocInfo) error {
	raw, err := encodeDocument(&d)
	if err != nil {
		return err
	}
	rawInfo := encodeDocInfo(&info)
	if err := t.tx.Bucket(bucketDocs).Put([]byte(d.ID), raw); err != nil {
		return err
	}
	if err := t.tx.Bucket(bucketInfo).Put([]byte(d.ID), rawInfo); err != nil {
		return err
	}
	return t.tx.Bucket(bucketHashes).Put([]byte(d.SHA256), []byte(d.ID))
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

func (t *txn) Layer(doc, annotator string) (corpus.LayerReader, error) {
	b := t.tx.Bucket(bucketLayers).Bucket(layerKey(doc, annotator))
	if b == nil {
		return nil, nil // a nil interface, not a nil *layer
	}
	return &layer{b: b, doc: doc, annotator: annotator}, nil
}

func (t *txn) Layers(doc string, fn func(doc, annotator string, l corpus.LayerReader) error) error {
	layers := t.tx.Bucket(bucketLayers)
	if doc == "" {
		return layers.ForEachBucket(func(k []byte) error {
			d, a := splitLayerKey(k)
			return fn(d, a, &layer{b: layers.Bucket(k), doc: d, annotator: a})
		})
	}
	prefix := []byte(doc + "\x00")
	c := layers.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if v != nil {
			continue
		}
		ann := string(k[len(prefix):])
		if err := fn(doc, ann, &layer{b: layers.Bucket(k), doc: doc, annotator: ann}); err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) LayerForUpdate(doc, annotator string) (corpus.LayerWriter, error) {
	b, err := createLayerBucket(t.tx, doc, annotator)
	if err != nil {
		return nil, err
	}
	index := t.tx.Bucket(bucketLayerInfo)
	if key := layerKey(doc, annotator); index.Get(key) == nil {
		// A new layer is listed at once, as a layer without an info record
		// reads: new and empty.
		info := corpus.LayerInfo{Status: corpus.StatusNew}
		if err := index.Put(key, encodeInfo(&info)); err != nil {
			return nil, err
		}
	}
	return &layer{b: b, doc: doc, annotator: annotator, index: index}, nil
}

// LayerInfos reads the layer info index: every layer's info record in
// layer order (document, then annotator), or one annotator's.
func (t *txn) LayerInfos(annotator string, typeCounts bool, fn func(doc, annotator string, info corpus.LayerInfo) error) error {
	c := t.tx.Bucket(bucketLayerInfo).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		doc, ann := splitLayerKey(k)
		if annotator != "" && ann != annotator {
			continue
		}
		info, err := decodeInfo(v, typeCounts)
		if err != nil {
			return fmt.Errorf("layer %s/%s: info index (%v): %w", doc, ann, err, corpus.ErrDamaged)
		}
		if err := fn(doc, ann, info); err != nil {
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
