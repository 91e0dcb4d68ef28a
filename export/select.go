package export

import (
	"context"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
)

// Doc is one document ready to write: its text, tokens and sentences
// (computed once, so every writer sees the same ones) and the layer the
// export selected. Layers holds every layer of the document and is filled
// only for the native format, which is lossless.
type Doc struct {
	Doc       corpus.Document
	Tokens    []corpus.Token
	Sentences []corpus.Sentence
	Layer     corpus.Layer
	Layers    []corpus.Layer
}

// NewDoc takes d's tokens and sentences once (its own, from a token
// format, or its tokenizer version's) and pairs them with layer l.
func NewDoc(d corpus.Document, l corpus.Layer) Doc {
	toks := d.Tokens()
	return Doc{Doc: d, Tokens: toks, Sentences: d.Sentences(toks), Layer: l}
}

// Layer names an export takes besides an annotator name.
const (
	LayerGold     = corpus.Gold
	LayerMajority = review.MajorityName
)

// Statuses are the values of an export's status, the default first: done
// takes only layers marked done, all takes every document.
func Statuses() []string { return []string{"done", "all"} }

// Selection says which annotations to export.
type Selection struct {
	// Layer is "gold" (default), "majority" or an annotator name.
	Layer string
	// Status is "done" (default: only layers marked done count) or "all".
	Status string
	// AllLayers fills Doc.Layers with every layer (native format); the
	// status filter does not apply then, since the export must be lossless.
	AllLayers bool
}

// selector decides which documents an export takes and which layer of
// each. For "majority" the voters are the annotator layers of a document
// other than gold; with status done only layers marked done vote, so a
// half-done annotation never sways the result. A document with no voter
// is left out (status done) or exported without annotations (status all).
type selector struct {
	layer     string
	onlyDone  bool
	allLayers bool
}

func newSelector(sel Selection) (selector, error) {
	s := selector{layer: sel.Layer, onlyDone: sel.Status != "all", allLayers: sel.AllLayers}
	if s.layer == "" {
		s.layer = LayerGold
	}
	if err := checkChoice("status", sel.Status, Statuses()); err != nil {
		return s, err
	}
	if s.allLayers {
		s.onlyDone = false
	}
	return s, nil
}

func (s selector) majority() bool { return s.layer == LayerMajority && !s.allLayers }

// annotators is what the store needs to read: one layer, or all of them
// for a majority vote and the native format.
func (s selector) annotators() []string {
	if s.allLayers || s.layer == LayerMajority {
		return nil
	}
	return []string{s.layer}
}

// summaryAnnotator is the annotator whose layer statuses plan needs; ""
// for every layer.
func (s selector) summaryAnnotator() string {
	if a := s.annotators(); a != nil {
		return a[0]
	}
	return ""
}

// plan picks the documents to read, in import order, from the layers'
// statuses alone, so that a split can be decided before any text is read.
// It returns how many were left out for want of a done layer.
func (s selector) plan(infos []corpus.DocInfo, sums []corpus.LayerSummary) ([]corpus.DocInfo, int) {
	if !s.onlyDone {
		return infos, 0
	}
	done := map[string]bool{}
	for _, l := range sums {
		if l.Status != corpus.StatusDone {
			continue
		}
		if s.majority() && l.Annotator != corpus.Gold || !s.majority() && l.Annotator == s.layer {
			done[l.Doc] = true
		}
	}
	var out []corpus.DocInfo
	for _, d := range infos {
		if done[d.ID] {
			out = append(out, d)
		}
	}
	return out, len(infos) - len(out)
}

// pick builds the document to write from what the store read; ok is false
// when its layer is (no longer) done and the status asks for done ones.
func (s selector) pick(dl corpus.DocLayers) (Doc, bool) {
	var l corpus.Layer
	var all []corpus.Layer
	switch {
	case s.allLayers:
		all = dl.Layers
		for _, v := range all {
			if v.Annotator == s.layer {
				l = v
			}
		}
	case s.majority():
		var voters []corpus.Layer
		for _, v := range dl.Layers {
			if v.Annotator == corpus.Gold || (s.onlyDone && v.Status != corpus.StatusDone) {
				continue
			}
			voters = append(voters, v)
		}
		if len(voters) == 0 && s.onlyDone {
			return Doc{}, false
		}
		l = review.Majority(dl.Doc.ID, voters)
	default:
		l = dl.Layer(s.layer)
		if s.onlyDone && l.Status != corpus.StatusDone {
			return Doc{}, false
		}
	}
	d := NewDoc(dl.Doc, l)
	d.Layers = all
	return d, true
}

// SelectInfo tells what Select left out.
type SelectInfo struct {
	Documents int // documents in the corpus
	Selected  int
	NotDone   int // left out because the layer (or every voter) was not done
	// NoLayer says that no document has the one annotator's layer asked
	// for (never with majority or every layer).
	NoLayer bool
}

// Select reads the documents and layers sel asks for, in import order,
// as an export does but into memory: it is for tests and small tools.
func Select(store *corpus.Store, sel Selection) ([]Doc, SelectInfo, error) {
	var info SelectInfo
	s, err := newSelector(sel)
	if err != nil {
		return nil, info, err
	}
	var out []Doc
	info, err = s.scan(context.Background(), store, nil, func(_ int, d *Doc) error {
		out = append(out, *d)
		return nil
	})
	return out, info, err
}

// scan plans the selection, then reads the selected documents with their
// layers in one pass and hands each chosen one to fn with its index in
// the plan. Before reading, ready (when set) sees the plan.
func (s selector) scan(ctx context.Context, store *corpus.Store, ready func([]corpus.DocInfo) error, fn func(i int, d *Doc) error) (SelectInfo, error) {
	var info SelectInfo
	infos, err := store.Documents()
	if err != nil {
		return info, err
	}
	sums, err := store.Summaries(s.summaryAnnotator())
	if err != nil {
		return info, err
	}
	planned, notDone := s.plan(infos, sums)
	info.Documents, info.NotDone = len(infos), notDone
	info.NoLayer = s.annotators() != nil && len(sums) == 0
	if ready != nil {
		if err := ready(planned); err != nil {
			return info, err
		}
	}
	err = s.read(ctx, store, planned, func(i int, d *Doc) error {
		info.Selected++
		return fn(i, d)
	}, func() { info.NotDone++ })
	return info, err
}
