package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// threeAnnotators makes a database of the sample articles where amira,
// layla and omar marked a few names on the first two, mostly alike, all done.
func threeAnnotators(t *testing.T) (string, []string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "c.db")
	mustCtl(t, "--db", db, "init")
	mustCtl(t, "--db", db, "import", "../../../testdata/samples")
	s, err := corpus.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs, _ := s.Documents()
	ids := []string{docs[0].ID, docs[1].ID}
	marks := map[string][][2]string{
		"amira": {{"شي جين بينغ", "PERS"}, {"بشار الأسد", "PERS"}, {"هانغتشو", "GPE"}},
		"layla": {{"شي جين بينغ", "PERS"}, {"بشار الأسد", "PERS"}, {"هانغتشو", "LOC"}},
		"omar":  {{"شي جين بينغ", "PERS"}, {"الأسد", "PERS"}},
	}
	for _, id := range ids {
		d, _ := s.Document(id)
		for ann, ms := range marks {
			for _, m := range ms {
				b := strings.Index(d.Text, m[0])
				if b < 0 {
					continue
				}
				start := len([]rune(d.Text[:b]))
				if _, err := s.AddEntity(id, ann, corpus.Entity{Start: start, End: start + len([]rune(m[0])), Type: m[1]}); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.SetStatus(id, ann, corpus.StatusDone); err != nil {
				t.Fatal(err)
			}
		}
	}
	return db, ids
}

