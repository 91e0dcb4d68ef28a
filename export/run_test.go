package export

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// storeWithCorpus imports the seed article with its gold layer (done) and
// three shorter Arabic articles: one whose gold layer is in progress, one
// annotated by amira only, and one with no layer at all.
func storeWithCorpus(t *testing.T) *corpus.Store {
	t.Helper()
	s, _ := storeWithSeed(t)
	others := []struct {
		text, ent, typ string
		layer          string
		status         corpus.Status
	}{
		{"استقبل بوتين في موسكو وزير خارجية الصين، ثم غادر بوتين إلى سوتشي.", "موسكو", "GPE", corpus.Gold, corpus.StatusInProgress},
		{"وصل الوفد السوري إلى مطار هانغتشو الساعة 10:30 صباحا.", "هانغتشو", "GPE", "amira", corpus.StatusDone},
		{"قال المتحدث إن المحادثات ستستمر حتى يوم الأحد.", "", "", "", ""},
	}
	for i, o := range others {
		it := corpus.ImportItem{Origin: "other " + itoa(i), Doc: corpus.NewDoc{Title: "خبر " + itoa(i), Text: o.text,
			Imported: time.Date(2025, 2, 2+i, 9, 0, 0, 0, time.UTC)}}
		if o.layer != "" {
			sp := at(t, o.text, o.ent, o.ent)
			it.Layers = []corpus.Layer{{Annotator: o.layer, Status: o.status,
				Entities: []corpus.Entity{{ID: "T1", Start: sp.Start, End: sp.End, Type: o.typ}}}}
		}
		if _, err := s.Import([]corpus.ImportItem{it}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestRunMatchesWrite: the pipeline streams from the store exactly what
// the in-memory writer writes from Select's documents, for every
// registered writer, with and without a split; labels.txt included.
func TestRunMatchesWrite(t *testing.T) {
	s := storeWithCorpus(t)
	schema, _ := s.Schema()
	for _, f := range Formats().Writers() {
		for _, split := range []string{"", "50/25/25"} {
			t.Run(f.Name+"/"+split, func(t *testing.T) {
				req := ExportRequest{Format: f.Name, Status: "all", Split: split, Seed: 3, Nested: "columns",
					Out: filepath.Join(t.TempDir(), "got", "corpus")}
				rep, err := Run(context.Background(), s, req, nil)
				if err != nil {
					t.Fatal(err)
				}
				docs, _, err := Select(s, Selection{Status: "all", AllLayers: f.AllLayers})
				if err != nil {
					t.Fatal(err)
				}
				parts := []Part{{Docs: docs}}
				if split != "" {
					parts, _ = Split(docs, []int{50, 25, 25}, 3)
				}
				want := filepath.Join(t.TempDir(), "want", "corpus"+f.Ext)
				opt, _ := req.Resolve()
				if _, err := exportParts(context.Background(), f.Name, parts, want, opt.options(&schema)); err != nil {
					t.Fatal(err)
				}
				sameTree(t, filepath.Dir(want), filepath.Dir(req.Out))
				if rep.Summary.Documents != 4 {
					t.Errorf("summary: %d documents, want 4\n%s", rep.Summary.Documents, rep)
				}
			})
		}
	}
}

// sameTree compares two folders file by file, byte for byte.
func sameTree(t *testing.T, want, got string) {
	t.Helper()
	files := func(root string) map[string][]byte {
		out := map[string][]byte{}
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			out[rel], _ = os.ReadFile(p)
			return nil
		})
		return out
	}
	w, g := files(want), files(got)
	if len(w) == 0 {
		t.Fatalf("%s is empty", want)
	}
	for name, wb := range w {
		gb, ok := g[name]
		if !ok {
			t.Errorf("%s is missing", name)
			continue
		}
		if !bytes.Equal(wb, gb) {
			t.Errorf("%s differs (%d bytes, want %d)", name, len(gb), len(wb))
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s should not be there", name)
		}
	}
}

// TestRunReport: what the selection left out, and what did not apply,
// is said in the report in the CLI's words.
func TestRunReport(t *testing.T) {
	s := storeWithCorpus(t)
	tests := []struct {
		name string
		req  ExportRequest
		docs int
		want []string
	}{
		{"gold done", ExportRequest{Format: "conll"}, 1,
			[]string{"conll (iob2): 1 documents", "3 of 4 documents left out: layer \"gold\" not marked done (--status all includes them)", "labels.txt"}},
		{"gold all", ExportRequest{Format: "doccano", Status: "all"}, 4, []string{"doccano: 4 documents"}},
		{"nobody", ExportRequest{Format: "doccano", Layer: "nobody", Status: "all"}, 4,
			[]string{"note: no document has a \"nobody\" layer; its documents are exported without annotations\n"}},
		{"majority", ExportRequest{Format: "spacy", Layer: LayerMajority}, 1, []string{"spacy: 1 documents, ", "3 of 4 documents left out"}},
		{"native", ExportRequest{Format: "tawsim", Layer: "amira"}, 4,
			[]string{"every layer of every document (status and --layer do not apply to the native format)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Out = filepath.Join(t.TempDir(), "out")
			rep, err := Run(context.Background(), s, tc.req, nil)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Summary.Documents != tc.docs {
				t.Errorf("%d documents, want %d", rep.Summary.Documents, tc.docs)
			}
			for _, w := range tc.want {
				if !strings.Contains(rep.String(), w) {
					t.Errorf("report lacks %q:\n%s", w, rep)
				}
			}
		})
	}
}

// TestRunRequestErrors: mistakes in the request are RequestErrors, found
// before anything is read or written.
func TestRunRequestErrors(t *testing.T) {
	s := storeWithCorpus(t)
	dir := t.TempDir()
	tests := []struct {
		req  ExportRequest
		want string
	}{
		{ExportRequest{}, "no format given: want one of " + strings.Join(Names(Formats().Writers()), ", ")},
		{ExportRequest{Format: "csv"}, `format "csv": want one of conll,`},
		{ExportRequest{Format: "conll", Status: "some"}, `status "some": want done or all`},
		{ExportRequest{Format: "conll", Scheme: "bio"}, `scheme "bio": want iob2, bioes or iob1`},
		{ExportRequest{Format: "conll", Sep: "comma"}, `sep "comma": want space or tab`},
		{ExportRequest{Format: "hf", Nested: "inner"}, `nested "inner": want outer or columns`},
		{ExportRequest{Format: "spacy", Tokens: "chars"}, `tokens "chars": want words or split`},
		{ExportRequest{Format: "conll", Split: "80/20/10/5"}, `split "80/20/10/5": want train/dev/test`},
		{ExportRequest{Format: "conll", Split: "80/20", Out: "-", Stdout: os.Stdout}, "--split writes several files"},
		{ExportRequest{Format: "brat", Out: "-", Stdout: os.Stdout}, "brat writes a folder"},
	}
	for _, tc := range tests {
		_, err := Run(context.Background(), s, tc.req, nil)
		var re *RequestError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want a RequestError holding %q", tc.req, err, tc.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused request wrote %d files", len(entries))
	}
	_, err := Run(context.Background(), s, ExportRequest{Format: "conll", Layer: "nobody", Out: filepath.Join(dir, "x")}, nil)
	if err == nil || !strings.Contains(err.Error(), `nothing to export: none of the 4 documents has a "nobody" layer marked done`) {
		t.Errorf("nothing selected: %v", err)
	}
}

