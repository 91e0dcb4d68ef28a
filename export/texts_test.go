package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

func writeFiles(t *testing.T, files map[string]string) string {
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

func TestImportSamples(t *testing.T) {
	s := openStore(t)
	items, _, err := Read("auto", []string{"../testdata/samples"}, ReadOptions{})
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

func TestImportJSONL(t *testing.T) {
	dir := writeFiles(t, map[string]string{"news.jsonl": `{"text": "قال Apple إن 2024 كان عاما جيدا.", "title": "أبل", "meta": {"url": "https://example.com/1", "rank": 3}}
` + "\n" + `{"text": "وصل الوفد إلى مطار هانغتشو الساعة 10:30 صباحا.\r\n"}
`})
	items, _, err := Read("auto", []string{filepath.Join(dir, "news.jsonl")}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Doc.Title != "أبل" || string(items[0].Doc.Meta["rank"]) != "3" {
		t.Fatalf("items = %+v", items)
	}
	if items[1].Doc.Text != "وصل الوفد إلى مطار هانغتشو الساعة 10:30 صباحا.\n" {
		t.Errorf("CRLF not normalised: %q", items[1].Doc.Text)
	}
	if !strings.HasSuffix(items[1].Origin, "news.jsonl line 3") {
		t.Errorf("origin %q", items[1].Origin)
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
		{"line too long", map[string]string{"a.jsonl": `{"text": "نص"}` + "\n" + long + "\n"}, "a.jsonl line 2: the line is longer than 16 MiB"},
		{"empty folder", map[string]string{"sub/readme.md": "x"}, "holds no .txt, .jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			dir := writeFiles(t, tt.files)
			// A good file beside the bad one: the import is all or nothing.
			os.WriteFile(filepath.Join(dir, "0good.txt"), []byte("خبر جيد."), 0o644)
			target := dir
			if tt.name == "empty folder" {
				target = filepath.Join(dir, "sub")
			}
			items, _, err := Read("auto", []string{target}, ReadOptions{})
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

func TestImportIsOneTransaction(t *testing.T) {
	s := openStore(t)
	items := []corpus.ImportItem{
		{Origin: "a.txt", Doc: corpus.NewDoc{Text: "الخبر الأول."}},
		{Origin: "b.conll", Doc: corpus.NewDoc{Text: "الخبر الثاني."}, Layers: []corpus.Layer{{Annotator: "model", Entities: []corpus.Entity{{Start: 0, End: 5, Type: "NOPE"}}}}},
	}
	_, err := s.Import(items)
	if err == nil || !strings.Contains(err.Error(), `import b.conll: layer "model": entity type "NOPE" is not in the schema`) {
		t.Fatalf("err = %v", err)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Errorf("a refused import stored %d documents", len(docs))
	}
}
