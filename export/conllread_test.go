package export

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// Small files in the layouts of real corpora, written for these tests:
// anercorp.conll has ANERcorp's shape (one token and tag a line, no blank
// lines, lines with a tag and no token, a column holding only U+200F,
// tokens with U+200F inside, a token starting with #); wojood-nested.conll
// has Wojood's nested files' (one tag per entity a token is in, outermost
// first, same-type nesting, tokens # and #ERROR!).
const (
	anercorpFile = "testdata/layouts/anercorp.conll"
	wojoodFile   = "testdata/layouts/wojood-nested.conll"
)

// entityTexts renders a layer's entities as "TYPE text", in order.
func entityTexts(text string, l corpus.Layer) []string {
	ix := corpus.NewIndex(text)
	var out []string
	for _, e := range l.Entities {
		out = append(out, e.Type+" "+ix.Slice(e.Start, e.End))
	}
	return out
}

// tokenTexts renders an item's own tokens, a sentence a string.
func tokenTexts(it corpus.ImportItem) []string {
	d := corpus.Document{Text: it.Doc.Text, Tokenization: it.Doc.Tokenization}
	toks := d.Tokens()
	var out []string
	for _, s := range d.Sentences(toks) {
		var words []string
		for _, t := range toks[s.First:s.Last] {
			words = append(words, t.Text)
		}
		out = append(out, strings.Join(words, " "))
	}
	return out
}

func TestReadCoNLLLayouts(t *testing.T) {
	rlm := "\u200f"
	tests := []struct {
		name, file string
		opt        ReadOptions
		docs       int
		sentences  []string // of the first document
		entities   []string // of the first document
		sum        Summary  // the counts checked: Tokens, TagOnly, Invisible, OrphanInside, Skipped
		notes      []string
	}{
		{"anercorp", anercorpFile, ReadOptions{}, 1,
			[]string{
				"القاهرة ( أ.ش.أ ) - أعلن الرئيس عبد الفتاح السيسي أن النمو بلغ 30% عام 2023 .",
				"وقالت وكالة أ.ف.ب إن شبكة سي.أن.أن بثت برنامج من سيربح المليون ؟ يوم 22/9/2023 .",
				"#غزة مدينة بنيت عام 500 ق.م. " + rlm + "،" + rlm + " وفق قرار مجلس الأمن" + rlm + "1706 " + rlm + " هل تنجح المفاوضات ؟",
				"فيصل بن فرحان في باريس",
			},
			[]string{"LOC القاهرة", "ORG أ.ش.أ", "PERS عبد الفتاح السيسي", "ORG وكالة أ.ف.ب", "ORG شبكة سي.أن.أن",
				"MISC من سيربح المليون ؟", "ORG مجلس الأمن" + rlm + "1706 " + rlm, "PERS فيصل بن فرحان", "LOC باريس"},
			Summary{Tokens: 52, TagOnly: 2, Invisible: 2},
			[]string{"anercorp.conll: 2 lines with a tag but no token skipped (lines 18, 45)",
				"anercorp.conll: 1 column of invisible characters (such as U+200F) kept as part of the token before it (line 44)",
				"anercorp.conll: 2 tokens hold invisible or control characters (such as U+200F), kept as they are (lines 40, 44)",
				"anercorp.conll has neither blank lines nor -DOCSTART-: it was cut into 4 sentences after sentence-final tokens (. ! ? ؟) outside entities, all in one document; --doc-sentences N makes documents of N sentences"}},
		{"anercorp in documents of 3 sentences", anercorpFile, ReadOptions{DocSentences: 3}, 2, nil, nil,
			Summary{Tokens: 52, TagOnly: 2, Invisible: 2}, nil},
		{"wojood nested", wojoodFile, ReadOptions{}, 1,
			[]string{
				"أعلنت جامعة بيرزيت عن مؤتمر جامعة بيرزيت الأول .",
				"قضت محكمة حكومة فلسطين بغرامة دولار أمريكي واحد .",
				"# فلسطين #ERROR! المندوب الدائم للمغرب لدى منظمة التعاون الإسلامي",
			},
			[]string{"ORG جامعة بيرزيت", "GPE بيرزيت", "EVENT مؤتمر جامعة بيرزيت الأول", "ORG جامعة بيرزيت", "GPE بيرزيت", "ORDINAL الأول",
				"ORG محكمة حكومة فلسطين", "ORG حكومة فلسطين", "GPE فلسطين", "MONEY دولار أمريكي واحد", "CURR دولار أمريكي",
				"GPE فلسطين", "OCC المندوب الدائم للمغرب لدى منظمة التعاون الإسلامي", "GPE للمغرب", "ORG منظمة التعاون الإسلامي"},
			Summary{Tokens: 28}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, sum, err := Read("conll", []string{tc.file}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != tc.docs {
				t.Fatalf("%d documents, want %d", len(items), tc.docs)
			}
			got := Summary{Tokens: sum.Tokens, TagOnly: sum.TagOnly, Invisible: sum.Invisible, OrphanInside: sum.OrphanInside, Skipped: sum.Skipped}
			if !reflect.DeepEqual(got, tc.sum) {
				t.Errorf("counts %+v, want %+v", got, tc.sum)
			}
			if tc.sentences != nil {
				if s := tokenTexts(items[0]); !reflect.DeepEqual(s, tc.sentences) {
					t.Errorf("sentences\n%q\nwant\n%q", s, tc.sentences)
				}
			}
			if tc.entities != nil {
				if e := entityTexts(items[0].Doc.Text, items[0].Layers[0]); !reflect.DeepEqual(e, tc.entities) {
					t.Errorf("entities\n%q\nwant\n%q", e, tc.entities)
				}
			}
			if tc.notes != nil && !reflect.DeepEqual(sum.Notes, tc.notes) {
				t.Errorf("notes\n%q\nwant\n%q", sum.Notes, tc.notes)
			}
			for _, it := range items {
				n := utf8.RuneCountInString(it.Doc.Text)
				if it.Doc.Tokenization == nil || it.Doc.Tokenization.Validate(n) != nil {
					t.Errorf("%s: the document does not keep valid tokens of its own", it.Origin)
				}
			}
		})
	}
}

