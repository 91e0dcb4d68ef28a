package pgstore

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
)

// layersOf aggregates a document's layers (of the annotators in the
// parameter given, or all when it is NULL) into one JSON array, sorted by
// annotator, each layer with its info, entities and events.
func layersOf(annotators string) string {
	return `(
	SELECT json_agg(json_build_object(
		'annotator', l.annotator,
		'info', l.info,
		'entities', (SELECT json_agg(json_build_object('id', e.id, 'start', e.start, 'end', e."end", 'type', e.type, 'provenance', e.provenance))
		             FROM entities e WHERE e.doc = l.doc AND e.annotator = l.annotator),
		'events', (SELECT json_agg(v.item) FROM events v WHERE v.doc = l.doc AND v.annotator = l.annotator)
	) ORDER BY l.annotator)
	FROM layers l WHERE l.doc = d.id AND (` + annotators + `::text[] IS NULL OR l.annotator = ANY(` + annotators + `))
)`
}

// scannedLayer is a layer as layersOfDoc gives it.
type scannedLayer struct {
	Annotator string            `json:"annotator"`
	Info      json.RawMessage   `json:"info"`
	Entities  []corpus.Entity   `json:"entities"`
	Events    []json.RawMessage `json:"events"`
}

// ScanDocs reads documents with their layers in one query, streamed: one
// row per document, whatever the number of layers, and one document in
// memory at a time. fn must not use the transaction while the scan runs;
// the readers it gets answer from what the row held, and for a change log
// or a stack, which the row does not hold, they return an error. When fn
// stops the scan, the rest of the rows are still read (and dropped)
// before the connection is free again.
func (t *txn) ScanDocs(ids, annotators []string, fn func(corpus.Document, []corpus.NamedLayer) error) error {
	var sql string
	var args []any
	if ids == nil {
		sql = `SELECT d.id::text, 0, d.body, ` + layersOf("$1") + ` FROM documents d ORDER BY d.id`
		args = []any{annotators}
	} else {
		// Unknown or malformed ids come back as rows without a document,
		// in their place, so the scan stops there as the document-by-
		// document path does.
		keys := make([]*string, len(ids))
		for i, id := range ids {
			if k, ok := docID(id); ok {
				keys[i] = &k
			}
		}
		sql = `SELECT w.id::text, w.n, d.body, ` + layersOf("$2") + `
			FROM unnest($1::text[]::uuid[]) WITH ORDINALITY AS w(id, n) LEFT JOIN documents d ON d.id = w.id ORDER BY w.n`
		args = []any{keys, annotators}
	}
	if t.failed != nil {
		return t.failed
	}
	errStop := errors.New("stop") // fn's own error, kept aside so it is returned as is
	var fnErr error
	err := t.query("scan documents", sql, args, func(r pgx.Rows) error {
		var id *string
		var n int
		var body, layers []byte
		if err := r.Scan(&id, &n, &body, &layers); err != nil {
			return err
		}
		if body == nil {
			return notFound(ids[n-1])
		}
		var d corpus.Document
		if err := json.Unmarshal(body, &d); err != nil {
			return fmt.Errorf("document %s: %w", *id, err)
		}
		var scanned []scannedLayer
		if layers != nil {
			if err := json.Unmarshal(layers, &scanned); err != nil {
				return fmt.Errorf("document %s: layers: %w", d.ID, err)
			}
		}
		named := make([]corpus.NamedLayer, len(scanned))
		for i, s := range scanned {
			r, err := s.reader(t, d.ID)
			if err != nil {
				return err
			}
			named[i] = corpus.NamedLayer{Annotator: s.Annotator, Reader: r}
		}
		if err := fn(d, named); err != nil {
			fnErr = err
			return errStop
		}
		return nil
	})
	if fnErr != nil {
		t.failed = nil // fn stopped the scan; the transaction is sound
		return fnErr
	}
	return err
}

// reader turns a scanned layer into a layer reader over a page of one,
// with its items loaded and its change log unavailable.
func (s scannedLayer) reader(t *txn, doc string) (corpus.LayerReader, error) {
	k := layerKey{doc, s.Annotator}
	p := newPage([]layerKey{k})
	p.infos[k] = s.Info
	p.ents[k] = s.Entities
	for _, raw := range s.Events {
		var ev corpus.Event
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, fmt.Errorf("layer %s: event: %v", k, err)
		}
		p.evs[k] = append(p.evs[k], ev)
	}
	p.entsLoaded, p.evsLoaded = true, true
	return &scanned{layer{t: t, key: k, page: p}}, nil
}

// scanned is a layer reader of ScanDocs: what needs the server is refused,
// since the connection is busy with the scan.
type scanned struct{ layer }

var errScanning = errors.New("a layer read by ScanDocs holds no change log or stacks")

func (s *scanned) Change(uint64) (*corpus.Change, error)   { return nil, errScanning }
func (s *scanned) Changes(func(corpus.Change) error) error { return errScanning }
func (s *scanned) StackEnds(corpus.Stack) (uint64, uint64, bool, error) {
	return 0, 0, false, errScanning
}
func (s *scanned) StackAll(corpus.Stack) ([]uint64, error) { return nil, errScanning }
