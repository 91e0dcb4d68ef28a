package tawsim

import (
	"path/filepath"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

func TestSamplesImport(t *testing.T) {
	items, err := Samples()
	if err != nil {
		t.Fatal(err)
	}
	if len(items) < 4 {
		t.Fatalf("%d samples", len(items))
	}
	s, err := corpus.Open(filepath.Join(t.TempDir(), "c.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	s.SetSchema(sc)
	res, err := s.Import(items)
	if err != nil || res.Added != len(items) {
		t.Fatalf("import samples: %+v %v", res, err)
	}
	docs, _ := s.Documents()
	if docs[0].Title != "الصين وسوريا شراكة استراتيجية" {
		t.Errorf("first sample is %q", docs[0].Title)
	}
}
