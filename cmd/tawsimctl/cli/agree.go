package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/review"
)

type agreeFlags struct {
	asJSON, asCSV bool
	by            string
	match         string
	status        string
	annotators    string
	top           int
}

func (a *app) agreeCmd() *cobra.Command {
	var f agreeFlags
	cmd := &cobra.Command{
		Use:   "agree [--json | --csv] [--by type|doc] [--match exact|overlap|position] [--status done|all] [--annotators a,b,c]",
		Short: "Inter-annotator agreement: span F1, Cohen's and Fleiss' κ, Krippendorff's α, events",
		Long: "Inter-annotator agreement over the corpus, as corpus papers report it: per pair of annotators span F1\n" +
			"(--match exact: same span and type; overlap: overlapping spans of one type, matched one to one;\n" +
			"position: same span, any type), token-level Cohen's κ on IOB2 tags, the type confusion and event\n" +
			"trigger and argument F1; for all of them Fleiss' κ and Krippendorff's α (nominal). Every report\n" +
			"states what it counted. With --status done (the default) a document counts only when every\n" +
			"compared annotator's layer on it is done.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "agree takes no arguments"),
		RunE:                  func(cmd *cobra.Command, _ []string) error { return a.agree(cmd, f) },
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.asJSON, "json", false, "print the whole report as JSON")
	fl.BoolVar(&f.asCSV, "csv", false, "print a CSV table (per pair, or per type or document with --by)")
	fl.StringVar(&f.by, "by", "", "break down by type or by doc (worst first)")
	fl.StringVar(&f.match, "match", "exact", "span matching: exact, overlap or position")
	fl.StringVar(&f.status, "status", "done", "done: only documents every compared annotator marked done; all: every layer")
	fl.StringVar(&f.annotators, "annotators", "", "compare these annotators (comma-separated); default every annotator but gold")
	fl.IntVar(&f.top, "top", 20, "with --by doc: how many documents to list (0: all)")
	cmd.RegisterFlagCompletionFunc("by", completeChoices("type", "doc"))
	cmd.RegisterFlagCompletionFunc("match", completeChoices("exact", "overlap", "position"))
	cmd.RegisterFlagCompletionFunc("status", completeChoices("done", "all"))
	return cmd
}

func (a *app) agree(cmd *cobra.Command, f agreeFlags) error {
	m, err := review.ParseMatch(f.match)
	if err != nil {
		return usagef("--match: %v", err)
	}
	if f.status != "done" && f.status != "all" {
		return usagef("--status %q: want done or all", f.status)
	}
	if f.by != "" && f.by != "type" && f.by != "doc" {
		return usagef("--by %q: want type or doc", f.by)
	}
	if f.asJSON && f.asCSV {
		return usagef("--json and --csv: choose one")
	}
	opt := review.Options{Match: m, AllStatuses: f.status == "all"}
	if f.annotators != "" {
		for _, n := range strings.Split(f.annotators, ",") {
			if n = strings.TrimSpace(n); n != "" {
				opt.Annotators = append(opt.Annotators, n)
			}
		}
	}
	s, err := a.open(reading, true)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgressBar(a.Stderr, "documents")
	r, err := review.Agreement(cmd.Context(), s, opt, bar.update)
	bar.clear()
	if err != nil {
		return err
	}
	switch {
	case f.asJSON:
		enc := json.NewEncoder(a.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case f.asCSV:
		return writeAgreeCSV(a.Stdout, r, f.by)
	}
	printAgreement(a.Stdout, r, f.by, f.top)
	return nil
}

func printAgreement(w io.Writer, r review.Report, by string, top int) {
	u := r.Universe
	fmt.Fprintf(w, "Agreement of %s (%s layers, match %s)\n", strings.Join(u.Annotators, ", "), u.Status, u.Match)
	fmt.Fprintf(w, "Counted: %d documents (%d left out), %d tokens; %d tokens in documents every annotator has (Fleiss' κ), %d with at least two (α)\n",
		u.Documents, u.Left, u.Tokens, u.CompleteTokens, u.AlphaTokens)
	var ents []string
	for _, n := range u.Annotators {
		ents = append(ents, fmt.Sprintf("%s %d", n, u.Entities[n]))
	}
	fmt.Fprintf(w, "Entities: %s\n\n", strings.Join(ents, ", "))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "A\tB\tDOCS\tSPAN F1\tP\tR\tTOKEN κ\tTRIGGER F1\tARGUMENT F1")
	for _, p := range r.Pairs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%v\t%v\t%v\t%v\t%v\t%v\n", p.A, p.B, p.Documents, p.SpanF1, p.Span.Precision, p.Span.Recall,
			p.TokenKappa, p.Events.TriggerF1, p.Events.ArgumentF1)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nmean span F1 %v · mean token κ %v · Fleiss' κ %v · multi-κ %v · Krippendorff's α %v\n", r.MeanF1, r.MeanKappa, r.Fleiss, r.Multi, r.Alpha)
	switch by {
	case "type":
		printByType(w, r)
	case "doc":
		printByDoc(w, r, top)
	}
}

