package export

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// python returns an interpreter that can import module, or skips. The
// system one comes first: Debian's python3-nltk lives there, while a
// python3 earlier on PATH (pyenv) may lack it.
func python(t *testing.T, module string) string {
	t.Helper()
	var candidates []string
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		candidates = append(candidates, "/usr/bin/python3")
	}
	if py, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, py)
	}
	if len(candidates) == 0 {
		t.Skip("python3 is not installed")
	}
	if module == "" {
		return candidates[0]
	}
	var last string
	for _, py := range candidates {
		out, err := exec.Command(py, "-c", "import "+module).CombinedOutput()
		if err == nil {
			return py
		}
		last = strings.TrimSpace(string(out))
	}
	t.Skipf("no python3 here can import %s: %s", module, last)
	return ""
}

// TestNLTKReadsCoNLL reads the CoNLL export with NLTK's ConllCorpusReader,
// which none of us wrote, and compares sentence, token and entity-tag
// counts with what the writer reported.
func TestNLTKReadsCoNLL(t *testing.T) {
	py := python(t, "nltk")
	dir := t.TempDir()
	for _, opt := range []Options{{}, {Tab: true, DocStart: false, Tokens: "split"}} {
		path := filepath.Join(dir, "ner.conll")
		f, _ := os.Create(path)
		sum, err := Write("conll", Output{W: f}, seedDocs(t), opt)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		// NLTK splits columns on whitespace. Its NE accessors insist on POS
		// and chunk columns too, so the tag column is declared as 'pos'
		// and read back through tagged_sents as (token, tag) pairs.
		script := `
import sys
from nltk.corpus.reader.conll import ConllCorpusReader
r = ConllCorpusReader(sys.argv[1], [sys.argv[2]], ('words', 'pos'))
sents = list(r.tagged_sents())
toks = sum(len(s) for s in sents)
begins = sum(1 for s in sents for (_, tag) in s if tag.startswith('B-'))
print(len(sents), toks, begins)
`
		out, err := exec.Command(py, "-c", script, dir, "ner.conll").CombinedOutput()
		if err != nil {
			t.Fatalf("NLTK failed: %v\n%s", err, out)
		}
		f3 := strings.Fields(string(out))
		want := []int{sum.Sentences, sum.Tokens, sum.Entities + sum.CrossSentence}
		for i, w := range want {
			got, _ := strconv.Atoi(f3[i])
			if got != w {
				t.Errorf("NLTK read %s (sentences tokens B-tags), writer reported %v", strings.TrimSpace(string(out)), want)
				break
			}
		}
		t.Logf("NLTK ConllCorpusReader (tokens=%q): sentences tokens B-tags = %s", opt.Tokens, strings.TrimSpace(string(out)))
	}
}

// TestPythonJSONReadsJSONL loads every line of every JSONL format with
// Python's json module and checks the documented keys and, where offsets
// appear, that they slice the text as Python (code points) slices it.
func TestPythonJSONReadsJSONL(t *testing.T) {
	py := python(t, "json")
	script := `
import json, sys
fmt, path = sys.argv[1], sys.argv[2]
keys = {
  'doccano': {'id', 'text', 'label', 'meta'},
  'spacy': {'text', 'tokens', 'spans', 'meta'},
  'hf': {'id', 'doc_id', 'tokens', 'ner_tags'},
  'events': {'doc_key', 'dataset', 'sentences', 'ner', 'relations', 'events'},
  'tawsim': {'format', 'id', 'title', 'source', 'text', 'sha256', 'imported', 'layers'},
}[fmt]
n = 0
for line in open(path, encoding='utf-8'):
    d = json.loads(line)
    missing = keys - set(d)
    assert not missing, ('missing keys', missing)
    if fmt == 'doccano':
        for s, e, lab in d['label']:
            assert 0 <= s < e <= len(d['text'])
    if fmt == 'spacy':
        assert ''.join(t['text'] + ' ' * t['ws'] for t in d['tokens']) == d['text'], 'tokens do not rebuild the text'
        for t in d['tokens']:
            assert d['text'][t['start']:t['end']] == t['text'], t
        for s in d['spans']:
            assert d['tokens'][s['token_start']]['start'] == s['start'] and d['tokens'][s['token_end']]['end'] == s['end'], s
    if fmt == 'hf':
        assert len(d['tokens']) == len(d['ner_tags'])
    if fmt == 'events':
        ntok = sum(len(s) for s in d['sentences'])
        assert len(d['ner']) == len(d['sentences']) == len(d['events']) == len(d['relations'])
        for sent in d['ner']:
            for s, e, lab in sent:
                assert 0 <= s <= e < ntok
    if fmt == 'tawsim':
        for l in d['layers']:
            for e in l['entities']:
                assert 0 <= e['start'] < e['end'] <= len(d['text'])
    n += 1
print(n)
`
	for _, format := range []string{"doccano", "spacy", "hf", "events", "tawsim"} {
		path := filepath.Join(t.TempDir(), format+".jsonl")
		f, _ := os.Create(path)
		sum, err := Write(format, Output{W: f}, seedDocs(t), Options{Tokens: "split"})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(py, "-c", script, format, path).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: Python's json refused it: %v\n%s", format, err, out)
		}
		want := sum.Documents
		if format == "hf" {
			want = sum.Sentences
		}
		if got := strings.TrimSpace(string(out)); got != strconv.Itoa(want) {
			t.Errorf("%s: Python read %s lines, want %d", format, got, want)
		}
		t.Logf("python json read %s: %s lines with the documented keys", format, strings.TrimSpace(string(out)))
	}
}

