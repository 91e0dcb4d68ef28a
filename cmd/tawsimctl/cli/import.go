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
		Use:   "import [--format F] [--annotator NAME] [--scheme S] [--columns LIST] [--doc-sentences N] [--news] [--near-dups M] PATH...",
		Short: "Import articles, news pages, feeds and archives, or annotated data as a layer",
		Long: "Import articles (.txt files, folders of them, JSONL), saved news pages, RSS/Atom\n" +
			"feeds and WARC archives (the article text and its metadata extracted), or\n" +
			"annotated data as the layer of --annotator; the native format keeps its own\n" +
			"annotators. A token format's documents keep the file's own tokens. A text\n" +
			"already in the corpus gets the layer added, not a second copy; an article that\n" +
			"nearly duplicates one in the corpus or earlier in the import is kept and\n" +
			"marked, skipped, or only reported (--near-dups). One transaction: a bad file\n" +
			"stores nothing. Formats:\n\n" +
			formatHelp(readers(), func(f export.Format) string { return f.ImportExample },
				func(f export.Format) export.Option { return f.ReadApplies },
				[]export.Option{export.OptAnnotator, export.OptScheme, export.OptColumns, export.OptDocSentences, export.OptNews, export.OptReadAlso, export.OptNearDups}),
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
	fl.BoolVar(&req.News, "news", false, "read .txt files as news pages saved as text: a source line becomes metadata,\na \"read also\" story a document of its own, related headlines and share lines are cut")
	fl.StringVar(&req.ReadAlso, "read-also", req.ReadAlso, choiceHelp("a second story under \"read also\": a document of its own, or left out", export.OptReadAlso.Choices()))
	fl.StringVar(&req.NearDups, "near-dups", req.NearDups, choiceHelp("an article nearly duplicating one already in the corpus or earlier in the import:\nkept and marked, skipped, or only reported (nothing stored)", export.OptNearDups.Choices()))
	fl.StringVar(&req.Columns, "columns", "", "the CoNLL file's columns, a comma-separated `LIST`: token for the token, ner last for the tag column(s), any other name for a column to skip (CoNLL-2003: token,pos,chunk,ner); default token,ner")
	fl.IntVar(&req.DocSentences, "doc-sentences", 0, "make documents of `N` sentences (a file without -DOCSTART- is otherwise one document); 0 keeps the file's documents")
	fl.IntVar(&req.MaxChars, "max-chars", export.DefaultMaxChars, "refuse a document longer than `N` characters (-1: no limit)")
	fl.BoolVar(&req.SplitLong, "split-long", false, "cut an article over --max-chars at paragraph breaks into several documents, instead of refusing it")
	cmd.RegisterFlagCompletionFunc("format", completeFormats(readers))
	cmd.RegisterFlagCompletionFunc("scheme", completeChoices(export.ImportSchemes()...))
	cmd.RegisterFlagCompletionFunc("read-also", completeChoices(export.OptReadAlso.Choices()...))
	cmd.RegisterFlagCompletionFunc("near-dups", completeChoices(export.OptNearDups.Choices()...))
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
	bar := newProgressBar(a.Stderr, export.ProgressUnit(req))
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
