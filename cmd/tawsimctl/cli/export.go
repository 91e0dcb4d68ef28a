package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/export"
)

// exportOptions are the writer options, in the order help lists them.
func exportOptions() []export.Option {
	return []export.Option{export.OptScheme, export.OptSep, export.OptDocStart, export.OptNested, export.OptTokens}
}

func (a *app) exportCmd() *cobra.Command {
	req := export.DefaultExport()
	writers := a.Formats.Writers
	cmd := &cobra.Command{
		Use: "export --format F [--layer gold|majority|NAME] [--status done|all] [--out PATH] [--split 80/10/10 --seed N [--force]] " +
			"[--scheme S] [--sep S] [--docstart] [--nested N] [--tokens T]",
		Short: "Export annotations for training tools",
		Long: "Export the annotated corpus for training tools. Formats:\n\n" +
			formatHelp(writers(), func(f export.Format) string { return f.Example },
				func(f export.Format) export.Option { return f.Applies }, exportOptions()) +
			"\n\nOffsets are Unicode code points. Files are written under a temporary name and\n" +
			"renamed at the end, so Ctrl+C leaves no file.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "export takes no arguments: name the output with --out"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.export(cmd.Context(), req)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&req.Format, "format", "", "the `FORMAT` to write: "+strings.Join(export.Names(writers()), ", ")+" (see above)")
	fl.StringVar(&req.Layer, "layer", req.Layer, "annotations to export: gold, majority (what at least half the annotators agree on) or an annotator `NAME`")
	fl.StringVar(&req.Status, "status", req.Status, "done: only layers marked done; all: every document")
	fl.StringVar(&req.Out, "out", "", "the `PATH` to write (a folder for a folder format), the extension added when missing; - for standard output; default corpus.EXT, or corpus-FORMAT for a folder")
	fl.StringVar(&req.Split, "split", "", "train/dev/test (or train/test) proportions by document, e.g. 80/10/10")
	fl.Int64Var(&req.Seed, "seed", req.Seed, "seed `N` of the --split shuffle")
	fl.BoolVar(&req.Force, "force", false, "write a --split even when a part gets no document")
	fl.StringVar(&req.Scheme, "scheme", req.Scheme, choiceHelp("tag scheme", export.OptScheme.Choices()))
	fl.StringVar(&req.Sep, "sep", req.Sep, choiceHelp("CoNLL column separator", export.OptSep.Choices()))
	fl.BoolVar(&req.DocStart, "docstart", req.DocStart, "write -DOCSTART- O between documents")
	fl.StringVar(&req.Nested, "nested", req.Nested, "nested entities: outer (keep the outermost) or columns (one tag column per level)")
	fl.StringVar(&req.Tokens, "tokens", req.Tokens, "entities inside a token: words (tag the whole token) or split (cut the token at the entity)")
	cmd.RegisterFlagCompletionFunc("format", completeFormats(writers))
	cmd.RegisterFlagCompletionFunc("layer", completeChoices(export.LayerGold, export.LayerMajority))
	cmd.RegisterFlagCompletionFunc("status", completeChoices(export.Statuses()...))
	for _, o := range exportOptions() {
		if c := o.Choices(); c != nil {
			cmd.RegisterFlagCompletionFunc(o.Name(), completeChoices(c...))
		}
	}
	return cmd
}

// export checks the request before opening the database, runs the
// pipeline with a progress bar on a terminal, and prints its report.
func (a *app) export(ctx context.Context, req export.ExportRequest) error {
	req.Formats, req.Stdout = a.Formats, a.Stdout
	if _, err := req.Resolve(); err != nil {
		return err
	}
	s, err := a.open(reading, true)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgressBar(a.Stderr, "documents")
	rep, err := export.Run(ctx, s, req, bar.update)
	bar.clear()
	if errors.Is(err, export.ErrCancelled) {
		return errors.New("export cancelled: no file was written")
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(a.Stderr, rep.String())
	return nil
}
