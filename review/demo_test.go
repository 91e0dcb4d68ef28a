package review

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// The README's three-annotator corpus: the bundled sample articles, each
// labelled by amal (the reference below), خالد and سلمى, who differ from
// her the way annotators do: a nationality taken for a country, a title
// inside a name, an organisation missed, an argument left out. It is
// built with tawsimctl and this test:
//
//	tawsimctl --db demo.db init
//	tawsimctl --db demo.db import testdata/samples
//	TAWSIM_DEMO_DB=$PWD/demo.db go test ./review -run TestWriteDemoCorpus
//
// and the test does nothing without TAWSIM_DEMO_DB.

// demoPhrase is a phrase labelled wherever it stands as a word (a
// proclitic و ل ب ف before it allowed), longer phrases first, none
// overlapping another.
type demoPhrase struct{ text, typ string }

// demoEvent is an event on the nth occurrence of its trigger, its
// arguments the entities labelled on the first occurrence of a phrase.
type demoEvent struct {
	trigger string
	nth     int
	typ     string
	args    [][2]string // role, phrase
}

type demoDoc struct {
	phrases []demoPhrase
	events  []demoEvent
}

// demoReference is amal's annotation, by the start of each document's
// title or text.
var demoReference = map[string]demoDoc{
	"الصين وسوريا": {
		phrases: []demoPhrase{
			{"شي جين بينغ", "PERS"}, {"شي جين بينج", "PERS"}, {"بشار الأسد", "PERS"}, {"الأسد", "PERS"}, {"شي", "PERS"},
			{"فلاديمير بوتين", "PERS"}, {"بوتين", "PERS"}, {"وانج يي", "PERS"}, {"سيرجي لافروف", "PERS"},
			{"الصين", "GPE"}, {"سوريا", "GPE"}, {"بكين", "GPE"}, {"هانغتشو", "GPE"}, {"موسكو", "GPE"}, {"روسيا", "GPE"},
			{"سان بطرسبرج", "GPE"}, {"قازان", "GPE"},
			{"الصيني", "NORP"}, {"السوري", "NORP"}, {"الروسي", "NORP"},
			{"الأمم المتحدة", "ORG"}, {"مجلس الأمن", "ORG"}, {"منظمة شنجهاي للتعاون", "ORG"}, {"بريكس", "ORG"},
			{"سي سي تي في", "ORG"}, {"الحرة", "ORG"},
			{"وزير الخارجية", "OCC"}, {"رئيس النظام", "OCC"}, {"الرئيس", "OCC"},
			{"الجمعة", "DATE"}, {"الخميس", "DATE"}, {"السبت", "DATE"}, {"الثلاثاء", "DATE"}, {"الشهر المقبل", "DATE"},
			{"سبتمبر 2024", "DATE"}, {"دورة الألعاب الآسيوية", "EVENT"},
		},
		events: []demoEvent{
			{"محادثات", 0, "Contact.Meet", [][2]string{{"Entity", "شي جين بينغ"}, {"Entity", "بشار الأسد"}, {"Time", "الجمعة"}}},
			{"التقيا", 0, "Contact.Meet", [][2]string{{"Entity", "شي"}, {"Entity", "الأسد"}}},
			{"محادثات", 1, "Contact.Meet", [][2]string{{"Entity", "بوتين"}, {"Entity", "وانج يي"}, {"Place", "موسكو"}}},
		},
	},
	"المركزي المصري": {
		phrases: []demoPhrase{
			{"البنك المركزي المصري", "ORG"}, {"لجنة السياسة النقدية", "ORG"}, {"صندوق النقد الدولي", "ORG"},
			{"القاهرة", "GPE"}, {"يوم الخميس", "DATE"}, {"أيلول/سبتمبر الماضي", "DATE"},
			{"2%", "PERCENT"}, {"٣٥٫٢٪", "PERCENT"}, {"27.25%", "PERCENT"}, {"28.25%", "PERCENT"},
			{"حسن عبد الله", "PERS"}, {"محافظ البنك", "OCC"}, {"8 مليارات دولار", "MONEY"}, {"الجنيه", "CURR"},
		},
	},
	"المغرب يتأهل": {
		phrases: []demoPhrase{
			{"المغرب", "GPE"}, {"الرباط", "GPE"}, {"جنوب أفريقيا", "GPE"}, {"المنتخب المغربي", "ORG"},
			{"كأس أمم أفريقيا", "EVENT"}, {"ملعب مولاي عبد الله", "FAC"},
			{"يوسف النصيري", "PERS"}, {"أشرف حكيمي", "PERS"}, {"وليد الركراكي", "PERS"}, {"المدرب", "OCC"},
			{"مساء السبت", "DATE"}, {"الدقيقة 34", "TIME"}, {"الدقيقة 78", "TIME"},
		},
	},
	"وزير الخارجية السعودي": {
		phrases: []demoPhrase{
			{"فيصل بن فرحان", "PERS"}, {"جان نويل بارو", "PERS"}, {"وزير الخارجية", "OCC"}, {"الوزير", "OCC"},
			{"السعودي", "NORP"}, {"الفرنسي", "NORP"},
			{"باريس", "GPE"}, {"السودان", "GPE"}, {"برلين", "GPE"},
			{"وزارة الخارجية الفرنسية", "ORG"}, {"وكالة الأنباء السعودية", "ORG"}, {"واس", "ORG"},
			{"الاثنين", "DATE"}, {"يوم الأربعاء", "DATE"}, {"٥٠٠ مليون يورو", "MONEY"},
		},
		events: []demoEvent{
			{"يلتقي", 0, "Contact.Meet", [][2]string{{"Place", "باريس"}}},
			{"التقى", 0, "Contact.Meet", [][2]string{{"Entity", "فيصل بن فرحان"}, {"Entity", "جان نويل بارو"}, {"Time", "الاثنين"}}},
		},
	},
}

