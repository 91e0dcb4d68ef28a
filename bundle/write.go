package bundle

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// WriteOptions choose what goes into a bundle.
type WriteOptions struct {
	Annotator string
	OnlyDone  bool // only layers marked done; otherwise every layer
	// Now stamps the bundle; nil means time.Now.
	Now func() time.Time
}

// Write writes the annotator's layers with their documents to w as a
// bundle, reading the store one document at a time. It returns the number
// of layers written.
func Write(ctx context.Context, s *corpus.Store, w io.Writer, opt WriteOptions, progress func(done, total int)) (int, error) {
	if opt.Annotator == "" {
		return 0, fmt.Errorf("bundle: no annotator given")
	}
	sc, err := s.Schema()
	if err != nil {
		return 0, err
	}
	ids, err := layersToWrite(s, opt)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		what := "layers"
		if opt.OnlyDone {
			what = "layers marked done"
		}
		return 0, fmt.Errorf("bundle: %s has no %s in this corpus", opt.Annotator, what)
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	status := "all"
	if opt.OnlyDone {
		status = "done"
	}
	zw := gzip.NewWriter(w)
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	h := Header{Bundle: Version, Annotator: opt.Annotator, Status: status, Created: now().UTC(), Documents: len(ids), Schema: sc}
	if err := enc.Encode(h); err != nil {
		return 0, err
	}
	n := 0
	err = s.Scan(corpus.ScanOptions{IDs: ids, Annotators: []string{opt.Annotator}}, func(d corpus.DocLayers) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := enc.Encode(Entry{Doc: d.Doc, Layer: d.Layer(opt.Annotator)}); err != nil {
			return err
		}
		n++
		if progress != nil {
			progress(n, len(ids))
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, zw.Close()
}

// layersToWrite lists, in import order, the documents the annotator has a
// layer on that the options take.
func layersToWrite(s *corpus.Store, opt WriteOptions) ([]string, error) {
	sums, err := s.Summaries(opt.Annotator)
	if err != nil {
		return nil, err
	}
	take := map[string]bool{}
	for _, l := range sums {
		if !opt.OnlyDone || l.Status == corpus.StatusDone {
			take[l.Doc] = true
		}
	}
	docs, err := s.Documents()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, d := range docs {
		if take[d.ID] {
			ids = append(ids, d.ID)
		}
	}
	return ids, nil
}
