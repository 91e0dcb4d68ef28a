package corpustest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

func sprint(v any) string { return fmt.Sprint(v) }

// testImportIsOneTransaction: one bad item and nothing of the import is stored.
func testImportIsOneTransaction(t *testing.T, h Harness) {
	s := h.Open(t)
	items := []corpus.ImportItem{
		{Origin: "good.txt", Doc: corpus.NewDoc{Text: SeedText}},
		{Origin: "empty.txt", Doc: corpus.NewDoc{Text: " \n\t"}},
	}
	_, err := s.Import(items)
	if err == nil || !strings.Contains(err.Error(), "empty.txt") || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("import with an empty text: %v", err)
	}
	bad := []corpus.ImportItem{
		{Origin: "good.txt", Doc: corpus.NewDoc{Text: SeedText}},
		{Origin: "layer", Doc: corpus.NewDoc{Text: "نص آخر."}, Layers: []corpus.Layer{{Annotator: "x", Entities: []corpus.Entity{{Start: 0, End: 99, Type: "PERS"}}}}},
	}
	if _, err := s.Import(bad); err == nil || !strings.Contains(err.Error(), "layer") {
		t.Fatalf("import with an entity outside its text: %v", err)
	}
	for _, it := range []corpus.ImportItem{
		{Origin: "badid", Doc: corpus.NewDoc{ID: "not-a-uuid", Text: "نص."}},
		{Origin: "utf8", Doc: corpus.NewDoc{Text: "\xff\xfe"}},
	} {
		if _, err := s.Import([]corpus.ImportItem{it}); err == nil || !strings.Contains(err.Error(), it.Origin) {
			t.Errorf("import %s: %v", it.Origin, err)
		}
	}
	// Cancelled (Ctrl+C, the dialog's Cancel) before it commits: nothing.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ImportContext(ctx, []corpus.ImportItem{{Origin: "a", Doc: corpus.NewDoc{Text: SeedText}}}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled import: %v", err)
	}
	docs, _ := s.Documents()
	if len(docs) != 0 {
		t.Errorf("a refused import stored %d documents", len(docs))
	}
}

// testImportDuplicatesAndLayers: a text already in the corpus is found by
// its hash and not stored twice; layers brought with it join it.
func testImportDuplicatesAndLayers(t *testing.T, h Harness) {
	s := h.Open(t)
	meta := map[string]json.RawMessage{"site": json.RawMessage(`"الحرة"`)}
	res, err := s.Import([]corpus.ImportItem{
		{Origin: "a", Doc: corpus.NewDoc{Title: "الأول", Source: "a.txt", Text: SeedText, Meta: meta}},
		{Origin: "b", Doc: corpus.NewDoc{Text: "زار الرئيس بكين.\nوالتقى نظيره."}},
	})
	if err != nil || res.Added != 2 || len(res.IDs) != 2 {
		t.Fatalf("first import: %+v, %v", res, err)
	}
	d, _ := s.Document(res.IDs[0])
	if d.Title != "الأول" || d.Source != "a.txt" || string(d.Meta["site"]) != `"الحرة"` {
		t.Errorf("document fields not kept: %+v", d)
	}
	d, _ = s.Document(res.IDs[1])
	if d.Title != "زار الرئيس بكين." {
		t.Errorf("an untitled text is titled by its first line: %q", d.Title)
	}
	layer := corpus.Layer{Annotator: "model", Entities: []corpus.Entity{{Start: 0, End: 4, Type: "PERS"}}}
	res2, err := s.Import([]corpus.ImportItem{{Origin: "again", Doc: corpus.NewDoc{Text: SeedText}, Layers: []corpus.Layer{layer}}})
	if err != nil || res2.Added != 0 || res2.Existing != 1 || res2.Layers != 1 || res2.IDs[0] != res.IDs[0] {
		t.Fatalf("second import: %+v, %v", res2, err)
	}
	if l, _ := s.Layer(res.IDs[0], "model"); len(l.Entities) != 1 {
		t.Errorf("the layer did not join the existing document: %+v", l)
	}
	docs, _ := s.Documents()
	if len(docs) != 2 {
		t.Errorf("%d documents after a duplicate import, want 2", len(docs))
	}
	// A given id is kept; the same id for another text is refused.
	const id = "0190a0b0-0000-7000-8000-0000000000aa"
	if res, err := s.Import([]corpus.ImportItem{{Origin: "id", Doc: corpus.NewDoc{ID: id, Text: "نص ثالث."}}}); err != nil || res.IDs[0] != id {
		t.Fatalf("import with an id: %+v %v", res, err)
	}
	if _, err := s.Import([]corpus.ImportItem{{Origin: "clash", Doc: corpus.NewDoc{ID: id, Text: "نص رابع."}}}); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("an id used by another text: %v", err)
	}
	if _, err := s.Document(id); errors.Is(err, corpus.ErrNotFound) {
		t.Error("the document with a given id is missing")
	}
}

