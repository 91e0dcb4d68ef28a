package corpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/tawsim/tawsim/boltstore"
	. "github.com/tawsim/tawsim/corpus"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "corpus.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc, _ := Preset(DefaultPreset)
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestImportSamples(t *testing.T) {
	s := openTest(t)
	items, err := LoadTexts([]string{"../testdata/samples"}, "auto")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(items)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != len(items) || res.Added < 4 {
		t.Fatalf("added %d of %d", res.Added, len(items))
	}
	docs, _ := s.Documents()
	if docs[0].Title != "الصين وسوريا شراكة استراتيجية" {
		t.Errorf("first title %q: want the file name, documents in import order", docs[0].Title)
	}
	// The stored text is the file, byte for byte.
	raw, _ := os.ReadFile("../testdata/seed/000_b82b1847b879165f.txt")
	d, _ := s.Document(docs[0].ID)
	if d.Text != string(raw) {
		t.Error("stored text differs from the file")
	}
	// Importing again duplicates nothing.
	res, err = s.Import(items)
	if err != nil || res.Added != 0 || res.Existing != len(items) {
		t.Errorf("second import: %+v, %v", res, err)
	}
}

func TestImportIsOneTransaction(t *testing.T) {
	s := openTest(t)
	items := []ImportItem{
		{Origin: "a.txt", Doc: NewDoc{Text: "الخبر الأول."}},
		{Origin: "b.conll", Doc: NewDoc{Text: "الخبر الثاني."}, Layers: []Layer{{Annotator: "model", Entities: []Entity{{Start: 0, End: 5, Type: "NOPE"}}}}},
	}
	_, err := s.Import(items)
	if err == nil || !strings.Contains(err.Error(), `import b.conll: layer "model": entity type "NOPE" is not in the schema`) {
		t.Fatalf("err = %v", err)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Errorf("a refused import stored %d documents", len(docs))
	}
}

func TestImportBadFiles(t *testing.T) {
	long := `{"text": "` + strings.Repeat("ب", MaxLineBytes/2+10) + `"}`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"invalid utf-8", map[string]string{"a.txt": "سطر أول\nسطر \xff ثان"}, "a.txt line 2: text is not valid UTF-8"},
		{"empty", map[string]string{"a.txt": " \n\t\n"}, "a.txt: text is empty"},
		{"not json", map[string]string{"a.jsonl": `{"text": "نص"}` + "\n" + `{"text": "نص` + "\n"}, "a.jsonl line 2: not a JSON object"},
		{"no text field", map[string]string{"a.jsonl": `{"title": "عنوان"}`}, `a.jsonl line 1: the object has no "text" field`},
		{"empty text field", map[string]string{"a.jsonl": `{"text": ""}`}, "a.jsonl line 1: text is empty"},
		{"line too long", map[string]string{"a.jsonl": `{"text": "نص"}` + "\n" + long + "\n"}, "a.jsonl line 2: line too long"},
		{"empty folder", map[string]string{"sub/readme.md": "x"}, "holds no .txt or .jsonl files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			dir := writeStoreFiles(t, tt.files)
			// A good file beside the bad one: the import is all or nothing.
			os.WriteFile(filepath.Join(dir, "0good.txt"), []byte("خبر جيد."), 0o644)
			target := dir
			if tt.name == "empty folder" {
				target = filepath.Join(dir, "sub")
			}
			items, err := LoadTexts([]string{target}, "auto")
			if err == nil {
				_, err = s.Import(items)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if docs, _ := s.Documents(); len(docs) != 0 {
				t.Errorf("%d documents stored from a refused import", len(docs))
			}
		})
	}
}
func writeStoreFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
