package pgstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestTableShapes measures the two ways of keeping a layer's entities that
// docs/postgres.md compares: one JSONB array in the layer's row, or a row
// per entity. For layers of several sizes it times an annotate action (lock
// the layer, read its entities, add one, write the info and a change log
// entry, commit) and a whole-layer read. It is what chose the row design;
// run it with TAWSIM_PG_SHAPES=1 go test -run TestTableShapes -v ./pgstore.
func TestTableShapes(t *testing.T) {
	if os.Getenv("TAWSIM_PG_SHAPES") == "" {
		t.Skip("set TAWSIM_PG_SHAPES=1 to measure the table designs")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, newTarget(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		`CREATE TABLE jl (doc int, annotator text COLLATE "C", info jsonb NOT NULL, entities jsonb NOT NULL, PRIMARY KEY (doc, annotator))`,
		`CREATE TABLE rl (doc int, annotator text COLLATE "C", info jsonb NOT NULL, PRIMARY KEY (doc, annotator))`,
		`CREATE TABLE re (doc int, annotator text COLLATE "C", id text COLLATE "C", start int, "end" int, type text COLLATE "C",
			PRIMARY KEY (doc, annotator, id), FOREIGN KEY (doc, annotator) REFERENCES rl ON DELETE CASCADE)`,
		`CREATE INDEX re_span ON re (doc, annotator, start, "end", type)`,
		`CREATE TABLE ch (doc int, annotator text COLLATE "C", seq bigint, change json, PRIMARY KEY (doc, annotator, seq))`,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	info := `{"status":"in-progress","revision":1,"updated":"2025-03-30T09:15:00.123456789Z","entities":1,"events":0,"seq":1}`
	change := `{"seq":1,"op":"add entity","diffs":[{"kind":"entity","id":"T1","after":{"id":"T1","start":5,"end":9,"type":"PERS"}}]}`
	const rounds = 300
	for doc, n := range []int{20, 200, 2000} {
		ents := make([]map[string]any, n)
		for i := range ents {
			ents[i] = map[string]any{"id": fmt.Sprintf("T%d", i+1), "start": i * 10, "end": i*10 + 5, "type": "PERS"}
		}
		raw, _ := json.Marshal(ents)
		b := &pgx.Batch{}
		b.Queue(`INSERT INTO jl VALUES ($1, 'a', $2, $3)`, doc, info, raw)
		b.Queue(`INSERT INTO rl VALUES ($1, 'a', $2)`, doc, info)
		b.Queue(`INSERT INTO re SELECT $1, 'a', e->>'id', (e->>'start')::int, (e->>'end')::int, e->>'type' FROM jsonb_array_elements($2::jsonb) e`, doc, raw)
		if err := conn.SendBatch(ctx, b).Close(); err != nil {
			t.Fatal(err)
		}
		seq := 0
		jsonAction := func(i int) error {
			b := &pgx.Batch{}
			b.Queue(`BEGIN`)
			b.Queue(`SELECT info, entities FROM jl WHERE doc = $1 AND annotator = 'a' FOR UPDATE`, doc)
			if err := sendRead(ctx, conn, b); err != nil {
				return err
			}
			seq++
			e := fmt.Sprintf(`[{"id":"X%d","start":%d,"end":%d,"type":"OCC"}]`, i, i, i+3)
			b = &pgx.Batch{}
			b.Queue(`UPDATE jl SET info = $2, entities = entities || $3::jsonb WHERE doc = $1 AND annotator = 'a'`, doc, info, e)
			b.Queue(`INSERT INTO ch VALUES ($1, 'j', $2, $3)`, doc, seq, change)
			b.Queue(`COMMIT`)
			return conn.SendBatch(ctx, b).Close()
		}
		rowAction := func(i int) error {
			b := &pgx.Batch{}
			b.Queue(`BEGIN`)
			b.Queue(`SELECT info FROM rl WHERE doc = $1 AND annotator = 'a' FOR UPDATE`, doc)
			b.Queue(`SELECT id, start, "end", type FROM re WHERE doc = $1 AND annotator = 'a'`, doc)
			if err := sendRead(ctx, conn, b); err != nil {
				return err
			}
			seq++
			b = &pgx.Batch{}
			b.Queue(`INSERT INTO re VALUES ($1, 'a', $2, $3, $4, 'OCC')`, doc, fmt.Sprintf("X%d", i), i, i+3)
			b.Queue(`UPDATE rl SET info = $2 WHERE doc = $1 AND annotator = 'a'`, doc, info)
			b.Queue(`INSERT INTO ch VALUES ($1, 'r', $2, $3)`, doc, seq, change)
			b.Queue(`COMMIT`)
			return conn.SendBatch(ctx, b).Close()
		}
		// The same action without reading the layer: a lock, then one query
		// each for the lookups the corpus makes (is the new id free, is
		// there an entity of this span and type), then the writes.
		pointAction := func(i int) error {
			b := &pgx.Batch{}
			b.Queue(`BEGIN`)
			b.Queue(`SELECT info FROM rl WHERE doc = $1 AND annotator = 'a' FOR UPDATE`, doc)
			if err := sendRead(ctx, conn, b); err != nil {
				return err
			}
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`SELECT start, "end", type FROM re WHERE doc = $1 AND annotator = 'a' AND id = $2`, []any{doc, fmt.Sprintf("Y%d", i)}},
				{`SELECT id FROM re WHERE doc = $1 AND annotator = 'a' AND start = $2 AND "end" = $3 AND type = 'OCC' LIMIT 1`, []any{doc, i, i + 3}},
			} {
				b = &pgx.Batch{}
				b.Queue(q.sql, q.args...)
				if err := sendRead(ctx, conn, b); err != nil {
					return err
				}
			}
			seq++
			b = &pgx.Batch{}
			b.Queue(`INSERT INTO re VALUES ($1, 'a', $2, $3, $4, 'OCC')`, doc, fmt.Sprintf("Y%d", i), i, i+3)
			b.Queue(`UPDATE rl SET info = $2 WHERE doc = $1 AND annotator = 'a'`, doc, info)
			b.Queue(`INSERT INTO ch VALUES ($1, 'r', $2, $3)`, doc, seq, change)
			b.Queue(`COMMIT`)
			return conn.SendBatch(ctx, b).Close()
		}
		jsonRead := func(int) error {
			var info, raw []byte
			if err := conn.QueryRow(ctx, `SELECT info, entities FROM jl WHERE doc = $1 AND annotator = 'a'`, doc).Scan(&info, &raw); err != nil {
				return err
			}
			var ents []struct {
				ID         string
				Start, End int
				Type       string
			}
			return json.Unmarshal(raw, &ents)
		}
		rowRead := func(int) error {
			b := &pgx.Batch{}
			b.Queue(`SELECT info FROM rl WHERE doc = $1 AND annotator = 'a'`, doc)
			b.Queue(`SELECT id, start, "end", type FROM re WHERE doc = $1 AND annotator = 'a'`, doc)
			return sendRead(ctx, conn, b)
		}
		for _, m := range []struct {
			name string
			fn   func(int) error
		}{{"jsonb array: annotate", jsonAction}, {"rows:        annotate", rowAction},
			{"rows, point lookups: annotate", pointAction},
			{"jsonb array: read layer", jsonRead}, {"rows:        read layer", rowRead}} {
			var d []time.Duration
			for i := 0; i < rounds; i++ {
				start := time.Now()
				if err := m.fn(i); err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
				d = append(d, time.Since(start))
			}
			sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
			t.Logf("%5d entities  %-30s p50 %7.3f ms  p99 %7.3f ms", n, m.name, ms(d[len(d)/2]), ms(d[len(d)*99/100]))
		}
	}
}

// sendRead sends a batch and reads every row of its queries.
func sendRead(ctx context.Context, conn *pgx.Conn, b *pgx.Batch) error {
	br := conn.SendBatch(ctx, b)
	for range b.QueuedQueries {
		rows, err := br.Query()
		if err != nil {
			br.Close()
			return err
		}
		for rows.Next() {
			if _, err := rows.Values(); err != nil {
				rows.Close()
				br.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			br.Close()
			return err
		}
	}
	return br.Close()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
