package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim/cmd/tawsimctl/cli"
	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// These tests hold the app and tawsimctl to one pipeline: the app's
// dialogs and the CLI's flags fill the same request, list the same
// registry, and write the same bytes.

// sampleNames are annotated wherever they occur in the sample articles:
// names inside a token (بباريس, للصين) and nested ones (المصري inside
// البنك المركزي المصري) included, as real annotations have them.
var sampleNames = []struct{ text, typ string }{
	{"شي جين بينغ", "PERS"}, {"بشار الأسد", "PERS"}, {"الصين", "GPE"}, {"سوريا", "GPE"},
	{"البنك المركزي المصري", "ORG"}, {"المصري", "NORP"}, {"القاهرة", "GPE"},
	{"المغرب", "GPE"}, {"جنوب أفريقيا", "GPE"}, {"الرباط", "GPE"},
	{"فيصل بن فرحان", "PERS"}, {"جان نويل بارو", "PERS"}, {"باريس", "GPE"}, {"السودان", "GPE"},
	{"الخميس", "DATE"}, {"الاثنين", "DATE"},
}

// sampleEvents are Contact.Meet events whose trigger is the first
// occurrence of a word, with the entities of the given names as
// arguments.
var sampleEvents = []struct{ trigger string }{{"محادثات"}, {"التقى"}}

// spansOf returns the code point span of every occurrence of sub.
func spansOf(text, sub string) []corpus.Span {
	var out []corpus.Span
	for b := 0; ; {
		i := strings.Index(text[b:], sub)
		if i < 0 {
			return out
		}
		start := utf8.RuneCountInString(text[:b+i])
		out = append(out, corpus.Span{Start: start, End: start + utf8.RuneCountInString(sub)})
		b += i + len(sub)
	}
}

