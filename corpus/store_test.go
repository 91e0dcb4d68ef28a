package corpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// seedText is the kind of sentence annotators receive.
const seedText = "أجرى الرئيس الصيني، شي جين بينغ، محادثات مع رئيس النظام السوري، بشار الأسد، الجمعة."

// runeIndex returns the code point offset of the first occurrence of sub.
func runeIndex(t testing.TB, text, sub string) Span {
	t.Helper()
	b := strings.Index(text, sub)
	if b < 0 {
		t.Fatalf("%q not in text", sub)
	}
	start := len([]rune(text[:b]))
	return Span{start, start + len([]rune(sub))}
}

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "corpus.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc, err := Preset(DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	return s
}

func importText(t testing.TB, s *Store, text string) string {
	t.Helper()
	res, err := s.Import([]ImportItem{{Origin: "test", Doc: NewDoc{Title: "t", Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	return res.IDs[0]
}

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := Preset("wojood")
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	doc := importText(t, s, "\uFEFF"+strings.ReplaceAll(seedText, " مع ", "\r\nمع "))
	pers := runeIndex(t, seedText, "بشار الأسد")
	ent, err := s.AddEntity(doc, "layla", Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	if err != nil {
		t.Fatal(err)
	}
	trig := runeIndex(t, seedText, "محادثات")
	ev, err := s.AddEvent(doc, "layla", Event{Type: "Contact.Meet", Trigger: trig, Arguments: []Argument{{Role: "Entity", Entity: ent.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Document(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(seedText, " مع ", "\nمع ")
	if d.Text != want {
		t.Errorf("text = %q, want BOM dropped and CRLF as LF: %q", d.Text, want)
	}
	if d.SHA256 != TextHash(want) {
		t.Errorf("hash %s does not match the stored text", d.SHA256)
	}
	l, err := s.Layer(doc, "layla")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 1 || l.Entities[0] != ent {
		t.Fatalf("entities = %+v, want [%+v]", l.Entities, ent)
	}
	if got := string([]rune(d.Text)[ent.Start:ent.End]); got != "بشار الأسد" {
		t.Errorf("entity covers %q", got)
	}
	if len(l.Events) != 1 || l.Events[0].ID != ev.ID || l.Events[0].Arguments[0].Entity != ent.ID {
		t.Errorf("events = %+v", l.Events)
	}
	if l.Status != StatusInProgress || l.Revision != 2 {
		t.Errorf("status %s revision %d, want in-progress 2", l.Status, l.Revision)
	}
	sums, err := s.Summaries("layla")
	if err != nil || len(sums) != 1 || sums[0].Entities != 1 || sums[0].Events != 1 {
		t.Errorf("summaries = %+v, %v", sums, err)
	}
}

func TestValidationRefusals(t *testing.T) {
	s := openTest(t)
	doc := importText(t, s, seedText)
	n := len([]rune(seedText))
	pers := runeIndex(t, seedText, "بشار الأسد")
	ent, err := s.AddEntity(doc, "a", Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	if err != nil {
		t.Fatal(err)
	}
	trig := runeIndex(t, seedText, "محادثات")
	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"end past text", func() error { _, err := s.AddEntity(doc, "a", Entity{Start: 0, End: n + 1, Type: "PERS"}); return err }, "outside the text"},
		{"negative start", func() error { _, err := s.AddEntity(doc, "a", Entity{Start: -1, End: 2, Type: "PERS"}); return err }, "outside the text"},
		{"empty span", func() error { _, err := s.AddEntity(doc, "a", Entity{Start: 4, End: 4, Type: "PERS"}); return err }, "start must be before end"},
		{"unknown type", func() error { _, err := s.AddEntity(doc, "a", Entity{Start: 0, End: 4, Type: "PERSON"}); return err }, `entity type "PERSON" is not in the schema`},
		{"duplicate", func() error {
			_, err := s.AddEntity(doc, "a", Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
			return err
		}, "exact duplicates are refused"},
		{"unknown event type", func() error {
			_, err := s.AddEvent(doc, "a", Event{Type: "Contact.Lunch", Trigger: trig})
			return err
		}, `event type "Contact.Lunch" is not in the schema`},
		{"role not of type", func() error {
			_, err := s.AddEvent(doc, "a", Event{Type: "Contact.Meet", Trigger: trig, Arguments: []Argument{{Role: "Victim", Entity: ent.ID}}})
			return err
		}, `role "Victim" does not belong to event type Contact.Meet`},
		{"argument from nowhere", func() error {
			_, err := s.AddEvent(doc, "a", Event{Type: "Contact.Meet", Trigger: trig, Arguments: []Argument{{Role: "Entity", Entity: "T99"}}})
			return err
		}, "entity T99 does not exist in this layer"},
		{"argument from another layer", func() error {
			_, err := s.AddEvent(doc, "b", Event{Type: "Contact.Meet", Trigger: trig, Arguments: []Argument{{Role: "Entity", Entity: ent.ID}}})
			return err
		}, "does not exist in this layer"},
		{"unknown document", func() error { _, err := s.AddEntity("nope", "a", Entity{Start: 0, End: 1, Type: "PERS"}); return err }, "not found"},
		{"bad status", func() error { return s.SetStatus(doc, "a", "finished") }, "not one of new, in-progress, done"},
		{"empty annotator", func() error { _, err := s.AddEntity(doc, " ", Entity{Start: 0, End: 1, Type: "PERS"}); return err }, "annotator name is empty"},
	}
	before, _ := s.Changes("", "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
	after, _ := s.Changes("", "")
	if len(after) != len(before) {
		t.Errorf("refused changes were logged: %d entries before, %d after", len(before), len(after))
	}
	l, _ := s.Layer(doc, "a")
	if len(l.Entities) != 1 || len(l.Events) != 0 {
		t.Errorf("refused changes altered the layer: %+v", l)
	}
	if l2, _ := s.Layer(doc, "b"); len(l2.Entities) != 0 || l2.Revision != 0 {
		t.Errorf("refused change created layer b: %+v", l2)
	}
}

func TestUndoRedoAndCascade(t *testing.T) {
	s := openTest(t)
	doc := importText(t, s, seedText)
	pers := runeIndex(t, seedText, "بشار الأسد")
	xi := runeIndex(t, seedText, "شي جين بينغ")
	a, _ := s.AddEntity(doc, "a", Entity{Start: pers.Start, End: pers.End, Type: "PERS"})
	b, _ := s.AddEntity(doc, "a", Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
	ev, err := s.AddEvent(doc, "a", Event{Type: "Contact.Meet", Trigger: runeIndex(t, seedText, "محادثات"),
		Arguments: []Argument{{Role: "Entity", Entity: a.ID}, {Role: "Entity", Entity: b.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetEntity(doc, "a", Entity{ID: a.ID, Start: a.Start, End: a.End, Type: "OCC"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEntity(doc, "a", b.ID); err != nil {
		t.Fatal(err)
	}
	l, _ := s.Layer(doc, "a")
	if got, _ := l.Event(ev.ID); len(got.Arguments) != 1 || got.Arguments[0].Entity != a.ID {
		t.Fatalf("deleting %s left arguments %+v", b.ID, got.Arguments)
	}
	// Undo the delete: the entity and its argument come back together.
	if _, ok, err := s.Undo(doc, "a"); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	l, _ = s.Layer(doc, "a")
	if got, _ := l.Event(ev.ID); len(got.Arguments) != 2 || len(l.Entities) != 2 {
		t.Fatalf("after undo: %+v", l)
	}
	// Undo the retype.
	s.Undo(doc, "a")
	l, _ = s.Layer(doc, "a")
	if e, _ := l.Entity(a.ID); e.Type != "PERS" {
		t.Fatalf("after second undo %s is %s", a.ID, e.Type)
	}
	// Redo survives a restart.
	path := s.Path()
	s.Close()
	s, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.CanRedo(doc, "a") {
		t.Fatal("redo history lost on restart")
	}
	s.Redo(doc, "a")
	l, _ = s.Layer(doc, "a")
	if e, _ := l.Entity(a.ID); e.Type != "OCC" {
		t.Fatalf("after redo %s is %s", a.ID, e.Type)
	}
	// A new change clears redo.
	s.SetStatus(doc, "a", StatusDone)
	if s.CanRedo(doc, "a") {
		t.Error("a new change should end the redo history")
	}
	// Undo everything back to an empty layer.
	for s.CanUndo(doc, "a") {
		if _, _, err := s.Undo(doc, "a"); err != nil {
			t.Fatal(err)
		}
	}
	l, _ = s.Layer(doc, "a")
	if len(l.Entities)+len(l.Events) != 0 || l.Status != StatusNew {
		t.Errorf("undo all left %+v", l)
	}
	log, _ := s.Changes(doc, "a")
	if len(log) < 8 || log[len(log)-1].Op != "undo" {
		t.Errorf("change log does not record the history: %d entries", len(log))
	}
}

func TestLockError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = Open(path, &Options{Timeout: 300 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "is open in another Tawsim process") {
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
		s, err := Open(path, nil)
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
	_, err = Open(path, nil)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "is open in another Tawsim process") {
		t.Fatalf("open while another process holds it: %v", err)
	}
	if took > 2*time.Second {
		t.Errorf("the refusal took %v", took)
	}
}

func TestMigrationFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "وصل الوفد إلى مطار هانغتشو."
	err = db.Update(func(tx *bolt.Tx) error {
		if err := migrations[0](tx); err != nil {
			return err
		}
		tx.Bucket(bucketMeta).Put(keyVersion, []byte("1"))
		sc, _ := Preset("anercorp")
		raw, _ := jsonMarshal(sc)
		tx.Bucket(bucketMeta).Put(keySchema, raw)
		raw, _ = jsonMarshal(DocInfo{ID: "0190a0b0-0000-7000-8000-000000000001", Title: "v1", SHA256: TextHash(text), Runes: len([]rune(text))})
		tx.Bucket(bucketInfo).Put([]byte("0190a0b0-0000-7000-8000-000000000001"), raw)
		raw, _ = jsonMarshal(Document{ID: "0190a0b0-0000-7000-8000-000000000001", Title: "v1", Text: text, SHA256: TextHash(text)})
		return tx.Bucket(bucketDocs).Put([]byte("0190a0b0-0000-7000-8000-000000000001"), raw)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(); v != Version {
		t.Fatalf("version after open = %d, want %d", v, Version)
	}
	res, err := s.Import([]ImportItem{{Origin: "again", Doc: NewDoc{Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Existing != 1 || res.IDs[0] != "0190a0b0-0000-7000-8000-000000000001" {
		t.Errorf("the migrated hash index did not find the v1 document: %+v", res)
	}
}

func TestNewerVersionRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyVersion, []byte("99")) })
	s.Close()
	if _, err := Open(path, nil); err == nil || !strings.Contains(err.Error(), "newer than this Tawsim") {
		t.Fatalf("open of a newer database: %v", err)
	}
}

func TestResolve(t *testing.T) {
	s := openTest(t)
	id := importText(t, s, seedText)
	got, err := s.Resolve(id[:20])
	if err != nil || got != id {
		t.Fatalf("Resolve(prefix) = %q, %v", got, err)
	}
	if _, err := s.Resolve("zzz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Resolve(zzz) = %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TAWSIM_DB": "/x/c.db", "XDG_DATA_HOME": "/d"}, "/x/c.db"},
		{map[string]string{"XDG_DATA_HOME": "/d", "HOME": "/h"}, "/d/tawsim/corpus.db"},
		{map[string]string{"HOME": "/h"}, "/h/.local/share/tawsim/corpus.db"},
	}
	for _, tt := range tests {
		if got, _ := DefaultPath(env(tt.env)); got != tt.want {
			t.Errorf("DefaultPath(%v) = %s, want %s", tt.env, got, tt.want)
		}
	}

}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// TestMigrationMovesLogIntoLayers builds a layout-2 database by hand (one
// global log bucket, an undo stack naming its entries) and checks that
// after the migration the history is intact: Changes lists it, Undo
// reverts it, and new changes are numbered after it.
func TestMigrationMovesLogIntoLayers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "التقى الرئيس الصيني نظيره السوري في هانغتشو."
	id := "0190a0b0-0000-7000-8000-000000000002"
	ent := Entity{ID: "T1", Start: 37, End: 44, Type: "GPE"}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, m := range migrations[:2] {
			if err := m(tx); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		meta.Put(keyVersion, []byte("2"))
		sc, _ := Preset("wojood")
		raw, _ := jsonMarshal(sc)
		meta.Put(keySchema, raw)
		raw, _ = jsonMarshal(DocInfo{ID: id, Title: "v2", SHA256: TextHash(text), Runes: len([]rune(text))})
		tx.Bucket(bucketInfo).Put([]byte(id), raw)
		raw, _ = jsonMarshal(Document{ID: id, Title: "v2", Text: text, SHA256: TextHash(text)})
		tx.Bucket(bucketDocs).Put([]byte(id), raw)
		tx.Bucket(bucketHashes).Put([]byte(TextHash(text)), []byte(id))
		b, err := createLayerBucket(tx, id, "omar")
		if err != nil {
			return err
		}
		raw, _ = jsonMarshal(ent)
		b.Bucket(bucketEnts).Put([]byte("T1"), raw)
		b.Bucket(bucketEnts).Put(spanKey(ent), []byte("T1"))
		raw, _ = jsonMarshal(layerInfo{Status: StatusInProgress, Revision: 1, Entities: 1})
		b.Put(keyLayerInfo, raw)
		after, _ := jsonMarshal(ent)
		raw, _ = jsonMarshal(Change{Seq: 7, Doc: id, Annotator: "omar", Op: "add entity", Revision: 1,
			Diffs: []Diff{{Kind: KindEntity, ID: "T1", After: after}}})
		tx.Bucket(bucketLog).Put(seqKey(7), raw)
		return b.Put(stackKey(prefixUndo, 7), nil)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.Changes(id, "")
	if err != nil || len(log) != 1 || log[0].Seq != 7 || log[0].Op != "add entity" {
		t.Fatalf("migrated log: %+v, %v", log, err)
	}
	pers := runeIndex(t, text, "الرئيس")
	if _, err := s.AddEntity(id, "omar", Entity{Start: pers.Start, End: pers.End, Type: "OCC"}); err != nil {
		t.Fatal(err)
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

func TestScan(t *testing.T) {
	s := openTest(t)
	res, err := s.Import([]ImportItem{
		{Origin: "a", Doc: NewDoc{Text: "ذهب محمد إلى القاهرة."}},
		{Origin: "b", Doc: NewDoc{Text: "زار الرئيس بكين."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(res.IDs[0], "amira", Entity{Start: 4, End: 8, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(res.IDs[0], "omar", Entity{Start: 13, End: 20, Type: "GPE"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	err = s.Scan(ScanOptions{}, func(d DocLayers) error {
		got = append(got, fmt.Sprintf("%s:%d", string([]rune(d.Doc.Text)[:1]), len(d.Layers)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ذ:2", "ز:0"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("scan all: got %v, want %v", got, want)
	}
	got = nil
	err = s.Scan(ScanOptions{IDs: []string{res.IDs[1], res.IDs[0]}, Annotators: []string{"omar"}}, func(d DocLayers) error {
		l := d.Layer("omar")
		got = append(got, fmt.Sprintf("%d/%d", len(d.Layers), len(l.Entities)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"0/0", "1/1"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("scan ids+annotator: got %v, want %v", got, want)
	}
}
