package boltstore

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// benchCorpus builds a database of n documents and returns its path and
// the id of a document in the middle.
func benchCorpus(b *testing.B, n int) (string, string) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := corpus.Open(path, &corpus.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	s.SetSchema(sc)
	items := make([]corpus.ImportItem, n)
	for i := range items {
		items[i] = corpus.ImportItem{Origin: "bench", Doc: corpus.NewDoc{Text: fmt.Sprintf("%s (%d)", corpustest.SeedText, i)}}
	}
	res, err := s.Import(items)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	return path, res.IDs[n/2]
}

// BenchmarkAddEntity measures one "add entity" transaction on a database
// of 10,000 documents, with fsync, against a bare bbolt put+commit of the
// same number of bytes in the same database, alternating the two so that
// machine noise hits both alike. The ratio is the figure to watch (goal ≤ 1.5).
func BenchmarkAddEntity(b *testing.B) {
	path, doc := benchCorpus(b, 10000)
	s, err := corpus.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	db := s.Backend().(*DB).Bolt()
	n := len([]rune(corpustest.SeedText))
	// The bytes one add writes: the entity, its span index key, the layer
	// info and the change log entry.
	probe, err := s.Edit(doc, "probe", "add entity", func(e *corpus.Edit) error {
		_, err := e.AddEntity(corpus.Entity{Start: 0, End: 4, Type: "PERS"})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	size := len(mustJSON(probe)) + len(mustJSON(corpus.Entity{ID: "T100", Start: 10, End: 20, Type: "PERS"})) + 8 + 4 + len(mustJSON(corpus.LayerInfo{}))
	value := make([]byte, size)
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("bench")); return err }); err != nil {
		b.Fatal(err)
	}

	var tAdd, tBare time.Duration
	i := 0
	for b.Loop() {
		start := i % (n - 8)
		t0 := time.Now()
		if err := db.Update(func(tx *bolt.Tx) error {
			bk := tx.Bucket([]byte("bench"))
			seq, _ := bk.NextSequence()
			return bk.Put(seqKey(seq), value)
		}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		// Each add is a new span, as an annotator's would be.
		if _, err := s.AddEntity(doc, fmt.Sprintf("bench%d", i/400), corpus.Entity{Start: start, End: start + 1 + (i/(n-8))%7, Type: "PERS"}); err != nil {
			b.Fatal(err)
		}
		tAdd += time.Since(t1)
		tBare += t1.Sub(t0)
		i++
	}
	b.ReportMetric(float64(tAdd.Nanoseconds())/float64(i), "add-ns/op")
	b.ReportMetric(float64(tBare.Nanoseconds())/float64(i), "bare-ns/op")
	b.ReportMetric(float64(tAdd)/float64(tBare), "ratio")
	b.ReportMetric(float64(size), "bytes/put")
}
