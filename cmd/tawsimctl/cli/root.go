package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	_ "github.com/tawsim/tawsim/boltstore" // the embedded database, for file paths
	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
	_ "github.com/tawsim/tawsim/pgstore" // a team server, for postgres:// URLs
)

// Env is what the commands may use of the outside world; main passes the
// process's, tests their own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Formats is the format registry; nil means export.Formats().
	Formats *export.Registry
}

// app is one run of the command line: its environment and the global
// flags.
type app struct {
	Env
	db string // --db, may be empty

	cpuprofile  string // --cpuprofile (hidden), may be empty
	stopProfile func() // set while a profile is being written
}

// Main runs the command line and returns the process's exit status: 0,
// 1 for a failure, 2 for a mistake in the command line. Errors go to
// Stderr as "tawsimctl: message".
func Main(ctx context.Context, e Env, args []string) int {
	err := Run(ctx, e, args)
	if err != nil {
		fmt.Fprintln(e.Stderr, "tawsimctl:", err)
	}
	return ExitCode(err)
}

// Run runs the command line args (without the program name). ctx cancels
// a long export or import, which then leaves nothing behind.
func Run(ctx context.Context, e Env, args []string) error {
	if e.Formats == nil {
		e.Formats = export.Formats()
	}
	if e.Getenv == nil {
		e.Getenv = func(string) string { return "" }
	}
	a := &app{Env: e}
	root := a.root()
	root.SetArgs(args)
	root.SetIn(e.Stdin)
	root.SetOut(e.Stdout)
	root.SetErr(e.Stderr)
	err := root.ExecuteContext(ctx)
	if a.stopProfile != nil {
		a.stopProfile()
	}
	return err
}

// ExitCode is the exit status for what Run returned.
func ExitCode(err error) int {
	var u usageError
	var r *export.RequestError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u), errors.As(err, &r):
		return 2
	}
	return 1
}

// usageError marks a mistake in the command line itself (exit status 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:   "tawsimctl [--db PATH] COMMAND [options]",
		Short: "The headless side of Tawsim, the Arabic news annotation tool",
		Long: "tawsimctl: the headless side of Tawsim, the Arabic news annotation tool.\n\n" +
			"Every command takes --help. Offsets are Unicode code points, half-open [start, end).",
		// Errors are printed once, by Main, as "tawsimctl: message".
		SilenceErrors:         true,
		SilenceUsage:          true,
		DisableFlagsInUseLine: true,
		Args:                  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				cmd.SetOut(a.Stderr)
				cmd.Usage()
				return usagef("no command given")
			}
			return usagef("unknown command %q (try tawsimctl --help)", args[0])
		},
	}
	root.PersistentFlags().StringVar(&a.db, "db", "", "database `PATH` (default $TAWSIM_DB, else $XDG_DATA_HOME/tawsim/corpus.db)")
	a.addProfileFlag(root)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usagef("%v (see %s --help)", err, c.CommandPath())
	})
	root.SetUsageTemplate(usageTemplate)
	root.AddCommand(a.initCmd(), a.importCmd(), a.exportCmd(), a.listCmd(), a.showCmd(), a.statsCmd(), a.layoutCmd(),
		a.bundleCmd(), a.adjudicateCmd(), a.agreeCmd(), a.checkCmd(), a.backupCmd(), a.compactCmd(), a.copyCmd(), a.assignCmd())
	return root
}

// dbPath is --db, else the default database.
func (a *app) dbPath() (string, error) {
	if a.db != "" {
		return a.db, nil
	}
	return corpus.DefaultPath(a.Getenv)
}

// access says what a command does with the database.
type access int

const (
	reading  access = iota // list, show, export …: read-only when it can
	writing                // import, adjudicate …
	creating               // init: may create the database and its folder
)

// open opens the database for acc; commands other than init, check and
// backup need a schema. A database given with --db must exist (a typo must
// not make a new, empty one); the default one is created on first use.
// Reading commands open it read-only, so they run beside each other and
// on read-only files (a backup on a CD); writing ones say why they cannot.
func (a *app) open(acc access, needSchema bool) (*corpus.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	byDefault := a.db == ""
	opt := &corpus.Options{MustExist: acc != creating && !byDefault, CreateFolder: acc == creating || byDefault}
	var s *corpus.Store
	if acc == reading {
		ro := *opt
		ro.ReadOnly = true
		if s, err = corpus.Open(path, &ro); err != nil && !errors.Is(err, os.ErrNotExist) && writable(path) {
			s, err = corpus.Open(path, opt) // an older layout: opening read-write migrates it
		}
	} else {
		s, err = corpus.Open(path, opt)
		if err != nil && !writable(path) {
			return nil, fmt.Errorf("%s is read-only here (%v): this command changes the database; copy it somewhere writable first", path, err)
		}
	}
	if err != nil {
		return nil, err
	}
	if needSchema && !s.HasSchema() {
		s.Close()
		return nil, fmt.Errorf("%s has no schema yet: run `tawsimctl --db %s init` first", path, path)
	}
	return s, nil
}

// writable reports whether the file (or, when it does not exist, its
// folder) may be written by this process.
func writable(path string) bool {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		path = filepath.Dir(path)
	}
	return syscall.Access(path, 2 /* W_OK */) == nil
}

// args checks the number of positional arguments: at least min, at most
// max (-1: any), with what to say otherwise.
func args(min, max int, want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || max >= 0 && len(args) > max {
			return usagef("%s (see %s --help)", want, cmd.CommandPath())
		}
		return nil
	}
}