// testImportRestoresLayers: a layer imported whole (the native format)
// keeps its status, revision and time, so a round trip is lossless.
func testImportRestoresLayers(t *testing.T, h Harness) {
	s := h.Open(t)
	when := time.Date(2025, 3, 30, 9, 15, 0, 0, time.UTC)
	l := corpus.Layer{Annotator: "amira", Status: corpus.StatusDone, Revision: 17, Updated: when,
		Entities: []corpus.Entity{{ID: "T3", Start: 0, End: 4, Type: "PERS"}},
		Events:   []corpus.Event{{ID: "E2", Type: "Contact.Meet", Trigger: corpus.Span{Start: 5, End: 10}, Arguments: []corpus.Argument{{Role: "Entity", Entity: "T3"}}}}}
	imported := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	res, err := s.Import([]corpus.ImportItem{{Origin: "native", Doc: corpus.NewDoc{ID: "0190a0b0-0000-7000-8000-0000000000bb", Text: SeedText, Imported: imported}, Layers: []corpus.Layer{l}}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Layer(res.IDs[0], "amira")
	if got.Status != l.Status || got.Revision != l.Revision || !got.Updated.Equal(when) {
		t.Errorf("restored layer: status %s revision %d updated %v", got.Status, got.Revision, got.Updated)
	}
	if len(got.Entities) != 1 || got.Entities[0] != l.Entities[0] || len(got.Events) != 1 || got.Events[0].ID != "E2" {
		t.Errorf("restored items: %+v %+v", got.Entities, got.Events)
	}
	d, _ := s.Document(res.IDs[0])
	if !d.Imported.Equal(imported) {
		t.Errorf("import time %v, want %v", d.Imported, imported)
	}
	// Importing a newer version of the layer replaces it, as one undoable change.
	l.Entities = nil
	l.Events = nil
	l.Revision = 18
	if _, err := s.Import([]corpus.ImportItem{{Origin: "native", Doc: corpus.NewDoc{Text: SeedText}, Layers: []corpus.Layer{l}}}); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.Layer(res.IDs[0], "amira"); len(got.Entities) != 0 || got.Revision != 18 {
		t.Errorf("replaced layer: %+v", got)
	}
	if _, ok, err := s.Undo(res.IDs[0], "amira"); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if got, _ = s.Layer(res.IDs[0], "amira"); len(got.Entities) != 1 || len(got.Events) != 1 {
		t.Errorf("undo of the replacement: %+v", got)
	}
}

// testImportSync: a layer imported with Sync is synced at its revision;
// a local change moves the revision past it; Synced survives a restart.
func testImportSync(t *testing.T, h Harness) {
	s := h.Open(t)
	l := corpus.Layer{Annotator: "amira", Status: corpus.StatusDone, Revision: 7,
		Entities: []corpus.Entity{{ID: "T1", Start: 0, End: 4, Type: "PERS"}}}
	res, err := s.Import([]corpus.ImportItem{{Origin: "bundle", Doc: corpus.NewDoc{Text: SeedText}, Layers: []corpus.Layer{l}, Sync: true}})
	if err != nil {
		t.Fatal(err)
	}
	doc := res.IDs[0]
	got, _ := s.Layer(doc, "amira")
	if got.Revision != 7 || got.Synced != 7 {
		t.Fatalf("imported with sync: revision %d synced %d, want 7 and 7", got.Revision, got.Synced)
	}
	if _, err := s.AddEntity(doc, "amira", corpus.Entity{Start: 5, End: 10, Type: "OCC"}); err != nil {
		t.Fatal(err)
	}
	s = h.Reopen(t, s, nil)
	got, _ = s.Layer(doc, "amira")
	sums, _ := s.Summaries("amira")
	if got.Revision != 8 || got.Synced != 7 || len(sums) != 1 || sums[0].Synced != 7 {
		t.Errorf("after a local change: revision %d synced %d, summary %+v", got.Revision, got.Synced, sums)
	}
}

// testImportKeepsTokenization: a document's own tokens and sentences, and
// the tokenizer version it was cut with, come back as stored.
func testImportKeepsTokenization(t *testing.T, h Harness) {
	s := h.Open(t)
	text := "سي.أن.أن قالت 30% الجمعة"
	own := &corpus.Tokenization{Spans: []int{0, 2, 2, 3, 3, 8, 9, 13, 14, 16, 16, 17, 18, 24}, Sentences: []int{0, 3}}
	res, err := s.Import([]corpus.ImportItem{
		{Origin: "conll", Doc: corpus.NewDoc{Text: text, Tokenization: own}},
		{Origin: "old native", Doc: corpus.NewDoc{ID: "0190A0B0-0000-7000-8000-0000000000CC", Text: "نقلت أ.ف.ب عن 22/9/2023", Tokenizer: 1}},
		{Origin: "txt", Doc: corpus.NewDoc{Text: "نقلت أ.ف.ب عن 22/9/2023 اليوم"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s = h.Reopen(t, s, nil)
	d, _ := s.Document(res.IDs[0])
	toks := d.Tokens()
	if len(toks) != 7 || toks[0].Text != "سي" || toks[1].Text != "." || d.TokenizerVersion() != 0 {
		t.Errorf("own tokens: %+v", toks)
	}
	if sents := d.Sentences(toks); len(sents) != 2 || sents[1].First != 3 {
		t.Errorf("own sentences: %+v", sents)
	}
	if res.IDs[1] != "0190a0b0-0000-7000-8000-0000000000cc" {
		t.Errorf("an upper-case id was stored as %s, want the canonical spelling", res.IDs[1])
	}
	old, _ := s.Document(res.IDs[1])
	if old.TokenizerVersion() != 1 || len(old.Tokens()) != 12 {
		t.Errorf("a version-1 document: version %d, %d tokens", old.TokenizerVersion(), len(old.Tokens()))
	}
	cur, _ := s.Document(res.IDs[2])
	if cur.TokenizerVersion() != corpus.TokenizerVersion || len(cur.Tokens()) != 5 {
		t.Errorf("a new text: version %d, %d tokens", cur.TokenizerVersion(), len(cur.Tokens()))
	}
	docs, _ := s.Documents()
	if docs[0].Tokens+docs[1].Tokens+docs[2].Tokens != 7+12+5 {
		t.Errorf("token counts %+v", docs)
	}
	// The same id in another spelling is the same document.
	if _, err := s.Import([]corpus.ImportItem{{Origin: "urn", Doc: corpus.NewDoc{ID: "urn:uuid:0190a0b0-0000-7000-8000-0000000000cc", Text: "نص آخر"}}}); err == nil {
		t.Error("an id in another spelling came in as a second document")
	}
	if got, err := s.Resolve("{0190A0B0-0000-7000-8000-0000000000CC}"); err != nil || got != res.IDs[1] {
		t.Errorf("resolve a braced upper-case id: %q %v", got, err)
	}
	bad := &corpus.Tokenization{Spans: []int{0, 3, 2, 5}, Sentences: []int{0}}
	if _, err := s.Import([]corpus.ImportItem{{Origin: "bad", Doc: corpus.NewDoc{Text: "نص مختلف", Tokenization: bad}}}); err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Errorf("overlapping tokens: %v", err)
	}
}

// testNewsFields: a document's site and publication date (from its meta)
// are in its list record.
func testNewsFields(t *testing.T, h Harness) {
	s := h.Open(t)
	meta := map[string]json.RawMessage{"site": json.RawMessage(`"الحرة"`), "published": json.RawMessage(`"2023-09-22T14:05:00+03:00"`)}
	if _, err := s.Import([]corpus.ImportItem{{Origin: "page", Doc: corpus.NewDoc{Text: SeedText, Meta: meta}}, {Origin: "plain", Doc: corpus.NewDoc{Text: "نص."}}}); err != nil {
		t.Fatal(err)
	}
	docs, _ := s.Documents()
	if docs[0].Site != "الحرة" || docs[0].Published != "2023-09-22" || docs[1].Site != "" || docs[1].Published != "" {
		t.Errorf("list records %+v", docs)
	}
}

// testImportStream imports more items than one batch holds: all of them,
// or, when one is bad (the last) or the import is cancelled, none.
func testImportStream(t *testing.T, h Harness) {
	s := h.Open(t)
	var items []corpus.ImportItem
	for i := 0; i < 1200; i++ {
		text := fmt.Sprintf("%s (%d)", SeedText, i%1100) // the last 100 repeat earlier texts
		it := corpus.ImportItem{Origin: fmt.Sprintf("line %d", i+1), Doc: corpus.NewDoc{Text: text}}
		if i%3 == 0 {
			it.Layers = []corpus.Layer{{Annotator: "model", Status: corpus.StatusDone, Entities: []corpus.Entity{{ID: "T1", Start: 0, End: 4, Type: "PERS"}}}}
		}
		items = append(items, it)
	}
	pass := func(items []corpus.ImportItem) corpus.Pass {
		return func(yield func(corpus.ImportItem) error) error {
			for _, it := range items {
				if err := yield(it); err != nil {
					return err
				}
			}
			return nil
		}
	}
	bad := append(append([]corpus.ImportItem{}, items...), corpus.ImportItem{Origin: "line 1201",
		Doc: corpus.NewDoc{Text: "نص."}, Layers: []corpus.Layer{{Annotator: "model", Entities: []corpus.Entity{{Start: 0, End: 99, Type: "PERS"}}}}})
	if _, err := s.ImportStream(context.Background(), pass(bad)); err == nil || !strings.Contains(err.Error(), "line 1201") || !strings.Contains(err.Error(), "outside the text") {
		t.Fatalf("a bad last item: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ImportStream(ctx, pass(items)); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled import: %v", err)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Fatalf("refused imports stored %d documents", len(docs))
	}
	res, err := s.ImportStream(context.Background(), pass(items))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1100 || res.Existing != 100 || res.Layers != 400 || len(res.IDs) != 1200 {
		t.Errorf("result %+v (ids %d)", res.Added, len(res.IDs))
	}
	withLayer := map[int]bool{}
	for i := 0; i < 1200; i += 3 {
		withLayer[i%1100] = true
	}
	if sums, _ := s.Summaries("model"); len(sums) != len(withLayer) {
		t.Errorf("%d model layers, want %d", len(sums), len(withLayer))
	}
	// Again: nothing new.
	before, _ := s.Changes("", "")
	res, err = s.ImportStream(context.Background(), pass(items))
	after, _ := s.Changes("", "")
	if err != nil || res.Added != 0 || len(after) != len(before) {
		t.Errorf("the same import again: %+v %v, %d changes → %d", res.Added, err, len(before), len(after))
	}
	// A given id already used by another text is refused before anything.
	clash := []corpus.ImportItem{{Origin: "x", Doc: corpus.NewDoc{Text: "جديد."}}, {Origin: "y", Doc: corpus.NewDoc{ID: res.IDs[5], Text: "آخر."}}}
	if _, err := s.ImportStream(context.Background(), pass(clash)); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("an id clash: %v", err)
	}
	if docs, _ := s.Documents(); len(docs) != 1100 {
		t.Errorf("%d documents after the refused clash", len(docs))
	}
}
