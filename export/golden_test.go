package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// checkIOB2 is the strict IOB2 rule seqeval applies in strict mode: an I-X
// may only follow B-X or I-X. It checks every tag column of a CoNLL text
// (the columns after the first; conll2003's -X- and _ are skipped).
func checkIOB2(t *testing.T, name, out string) {
	t.Helper()
	var prev []string
	for n, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			prev = nil
			continue
		}
		tags := f[1:]
		if len(tags) >= 3 && tags[0] == "-X-" {
			tags = tags[2:]
		}
		for c, tag := range tags {
			p := "O"
			if c < len(prev) {
				p = prev[c]
			}
			if err := iob2Step(p, tag); err != nil {
				t.Errorf("%s line %d column %d: %v", name, n+1, c+2, err)
			}
		}
		prev = tags
	}
}

func iob2Step(prev, tag string) error {
	if !strings.HasPrefix(tag, "I-") {
		return nil
	}
	if prev == "O" || prev[2:] != tag[2:] {
		return fmt.Errorf("%s after %s", tag, prev)
	}
	return nil
}

// checkIOB1 is IOB1's rule: a B-X only where an entity of type X
// directly precedes it in the sentence, on the same tag column.
func checkIOB1(t *testing.T, name, out string) {
	t.Helper()
	var prev []string
	for n, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			prev = nil
			continue
		}
		for c, tag := range f[1:] {
			p := "O"
			if c < len(prev) {
				p = prev[c]
			}
			if strings.HasPrefix(tag, "B-") && (p == "O" || p[2:] != tag[2:]) {
				t.Errorf("%s line %d column %d: %s after %s is not IOB1", name, n+1, c+2, tag, p)
			}
		}
		prev = f[1:]
	}
}

// TestIOB1SentenceStart: an entity that opens a sentence is I- in IOB1
// even when one of its type closed the sentence before; inside a
// sentence two touching entities of one type are told apart by B-.
func TestIOB1SentenceStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.conll")
	os.WriteFile(path, []byte("زار O\nبوتين B-PERS\n\nشي B-PERS\nجين I-PERS\nبوتين B-PERS\n"), 0o644)
	items, _, err := Read("conll", []string{path}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := items[0]
	var buf bytes.Buffer
	d := NewDoc(corpus.Document{Text: it.Doc.Text, Tokenization: it.Doc.Tokenization}, it.Layers[0])
	if _, err := Write("conll", Output{W: &buf}, []Doc{d}, Options{Scheme: "iob1"}); err != nil {
		t.Fatal(err)
	}
	if want := "زار O\nبوتين I-PERS\n\nشي I-PERS\nجين I-PERS\nبوتين B-PERS\n\n"; buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	checkIOB1(t, "two sentences", buf.String())
}

func TestIOB2Validator(t *testing.T) {
	tests := []struct {
		prev, tag string
		ok        bool
	}{
		{"O", "B-PERS", true}, {"B-PERS", "I-PERS", true}, {"I-PERS", "I-PERS", true},
		{"B-PERS", "B-PERS", true}, {"O", "I-PERS", false}, {"B-GPE", "I-PERS", false},
	}
	for _, tc := range tests {
		if err := iob2Step(tc.prev, tc.tag); (err == nil) != tc.ok {
			t.Errorf("%s → %s: got %v, want ok=%v", tc.prev, tc.tag, err, tc.ok)
		}
	}
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got %q\nwant %q", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d", name, len(gl), len(wl))
	}
}

func TestGolden(t *testing.T) {
	schema := testSchema(t)
	tests := []struct {
		name, format string
		opt          Options
		iob2         bool
	}{
		{"conll.txt", "conll", Options{}, true},
		{"conll-bioes.txt", "conll", Options{Scheme: "bioes"}, false},
		{"conll-iob1.txt", "conll", Options{Scheme: "iob1"}, false},
		{"conll-tab-docstart.txt", "conll", Options{Tab: true, DocStart: true}, true},
		{"conll-split.txt", "conll", Options{Tokens: "split"}, true},
		{"conll-columns.txt", "conll", Options{Nested: "columns"}, true},
		{"conll2003.txt", "conll2003", Options{}, true},
		{"doccano.jsonl", "doccano", Options{}, false},
		{"spacy.jsonl", "spacy", Options{}, false},
		{"spacy-split.jsonl", "spacy", Options{Tokens: "split"}, false},
		{"hf.jsonl", "hf", Options{}, false},
		{"events.jsonl", "events", Options{}, false},
		{"tawsim.jsonl", "tawsim", Options{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Schema = schema
			var buf bytes.Buffer
			if _, err := Write(tc.format, Output{W: &buf}, seedDocs(t), tc.opt); err != nil {
				t.Fatal(err)
			}
			if tc.iob2 {
				checkIOB2(t, tc.name, buf.String())
			}
			if tc.opt.Scheme == "iob1" {
				checkIOB1(t, tc.name, buf.String())
			}
			golden(t, tc.name, buf.Bytes())
		})
	}
	t.Run("hf-iob2", func(t *testing.T) {
		var buf bytes.Buffer
		if _, err := Write("hf", Output{W: &buf}, seedDocs(t), Options{Schema: schema}); err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
			tags := strings.Split(strings.Trim(line[strings.Index(line, `"ner_tags":[`)+12:], `]}`), ",")
			prev := "O"
			for _, tag := range tags {
				tag = strings.Trim(tag, `"`)
				if err := iob2Step(prev, tag); err != nil {
					t.Errorf("hf line %d: %v", n+1, err)
				}
				prev = tag
			}
		}
	})
	t.Run("brat", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := Write("brat", Output{Dir: dir}, seedDocs(t), Options{Schema: schema}); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"0190a0c0-0000-7000-8000-000000000001.ann", "annotation.conf", "visual.conf"} {
			got, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "brat/"+f, got)
		}
	})
}

