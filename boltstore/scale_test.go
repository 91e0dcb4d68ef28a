package boltstore

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// bigLayer is a text of n copies of the seed sentence with one entity on
// each copy's name: one layer of n entities.
func bigLayer(n int) corpus.ImportItem {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(corpustest.SeedText)
		b.WriteByte('\n')
	}
	per := len([]rune(corpustest.SeedText)) + 1
	ents := make([]corpus.Entity, n)
	for i := range ents {
		ents[i] = corpus.Entity{ID: fmt.Sprintf("T%d", i+1), Start: i*per + 20, End: i*per + 31, Type: "PERS"}
	}
	return corpus.ImportItem{Origin: "big", Doc: corpus.NewDoc{Text: b.String()}, Layers: []corpus.Layer{{Annotator: "model", Entities: ents}}}
}

func timeImport(b *testing.B, n int) time.Duration {
	b.StopTimer()
	s := openNoSync(b)
	it := bigLayer(n)
	b.StartTimer()
	start := time.Now()
	if _, err := s.Import([]corpus.ImportItem{it}); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

func openNoSync(b *testing.B) *corpus.Store {
	s, err := corpus.Open(b.TempDir()+"/c.db", &corpus.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	s.SetSchema(sc)
	return s
}

// BenchmarkLayerImportScaling imports one layer of 16k and of 64k
// entities in each iteration: growth4x is the ratio of the two times,
// which a linear import keeps near 4 (the goal is ≤ 5).
func BenchmarkLayerImportScaling(b *testing.B) {
	var small, large time.Duration
	for b.Loop() {
		small += timeImport(b, 16000)
		large += timeImport(b, 64000)
	}
	b.ReportMetric(float64(small.Milliseconds())/float64(b.N), "16k-ms")
	b.ReportMetric(float64(large.Milliseconds())/float64(b.N), "64k-ms")
	b.ReportMetric(float64(large)/float64(small), "growth4x")
}