// demoAnnotator is how an annotator's layer departs from the reference.
type demoAnnotator struct {
	name     string
	retype   map[string]string // phrase → the type given instead
	skip     map[string]bool   // phrases never labelled
	widen    map[string]string // phrase → the longer phrase labelled instead
	dropArgs map[string]bool   // argument phrases left out of events
	noEvents map[string]bool   // documents (title starts) without events
	working  map[string]bool   // documents whose layer is not marked done
}

var demoAnnotators = []demoAnnotator{
	{name: "amal"},
	{name: "خالد",
		retype:   map[string]string{"الصيني": "GPE", "السعودي": "GPE", "الفرنسي": "GPE", "الحرة": "WEBSITE", "كأس أمم أفريقيا": "ORG", "الجنيه": "MONEY"},
		widen:    map[string]string{"فيصل بن فرحان": "الأمير فيصل بن فرحان", "وليد الركراكي": "المدرب وليد الركراكي"},
		skip:     map[string]bool{"الشهر المقبل": true, "الدقيقة 34": true, "الدقيقة 78": true, "أيلول/سبتمبر الماضي": true},
		dropArgs: map[string]bool{"الجمعة": true},
	},
	{name: "سلمى",
		retype:   map[string]string{"رئيس النظام": "PERS", "سي سي تي في": "WEBSITE", "ملعب مولاي عبد الله": "LOC"},
		widen:    map[string]string{"وزير الخارجية": "وزير الخارجية السعودي", "محافظ البنك": "محافظ البنك حسن عبد الله"},
		skip:     map[string]bool{"لجنة السياسة النقدية": true, "منظمة شنجهاي للتعاون": true, "واس": true, "الرئيس": true, "2%": true},
		noEvents: map[string]bool{"الصين وسوريا": true},
		working:  map[string]bool{"المغرب يتأهل": true},
	},
}

// wordAt reports whether [b, e) (bytes) of text stands as a word: no
// letter right after it, and before it the text's start, a non-letter,
// or one proclitic letter that itself follows a non-letter.
func wordAt(text string, b, e int) bool {
	if r, _ := utf8.DecodeRuneInString(text[e:]); e < len(text) && unicode.IsLetter(r) {
		return false
	}
	if b == 0 {
		return true
	}
	r, n := utf8.DecodeLastRuneInString(text[:b])
	if !unicode.IsLetter(r) {
		return true
	}
	if !strings.ContainsRune("ولبف", r) {
		return false
	}
	if b-n == 0 {
		return true
	}
	p, _ := utf8.DecodeLastRuneInString(text[:b-n])
	return !unicode.IsLetter(p)
}

// occurrences lists the code point spans where phrase stands as a word.
func occurrences(text, phrase string) []corpus.Span {
	var out []corpus.Span
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return out
		}
		b := from + i
		e := b + len(phrase)
		if wordAt(text, b, e) {
			s := utf8.RuneCountInString(text[:b])
			out = append(out, corpus.Span{Start: s, End: s + utf8.RuneCountInString(phrase)})
		}
		from = e
	}
}

