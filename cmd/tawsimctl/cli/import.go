package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/export"
)

func (a *app) importCmd() *cobra.Command {
	req := export.DefaultImport()
	readers := a.Formats.Readers
	cmd := &cobra.Command{
		Use:   "import [--format F] [--annotator NAME] [--scheme S] [--columns LIST] [--doc-sentences N] PATH...",
		Short: "Import articles, or annotated data as a layer",
		Long: "Import articles (.txt files, folders of them, JSONL), or annotated data as the\n" +
			"layer of --annotator; the native format keeps its own annotators. A text\n" +
			"already in the corpus gets the layer added, not a second copy. One\n" +
			"transaction: a bad file stores nothing. Formats:\n\n" +
			formatHelp(readers(), func(f export.Format) string { return f.ImportExample },
				func(f export.Format) export.Option { return f.ReadApplies }, []export.Option{export.OptAnnotator, export.OptScheme, export.OptColumns, export.OptDocSentences}),
		DisableFlagsInUseLine: true,
		Args:                  args(1, -1, "import needs at least one PATH"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			req.Paths = paths
			return a.importFiles(cmd.Context(), req)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&req.Format, "format", req.Format, "the `FORMAT` to read: "+strings.Join(export.Names(readers()), ", ")+" (see above)")
	fl.StringVar(&req.Annotator, "annotator", req.Annotator, "annotator `NAME` the imported annotations belong to")
	fl.StringVar(&req.Scheme, "scheme", req.Scheme, choiceHelp("CoNLL tag scheme, auto to detect it", export.ImportSchemes()))
	fl.StringVar(&req.Columns, "columns", "", "the CoNLL file's columns, a comma-separated `LIST`: token for the token, ner last for the tag column(s), any other name for a column to skip (CoNLL-2003: token,pos,chunk,ner); default token,ner")
	fl.IntVar(&req.DocSentences, "doc-sentences", 0, "make documents of `N` sentences (a file without -DOCSTART- is otherwise one document); 0 keeps the file's documents")
	cmd.RegisterFlagCompletionFunc("format", completeFormats(readers))
	cmd.RegisterFlagCompletionFunc("scheme", completeChoices(export.ImportSchemes()...))
	return cmd
}

// importFiles checks the request, runs the import with a progress bar
// over the files on a terminal, and prints the reader's summary on
// stderr and the outcome on stdout.
func (a *app) importFiles(ctx context.Context, req export.ImportRequest) error {
	req.Formats = a.Formats
	if _, err := req.Resolve(); err != nil {
		return err
	}
	s, err := a.open(writing, true)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgressBar(a.Stderr, "files")
	rep, err := export.RunImport(ctx, s, req, bar.update)
	bar.clear()
	if errors.Is(err, export.ErrCancelled) {
		return errors.New("import cancelled: nothing was stored")
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(a.Stderr, rep.String())
	fmt.Fprintln(a.Stdout, rep.Result())
	return nil
}
