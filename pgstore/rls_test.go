package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/corpus/corpustest"
	"github.com/tawsim/tawsim/pgstore/pgtest"
)

// team is a database set up by setup.sql, with an annotator role whose
// Tawsim name is Arabic (mapped), a second annotator and a reviewer.
type team struct {
	target             string
	owner              *corpus.Store
	alice, bob, sami   *corpus.Store
	aliceRole, bobRole string
	doc                string
}

// aliceName is the name alice annotates under, mapped to her role.
const aliceName = "ليلى"

func newTeam(t *testing.T) *team {
	t.Helper()
	ctx := context.Background()
	tm := &team{target: newTarget(t)}
	tm.owner = openStore(t, tm.target)
	tm.doc = corpustest.ImportText(t, tm.owner, corpustest.SeedText)
	setup, err := os.ReadFile("setup.sql")
	if err != nil {
		t.Fatal(err)
	}
	admin := sqlConn(t, tm.target)
	if _, err := admin.Exec(ctx, string(setup)); err != nil {
		t.Fatalf("setup.sql: %v", err)
	}
	suffix := strings.TrimPrefix(schemaOf(t, tm.target), "t_")
	login := func(role, group string) *corpus.Store {
		if _, err := admin.Exec(ctx, "CREATE ROLE "+role+" LOGIN PASSWORD 'سر-"+suffix+"' IN ROLE "+group); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// After the stores closed (cleanups run last first).
			admin.Exec(context.Background(), "DROP OWNED BY "+role)
			admin.Exec(context.Background(), "DROP ROLE "+role)
		})
		u, _ := pgtest.WithParam(tm.target, "user", role)
		u, _ = pgtest.WithParam(u, "password", "سر-"+suffix)
		s, err := corpus.Open(u, nil)
		if err != nil {
			t.Fatalf("open as %s: %v", role, err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	tm.aliceRole, tm.bobRole = "alice_"+suffix, "bob_"+suffix
	tm.alice = login(tm.aliceRole, "tawsim_annotator")
	tm.bob = login(tm.bobRole, "tawsim_annotator")
	tm.sami = login("sami_"+suffix, "tawsim_reviewer")
	if _, err := admin.Exec(ctx, "INSERT INTO annotator_roles VALUES ($1, $2)", tm.aliceRole, aliceName); err != nil {
		t.Fatal(err)
	}
	return tm
}

// schemaOf is the schema a test target opens.
func schemaOf(t *testing.T, target string) string {
	t.Helper()
	_, q, _ := strings.Cut(target, "search_path=")
	name, _, _ := strings.Cut(q, "&")
	return name
}

// TestRowLevelSecurity: through the Go API, an annotator changes only her
// own layers (under her role's name or a mapped one), never another's or
// gold, and a reviewer changes gold; everyone reads everything. Every
// refusal is fs.ErrPermission with a message naming the role, and leaves
// the refused layer as it was.
func TestRowLevelSecurity(t *testing.T) {
	tm := newTeam(t)
	xi := corpustest.Find(t, corpustest.SeedText, "شي جين بينغ")
	assad := corpustest.Find(t, corpustest.SeedText, "بشار الأسد")
	pers := corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"}
	bobs, err := tm.bob.AddEntity(tm.doc, tm.bobRole, pers)
	if err != nil {
		t.Fatalf("bob writes his own layer: %v", err)
	}
	gold, err := tm.sami.AddEntity(tm.doc, corpus.Gold, pers)
	if err != nil {
		t.Fatalf("the reviewer writes gold: %v", err)
	}
	before := map[string]corpus.Layer{}
	for _, ann := range []string{tm.bobRole, corpus.Gold} {
		before[ann], _ = tm.owner.Layer(tm.doc, ann)
	}
	other := corpus.Entity{Start: assad.Start, End: assad.End, Type: "PERS"}
	tests := []struct {
		name    string
		do      func() error
		refused bool
	}{
		{"alice writes under her mapped Arabic name", func() error { _, err := tm.alice.AddEntity(tm.doc, aliceName, other); return err }, false},
		{"alice writes under her role's name", func() error { _, err := tm.alice.AddEntity(tm.doc, tm.aliceRole, other); return err }, false},
		{"alice undoes her own change", func() error { _, _, err := tm.alice.Undo(tm.doc, aliceName); return err }, false},
		{"alice reads bob's layer", func() error { _, err := tm.alice.Layer(tm.doc, tm.bobRole); return err }, false},
		{"alice scans everything", func() error { return tm.alice.Scan(corpus.ScanOptions{}, func(corpus.DocLayers) error { return nil }) }, false},
		{"alice imports a text", func() error {
			_, err := tm.alice.Import([]corpus.ImportItem{{Origin: "new", Doc: corpus.NewDoc{Text: "زار الرئيس بكين."}}})
			return err
		}, false},
		{"alice adds to bob's layer", func() error { _, err := tm.alice.AddEntity(tm.doc, tm.bobRole, other); return err }, true},
		{"alice deletes bob's entity", func() error { return tm.alice.DeleteEntity(tm.doc, tm.bobRole, bobs.ID) }, true},
		{"alice undoes bob's change", func() error { _, _, err := tm.alice.Undo(tm.doc, tm.bobRole); return err }, true},
		{"alice adds to gold", func() error { _, err := tm.alice.AddEntity(tm.doc, corpus.Gold, other); return err }, true},
		{"alice retypes gold's entity", func() error {
			e := gold
			e.Type = "OCC"
			return tm.alice.SetEntity(tm.doc, corpus.Gold, e)
		}, true},
		{"alice marks gold done", func() error { return tm.alice.SetStatus(tm.doc, corpus.Gold, corpus.StatusDone) }, true},
		{"alice starts a layer for someone new", func() error { _, err := tm.alice.AddEntity(tm.doc, "عمر", other); return err }, true},
		{"alice imports a layer for bob", func() error {
			_, err := tm.alice.Import([]corpus.ImportItem{{Origin: "native", Doc: corpus.NewDoc{Text: "نص آخر تماما."},
				Layers: []corpus.Layer{{Annotator: tm.bobRole, Entities: []corpus.Entity{{Start: 0, End: 2, Type: "PERS"}}}}}})
			return err
		}, true},
		{"alice changes the schema", func() error {
			sc, _ := corpus.Preset("anercorp")
			return tm.alice.SetSchema(sc)
		}, true},
		{"the reviewer changes gold", func() error { return tm.sami.SetStatus(tm.doc, corpus.Gold, corpus.StatusInProgress) }, false},
		{"the reviewer adds to bob's layer", func() error { _, err := tm.sami.AddEntity(tm.doc, tm.bobRole, other); return err }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			switch {
			case !tt.refused && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.refused && !errors.Is(err, fs.ErrPermission):
				t.Fatalf("err = %v, want a permission error", err)
			case tt.refused && !strings.Contains(err.Error(), "may not"):
				t.Errorf("the message does not say what was refused: %v", err)
			}
		})
	}
	for ann, want := range before {
		if ann == corpus.Gold {
			want.Status = corpus.StatusInProgress // the reviewer's change
		}
		got, _ := tm.owner.Layer(tm.doc, ann)
		if !reflect.DeepEqual(got.Entities, want.Entities) || got.Status != want.Status {
			t.Errorf("layer %s changed under refusals: %+v, was %+v", ann, got, want)
		}
	}
	if docs, _ := tm.owner.Documents(); len(docs) != 2 {
		t.Errorf("%d documents: the refused import stored its text", len(docs))
	}
}

