package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tawsim/tawsim/export"
)

const exportArgs = "--format F [--layer gold|majority|NAME] [--status done|all] [--out PATH] [--scheme iob2|bioes|iob1] [--sep space|tab] [--docstart] [--nested outer|columns] [--tokens words|split] [--split 80/10/10 --seed N]"

func cmdExport(e *env, args []string) error {
	fs := e.flags("export", exportArgs, "Export the annotated corpus for training tools")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: tawsimctl export %s\n\nExport the annotated corpus. Formats:\n", exportArgs)
		for _, f := range export.Formats().Writers() {
			fmt.Fprintf(e.stderr, "  %-10s %s\n             %s\n", f.Name, f.Description, f.Example)
		}
		fmt.Fprintln(e.stderr, "\nOffsets are Unicode code points. Files are written under a temporary name and renamed at the end.\n\nOptions:")
		fs.PrintDefaults()
	}
	def := export.DefaultExport()
	req := export.ExportRequest{Stdout: e.stdout}
	fs.StringVar(&req.Format, "format", "", "output format (see above)")
	fs.StringVar(&req.Layer, "layer", def.Layer, "annotations to export: gold, majority (entities at least half the annotators agree on) or an annotator NAME")
	fs.StringVar(&req.Status, "status", def.Status, "done: only layers marked done; all: every document")
	fs.StringVar(&req.Out, "out", "", "output file (folder for brat); - for standard output; default corpus.<ext> or corpus-brat")
	fs.StringVar(&req.Scheme, "scheme", def.Scheme, "CoNLL/HF tag scheme: iob2, bioes, iob1")
	fs.StringVar(&req.Sep, "sep", def.Sep, "CoNLL column separator: space or tab")
	fs.BoolVar(&req.DocStart, "docstart", false, "conll: write -DOCSTART- O between documents")
	fs.StringVar(&req.Nested, "nested", def.Nested, "nested entities in token formats: outer (keep the outermost) or columns (one tag column per level)")
	fs.StringVar(&req.Tokens, "tokens", def.Tokens, "entities inside a token: words (tag the whole token) or split (cut the token at the entity)")
	fs.StringVar(&req.Split, "split", "", "train/dev/test proportions by document, e.g. 80/10/10")
	fs.Int64Var(&req.Seed, "seed", def.Seed, "seed of the --split shuffle")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if _, err := req.Resolve(); err != nil {
		return usagef("%v", err)
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := progressBar(e.stderr)
	rep, err := export.Run(context.Background(), s, req, bar)
	if bar != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, rep.String())
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
