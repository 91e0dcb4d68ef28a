package cli

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/boltstore"
	"github.com/tawsim/tawsim/corpus"
)

func (a *app) checkCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [--json]",
		Short: "Check the database: storage structure, texts, offsets, arguments, history",
		Long: "Check the whole database: the storage engine's own consistency check (bbolt's pages and free list),\n" +
			"then Tawsim's: every text against its SHA-256, every layer's counts, every offset inside its text,\n" +
			"every event argument's entity present, the span index, the change history and undo stacks.\n" +
			"Problems are reported by document. Exit status 1 when anything is wrong.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "check takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(reading, false)
			if err != nil {
				return err
			}
			defer s.Close()
			bar := newProgressBar(a.Stderr, "documents")
			r, err := s.Check(cmd.Context(), bar.update)
			bar.clear()
			if asJSON {
				enc := json.NewEncoder(a.Stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				enc.Encode(r)
			} else {
				printCheck(a, s, r)
			}
			if err != nil {
				return err
			}
			if !r.OK() {
				return fmt.Errorf("%s: %d problems found (restore a backup, or export what is sound with --format tawsim)", s.Path(), len(r.Storage)+len(r.Problems))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

func printCheck(a *app, s *corpus.Store, r corpus.CheckReport) {
	fmt.Fprintf(a.Stdout, "%s: %d documents, %d layers, %d entities, %d events, %d changes read\n", s.Path(), r.Documents, r.Layers, r.Entities, r.Events, r.Changes)
	for _, p := range r.Storage {
		fmt.Fprintln(a.Stdout, "  storage:", p)
	}
	for _, p := range r.Problems {
		fmt.Fprintln(a.Stdout, " ", p)
	}
	if r.OK() {
		fmt.Fprintln(a.Stdout, "  no problems found")
	}
}

func (a *app) backupCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup [--force] FILE",
		Short: "Write a consistent copy of the database, also while it is in use",
		Long: "Write a consistent copy of the whole database to FILE from one read transaction, while the app or\n" +
			"another command goes on working. Restore by opening the copy (--db FILE) or copying it back over\n" +
			"the database when nothing has it open.",
		DisableFlagsInUseLine: true,
		Args:                  args(1, 1, "backup needs exactly one FILE"),
		RunE: func(cmd *cobra.Command, files []string) error {
			s, err := a.open(reading, false)
			if err != nil {
				return err
			}
			defer s.Close()
			n, err := s.Backup(files[0], force)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.Stdout, "backup: %s (%.1f MB), a consistent copy of %s\n", files[0], float64(n)/1e6, s.Path())
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func (a *app) compactCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "Rewrite the database file without free pages, then check it",
		Long: "Rewrite the database without its free pages (bbolt's compaction), check the copy, and put it in\n" +
			"place of the original, which is kept beside it as FILE.before-compact until the next compaction.\n" +
			"Nothing else may have the database open. Undo and redo work on as before.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "compact takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := a.dbPath()
			if err != nil {
				return err
			}
			tmp := path + ".compacting"
			os.Remove(tmp)
			if err := boltstore.Compact(path, tmp); err != nil {
				os.Remove(tmp)
				return err
			}
			c, err := corpus.Open(tmp, &corpus.Options{ReadOnly: true})
			if err != nil {
				os.Remove(tmp)
				return err
			}
			r, err := c.Check(cmd.Context(), nil)
			c.Close()
			if err != nil || !r.OK() {
				os.Remove(tmp)
				return fmt.Errorf("compact: the compacted copy does not check (%v, %d problems): the original is untouched", err, len(r.Problems)+len(r.Storage))
			}
			before, _ := os.Stat(path)
			after, _ := os.Stat(tmp)
			if err := os.Rename(path, path+".before-compact"); err != nil {
				os.Remove(tmp)
				return err
			}
			if err := os.Rename(tmp, path); err != nil {
				os.Rename(path+".before-compact", path)
				return err
			}
			fmt.Fprintf(a.Stdout, "compact: %s %.1f MB → %.1f MB, checked; the original is %s.before-compact\n",
				path, float64(before.Size())/1e6, float64(after.Size())/1e6, path)
			return nil
		},
	}
}