// TestRunOutNames: the default output names, and the extension added
// when the name has none.
func TestRunOutNames(t *testing.T) {
	tests := []struct{ format, out, want string }{
		{"conll", "", "corpus.conll"},
		{"conll2003", "", "corpus.txt"},
		{"brat", "", "corpus-brat"},
		{"hf", "data/ner", "data/ner.jsonl"},
		{"conll", "ner.v2", "ner.v2"},
		{"brat", "out", "out"},
		{"doccano", "-", "-"},
	}
	for _, tc := range tests {
		req, err := ExportRequest{Format: tc.format, Out: tc.out, Stdout: os.Stdout}.Resolve()
		if err != nil || req.Out != tc.want {
			t.Errorf("%s --out %q: %q (%v), want %q", tc.format, tc.out, req.Out, err, tc.want)
		}
	}
}

// TestRunStdout: out "-" streams to the request's Stdout.
func TestRunStdout(t *testing.T) {
	s := storeWithCorpus(t)
	var buf bytes.Buffer
	if _, err := Run(context.Background(), s, ExportRequest{Format: "conll", Out: "-", Stdout: &buf}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "بشار B-PERS\nالأسد I-PERS\n") {
		t.Errorf("stdout lacks the entity:\n%.200s", buf.String())
	}
}

