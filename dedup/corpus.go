package dedup

import (
	"context"

	"github.com/tawsim/tawsim/corpus"
)

// IndexCorpus reads every document of the store (text only, one at a
// time, in one read transaction) into a new index, stopping when ctx is
// cancelled. hashes, if not nil, receives each document's SHA-256.
func IndexCorpus(ctx context.Context, s *corpus.Store, opt Options, hashes map[string]string) (*Index, error) {
	x := NewIndex(opt)
	err := s.Scan(corpus.ScanOptions{Annotators: []string{}}, func(d corpus.DocLayers) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if hashes != nil {
			hashes[d.Doc.SHA256] = d.Doc.ID
		}
		if sig, ok := SignText(d.Doc.Text); ok {
			x.Add(d.Doc.ID, sig)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// NearDuplicates computes a document's near-duplicates in the corpus on
// demand: every document, older or newer, whose text it nearly
// duplicates, most similar first. It reads the whole corpus; a caller
// asking for many documents builds the index once (IndexCorpus) and asks
// it (Index.Similar).
func NearDuplicates(ctx context.Context, s *corpus.Store, id string) ([]Match, error) {
	x, err := IndexCorpus(ctx, s, DefaultOptions(), nil)
	if err != nil {
		return nil, err
	}
	return x.Similar(id), nil
}
