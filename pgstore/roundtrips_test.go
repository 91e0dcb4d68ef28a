package pgstore_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
	"github.com/tawsim/tawsim/pgstore"
)

// counter counts what goes to the server: each query, batch and COPY is
// (at least) one round trip.
type counter struct{ n atomic.Int64 }

func (c *counter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *counter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (c *counter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *counter) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (c *counter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}
func (c *counter) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *counter) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}

// TestRoundTrips: an annotate action costs two round trips, and passes
// over the whole corpus cost a few per page of 256 documents or layers,
// never one per document or layer. The statements are run once first, so
// that pgx's statement cache (a prepare is a round trip) is warm.
func TestRoundTrips(t *testing.T) {
	target := newTarget(t)
	c := &counter{}
	db, err := pgstore.OpenTraced(target, c)
	if err != nil {
		t.Fatal(err)
	}
	s := corpus.New(db)
	t.Cleanup(func() { s.Close() })
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	const docs = 300
	var items []corpus.ImportItem
	for i := range docs {
		items = append(items, corpus.ImportItem{Origin: fmt.Sprint(i), Doc: corpus.NewDoc{Text: fmt.Sprintf("%d. %s", i, corpustest.SeedText)},
			Layers: []corpus.Layer{
				{Annotator: "ليلى", Entities: []corpus.Entity{{Start: 0, End: 2, Type: "PERS"}}},
				{Annotator: "omar", Entities: []corpus.Entity{{Start: 0, End: 2, Type: "ORG"}}},
			}})
	}
	res, err := s.Import(items)
	if err != nil {
		t.Fatal(err)
	}
	doc := res.IDs[0]
	n := 0
	tests := []struct {
		name string
		max  int64
		do   func() error
	}{
		{"add an entity", 2, func() error {
			n++
			_, err := s.AddEntity(doc, "ليلى", corpus.Entity{Start: 3, End: 3 + n, Type: "PERS"})
			return err
		}},
		{"read a layer", 3, func() error { _, err := s.Layer(doc, "ليلى"); return err }},
		{"list the documents", 3, func() error { _, err := s.Documents(); return err }},
		{"summarise the layers", 4, func() error { _, err := s.Summaries(""); return err }},
		{"scan the corpus", 2, func() error { return s.Scan(corpus.ScanOptions{}, func(corpus.DocLayers) error { return nil }) }},
		{"count types", 10, func() error { _, _, err := s.TypeUsage("PERS"); return err }},
		{"statistics", 15, func() error { _, err := s.Stats(); return err }},
		{"the whole change log", 8, func() error { _, err := s.Changes("", ""); return err }},
		// corpus.UpdateSchema locks the layers one by one: a round trip each.
		{"rename a type in every layer", docs*2 + 4, func() error {
			sc, _ := s.Schema()
			for i, et := range sc.Entities {
				if strings.HasPrefix(et.Name, "ORG") {
					sc.Entities[i].Name = et.Name + "x"
					_, _, err := s.UpdateSchema(sc, map[string]string{et.Name: et.Name + "x"})
					return err
				}
			}
			return fmt.Errorf("no ORG type in %v", sc.Entities)
		}},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, " ", "_"), func(t *testing.T) {
			if err := tt.do(); err != nil { // warm the statement cache
				t.Fatal(err)
			}
			before := c.n.Load()
			if err := tt.do(); err != nil {
				t.Fatal(err)
			}
			got := c.n.Load() - before
			t.Logf("%d round trips", got)
			if got > tt.max {
				t.Errorf("%d round trips, want at most %d", got, tt.max)
			}
		})
	}
}
