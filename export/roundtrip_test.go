package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// TestNativeRoundTrip exports every layer natively and imports the file
// into an empty database: documents and layers (status, revision and
// update time included) must be identical.
func TestNativeRoundTrip(t *testing.T) {
	src, id := storeWithSeed(t)
	// A second annotator, in progress, with its own ids.
	text := readSeed(t)
	sp := at(t, text, "بشار الأسد، الجمعة", "بشار الأسد")
	if _, err := src.AddEntity(id, "amira", corpus.Entity{ID: "T40", Start: sp.Start, End: sp.End, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	// A layer set back to new while it holds an entity must come back new.
	if err := src.SetStatus(id, "amira", corpus.StatusNew); err != nil {
		t.Fatal(err)
	}
	docs, _, err := Select(src, Selection{AllLayers: true})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "all.jsonl")
	if _, err := exportParts(context.Background(), "tawsim", []Part{{Docs: docs}}, out, Options{}); err != nil {
		t.Fatal(err)
	}
	items, _, err := Read("tawsim", []string{out}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dst := openStore(t)
	if _, err := dst.Import(items); err != nil {
		t.Fatal(err)
	}
	compareStores(t, src, dst)
}

func compareStores(t *testing.T, a, b *corpus.Store) {
	t.Helper()
	ia, _ := a.Documents()
	ib, _ := b.Documents()
	if len(ia) != len(ib) {
		t.Fatalf("%d documents, want %d", len(ib), len(ia))
	}
	for i := range ia {
		da, _ := a.Document(ia[i].ID)
		db, err := b.Document(ia[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(da, db) {
			t.Errorf("document %s differs:\n%+v\n%+v", da.ID, da, db)
		}
		la, _ := a.Layers(da.ID)
		lb, _ := b.Layers(da.ID)
		if len(la) != len(lb) {
			t.Fatalf("%d layers, want %d", len(lb), len(la))
		}
		for k := range la {
			x, y := la[k], lb[k]
			if !x.Updated.Equal(y.Updated) {
				t.Errorf("layer %s updated %v, want %v", x.Annotator, y.Updated, x.Updated)
			}
			y.Updated = x.Updated // same instant; the location may differ
			if !reflect.DeepEqual(x, y) {
				t.Errorf("layer %s differs:\n%+v\n%+v", x.Annotator, x, y)
			}
		}
	}
}

type spanType struct {
	start, end int
	typ        string
}

func spansOf(l corpus.Layer) []spanType {
	var out []spanType
	for _, e := range l.Entities {
		out = append(out, spanType{e.Start, e.End, e.Type})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end > out[j].end
	})
	return out
}

// TestSpanRoundTrips: doccano and brat carry spans exactly, so export then
// import under another annotator must give the same spans on the same
// document (matched by text hash, so a layer is added, not a copy).
func TestSpanRoundTrips(t *testing.T) {
	for _, format := range []string{"doccano", "brat"} {
		t.Run(format, func(t *testing.T) {
			s, id := storeWithSeed(t)
			docs, _, err := Select(s, Selection{})
			if err != nil || len(docs) != 1 {
				t.Fatalf("select: %d docs, %v", len(docs), err)
			}
			out := filepath.Join(t.TempDir(), "out")
			if _, err := exportParts(context.Background(), format, []Part{{Docs: docs}}, out, Options{Schema: testSchema(t)}); err != nil {
				t.Fatal(err)
			}
			items, _, err := Read(format, []string{out}, ReadOptions{Annotator: "back"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Import(items)
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != 0 || res.Existing != 1 {
				t.Fatalf("import added %d, matched %d; want the existing document matched", res.Added, res.Existing)
			}
			gold, _ := s.Layer(id, corpus.Gold)
			back, _ := s.Layer(id, "back")
			if !reflect.DeepEqual(spansOf(gold), spansOf(back)) {
				t.Errorf("spans differ:\n%v\n%v", spansOf(gold), spansOf(back))
			}
			if format == "brat" {
				if len(back.Events) != len(gold.Events) {
					t.Fatalf("%d events, want %d", len(back.Events), len(gold.Events))
				}
				for k, ev := range gold.Events {
					b := back.Events[k]
					if b.Type != ev.Type || b.Trigger != ev.Trigger || len(b.Arguments) != len(ev.Arguments) {
						t.Errorf("event %d: %+v, want %+v", k, b, ev)
					}
					for a := range ev.Arguments {
						ge, _ := gold.Entity(ev.Arguments[a].Entity)
						be, _ := back.Entity(b.Arguments[a].Entity)
						if ge.Span() != be.Span() || ev.Arguments[a].Role != b.Arguments[a].Role {
							t.Errorf("event %d argument %d: %v %v, want %v %v", k, a, b.Arguments[a].Role, be, ev.Arguments[a].Role, ge)
						}
					}
				}
			}
		})
	}
}

// tagLines returns the token and tag lines of a CoNLL text, without blank
// lines: sentence breaks may move when the text is rebuilt from tokens.
func tagLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" && !strings.HasPrefix(l, "-DOCSTART-") {
			out = append(out, l)
		}
	}
	return out
}

// TestCoNLLRoundTrip: reading a CoNLL export and writing it again gives
// the same tokens and tags, for every scheme.
func TestCoNLLRoundTrip(t *testing.T) {
	for _, scheme := range []string{"iob2", "bioes", "iob1"} {
		t.Run(scheme, func(t *testing.T) {
			opt := Options{Scheme: scheme, DocStart: true}
			var first bytes.Buffer
			if _, err := Write("conll", Output{W: &first}, seedDocs(t), opt); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "ner.conll")
			os.WriteFile(path, first.Bytes(), 0o644)
			items, sum, err := readCoNLL(path, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Scheme != scheme || sum.OrphanInside != 0 {
				t.Errorf("detected %s with %d orphan I-; want %s, 0", sum.Scheme, sum.OrphanInside, scheme)
			}
			var docs []Doc
			for _, it := range items {
				docs = append(docs, NewDoc(corpus.Document{Text: it.Doc.Text}, it.Layers[0]))
			}
			var second bytes.Buffer
			if _, err := Write("conll", Output{W: &second}, docs, opt); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tagLines(first.String()), tagLines(second.String())) {
				a, b := tagLines(first.String()), tagLines(second.String())
				for i := range min(len(a), len(b)) {
					if a[i] != b[i] {
						t.Fatalf("line %d: %q after the round trip, %q before", i, b[i], a[i])
					}
				}
				t.Fatalf("%d lines after, %d before", len(b), len(a))
			}
		})
	}
}

// TestReadMalformed: each refusal names the file and line, and nothing
// reaches the store.
func TestReadMalformed(t *testing.T) {
	tests := []struct {
		name, format, file, in, want string
	}{
		{"conll bad tag", "conll", "a.conll", "شي B-PERS\nجين X-PERS\n", "a.conll line 2: tag \"X-PERS\""},
		{"conll bad utf8", "conll", "b.conll", "شي O\n\xff\xfe O\n", "b.conll line 2: not valid UTF-8"},
		{"doccano bad json", "doccano", "c.jsonl", "{\"text\": \"شي\", \"label\": []}\n{\"text\": \n", "c.jsonl line 2:"},
		{"doccano outside", "doccano", "d.jsonl", "{\"text\": \"شي جين\", \"label\": [[3, 40, \"PERS\"]]}\n", "d.jsonl line 1: label 1 [3,40) PERS lies outside the text (0..6 code points)"},
		{"doccano no text", "doccano", "e.jsonl", "{\"label\": []}\n", "e.jsonl line 1: \"text\" is missing"},
		{"tawsim foreign", "tawsim", "f.jsonl", "{\"text\": \"شي\"}\n", "f.jsonl line 1: not a Tawsim native line"},
		{"tawsim damaged", "tawsim", "g.jsonl", "{\"format\":\"tawsim/1\",\"text\":\"شي\",\"sha256\":\"00\",\"layers\":[]}\n", "g.jsonl line 1: sha256 does not match"},
		{"brat offsets", "brat", "h.ann", "T1\tPERS 0 2\tشي\nT2\tGPE 5 99\tبكين\n", "h.ann line 2: span [5,99) lies outside the text"},
		{"brat no offsets", "brat", "i.ann", "T1\tPERS\tشي\n", "i.ann line 1: \"PERS\": want TYPE START END"},
		{"brat event", "brat", "j.ann", "T1\tPERS 0 2\tشي\nE1\tContact.Meet:T9 Entity:T1\n", "j.ann line 2: event E1: trigger T9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.file)
			os.WriteFile(path, []byte(tc.in), 0o644)
			if tc.format == "brat" {
				os.WriteFile(strings.TrimSuffix(path, ".ann")+".txt", []byte("شي زار بكين"), 0o644)
			}
			s := openStore(t)
			items, _, err := Read(tc.format, []string{path}, ReadOptions{})
			if err == nil {
				_, err = s.Import(items)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("error %v, want one naming %s and holding %q", err, path, tc.want)
			}
			if docs, _ := s.Documents(); len(docs) != 0 {
				t.Errorf("%d documents stored after a refused import", len(docs))
			}
		})
	}
	// Read succeeds but the store refuses (a type outside the schema): the
	// error names the file and line of the document, and the transaction
	// stores nothing, not even the documents before it.
	dir := t.TempDir()
	path := filepath.Join(dir, "k.conll")
	os.WriteFile(path, []byte("-DOCSTART- O\n\nشي B-PERS\n\n-DOCSTART- O\n\nبكين B-CITY\n"), 0o644)
	s := openStore(t)
	items, _, err := Read("conll", []string{path}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Import(items)
	if err == nil || !strings.Contains(err.Error(), path+" line 5") || !strings.Contains(err.Error(), "CITY") {
		t.Fatalf("error %v, want one naming %s line 5 and the type CITY", err, path)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Errorf("%d documents stored after a refused import", len(docs))
	}
}

// TestMajority: entities kept when at least half of the done voters agree.
func TestMajority(t *testing.T) {
	s, id := storeWithSeed(t)
	text := readSeed(t)
	add := func(ann, context, sub, typ string) {
		sp := at(t, text, context, sub)
		if _, err := s.AddEntity(id, ann, corpus.Entity{Start: sp.Start, End: sp.End, Type: typ}); err != nil {
			t.Fatal(err)
		}
	}
	add("amira", "شي جين بينغ، محادثات", "شي جين بينغ", "PERS")
	add("bilal", "شي جين بينغ، محادثات", "شي جين بينغ", "PERS")
	add("amira", "بشار الأسد، الجمعة", "بشار الأسد", "PERS")
	add("bilal", "بشار الأسد، الجمعة", "الأسد", "PERS") // disagrees on the span
	add("chadi", "بشار الأسد، الجمعة", "الجمعة", "DATE")
	add("chadi", "شي جين بينغ، محادثات", "شي جين بينغ", "PERS")
	for _, ann := range []string{"amira", "bilal"} {
		if err := s.SetStatus(id, ann, corpus.StatusDone); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		status string
		want   []string
	}{
		// Done voters amira and bilal: half of two is one, so all their
		// entities pass.
		{"done", []string{"شي جين بينغ", "بشار الأسد", "الأسد"}},
		// All three vote: two of three needed.
		{"all", []string{"شي جين بينغ"}},
	}
	for _, tc := range tests {
		docs, _, err := Select(s, Selection{Layer: LayerMajority, Status: tc.status})
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: %d docs, %v", tc.status, len(docs), err)
		}
		ix := corpus.NewIndex(text)
		var got []string
		for _, e := range docs[0].Layer.Entities {
			got = append(got, ix.Slice(e.Start, e.End))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("status %s: majority %q, want %q", tc.status, got, tc.want)
		}
	}
}

