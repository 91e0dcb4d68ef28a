package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func TestImportJSONL(t *testing.T) {
	dir := writeFiles(t, map[string]string{"news.jsonl": `{"text": "قال Apple إن 2024 كان عاما جيدا.", "title": "أبل", "meta": {"url": "https://example.com/1", "rank": 3}}
` + "\n" + `{"text": "وصل الوفد إلى مطار هانغتشو الساعة 10:30 صباحا.\r\n"}
`})
	items, err := LoadTexts([]string{filepath.Join(dir, "news.jsonl")}, "auto")
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
