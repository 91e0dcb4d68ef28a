package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// ReadDoccano reads doccano sequence-labelling JSONL: "text" and either
// "label" ([[start, end, "TYPE"], ...], the classic export) or "entities"
// ([{"start_offset", "end_offset", "label"}], the newer one). Offsets are
// code points. "meta" and any other keys become the document's meta; a
// string meta.title becomes its title.
func ReadDoccano(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "doccano"}
	var items []corpus.ImportItem
	err := eachLine(path, func(n int, line []byte) error {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(line, &raw); err != nil {
			return err
		}
		var text string
		if err := json.Unmarshal(raw["text"], &text); err != nil || text == "" {
			return errors.New(`"text" is missing or not a string`)
		}
		type span struct {
			start, end int
			typ        string
		}
		var spans []span
		if l, ok := raw["label"]; ok {
			var labels [][]json.RawMessage
			if err := json.Unmarshal(l, &labels); err != nil {
				return fmt.Errorf(`"label" is not a list of [start, end, "TYPE"]: %w`, err)
			}
			for k, lab := range labels {
				var s span
				if len(lab) != 3 || json.Unmarshal(lab[0], &s.start) != nil || json.Unmarshal(lab[1], &s.end) != nil ||
					json.Unmarshal(lab[2], &s.typ) != nil {
					return fmt.Errorf(`label %d is not [start, end, "TYPE"]`, k+1)
				}
				spans = append(spans, s)
			}
		}
		if l, ok := raw["entities"]; ok {
			var ents []struct {
				Start *int   `json:"start_offset"`
				End   *int   `json:"end_offset"`
				Label string `json:"label"`
			}
			if err := json.Unmarshal(l, &ents); err != nil {
				return fmt.Errorf(`"entities": %w`, err)
			}
			for k, e := range ents {
				if e.Start == nil || e.End == nil || e.Label == "" {
					return fmt.Errorf("entity %d lacks start_offset, end_offset or label", k+1)
				}
				spans = append(spans, span{*e.Start, *e.End, e.Label})
			}
		}
		if _, ok := raw["relations"]; ok {
			sum.Skipped++
		}
		norm, remap, moved := normalize(text)
		if moved {
			sum.Remapped++
		}
		size := utf8.RuneCountInString(text)
		layer := corpus.Layer{Annotator: opt.annotator(), Status: corpus.StatusDone, Events: []corpus.Event{}}
		seen := map[span]bool{}
		for k, s := range spans {
			if s.start < 0 || s.end > size || s.start >= s.end {
				return fmt.Errorf("label %d [%d,%d) %s lies outside the text (0..%d code points) or is empty", k+1, s.start, s.end, s.typ, size)
			}
			if seen[s] {
				sum.Skipped++
				continue
			}
			seen[s] = true
			layer.Entities = append(layer.Entities, corpus.Entity{ID: fmt.Sprintf("T%d", len(layer.Entities)+1),
				Start: remap(s.start), End: remap(s.end), Type: s.typ})
		}
		meta := map[string]json.RawMessage{}
		if m, ok := raw["meta"]; ok && string(m) != "null" {
			if err := json.Unmarshal(m, &meta); err != nil {
				return fmt.Errorf(`"meta" is not an object: %w`, err)
			}
		}
		for k, v := range raw {
			switch k {
			case "text", "label", "entities", "relations", "meta":
			default:
				meta[k] = v
			}
		}
		var title, source string
		json.Unmarshal(meta["title"], &title)
		json.Unmarshal(meta["source"], &source)
		// Our own export's bookkeeping would only go stale in a new corpus.
		for _, k := range []string{"title", "source", "sha256", "doc_id", "id"} {
			delete(meta, k)
		}
		if len(meta) == 0 {
			meta = nil
		}
		items = append(items, corpus.ImportItem{Origin: fmt.Sprintf("%s line %d", path, n),
			Doc:    corpus.NewDoc{Title: title, Source: source, Text: norm, Meta: meta},
			Layers: []corpus.Layer{layer}})
		sum.Entities += len(layer.Entities)
		return nil
	})
	sum.Documents = len(items)
	return items, sum, err
}