func TestAgree(t *testing.T) {
	db, _ := threeAnnotators(t)
	var r struct {
		Universe struct {
			Documents  int      `json:"documents"`
			Annotators []string `json:"annotators"`
			Tokens     int      `json:"tokens"`
		} `json:"universe"`
		Pairs []struct {
			A, B       string
			SpanF1     *float64                  `json:"span_f1"`
			TokenKappa *float64                  `json:"token_kappa"`
			PerType    map[string]map[string]any `json:"per_type"`
			Confusion  map[string]map[string]int `json:"confusion"`
			Events     map[string]any            `json:"events"`
		} `json:"pairs"`
		Fleiss    *float64 `json:"fleiss_kappa"`
		Alpha     *float64 `json:"alpha"`
		Documents []struct {
			ID string `json:"id"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(mustCtl(t, "--db", db, "agree", "--json")), &r); err != nil {
		t.Fatal(err)
	}
	if r.Universe.Documents != 2 || len(r.Universe.Annotators) != 3 || r.Universe.Tokens == 0 || len(r.Pairs) != 3 || len(r.Documents) != 2 {
		t.Fatalf("agree --json: %+v", r)
	}
	al := r.Pairs[0] // amira/layla: hanghzhou's type differs
	if al.A != "amira" || al.B != "layla" || al.SpanF1 == nil || *al.SpanF1 >= 1 || al.Confusion["GPE"]["LOC"] == 0 || al.PerType["PERS"] == nil {
		t.Errorf("amira/layla: %+v", al)
	}
	if r.Fleiss == nil || r.Alpha == nil || *r.Fleiss >= 1 || *r.Alpha <= 0 {
		t.Errorf("Fleiss %v α %v", r.Fleiss, r.Alpha)
	}
	text := mustCtl(t, "--db", db, "agree", "--by", "doc", "--match", "overlap")
	for _, want := range []string{"match overlap", "Fleiss' κ", "Krippendorff's α", "worst first", "TOKEN κ"} {
		if !strings.Contains(text, want) {
			t.Errorf("agree text lacks %q:\n%s", want, text)
		}
	}
	csvOut := mustCtl(t, "--db", db, "agree", "--csv", "--by", "type", "--annotators", "amira,omar")
	if !strings.HasPrefix(csvOut, "a,b,type,") || !strings.Contains(csvOut, "amira,omar,PERS,") {
		t.Errorf("agree --csv --by type:\n%s", csvOut)
	}
	if _, _, err := ctl(t, "--db", db, "agree", "--match", "fuzzy"); ExitCode(err) != 2 {
		t.Errorf("a bad --match: %v", err)
	}
}

func TestAdjudicate(t *testing.T) {
	db, ids := threeAnnotators(t)
	out := mustCtl(t, "--db", db, "adjudicate", "--min-agree", "3", "--reviewer", "noura")
	if !strings.Contains(out, "disagreements stay for review") {
		t.Errorf("adjudicate said %q", out)
	}
	s, _ := corpus.Open(db, nil)
	gold, _ := s.Layer(ids[0], corpus.Gold)
	second, _ := s.Layer(ids[1], corpus.Gold)
	s.Close()
	// Only شي جين بينغ is marked by all three.
	if len(gold.Entities) != 1 || gold.Entities[0].Provenance == nil || gold.Entities[0].Provenance.By != "noura" {
		t.Fatalf("gold after --min-agree 3: %+v", gold.Entities)
	}
	mustCtl(t, "--db", db, "adjudicate", "--min-agree", "2", "--doc", "1")
	s, _ = corpus.Open(db, nil)
	defer s.Close()
	if gold, _ = s.Layer(ids[0], corpus.Gold); len(gold.Entities) != 2 {
		t.Errorf("gold after --min-agree 2 on document 1: %+v", gold.Entities)
	}
	if g2, _ := s.Layer(ids[1], corpus.Gold); g2.Revision != second.Revision {
		t.Errorf("--doc 1 touched another document: %+v", g2.Entities)
	}
}

func TestBundleBetweenDatabases(t *testing.T) {
	db, ids := threeAnnotators(t)
	b := filepath.Join(t.TempDir(), "omar.tawsim-bundle")
	_, errOut, err := ctl(t, "--db", db, "bundle", "export", "--annotator", "omar", "--out", b)
	if err != nil || !strings.Contains(errOut, "2 layers of omar") {
		t.Fatalf("bundle export: %v %s", err, errOut)
	}
	other := filepath.Join(t.TempDir(), "reviewer.db")
	mustCtl(t, "--db", other, "init")
	out := mustCtl(t, "--db", other, "bundle", "import", b)
	if !strings.Contains(out, "stored; 2 documents added; layers: 2 new") {
		t.Errorf("bundle import said %q", out)
	}
	if out := mustCtl(t, "--db", other, "bundle", "import", b); !strings.Contains(out, "2 unchanged") {
		t.Errorf("the second import said %q", out)
	}
	s, _ := corpus.Open(other, nil)
	l, _ := s.Layer(ids[0], "omar")
	s.Close()
	if len(l.Entities) != 2 || l.Status != corpus.StatusDone {
		t.Errorf("omar's layer in the reviewer's database: %+v", l)
	}
}

func TestCheckBackupCompact(t *testing.T) {
	db, _ := threeAnnotators(t)
	if out := mustCtl(t, "--db", db, "check"); !strings.Contains(out, "no problems found") || !strings.Contains(out, "4 documents, 6 layers") {
		t.Errorf("check said %q", out)
	}
	bak := filepath.Join(t.TempDir(), "backup.db")
	if out := mustCtl(t, "--db", db, "backup", bak); !strings.Contains(out, "a consistent copy") {
		t.Errorf("backup said %q", out)
	}
	if _, _, err := ctl(t, "--db", db, "backup", bak); err == nil {
		t.Error("backup overwrote a file without --force")
	}
	if out := mustCtl(t, "--db", bak, "check"); !strings.Contains(out, "no problems found") {
		t.Errorf("check of the backup: %q", out)
	}
	if out := mustCtl(t, "--db", db, "compact"); !strings.Contains(out, "checked") {
		t.Errorf("compact said %q", out)
	}
	if _, err := os.Stat(db + ".before-compact"); err != nil {
		t.Errorf("the original was not kept: %v", err)
	}
	if out := mustCtl(t, "--db", db, "agree"); !strings.Contains(out, "amira, layla, omar") {
		t.Errorf("agree on the compacted database: %q", out)
	}
}