// TestRunCancelled: cancelling in the middle of an export, as Ctrl+C or
// the app's Cancel button does, leaves no file and no temporary one.
func TestRunCancelled(t *testing.T) {
	s := storeWithCorpus(t)
	for _, f := range []string{"conll", "brat", "hf"} {
		t.Run(f, func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			_, err := Run(ctx, s, ExportRequest{Format: f, Status: "all", Split: "50/50", Nested: "columns", Out: filepath.Join(dir, "out")},
				func(done, total int) {
					calls++
					if done == 2 {
						cancel()
					}
				})
			if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want ErrCancelled", err)
			}
			if calls != 2 {
				t.Errorf("progress called %d times after the cancel at 2", calls)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a cancelled export left %s", entries[0].Name())
			}
		})
	}
}

// TestRunImport: the import pipeline reads any registered reader and
// stores the whole import, or nothing.
func TestRunImport(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt":     "خبر أول عن الصين.",
		"b.jsonl":   `{"text": "خبر ثان عن سوريا.", "title": "سوريا"}` + "\n",
		"ner.conll": "شي B-PERS\nجين I-PERS\nفي O\nبكين B-GPE\n",
	})
	s := openStore(t)
	var seen []int
	rep, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{dir}}, func(done, total int) { seen = append(seen, done, total) })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Import.Added != 2 || rep.Result() != "imported 2 new documents" || rep.Summary.String() != "auto: 2 documents" {
		t.Errorf("report %q / %q", rep.Result(), rep.Summary)
	}
	if len(seen) != 4 || seen[2] != 2 || seen[3] != 2 {
		t.Errorf("progress %v, want two files of two", seen)
	}
	rep, err = RunImport(context.Background(), s, ImportRequest{Format: "conll", Annotator: "model", Paths: []string{filepath.Join(dir, "ner.conll")}}, nil)
	if err != nil || rep.Import.Layers != 1 || !strings.HasPrefix(rep.String(), "conll (iob2): 1 documents, 1 sentences, 4 tokens, 2 entities") {
		t.Fatalf("conll import: %v\n%s", err, rep)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunImport(ctx, s, ImportRequest{Paths: []string{dir}}, nil); !errors.Is(err, ErrCancelled) {
		t.Errorf("cancelled import: %v", err)
	}
	for _, req := range []ImportRequest{{Format: "events", Paths: []string{dir}}, {Scheme: "bio", Paths: []string{dir}}, {}} {
		var re *RequestError
		if _, err := RunImport(context.Background(), s, req, nil); !errors.As(err, &re) {
			t.Errorf("%+v: %v, want a RequestError", req, err)
		}
	}
	if docs, _ := s.Documents(); len(docs) != 3 {
		t.Errorf("%d documents, want 3", len(docs))
	}
}

// TestRunSplitTooFewDocuments: a split that leaves a part empty is
// refused, writing nothing, unless forced; forced, the report says so.
func TestRunSplitTooFewDocuments(t *testing.T) {
	s, _ := storeWithSeed(t)
	dir := t.TempDir()
	req := ExportRequest{Format: "conll", Split: "80/10/10", Out: filepath.Join(dir, "ner")}
	_, err := Run(context.Background(), s, req, nil)
	want := "--split 80/10/10 of 1 document leaves dev and test empty (a split is by document): import with --doc-sentences N"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused split left %d files", len(entries))
	}
	req.Force = true
	rep, err := Run(context.Background(), s, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.String(), "note: --split 80/10/10 of 1 document leaves dev and test empty") {
		t.Errorf("report %q does not say which parts are empty", rep.String())
	}
	for _, part := range []string{"train", "dev", "test"} {
		if _, err := os.Stat(filepath.Join(dir, "ner."+part+".conll")); err != nil {
			t.Errorf("forced split: %v", err)
		}
	}
	// A part with no share is a mistake in the request, not a split.
	for split, want := range map[string]string{
		"100/0":    "the test part is 0",
		"100/0/0":  "the dev part is 0",
		"50/30":    "add up to 80, not 100",
		"80/10/20": "add up to 110, not 100",
	} {
		req = ExportRequest{Format: "conll", Split: split, Out: filepath.Join(t.TempDir(), "ner")}
		if _, err := Run(context.Background(), s, req, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("split %s: %v, want %q", split, err, want)
		}
	}
}