// demoLayer is the annotator's layer on a document of the reference.
func demoLayer(d corpus.Document, ref demoDoc, key string, a demoAnnotator) corpus.Layer {
	l := corpus.Layer{Annotator: a.name, Status: corpus.StatusDone}
	if a.working[key] {
		l.Status = corpus.StatusInProgress
	}
	phrases := make([]demoPhrase, 0, len(ref.phrases))
	for _, p := range ref.phrases {
		if a.skip[p.text] {
			continue
		}
		if t, ok := a.retype[p.text]; ok {
			p.typ = t
		}
		if w, ok := a.widen[p.text]; ok {
			p.text = w
		}
		phrases = append(phrases, p)
	}
	sort.SliceStable(phrases, func(i, j int) bool {
		return utf8.RuneCountInString(phrases[i].text) > utf8.RuneCountInString(phrases[j].text)
	})
	taken := make([]bool, utf8.RuneCountInString(d.Text))
	first := map[string]string{} // phrase → id of its first entity
	for _, p := range phrases {
		for _, sp := range occurrences(d.Text, p.text) {
			free := true
			for i := sp.Start; i < sp.End; i++ {
				free = free && !taken[i]
			}
			if !free {
				continue
			}
			for i := sp.Start; i < sp.End; i++ {
				taken[i] = true
			}
			id := "T" + strconv.Itoa(len(l.Entities)+1)
			l.Entities = append(l.Entities, corpus.Entity{ID: id, Start: sp.Start, End: sp.End, Type: p.typ})
			if _, ok := first[p.text]; !ok {
				first[p.text] = id
			}
		}
	}
	if a.noEvents[key] {
		return l
	}
	for _, ev := range ref.events {
		occ := occurrences(d.Text, ev.trigger)
		if ev.nth >= len(occ) {
			continue
		}
		e := corpus.Event{ID: "E" + strconv.Itoa(len(l.Events)+1), Type: ev.typ, Trigger: occ[ev.nth]}
		for _, arg := range ev.args {
			phrase := arg[1]
			if w, ok := a.widen[phrase]; ok {
				phrase = w
			}
			if id, ok := first[phrase]; ok && !a.dropArgs[arg[1]] {
				e.Arguments = append(e.Arguments, corpus.Argument{Role: arg[0], Entity: id})
			}
		}
		l.Events = append(l.Events, e)
	}
	return l
}

// demoKey finds the document's reference by its title or text.
func demoKey(d corpus.Document) (string, bool) {
	for key := range demoReference {
		if strings.HasPrefix(d.Title, key) || strings.HasPrefix(d.Text, key) {
			return key, true
		}
	}
	return "", false
}

// TestWriteDemoCorpus adds the three annotators' layers to the sample
// articles in the database TAWSIM_DEMO_DB names (one import: all or
// nothing).
func TestWriteDemoCorpus(t *testing.T) {
	path := os.Getenv("TAWSIM_DEMO_DB")
	if path == "" {
		t.Skip("TAWSIM_DEMO_DB is not set: nothing to write")
	}
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	infos, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var items []corpus.ImportItem
	for _, info := range infos {
		d, err := s.Document(info.ID)
		if err != nil {
			t.Fatal(err)
		}
		if key, ok := demoKey(d); ok {
			ref := demoReference[key]
			it := corpus.ImportItem{Origin: d.Title, Doc: corpus.NewDoc{Title: d.Title, Text: d.Text}}
			for _, a := range demoAnnotators {
				it.Layers = append(it.Layers, demoLayer(d, ref, key, a))
			}
			items = append(items, it)
		}
	}
	if len(items) != len(demoReference) {
		t.Fatalf("found %d of the %d sample articles in %s: import testdata/samples first", len(items), len(demoReference), path)
	}
	res, err := s.Import(items)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d layers on %d documents", res.Layers, res.Existing)
}

// TestDemoLayers checks the demo annotators on the sample texts: the
// reference finds every phrase it lists, and each annotator departs from
// it as described.
func TestDemoLayers(t *testing.T) {
	found := 0
	for _, f := range sampleFiles(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title := strings.TrimSuffix(filepath.Base(f), ".txt")
		d := corpus.Document{Title: title, Text: corpus.NormalizeText(string(raw))}
		if key, ok := demoKey(d); ok {
			found++
			ref := demoReference[key]
			for _, p := range ref.phrases {
				if len(occurrences(d.Text, p.text)) == 0 {
					t.Errorf("%s: %q not found as a word", key, p.text)
				}
			}
			amal := demoLayer(d, ref, key, demoAnnotators[0])
			if len(amal.Entities) < len(ref.phrases) || len(amal.Events) != len(ref.events) {
				t.Errorf("%s: amal has %d entities and %d events for %d phrases and %d events", key, len(amal.Entities), len(amal.Events), len(ref.phrases), len(ref.events))
			}
			for _, a := range demoAnnotators[1:] {
				l := demoLayer(d, ref, key, a)
				same := len(l.Entities) == len(amal.Entities) && len(l.Events) == len(amal.Events)
				for i := 0; same && i < len(l.Entities); i++ {
					same = l.Entities[i] == amal.Entities[i]
				}
				if same {
					t.Errorf("%s: %s's layer is amal's", key, a.name)
				}
			}
		}
	}
	if found != len(demoReference) {
		t.Errorf("%d of the %d demo documents among the samples", found, len(demoReference))
	}
}

func sampleFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("../testdata/samples")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, "../testdata/samples/"+e.Name())
	}
	return out
}
