package pgstore_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// holdEdit starts an edit of (doc, annotator) on s that adds ent and then
// waits, holding the layer's lock, until release is closed. It returns
// once the edit holds the lock, and a channel with the edit's result.
func holdEdit(t *testing.T, s *corpus.Store, doc, annotator string, ent corpus.Entity, release <-chan struct{}) <-chan error {
	t.Helper()
	inside := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, err := s.Edit(doc, annotator, "add entity", func(e *corpus.Edit) error {
			_, err := e.AddEntity(ent)
			close(inside)
			<-release
			return err
		})
		done <- err
	}()
	select {
	case <-inside:
	case err := <-done:
		t.Fatalf("the held edit failed: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the held edit did not start")
	}
	return done
}

// within runs fn and says whether it returned within d (its error then).
func within(d time.Duration, fn func() error) (error, bool) {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err, true
	case <-time.After(d):
		return nil, false
	}
}

// TestDifferentLayersInParallel: two apps (two stores, two pools) on one
// database: while one holds a layer mid-edit, the other edits another
// layer of the same document without waiting.
func TestDifferentLayersInParallel(t *testing.T) {
	target := newTarget(t)
	a, b := openStore(t, target), openStore(t, target)
	doc := corpustest.ImportText(t, a, corpustest.SeedText)
	xi := corpustest.Find(t, corpustest.SeedText, "شي جين بينغ")
	release := make(chan struct{})
	held := holdEdit(t, a, doc, "ليلى", corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"}, release)
	err, ok := within(5*time.Second, func() error {
		_, err := b.AddEntity(doc, "عمر", corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
		return err
	})
	close(release)
	if !ok {
		t.Fatal("an edit of another layer waited for the held one")
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	for _, ann := range []string{"ليلى", "عمر"} {
		if l, _ := b.Layer(doc, ann); len(l.Entities) != 1 || l.Revision != 1 {
			t.Errorf("layer %s: %+v", ann, l)
		}
	}
}

// TestSameLayerSerialises: two apps editing the same layer at once take
// turns on its lock; both succeed, the second sees the first's work (its
// new id comes after the first's), and nothing is lost.
func TestSameLayerSerialises(t *testing.T) {
	target := newTarget(t)
	a, b := openStore(t, target), openStore(t, target)
	doc := corpustest.ImportText(t, a, corpustest.SeedText)
	xi := corpustest.Find(t, corpustest.SeedText, "شي جين بينغ")
	assad := corpustest.Find(t, corpustest.SeedText, "بشار الأسد")
	release := make(chan struct{})
	held := holdEdit(t, a, doc, corpus.Gold, corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"}, release)
	second := make(chan error, 1)
	var added corpus.Entity
	go func() {
		var err error
		added, err = b.AddEntity(doc, corpus.Gold, corpus.Entity{Start: assad.Start, End: assad.End, Type: "PERS"})
		second <- err
	}()
	select {
	case err := <-second:
		t.Fatalf("the second edit did not wait for the layer's lock (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-second:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second edit did not go on after the first committed")
	}
	if added.ID != "T2" {
		t.Errorf("the second edit's entity is %s: it did not see the first's T1", added.ID)
	}
	l, _ := a.Layer(doc, corpus.Gold)
	log, _ := a.Changes(doc, corpus.Gold)
	if len(l.Entities) != 2 || l.Revision != 2 || len(log) != 2 || log[0].Seq != 1 || log[1].Seq != 2 {
		t.Errorf("after two concurrent edits: %d entities, revision %d, log %+v", len(l.Entities), l.Revision, log)
	}
}

// TestManyWritersOneLayer: goroutines of two apps add to one layer as
// fast as they can; every acknowledged add is there, once, and the change
// numbers and revisions run without gaps.
func TestManyWritersOneLayer(t *testing.T) {
	target := newTarget(t)
	stores := []*corpus.Store{openStore(t, target), openStore(t, target)}
	text := strings.Repeat(corpustest.SeedText+"\n", 10)
	doc := corpustest.ImportText(t, stores[0], text)
	const writers, adds = 8, 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	ids := map[string]bool{}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := stores[w%2]
			for i := 0; i < adds; i++ {
				n := w*adds + i
				e, err := s.AddEntity(doc, corpus.Gold, corpus.Entity{Start: n, End: n + 2, Type: "PERS"})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if ids[e.ID] {
					t.Errorf("id %s handed out twice", e.ID)
				}
				ids[e.ID] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	l, _ := stores[1].Layer(doc, corpus.Gold)
	log, _ := stores[1].Changes(doc, corpus.Gold)
	if len(l.Entities) != writers*adds || l.Revision != writers*adds || len(log) != writers*adds {
		t.Fatalf("%d entities, revision %d, %d changes; want %d", len(l.Entities), l.Revision, len(log), writers*adds)
	}
	for i, ch := range log {
		if ch.Seq != uint64(i+1) || ch.Revision != uint64(i+1) {
			t.Fatalf("change %d has seq %d and revision %d", i, ch.Seq, ch.Revision)
		}
	}
}

// TestSameTextImportedAtOnce: another session storing the same text at
// the same moment makes the import fail with a message that says so and
// stores nothing of it; run again, the import finds the text.
func TestSameTextImportedAtOnce(t *testing.T) {
	target := newTarget(t)
	s := openStore(t, target)
	ctx := context.Background()
	other, err := sqlConn(t, target).Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback(ctx)
	const id = "0190a0b0-0000-7000-8000-0000000000cc"
	info := fmt.Sprintf(`{"id":%q,"title":"قمة","sha256":%q}`, id, corpus.TextHash(corpustest.SeedText))
	body := fmt.Sprintf(`{"id":%q,"title":"قمة","text":%q,"sha256":%q}`, id, corpustest.SeedText, corpus.TextHash(corpustest.SeedText))
	if _, err := other.Exec(ctx, `INSERT INTO documents (id, sha256, info, body) VALUES ($1, $2, $3, $4)`,
		id, corpus.TextHash(corpustest.SeedText), info, body); err != nil {
		t.Fatal(err)
	}
	items := []corpus.ImportItem{
		{Origin: "first.txt", Doc: corpus.NewDoc{Text: "زار الرئيس بكين."}},
		{Origin: "summit.txt", Doc: corpus.NewDoc{Text: corpustest.SeedText}},
	}
	result := make(chan error, 1)
	go func() { _, err := s.Import(items); result <- err }()
	time.Sleep(300 * time.Millisecond) // the import waits on the other session's row
	if err := other.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	err = <-result
	if err == nil || !strings.Contains(err.Error(), "summit.txt") || !strings.Contains(err.Error(), "same text at the same moment") {
		t.Fatalf("import clashing with another session: %v", err)
	}
	if docs, _ := s.Documents(); len(docs) != 1 {
		t.Errorf("%d documents after the failed import, want only the other session's", len(docs))
	}
	res, err := s.Import(items)
	if err != nil || res.Added != 1 || res.Existing != 1 || res.IDs[1] != id {
		t.Errorf("the import run again: %+v %v", res, err)
	}
}