func TestSplitDeterministic(t *testing.T) {
	base := seedDocs(t)[0]
	var docs []Doc
	for i := range 100 {
		d := base
		d.Doc.SHA256 = corpus.TextHash(strings.Repeat("x", i+1))
		docs = append(docs, d)
	}
	a, err := Split(docs, []int{80, 10, 10}, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Split(docs, []int{80, 10, 10}, 7)
	c, _ := Split(docs, []int{80, 10, 10}, 8)
	if len(a[0].Docs) != 80 || len(a[1].Docs) != 10 || len(a[2].Docs) != 10 {
		t.Fatalf("sizes %d/%d/%d, want 80/10/10", len(a[0].Docs), len(a[1].Docs), len(a[2].Docs))
	}
	hashes := func(p []Part) []string {
		var out []string
		for _, part := range p {
			for _, d := range part.Docs {
				out = append(out, part.Name+d.Doc.SHA256)
			}
		}
		return out
	}
	if !reflect.DeepEqual(hashes(a), hashes(b)) {
		t.Error("same seed, different split")
	}
	if reflect.DeepEqual(hashes(a), hashes(c)) {
		t.Error("another seed gave the same split")
	}
}

// TestExportAtomic: output appears complete, with no temporary files left
// and an existing brat folder replaced.
func TestExportAtomic(t *testing.T) {
	dir := t.TempDir()
	docs := seedDocs(t)
	parts, _ := Split(append(append([]Doc{}, docs...), docs...), []int{50, 50}, 1)
	if _, err := exportParts(context.Background(), "conll", parts, filepath.Join(dir, "ner.conll"), Options{}); err != nil {
		t.Fatal(err)
	}
	brat := filepath.Join(dir, "brat")
	os.MkdirAll(brat, 0o755)
	os.WriteFile(filepath.Join(brat, "stale.ann"), nil, 0o644)
	if _, err := exportParts(context.Background(), "brat", []Part{{Docs: docs}}, brat, Options{}); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"brat", "labels.txt", "ner.test.conll", "ner.train.conll"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("files %v, want %v", names, want)
	}
	if _, err := os.Stat(filepath.Join(brat, "stale.ann")); err == nil {
		t.Error("the old brat folder was not replaced")
	}
}
