package corpustest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

func testResolve(t *testing.T, h Harness) {
	s := h.Open(t)
	id := ImportText(t, s, SeedText)
	ImportText(t, s, "زار الرئيس بكين.")
	got, err := s.Resolve(id[:20])
	if err != nil || got != id {
		t.Fatalf("Resolve(prefix) = %q, %v", got, err)
	}
	if got, err := s.Resolve(id); err != nil || got != id {
		t.Errorf("Resolve(id) = %q, %v", got, err)
	}
	if _, err := s.Resolve("zzz"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("Resolve(zzz) = %v", err)
	}
	if _, err := s.Resolve(id[:4]); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("Resolve of a shared prefix = %v, want ambiguous", err)
	}
}

func testScan(t *testing.T, h Harness) {
	s := h.Open(t)
	res, err := s.Import([]corpus.ImportItem{
		{Origin: "a", Doc: corpus.NewDoc{Text: "ذهب محمد إلى القاهرة."}},
		{Origin: "b", Doc: corpus.NewDoc{Text: "زار الرئيس بكين."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(res.IDs[0], "amira", corpus.Entity{Start: 4, End: 8, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntity(res.IDs[0], "omar", corpus.Entity{Start: 13, End: 20, Type: "GPE"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	err = s.Scan(corpus.ScanOptions{}, func(d corpus.DocLayers) error {
		var anns []string
		for _, l := range d.Layers {
			anns = append(anns, l.Annotator)
		}
		got = append(got, fmt.Sprintf("%s:%v", string([]rune(d.Doc.Text)[:1]), anns))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "[ذ:[amira omar] ز:[]]"; sprint(got) != want {
		t.Errorf("scan all: got %v, want %s", got, want)
	}
	got = nil
	err = s.Scan(corpus.ScanOptions{IDs: []string{res.IDs[1], res.IDs[0]}, Annotators: []string{"omar"}}, func(d corpus.DocLayers) error {
		l := d.Layer("omar")
		got = append(got, fmt.Sprintf("%d/%d/%s", len(d.Layers), len(l.Entities), l.Status))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "[0/0/new 1/1/in-progress]"; sprint(got) != want {
		t.Errorf("scan ids+annotator: got %v, want %s", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Scan(corpus.ScanOptions{}, func(corpus.DocLayers) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("an error from fn should stop the scan: %v after %d", err, n)
	}
}

func testSummariesAndStats(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	other := ImportText(t, s, "زار الرئيس بكين.")
	s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 4, Type: "PERS"})
	s.AddEntity(doc, "a", corpus.Entity{Start: 5, End: 10, Type: "GPE"})
	s.AddEntity(other, "b", corpus.Entity{Start: 0, End: 3, Type: "PERS"})
	s.SetStatus(other, "b", corpus.StatusDone)
	sums, err := s.Summaries("")
	if err != nil || len(sums) != 2 {
		t.Fatalf("summaries: %+v %v", sums, err)
	}
	only, _ := s.Summaries("b")
	if len(only) != 1 || only[0].Doc != other || only[0].Status != corpus.StatusDone || only[0].Entities != 1 {
		t.Errorf("summaries of b: %+v", only)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Tokens == 0 || st.Changes != 4 || len(st.Annotators) != 2 ||
		st.EntityTypes["PERS"] != 2 || st.EntityTypes["GPE"] != 1 || st.Annotators[1].Done != 1 || st.Schema != corpus.DefaultPreset {
		t.Errorf("stats: %+v", st)
	}
	if n, m, err := s.TypeUsage("PERS"); n != 2 || m != 0 || err != nil {
		t.Errorf("usage of PERS: %d %d %v", n, m, err)
	}
}

// testConcurrentReaders: readers running while a writer works always see
// a consistent layer (its counts match its items) and never fail.
func testConcurrentReaders(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, strings.Repeat(SeedText+" ", 20))
	const adds = 60
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := 0; i < adds; i++ {
			if _, err := s.AddEntity(doc, "writer", corpus.Entity{Start: i, End: i + 3, Type: "PERS"}); err != nil {
				errs <- err
				return
			}
		}
	}()
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				err := s.Scan(corpus.ScanOptions{Annotators: []string{"writer"}}, func(d corpus.DocLayers) error {
					for _, l := range d.Layers {
						if int(l.Revision) != len(l.Entities) {
							return fmt.Errorf("inconsistent snapshot: revision %d with %d entities", l.Revision, len(l.Entities))
						}
					}
					return nil
				})
				if err == nil {
					_, err = s.Summaries("writer")
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if l, _ := s.Layer(doc, "writer"); len(l.Entities) != adds {
		t.Errorf("%d entities after %d adds", len(l.Entities), adds)
	}
}

// testLargeDocument: a 1 MB article with 5,000 entities stores and reads
// back whole.
func testLargeDocument(t *testing.T, h Harness) {
	s := h.Open(t)
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(SeedText)
		b.WriteString("\n")
	}
	text := b.String()
	n := len([]rune(SeedText)) + 1
	pers := Find(t, SeedText, "بشار الأسد")
	var ents []corpus.Entity
	for i := 0; len(ents) < 5000; i++ {
		ents = append(ents, corpus.Entity{ID: fmt.Sprintf("T%d", i+1), Start: i*n + pers.Start, End: i*n + pers.End, Type: "PERS"})
	}
	res, err := s.Import([]corpus.ImportItem{{Origin: "big", Doc: corpus.NewDoc{Text: text}, Layers: []corpus.Layer{{Annotator: "model", Entities: ents}}}})
	if err != nil {
		t.Fatal(err)
	}
	s = h.Reopen(t, s, nil)
	d, err := s.Document(res.IDs[0])
	if err != nil || d.Text != text {
		t.Fatalf("large text did not round-trip (%v)", err)
	}
	l, err := s.Layer(res.IDs[0], "model")
	if err != nil || len(l.Entities) != len(ents) {
		t.Fatalf("large layer: %d entities, %v", len(l.Entities), err)
	}
	for i, e := range l.Entities {
		if e.Start != ents[i].Start || e.End != ents[i].End {
			t.Fatalf("entity %d is %+v, want %+v", i, e, ents[i])
		}
	}
}

// testReadOnly: a database opened read-only answers every read and
// refuses writes with ErrReadOnly.
func testReadOnly(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 4, Type: "PERS"})
	s = h.Reopen(t, s, &corpus.Options{ReadOnly: true})
	if l, err := s.Layer(doc, "a"); err != nil || len(l.Entities) != 1 {
		t.Errorf("read-only read: %+v %v", l, err)
	}
	if _, err := s.Schema(); err != nil {
		t.Errorf("read-only schema: %v", err)
	}
	if _, err := s.AddEntity(doc, "a", corpus.Entity{Start: 5, End: 9, Type: "PERS"}); !errors.Is(err, corpus.ErrReadOnly) {
		t.Errorf("write to a read-only database: %v, want ErrReadOnly", err)
	}
	if _, err := s.Import([]corpus.ImportItem{{Origin: "x", Doc: corpus.NewDoc{Text: "نص."}}}); !errors.Is(err, corpus.ErrReadOnly) {
		t.Errorf("import into a read-only database: %v", err)
	}
}

// testCheckHealthy: a database built only through the API passes Check,
// which counts what it read.
func testCheckHealthy(t *testing.T, h Harness) {
	s := h.Open(t)
	doc := ImportText(t, s, SeedText)
	ImportText(t, s, "زار الرئيس بكين.")
	e, _ := s.AddEntity(doc, "a", corpus.Entity{Start: 0, End: 4, Type: "PERS"})
	s.AddEvent(doc, "a", corpus.Event{Type: "Contact.Meet", Trigger: Find(t, SeedText, "محادثات"), Arguments: []corpus.Argument{{Role: "Entity", Entity: e.ID}}})
	s.AddEntity(doc, "b", corpus.Entity{Start: 5, End: 10, Type: "OCC"})
	s.Undo(doc, "b")
	r, err := s.Check(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Documents != 2 || r.Layers != 2 || r.Entities != 1 || r.Events != 1 || r.Changes != 4 {
		t.Errorf("check of a healthy database: %+v", r)
	}
}

// testCopy copies a database into a fresh one of the same backend: the
// copy holds the same documents and layers, undoes and redoes exactly as
// the original, and checks clean.
func testCopy(t *testing.T, h Harness) {
	src := h.Open(t)
	doc := ImportText(t, src, SeedText)
	other := ImportText(t, src, "زار الرئيس بكين.")
	xi := Find(t, SeedText, "شي جين بينغ")
	e, _ := src.AddEntity(doc, "amira", corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
	src.AddEvent(doc, "amira", corpus.Event{Type: "Contact.Meet", Trigger: Find(t, SeedText, "محادثات"), Arguments: []corpus.Argument{{Role: "Entity", Entity: e.ID}}})
	src.AddEntity(doc, "amira", corpus.Entity{Start: 0, End: 4, Type: "OCC"})
	src.Undo(doc, "amira") // a redo to carry over
	src.AddEntity(other, corpus.Gold, corpus.Entity{Start: 0, End: 3, Type: "OCC", Provenance: &corpus.Provenance{By: "noura", From: []string{"amira"}}})
	src.Assign([]corpus.Assignment{{Doc: other, Annotators: []string{"layla"}}}, true)

	dst := h.open(t, h.NewTarget(t), nil)
	var done, total int
	if err := src.CopyTo(context.Background(), dst, func(d, n int) { done, total = d, n }); err != nil {
		t.Fatal(err)
	}
	if done != 2 || total != 2 {
		t.Errorf("progress %d/%d", done, total)
	}
	for _, id := range []string{doc, other} {
		a, _ := src.Document(id)
		b, err := dst.Document(id)
		if err != nil || a.Text != b.Text || !a.Imported.Equal(b.Imported) || a.Tokenizer != b.Tokenizer {
			t.Errorf("document %s: %+v vs %+v (%v)", id, a, b, err)
		}
		la, _ := src.Layers(id)
		lb, _ := dst.Layers(id)
		if jsonOf(la) != jsonOf(lb) {
			t.Errorf("layers of %s:\n%+v\n%+v", id, la, lb)
		}
		ca, _ := src.Changes(id, "")
		cb, _ := dst.Changes(id, "")
		if len(ca) != len(cb) {
			t.Errorf("change logs of %s: %d vs %d", id, len(ca), len(cb))
		}
	}
	if sa, _ := src.Summaries(""); jsonOf(sa) != jsonOf(must(dst.Summaries(""))) {
		t.Errorf("summaries differ")
	}
	// Redo, then undo twice, on both: the same layers.
	for _, s := range []*corpus.Store{src, dst} {
		s.Redo(doc, "amira")
		s.Undo(doc, "amira")
		s.Undo(doc, "amira")
	}
	la, _ := src.Layer(doc, "amira")
	lb, _ := dst.Layer(doc, "amira")
	if jsonOf(la.Entities) != jsonOf(lb.Entities) || jsonOf(la.Events) != jsonOf(lb.Events) {
		t.Errorf("after the same undo and redo:\n%+v\n%+v", la, lb)
	}
	if r, err := dst.Check(context.Background(), nil); err != nil || !r.OK() {
		t.Errorf("the copy does not check: %+v %v", r, err)
	}
	if err := src.CopyTo(context.Background(), dst, nil); err == nil {
		t.Error("a copy into a database with documents went ahead")
	}
}

func must[T any](v T, _ error) T { return v }

// jsonOf compares values by content (pointers print as addresses).
func jsonOf(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(raw)
}
