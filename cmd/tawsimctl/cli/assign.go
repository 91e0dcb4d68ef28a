package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/assign"
)

// assignOptions are the assign command's flags.
type assignOptions struct {
	annotators []string
	per, k     int
	by         string
	seed       int64
	status     bool
	dryRun     bool
	asJSON     bool
}

func (a *app) assignCmd() *cobra.Command {
	var o assignOptions
	cmd := &cobra.Command{
		Use:   "assign --annotators a,b,c --per-annotator N --overlap K [--by source|month] [--seed S] [--dry-run] | --status [--overlap K]",
		Short: "Assign a stratified sample to annotators, or show coverage",
		Long: "Draw a reproducible sample of the documents not yet assigned, stratified by\n" +
			"source (site, else the source URL's host, else the source) or by month\n" +
			"(publication date, else import date), as evenly as the strata allow, and\n" +
			"assign it so that every sampled document is seen by exactly K annotators\n" +
			"and each annotator gets exactly N documents. A annotators with N each make\n" +
			"A·N/K documents: K must divide A·N, K ≤ A, and the corpus must hold that\n" +
			"many unassigned documents. The same corpus and --seed give the same plan.\n\n" +
			"--status shows coverage instead: each annotator's assigned layers by status,\n" +
			"and the assigned documents with fewer than K done layers (K defaults to\n" +
			"each document's number of assignees).",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "assign takes no arguments, only flags"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.status {
				return a.coverage(o)
			}
			return a.assign(o)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&o.annotators, "annotators", nil, "the annotators, comma-separated")
	fl.IntVar(&o.per, "per-annotator", 0, "`N`: documents each annotator gets")
	fl.IntVar(&o.k, "overlap", 0, "`K`: annotators each document gets (default 2; for --status, each document's assignees)")
	fl.StringVar(&o.by, "by", "", choiceHelp("stratify the sample", assign.Strata()))
	fl.Int64Var(&o.seed, "seed", 1, "seed of the sample and the spread")
	fl.BoolVar(&o.status, "status", false, "show coverage instead of assigning")
	fl.BoolVar(&o.dryRun, "dry-run", false, "print the plan, store nothing")
	fl.BoolVar(&o.asJSON, "json", false, "print the plan (or the coverage) as JSON")
	cmd.RegisterFlagCompletionFunc("by", completeChoices(assign.Strata()...))
	return cmd
}

// assign plans and stores a sample.
func (a *app) assign(o assignOptions) error {
	if o.k == 0 {
		o.k = 2
	}
	req := assign.Request{Annotators: o.annotators, PerAnnotator: o.per, Overlap: o.k, By: o.by, Seed: o.seed}
	if err := req.Check(); err != nil {
		return usagef("%v (see tawsimctl assign --help)", err)
	}
	s, err := a.open(writing, true)
	if err != nil {
		return err
	}
	defer s.Close()
	docs, err := s.Documents()
	if err != nil {
		return err
	}
	layers, err := s.Summaries("")
	if err != nil {
		return err
	}
	free := assign.Unassigned(docs, layers)
	plan, err := assign.Make(free, req)
	if err != nil {
		return err
	}
	if !o.dryRun {
		if _, err := s.Assign(plan.Assignments, true); err != nil {
			return err
		}
	}
	if o.asJSON {
		return a.printJSON(plan)
	}
	a.printPlan(plan, req, len(free), len(docs), o.dryRun)
	return nil
}

func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printPlan prints the strata, the annotators and the pairs.
func (a *app) printPlan(p assign.Plan, req assign.Request, free, all int, dryRun bool) {
	verb := "assigned"
	if dryRun {
		verb = "would assign (dry run, nothing stored)"
	}
	fmt.Fprintf(a.Stdout, "%s %d documents (of %d not yet assigned, %d in all) to %d annotators, %d each, %d per document\n",
		verb, len(p.Assignments), free, all, len(req.Annotators), req.PerAnnotator, req.Overlap)
	tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
	if req.By != "" {
		fmt.Fprintf(tw, "%s\tSAMPLED\tAVAILABLE\n", strings.ToUpper(req.By))
		for _, s := range sortedKeys(p.Strata) {
			fmt.Fprintf(tw, "%s\t%d\t%d\n", orDash(s), p.Strata[s], p.Available[s])
		}
	}
	fmt.Fprintln(tw, "PAIR\tSHARED")
	for _, k := range sortedKeys(p.Pairs) {
		fmt.Fprintf(tw, "%s\t%d\n", strings.ReplaceAll(k, "+", " & "), p.Pairs[k])
	}
	tw.Flush()
}

// coverage prints who has done what of the assigned work.
func (a *app) coverage(o assignOptions) error {
	s, err := a.open(reading, true)
	if err != nil {
		return err
	}
	defer s.Close()
	docs, err := s.Documents()
	if err != nil {
		return err
	}
	layers, err := s.Summaries("")
	if err != nil {
		return err
	}
	c := assign.Measure(docs, layers, o.k)
	if o.asJSON {
		return a.printJSON(c)
	}
	need := "its assignees"
	if o.k > 0 {
		need = fmt.Sprintf("%d", o.k)
	}
	fmt.Fprintf(a.Stdout, "%d documents assigned; %d covered (done layers ≥ %s), %d short\n", c.Assigned, c.Covered, need, len(c.Short))
	tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ANNOTATOR\tASSIGNED\tDONE\tIN PROGRESS\tNEW")
	for _, name := range sortedKeys(c.ByAnnotator) {
		x := c.ByAnnotator[name]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", name, x.Assigned, x.Done, x.InProgress, x.New)
	}
	if len(c.Short) > 0 {
		fmt.Fprintln(tw, "\nSHORT\tDONE\tASSIGNED\tTITLE")
		for _, d := range c.Short {
			fmt.Fprintf(tw, "%s\t%d/%d\t%s\t%s\n", d.Doc, len(d.Done), d.Need, strings.Join(d.Assigned, ","), d.Title)
		}
	}
	return tw.Flush()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
