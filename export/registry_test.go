package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// TestFormatOrder: the lists every help text and dialog shows keep the
// built-in formats in their documented order (a format added later may
// come anywhere between them).
func TestFormatOrder(t *testing.T) {
	builtIn := func(fs []Format, names ...string) []string {
		var out []string
		for _, n := range Names(fs) {
			if slices.Contains(names, n) {
				out = append(out, n)
			}
		}
		return out
	}
	want := []string{"conll", "conll2003", "doccano", "spacy", "hf", "events", "brat", "tawsim"}
	if got := builtIn(Formats().Writers(), want...); !reflect.DeepEqual(got, want) {
		t.Errorf("writers %v, want %v", got, want)
	}
	want = []string{"auto", "txt", "jsonl", "conll", "doccano", "spacy", "hf", "brat", "tawsim"}
	if got := builtIn(Formats().Readers(), want...); !reflect.DeepEqual(got, want) {
		t.Errorf("readers %v, want %v", got, want)
	}
	if d := DefaultImport(); d.Format != "auto" {
		t.Errorf("the default import format is %q, want auto", d.Format)
	}
}

// TestRegisterRefuses: a malformed format or a second one of a name is a
// mistake in the program and is refused.
func TestRegisterRefuses(t *testing.T) {
	w := func(Output, Options) DocWriter { return nil }
	tests := []struct {
		f    Format
		want string
	}{
		{Format{Name: "conll", NewWriter: w, Ext: ".x", Example: "x"}, "registered twice"},
		{Format{Name: "two words", NewWriter: w, Ext: ".x", Example: "x"}, "want a word"},
		{Format{Name: "nothing"}, "neither NewWriter nor ReadFile"},
		{Format{Name: "noext", NewWriter: w, Example: "x"}, "does not start with a dot"},
		{Format{Name: "dirext", NewWriter: w, Folder: true, Ext: ".d", Example: "x"}, "writes a folder but has extension"},
		{Format{Name: "noexample", NewWriter: w, Ext: ".x"}, "lacks a CLI example"},
		{Format{Name: "upper", ByExtension: true, ImportExample: "x", Exts: []string{".TXT"}}, "want lower case"},
	}
	reg := Formats().Clone()
	for _, tc := range tests {
		if err := reg.Register(tc.f); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.f.Name, err, tc.want)
		}
	}
}

// tsvWriter is a format a test adds: "id<TAB>type:text…" a line.
type tsvWriter struct {
	out Output
	sum Summary
}

func (w *tsvWriter) WriteDoc(d *Doc) error {
	ix := corpus.NewIndex(d.Doc.Text)
	line := d.Doc.ID
	for _, e := range d.Layer.Entities {
		line += "\t" + e.Type + ":" + ix.Slice(e.Start, e.End)
	}
	w.sum.Documents++
	w.sum.Entities += len(d.Layer.Entities)
	_, err := fmt.Fprintln(w.out.W, line)
	return err
}

func (w *tsvWriter) Close() (Summary, error) { return w.sum, nil }

// readMarkdown reads a ".md" article: the first line, without "# ", is
// the title.
func readMarkdown(path string, _ ReadOptions) ([]corpus.ImportItem, Summary, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, Summary{}, err
	}
	title, text, _ := strings.Cut(string(raw), "\n")
	return []corpus.ImportItem{{Origin: path, Doc: corpus.NewDoc{Title: strings.TrimPrefix(title, "# "), Text: text}}},
		Summary{Format: "md", Documents: 1}, nil
}

// testFormats is the registry with two formats of a test's own: a writer
// and an article reader, which --format auto picks by extension.
func testFormats(t *testing.T) *Registry {
	t.Helper()
	reg := Formats().Clone()
	for _, f := range []Format{
		{Name: "tsv", Order: 15, Ext: ".tsv", Labels: true, Applies: OptScheme,
			Description: "a test's tab-separated entities", Example: "tawsimctl export --format tsv",
			NewWriter: func(out Output, _ Options) DocWriter {
				return &tsvWriter{out: out, sum: Summary{Format: "tsv"}}
			}},
		{Name: "md", Order: 3, Articles: true, Exts: []string{".md"}, ReadFile: readMarkdown,
			Description: "a test's Markdown articles", ImportExample: "tawsimctl import --format md notes.md"},
	} {
		if err := reg.Register(f); err != nil {
			t.Fatal(err)
		}
	}
	return reg
}

// TestRegisteredFormat: a format registered in a registry of the test's
// own is exported and imported through the pipeline like the built-in
// ones, and Formats() never sees it.
func TestRegisteredFormat(t *testing.T) {
	reg := testFormats(t)
	if _, ok := Formats().Lookup("tsv"); ok {
		t.Fatal("the test's format leaked into Formats()")
	}
	if got := Names(reg.Writers()); got[2] != "tsv" {
		t.Errorf("writers %v: want tsv third, by its Order", got)
	}
	s := storeWithCorpus(t)
	out := filepath.Join(t.TempDir(), "ents")
	rep, err := Run(context.Background(), s, ExportRequest{Format: "tsv", Out: out, Formats: reg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out + ".tsv")
	if !strings.Contains(string(raw), "\tPERS:بشار الأسد\t") || !strings.Contains(rep.String(), "labels.txt") {
		t.Errorf("tsv export:\n%s\n%s", raw, rep)
	}
	dir := writeFiles(t, map[string]string{"a.md": "# الوفد\nوصل الوفد إلى هانغتشو.", "b.txt": "خبر آخر."})
	rep, err = RunImport(context.Background(), s, ImportRequest{Paths: []string{dir}, Formats: reg}, nil)
	if err != nil || rep.Import.Added != 2 {
		t.Fatalf("import: %v %+v", err, rep.Import)
	}
	docs, _ := s.Documents()
	if titles := []string{docs[len(docs)-2].Title, docs[len(docs)-1].Title}; titles[0] != "الوفد" || titles[1] != "b" {
		t.Errorf("titles %q: want the .md read by md and the .txt by txt", titles)
	}
	if _, err := RunImport(context.Background(), s, ImportRequest{Format: "md", Paths: []string{dir}}, nil); err == nil {
		t.Error("Formats() imports md")
	}
}

// TestAutoFallback: with --format auto, a named file whose extension no
// article format claims is read as text, as it always was.
func TestAutoFallback(t *testing.T) {
	dir := writeFiles(t, map[string]string{"notes.text": "ملاحظة قصيرة.", "news.json": `{"text": "خبر."}` + "\n"})
	items, _, err := Read("auto", []string{filepath.Join(dir, "notes.text"), filepath.Join(dir, "news.json")}, ReadOptions{})
	if err != nil || len(items) != 2 || items[0].Doc.Title != "notes" || items[1].Doc.Text != "خبر." {
		t.Fatalf("items %+v, %v", items, err)
	}
}
