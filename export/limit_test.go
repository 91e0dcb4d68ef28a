package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDocumentSizeLimit(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; i < 40; i++ { // about 45,000 characters, every paragraph different
		b.WriteString(strings.Repeat("أجرى الرئيس الصيني محادثات مع الرئيس السوري في هانغتشو. ", 20))
		b.WriteString(thousands(i) + "\n\n")
	}
	big := b.String()
	path := filepath.Join(dir, "كتاب.txt")
	os.WriteFile(path, []byte(big), 0o644)

	s := openStore(t)
	_, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{path}, MaxChars: 10000}, nil)
	if err == nil || !strings.Contains(err.Error(), "كتاب.txt") || !strings.Contains(err.Error(), "over the limit of 10,000") || !strings.Contains(err.Error(), "--split-long") {
		t.Fatalf("an over-long text: %v", err)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Fatalf("a refused import stored %d documents", len(docs))
	}
	rep, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{path}, MaxChars: 10000, SplitLong: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := s.Documents()
	if len(docs) < 5 || rep.Import.Added != len(docs) || !strings.Contains(strings.Join(rep.Notes, "\n"), "cut at paragraph breaks") {
		t.Fatalf("split import: %d documents, report %+v", len(docs), rep)
	}
	var whole strings.Builder
	for _, d := range docs {
		full, _ := s.Document(d.ID)
		if n := len([]rune(full.Text)); n > 10000 {
			t.Errorf("%s has %d characters", d.Title, n)
		}
		if !strings.HasSuffix(full.Text, "\n\n") && d.ID != docs[len(docs)-1].ID {
			t.Errorf("%s was not cut at a paragraph break", d.Title)
		}
		whole.WriteString(full.Text)
	}
	if whole.String() != big {
		t.Error("the pieces do not add up to the file")
	}
	if !strings.HasPrefix(docs[0].Title, "كتاب (1/") {
		t.Errorf("first piece titled %q", docs[0].Title)
	}
}

func TestCutAtParagraphs(t *testing.T) {
	for _, tt := range []struct {
		text string
		max  int
	}{
		{"أ ب ج د هـ و ز ح ط ي", 5},
		{"سطر\nسطر آخر\nوثالث", 6},
		{strings.Repeat("ب", 23), 7}, // no break at all
		{"قصير", 100},
	} {
		parts := cutAtParagraphs(tt.text, tt.max)
		if strings.Join(parts, "") != tt.text {
			t.Errorf("%q: pieces %q lose text", tt.text, parts)
		}
		for _, p := range parts {
			if len([]rune(p)) > tt.max {
				t.Errorf("%q: piece %q over %d", tt.text, p, tt.max)
			}
		}
	}
}
