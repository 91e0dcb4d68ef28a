package export

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// The importers read what users hand them: random input must give an
// error or items the store can take, never a panic. .ci/run runs each
// target briefly; go test runs the seeds.

// fuzzRead writes files into a fresh folder and reads the first with the
// format's reader, checking what comes back.
func fuzzRead(t *testing.T, format string, files map[string][]byte, first string) {
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	items, _, err := Read(format, []string{filepath.Join(dir, first)}, ReadOptions{})
	if err != nil {
		return
	}
	checkItems(t, items)
}

// checkItems checks what a reader returned as the store would: texts,
// own tokens and entity spans that fit them.
func checkItems(t *testing.T, items []corpus.ImportItem) {
	t.Helper()
	for _, it := range items {
		text := corpus.NormalizeText(it.Doc.Text)
		if !utf8.ValidString(text) {
			t.Fatalf("%s: text is not UTF-8", it.Origin)
		}
		n := utf8.RuneCountInString(text)
		if tz := it.Doc.Tokenization; tz != nil {
			if err := tz.Validate(n); err != nil {
				t.Fatalf("%s: %v", it.Origin, err)
			}
		}
		for _, l := range it.Layers {
			for _, e := range l.Entities {
				if e.Start < 0 || e.End > n || e.Start >= e.End {
					t.Fatalf("%s: entity %+v outside the text (%d code points)", it.Origin, e, n)
				}
			}
		}
	}
}

func seedFile(f *testing.F, path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
}

func FuzzReadCoNLL(f *testing.F) {
	seedFile(f, anercorpFile)
	seedFile(f, wojoodFile)
	for _, s := range []string{"شي B-PERS\nجين I-PERS\n\nبكين S-GPE\n", "-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\n", " O\n# O\n#\n",
		"a I-X I-X B-Y\nb E-X I-X\nc O\n", "x\u200f \u200f B-LOC\n\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzRead(t, "conll", map[string][]byte{"in.conll": in}, "in.conll")
	})
}

func FuzzReadDoccano(f *testing.F) {
	f.Add([]byte(`{"text": "شي جين", "label": [[0, 2, "PERS"]]}` + "\n"))
	f.Add([]byte(`{"text": "\r\nشي", "entities": [{"start_offset": 2, "end_offset": 4, "label": "PERS"}], "meta": {"title": "x"}}` + "\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzRead(t, "doccano", map[string][]byte{"in.jsonl": in}, "in.jsonl")
	})
}

func FuzzReadSpacy(f *testing.F) {
	f.Add([]byte(`{"text":"زار شي\n\nبكين","tokens":[{"text":"زار","start":0,"end":3,"ws":true},{"text":"شي","start":4,"end":6},{"text":"\n\n","start":6,"end":8},{"text":"بكين","start":8,"end":12}],"spans":[{"start":4,"end":6,"token_start":1,"token_end":1,"label":"PERS"}]}` + "\n"))
	f.Add([]byte(`{"text":"a\r\nb","tokens":[{"text":"a\r","start":0,"end":2},{"text":"b","start":3,"end":4}]}` + "\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzRead(t, "spacy", map[string][]byte{"in.jsonl": in}, "in.jsonl")
	})
}

func FuzzReadHF(f *testing.F) {
	f.Add([]byte(`{"doc_id":"a","tokens":["جامعة","بيرزيت"],"ner_tags":["B-ORG","I-ORG"],"ner_tags_2":["O","B-GPE"]}`+"\n"), []byte("O\nB-ORG\n"))
	f.Add([]byte(`{"tokens":["شي"],"ner_tags":[1]}`+"\n"), []byte("O\nB-PERS\nI-PERS\n"))
	f.Fuzz(func(t *testing.T, in, labels []byte) {
		fuzzRead(t, "hf", map[string][]byte{"in.jsonl": in, "labels.txt": labels}, "in.jsonl")
	})
}

