package cli

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/corpus"
)

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

func (a *app) listCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:                   "list [--json]",
		Short:                 "List the documents",
		Long:                  "List the documents in import order, numbered (show takes the number), with\neach annotator's status and entity count.",
		DisableFlagsInUseLine: true,
		Args:                  args(0, 0, "list takes no arguments"),
		RunE:                  func(*cobra.Command, []string) error { return a.list(asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "one JSON object per document")
	return cmd
}

func (a *app) list(asJSON bool) error {
	s, err := a.open(reading, true)
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
	if asJSON {
		enc := json.NewEncoder(a.Stdout)
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
	var t table
	t.add("#", "ID", "TOKENS", "LAYERS", "TITLE")
	var ls []string
	for i, d := range docs {
		ls = ls[:0]
		for _, l := range layers[d.ID] {
			ls = append(ls, l.Annotator+":"+string(l.Status)+"("+strconv.Itoa(l.Entities)+")")
		}
		lsText := strings.Join(ls, " ")
		if lsText == "" {
			lsText = "-"
		}
		t.add(strconv.Itoa(i+1), d.ID, strconv.Itoa(d.Tokens), lsText, d.Title)
	}
	return t.write(a.Stdout)
}
