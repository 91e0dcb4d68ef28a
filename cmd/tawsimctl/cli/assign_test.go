package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/assign"
	"github.com/tawsim/tawsim/corpus"
)

// newsDB is a database holding the saved pages, the seed read as news and
// the samples: ten documents from several sites.
func newsDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "c.db")
	mustCtl(t, "--db", db, "init")
	out := mustCtl(t, "--db", db, "import", "--news", "../../../testdata/news", "../../../testdata/seed", "../../../testdata/samples")
	if !strings.Contains(out, "imported 10 new documents") {
		t.Fatalf("import said %q", out)
	}
	return db
}

func TestImportNewsFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustCtl(t, "--db", db, "init")
	out, errOut, err := ctl(t, "--db", db, "import", "--news", "--read-also", "drop", "../../../testdata/seed")
	if err != nil || !strings.Contains(out, "imported 1 new documents") || !strings.Contains(errOut, `left out (--read-also drop)`) {
		t.Errorf("import --news --read-also drop: %v\n%s\n%s", err, out, errOut)
	}
	for _, bad := range [][]string{{"--near-dups", "maybe"}, {"--read-also", "merge"}} {
		_, _, err := ctl(t, append([]string{"--db", db, "import"}, append(bad, "../../../testdata/seed")...)...)
		if ExitCode(err) != 2 {
			t.Errorf("import %v: exit %d (%v), want 2", bad, ExitCode(err), err)
		}
	}
	out, errOut, err = ctl(t, "--db", db, "import", "--near-dups", "report", "../../../testdata/samples")
	if err != nil || !strings.Contains(out, "imported 0 new documents") || !strings.Contains(errOut, "nothing was stored") {
		t.Errorf("import --near-dups report: %v\n%s\n%s", err, out, errOut)
	}
}

func TestAssignCommand(t *testing.T) {
	db := newsDB(t)
	args := []string{"--db", db, "assign", "--annotators", "amira,layla,omar", "--per-annotator", "4", "--overlap", "2", "--by", "source", "--seed", "3"}
	var dry assign.Plan
	if err := json.Unmarshal([]byte(mustCtl(t, append(args, "--dry-run", "--json")...)), &dry); err != nil {
		t.Fatal(err)
	}
	out := mustCtl(t, args...)
	if !strings.Contains(out, "assigned 6 documents (of 10 not yet assigned, 10 in all) to 3 annotators, 4 each, 2 per document") {
		t.Errorf("assign said:\n%s", out)
	}
	// What was stored is what the dry run planned.
	s, err := corpus.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	sums, _ := s.Summaries("")
	s.Close()
	got := map[string][]string{}
	for _, l := range sums {
		if l.Assigned {
			got[l.Doc] = append(got[l.Doc], l.Annotator)
		}
	}
	for _, a := range dry.Assignments {
		if !slices.Equal(got[a.Doc], a.Annotators) {
			t.Errorf("%s: stored %v, planned %v", a.Doc, got[a.Doc], a.Annotators)
		}
	}
	if len(got) != 6 {
		t.Errorf("%d documents assigned, want 6", len(got))
	}
	// The same request again draws from the four left: too few.
	_, _, err = ctl(t, args...)
	if err == nil || !strings.Contains(err.Error(), "need 6 documents; 4 are available") {
		t.Errorf("second assign: %v", err)
	}
	var cov assign.Coverage
	if err := json.Unmarshal([]byte(mustCtl(t, "--db", db, "assign", "--status", "--overlap", "2", "--json")), &cov); err != nil {
		t.Fatal(err)
	}
	if cov.Assigned != 6 || cov.Covered != 0 || len(cov.Short) != 6 || cov.ByAnnotator["layla"].New != 4 {
		t.Errorf("coverage %+v", cov)
	}
	if out := mustCtl(t, "--db", db, "assign", "--status"); !strings.Contains(out, "6 documents assigned; 0 covered (done layers ≥ its assignees), 6 short") {
		t.Errorf("assign --status said:\n%s", out)
	}
}

// TestAssignReproducible: two databases with the same documents and the
// same seed assign the same texts to the same annotators.
func TestAssignReproducible(t *testing.T) {
	plan := func() map[string][]string {
		db := newsDB(t)
		var p assign.Plan
		out := mustCtl(t, "--db", db, "assign", "--annotators", "a,b,c,d", "--per-annotator", "3", "--overlap", "2", "--by", "month", "--seed", "42", "--json")
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatal(err)
		}
		s, err := corpus.Open(db, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		byHash := map[string][]string{}
		for _, a := range p.Assignments {
			d, _ := s.Document(a.Doc)
			byHash[d.SHA256] = a.Annotators
		}
		return byHash
	}
	a, b := plan(), plan()
	if len(a) != 6 || len(a) != len(b) {
		t.Fatalf("plans of %d and %d documents", len(a), len(b))
	}
	for h, anns := range a {
		if !slices.Equal(b[h], anns) {
			t.Errorf("text %s…: %v in one database, %v in the other", h[:8], anns, b[h])
		}
	}
}

func TestAssignRefusals(t *testing.T) {
	db := newsDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--annotators", "a,b,c", "--per-annotator", "5", "--overlap", "2"}, "choose N so that K divides A·N"},
		{[]string{"--annotators", "a", "--per-annotator", "2", "--overlap", "2"}, "overlap 2 needs at least 2 annotators"},
		{[]string{"--annotators", "a,b", "--per-annotator", "2", "--by", "weekday"}, `stratify by "weekday"`},
		{[]string{"--per-annotator", "2"}, "no annotators"},
	} {
		_, _, err := ctl(t, append([]string{"--db", db, "assign"}, tc.args...)...)
		if ExitCode(err) != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("assign %v: exit %d, %v; want 2 and %q", tc.args, ExitCode(err), err, tc.want)
		}
	}
}