// TestReadCoNLLQuirks: what real files do, repaired and counted.
func TestReadCoNLLQuirks(t *testing.T) {
	tests := []struct {
		name, in, scheme string
		ents             []spanType
		oneCol, orphan   int
		docs             int
	}{
		{"one column", "زار\nبوتين B-PERS\nموسكو\n", "iob2", []spanType{{4, 9, "PERS"}}, 2, 0, 1},
		{"orphan I", "زار O\nبوتين I-PERS\nموسكو B-GPE\n", "iob2", []spanType{{4, 9, "PERS"}, {10, 15, "GPE"}}, 0, 1, 1},
		{"iob1", "شي I-PERS\nجين I-PERS\nبوتين B-PERS\nفي O\nموسكو I-GPE\n", "iob1",
			[]spanType{{0, 6, "PERS"}, {7, 12, "PERS"}, {16, 21, "GPE"}}, 0, 0, 1},
		{"bioes", "شي B-PERS\nجين E-PERS\nفي O\nموسكو S-GPE\n", "bioes", []spanType{{0, 6, "PERS"}, {10, 15, "GPE"}}, 0, 0, 1},
		{"docstart tabs crlf", "-DOCSTART-\tO\r\n\r\nشي\tB-PERS\r\n\r\n-DOCSTART-\tO\r\n\r\nبكين\tB-GPE\r\n", "iob2", []spanType{{0, 2, "PERS"}}, 0, 0, 2},
		{"sentences", "شي B-PERS\n\nبكين B-GPE\n", "iob2", []spanType{{0, 2, "PERS"}, {3, 7, "GPE"}}, 0, 0, 1},
		{"comments", "# sent_id = 1\n# text = شي في بكين\nشي B-PERS\n", "iob2", []spanType{{0, 2, "PERS"}}, 0, 0, 1},
		{"B-52 is a token", "B-52\nقاذفة O\n", "iob2", nil, 1, 0, 1},
		// Same-type nesting whose inner entity ends first, and two that
		// cross: the column tells which entity an I- continues.
		{"nested columns", "مجلس B-ORG O\nالأمن I-ORG B-ORG\nالدولي I-ORG I-ORG\nاليوم O O\n", "iob2",
			[]spanType{{0, 17, "ORG"}, {5, 17, "ORG"}}, 0, 0, 1},
		{"crossing", "أ B-ORG O\nب I-ORG B-ORG\nج O I-ORG\n", "iob2", []spanType{{0, 3, "ORG"}, {2, 5, "ORG"}}, 0, 0, 1},
		{"one entity twice", "كيلو B-UNIT B-UNIT\n", "iob2", []spanType{{0, 4, "UNIT"}}, 0, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in.conll")
			os.WriteFile(path, []byte(tc.in), 0o644)
			items, sum, err := readCoNLL(path, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != tc.docs || sum.Scheme != tc.scheme || sum.OneColumn != tc.oneCol || sum.OrphanInside != tc.orphan {
				t.Errorf("%d docs, scheme %s, one-column %d, orphan %d; want %d, %s, %d, %d",
					len(items), sum.Scheme, sum.OneColumn, sum.OrphanInside, tc.docs, tc.scheme, tc.oneCol, tc.orphan)
			}
			if got := spansOf(items[0].Layers[0]); !reflect.DeepEqual(got, tc.ents) {
				t.Errorf("entities %v, want %v (text %q)", got, tc.ents, items[0].Doc.Text)
			}
		})
	}
}

