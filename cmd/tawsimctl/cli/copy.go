package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/corpus"
)

func (a *app) copyCmd() *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "copy --from DB --to DB",
		Short: "Copy a whole corpus into a new database, on any backend",
		Long: "Copy a whole corpus into a new, empty database, on the same or another backend: a desktop's file\n" +
			"(a path) and a team's PostgreSQL server (postgres://user@host/db) in either direction. Everything\n" +
			"goes as stored: documents with their ids, every annotator's layer with its history, undo and redo,\n" +
			"gold with its provenance, assignments. --from defaults to --db.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "copy takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if to == "" {
				return usagef("copy needs --to DB")
			}
			if from == "" {
				var err error
				if from, err = a.dbPath(); err != nil {
					return err
				}
			}
			src, err := corpus.Open(from, &corpus.Options{ReadOnly: true, MustExist: true})
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := corpus.Open(to, &corpus.Options{CreateFolder: false})
			if err != nil {
				return err
			}
			defer dst.Close()
			bar := newProgressBar(a.Stderr, "documents")
			err = src.CopyTo(cmd.Context(), dst, bar.update)
			bar.clear()
			if err != nil {
				return err
			}
			st, err := dst.Stats()
			if err != nil {
				return err
			}
			fmt.Fprintf(a.Stdout, "copied %s → %s: %d documents, %d layers' history (%d changes)\n", src.Path(), dst.Path(), st.Documents, layerCount(st), st.Changes)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the database to copy (default --db)")
	cmd.Flags().StringVar(&to, "to", "", "a new, empty database: a file path, or postgres://…")
	return cmd
}

func layerCount(st corpus.Stats) int {
	n := 0
	for _, a := range st.Annotators {
		n += a.Layers
	}
	return n
}
