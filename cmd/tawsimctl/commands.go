package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
)

func cmdInit(e *env, args []string) error {
	fs := e.flags("init", "[--schema wojood|anercorp|ace2005] [--force]", "Create the database (if needed) and set its schema")
	preset := fs.String("schema", corpus.DefaultPreset, "schema preset: "+strings.Join(corpus.Presets(), ", "))
	force := fs.Bool("force", false, "replace the schema of a database that already has one")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	sc, err := corpus.Preset(*preset)
	if err != nil {
		return usagef("%v", err)
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	if s.HasSchema() && !*force {
		old, _ := s.Schema()
		if old.Preset == sc.Preset {
			fmt.Fprintf(e.stdout, "%s already uses the %s schema\n", s.Path(), sc.Preset)
			return nil
		}
		return fmt.Errorf("%s already has the %s schema; use --force to replace it with %s", s.Path(), old.Preset, sc.Preset)
	}
	if err := s.SetSchema(sc); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: schema %s (%d entity types, %d event types)\n", s.Path(), sc.Preset, len(sc.Entities), len(sc.Events))
	return nil
}

func cmdImport(e *env, args []string) error {
	fs := e.flags("import", "[--format auto|txt|jsonl|conll|doccano|brat|tawsim] [--annotator NAME] [--scheme auto|iob2|bioes|iob1] PATH...",
		"Import articles: .txt files (one article each, title from the file name), folders of them, or JSONL ({\"text\", \"title\", \"meta\"} a line). "+
			"Annotated data (conll, doccano, brat) becomes the layer of --annotator; tawsim native JSONL keeps its annotators. "+
			"A text already in the corpus gets the layer added, not a second copy. One transaction: a bad file stores nothing")
	format := fs.String("format", "auto", "input format: auto, txt, jsonl, conll, doccano, brat, tawsim")
	annotator := fs.String("annotator", "import", "annotator NAME the imported annotations belong to (conll, doccano, brat)")
	scheme := fs.String("scheme", "auto", "conll tag scheme: auto (detect), iob2, bioes, iob1")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return usagef("import needs at least one PATH")
	}
	if err := oneOf(*format, "auto", "txt", "jsonl", "conll", "doccano", "brat", "tawsim"); err != nil {
		return err
	}
	if err := oneOf(*scheme, "auto", "iob2", "bioes", "iob1"); err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := export.RunImport(context.Background(), s, export.ImportRequest{Format: *format, Paths: paths, Annotator: *annotator, Scheme: *scheme}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, rep.String())
	fmt.Fprintln(e.stdout, rep.Result())
	return nil
}

// listRow is one line of `list --json`.
type listRow struct {
	corpus.DocInfo
	Layers []layerRow `json:"layers"`
}

type layerRow struct {
	Annotator string        `json:"annotator"`
	Status    corpus.Status `json:"status"`
	Entities  int           `json:"entities"`
	Events    int           `json:"events"`
}