// TestReadCoNLLColumns: a declared layout reads the tags from their
// column and skips the others.
func TestReadCoNLLColumns(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nالاتحاد NNP B-NP B-ORG\nالأوروبي JJ I-NP I-ORG\nيرفض VBP B-VP O\n\n"
	path := filepath.Join(t.TempDir(), "eng.conll")
	os.WriteFile(path, []byte(in), 0o644)
	items, _, err := Read("conll", []string{path}, ReadOptions{Columns: "token,pos,chunk,ner"})
	if err != nil {
		t.Fatal(err)
	}
	if got := entityTexts(items[0].Doc.Text, items[0].Layers[0]); !reflect.DeepEqual(got, []string{"ORG الاتحاد الأوروبي"}) {
		t.Errorf("entities %q", got)
	}
	_, _, err = Read("conll", []string{path}, ReadOptions{})
	if want := path + ` line 3: column 2 "NNP" is neither the token nor a tag: a file with other columns declares them with --columns`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("undeclared columns: %v, want %q", err, want)
	}
	for _, spec := range []string{"token", "ner,token", "token,ner,pos", "token,token,ner", "token,,ner"} {
		var re *RequestError
		if _, err := parseColumns(spec); !errors.As(err, &re) {
			t.Errorf("--columns %q: %v, want a RequestError", spec, err)
		}
	}
}

// TestReadCoNLLRefusals: each refusal names the file and the line at
// fault, and says what is wrong in words.
func TestReadCoNLLRefusals(t *testing.T) {
	long := strings.Repeat("ش", MaxLineBytes/2+1)
	schema := testSchema(t)
	tests := []struct {
		name, in string
		opt      ReadOptions
		want     string
	}{
		{"bad tag", "شي B-PERS\nجين X-PERS\n", ReadOptions{}, `line 2: tag "X-PERS" is not O, B-TYPE`},
		{"long line", "شي O\n" + long + " O\n", ReadOptions{}, "line 2: the line is longer than 16 MiB, the longest line Tawsim reads"},
		{"type outside the schema", "شي B-PERS\nجين I-PERS\n\nفي O\nبكين B-CITY\n", ReadOptions{Schema: schema},
			`line 5: entity type "CITY" is not in the schema (PERS, NORP`},
		{"too few columns", "شي NNP B-NP B-PERS\nجين NNP\n", ReadOptions{Columns: "token,pos,chunk,ner"}, "line 2: the line has 2 columns, and --columns declares 4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in.conll")
			os.WriteFile(path, []byte(tc.in), 0o644)
			_, _, err := Read("conll", []string{path}, tc.opt)
			if err == nil || !strings.Contains(err.Error(), path+" "+tc.want) {
				t.Fatalf("error %v, want %q", err, path+" "+tc.want)
			}
		})
	}
}
