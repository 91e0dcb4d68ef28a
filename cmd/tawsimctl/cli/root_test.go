package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
)

// ctl runs tawsimctl in-process and returns stdout, stderr and the error.
func ctl(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	return ctlWith(t, nil, args...)
}

// ctlWith runs tawsimctl with a format registry of the test's own.
func ctlWith(t *testing.T, formats *export.Registry, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }, Formats: formats}
	err := Run(context.Background(), e, args)
	return out.String(), errOut.String(), err
}

func mustCtl(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := ctl(t, args...)
	if err != nil {
		t.Fatalf("tawsimctl %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

func TestWorkflow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if out := mustCtl(t, "--db", db, "init"); !strings.Contains(out, "schema wojood (21 entity types, 33 event types)") {
		t.Errorf("init said %q", out)
	}
	if out := mustCtl(t, "--db", db, "import", "../../../testdata/samples"); !strings.Contains(out, "imported 4 new documents") {
		t.Errorf("import said %q", out)
	}
	if out := mustCtl(t, "import", "--db", db, "../../../testdata/samples"); !strings.Contains(out, "4 already in the corpus") {
		t.Errorf("second import said %q", out)
	}
	var rows []listRow
	for _, line := range strings.Split(strings.TrimSpace(mustCtl(t, "--db", db, "list", "--json")), "\n") {
		var r listRow
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	if len(rows) != 4 || rows[0].Title != "الصين وسوريا شراكة استراتيجية" || rows[0].Tokens != 753 {
		t.Fatalf("list --json: %+v", rows[0])
	}
	// Annotate through the store, then read it back through show --json.
	s, err := corpus.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Document(rows[0].ID)
	start := len([]rune(d.Text[:strings.Index(d.Text, "بشار الأسد")]))
	if _, err := s.AddEntity(d.ID, "layla", corpus.Entity{Start: start, End: start + 10, Type: "PERS"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	var shown showJSON
	if err := json.Unmarshal([]byte(mustCtl(t, "--db", db, "show", rows[0].ID[:18], "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Layers) != 1 || shown.Layers[0].Entities[0].Start != start || len(shown.Tokens) != 753 {
		t.Fatalf("show --json: layers %+v, %d tokens", shown.Layers, len(shown.Tokens))
	}
	// Offsets are code points: slicing the text as runes gives the name.
	if got := string([]rune(shown.Text)[start : start+10]); got != "بشار الأسد" {
		t.Errorf("entity text %q", got)
	}
	tok := shown.Tokens[2]
	if tok.Text != "الصيني" || tok.Start != 12 || tok.End != 18 {
		t.Errorf("token 2 = %+v, want الصيني [12,18)", tok)
	}
	var byNumber showJSON
	if err := json.Unmarshal([]byte(mustCtl(t, "--db", db, "show", "1", "--json")), &byNumber); err != nil || byNumber.ID != rows[0].ID {
		t.Errorf("show 1 gave %q (%v), want the first document", byNumber.ID, err)
	}
	if _, _, err := ctl(t, "--db", db, "show", "9"); err == nil || !strings.Contains(err.Error(), "there is no document 9: the corpus has 4") {
		t.Errorf("show 9: %v", err)
	}
	out := mustCtl(t, "--db", db, "show", rows[0].ID, "--annotator", "layla")
	if !strings.Contains(out, "T1    PERS      ["+itoa(start)+","+itoa(start+10)+") بشار الأسد") {
		t.Errorf("show text output lacks the entity:\n%s", out[len(out)-300:])
	}
	var st corpus.Stats
	if err := json.Unmarshal([]byte(mustCtl(t, "--db", db, "stats", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.Documents != 4 || st.EntityTypes["PERS"] != 1 || len(st.Annotators) != 1 {
		t.Errorf("stats: %+v", st)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	tests := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`, 2},
		{[]string{"--db", db, "list"}, "no database there (check the path; tawsimctl init creates one)", 1},
		{[]string{"--db", filepath.Join(filepath.Dir(db), "typo", "c.db"), "import", "x.txt"}, "no database there", 1},
		{[]string{"--db", db, "init", "--schema", "conll"}, `unknown schema preset "conll"`, 2},
		{[]string{"--db", db, "show"}, "show needs exactly one DOC", 2},
		{[]string{}, "no command given", 2},
		{[]string{"--db", db, "list", "--frob"}, "unknown flag: --frob (see tawsimctl list --help)", 2},
		{[]string{"--db", db, "export"}, "no format given: want one of conll, conll2003", 2},
		{[]string{"--db", db, "export", "--format", "csv"}, `format "csv": want one of conll,`, 2},
		{[]string{"--db", db, "export", "--format", "conll", "--status", "some"}, `status "some": want done or all`, 2},
		{[]string{"--db", db, "export", "--format", "conll", "extra"}, "export takes no arguments", 2},
		{[]string{"--db", db, "import"}, "import needs at least one PATH", 2},
		{[]string{"--db", db, "import", "--format", "events", "x"}, `format "events": want one of ` + strings.Join(export.Names(export.Formats().Readers()), ", "), 2},
		{[]string{"--db", db, "import", "--scheme", "bio", "x"}, `scheme "bio": want auto, iob2, bioes or iob1`, 2},
	}
	for _, tt := range tests {
		_, _, err := ctl(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) || ExitCode(err) != tt.code {
			t.Errorf("tawsimctl %v: err %v (exit %d), want %q exit %d", tt.args, err, ExitCode(err), tt.want, tt.code)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "typo")); err == nil {
		t.Error("a --db with a typo in its folder made the folder")
	}
	mustCtl(t, "--db", db, "init")
	if _, _, err := ctl(t, "--db", db, "show", "ffff"); err == nil || !strings.Contains(err.Error(), `no document id starts with "ffff"`) {
		t.Errorf("show of a missing doc: %v", err)
	}
	if _, _, err := ctl(t, "--db", db, "init", "--schema", "ace2005"); err == nil || !strings.Contains(err.Error(), "use --force") {
		t.Errorf("re-init with another schema: %v", err)
	}
	// A second process holding the database: a clear error, not a hang.
	s, err := corpus.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := ctl(t, "--db", db, "list"); err == nil || !strings.Contains(err.Error(), "is open in cli.test (pid") {
		t.Errorf("list on a locked database: %v", err)
	}
}

func TestHelp(t *testing.T) {
	out, _, err := ctl(t, "import", "--help")
	if ExitCode(err) != 0 || !strings.Contains(out, "Usage: tawsimctl import") {
		t.Errorf("import --help: %v %q", err, out)
	}
	out = mustCtl(t, "help")
	for _, c := range []string{"init", "import", "export", "list", "show", "stats", "layout", "completion"} {
		if !strings.Contains(out, "\n  "+c+" ") {
			t.Errorf("help does not list %s:\n%s", c, out)
		}
	}
	if out := mustCtl(t, "--help"); !strings.Contains(out, "Usage: tawsimctl [--db PATH] COMMAND [options]") || !strings.Contains(out, "--db PATH") {
		t.Errorf("--help:\n%s", out)
	}
	if _, errOut, err := ctl(t); ExitCode(err) != 2 || !strings.Contains(errOut, "Usage: tawsimctl") {
		t.Errorf("no command: exit %d, stderr %q", ExitCode(err), errOut)
	}
}
