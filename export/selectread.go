package export

import (
	"context"

	"github.com/tawsim/tawsim/corpus"
)

// read reads the planned documents in one store scan and calls fn for each
// in order, in the caller's goroutine; skipped is called for one whose
// layer turned out not to be done (it changed after plan). Cutting a text
// into tokens and sentences is a third of an export's work, so it runs on
// the other processors while the scan reads on.
func (s selector) read(ctx context.Context, store *corpus.Store, planned []corpus.DocInfo, fn func(i int, d *Doc) error, skipped func()) error {
	ids := make([]string, len(planned))
	for i, d := range planned {
		ids[i] = d.ID
	}
	opt := corpus.ScanOptions{IDs: ids, Annotators: s.annotators()}
	type picked struct {
		d  Doc
		ok bool
	}
	i := 0
	return inOrder(
		func(emit func(corpus.DocLayers) error) error {
			return store.Scan(opt, func(dl corpus.DocLayers) error {
				if err := cancelled(ctx); err != nil {
					return err
				}
				return emit(dl)
			})
		},
		func(dl corpus.DocLayers) (picked, error) {
			d, ok := s.pick(dl)
			return picked{d, ok}, nil
		},
		func(p picked) error {
			defer func() { i++ }()
			if !p.ok {
				skipped()
				return nil
			}
			return fn(i, &p.d)
		})
}
