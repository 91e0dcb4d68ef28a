package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/corpus"
)

func (a *app) initCmd() *cobra.Command {
	var preset string
	var force bool
	cmd := &cobra.Command{
		Use:                   "init [--schema " + strings.Join(corpus.Presets(), "|") + "] [--force]",
		Short:                 "Create a database and choose its schema",
		Long:                  "Create the database (if needed) and set its schema.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "init takes no arguments"),
		RunE: func(*cobra.Command, []string) error {
			return a.init(preset, force)
		},
	}
	cmd.Flags().StringVar(&preset, "schema", corpus.DefaultPreset, "schema `PRESET`: "+strings.Join(corpus.Presets(), ", "))
	cmd.Flags().BoolVar(&force, "force", false, "replace the schema of a database that already has one")
	cmd.RegisterFlagCompletionFunc("schema", completeChoices(corpus.Presets()...))
	return cmd
}

func (a *app) init(preset string, force bool) error {
	sc, err := corpus.Preset(preset)
	if err != nil {
		return usagef("%v", err)
	}
	s, err := a.open(creating, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if s.HasSchema() && !force {
		old, _ := s.Schema()
		if old.Preset == sc.Preset {
			fmt.Fprintf(a.Stdout, "%s already uses the %s schema\n", s.Path(), sc.Preset)
			return nil
		}
		return fmt.Errorf("%s already has the %s schema; use --force to replace it with %s", s.Path(), old.Preset, sc.Preset)
	}
	if err := s.SetSchema(sc); err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "%s: schema %s (%d entity types, %d event types)\n", s.Path(), sc.Preset, len(sc.Entities), len(sc.Events))
	return nil
}
