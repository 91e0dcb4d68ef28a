package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportTokenFiles: --doc-sentences cuts a file without -DOCSTART-
// into documents, the import says how it read the file, --columns is
// checked before anything is opened, a refused import prints no summary,
// and --split refuses parts it cannot fill unless --force.
func TestImportTokenFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	mustCtl(t, "--db", db, "init", "--schema", "anercorp")
	aner := filepath.Join(dir, "aner.conll")
	os.WriteFile(aner, []byte("زار O\nبوتين B-PERS\n. O\n O\nثم O\nغادر O\n. O\nوصل O\nشي B-PERS\n. O\n"), 0o644)

	out, errOut, err := ctl(t, "--db", db, "import", "--format", "conll", "--annotator", "gold", aner)
	if err != nil || !strings.Contains(out, "imported 1 new documents") ||
		!strings.Contains(errOut, "note: aner.conll: 1 line with a tag but no token skipped (line 4)") ||
		!strings.Contains(errOut, "note: aner.conll has neither blank lines nor -DOCSTART-: it was cut into 3 sentences") ||
		!strings.Contains(errOut, "--doc-sentences N makes documents of N sentences") {
		t.Errorf("import: %v\n%s%s", err, out, errOut)
	}
	_, errOut, err = ctl(t, "--db", db, "export", "--format", "conll", "--split", "80/10/10", "--out", filepath.Join(dir, "ner"))
	if err == nil || ExitCode(err) != 1 || !strings.Contains(err.Error(), "--split 80/10/10 of 1 document leaves dev and test empty") {
		t.Errorf("split of one document: %v (exit %d)", err, ExitCode(err))
	}
	if _, errOut, err = ctl(t, "--db", db, "export", "--format", "conll", "--split", "80/10/10", "--force", "--out", filepath.Join(dir, "ner")); err != nil ||
		!strings.Contains(errOut, "note: --split 80/10/10 of 1 document leaves dev and test empty") {
		t.Errorf("forced split: %v\n%s", err, errOut)
	}

	db2 := filepath.Join(dir, "d.db")
	mustCtl(t, "--db", db2, "init", "--schema", "anercorp")
	if out = mustCtl(t, "--db", db2, "import", "--format", "conll", "--doc-sentences", "2", aner); !strings.Contains(out, "imported 2 new documents") {
		t.Errorf("--doc-sentences 2: %q", out)
	}
	if _, _, err := ctl(t, "--db", db2, "import", "--format", "conll", "--columns", "pos,ner", aner); ExitCode(err) != 2 || !strings.Contains(err.Error(), `columns "pos,ner"`) {
		t.Errorf("bad --columns: %v (exit %d)", err, ExitCode(err))
	}
	bad := filepath.Join(dir, "bad.conll")
	os.WriteFile(bad, []byte("شي B-PERS\n\nبكين B-CITY\n"), 0o644)
	out, errOut, err = ctl(t, "--db", db2, "import", "--format", "conll", bad)
	if err == nil || !strings.Contains(err.Error(), bad+` line 3: entity type "CITY" is not in the schema`) || out != "" || errOut != "" {
		t.Errorf("refused import: %v; stdout %q, stderr %q (want no summary)", err, out, errOut)
	}
}
