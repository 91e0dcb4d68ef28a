package corpus

import (
	"fmt"
	"slices"
)

// DocLayers is one document with its layers, as Scan yields it.
type DocLayers struct {
	Doc    Document
	Layers []Layer // sorted by annotator; only layers that exist
}

// Layer returns the annotator's layer, or an empty new one when the
// document has none.
func (d DocLayers) Layer(annotator string) Layer {
	for _, l := range d.Layers {
		if l.Annotator == annotator {
			return l
		}
	}
	return emptyLayer(d.Doc.ID, annotator)
}

// ScanOptions choose what Scan reads.
type ScanOptions struct {
	// IDs are the documents to read, in this order; nil means every
	// document in import order.
	IDs []string
	// Annotators limits the layers read to these names; nil reads all.
	Annotators []string
}

// Scan calls fn for each document with its layers, one document at a time
// and all in one read transaction, so that a whole-corpus pass (export,
// agreement) sees one consistent state and holds one document in memory.
// An error from fn stops the scan and is returned.
func (s *Store) Scan(opt ScanOptions, fn func(DocLayers) error) error {
	annotators := slices.Compact(slices.Sorted(slices.Values(opt.Annotators)))
	return s.view(func(tx ReadTx) error {
		add := func(item *DocLayers, ann string, r LayerReader) error {
			l, err := readLayer(r, item.Doc.ID, ann)
			if err != nil {
				return fmt.Errorf("layer %s/%s: %w", item.Doc.ID, ann, err)
			}
			item.Layers = append(item.Layers, l)
			return nil
		}
		if ds, ok := tx.(DocScanner); ok {
			return ds.ScanDocs(opt.IDs, opt.Annotators, func(d Document, layers []NamedLayer) error {
				item := DocLayers{Doc: d}
				for _, l := range layers {
					if err := add(&item, l.Annotator, l.Reader); err != nil {
						return err
					}
				}
				return fn(item)
			})
		}
		rel := releaser{tx: tx, every: docsPerRelease}
		one := func(id string) error {
			rel.tick()
			d, err := readDocument(tx, id)
			if err != nil {
				return err
			}
			item := DocLayers{Doc: d}
			if opt.Annotators != nil {
				// Open only the layers asked for: cheaper than visiting all.
				for _, ann := range annotators {
					r, err := tx.Layer(id, ann)
					if err != nil {
						return err
					}
					if r != nil {
						if err := add(&item, ann, r); err != nil {
							return err
						}
					}
				}
				return fn(item)
			}
			err = tx.Layers(id, func(_, ann string, r LayerReader) error {
				return add(&item, ann, r)
			})
			if err != nil {
				return err
			}
			return fn(item)
		}
		if opt.IDs != nil {
			for _, id := range opt.IDs {
				if err := one(id); err != nil {
					return err
				}
			}
			return nil
		}
		return tx.DocInfos(func(d DocInfo) error { return one(d.ID) })
	})
}
