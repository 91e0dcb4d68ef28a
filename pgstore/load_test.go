package pgstore_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
	"github.com/tawsim/tawsim/pgstore/pgtest"
)

// Load test settings, from the environment; CI runs the defaults.
//
//	TAWSIM_PG_LOAD=60s TAWSIM_PG_ANNOTATORS=50 go test -run TestLoad -v ./pgstore
//
// TAWSIM_PG_LOAD_NOTIFY=off disables the triggers that announce changes,
// to measure what announcing costs (docs/postgres.md).
func loadSettings(t *testing.T) (d time.Duration, annotators int) {
	d, annotators = 3*time.Second, 50
	if v := os.Getenv("TAWSIM_PG_LOAD"); v != "" {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			t.Fatalf("TAWSIM_PG_LOAD=%q: %v", v, err)
		}
	}
	if v := os.Getenv("TAWSIM_PG_ANNOTATORS"); v != "" {
		var err error
		if annotators, err = strconv.Atoi(v); err != nil || annotators < 1 {
			t.Fatalf("TAWSIM_PG_ANNOTATORS=%q", v)
		}
	}
	return d, annotators
}

// ack is an action the store acknowledged: the change it logged.
type ack struct {
	doc, ann string
	seq, rev uint64
	op       string
}

// TestLoad: annotators, each an app of its own (a store with its own
// connections), annotate for the duration: add, retype and delete
// entities and undo, on their own layers and, one action in twenty, on
// the shared gold layer, where they queue for the lock. It reports
// actions per second and latencies, then checks that nothing was lost:
// every acknowledged change is in its layer's log with its number and
// revision, the logs have no gaps and nothing else, and replaying each
// log gives exactly the layer stored.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test is not short")
	}
	duration, annotators := loadSettings(t)
	target := newTarget(t)
	admin := openStore(t, target)
	const docs = 10
	var items []corpus.ImportItem
	for i := range docs {
		text := fmt.Sprintf("الخبر %d: %s", i+1, strings.Repeat(corpustest.SeedText+"\n", 12))
		items = append(items, corpus.ImportItem{Origin: fmt.Sprint(i), Doc: corpus.NewDoc{Text: text}})
	}
	if os.Getenv("TAWSIM_PG_LOAD_NOTIFY") == "off" {
		if _, err := sqlConn(t, target).Exec(t.Context(), `ALTER TABLE layers DISABLE TRIGGER USER`); err != nil {
			t.Fatal(err)
		}
		t.Log("notifications off")
	}
	res, err := admin.Import(items)
	if err != nil {
		t.Fatal(err)
	}
	runes := len([]rune(items[0].Doc.Text))
	sc, _ := admin.Schema()
	var types []string
	for _, et := range sc.Entities {
		types = append(types, et.Name)
	}
	// Two connections each, as a desktop app needs: 50 apps fit in the
	// test server's 200.
	appURL, _ := pgtest.WithParam(target, "pool_max_conns", "2")

	type result struct {
		acks            []ack
		lat, goldLat    []time.Duration
		refused, errors int
	}
	results := make([]result, annotators)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for a := range annotators {
		s, err := corpus.Open(appURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[a]
			rng := rand.New(rand.NewPCG(uint64(a), 7))
			me := fmt.Sprintf("مشارك-%02d", a+1)
			<-start
			deadline := time.Now().Add(duration)
			for time.Now().Before(deadline) {
				doc := res.IDs[rng.IntN(docs)]
				ann, gold := me, rng.IntN(20) == 0
				if gold {
					ann = corpus.Gold
				}
				began := time.Now()
				ch, ok, err := act(s, rng, doc, ann, runes, types)
				took := time.Since(began)
				switch {
				case err != nil && strings.Contains(err.Error(), "exact duplicates are refused"):
					r.refused++
				case err != nil:
					r.errors++
					t.Errorf("%s on %s/%s: %v", me, doc[:8], ann, err)
				case ok:
					r.acks = append(r.acks, ack{doc, ann, ch.Seq, ch.Revision, ch.Op})
					if gold {
						r.goldLat = append(r.goldLat, took)
					} else {
						r.lat = append(r.lat, took)
					}
				}
			}
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	elapsed := time.Since(began)

	var all result
	for _, r := range results {
		all.acks = append(all.acks, r.acks...)
		all.lat = append(all.lat, r.lat...)
		all.goldLat = append(all.goldLat, r.goldLat...)
		all.refused += r.refused
		all.errors += r.errors
	}
	both := append(slices.Clone(all.lat), all.goldLat...)
	t.Logf("%d annotators for %v: %d actions acknowledged, %.0f actions/s, %d refused as duplicates, %d errors",
		annotators, elapsed.Round(time.Millisecond), len(all.acks), float64(len(all.acks))/elapsed.Seconds(), all.refused, all.errors)
	t.Logf("latency, all actions:        p50 %s  p99 %s  max %s", pct(both, 50), pct(both, 99), pct(both, 100))
	t.Logf("latency, own layers (%5d): p50 %s  p99 %s", len(all.lat), pct(all.lat, 50), pct(all.lat, 99))
	t.Logf("latency, gold (%5d):       p50 %s  p99 %s", len(all.goldLat), pct(all.goldLat, 50), pct(all.goldLat, 99))
	if len(all.acks) == 0 {
		t.Fatal("no action was acknowledged")
	}
	lost := verifyLoad(t, admin, all.acks)
	t.Logf("lost: %d of %d acknowledged actions", lost, len(all.acks))
}

// act applies one random action to the layer, choosing among what the
// layer holds inside the transaction, and returns the change it logged.
func act(s *corpus.Store, rng *rand.Rand, doc, ann string, runes int, types []string) (corpus.Change, bool, error) {
	op := rng.IntN(100)
	if op < 15 {
		return s.Undo(doc, ann)
	}
	ch, err := s.Edit(doc, ann, "annotate", func(e *corpus.Edit) error {
		l, err := e.Layer()
		if err != nil {
			return err
		}
		if op < 65 || len(l.Entities) == 0 {
			start := rng.IntN(runes - 10)
			_, err := e.AddEntity(corpus.Entity{Start: start, End: start + 2 + rng.IntN(8), Type: types[rng.IntN(len(types))]})
			return err
		}
		ent := l.Entities[rng.IntN(len(l.Entities))]
		if op < 85 {
			ent.Type = types[rng.IntN(len(types))]
			return e.SetEntity(ent)
		}
		return e.DeleteEntity(ent.ID)
	})
	return ch, ch.Seq != 0, err
}

// verifyLoad checks every layer the load test touched against what was
// acknowledged, and returns how many acknowledged changes are missing.
func verifyLoad(t *testing.T, s *corpus.Store, acks []ack) (lost int) {
	t.Helper()
	type key struct{ doc, ann string }
	acked := map[key]map[uint64]ack{}
	for _, a := range acks {
		k := key{a.doc, a.ann}
		if acked[k] == nil {
			acked[k] = map[uint64]ack{}
		}
		if _, dup := acked[k][a.seq]; dup {
			t.Errorf("layer %s/%s: change %d acknowledged twice", a.doc[:8], a.ann, a.seq)
		}
		acked[k][a.seq] = a
	}
	logs := map[key][]corpus.Change{}
	all, err := s.Changes("", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range all {
		k := key{ch.Doc, ch.Annotator}
		logs[k] = append(logs[k], ch)
	}
	stored := map[key]corpus.Layer{}
	err = s.Scan(corpus.ScanOptions{}, func(d corpus.DocLayers) error {
		for _, l := range d.Layers {
			stored[key{d.Doc.ID, l.Annotator}] = l
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range acked {
		log := logs[k]
		got := map[uint64]corpus.Change{}
		for i, ch := range log {
			got[ch.Seq] = ch
			if ch.Seq != uint64(i+1) || ch.Revision != uint64(i+1) {
				t.Errorf("layer %s/%s: change %d of the log has number %d, revision %d", k.doc[:8], k.ann, i+1, ch.Seq, ch.Revision)
			}
		}
		for seq, a := range want {
			ch, ok := got[seq]
			if !ok {
				lost++
				t.Errorf("layer %s/%s: acknowledged change %d is not in the log", k.doc[:8], k.ann, seq)
			} else if ch.Op != a.op || ch.Revision != a.rev {
				t.Errorf("layer %s/%s: change %d is %s at revision %d, acknowledged as %s at %d", k.doc[:8], k.ann, seq, ch.Op, ch.Revision, a.op, a.rev)
			}
		}
		if len(log) != len(want) {
			t.Errorf("layer %s/%s: %d changes logged, %d acknowledged", k.doc[:8], k.ann, len(log), len(want))
		}
		l := stored[k]
		if l.Revision != uint64(len(log)) {
			t.Errorf("layer %s/%s: revision %d after %d changes", k.doc[:8], k.ann, l.Revision, len(log))
		}
		if replayed := replay(t, log); !slices.Equal(replayed, l.Entities) {
			t.Errorf("layer %s/%s: replaying the log gives %d entities, the layer holds %d", k.doc[:8], k.ann, len(replayed), len(l.Entities))
		}
	}
	return lost
}

// replay applies a layer's logged changes, each item to its state after.
func replay(t *testing.T, log []corpus.Change) []corpus.Entity {
	ents := map[string]corpus.Entity{}
	for _, ch := range log {
		for _, d := range ch.Diffs {
			if d.Kind != corpus.KindEntity {
				continue
			}
			if len(d.After) == 0 || string(d.After) == "null" {
				delete(ents, d.ID)
				continue
			}
			var e corpus.Entity
			if err := json.Unmarshal(d.After, &e); err != nil {
				t.Fatalf("change %d: %v", ch.Seq, err)
			}
			ents[d.ID] = e
		}
	}
	out := make([]corpus.Entity, 0, len(ents))
	for _, e := range ents {
		out = append(out, e)
	}
	corpus.SortEntities(out)
	return out
}

// pct is the p-th percentile of ds (100: the maximum), in milliseconds.
func pct(ds []time.Duration, p int) string {
	if len(ds) == 0 {
		return "-"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := min(len(s)*p/100, len(s)-1)
	return fmt.Sprintf("%.1f ms", float64(s[i].Microseconds())/1000)
}
