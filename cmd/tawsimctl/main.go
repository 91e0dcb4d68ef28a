// Command tawsimctl is Tawsim's headless command line: it creates corpus
// databases, imports and exports documents and annotations, and inspects
// them. It never imports Fyne and builds with CGO_ENABLED=0, so it runs on
// servers and in pipelines.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	_ "github.com/tawsim/tawsim/boltstore" // the embedded database, for file paths
	"github.com/tawsim/tawsim/corpus"
)

// env is what a command may use of the outside world; tests pass their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	db             string // from the global --db, may be empty
}

type command struct {
	name, args, summary string
	run                 func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"init", "[--schema wojood|anercorp|ace2005]", "create a database and choose its schema", cmdInit},
		{"import", "[--format auto|txt|jsonl|conll|doccano|brat|tawsim] [--annotator NAME] PATH...", "import articles, or annotated data as a layer", cmdImport},
		{"export", "--format conll|conll2003|doccano|spacy|hf|events|brat|tawsim ...", "export annotations for training tools", cmdExport},
		{"list", "[--json]", "list the documents", cmdList},
		{"show", "DOC [--annotator NAME] [--json]", "show a document, its tokens and annotations", cmdShow},
		{"stats", "[--json]", "count documents, tokens and annotations", cmdStats},
		{"layout", "[--width PX] [--json] FILE", "lay out right-to-left text as the app draws it", cmdLayoutEnv},
	}
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	if err := run(e, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "tawsimctl:", err)
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// usageError marks a mistake in the command line itself (exit status 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func run(e *env, args []string) error {
	global := flag.NewFlagSet("tawsimctl", flag.ContinueOnError)
	global.SetOutput(e.stderr)
	global.StringVar(&e.db, "db", "", "database `PATH` (default $TAWSIM_DB, else $XDG_DATA_HOME/tawsim/corpus.db)")
	global.Usage = func() { usage(e.stderr, global) }
	if err := global.Parse(args); err != nil {
		return err
	}
	if global.NArg() == 0 {
		usage(e.stderr, global)
		return usagef("no command given")
	}
	name, rest := global.Arg(0), global.Args()[1:]
	if name == "help" {
		usage(e.stdout, global)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(e, rest)
		}
	}
	return usagef("unknown command %q (try tawsimctl --help)", name)
}

func usage(w io.Writer, global *flag.FlagSet) {
	fmt.Fprintln(w, "tawsimctl: the headless side of Tawsim, the Arabic news annotation tool.")
	fmt.Fprintln(w, "\nUsage: tawsimctl [--db PATH] COMMAND [options]\n\nCommands:")
	for _, c := range commands() {
		if len(c.args) > 44 {
			fmt.Fprintf(w, "  %-7s %s\n  %-7s %-44s %s\n", c.name, c.args, "", "", c.summary)
			continue
		}
		fmt.Fprintf(w, "  %-7s %-44s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --help. Offsets are Unicode code points, half-open [start, end).")
	fmt.Fprintln(w, "\nGlobal options:")
	global.SetOutput(w)
	global.PrintDefaults()
}

// flags makes a command's flag set; every command also takes --db.
func (e *env) flags(name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.db, "db", e.db, "database `PATH`")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: tawsimctl %s %s\n\n%s.\n\nOptions:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may come before or after the positional
// arguments ("show DOC --json" reads as naturally as "show --json DOC").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func (e *env) dbPath() (string, error) {
	if e.db != "" {
		return e.db, nil
	}
	return corpus.DefaultPath(e.getenv)
}

// open opens the database; commands other than init need a schema.
func (e *env) open(needSchema bool) (*corpus.Store, error) {
	path, err := e.dbPath()
	if err != nil {
		return nil, err
	}
	s, err := corpus.Open(path, nil)
	if err != nil {
		return nil, err
	}
	if needSchema && !s.HasSchema() {
		s.Close()
		return nil, fmt.Errorf("%s has no schema yet: run `tawsimctl --db %s init` first", path, path)
	}
	return s, nil
}

func oneOf(v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usagef("%q is not one of %s", v, strings.Join(allowed, ", "))
}
