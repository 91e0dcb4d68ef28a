package export

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestReadHF: documents by doc_id, tags as strings or label numbers,
// nested levels in ner_tags_2.
func TestReadHF(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opt   ReadOptions
		docs  int
		ents  []string // of the first document
		notes int
	}{
		{"doc ids and nesting", map[string]string{"hf.jsonl": `{"id":"0","doc_id":"a","tokens":["جامعة","بيرزيت"],"ner_tags":["B-ORG","I-ORG"],"ner_tags_2":["O","B-GPE"]}
{"id":"1","doc_id":"a","tokens":["في","فلسطين"],"ner_tags":["O","B-GPE"]}
{"id":"2","doc_id":"b","tokens":["شي"],"ner_tags":["B-PERS"]}
`}, ReadOptions{}, 2, []string{"ORG جامعة بيرزيت", "GPE بيرزيت", "GPE فلسطين"}, 0},
		{"label numbers", map[string]string{"labels.txt": "O\nB-PERS\nI-PERS\n",
			"hf.jsonl": `{"tokens":["زار","شي","جين"],"ner_tags":[0,1,2]}` + "\n" + `{"tokens":["بكين"],"ner_tags":[0]}` + "\n"},
			ReadOptions{}, 1, []string{"PERS شي جين"}, 1},
		{"documents of one sentence", map[string]string{"hf.jsonl": `{"tokens":["زار","شي"],"ner_tags":["O","B-PERS"]}` + "\n" + `{"tokens":["بكين"],"ner_tags":["B-GPE"]}` + "\n"},
			ReadOptions{DocSentences: 1}, 2, []string{"PERS شي"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			items, sum, err := Read("hf", []string{filepath.Join(dir, "hf.jsonl")}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != tc.docs || len(sum.Notes) != tc.notes {
				t.Errorf("%d documents, notes %q; want %d documents, %d notes", len(items), sum.Notes, tc.docs, tc.notes)
			}
			if got := entityTexts(items[0].Doc.Text, items[0].Layers[0]); !reflect.DeepEqual(got, tc.ents) {
				t.Errorf("entities %q, want %q", got, tc.ents)
			}
		})
	}
}

// TestReadSpacy: spaCy's own tokens are kept (its white-space tokens
// are not tokens), offsets and token indexes must agree with the text.
func TestReadSpacy(t *testing.T) {
	line := `{"text":"زار شي\n\nبكين","tokens":[{"text":"زار","start":0,"end":3,"id":0,"ws":true},{"text":"شي","start":4,"end":6,"id":1,"ws":false},` +
		`{"text":"\n\n","start":6,"end":8,"id":2,"ws":false},{"text":"بكين","start":8,"end":12,"id":3,"ws":false}],` +
		`"spans":[{"start":4,"end":6,"token_start":1,"token_end":1,"label":"PERS"},{"start":8,"end":12,"token_start":3,"token_end":3,"label":"GPE"}],"meta":{"title":"زيارة"}}` + "\n"
	dir := writeFiles(t, map[string]string{"s.jsonl": line})
	items, _, err := Read("spacy", []string{filepath.Join(dir, "s.jsonl")}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := items[0]
	if got := tokenTexts(it); !reflect.DeepEqual(got, []string{"زار شي", "بكين"}) {
		t.Errorf("sentences %q", got)
	}
	if got := entityTexts(it.Doc.Text, it.Layers[0]); !reflect.DeepEqual(got, []string{"PERS شي", "GPE بكين"}) || it.Doc.Title != "زيارة" {
		t.Errorf("entities %q, title %q", got, it.Doc.Title)
	}
	// With "sents" the document keeps those sentences.
	withSents := strings.Replace(line, `"spans":`, `"sents":[{"start":0,"end":12}],"spans":`, 1)
	dir = writeFiles(t, map[string]string{"s.jsonl": withSents})
	if items, _, err = Read("spacy", []string{filepath.Join(dir, "s.jsonl")}, ReadOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := tokenTexts(items[0]); !reflect.DeepEqual(got, []string{"زار شي بكين"}) {
		t.Errorf("sentences %q with sents, want one", got)
	}
}

// TestReadJSONRefusals: hf and spaCy refusals name the file and line.
func TestReadJSONRefusals(t *testing.T) {
	tests := []struct {
		name, format, in, want string
	}{
		{"hf tags and tokens", "hf", `{"tokens":["شي","جين"],"ner_tags":["B-PERS"]}`, `line 1: "ner_tags" has 1 tags for 2 tokens`},
		{"hf bad tag", "hf", `{"tokens":["شي"],"ner_tags":["B-PERS"]}` + "\n" + `{"tokens":["شي"],"ner_tags":["PERS"]}`, `line 2: "ner_tags": tag "PERS" is not O`},
		{"hf numbers without labels", "hf", `{"tokens":["شي"],"ner_tags":[1]}`, "line 1: \"ner_tags\": tags are label numbers, and the labels.txt that names them is not beside the file"},
		{"hf no tags", "hf", `{"tokens":["شي"]}`, `line 1: "ner_tags" is missing`},
		{"spacy token text", "spacy", `{"text":"زار شي","tokens":[{"text":"زار","start":0,"end":3},{"text":"بكين","start":4,"end":6}]}`, `line 1: token 1 [4,6) is "شي" in the text, not "بكين"`},
		{"spacy span tokens", "spacy", `{"text":"زار شي","tokens":[{"text":"زار","start":0,"end":3},{"text":"شي","start":4,"end":6}],"spans":[{"start":4,"end":6,"token_start":0,"token_end":0,"label":"PERS"}]}`, "line 1: span 0 [4,6) PERS: its tokens 0..0 do not start and end there"},
		{"spacy outside", "spacy", `{"text":"زار شي","spans":[{"start":4,"end":9,"label":"PERS"}]}`, "line 1: span 0 [4,9) PERS lies outside the text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"in.jsonl": tc.in + "\n"})
			path := filepath.Join(dir, "in.jsonl")
			_, _, err := Read(tc.format, []string{path}, ReadOptions{})
			if err == nil || !strings.Contains(err.Error(), path+" "+tc.want) {
				t.Fatalf("error %v, want %q", err, path+" "+tc.want)
			}
		})
	}
}
