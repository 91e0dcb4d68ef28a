package boltstore

import (
	"context"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// FuzzRecords writes random bytes in place of one stored record (a
// document, its list record, the schema, a layer's info, an entity, an
// event, a change in the log) and reads the database back every way the
// app and the commands do: errors are fine, panics are not.
func FuzzRecords(f *testing.F) {
	for _, seed := range []struct {
		which byte
		raw   []byte
	}{
		{0, []byte(`{"id":"x","text":"نص","sha256":"00"}`)},
		{1, []byte(`{"runes":-5,"tokens":1e99}`)},
		{2, []byte(`{"entities":[{"name":"PERS","colour":"#zzz"}]}`)},
		{3, []byte(`{"status":"done","revision":-1,"entities":"many"}`)},
		{4, []byte(`{"id":"T1","start":90,"end":-3,"type":""}`)},
		{5, []byte(`{"id":"E1","type":"Contact.Meet","trigger":{"start":1,"end":0},"arguments":[{"role":"Entity","entity":"T404"}]}`)},
		{6, []byte(`{"seq":1,"diffs":[{"kind":"entity","id":"T1","before":"oops"}]}`)},
		{6, []byte("\xff\x00not json")},
	} {
		f.Add(seed.which, seed.raw)
	}
	f.Fuzz(func(t *testing.T, which byte, raw []byte) {
		path := filepath.Join(t.TempDir(), "corpus.db")
		s, err := corpus.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		sc, _ := corpus.Preset(corpus.DefaultPreset)
		s.SetSchema(sc)
		doc := corpustest.ImportText(t, s, corpustest.SeedText)
		e, _ := s.AddEntity(doc, "amira", corpus.Entity{Start: 0, End: 4, Type: "PERS"})
		s.AddEvent(doc, "amira", corpus.Event{Type: "Contact.Meet", Trigger: corpus.Span{Start: 5, End: 10}, Arguments: []corpus.Argument{{Role: "Entity", Entity: e.ID}}})
		s.Close()
		overwrite(t, path, which%7, doc, raw)
		s, err = corpus.Open(path, nil)
		if err != nil {
			return
		}
		defer s.Close()
		s.Schema()
		s.Documents()
		s.Document(doc)
		s.Layers(doc)
		s.Summaries("")
		s.Changes("", "")
		s.Stats()
		s.Scan(corpus.ScanOptions{}, func(corpus.DocLayers) error { return nil })
		s.Check(context.Background(), nil)
		s.Undo(doc, "amira")
		s.Redo(doc, "amira")
		s.AddEntity(doc, "amira", corpus.Entity{Start: 1, End: 3, Type: "PERS"})
	})
}

// overwrite puts raw in place of one record of the database.
func overwrite(t *testing.T, path string, which byte, doc string, raw []byte) {
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		layer := tx.Bucket(bucketLayers).Bucket(layerKey(doc, "amira"))
		switch which {
		case 0:
			return tx.Bucket(bucketDocs).Put([]byte(doc), raw)
		case 1:
			return tx.Bucket(bucketInfo).Put([]byte(doc), raw)
		case 2:
			return tx.Bucket(bucketMeta).Put(keySchema, raw)
		case 3:
			return layer.Put(keyLayerInfo, raw)
		case 4:
			return layer.Bucket(bucketEnts).Put([]byte("T1"), raw)
		case 5:
			return layer.Bucket(bucketEvents).Put([]byte("E1"), raw)
		default:
			return layer.Put(stackKey(prefixLog, 1), raw)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}
