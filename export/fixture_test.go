package export

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The seed article (also testdata/samples/الصين وسوريا شراكة استراتيجية.txt).
const seedPath = "../testdata/seed/000_b82b1847b879165f.txt"

func readSeed(t testing.TB) string {
	t.Helper()
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return corpus.NormalizeText(string(raw))
}

// at finds sub inside the first occurrence of context and returns its code
// point span, so that fixtures name the occurrence they mean.
func at(t testing.TB, text, context, sub string) corpus.Span {
	t.Helper()
	c := strings.Index(text, context)
	if c < 0 {
		t.Fatalf("context %q not in text", context)
	}
	s := strings.Index(context, sub)
	if s < 0 {
		t.Fatalf("%q not in context %q", sub, context)
	}
	start := utf8.RuneCountInString(text[:c]) + utf8.RuneCountInString(context[:s])
	return corpus.Span{Start: start, End: start + utf8.RuneCountInString(sub)}
}

type fixEnt struct{ context, sub, typ string }

// seedEntities covers the cases the writers must handle: a nested entity
// (الصيني inside الرئيس الصيني), sub-token entities (بكين in لبكين, الصين in
// والصين, سوريا in وسوريا), two adjacent entities of one type (سوريا
// والصين) and ordinary ones.
var seedEntities = []fixEnt{
	{"أجرى الرئيس الصيني", "الرئيس الصيني", "OCC"},
	{"أجرى الرئيس الصيني", "الصيني", "NORP"},
	{"شي جين بينغ، محادثات", "شي جين بينغ", "PERS"},
	{"بشار الأسد، الجمعة", "بشار الأسد", "PERS"},
	{"بشار الأسد، الجمعة", "الجمعة", "DATE"},
	{"وبدأ الأسد الذي", "الأسد", "PERS"},
	{"وفقا لبكين", "بكين", "GPE"},
	{"بين الصين وسوريا", "الصين", "GPE"},
	{"بين الصين وسوريا", "سوريا", "GPE"},
	{"أن \"سوريا والصين توقعان", "سوريا", "GPE"},
	{"أن \"سوريا والصين توقعان", "الصين", "GPE"},
}

// seedLayer builds the gold layer of the seed article with fixed ids and
// times, so golden files are stable. Event E1 has two arguments; E2 has a
// two-token trigger.
func seedLayer(t testing.TB, text string) corpus.Layer {
	l := corpus.Layer{Doc: "0190a0c0-0000-7000-8000-000000000001", Annotator: corpus.Gold, Status: corpus.StatusDone,
		Revision: 7, Updated: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	for i, fe := range seedEntities {
		sp := at(t, text, fe.context, fe.sub)
		l.Entities = append(l.Entities, corpus.Entity{ID: "T" + itoa(i+1), Start: sp.Start, End: sp.End, Type: fe.typ})
	}
	corpus.SortEntities(l.Entities)
	l.Events = []corpus.Event{
		{ID: "E1", Type: "Contact.Meet", Trigger: at(t, text, "بينغ، محادثات", "محادثات"),
			Arguments: []corpus.Argument{{Role: "Entity", Entity: "T3"}, {Role: "Entity", Entity: "T4"}}},
		{ID: "E2", Type: "Movement.Transport", Trigger: at(t, text, "أول زيارة رسمية", "زيارة رسمية"),
			Arguments: []corpus.Argument{{Role: "Artifact", Entity: "T6"}}},
	}
	return l
}

func itoa(n int) string { return strconv.Itoa(n) }

func seedDocument(t testing.TB) corpus.Document {
	text := readSeed(t)
	return corpus.Document{ID: "0190a0c0-0000-7000-8000-000000000001", Title: "شي والأسد يعلنان شراكة استراتيجية",
		Source: "testdata/samples/000_b82b1847b879165f.txt", Text: text, SHA256: corpus.TextHash(text),
		Imported: time.Date(2025, 2, 1, 9, 30, 0, 0, time.UTC)}
}

// seedDocs is the one-document corpus of the golden tests.
func seedDocs(t testing.TB) []Doc {
	d := seedDocument(t)
	l := seedLayer(t, d.Text)
	doc := NewDoc(d, l)
	doc.Layers = []corpus.Layer{l}
	return []Doc{doc}
}

func testSchema(t testing.TB) *corpus.Schema {
	sc, err := corpus.Preset(corpus.DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	return &sc
}

// openStore opens an empty database with the default schema.
func openStore(t testing.TB) *corpus.Store {
	t.Helper()
	s, err := corpus.Open(filepath.Join(t.TempDir(), "corpus.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.SetSchema(*testSchema(t)); err != nil {
		t.Fatal(err)
	}
	return s
}

// storeWithSeed imports the seed article with its gold layer.
func storeWithSeed(t testing.TB) (*corpus.Store, string) {
	s := openStore(t)
	d := seedDocument(t)
	l := seedLayer(t, d.Text)
	res, err := s.Import([]corpus.ImportItem{{Origin: "seed", Doc: corpus.NewDoc{ID: d.ID, Title: d.Title, Source: d.Source,
		Text: d.Text, Imported: d.Imported}, Layers: []corpus.Layer{l}}})
	if err != nil {
		t.Fatal(err)
	}
	return s, res.IDs[0]
}
