package boltstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
)

// filled makes a database of a few hundred documents with some layers and
// returns its path, closed.
func filled(t *testing.T) (string, []string) {
	t.Helper()
	s := openTest(t)
	var items []corpus.ImportItem
	for i := 0; i < 300; i++ {
		items = append(items, corpus.ImportItem{Origin: "x", Doc: corpus.NewDoc{Text: fmt.Sprintf("%s (%d)", corpustest.SeedText, i)}})
	}
	res, err := s.Import(items)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		if _, err := s.AddEntity(res.IDs[i], "amira", corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
			t.Fatal(err)
		}
	}
	path := s.Path()
	s.Close()
	return path, res.IDs
}

// TestTruncatedFile: a file cut short is reported as damaged, never a panic.
func TestTruncatedFile(t *testing.T) {
	path, _ := filled(t)
	raw, _ := os.ReadFile(path)
	// The file is allocated ahead in chunks: cut inside what it uses.
	used := usedBytes(path)
	for _, n := range []int{used / 2, used - 4096, 3 * 4096, 100} {
		for _, ro := range []bool{true, false} {
			cut := filepath.Join(t.TempDir(), "cut.db")
			os.WriteFile(cut, raw[:n], 0o644)
			s, err := corpus.Open(cut, &corpus.Options{ReadOnly: ro})
			if err == nil {
				var r corpus.CheckReport
				if r, err = s.Check(context.Background(), nil); err == nil && !r.OK() {
					err = fmt.Errorf("check: %v %v: %w", r.Storage, r.Problems, corpus.ErrDamaged)
				}
				s.Close()
			}
			if err == nil {
				t.Errorf("%d bytes (read-only %v): no error", n, ro)
			} else if !errors.Is(err, corpus.ErrDamaged) && !strings.Contains(err.Error(), "invalid database") {
				t.Errorf("%d bytes: %v, want it called damaged", n, err)
			}
		}
	}
}

// corrupt overwrites the value of key in bucket path (nested names).
func corrupt(t *testing.T, dbPath string, value []byte, key []byte, buckets ...[]byte) {
	t.Helper()
	db, err := bolt.Open(dbPath, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(buckets[0])
		for _, n := range buckets[1:] {
			b = b.Bucket(n)
		}
		return b.Put(key, value)
	}); err != nil {
		t.Fatal(err)
	}
}

func TestCorruptRecords(t *testing.T) {
	t.Run("schema", func(t *testing.T) {
		path, _ := filled(t)
		corrupt(t, path, []byte(`{"entities": [`), keySchema, bucketMeta)
		s, err := corpus.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Schema(); !errors.Is(err, corpus.ErrDamaged) || !strings.Contains(err.Error(), "backup") {
			t.Errorf("a damaged schema: %v", err)
		}
		if !s.HasSchema() {
			t.Error("HasSchema is false for a damaged schema: init would replace it")
		}
	})
	t.Run("entity", func(t *testing.T) {
		path, ids := filled(t)
		corrupt(t, path, []byte("\xff not json"), []byte("T1"), bucketLayers, layerKey(ids[3], "amira"), bucketEnts)
		s, err := corpus.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Layer(ids[3], "amira"); !errors.Is(err, corpus.ErrDamaged) {
			t.Errorf("reading a damaged layer: %v", err)
		}
		r, err := s.Check(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.OK() || len(r.Problems) == 0 || r.Problems[0].Doc != ids[3] || r.Documents != 300 {
			t.Errorf("check: %+v", r)
		}
	})
	t.Run("text", func(t *testing.T) {
		path, ids := filled(t)
		d := corpus.Document{ID: ids[5], Text: "نص مختلف", SHA256: corpus.TextHash(corpustest.SeedText)}
		corrupt(t, path, mustJSON(d), []byte(ids[5]), bucketDocs)
		s, _ := corpus.Open(path, nil)
		defer s.Close()
		r, _ := s.Check(context.Background(), nil)
		if len(r.Problems) == 0 || !strings.Contains(r.Problems[0].What, "SHA-256") {
			t.Errorf("a changed text: %+v", r.Problems)
		}
	})
}

// TestCorruptPage scribbles over a page in the middle of the file: check
// reports it (from bbolt's own check or Tawsim's), and nothing panics.
func TestCorruptPage(t *testing.T) {
	path, _ := filled(t)
	raw, _ := os.ReadFile(path)
	used := usedBytes(path)
	for p := 4; p*4096 < used; p += max(1, used/4096/60) {
		bad := append([]byte(nil), raw...)
		for i := p * 4096; i < p*4096+300 && i < len(bad); i++ {
			bad[i] ^= 0x5a
		}
		f := filepath.Join(t.TempDir(), "bad.db")
		os.WriteFile(f, bad, 0o644)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("page %d: panic %v", p, r)
				}
			}()
			s, err := corpus.Open(f, &corpus.Options{ReadOnly: true})
			if err != nil {
				return // refused at open: fine
			}
			defer s.Close()
			r, err := s.Check(context.Background(), nil)
			if err == nil && r.OK() {
				t.Logf("page %d: damage not detected (a free page?)", p)
			}
		}()
	}
}

func TestBackupWhileWriting(t *testing.T) {
	s := openTest(t)
	doc := corpustest.ImportText(t, s, corpustest.SeedText)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 40; i++ {
			s.AddEntity(doc, "amira", corpus.Entity{Start: i, End: i + 2, Type: "PERS"})
		}
	}()
	dst := filepath.Join(t.TempDir(), "backup.db")
	n, err := s.Backup(dst, false)
	<-done
	if err != nil || n == 0 {
		t.Fatal(n, err)
	}
	if _, err := s.Backup(dst, false); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	if _, err := s.Backup(s.Path(), true); err == nil {
		t.Error("a backup over the database itself")
	}
	b, err := corpus.Open(dst, &corpus.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := b.Check(context.Background(), nil)
	if err != nil || !r.OK() {
		t.Errorf("the backup does not check: %+v %v", r, err)
	}
	l, _ := b.Layer(doc, "amira")
	if int(l.Revision) != len(l.Entities) {
		t.Errorf("the backup is not one consistent state: revision %d, %d entities", l.Revision, len(l.Entities))
	}
}

// usedBytes is how much of the file at path its pages use: bbolt grows
// files ahead, in chunks.
func usedBytes(path string) int {
	var used int
	db, _ := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	db.View(func(tx *bolt.Tx) error { used = int(tx.Size()); return nil })
	db.Close()
	return used
}