// TestPythonBratOffsets checks that brat's T lines slice the .txt file to
// their text when Python (as brat does) indexes it.
func TestPythonBratOffsets(t *testing.T) {
	py := python(t, "")
	dir := t.TempDir()
	if _, err := Write("brat", Output{Dir: dir}, seedDocs(t), Options{}); err != nil {
		t.Fatal(err)
	}
	script := `
import glob, sys
n = 0
for ann in glob.glob(sys.argv[1] + '/*.ann'):
    text = open(ann[:-4] + '.txt', encoding='utf-8').read()
    for line in open(ann, encoding='utf-8'):
        if line.startswith('T'):
            _, mid, frag = line.rstrip('\n').split('\t')
            offs = mid.split(' ', 1)[1]
            got = ' '.join(text[int(a):int(b)] for a, b in (p.split() for p in offs.split(';')))
            assert got == frag, (line, got)
            n += 1
print(n)
`
	out, err := exec.Command(py, "-c", script, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("python checked %s brat T lines against the .txt", strings.TrimSpace(string(out)))
}

// TestREADMENLTKRecipe runs the README's NLTK recipe for conll2003, as the
// README has it, on a conll2003 export: NLTK reads tags only from a
// column it calls "chunk" (chunked_sents, iob_sents), and the recipe must
// give back every entity the writer wrote, with its type and words.
func TestREADMENLTKRecipe(t *testing.T) {
	py := python(t, "nltk")
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var code []string
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "| `conll2003` |") {
			cells := strings.Split(strings.Trim(line, "| "), " | ")
			for _, m := range regexp.MustCompile("`([^`]*)`").FindAllStringSubmatch(cells[len(cells)-1], -1) {
				code = append(code, m[1])
			}
		}
	}
	if len(code) == 0 {
		t.Fatal("the README has no conll2003 recipe")
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	f, _ := os.Create(filepath.Join(dir, "out", "corpus.txt"))
	docs := seedDocs(t)
	sum, err := Write("conll2003", Output{W: f}, docs, Options{})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	script := strings.Join(code, "\n") + "\nimport json\nprint(json.dumps(ents, ensure_ascii=False))\n"
	cmd := exec.Command(py, "-c", script)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's recipe failed: %v\n%s\n%s", err, script, out)
	}
	var got [][2]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// What the writer wrote: the outermost entities, on whole tokens.
	var want [][2]string
	v := viewFor(&docs[0], &Options{}, nil, &Summary{})
	var lev leveler
	spans := mapSpans(v, docs[0].Layer.Entities, true, &Summary{}, nil)
	for _, s := range lev.levels(spans)[0] {
		var words []string
		for _, tk := range v.toks[s.a:s.b] {
			words = append(words, tk.Text)
		}
		want = append(want, [2]string{s.typ, strings.Join(words, " ")})
	}
	if len(got) != sum.Entities || !reflect.DeepEqual(got, want) {
		t.Errorf("NLTK read %d entities %q; the writer wrote %d: %q", len(got), got, sum.Entities, want)
	}
	t.Logf("the README's NLTK recipe read %d entities, as written", len(got))
}
