package review

import (
	"context"
	"fmt"
	"slices"

	"github.com/tawsim/tawsim/corpus"
)

// AdjudicateOptions choose what Adjudicate fills gold with.
type AdjudicateOptions struct {
	MinAgree    int      // at least this many annotators marked it identically (≤ 0: all)
	Docs        []string // the documents to adjudicate; nil means every one
	AllStatuses bool     // count every layer; by default only layers marked done vote
	Reviewer    string   // recorded in the provenance
}

// DocAdjudication is what Adjudicate did on one document.
type DocAdjudication struct {
	ID, Title  string
	Annotators []string
	Added      Applied
	Disputed   int // disagreements gold has not settled
}

// Adjudicate fills the gold layer of each document with every entity and
// event that at least MinAgree of its annotators marked identically,
// never removing or changing what gold already holds, one change per
// document. It is what the app's "accept agreed" does, for a whole corpus.
func Adjudicate(ctx context.Context, s *corpus.Store, opt AdjudicateOptions, progress func(done, total int)) ([]DocAdjudication, error) {
	type job struct {
		out  DocAdjudication
		plan Plan
	}
	var jobs []job
	// Plan while reading, write afterwards: a write inside the scan's read
	// transaction could wait on it.
	err := s.Scan(corpus.ScanOptions{IDs: opt.Docs}, func(d corpus.DocLayers) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		voters := votingLayers(d.Layers, opt.AllStatuses)
		if len(voters) == 0 {
			return nil
		}
		gold := d.Layer(corpus.Gold)
		c := Compare(append(voters, gold))
		j := job{out: DocAdjudication{ID: d.Doc.ID, Title: d.Doc.Title, Annotators: c.Annotators}, plan: c.AtLeast(opt.MinAgree)}
		for _, dis := range c.Disagreements {
			if !dis.Resolved {
				j.out.Disputed++
			}
		}
		jobs = append(jobs, j)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]DocAdjudication, 0, len(jobs))
	for i, j := range jobs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if j.plan.Len() > 0 {
			op := fmt.Sprintf("accept agreed (%d)", opt.MinAgree)
			if j.out.Added, err = Apply(s, j.out.ID, opt.Reviewer, j.plan, ApplyOptions{Op: op, WithArguments: true}); err != nil {
				return out, fmt.Errorf("adjudicate %s: %w", j.out.ID, err)
			}
		}
		out = append(out, j.out)
		if progress != nil {
			progress(i+1, len(jobs))
		}
	}
	return out, nil
}

// votingLayers are a document's annotator layers that vote: not gold, and
// done unless every status counts.
func votingLayers(layers []corpus.Layer, all bool) []corpus.Layer {
	return slices.DeleteFunc(slices.Clone(layers), func(l corpus.Layer) bool {
		return l.Annotator == corpus.Gold || !all && l.Status != corpus.StatusDone
	})
}