// annotatedSamples builds a database of the sample articles with gold
// layers (all done but the last, which is in progress) and a second
// annotator's layer on the first, then closes it, so that it can be
// copied byte for byte.
func annotatedSamples(t *testing.T, path string) {
	t.Helper()
	st, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sc, _ := corpus.Preset("wojood")
	if err := st.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/samples/*.txt")
	sort.Strings(files)
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := corpus.NormalizeText(string(raw))
		gold := corpus.Layer{Annotator: corpus.Gold, Status: corpus.StatusDone}
		if i == len(files)-1 {
			gold.Status = corpus.StatusInProgress
		}
		var persons []string
		for _, n := range sampleNames {
			for _, sp := range spansOf(text, n.text) {
				id := fmt.Sprintf("T%d", len(gold.Entities)+1)
				gold.Entities = append(gold.Entities, corpus.Entity{ID: id, Start: sp.Start, End: sp.End, Type: n.typ})
				if n.typ == "PERS" && len(persons) < 2 {
					persons = append(persons, id)
				}
			}
		}
		for _, ev := range sampleEvents {
			if sps := spansOf(text, ev.trigger); len(sps) > 0 {
				e := corpus.Event{ID: fmt.Sprintf("E%d", len(gold.Events)+1), Type: "Contact.Meet", Trigger: sps[0]}
				for _, p := range persons {
					e.Arguments = append(e.Arguments, corpus.Argument{Role: "Entity", Entity: p})
				}
				gold.Events = append(gold.Events, e)
			}
		}
		it := corpus.ImportItem{Origin: f, Doc: corpus.NewDoc{Title: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: text,
			Imported: time.Date(2025, 3, 1+i, 8, 0, 0, 0, time.UTC)}, Layers: []corpus.Layer{gold}}
		if i == 0 {
			amira := gold
			amira.Annotator, amira.Entities, amira.Events = "amira", gold.Entities[:3], nil
			it.Layers = append(it.Layers, amira)
		}
		if _, err := st.Import([]corpus.ImportItem{it}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
}

// copyFile copies a closed database, so the app and the CLI each open
// their own copy of the same bytes (a database takes one process, and
// one opening, at a time).
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// windowOn opens the main window on the database at path, headless.
func windowOn(t *testing.T, path string) *Window {
	t.Helper()
	test.NewTempApp(t).Settings().SetTheme(tawsimtheme.Light())
	st, err := corpus.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	m, err := NewWindow(w, st, "layla", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// ctl runs tawsimctl in-process on the database at db.
func ctl(t *testing.T, formats *export.Registry, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := cli.Run(context.Background(), cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Formats: formats}, args)
	return out.String() + errOut.String(), err
}

// exportSetting is one way of exporting, as dialog fields and as flags.
type exportSetting struct {
	name, split, seed, status, scheme, sep, nested, tokens string
	docStart                                               bool
}

func (s exportSetting) flags() []string {
	f := []string{"--split", s.split, "--seed", s.seed, "--status", s.status, "--scheme", s.scheme, "--sep", s.sep,
		"--nested", s.nested, "--tokens", s.tokens}
	if s.split == "" {
		f = f[2:]
	}
	if s.docStart {
		f = append(f, "--docstart")
	}
	return f
}

// fill sets the export dialog's fields as a user would; fields the
// format does not use are disabled but keep their value.
func (s exportSetting) fill(f *exportForm) {
	f.split.SetText(s.split)
	f.seed.SetText(s.seed)
	f.status.SetSelected(s.status)
	f.choices[export.OptScheme].SetSelected(s.scheme)
	f.choices[export.OptSep].SetSelected(s.sep)
	f.choices[export.OptNested].SetSelected(s.nested)
	f.choices[export.OptTokens].SetSelected(s.tokens)
	f.docStart.SetChecked(s.docStart)
}

// TestAppAndCLIExportAlike: for every registered writer, the export the
// app's dialog starts and the one tawsimctl's flags start write the same
// files, byte for byte (brat folders and splits included), from two
// copies of one database: once with every default, once with a split and
// every option changed.
func TestAppAndCLIExportAlike(t *testing.T) {
	dir := t.TempDir()
	appDB, cliDB := filepath.Join(dir, "app.db"), filepath.Join(dir, "cli.db")
	annotatedSamples(t, appDB)
	copyFile(t, appDB, cliDB)
	m := windowOn(t, appDB)
	def := export.DefaultExport()
	settings := []exportSetting{
		{name: "defaults", seed: "1", status: def.Status, scheme: def.Scheme, sep: def.Sep, nested: def.Nested, tokens: def.Tokens},
		{name: "split", split: "50/25/25", seed: "7", status: "all", scheme: "bioes", sep: "tab", nested: "columns", tokens: "split", docStart: true},
	}
	for _, f := range export.Formats().Writers() {
		for _, s := range settings {
			t.Run(f.Name+"/"+s.name, func(t *testing.T) {
				appOut, cliOut := filepath.Join(dir, "app", f.Name, s.name), filepath.Join(dir, "cli", f.Name, s.name)
				form := m.newExportForm(export.Formats())
				form.format.SetSelected(f.Name)
				if s.name != "defaults" {
					s.fill(form)
				}
				form.out.SetText(filepath.Join(appOut, "corpus"))
				form.submit()
				m.Wait()
				if e := m.LastError(); e != "" {
					t.Fatalf("the app: %s", e)
				}
				args := append([]string{"--db", cliDB, "export", "--format", f.Name, "--out", filepath.Join(cliOut, "corpus")}, s.flags()...)
				if out, err := ctl(t, nil, args...); err != nil {
					t.Fatalf("tawsimctl %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				files := sameFiles(t, appOut, cliOut)
				if s.split != "" && !strings.Contains(strings.Join(files, " "), "train") {
					t.Errorf("a split wrote %v, no train part", files)
				}
			})
		}
	}
}

// sameFiles compares two folders file by file, byte for byte, and
// returns the files' names.
func sameFiles(t *testing.T, a, b string) []string {
	t.Helper()
	read := func(root string) map[string][]byte {
		out := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			out[rel], err = os.ReadFile(p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	fa, fb := read(a), read(b)
	if len(fa) == 0 {
		t.Fatalf("the app wrote nothing in %s", a)
	}
	var all []byte
	for _, raw := range fa {
		all = append(all, raw...)
	}
	if !bytes.Contains(all, []byte("PERS")) {
		t.Errorf("no file in %s holds a PERS entity", a)
	}
	var names []string
	for n := range fa {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if got, ok := fb[n]; !ok {
			t.Errorf("tawsimctl did not write %s", n)
		} else if !bytes.Equal(fa[n], got) {
			t.Errorf("%s differs: the app wrote %d bytes, tawsimctl %d", n, len(fa[n]), len(got))
		}
	}
	for n := range fb {
		if _, ok := fa[n]; !ok {
			t.Errorf("the app did not write %s", n)
		}
	}
	return names
}

// idsWriter is a format only this test registers.
type idsWriter struct {
	w   io.Writer
	sum export.Summary
}

func (w *idsWriter) WriteDoc(d *export.Doc) error {
	w.sum.Documents++
	_, err := fmt.Fprintln(w.w, d.Doc.ID, len(d.Layer.Entities))
	return err
}

func (w *idsWriter) Close() (export.Summary, error) { return w.sum, nil }

// TestFormatsComeFromTheRegistry: the app's import and export dialogs and
// tawsimctl's import and export --help list what the registry holds, in
// its order; a format a test registers appears in all four, with only
// the options it declares enabled in the dialog, and exports from the app.
func TestFormatsComeFromTheRegistry(t *testing.T) {
	reg := export.Formats().Clone()
	err := reg.Register(export.Format{Name: "ids", Order: 12, Ext: ".ids", Applies: export.OptSep,
		Description: "document ids and entity counts", Example: "tawsimctl export --format ids",
		NewWriter: func(out export.Output, _ export.Options) export.DocWriter {
			return &idsWriter{w: out.W, sum: export.Summary{Format: "ids"}}
		},
		ReadFile: func(path string, _ export.ReadOptions) ([]corpus.ImportItem, export.Summary, error) {
			return nil, export.Summary{Format: "ids"}, nil
		},
		ReadApplies: export.OptAnnotator, ImportExample: "tawsimctl import --format ids x.ids"})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, tawsimtheme.Light())
	ef, imf := h.m.newExportForm(reg), h.m.newImportForm(reg)
	if got, want := ef.format.Options, export.Names(reg.Writers()); strings.Join(got, " ") != strings.Join(want, " ") || got[2] != "ids" {
		t.Errorf("export dialog offers %v, the registry has %v", got, want)
	}
	if got, want := imf.format.Options, export.Names(reg.Readers()); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("import dialog offers %v, the registry has %v", got, want)
	}
	for _, c := range []struct {
		cmd   string
		names []string
	}{{"export", ef.format.Options}, {"import", imf.format.Options}} {
		help, err := ctl(t, reg, c.cmd, "--help")
		if err != nil {
			t.Fatal(err)
		}
		_, list, _ := strings.Cut(help, "Formats:\n\n")
		for _, n := range c.names {
			if !strings.Contains(list, "\n  "+n+" ") && !strings.HasPrefix(list, "  "+n+" ") {
				t.Errorf("%s --help does not list %s, which the dialog offers", c.cmd, n)
			}
		}
	}
	ef.format.SetSelected("ids")
	if ef.choices[export.OptSep].Disabled() || !ef.choices[export.OptScheme].Disabled() || !ef.docStart.Disabled() {
		t.Error("for ids the dialog should enable the separator only")
	}
	ef.format.SetSelected("tawsim")
	if !ef.layer.Disabled() || !ef.status.Disabled() {
		t.Error("the native format takes every layer: layer and status should be disabled")
	}
	imf.format.SetSelected("ids")
	if imf.annotator.Disabled() || !imf.scheme.Disabled() {
		t.Error("for ids the import dialog should enable the annotator only")
	}
	imf.format.SetSelected("conll")
	if imf.annotator.Disabled() || imf.scheme.Disabled() {
		t.Error("for conll the import dialog should enable annotator and scheme")
	}
	h.shortcut("D", 0x2) // Ctrl+D: the first document's layla layer is done
	ef.format.SetSelected("ids")
	ef.layer.SetText("layla")
	out := filepath.Join(t.TempDir(), "x")
	ef.out.SetText(out)
	ef.submit()
	h.m.Wait()
	if raw, err := os.ReadFile(out + ".ids"); err != nil || !strings.HasSuffix(string(raw), " 0\n") {
		t.Errorf("the app's export in the test's format: %q, %v (%s)", raw, err, h.m.LastError())
	}
	if _, ok := export.Formats().Lookup("ids"); ok {
		t.Error("the test's format leaked into export.Formats()")
	}
}
