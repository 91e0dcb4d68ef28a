package cli

import (
	"fmt"
	"os/user"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/review"
)

func (a *app) adjudicateCmd() *cobra.Command {
	var minAgree int
	var docs []string
	var status, reviewer string
	cmd := &cobra.Command{
		Use:   "adjudicate [--min-agree K] [--doc DOC]... [--status done|all] [--reviewer NAME]",
		Short: "Fill the gold layer with what at least K annotators marked identically",
		Long: "Fill the gold layer with every entity and event that at least K annotators marked identically\n" +
			"(same span and type; for events the same trigger, type and arguments). What gold already holds is\n" +
			"never removed or changed, and no annotator's layer is touched. Each document's additions are one\n" +
			"change in gold's history (undo in the app reverts it). Prints what was added and what stays in dispute.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "adjudicate takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if status != "done" && status != "all" {
				return usagef("--status %q: want done or all", status)
			}
			if minAgree < 1 {
				return usagef("--min-agree %d: want 1 or more", minAgree)
			}
			return a.adjudicate(cmd, review.AdjudicateOptions{MinAgree: minAgree, AllStatuses: status == "all", Reviewer: reviewer}, docs)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&minAgree, "min-agree", 2, "at least this many annotators marked it identically")
	fl.StringArrayVar(&docs, "doc", nil, "adjudicate only this document (its number in list, id or id prefix); repeatable")
	fl.StringVar(&status, "status", "done", "done: only layers marked done vote; all: every layer")
	fl.StringVar(&reviewer, "reviewer", defaultReviewer(), "name recorded as who accepted the annotations")
	cmd.RegisterFlagCompletionFunc("status", completeChoices("done", "all"))
	return cmd
}

func defaultReviewer() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "tawsimctl"
}

func (a *app) adjudicate(cmd *cobra.Command, opt review.AdjudicateOptions, docs []string) error {
	s, err := a.open(writing, true)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, d := range docs {
		id, err := resolveDoc(s, d)
		if err != nil {
			return err
		}
		opt.Docs = append(opt.Docs, id)
	}
	bar := newProgressBar(a.Stderr, "documents")
	out, err := review.Adjudicate(cmd.Context(), s, opt, bar.update)
	bar.clear()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tANNOTATORS\tENTITIES ADDED\tEVENTS ADDED\tIN DISPUTE\tTITLE")
	var ents, evs, disputed, held int
	for _, d := range out {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", d.ID, len(d.Annotators), d.Added.Entities, d.Added.Events, d.Disputed, d.Title)
		ents += d.Added.Entities
		evs += d.Added.Events
		disputed += d.Disputed
		held += len(d.Added.Held)
	}
	tw.Flush()
	fmt.Fprintf(a.Stdout, "\ngold: %d entities and %d events added in %d documents; %d disagreements stay for review", ents, evs, len(out), disputed)
	if held > 0 {
		fmt.Fprintf(a.Stdout, "; %d events held back (an argument's entity is not in gold)", held)
	}
	fmt.Fprintln(a.Stdout)
	if len(out) == 0 {
		fmt.Fprintln(a.Stderr, "note: no document has annotator layers that vote (with --status done only layers marked done vote)")
	}
	return nil
}
