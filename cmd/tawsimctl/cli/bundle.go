package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/bundle"
	"github.com/tawsim/tawsim/safefile"
)

func (a *app) bundleCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bundle export|import ...",
		Short: "Exchange annotators' work between databases (desktops)",
		Long: "A bundle holds one annotator's layers with each document's id, text and SHA-256, and the schema\n" +
			"they were made with (gzip-compressed JSON lines, " + bundle.Ext + "). A reviewer imports the\n" +
			"bundles of several annotators into one database to compare and adjudicate them.",
		DisableFlagsInUseLine: true,
	}
	cmd.AddCommand(a.bundleExportCmd(), a.bundleImportCmd())
	return cmd
}

func (a *app) bundleExportCmd() *cobra.Command {
	var annotator, status, out string
	cmd := &cobra.Command{
		Use:                   "export --annotator NAME [--status done|all] [--out FILE]",
		Short:                 "Write an annotator's layers as a bundle",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "bundle export takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if annotator == "" {
				return usagef("bundle export needs --annotator NAME")
			}
			if status != "done" && status != "all" {
				return usagef("--status %q: want done or all", status)
			}
			if out == "" {
				out = annotator + bundle.Ext
			}
			return a.bundleExport(cmd, bundle.WriteOptions{Annotator: annotator, OnlyDone: status == "done"}, out)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&annotator, "annotator", "", "whose layers to share")
	fl.StringVar(&status, "status", "all", "all: every layer of the annotator; done: only layers marked done")
	fl.StringVar(&out, "out", "", "bundle file; - for standard output (default NAME"+bundle.Ext+")")
	cmd.RegisterFlagCompletionFunc("status", completeChoices("done", "all"))
	return cmd
}

func (a *app) bundleExport(cmd *cobra.Command, opt bundle.WriteOptions, out string) error {
	s, err := a.open(reading, true)
	if err != nil {
		return err
	}
	defer s.Close()
	var w io.Writer = a.Stdout
	var f *safefile.File
	if out != "-" {
		if f, err = safefile.Create(out); err != nil {
			return err
		}
		defer f.Abort()
		w = f
	}
	bar := newProgressBar(a.Stderr, "documents")
	n, err := bundle.Write(cmd.Context(), s, w, opt, bar.update)
	bar.clear()
	if err != nil {
		return err
	}
	if f != nil {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	fmt.Fprintf(a.Stderr, "bundle: %d layers of %s with their documents", n, opt.Annotator)
	if out != "-" {
		fmt.Fprintf(a.Stderr, "\n  wrote %s", out)
	}
	fmt.Fprintln(a.Stderr)
	return nil
}

func (a *app) bundleImportCmd() *cobra.Command {
	var opt bundle.ImportOptions
	cmd := &cobra.Command{
		Use:   "import [--partial] [--theirs] [--add-types] FILE...",
		Short: "Bring colleagues' bundles in",
		Long: "Import bundles. Documents are matched by id, then by text hash; a document this database lacks is\n" +
			"added from the bundle. A layer whose document text differs here is refused (its offsets would be\n" +
			"wrong), and then nothing of that bundle is stored unless --partial. A newer revision of a layer\n" +
			"replaces the older; a layer changed on both sides since the last exchange is a conflict: the local\n" +
			"one is kept unless --theirs. Importing the same bundle twice changes nothing. Each bundle is one\n" +
			"transaction.",
		DisableFlagsInUseLine: true,
		Args:                  args(1, -1, "bundle import needs at least one FILE"),
		RunE:                  func(cmd *cobra.Command, files []string) error { return a.bundleImport(cmd, opt, files) },
	}
	fl := cmd.Flags()
	fl.BoolVar(&opt.Partial, "partial", false, "store what can be stored of a bundle with refused layers")
	fl.BoolVar(&opt.Theirs, "theirs", false, "on a conflict, take the bundle's layer (the local one stays in the history)")
	fl.BoolVar(&opt.AddTypes, "add-types", false, "add the types and roles the bundle uses and the schema lacks")
	return cmd
}

func (a *app) bundleImport(cmd *cobra.Command, opt bundle.ImportOptions, files []string) error {
	var bs []*bundle.Bundle
	for _, f := range files {
		b, err := bundle.ReadFile(f)
		if err != nil {
			return err
		}
		bs = append(bs, b)
	}
	s, err := a.open(writing, true)
	if err != nil {
		return err
	}
	defer s.Close()
	reports, err := bundle.Import(cmd.Context(), s, bs, opt)
	for _, r := range reports {
		printBundleReport(a.Stdout, r)
	}
	return err
}

func printBundleReport(w io.Writer, r bundle.Report) {
	state := "stored"
	if !r.Stored {
		state = "NOT stored"
	}
	fmt.Fprintf(w, "%s (%s): %s; %d documents added; layers: %d new, %d updated, %d unchanged, %d older here, %d conflicts, %d refused\n",
		r.Bundle, r.Annotator, state, r.AddedDocs, r.Count(bundle.New), r.Count(bundle.Updated), r.Count(bundle.Unchanged),
		r.Count(bundle.Older), r.Count(bundle.Conflict), r.Count(bundle.Refused))
	if len(r.TypesAdded) > 0 {
		fmt.Fprintf(w, "  types added to the schema: %v\n", r.TypesAdded)
	} else if len(r.MissingTypes) > 0 {
		fmt.Fprintf(w, "  types missing from the schema: %v (--add-types adds them)\n", r.MissingTypes)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, l := range r.Layers {
		switch l.Outcome {
		case bundle.Conflict:
			fmt.Fprintf(tw, "  conflict\t%s\tlocal revision %d, bundle revision %d: kept %s\t%s\n", l.Doc, l.Local, l.Theirs, l.Kept, l.Title)
		case bundle.Refused:
			fmt.Fprintf(tw, "  refused\t%s\t%s\t%s\n", l.Doc, l.Reason, l.Title)
		}
	}
	tw.Flush()
}