// TestSubTokenAndNested checks the two lossy cases of token-based formats
// and the options that avoid the loss, on the lines where they occur.
func TestSubTokenAndNested(t *testing.T) {
	docs := seedDocs(t)
	tests := []struct {
		name                    string
		opt                     Options
		widened, split, dropped int
		levels                  int
		want                    []string // runs of lines the output must hold
		not                     []string
	}{
		{"words", Options{}, 3, 0, 1, 1, []string{
			"سوريا B-GPE\nوالصين B-GPE\nتوقعان O", // adjacent, one type: both start with B-
			"بين O\nالصين B-GPE\nوسوريا B-GPE\n",
			"وفقا O\nلبكين B-GPE\n",
			"الرئيس B-OCC\nالصيني I-OCC\n", // the nested NORP is left out
		}, nil},
		{"split", Options{Tokens: "split"}, 0, 3, 1, 1, []string{
			"سوريا B-GPE\nو O\nالصين B-GPE\nتوقعان O",
			"وفقا O\nل O\nبكين B-GPE\n",
		}, []string{"والصين B-GPE"}},
		{"columns", Options{Nested: "columns"}, 3, 0, 0, 2, []string{
			"الرئيس B-OCC O\nالصيني I-OCC B-NORP\n",
		}, nil},
		{"bioes", Options{Scheme: "bioes"}, 3, 0, 1, 1, []string{
			"شي B-PERS\nجين I-PERS\nبينغ E-PERS\n", "الجمعة S-DATE\n",
		}, nil},
		{"iob1", Options{Scheme: "iob1"}, 3, 0, 1, 1, []string{
			"سوريا I-GPE\nوالصين B-GPE\n", "شي I-PERS\nجين I-PERS\n",
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			sum, err := Write("conll", Output{W: &buf}, docs, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if sum.SubTokenWidened != tc.widened || sum.TokensSplit != tc.split || sum.NestedDropped != tc.dropped || sum.Levels != tc.levels {
				t.Errorf("widened %d, split %d, dropped %d, levels %d; want %d, %d, %d, %d",
					sum.SubTokenWidened, sum.TokensSplit, sum.NestedDropped, sum.Levels, tc.widened, tc.split, tc.dropped, tc.levels)
			}
			out := buf.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(out, w) {
					t.Errorf("output holds %q", w)
				}
			}
		})
	}
}

// TestAppendString compares the hand-written JSON string encoder with
// encoding/json on what could trip it.
func TestAppendString(t *testing.T) {
	tests := []string{"", "شي جين بينغ", "a\"b\\c", "سطر\nسطر\tثم\r", "\x01\x1f\x7f", "فاصل\u2028و\u2029", "…—«»", "\xff\xfeشي\xe2\x80"}
	for _, s := range tests {
		got := string(appendString(nil, s))
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%q encodes to invalid JSON %s: %v", s, got, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); back != want {
			t.Errorf("%q round-trips to %q, want %q", s, back, want)
		}
		if want := refAppendString(s); got != want {
			t.Errorf("%q encodes to %s, want %s", s, got, want)
		}
	}
	// Byte for byte against the reference on random strings drawn from
	// what trips an encoder: escapes, Arabic, U+2028, stray and cut UTF-8.
	pieces := []string{"a", " ", "\"", "\\", "\n", "\x01", "\x7f", "ش", "\u2028", "\u2029", "\u2027", "…", "😀", "\xff", "\xe2\x80", "\xc0\x80", "\xd8", "\uFFFD"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := string(appendString([]byte("x"), s)), "x"+refAppendString(s); got != want {
			t.Fatalf("%q encodes to %q, want %q", s, got, want)
		}
	}
}

// refAppendString is the escaping appendString implements, written rune
// by rune for clarity rather than speed.
func refAppendString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteString("\\" + string(r))
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