// TestRowLevelSecurityInSQL: the same rules hold for plain SQL on the
// annotator's own connection, whatever the app does.
func TestRowLevelSecurityInSQL(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	if _, err := tm.bob.AddEntity(tm.doc, tm.bobRole, corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := tm.sami.AddEntity(tm.doc, corpus.Gold, corpus.Entity{Start: 0, End: 4, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	snapshot := func() string {
		var s string
		err := sqlConn(t, tm.target).QueryRow(ctx, `SELECT concat_ws('|',
			(SELECT string_agg(concat_ws(',', annotator, id, start, "end", type), ';' ORDER BY annotator, id) FROM entities),
			(SELECT string_agg(concat_ws(',', annotator, info::text), ';' ORDER BY annotator) FROM layers),
			(SELECT string_agg(concat_ws(',', annotator, seq), ';' ORDER BY annotator, seq) FROM changes),
			(SELECT string_agg(concat_ws(',', annotator, stack, seq), ';' ORDER BY annotator, stack, seq) FROM stacks),
			(SELECT count(*) FROM documents), (SELECT value::text FROM meta WHERE key = 'schema'))`).Scan(&s)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	was := snapshot()
	u, _ := pgtest.WithParam(tm.target, "user", tm.aliceRole)
	alice := sqlConn(t, u)
	bob := tm.bobRole
	tests := []struct {
		sql     string
		args    []any
		refused bool // an error; otherwise no row may be touched
	}{
		{`UPDATE entities SET type = 'OCC' WHERE annotator = $1`, []any{bob}, false},
		{`DELETE FROM entities WHERE annotator = 'gold'`, nil, false},
		{`UPDATE layers SET info = '{}' WHERE annotator <> $1`, []any{aliceName}, false},
		{`DELETE FROM layers WHERE annotator = $1`, []any{bob}, false},
		{`DELETE FROM changes`, nil, false},
		{`UPDATE stacks SET seq = seq + 100`, nil, false},
		{`INSERT INTO entities (doc, annotator, id, start, "end", type) VALUES ($1, $2, 'T99', 5, 9, 'PERS')`, []any{tm.doc, bob}, true},
		{`INSERT INTO layers (doc, annotator) VALUES ($1, 'gold') ON CONFLICT DO NOTHING`, []any{tm.doc}, true},
		{`INSERT INTO changes (doc, annotator, seq, change) VALUES ($1, 'gold', 99, '{}')`, []any{tm.doc}, true},
		{`UPDATE entities SET annotator = $1 WHERE annotator = $2`, []any{aliceName, bob}, false},
		{`UPDATE meta SET value = '{}' WHERE key = 'schema'`, nil, true},
		{`DELETE FROM documents`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			ct, err := alice.Exec(ctx, tt.sql, tt.args...)
			switch {
			case tt.refused && err == nil:
				t.Fatalf("accepted, %s", ct)
			case !tt.refused && err != nil:
				t.Fatalf("failed instead of touching nothing: %v", err)
			case !tt.refused && ct.RowsAffected() != 0:
				t.Fatalf("touched %d rows", ct.RowsAffected())
			}
		})
	}
	if now := snapshot(); now != was {
		t.Errorf("plain SQL changed others' rows:\nbefore %s\nafter  %s", was, now)
	}
}

// TestRowLevelSecurityBulkImport: PostgreSQL refuses COPY into a table
// with row-level security, so an annotator's large import goes by INSERT
// (the owner's still by COPY).
func TestRowLevelSecurityBulkImport(t *testing.T) {
	tm := newTeam(t)
	text := strings.Repeat(corpustest.SeedText+"\n", 40)
	n := len([]rune(corpustest.SeedText)) + 1
	for _, s := range []struct {
		who   string
		store *corpus.Store
		ann   string
	}{{"alice", tm.alice, aliceName}, {"the owner", tm.owner, "model"}} {
		var ents []corpus.Entity
		var evs []corpus.Event
		for i := 0; i < 40; i++ {
			for j := 0; j < 15; j++ {
				ents = append(ents, corpus.Entity{ID: fmt.Sprintf("T%d", len(ents)+1), Start: i*n + j, End: i*n + j + 2, Type: "PERS"})
				evs = append(evs, corpus.Event{ID: fmt.Sprintf("E%d", len(evs)+1), Type: "Contact.Meet", Trigger: corpus.Span{Start: i*n + j, End: i*n + j + 1},
					Arguments: []corpus.Argument{{Role: "Entity", Entity: ents[len(ents)-1].ID}}})
			}
		}
		res, err := s.store.Import([]corpus.ImportItem{{Origin: "big", Doc: corpus.NewDoc{Text: text},
			Layers: []corpus.Layer{{Annotator: s.ann, Entities: ents, Events: evs}}}})
		if err != nil {
			t.Fatalf("%s imports %d entities: %v", s.who, len(ents), err)
		}
		if l, _ := tm.owner.Layer(res.IDs[0], s.ann); len(l.Entities) != len(ents) || len(l.Events) != len(evs) {
			t.Errorf("%s's import: %d entities, %d events", s.who, len(l.Entities), len(l.Events))
		}
	}
}
