package bundle

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Partial stores what can be stored of a bundle with refused layers;
	// otherwise a refusal stores nothing of that bundle.
	Partial bool
	// Theirs takes the bundle's layer when both sides changed it; by
	// default the local one is kept.
	Theirs bool
	// AddTypes adds the entity types, event types and roles the bundle
	// uses and the local schema lacks (with the bundle's definitions);
	// otherwise they are a refusal.
	AddTypes bool
}

// Outcome is what became of one layer of a bundle.
type Outcome string

// The outcomes of a layer.
const (
	New       Outcome = "new"       // the local database had no such layer
	Updated   Outcome = "updated"   // a newer revision replaced the local one
	Unchanged Outcome = "unchanged" // the local layer is the same
	Older     Outcome = "older"     // the local layer is newer; kept
	Conflict  Outcome = "conflict"  // changed on both sides
	Refused   Outcome = "refused"
)

// LayerReport is one layer's outcome.
type LayerReport struct {
	Doc       string  `json:"doc"`
	Title     string  `json:"title"`
	Annotator string  `json:"annotator"`
	Outcome   Outcome `json:"outcome"`
	Local     uint64  `json:"local_revision,omitempty"`
	Theirs    uint64  `json:"bundle_revision"`
	Kept      string  `json:"kept,omitempty"` // for a conflict: "local" or "theirs"
	Reason    string  `json:"reason,omitempty"`
}

// Report says what an import did, bundle by bundle.
type Report struct {
	Bundle       string        `json:"bundle"`
	Annotator    string        `json:"annotator"`
	Stored       bool          `json:"stored"` // false when a refusal stopped the bundle
	AddedDocs    int           `json:"documents_added"`
	Layers       []LayerReport `json:"layers"`
	MissingTypes []string      `json:"missing_types,omitempty"`
	TypesAdded   []string      `json:"types_added,omitempty"`
}

// Count counts the layers with an outcome.
func (r Report) Count(o Outcome) int {
	n := 0
	for _, l := range r.Layers {
		if l.Outcome == o {
			n++
		}
	}
	return n
}

// ErrRefused is returned (wrapped) when a bundle had layers that cannot be
// stored and Partial was not asked for.
var ErrRefused = errors.New("bundle refused")