func cmdList(e *env, args []string) error {
	fs := e.flags("list", "[--json]", "List the documents in import order")
	asJSON := fs.Bool("json", false, "one JSON object per document")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	docs, err := s.Documents()
	if err != nil {
		return err
	}
	sums, err := s.Summaries("")
	if err != nil {
		return err
	}
	layers := map[string][]layerRow{}
	for _, l := range sums {
		layers[l.Doc] = append(layers[l.Doc], layerRow{l.Annotator, l.Status, l.Entities, l.Events})
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, d := range docs {
			ls := layers[d.ID]
			if ls == nil {
				ls = []layerRow{}
			}
			if err := enc.Encode(listRow{d, ls}); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tID\tTOKENS\tLAYERS\tTITLE")
	for i, d := range docs {
		var ls []string
		for _, l := range layers[d.ID] {
			ls = append(ls, fmt.Sprintf("%s:%s(%d)", l.Annotator, l.Status, l.Entities))
		}
		lsText := strings.Join(ls, " ")
		if lsText == "" {
			lsText = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\n", i+1, d.ID, d.Tokens, lsText, d.Title)
	}
	return tw.Flush()
}

// showJSON is `show --json`: the document with its tokens, sentences and
// layers, every offset in code points.
type showJSON struct {
	corpus.Document
	TokenizerVersion int               `json:"tokenizer_version"`
	Tokens           []corpus.Token    `json:"tokens"`
	Sentences        []corpus.Sentence `json:"sentences"`
	Layers           []corpus.Layer    `json:"layers"`
}

func cmdShow(e *env, args []string) error {
	fs := e.flags("show", "DOC [--annotator NAME] [--json]", "Show a document with its annotations. DOC is its number in `list` (1, 2, …), its id, or a unique prefix of the id")
	annotator := fs.String("annotator", "", "show only this annotator's layer")
	asJSON := fs.Bool("json", false, "print JSON with tokens, sentences and layers (code-point offsets)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return usagef("show needs exactly one DOC")
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	id, err := resolveDoc(s, pos[0])
	if err != nil {
		return err
	}
	d, err := s.Document(id)
	if err != nil {
		return err
	}
	var layers []corpus.Layer
	if *annotator != "" {
		l, err := s.Layer(id, *annotator)
		if err != nil {
			return err
		}
		layers = []corpus.Layer{l}
	} else if layers, err = s.Layers(id); err != nil {
		return err
	}
	if layers == nil {
		layers = []corpus.Layer{}
	}
	if *asJSON {
		toks := corpus.Tokenize(d.Text)
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(showJSON{Document: d, TokenizerVersion: corpus.TokenizerVersion, Tokens: toks,
			Sentences: corpus.SplitSentences(d.Text, toks), Layers: layers})
	}
	ix := corpus.NewIndex(d.Text)
	fmt.Fprintf(e.stdout, "%s\n%s\nimported %s, %d code points, sha256 %s\n\n%s\n", d.ID, d.Title,
		d.Imported.Format(time.DateTime), ix.Len(), d.SHA256[:16], d.Text)
	for _, l := range layers {
		fmt.Fprintf(e.stdout, "\n— %s: %s, revision %d, %d entities, %d events\n", l.Annotator, l.Status, l.Revision, len(l.Entities), len(l.Events))
		for _, en := range l.Entities {
			fmt.Fprintf(e.stdout, "  %-5s %-9s [%d,%d) %s\n", en.ID, en.Type, en.Start, en.End, ix.Slice(en.Start, en.End))
		}
		for _, ev := range l.Events {
			fmt.Fprintf(e.stdout, "  %-5s %s trigger [%d,%d) %s\n", ev.ID, ev.Type, ev.Trigger.Start, ev.Trigger.End, ix.Slice(ev.Trigger.Start, ev.Trigger.End))
			for _, a := range ev.Arguments {
				if en, ok := l.Entity(a.Entity); ok {
					fmt.Fprintf(e.stdout, "        %s: %s %s\n", a.Role, a.Entity, ix.Slice(en.Start, en.End))
				}
			}
		}
	}
	return nil
}

func cmdStats(e *env, args []string) error {
	fs := e.flags("stats", "[--json]", "Count documents, tokens, annotators and annotations")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats()
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	fmt.Fprintf(e.stdout, "database   %s (layout %d)\nschema     %s\ndocuments  %d\ntokens     %d\ncode points %d\nchanges    %d\n",
		s.Path(), st.Version, st.Schema, st.Documents, st.Tokens, st.CodePoints, st.Changes)
	if len(st.Annotators) > 0 {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "\nANNOTATOR\tLAYERS\tIN PROGRESS\tDONE\tENTITIES\tEVENTS")
		for _, a := range st.Annotators {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\n", a.Name, a.Layers, a.InProgress, a.Done, a.Entities, a.Events)
		}
		tw.Flush()
	}
	printCounts(e, "entity types", st.EntityTypes)
	printCounts(e, "event types", st.EventTypes)
	return nil
}

func printCounts(e *env, title string, m map[string]int) {
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
	fmt.Fprintf(e.stdout, "\n%s:", title)
	for _, n := range names {
		fmt.Fprintf(e.stdout, " %s=%d", n, m[n])
	}
	fmt.Fprintln(e.stdout)
}

// cmdLayoutEnv adapts the layout command, which needs no database.
func cmdLayoutEnv(e *env, args []string) error { return cmdLayout(args, e.stdout, e.stderr) }

// resolveDoc finds a document by its number in `list` (1-based), its id,
// or a unique prefix of its id. Ids are UUIDv7, which begin with the
// import time, so documents imported together share long prefixes: the
// number is the handy way to name one.
func resolveDoc(s *corpus.Store, arg string) (string, error) {
	if n, err := strconv.Atoi(arg); err == nil && len(arg) < 8 {
		docs, err := s.Documents()
		if err != nil {
			return "", err
		}
		if n < 1 || n > len(docs) {
			return "", fmt.Errorf("there is no document %d: the corpus has %d (see tawsimctl list)", n, len(docs))
		}
		return docs[n-1].ID, nil
	}
	return s.Resolve(arg)
}
