package boltstore

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// TestConformance runs the backend conformance suite on bbolt files.
func TestConformance(t *testing.T) {
	corpustest.Run(t, corpustest.Harness{NewTarget: func(t *testing.T) string {
		return filepath.Join(t.TempDir(), "corpus.db")
	}})
}

func openTest(t testing.TB) *corpus.Store {
	t.Helper()
	s, err := corpus.Open(filepath.Join(t.TempDir(), "corpus.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLockError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = corpus.Open(path, &corpus.Options{Timeout: 300 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "is open in ") {
		t.Fatalf("second open: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second open took %v", d)
	}
}

// TestLockErrorAcrossProcesses holds the database in a child process (this
// test binary, re-run) and opens it here with the default timeout: the
// error names the cause within about a second.
func TestLockErrorAcrossProcesses(t *testing.T) {
	if path := os.Getenv("TAWSIM_HOLD_DB"); path != "" {
		s, err := corpus.Open(path, nil)
		if err != nil {
			fmt.Println("child:", err)
			os.Exit(1)
		}
		fmt.Println("holding")
		time.Sleep(10 * time.Second)
		s.Close()
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "corpus.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockErrorAcrossProcesses$")
	cmd.Env = append(os.Environ(), "TAWSIM_HOLD_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "holding") {
		t.Fatalf("child did not take the database: %q %v", line, err)
	}
	start := time.Now()
	_, err = corpus.Open(path, nil)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "is open in ") {
		t.Fatalf("open while another process holds it: %v", err)
	}
	if took > 2*time.Second {
		t.Errorf("the refusal took %v", took)
	}
}

func mustJSON(v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return raw
}

