package export

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// TestBratForms: names in the characters brat stores, distinct, and a
// role never ending in a digit (brat's repeat number).
func TestBratForms(t *testing.T) {
	tests := []struct {
		names []string
		role  bool
		want  []string
	}{
		{[]string{"Contact.Meet", "PERS", "Transaction.Transfer-Money"}, false, []string{"Contact-Meet", "PERS", "Transaction-Transfer-Money"}},
		{[]string{"Contact.Meet", "Contact-Meet", "Contact_Meet"}, false, []string{"Contact-Meet", "Contact-Meet_", "Contact_Meet"}},
		{[]string{"شخص", "Org Unit"}, false, []string{"___", "Org_Unit"}},
		{[]string{"Arg1", "Entity", "Time-Within"}, true, []string{"Arg1_", "Entity", "Time-Within"}},
	}
	for _, tc := range tests {
		n := newBratNames(tc.role)
		var got []string
		for _, name := range tc.names {
			got = append(got, n.form(name))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.names, got, tc.want)
		}
		var m bratMapping
		m.types, m.roles = map[string]string{}, map[string]string{}
		m.parse(strings.Join(append(n.mapping("type"), n.mapping("role")...), "\n"))
		for i, f := range got {
			back := m.typeName(f)
			if tc.role {
				back = m.roleName(f)
			}
			if back != tc.names[i] {
				t.Errorf("%s maps back to %s, want %s", f, back, tc.names[i])
			}
		}
	}
}

// TestBratRoundTrip: a document with dotted event types, a role given
// three times, nested entities and one across a paragraph break goes
// from the store to a brat collection and back identical, counted.
func TestBratRoundTrip(t *testing.T) {
	src := storeWithPreset(t, corpus.DefaultPreset)
	d := bratDoc(t)
	if _, err := src.Import([]corpus.ImportItem{{Origin: "brat test", Doc: corpus.NewDoc{Text: d.Doc.Text}, Layers: []corpus.Layer{d.Layer}}}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "brat")
	if _, err := Run(context.Background(), src, ExportRequest{Format: "brat", Out: out}, nil); err != nil {
		t.Fatal(err)
	}
	dst := storeWithPreset(t, corpus.DefaultPreset)
	rep, err := RunImport(context.Background(), dst, ImportRequest{Format: "brat", Annotator: "gold", Paths: []string{out}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := bratView(t, src), bratView(t, dst)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("after brat export and import:\n%q\nwant\n%q", b, a)
	}
	args := 0
	for _, ev := range d.Layer.Events {
		args += len(ev.Arguments)
	}
	t.Logf("brat round trip: %d entities, %d events, %d arguments in the store, in the collection (%s) and back",
		len(d.Layer.Entities), len(d.Layer.Events), args, rep.Summary.String())
}

// bratView renders a store's gold layers as entities and events by text,
// independent of ids.
func bratView(t *testing.T, s *corpus.Store) []string {
	t.Helper()
	infos, _ := s.Documents()
	var out []string
	for _, info := range infos {
		d, _ := s.Document(info.ID)
		l, err := s.Layer(info.ID, corpus.Gold)
		if err != nil {
			t.Fatal(err)
		}
		ix := corpus.NewIndex(d.Text)
		byID := map[string]string{}
		for _, e := range l.Entities {
			byID[e.ID] = e.Type + " " + ix.Slice(e.Start, e.End)
			out = append(out, byID[e.ID])
		}
		for _, ev := range l.Events {
			line := ev.Type + " " + ix.SliceSpan(ev.Trigger)
			for _, a := range ev.Arguments {
				line += " " + a.Role + ":" + byID[a.Entity]
			}
			out = append(out, line)
		}
	}
	return out
}

// TestReadBrat: brat forms map back through annotation.conf, offsets of
// a CRLF text may count a line end as brat does (one LF), and refusals
// name the file and line.
func TestReadBrat(t *testing.T) {
	conf := "[entities]\nPERS\nGPE\n[events]\nContact-Meet\tEntity*:<ENTITY>\n# tawsim type\tContact-Meet\tContact.Meet\n"
	tests := []struct {
		name      string
		txt, ann  string
		opt       ReadOptions
		want      []string // the layer, as bratView renders it
		wantError string
	}{
		{"brat forms", "التقى شي بوتين في بكين", "T1\tPERS 6 8\tشي\nT2\tPERS 9 14\tبوتين\nT3\tContact-Meet 0 5\tالتقى\nE1\tContact-Meet:T3 Entity:T1 Entity2:T2\n",
			ReadOptions{}, []string{"PERS شي", "PERS بوتين", "Contact.Meet التقى Entity:PERS شي Entity:PERS بوتين"}, ""},
		{"crlf counted as brat does", "سطر\r\nشي", "T1\tPERS 4 6\tشي\n", ReadOptions{}, []string{"PERS شي"}, ""},
		{"crlf counted on disk", "سطر\r\nشي", "T1\tPERS 5 7\tشي\n", ReadOptions{}, []string{"PERS شي"}, ""},
		{"text mismatch", "زار شي بكين", "T1\tPERS 4 6\tشي\nT2\tGPE 6 10\tبكين\n", ReadOptions{},
			nil, `line 2: T2's text "بكين" is not what its offsets cover in the .txt, " بكي"`},
		{"type outside the schema", "زار شي بكين", "T1\tPERS 4 6\tشي\nT2\tCITY 7 11\tبكين\n", ReadOptions{Schema: testSchema(t)},
			nil, `line 2: entity type "CITY" is not in the schema`},
		{"role outside the schema", "التقى شي", "T1\tPERS 6 8\tشي\nT2\tContact-Meet 0 5\tالتقى\nE1\tContact-Meet:T2 Buyer:T1\n", ReadOptions{Schema: testSchema(t)},
			nil, `line 3: event E1: role "Buyer" does not belong to event type Contact.Meet`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"annotation.conf": conf, "doc.txt": tc.txt, "doc.ann": tc.ann})
			ann := filepath.Join(dir, "doc.ann")
			items, _, err := Read("brat", []string{dir}, tc.opt)
			if tc.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), ann+" "+tc.wantError) {
					t.Fatalf("error %v, want %q", err, ann+" "+tc.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s := storeWithPreset(t, corpus.DefaultPreset)
			items[0].Layers[0].Annotator = corpus.Gold
			if _, err := s.Import(items); err != nil {
				t.Fatal(err)
			}
			if got := bratView(t, s); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("layer %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBratTextAcrossParagraphs: a span over a blank line is two
// fragments whose text column is what brat expects, the fragments joined
// by one space.
func TestBratTextAcrossParagraphs(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write("brat", Output{Dir: dir}, []Doc{bratDoc(t)}, Options{}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "0190a0c0-0000-7000-8000-000000000002.ann"))
	if want := "T6\tFAC 84 87;89 97\tقصر الإليزيه\n"; !strings.Contains(string(raw), want) {
		t.Errorf(".ann lacks %q:\n%s", want, raw)
	}
}