func FuzzReadBrat(f *testing.F) {
	f.Add([]byte("التقى شي بوتين"), []byte("T1\tPERS 6 8\tشي\nT2\tPERS 9 14\tبوتين\nT3\tContact-Meet 0 5\tالتقى\nE1\tContact-Meet:T3 Entity:T1 Entity2:T2\n"),
		[]byte("# tawsim type\tContact-Meet\tContact.Meet\n"))
	f.Add([]byte("سطر\r\nشي"), []byte("T1\tPERS 4 5;5 6\tش ي\nR1\tRel Arg1:T1 Arg2:T1\n"), []byte(""))
	f.Fuzz(func(t *testing.T, txt, ann, conf []byte) {
		fuzzRead(t, "brat", map[string][]byte{"doc.txt": txt, "doc.ann": ann, "annotation.conf": conf}, "doc.ann")
	})
}

func FuzzReadNative(f *testing.F) {
	var buf []byte
	for _, d := range seedDocs(f) {
		w := newNative(Output{W: writerFunc(func(p []byte) (int, error) { buf = append(buf, p...); return len(p), nil })}, Options{})
		w.WriteDoc(&d)
		w.Close()
	}
	f.Add(buf)
	f.Add([]byte(`{"format":"tawsim/1","text":"شي","tokenization":{"spans":[0,2],"sentences":[0]},"layers":[]}` + "\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		// The native format is Tawsim's own: the store validates its
		// documents, tokens and layers on import. The reader must only
		// never panic.
		path := filepath.Join(t.TempDir(), "in.jsonl")
		if err := os.WriteFile(path, in, 0o644); err != nil {
			t.Fatal(err)
		}
		Read("tawsim", []string{path}, ReadOptions{})
	})
}

// writerFunc is an io.Writer from a function.
type writerFunc func([]byte) (int, error)

func (w writerFunc) Write(p []byte) (int, error) { return w(p) }

// TestNativeDecodersAgree: the native reader decodes with goccy/go-json
// for speed; on every seed line (and the lines with meta, provenance,
// tokenization and odd strings below) it must give what encoding/json
// gives.
func TestNativeDecodersAgree(t *testing.T) {
	var lines [][]byte
	for _, d := range seedDocs(t) {
		var buf []byte
		w := newNative(Output{W: writerFunc(func(p []byte) (int, error) { buf = append(buf, p...); return len(p), nil })}, Options{})
		w.WriteDoc(&d)
		w.Close()
		lines = append(lines, buf)
	}
	lines = append(lines,
		[]byte(`{"format":"tawsim/1","id":"0190a0b0-0000-7000-8000-000000000001","title":"\u0634\u064a \"\\ \t","text":"شي <b>&</b> \ud83d\ude00","meta":{"site":"الحرة","n":[1,2.5e3,null]},"tokenization":{"spans":[0,2],"sentences":[0]},"layers":[{"annotator":"ليلى","status":"done","revision":3,"updated":"2026-12-02T04:00:00+03:00","synced":2,"entities":[{"id":"T1","start":0,"end":2,"type":"PERS","provenance":{"by":"نورا","from":["amira"],"at":"2026-12-02T04:00:00Z"}}],"events":[{"id":"E1","type":"Contact.Meet","trigger":{"start":0,"end":2},"arguments":[{"role":"Entity","entity":"T1"}]}]}]}`),
	)
	for i, line := range lines {
		got, err := decodeNative(line)
		var nd nativeDoc
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		stdErr := dec.Decode(&nd)
		if (err != nil) != (stdErr != nil) {
			t.Fatalf("line %d: goccy %v, encoding/json %v", i, err, stdErr)
		}
		if err != nil {
			continue
		}
		if got.Doc.Text != nd.Text || got.Doc.Title != nd.Title || !reflect.DeepEqual(got.Doc.Meta, nd.Meta) ||
			!reflect.DeepEqual(got.Doc.Tokenization, nd.Tokenization) || !got.Doc.Imported.Equal(nd.Imported) || len(got.Layers) != len(nd.Layers) {
			t.Fatalf("line %d: goccy gave %+v, encoding/json %+v", i, got.Doc, nd)
		}
		for k, l := range nd.Layers {
			g := got.Layers[k]
			if g.Annotator != l.Annotator || g.Status != l.Status || g.Revision != l.Revision || !g.Updated.Equal(l.Updated) ||
				g.Synced != l.Synced || !reflect.DeepEqual(g.Entities, l.Entities) || !reflect.DeepEqual(g.Events, l.Events) {
				t.Fatalf("line %d layer %d: goccy gave %+v, encoding/json %+v", i, k, g, l)
			}
		}
	}
}