// buildOld makes a database at an old layout by running the first n
// migrations, then lets fill write records as that layout had them.
func buildOld(t *testing.T, n int, fill func(tx *bolt.Tx) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", n))
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, m := range migrations[:n] {
			if err := m(tx); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keyVersion, []byte(fmt.Sprint(n))); err != nil {
			return err
		}
		return fill(tx)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func putDoc(tx *bolt.Tx, id, text, preset string) {
	sc, _ := corpus.Preset(preset)
	tx.Bucket(bucketMeta).Put(keySchema, mustJSON(sc))
	tx.Bucket(bucketInfo).Put([]byte(id), mustJSON(corpus.DocInfo{ID: id, Title: "old", SHA256: corpus.TextHash(text), Runes: len([]rune(text))}))
	tx.Bucket(bucketDocs).Put([]byte(id), mustJSON(corpus.Document{ID: id, Title: "old", Text: text, SHA256: corpus.TextHash(text)}))
}

func TestMigrationFromVersion1(t *testing.T) {
	text := "وصل الوفد إلى مطار هانغتشو."
	const id = "0190a0b0-0000-7000-8000-000000000001"
	path := buildOld(t, 1, func(tx *bolt.Tx) error { putDoc(tx, id, text, "anercorp"); return nil })
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(); v != Version {
		t.Fatalf("version after open = %d, want %d", v, Version)
	}
	res, err := s.Import([]corpus.ImportItem{{Origin: "again", Doc: corpus.NewDoc{Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Existing != 1 || res.IDs[0] != id {
		t.Errorf("the migrated hash index did not find the v1 document: %+v", res)
	}
}

func TestNewerVersionRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Backend().(*DB).Bolt().Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyVersion, []byte("99")) })
	s.Close()
	if _, err := corpus.Open(path, nil); err == nil || !strings.Contains(err.Error(), "newer than this Tawsim") {
		t.Fatalf("open of a newer database: %v", err)
	}
}

// oldLayer writes a layer as layouts 2 and 3 had it: info without
// counters, one entity with its span key, and the entity bucket's sequence.
func oldLayer(tx *bolt.Tx, id, ann string, ent corpus.Entity) (*bolt.Bucket, error) {
	b, err := createLayerBucket(tx, id, ann)
	if err != nil {
		return nil, err
	}
	ents := b.Bucket(bucketEnts)
	ents.Put([]byte(ent.ID), mustJSON(ent))
	ents.Put(spanKey(ent.Start, ent.End, ent.Type), []byte(ent.ID))
	ents.SetSequence(1)
	b.Put(keyLayerInfo, []byte(`{"status":"in-progress","revision":1,"updated":"0001-01-01T00:00:00Z","entities":1,"events":0}`))
	return b, nil
}

// TestMigrationMovesLogIntoLayers builds a layout-2 database by hand (one
// global log bucket, an undo stack naming its entries) and checks that
// after the migrations the history is intact: Changes lists it, Undo
// reverts it, and new changes are numbered after it.
func TestMigrationMovesLogIntoLayers(t *testing.T) {
	text := "التقى الرئيس الصيني نظيره السوري في هانغتشو."
	const id = "0190a0b0-0000-7000-8000-000000000002"
	ent := corpus.Entity{ID: "T1", Start: 37, End: 44, Type: "GPE"}
	path := buildOld(t, 2, func(tx *bolt.Tx) error {
		putDoc(tx, id, text, "wojood")
		tx.Bucket(bucketHashes).Put([]byte(corpus.TextHash(text)), []byte(id))
		b, err := oldLayer(tx, id, "omar", ent)
		if err != nil {
			return err
		}
		tx.Bucket(bucketLog).Put(seqKey(7), mustJSON(corpus.Change{Seq: 7, Doc: id, Annotator: "omar", Op: "add entity", Revision: 1,
			Diffs: []corpus.Diff{{Kind: corpus.KindEntity, ID: "T1", After: mustJSON(ent)}}}))
		return b.Put(stackKey('u', 7), nil)
	})
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.Changes(id, "")
	if err != nil || len(log) != 1 || log[0].Seq != 7 || log[0].Op != "add entity" {
		t.Fatalf("migrated log: %+v, %v", log, err)
	}
	pers := corpustest.Find(t, text, "الرئيس")
	added, err := s.AddEntity(id, "omar", corpus.Entity{Start: pers.Start, End: pers.End, Type: "OCC"})
	if err != nil {
		t.Fatal(err)
	}
	if added.ID != "T2" {
		t.Errorf("the new entity is %s: the id counter did not start after the bucket's sequence", added.ID)
	}
	log, _ = s.Changes(id, "omar")
	if len(log) != 2 || log[1].Seq <= 7 {
		t.Fatalf("a new change is not numbered after the migrated one: %+v", log)
	}
	// Undo twice: the new change, then the migrated one.
	s.Undo(id, "omar")
	if _, ok, err := s.Undo(id, "omar"); !ok || err != nil {
		t.Fatalf("undo of the migrated change: %v %v", ok, err)
	}
	l, _ := s.Layer(id, "omar")
	if len(l.Entities) != 0 {
		t.Errorf("after undoing everything: %+v", l.Entities)
	}
}

// TestMigration3To4 starts from layout 3, whose change numbers came from
// transaction ids ((seqbase + txid) << 12): the layer's counter starts
// after them, so undo still takes the newest change.
func TestMigration3To4(t *testing.T) {
	text := "التقى الرئيس الصيني نظيره السوري في هانغتشو."
	const id = "0190a0b0-0000-7000-8000-000000000003"
	ent := corpus.Entity{ID: "T1", Start: 37, End: 44, Type: "GPE"}
	old := uint64(40) << 12
	path := buildOld(t, 3, func(tx *bolt.Tx) error {
		putDoc(tx, id, text, "wojood")
		tx.Bucket(bucketHashes).Put([]byte(corpus.TextHash(text)), []byte(id))
		tx.Bucket(bucketMeta).Put(keySeqBase, []byte("0"))
		b, err := oldLayer(tx, id, "omar", ent)
		if err != nil {
			return err
		}
		b.Put(stackKey(prefixLog, old), mustJSON(corpus.Change{Seq: old, Doc: id, Annotator: "omar", Op: "add entity", Revision: 1,
			Diffs: []corpus.Diff{{Kind: corpus.KindEntity, ID: "T1", After: mustJSON(ent)}}}))
		return b.Put(stackKey('u', old), nil)
	})
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pers := corpustest.Find(t, text, "الرئيس")
	if _, err := s.AddEntity(id, "omar", corpus.Entity{Start: pers.Start, End: pers.End, Type: "OCC"}); err != nil {
		t.Fatal(err)
	}
	ch, ok, err := s.Undo(id, "omar")
	if !ok || err != nil || ch.Ref <= old {
		t.Fatalf("undo took change %d (ok %v, %v), want the new one after %d", ch.Ref, ok, err, old)
	}
	l, _ := s.Layer(id, "omar")
	if len(l.Entities) != 1 || l.Entities[0].ID != "T1" {
		t.Errorf("after undoing the new change: %+v", l.Entities)
	}
	s.Backend().(*DB).Bolt().View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get(keySeqBase) != nil {
			t.Error("seqbase survived the migration")
		}
		return nil
	})
}

