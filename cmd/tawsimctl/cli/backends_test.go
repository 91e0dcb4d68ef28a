package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/export"
	"github.com/tawsim/tawsim/pgstore/pgtest"
)

// TestSameExportsOnEveryBackend copies a corpus from a bbolt file to
// PostgreSQL and back to a new file with tawsimctl copy, and exports it
// from all three in every registered format: the bytes are the same.
func TestSameExportsOnEveryBackend(t *testing.T) {
	srv, err := pgtest.Start()
	if err == pgtest.ErrNotInstalled {
		t.Skip(err)
	} else if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pg, drop, err := srv.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer drop()

	bolt, _ := threeAnnotators(t)
	mustCtl(t, "--db", bolt, "adjudicate", "--min-agree", "2", "--reviewer", "noura")
	if out := mustCtl(t, "copy", "--from", bolt, "--to", pg); !strings.Contains(out, "4 documents") {
		t.Errorf("copy to PostgreSQL said %q", out)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	mustCtl(t, "copy", "--from", pg, "--to", back)

	for _, f := range export.Formats().Writers() {
		var outs [][]byte
		for i, db := range []string{bolt, pg, back} {
			dir := filepath.Join(t.TempDir(), f.Name, string(rune('a'+i)))
			os.MkdirAll(dir, 0o755)
			out := filepath.Join(dir, "corpus")
			mustCtl(t, "--db", db, "export", "--format", f.Name, "--layer", "gold", "--status", "all", "--out", out)
			outs = append(outs, readTree(t, dir))
		}
		for i, name := range []string{"PostgreSQL", "the file copied back"} {
			if !bytes.Equal(outs[0], outs[i+1]) {
				t.Errorf("%s: the export from %s differs from the bbolt file's (%d vs %d bytes)", f.Name, name, len(outs[i+1]), len(outs[0]))
			}
		}
		if len(outs[0]) == 0 {
			t.Errorf("%s: nothing exported", f.Name)
		}
	}
	// The history came along: undo in the copy works as in the original.
	if out := mustCtl(t, "--db", pg, "check"); !strings.Contains(out, "no problems found") {
		t.Errorf("check on PostgreSQL: %s", out)
	}
}

// readTree concatenates every file under dir, in name order, with names.
func readTree(t *testing.T, dir string) []byte {
	t.Helper()
	var out bytes.Buffer
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out.WriteString("== " + rel + "\n")
		out.Write(raw)
		return nil
	})
	return out.Bytes()
}
