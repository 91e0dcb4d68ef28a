package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// storeWithPreset opens an empty database with a preset schema.
func storeWithPreset(t *testing.T, preset string) *corpus.Store {
	t.Helper()
	s, err := corpus.Open(filepath.Join(t.TempDir(), "corpus.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc, err := corpus.Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	return s
}

// corpusView is what a store holds, in terms that survive a round trip
// through files: every token's text in order, the length of every
// sentence, and every entity of a layer as token positions over the
// whole corpus and a type.
type corpusView struct {
	docs     int
	tokens   []string
	sents    []int
	entities []string
}

func viewStore(t *testing.T, s *corpus.Store, annotator string) corpusView {
	t.Helper()
	infos, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var v corpusView
	for _, info := range infos {
		d, err := s.Document(info.ID)
		if err != nil {
			t.Fatal(err)
		}
		toks := d.Tokens()
		base := len(v.tokens)
		for _, tk := range toks {
			v.tokens = append(v.tokens, tk.Text)
		}
		for _, se := range d.Sentences(toks) {
			v.sents = append(v.sents, se.Last-se.First)
		}
		l, err := s.Layer(info.ID, annotator)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range spansOf(l) {
			a, b, exact := tokenRange(toks, corpus.Span{Start: e.start, End: e.end})
			if !exact {
				t.Errorf("entity %v does not lie on tokens", e)
			}
			v.entities = append(v.entities, fmt.Sprintf("%d-%d %s", base+a, base+b, e.typ))
		}
		v.docs++
	}
	return v
}

// tagRows are the token lines of a CoNLL text as token and tags, without
// blank lines, -DOCSTART-, lines with a tag and no token, or the O tags
// that only pad a line to the file's number of columns.
func tagRows(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "-DOCSTART-" || len(f) == 1 && strings.HasPrefix(line, " ") {
			continue
		}
		for len(f) > 2 && f[len(f)-1] == "O" {
			f = f[:len(f)-1]
		}
		out = append(out, strings.Join(f, " "))
	}
	return out
}

// TestTokenFormatsRoundTrip: a file in a real corpus's layout, imported
// and exported by every token format and imported again, keeps its
// tokens, sentences and entities exactly; the CoNLL export gives back the
// file's own lines. The counts are logged.
func TestTokenFormatsRoundTrip(t *testing.T) {
	files := []struct {
		name, file, preset string
		nested             string
		docs, sentences    int
		tokens, entities   int
	}{
		{"anercorp", anercorpFile, "anercorp", "outer", 1, 4, 52, 9},
		{"wojood nested", wojoodFile, "wojood", "columns", 1, 3, 28, 15},
	}
	for _, f := range files {
		src := storeWithPreset(t, f.preset)
		if _, err := RunImport(context.Background(), src, ImportRequest{Format: "conll", Annotator: "gold", Paths: []string{f.file}}, nil); err != nil {
			t.Fatal(err)
		}
		in := viewStore(t, src, corpus.Gold)
		if in.docs != f.docs || len(in.sents) != f.sentences || len(in.tokens) != f.tokens || len(in.entities) != f.entities {
			t.Fatalf("%s imported: %d documents, %d sentences, %d tokens, %d entities; want %d, %d, %d, %d",
				f.name, in.docs, len(in.sents), len(in.tokens), len(in.entities), f.docs, f.sentences, f.tokens, f.entities)
		}
		for _, format := range []string{"conll", "hf", "spacy"} {
			t.Run(f.name+"/"+format, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "corpus")
				rep, err := Run(context.Background(), src, ExportRequest{Format: format, Status: "all", Nested: f.nested, Out: out}, nil)
				if err != nil {
					t.Fatal(err)
				}
				written := rep.Summary.Files[0]
				if format == "conll" {
					raw, _ := os.ReadFile(f.file)
					got, _ := os.ReadFile(written)
					if a, b := tagRows(string(raw)), tagRows(string(got)); !reflect.DeepEqual(a, b) {
						t.Errorf("the export's lines differ from the file's:\n%q\n%q", b, a)
					}
				}
				dst := storeWithPreset(t, f.preset)
				if _, err := RunImport(context.Background(), dst, ImportRequest{Format: format, Annotator: "gold", Paths: []string{written}}, nil); err != nil {
					t.Fatal(err)
				}
				back := viewStore(t, dst, corpus.Gold)
				if !reflect.DeepEqual(back, in) {
					t.Errorf("after %s export and import:\n%+v\nwant\n%+v", format, back, in)
				}
				t.Logf("%s through %s: %d documents, %d sentences, %d tokens, %d entities in the file, after import, after export and import again",
					f.name, format, f.docs, f.sentences, f.tokens, f.entities)
			})
		}
	}
}