// Import stores each bundle in one transaction. A bundle with a refused
// layer stores nothing unless opt.Partial; the reports say what happened
// to every layer either way, and the error names the first bundle refused.
func Import(ctx context.Context, s *corpus.Store, bundles []*Bundle, opt ImportOptions) ([]Report, error) {
	var reports []Report
	var firstErr error
	for _, b := range bundles {
		if err := ctx.Err(); err != nil {
			return reports, err
		}
		r, err := importOne(s, b, opt)
		reports = append(reports, r)
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return reports, firstErr
}

func importOne(s *corpus.Store, b *Bundle, opt ImportOptions) (Report, error) {
	r := Report{Bundle: b.Name, Annotator: b.Header.Annotator}
	sc, err := s.Schema()
	if err != nil {
		return r, err
	}
	missing, extended := missingTypes(sc, b)
	r.MissingTypes = missing
	typesOK := len(missing) == 0 || opt.AddTypes
	var items []corpus.ImportItem
	for _, e := range b.Entries {
		lr, item, err := decide(s, e, opt)
		if err != nil {
			return r, fmt.Errorf("bundle %s: %w", b.Name, err)
		}
		if lr.Outcome != Refused && !typesOK && usesMissing(e.Layer, missing) {
			lr.Outcome, lr.Reason = Refused, "uses types missing from this corpus's schema: "+strings.Join(usedMissing(e.Layer, missing), ", ")
			item = nil
		}
		r.Layers = append(r.Layers, lr)
		if item != nil {
			items = append(items, *item)
		}
	}
	if refused := r.Count(Refused); refused > 0 && !opt.Partial {
		return r, fmt.Errorf("%w: %s: %d of %d layers cannot be stored (first: %s), so nothing of it was stored; --partial stores the rest%s",
			ErrRefused, b.Name, refused, len(r.Layers), firstRefusal(r), typesHint(missing, opt))
	}
	if len(missing) > 0 && opt.AddTypes && len(items) > 0 {
		if err := s.SetSchema(extended); err != nil {
			return r, fmt.Errorf("bundle %s: adding its types: %w", b.Name, err)
		}
		r.TypesAdded = missing
	}
	if len(items) == 0 {
		r.Stored = true
		return r, nil
	}
	res, err := s.Import(items)
	if err != nil {
		return r, fmt.Errorf("bundle %s: %w", b.Name, err)
	}
	r.Stored, r.AddedDocs = true, res.Added
	return r, nil
}

func firstRefusal(r Report) string {
	for _, l := range r.Layers {
		if l.Outcome == Refused {
			return fmt.Sprintf("%s «%s»: %s", l.Doc, l.Title, l.Reason)
		}
	}
	return ""
}

func typesHint(missing []string, opt ImportOptions) string {
	if len(missing) > 0 && !opt.AddTypes {
		return "; --add-types adds the missing types (" + strings.Join(missing, ", ") + ") to the schema"
	}
	return ""
}

// decide finds the entry's document locally and says what to do with its
// layer: the outcome and, when something is to be stored, the import item.
func decide(s *corpus.Store, e Entry, opt ImportOptions) (LayerReport, *corpus.ImportItem, error) {
	lr := LayerReport{Doc: e.Doc.ID, Title: e.Doc.Title, Annotator: e.Layer.Annotator, Theirs: e.Layer.Revision}
	local, err := findLocal(s, e.Doc)
	if err != nil {
		return lr, nil, err
	}
	item := &corpus.ImportItem{Origin: "bundle document " + e.Doc.ID, Sync: true, Layers: []corpus.Layer{e.Layer},
		Doc: corpus.NewDoc{ID: e.Doc.ID, Title: e.Doc.Title, Source: e.Doc.Source, Text: e.Doc.Text, Meta: e.Doc.Meta, Imported: e.Doc.Imported}}
	switch {
	case local == nil:
		lr.Outcome = New // the document comes with it
		return lr, item, nil
	case local.SHA256 != e.Doc.SHA256:
		lr.Outcome = Refused
		lr.Reason = fmt.Sprintf("the local text of this document differs from the bundle's (sha256 %.12s… here, %.12s… in the bundle): its offsets would be wrong", local.SHA256, e.Doc.SHA256)
		return lr, nil, nil
	}
	lr.Doc = local.ID
	item.Doc.ID = local.ID // matched by text: keep the local id
	mine, err := s.Layer(local.ID, e.Layer.Annotator)
	if err != nil {
		return lr, nil, err
	}
	lr.Local = mine.Revision
	switch {
	case mine.Revision == 0:
		lr.Outcome = New
	case sameContent(mine, e.Layer):
		lr.Outcome = Unchanged
		if mine.Synced == mine.Revision {
			return lr, nil, nil
		}
		return lr, item, nil // record that the two sides now match
	case e.Layer.Revision <= mine.Synced:
		lr.Outcome = Older
		return lr, nil, nil
	case mine.Synced > 0 && mine.Revision == mine.Synced:
		lr.Outcome = Updated
	default:
		// Changed here since the last exchange (or never exchanged, and
		// different): both sides changed it.
		lr.Outcome, lr.Kept = Conflict, "local"
		if !opt.Theirs {
			return lr, nil, nil
		}
		lr.Kept = "theirs"
	}
	return lr, item, nil
}

// findLocal finds a bundle document here: by id, then by text hash.
func findLocal(s *corpus.Store, d corpus.Document) (*corpus.DocInfo, error) {
	docs, err := s.Documents() // small records; a corpus of 10⁵ is a few MB
	if err != nil {
		return nil, err
	}
	var byHash *corpus.DocInfo
	for i := range docs {
		if docs[i].ID == d.ID {
			return &docs[i], nil
		}
		if docs[i].SHA256 == d.SHA256 && byHash == nil {
			byHash = &docs[i]
		}
	}
	return byHash, nil
}

// sameContent compares two layers' annotations and status, ids included.
func sameContent(a, b corpus.Layer) bool {
	if a.Status != b.Status || len(a.Entities) != len(b.Entities) || len(a.Events) != len(b.Events) {
		return false
	}
	ae, be := slices.Clone(a.Entities), slices.Clone(b.Entities)
	corpus.SortEntities(ae)
	corpus.SortEntities(be)
	for i := range ae {
		if !ae[i].Equal(be[i]) {
			return false
		}
	}
	av, bv := slices.Clone(a.Events), slices.Clone(b.Events)
	corpus.SortEvents(av)
	corpus.SortEvents(bv)
	for i := range av {
		x, y := av[i], bv[i]
		if x.ID != y.ID || x.Type != y.Type || x.Trigger != y.Trigger || !slices.Equal(x.Arguments, y.Arguments) || !x.Provenance.Equal(y.Provenance) {
			return false
		}
	}
	return true
}

// missingTypes lists the types and roles the bundle's layers use that the
// local schema lacks ("ENTITY", "Event.Type", "Event.Type/Role"), and the
// local schema extended with the bundle's definitions of them.
func missingTypes(local corpus.Schema, b *Bundle) ([]string, corpus.Schema) {
	ext := local.Clone()
	seen := map[string]bool{}
	var missing []string
	note := func(s string) {
		if !seen[s] {
			seen[s] = true
			missing = append(missing, s)
		}
	}
	for _, e := range b.Entries {
		for _, en := range e.Layer.Entities {
			if _, ok := ext.EntityType(en.Type); !ok {
				note(en.Type)
				def := corpus.EntityType{Name: en.Type, Colour: "#888888"}
				if d, ok := b.Header.Schema.EntityType(en.Type); ok {
					def = d
					def.Hotkey = "" // keys are local; the bundle's may clash
				}
				ext.Entities = append(ext.Entities, def)
			}
		}
		for _, ev := range e.Layer.Events {
			et, ok := ext.EventType(ev.Type)
			if !ok {
				note(ev.Type)
				et = corpus.EventType{Name: ev.Type}
				if d, ok := b.Header.Schema.EventType(ev.Type); ok {
					et = d
				}
				ext.Events = append(ext.Events, et)
			}
			for _, a := range ev.Arguments {
				if !et.HasRole(a.Role) {
					note(ev.Type + "/" + a.Role)
					for i := range ext.Events {
						if ext.Events[i].Name == ev.Type {
							ext.Events[i].Roles = append(ext.Events[i].Roles, a.Role)
							et = ext.Events[i]
						}
					}
				}
			}
		}
	}
	sort.Strings(missing)
	return missing, ext
}

func usesMissing(l corpus.Layer, missing []string) bool { return len(usedMissing(l, missing)) > 0 }

func usedMissing(l corpus.Layer, missing []string) []string {
	var out []string
	add := func(s string) {
		if slices.Contains(missing, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, e := range l.Entities {
		add(e.Type)
	}
	for _, ev := range l.Events {
		add(ev.Type)
		for _, a := range ev.Arguments {
			add(ev.Type + "/" + a.Role)
		}
	}
	return out
}
