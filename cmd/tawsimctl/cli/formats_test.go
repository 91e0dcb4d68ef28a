package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
)

// idWriter is a format only the tests register: one document id a line.
type idWriter struct {
	out export.Output
	sum export.Summary
}

func (w *idWriter) WriteDoc(d *export.Doc) error {
	w.sum.Documents++
	_, err := fmt.Fprintln(w.out.W, d.Doc.ID)
	return err
}

func (w *idWriter) Close() (export.Summary, error) { return w.sum, nil }

// withFake returns the registry with the test's own format "ids", which
// is exported and imported (as articles, one a line).
func withFake(t *testing.T) *export.Registry {
	t.Helper()
	reg := export.Formats().Clone()
	err := reg.Register(export.Format{Name: "ids", Order: 45, Ext: ".ids", Applies: export.OptTokens,
		Description: "document ids, one a line (a test's format)", Example: "tawsimctl export --format ids --out x.ids",
		NewWriter: func(out export.Output, _ export.Options) export.DocWriter {
			return &idWriter{out: out, sum: export.Summary{Format: "ids"}}
		},
		ReadFile: func(path string, _ export.ReadOptions) ([]corpus.ImportItem, export.Summary, error) {
			raw, err := os.ReadFile(path)
			var items []corpus.ImportItem
			for _, line := range strings.Fields(string(raw)) {
				items = append(items, corpus.ImportItem{Origin: path, Doc: corpus.NewDoc{Text: line}})
			}
			return items, export.Summary{Format: "ids", Documents: len(items)}, err
		},
		ImportExample: "tawsimctl import --format ids x.ids"})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// helpFormats returns the names help lists under "Formats:", in order.
func helpFormats(help string) []string {
	_, list, _ := strings.Cut(help, "Formats:\n\n")
	list, _, _ = strings.Cut(list, "\n\n")
	var names []string
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); len(line) > 2 && line[2] != ' ' && len(f) > 0 {
			names = append(names, f[0])
		}
	}
	return names
}

// TestHelpListsTheRegistry: import --help and export --help list exactly
// the registry's readers and writers, in its order, with description,
// example and the options that apply; a format registered by a test
// appears, and the --format flag's completion offers it.
func TestHelpListsTheRegistry(t *testing.T) {
	for _, reg := range []*export.Registry{export.Formats(), withFake(t)} {
		for _, c := range []struct {
			cmd     string
			formats []export.Format
			example func(export.Format) string
		}{
			{"export", reg.Writers(), func(f export.Format) string { return f.Example }},
			{"import", reg.Readers(), func(f export.Format) string { return f.ImportExample }},
		} {
			help, _, err := ctlWith(t, reg, c.cmd, "--help")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Join(helpFormats(help), " "), strings.Join(export.Names(c.formats), " "); got != want {
				t.Errorf("%s --help lists %q, the registry %q", c.cmd, got, want)
			}
			for _, f := range c.formats {
				if !strings.Contains(help, f.Description) || !strings.Contains(help, c.example(f)) {
					t.Errorf("%s --help lacks %s's description or example", c.cmd, f.Name)
				}
			}
			comp, _, err := ctlWith(t, reg, "__complete", c.cmd, "--format", "")
			if err != nil {
				t.Fatal(err)
			}
			var offered []string
			for _, line := range strings.Split(comp, "\n") {
				if name, desc, ok := strings.Cut(line, "\t"); ok {
					offered = append(offered, name)
					if f, _ := reg.Lookup(name); f.Description != desc {
						t.Errorf("completion of %s: description %q", name, desc)
					}
				}
			}
			if got, want := strings.Join(offered, " "), strings.Join(export.Names(c.formats), " "); got != want {
				t.Errorf("%s --format completes %q, want %q", c.cmd, got, want)
			}
		}
	}
	help, _, _ := ctlWith(t, withFake(t), "export", "--help")
	if !strings.Contains(help, "  ids        document ids, one a line (a test's format)\n             tawsimctl export --format ids --out x.ids\n             options: --tokens\n") {
		t.Errorf("export --help does not show the test's format as registered:\n%s", help)
	}
	if help, _, _ := ctl(t, "export", "--help"); strings.Contains(help, "ids") {
		t.Error("the test's format leaked into the default registry")
	}
}

// TestExportImportCommands: the commands run the pipeline with the
// format the test registered, and export's --out gets its extension.
func TestExportImportCommands(t *testing.T) {
	reg := withFake(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	mustCtl(t, "--db", db, "init")
	ids := filepath.Join(dir, "in.ids")
	os.WriteFile(ids, []byte("مرحبا\nسلام\n"), 0o644)
	out, errOut, err := ctlWith(t, reg, "--db", db, "import", "--format", "ids", ids)
	if err != nil || out != "imported 2 new documents\n" || errOut != "ids: 2 documents\n" {
		t.Fatalf("import: %v\nstdout %q\nstderr %q", err, out, errOut)
	}
	_, errOut, err = ctlWith(t, reg, "--db", db, "export", "--format", "ids", "--status", "all", "--out", filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "out.ids"))
	if strings.Count(string(raw), "\n") != 2 || !strings.Contains(errOut, "wrote "+filepath.Join(dir, "out.ids")) {
		t.Errorf("export wrote %q, said %q", raw, errOut)
	}
	if _, _, err := ctl(t, "--db", db, "export", "--format", "ids"); ExitCode(err) != 2 {
		t.Errorf("the default registry exports ids: %v", err)
	}
}

// TestCancelledExport: a cancelled context (Ctrl+C in main) ends the
// export with status 1 and no file.
func TestCancelledExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	mustCtl(t, "--db", db, "init")
	mustCtl(t, "--db", db, "import", "../../../testdata/samples")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut strings.Builder
	code := Main(ctx, Env{Stdout: &out, Stderr: &errOut}, []string{"--db", db, "export", "--format", "brat", "--status", "all", "--out", filepath.Join(dir, "out")})
	if code != 1 || errOut.String() != "tawsimctl: export cancelled: no file was written\n" {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "c.db" {
			t.Errorf("a cancelled export left %s", e.Name())
		}
	}
}