// TestCompactThenUndo copies the database with bbolt's compaction, which
// renumbers transactions, and undoes on the copy: the newest change is
// reverted, as on the original.
func TestCompactThenUndo(t *testing.T) {
	s := openTest(t)
	doc := corpustest.ImportText(t, s, corpustest.SeedText)
	xi := corpustest.Find(t, corpustest.SeedText, "شي جين بينغ")
	assad := corpustest.Find(t, corpustest.SeedText, "بشار الأسد")
	// Many transactions first, so the original's transaction ids run high.
	for i := 0; i < 30; i++ {
		s.SetStatus(doc, "busy", []corpus.Status{corpus.StatusDone, corpus.StatusInProgress}[i%2])
	}
	if _, err := s.AddEntity(doc, "amira", corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	src := s.Path()
	s.Close()
	dst := filepath.Join(t.TempDir(), "compacted.db")
	if err := Compact(src, dst); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.Open(dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// A change made after compaction, then two undos: the newest first.
	if _, err := c.AddEntity(doc, "amira", corpus.Entity{Start: assad.Start, End: assad.End, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Undo(doc, "amira"); err != nil {
		t.Fatal(err)
	}
	l, _ := c.Layer(doc, "amira")
	if len(l.Entities) != 1 || l.Entities[0].Start != xi.Start {
		t.Fatalf("after compaction undo reverted the wrong change: %+v", l.Entities)
	}
	if _, _, err := c.Undo(doc, "amira"); err != nil {
		t.Fatal(err)
	}
	if l, _ = c.Layer(doc, "amira"); len(l.Entities) != 0 {
		t.Fatalf("second undo: %+v", l.Entities)
	}
}

// TestMigration4To5 opens a layout-4 database (no layer info index): the
// migration lists every layer, summaries and stats read the index, and
// check finds it in step with the layers, also after an edit.
func TestMigration4To5(t *testing.T) {
	text := "التقى الرئيس الصيني نظيره السوري في هانغتشو."
	const id = "0190a0b0-0000-7000-8000-000000000004"
	ent := corpus.Entity{ID: "T1", Start: 37, End: 44, Type: "GPE"}
	path := buildOld(t, 4, func(tx *bolt.Tx) error {
		putDoc(tx, id, text, "wojood")
		tx.Bucket(bucketHashes).Put([]byte(corpus.TextHash(text)), []byte(id))
		if _, err := oldLayer(tx, id, "omar", ent); err != nil {
			return err
		}
		_, err := createLayerBucket(tx, id, "amira") // a layer without an info record
		return err
	})
	s, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sums, err := s.Summaries("")
	if err != nil || len(sums) != 2 || sums[0].Annotator != "amira" || sums[0].Status != corpus.StatusNew ||
		sums[1].Annotator != "omar" || sums[1].Status != corpus.StatusInProgress || sums[1].Entities != 1 {
		t.Fatalf("summaries after the migration: %+v (%v)", sums, err)
	}
	pers := corpustest.Find(t, text, "الرئيس")
	if _, err := s.AddEntity(id, "omar", corpus.Entity{Start: pers.Start, End: pers.End, Type: "OCC"}); err != nil {
		t.Fatal(err)
	}
	if sums, _ := s.Summaries("omar"); len(sums) != 1 || sums[0].Entities != 2 {
		t.Errorf("summaries after an edit: %+v", sums)
	}
	if st, err := s.Stats(); err != nil || st.EntityTypes["OCC"] != 1 || st.EntityTypes["GPE"] != 1 {
		t.Errorf("stats after the migration: %+v (%v)", st, err)
	}
	if r, err := s.Check(context.Background(), nil); err != nil || !r.OK() {
		t.Errorf("check: %+v (%v)", r, err)
	}
}

// TestCheckFindsAStaleIndex: an index entry that differs from its layer,
// or a layer missing from the index, is reported by check.
func TestCheckFindsAStaleIndex(t *testing.T) {
	s := openTest(t)
	doc := corpustest.ImportText(t, s, corpustest.SeedText)
	if _, err := s.AddEntity(doc, "amira", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(doc, "layla", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	s.Backend().(*DB).Bolt().Update(func(tx *bolt.Tx) error {
		index := tx.Bucket(bucketLayerInfo)
		info := corpus.LayerInfo{Status: corpus.StatusDone}
		index.Put(layerKey(doc, "amira"), encodeInfo(&info))
		return index.Delete(layerKey(doc, "layla"))
	})
	r, err := s.Check(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(r.Storage)
	for _, want := range []string{"amira: the layer info index differs", "layla is missing from the layer info index", "lists 1 layers, there are 2"} {
		if !strings.Contains(got, want) {
			t.Errorf("check did not report %q: %s", want, got)
		}
	}
}