func printByType(w io.Writer, r review.Report) {
	for _, p := range r.Pairs {
		fmt.Fprintf(w, "\n%s / %s by type:\n", p.A, p.B)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TYPE\tA\tB\tMATCHED\tP\tR\tF1")
		for _, t := range sortedTypes(p.PerType) {
			c := p.PerType[t]
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%v\t%v\t%v\n", t, c.A, c.B, c.Matched, c.Precision, c.Recall, c.F1)
		}
		tw.Flush()
	}
}

func printByDoc(w io.Writer, r review.Report, top int) {
	fmt.Fprintln(w, "\nDocuments, worst first:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSPAN F1\tTOKEN κ\tUNMATCHED\tTITLE")
	for i, d := range r.Documents {
		if top > 0 && i == top {
			break
		}
		fmt.Fprintf(tw, "%s\t%v\t%v\t%d\t%s\n", d.ID, d.SpanF1, d.TokenKappa, d.Unmatched, d.Title)
	}
	tw.Flush()
}

func sortedTypes(m map[string]review.PRF) []string {
	out := make([]string, 0, len(m))
	for t := range m {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func writeAgreeCSV(w io.Writer, r review.Report, by string) error {
	cw := csv.NewWriter(w)
	switch by {
	case "type":
		cw.Write([]string{"a", "b", "type", "a_count", "b_count", "matched", "precision", "recall", "f1"})
		for _, p := range r.Pairs {
			for _, t := range sortedTypes(p.PerType) {
				c := p.PerType[t]
				cw.Write([]string{p.A, p.B, t, fmt.Sprint(c.A), fmt.Sprint(c.B), fmt.Sprint(c.Matched), csvValue(c.Precision), csvValue(c.Recall), csvValue(c.F1)})
			}
		}
	case "doc":
		cw.Write([]string{"id", "title", "span_f1", "token_kappa", "unmatched"})
		for _, d := range r.Documents {
			cw.Write([]string{d.ID, d.Title, csvValue(d.SpanF1), csvValue(d.TokenKappa), fmt.Sprint(d.Unmatched)})
		}
	default:
		cw.Write([]string{"a", "b", "documents", "tokens", "span_f1", "precision", "recall", "token_kappa", "trigger_f1", "argument_f1"})
		for _, p := range r.Pairs {
			cw.Write([]string{p.A, p.B, fmt.Sprint(p.Documents), fmt.Sprint(p.Tokens), csvValue(p.SpanF1), csvValue(p.Span.Precision),
				csvValue(p.Span.Recall), csvValue(p.TokenKappa), csvValue(p.Events.TriggerF1), csvValue(p.Events.ArgumentF1)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvValue writes a figure with six decimals, or nothing when undefined.
func csvValue(v review.Value) string {
	if !v.Defined() {
		return ""
	}
	return fmt.Sprintf("%.6f", float64(v))
}
