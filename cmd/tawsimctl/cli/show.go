package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/corpus"
)

// showJSON is `show --json`: the document with its tokens, sentences and
// layers, every offset in code points.
type showJSON struct {
	corpus.Document
	TokenizerVersion int               `json:"tokenizer_version"`
	Tokens           []corpus.Token    `json:"tokens"`
	Sentences        []corpus.Sentence `json:"sentences"`
	Layers           []corpus.Layer    `json:"layers"`
}

func (a *app) showCmd() *cobra.Command {
	var annotator string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show DOC [--annotator NAME] [--json]",
		Short: "Show a document, its tokens and annotations",
		Long: "Show a document with its annotations. DOC is its number in `list` (1, 2, …),\n" +
			"its id, or a unique prefix of the id; options may come before or after it.",
		DisableFlagsInUseLine: true,
		Args:                  args(1, 1, "show needs exactly one DOC"),
		RunE:                  func(_ *cobra.Command, pos []string) error { return a.show(pos[0], annotator, asJSON) },
	}
	cmd.Flags().StringVar(&annotator, "annotator", "", "show only the layer of annotator `NAME`")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with tokens, sentences and layers (code-point offsets)")
	return cmd
}

func (a *app) show(doc, annotator string, asJSON bool) error {
	s, err := a.open(reading, true)
	if err != nil {
		return err
	}
	defer s.Close()
	id, err := resolveDoc(s, doc)
	if err != nil {
		return err
	}
	d, err := s.Document(id)
	if err != nil {
		return err
	}
	var layers []corpus.Layer
	if annotator != "" {
		l, err := s.Layer(id, annotator)
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
	if asJSON {
		toks := d.Tokens()
		enc := json.NewEncoder(a.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(showJSON{Document: d, TokenizerVersion: d.TokenizerVersion(), Tokens: toks,
			Sentences: d.Sentences(toks), Layers: layers})
	}
	a.showText(d, layers)
	return nil
}

// showText prints the document and each layer's entities and events.
func (a *app) showText(d corpus.Document, layers []corpus.Layer) {
	out := a.Stdout
	ix := corpus.NewIndex(d.Text)
	fmt.Fprintf(out, "%s\n%s\nimported %s, %d code points, sha256 %s\n\n%s\n", d.ID, d.Title,
		d.Imported.Format(time.DateTime), ix.Len(), d.SHA256[:16], d.Text)
	for _, l := range layers {
		fmt.Fprintf(out, "\n— %s: %s, revision %d, %d entities, %d events\n", l.Annotator, l.Status, l.Revision, len(l.Entities), len(l.Events))
		for _, en := range l.Entities {
			fmt.Fprintf(out, "  %-5s %-9s [%d,%d) %s\n", en.ID, en.Type, en.Start, en.End, ix.Slice(en.Start, en.End))
		}
		for _, ev := range l.Events {
			fmt.Fprintf(out, "  %-5s %s trigger [%d,%d) %s\n", ev.ID, ev.Type, ev.Trigger.Start, ev.Trigger.End, ix.Slice(ev.Trigger.Start, ev.Trigger.End))
			for _, arg := range ev.Arguments {
				if en, ok := l.Entity(arg.Entity); ok {
					fmt.Fprintf(out, "        %s: %s %s\n", arg.Role, arg.Entity, ix.Slice(en.Start, en.End))
				}
			}
		}
	}
}

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
