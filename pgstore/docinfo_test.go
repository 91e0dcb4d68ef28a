package pgstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// TestDocInfoCache: writes take documents' list records from a cache, and
// still never act on a document that is not there: one stored by an
// import that rolled back, or one an administrator deleted by hand.
func TestDocInfoCache(t *testing.T) {
	target := newTarget(t)
	s := openStore(t, target)
	const id = "0190a0b0-0000-7000-8000-0000000000dd"
	_, err := s.Import([]corpus.ImportItem{
		// The first item's layer makes the import read its document back
		// inside the transaction; the second item fails it.
		{Origin: "kept?", Doc: corpus.NewDoc{ID: id, Text: corpustest.SeedText},
			Layers: []corpus.Layer{{Annotator: "ليلى", Entities: []corpus.Entity{{Start: 0, End: 4, Type: "PERS"}}}}},
		{Origin: "bad", Doc: corpus.NewDoc{Text: " "}},
	})
	if err == nil {
		t.Fatal("the import with an empty text was accepted")
	}
	if _, err := s.AddEntity(id, "ليلى", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("an edit of a document whose import rolled back: %v, want ErrNotFound", err)
	}

	doc := corpustest.ImportText(t, s, "زار الرئيس بكين.")
	if _, err := s.AddEntity(doc, "ليلى", corpus.Entity{Start: 0, End: 3, Type: "PERS"}); err != nil {
		t.Fatal(err) // the record is cached now
	}
	if _, err := sqlConn(t, target).Exec(context.Background(), `DELETE FROM documents WHERE id = $1`, doc); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(doc, "عمر", corpus.Entity{Start: 4, End: 10, Type: "PERS"}); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("an edit of a deleted document: %v, want ErrNotFound", err)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Errorf("documents: %+v", docs)
	}
}
