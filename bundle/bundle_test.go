package bundle

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/tawsim/tawsim/boltstore"
	"github.com/tawsim/tawsim/corpus"
)

const (
	textA = "أجرى الرئيس الصيني، شي جين بينغ، محادثات مع رئيس النظام السوري، بشار الأسد، الجمعة."
	textB = "التقى بوتين وزير الخارجية الصيني وانغ يي في موسكو."
)

func open(t *testing.T, preset string) *corpus.Store {
	t.Helper()
	s, err := corpus.Open(filepath.Join(t.TempDir(), "corpus.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc, _ := corpus.Preset(preset)
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	return s
}

func find(t *testing.T, text, sub string) corpus.Span {
	t.Helper()
	b := strings.Index(text, sub)
	if b < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	s := len([]rune(text[:b]))
	return corpus.Span{Start: s, End: s + len([]rune(sub))}
}

func add(t *testing.T, s *corpus.Store, doc, ann, text, sub, typ string) corpus.Entity {
	t.Helper()
	sp := find(t, text, sub)
	e, err := s.AddEntity(doc, ann, corpus.Entity{Start: sp.Start, End: sp.End, Type: typ})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// desktop is amira's database: two articles, her layers on both, one done.
func desktop(t *testing.T) (*corpus.Store, []string) {
	s := open(t, "wojood")
	res, err := s.Import([]corpus.ImportItem{{Origin: "a", Doc: corpus.NewDoc{Title: "شي والأسد", Text: textA}}, {Origin: "b", Doc: corpus.NewDoc{Title: "بوتين", Text: textB}}})
	if err != nil {
		t.Fatal(err)
	}
	add(t, s, res.IDs[0], "amira", textA, "شي جين بينغ", "PERS")
	add(t, s, res.IDs[0], "amira", textA, "بشار الأسد", "PERS")
	add(t, s, res.IDs[1], "amira", textB, "بوتين", "PERS")
	if err := s.SetStatus(res.IDs[0], "amira", corpus.StatusDone); err != nil {
		t.Fatal(err)
	}
	return s, res.IDs
}

func share(t *testing.T, s *corpus.Store, opt WriteOptions) *Bundle {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(context.Background(), s, &buf, opt, nil); err != nil {
		t.Fatal(err)
	}
	b, err := Read(&buf, "amira"+Ext)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func importOK(t *testing.T, s *corpus.Store, b *Bundle, opt ImportOptions) Report {
	t.Helper()
	rs, err := Import(context.Background(), s, []*Bundle{b}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}

func TestRoundTripBetweenDatabases(t *testing.T) {
	mine, ids := desktop(t)
	b := share(t, mine, WriteOptions{Annotator: "amira"})
	if b.Header.Documents != 2 || b.Header.Schema.Preset != "wojood" || len(b.Entries) != 2 {
		t.Fatalf("bundle header %+v, %d entries", b.Header, len(b.Entries))
	}
	theirs := open(t, "wojood")
	r := importOK(t, theirs, b, ImportOptions{})
	if r.AddedDocs != 2 || r.Count(New) != 2 {
		t.Errorf("first import: %+v", r)
	}
	for i, id := range ids {
		want, _ := mine.Layer(id, "amira")
		got, err := theirs.Layer(id, "amira")
		if err != nil || !sameContent(want, got) || got.Revision != want.Revision || got.Synced != want.Revision {
			t.Errorf("document %d: got %+v, want %+v (%v)", i, got, want, err)
		}
		d, _ := theirs.Document(id)
		if want, _ := mine.Document(id); d.Text != want.Text || d.Title != want.Title {
			t.Errorf("document %d: text or title differ", i)
		}
	}
	// The same bundle again changes nothing.
	before, _ := theirs.Changes("", "")
	r = importOK(t, theirs, b, ImportOptions{})
	after, _ := theirs.Changes("", "")
	if r.Count(Unchanged) != 2 || r.AddedDocs != 0 || len(after) != len(before) {
		t.Errorf("second import: %+v, %d changes → %d", r, len(before), len(after))
	}
	// Only done layers.
	if b := share(t, mine, WriteOptions{Annotator: "amira", OnlyDone: true}); len(b.Entries) != 1 || b.Header.Status != "done" {
		t.Errorf("--status done bundle: %d entries", len(b.Entries))
	}
}

func TestNewerRevisionReplaces(t *testing.T) {
	mine, ids := desktop(t)
	theirs := open(t, "wojood")
	importOK(t, theirs, share(t, mine, WriteOptions{Annotator: "amira"}), ImportOptions{})
	add(t, mine, ids[1], "amira", textB, "موسكو", "GPE")
	r := importOK(t, theirs, share(t, mine, WriteOptions{Annotator: "amira"}), ImportOptions{})
	if r.Count(Updated) != 1 || r.Count(Unchanged) != 1 {
		t.Fatalf("after amira's change: %+v", r.Layers)
	}
	if l, _ := theirs.Layer(ids[1], "amira"); len(l.Entities) != 2 {
		t.Errorf("the newer layer did not arrive: %+v", l)
	}
	// An older bundle does not undo it.
	older := share(t, mine, WriteOptions{Annotator: "amira"})
	older.Entries[1].Layer.Revision = 1
	older.Entries[1].Layer.Entities = older.Entries[1].Layer.Entities[:1]
	if r := importOK(t, theirs, older, ImportOptions{}); r.Count(Older) != 1 {
		t.Errorf("an older bundle: %+v", r.Layers)
	}
}

func TestConflictKeepsLocal(t *testing.T) {
	mine, ids := desktop(t)
	theirs := open(t, "wojood")
	importOK(t, theirs, share(t, mine, WriteOptions{Annotator: "amira"}), ImportOptions{})
	// Both sides change amira's layer on the second article.
	add(t, mine, ids[1], "amira", textB, "موسكو", "GPE")
	add(t, theirs, ids[1], "amira", textB, "وانغ يي", "PERS")
	b := share(t, mine, WriteOptions{Annotator: "amira"})
	r := importOK(t, theirs, b, ImportOptions{})
	if r.Count(Conflict) != 1 {
		t.Fatalf("conflict not reported: %+v", r.Layers)
	}
	for _, l := range r.Layers {
		if l.Outcome == Conflict && (l.Kept != "local" || l.Local == 0 || l.Theirs == 0) {
			t.Errorf("conflict report %+v", l)
		}
	}
	l, _ := theirs.Layer(ids[1], "amira")
	if len(l.Entities) != 2 || l.Entities[1].Type != "PERS" {
		t.Errorf("the local layer was not kept: %+v", l.Entities)
	}
	// --theirs takes the bundle's.
	r = importOK(t, theirs, b, ImportOptions{Theirs: true})
	l, _ = theirs.Layer(ids[1], "amira")
	if r.Count(Conflict) != 1 || len(l.Entities) != 2 || l.Entities[1].Type != "GPE" {
		t.Errorf("--theirs: %+v, layer %+v", r.Layers, l.Entities)
	}
	// The replaced local work is one undo away.
	if _, ok, err := theirs.Undo(ids[1], "amira"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if l, _ = theirs.Layer(ids[1], "amira"); l.Entities[1].Type != "PERS" {
		t.Errorf("undo of --theirs: %+v", l.Entities)
	}
}

func TestTextMismatchRefused(t *testing.T) {
	mine, ids := desktop(t)
	b := share(t, mine, WriteOptions{Annotator: "amira"})
	// The reviewer's database has the first document's id with other text.
	theirs := open(t, "wojood")
	if _, err := theirs.Import([]corpus.ImportItem{{Origin: "x", Doc: corpus.NewDoc{ID: ids[0], Text: textA + " (نسخة معدلة)"}}}); err != nil {
		t.Fatal(err)
	}
	rs, err := Import(context.Background(), theirs, []*Bundle{b}, ImportOptions{})
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), ids[0]) || !strings.Contains(err.Error(), "offsets would be wrong") {
		t.Fatalf("error %v", err)
	}
	if rs[0].Stored || rs[0].Count(Refused) != 1 {
		t.Errorf("report %+v", rs[0])
	}
	if docs, _ := theirs.Documents(); len(docs) != 1 {
		t.Errorf("a refused bundle stored documents: %d", len(docs))
	}
	if sums, _ := theirs.Summaries(""); len(sums) != 0 {
		t.Errorf("a refused bundle stored layers: %+v", sums)
	}
	// --partial stores the rest.
	r := importOK(t, theirs, b, ImportOptions{Partial: true})
	if !r.Stored || r.Count(New) != 1 || r.Count(Refused) != 1 || r.AddedDocs != 1 {
		t.Errorf("partial: %+v", r)
	}
}

func TestMissingTypes(t *testing.T) {
	mine, ids := desktop(t)
	add(t, mine, ids[1], "amira", textB, "وزير الخارجية", "OCC")
	b := share(t, mine, WriteOptions{Annotator: "amira"})
	theirs := open(t, "anercorp") // PERS, LOC, ORG, MISC: no OCC
	_, err := Import(context.Background(), theirs, []*Bundle{b}, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "--add-types") || !strings.Contains(err.Error(), "OCC") {
		t.Fatalf("missing types: %v", err)
	}
	r := importOK(t, theirs, b, ImportOptions{AddTypes: true})
	sc, _ := theirs.Schema()
	if _, ok := sc.EntityType("OCC"); !ok || len(r.TypesAdded) != 1 {
		t.Errorf("types added %v; schema has OCC: %v", r.TypesAdded, ok)
	}
	if l, _ := theirs.Layer(ids[1], "amira"); len(l.Entities) != 2 {
		t.Errorf("layer with the added type: %+v", l.Entities)
	}
}

func TestReadRefusesDamage(t *testing.T) {
	mine, _ := desktop(t)
	var buf bytes.Buffer
	if _, err := Write(context.Background(), mine, &buf, WriteOptions{Annotator: "amira", Now: func() time.Time { return time.Unix(0, 0) }}, nil); err != nil {
		t.Fatal(err)
	}
	whole := buf.Bytes()
	for _, tt := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"truncated", whole[:len(whole)/2], "complete"},
		{"not a bundle", []byte(`{"text": "نص"}` + "\n"), "not a Tawsim bundle"},
		{"empty", nil, "empty"},
		{"text altered", []byte(`{"tawsim_bundle":1,"annotator":"amira","documents":1}` + "\n" +
			`{"doc":{"id":"x","text":"نص آخر","sha256":"00"},"layer":{"annotator":"amira"}}` + "\n"), "line 2: document x: its text does not match"},
	} {
		if _, err := Read(bytes.NewReader(tt.raw), "b"+Ext); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
