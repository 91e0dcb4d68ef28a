package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func (a *app) statsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:                   "stats [--json]",
		Short:                 "Count documents, tokens and annotations",
		Long:                  "Count documents, tokens, annotators and annotations by type.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "stats takes no arguments"),
		RunE:                  func(*cobra.Command, []string) error { return a.stats(asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) stats(asJSON bool) error {
	s, err := a.open(reading, true)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats()
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	fmt.Fprintf(a.Stdout, "database   %s (layout %d)\nschema     %s\ndocuments  %d\ntokens     %d\ncode points %d\nchanges    %d\n",
		s.Path(), st.Version, st.Schema, st.Documents, st.Tokens, st.CodePoints, st.Changes)
	if len(st.Annotators) > 0 {
		tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "\nANNOTATOR\tLAYERS\tIN PROGRESS\tDONE\tENTITIES\tEVENTS")
		for _, an := range st.Annotators {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\n", an.Name, an.Layers, an.InProgress, an.Done, an.Entities, an.Events)
		}
		tw.Flush()
	}
	a.printCounts("entity types", st.EntityTypes)
	a.printCounts("event types", st.EventTypes)
	return nil
}

// printCounts prints counts by name, the largest first.
func (a *app) printCounts(title string, m map[string]int) {
	if len(m) == 0 {
		return
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		return m[names[i]] > m[names[j]] || m[names[i]] == m[names[j]] && names[i] < names[j]
	})
	fmt.Fprintf(a.Stdout, "\n%s:", title)
	for _, n := range names {
		fmt.Fprintf(a.Stdout, " %s=%d", n, m[n])
	}
	fmt.Fprintln(a.Stdout)
}
