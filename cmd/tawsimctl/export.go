package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
)

const exportArgs = "--format F [--layer gold|majority|NAME] [--status done|all] [--out PATH] [--scheme iob2|bioes|iob1] [--sep space|tab] [--docstart] [--nested outer|columns] [--tokens words|split] [--split 80/10/10 --seed N]"

func cmdExport(e *env, args []string) error {
	fs := e.flags("export", exportArgs, "Export the annotated corpus for training tools")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: tawsimctl export %s\n\nExport the annotated corpus. Formats:\n", exportArgs)
		for _, f := range export.Formats() {
			fmt.Fprintf(e.stderr, "  %-10s %s\n             %s\n", f.Name, f.For, f.Example)
		}
		fmt.Fprintln(e.stderr, "\nOffsets are Unicode code points. Files are written under a temporary name and renamed at the end.\n\nOptions:")
		fs.PrintDefaults()
	}
	format := fs.String("format", "", "output format (see above)")
	layer := fs.String("layer", "gold", "annotations to export: gold, majority (entities at least half the annotators agree on) or an annotator NAME")
	status := fs.String("status", "done", "done: only layers marked done; all: every document")
	out := fs.String("out", "", "output file (folder for brat); - for standard output; default corpus.<ext> or corpus-brat")
	scheme := fs.String("scheme", "iob2", "CoNLL/HF tag scheme: iob2, bioes, iob1")
	sep := fs.String("sep", "space", "CoNLL column separator: space or tab")
	docstart := fs.Bool("docstart", false, "conll: write -DOCSTART- O between documents")
	nested := fs.String("nested", "outer", "nested entities in token formats: outer (keep the outermost) or columns (one tag column per level)")
	tokens := fs.String("tokens", "words", "entities inside a token: words (tag the whole token) or split (cut the token at the entity)")
	split := fs.String("split", "", "train/dev/test proportions by document, e.g. 80/10/10")
	seed := fs.Int64("seed", 1, "seed of the --split shuffle")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	f, ok := export.LookupFormat(*format)
	if !ok {
		fs.Usage()
		return usagef("--format %q: want one of the formats listed above", *format)
	}
	for _, c := range []struct {
		v       string
		allowed []string
	}{
		{*status, []string{"done", "all"}}, {*scheme, []string{"iob2", "bioes", "iob1"}}, {*sep, []string{"space", "tab"}},
		{*nested, []string{"outer", "columns"}}, {*tokens, []string{"words", "split"}},
	} {
		if err := oneOf(c.v, c.allowed...); err != nil {
			return err
		}
	}
	var ratios []int
	if *split != "" {
		var err error
		if ratios, err = export.ParseSplit(*split); err != nil {
			return usagef("%v", err)
		}
		if *out == "-" {
			return usagef("--split writes several files; give --out a file name")
		}
	}
	if *out == "" {
		*out = "corpus" + f.Ext
		if f.Dir {
			*out = "corpus-brat"
		}
	}
	if *out == "-" && f.Dir {
		return usagef("brat writes a folder; give --out a folder name")
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	schema, err := s.Schema()
	if err != nil {
		return err
	}
	sel := export.Selection{Layer: *layer, Status: *status, AllLayers: *format == "tawsim"}
	docs, info, err := export.Select(s, sel)
	if err != nil {
		return err
	}
	if *layer != export.LayerMajority && *format != "tawsim" {
		if sums, err := s.Summaries(*layer); err == nil && len(sums) == 0 {
			fmt.Fprintf(e.stderr, "note: no document has a %q layer; its documents are exported without annotations\n", *layer)
		}
	}
	if len(docs) == 0 {
		return fmt.Errorf("nothing to export: none of the %d documents has a %q layer marked done (--status all exports them anyway)", info.Documents, *layer)
	}
	opt := export.Options{Scheme: *scheme, Tab: *sep == "tab", DocStart: *docstart, Nested: *nested, Tokens: *tokens,
		Schema: &schema, Progress: progressBar(e.stderr)}
	var sum export.Summary
	if *out == "-" {
		sum, err = export.Write(*format, e.stdout, docs, opt)
	} else {
		parts := []export.Part{{Docs: docs}}
		if ratios != nil {
			if parts, err = export.Split(docs, ratios, *seed); err != nil {
				return err
			}
		}
		sum, err = export.Export(*format, parts, *out, opt)
	}
	if opt.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, sum.String())
	if *format == "tawsim" {
		fmt.Fprintf(e.stderr, "  every layer of every document (status and --layer do not apply to the native format)\n")
	} else if info.NotDone > 0 {
		fmt.Fprintf(e.stderr, "  %d of %d documents left out: layer %q not marked done (--status all includes them)\n", info.NotDone, info.Documents, *layer)
	}
	return nil
}

// progressBar returns a progress callback drawing on w when w is a
// terminal, or nil, so pipes and logs get only the summary.
func progressBar(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	last := -1
	return func(done, total int) {
		if total == 0 {
			return
		}
		pct := done * 100 / total
		if pct == last {
			return
		}
		last = pct
		const width = 30
		n := pct * width / 100
		fmt.Fprintf(f, "\r[%s%s] %3d%% %d/%d documents", strings.Repeat("#", n), strings.Repeat(".", width-n), pct, done, total)
	}
}

// loadAnnotated reads the annotated formats for import; ok is false for
// the plain-text formats, which corpus.LoadTexts handles.
func loadAnnotated(e *env, format string, paths []string, annotator, scheme string) ([]corpus.ImportItem, bool, error) {
	switch format {
	case "conll", "doccano", "brat", "tawsim":
	default:
		return nil, false, nil
	}
	items, sum, err := export.Read(format, paths, export.ReadOptions{Annotator: annotator, Scheme: scheme})
	if err != nil {
		return nil, true, err
	}
	fmt.Fprintln(e.stderr, sum.String())
	return items, true, nil
}
