package pgstore

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/tawsim/tawsim/corpus"
)

// pageSize is how many documents or layers one query of a listing reads.
// Listings go by pages, keyed on the primary key, so that the callback can
// itself query the transaction between pages (a connection cannot run a
// query while another's rows are still arriving).
const pageSize = 256

// docID returns the canonical form of a document id, or false when it is
// not a UUID, which no stored document can have.
func docID(id string) (string, bool) {
	u, err := uuid.Parse(id)
	if err != nil {
		return "", false
	}
	return u.String(), true
}

func notFound(id string) error { return fmt.Errorf("document %s: %w", id, corpus.ErrNotFound) }

func (t *txn) Schema() (*corpus.Schema, error) {
	var raw []byte
	found, err := t.queryRow("read the schema", `SELECT value FROM meta WHERE key = 'schema'`, nil, &raw)
	if err != nil || !found {
		return nil, err
	}
	var sc corpus.Schema
	if err := json.Unmarshal(raw, &sc); err != nil {
		return nil, fmt.Errorf("the stored schema is damaged: %w", err)
	}
	return &sc, nil
}

func (t *txn) DocInfo(id string) (corpus.DocInfo, error) {
	var d corpus.DocInfo
	key, ok := docID(id)
	if !ok {
		return d, notFound(id)
	}
	if t.write {
		if d, ok := t.d.infos.get(key); ok {
			return d, nil
		}
	}
	var raw []byte
	found, err := t.queryRow("read document "+key, `SELECT info FROM documents WHERE id = $1`, []any{key}, &raw)
	if err != nil {
		return d, err
	}
	if !found {
		return d, notFound(id)
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, fmt.Errorf("document %s: list record: %w", id, err)
	}
	if t.write {
		t.learned = append(t.learned, d)
	} else {
		t.d.infos.add(d) // a view sees only committed documents
	}
	return d, nil
}

func (t *txn) Document(id string) (corpus.Document, error) {
	var d corpus.Document
	key, ok := docID(id)
	if !ok {
		return d, notFound(id)
	}
	var raw []byte
	found, err := t.queryRow("read document "+key, `SELECT body FROM documents WHERE id = $1`, []any{key}, &raw)
	if err != nil {
		return d, err
	}
	if !found {
		return d, notFound(id)
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, fmt.Errorf("document %s: %w", id, err)
	}
	return d, nil
}

func (t *txn) DocByHash(sum string) (string, error) {
	var id string
	_, err := t.queryRow("find a text by its hash", `SELECT id::text FROM documents WHERE sha256 = $1`, []any{sum}, &id)
	return id, err
}

func (t *txn) DocInfos(fn func(corpus.DocInfo) error) error {
	after := ""
	for {
		type row struct {
			id   string
			info []byte
		}
		var page []row
		scan := func(r pgx.Rows) error {
			var x row
			if err := r.Scan(&x.id, &x.info); err != nil {
				return err
			}
			page = append(page, x)
			return nil
		}
		var err error
		if after == "" {
			err = t.query("list documents", `SELECT id::text, info FROM documents ORDER BY id LIMIT $1`, []any{pageSize}, scan)
		} else {
			err = t.query("list documents", `SELECT id::text, info FROM documents WHERE id > $1 ORDER BY id LIMIT $2`, []any{after, pageSize}, scan)
		}
		if err != nil {
			return err
		}
		for _, x := range page {
			var d corpus.DocInfo
			if err := json.Unmarshal(x.info, &d); err != nil {
				return fmt.Errorf("document %s: list record: %w", x.id, err)
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		if len(page) < pageSize {
			return nil
		}
		after = page[len(page)-1].id
	}
}

// uuidTemplate is the canonical text form whose prefixes DocIDsWithPrefix
// turns into a range of ids.
const uuidTemplate = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"

func (t *txn) DocIDsWithPrefix(prefix string, limit int) ([]string, error) {
	prefix = strings.ToLower(prefix)
	if len(prefix) > len(uuidTemplate) {
		return nil, nil
	}
	// The ids with this prefix are those between the prefix padded with
	// zeros and padded with f's: uuid order is the order of the text form.
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		if uuidTemplate[i] == '-' && c != '-' || uuidTemplate[i] != '-' && !strings.ContainsRune("0123456789abcdef", rune(c)) {
			return nil, nil
		}
	}
	pad := func(digit string) string {
		return prefix + strings.Map(func(r rune) rune {
			if r == '-' {
				return r
			}
			return rune(digit[0])
		}, uuidTemplate[len(prefix):])
	}
	var out []string
	err := t.query("find documents by id prefix", `SELECT id::text FROM documents WHERE id BETWEEN $1 AND $2 ORDER BY id LIMIT $3`,
		[]any{pad("0"), pad("f"), limit}, func(r pgx.Rows) error {
			var id string
			if err := r.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
			return nil
		})
	return out, err
}

func (t *txn) Layer(doc, annotator string) (corpus.LayerReader, error) {
	key, ok := docID(doc)
	if !ok {
		return nil, nil
	}
	k := layerKey{key, annotator}
	if w := t.writers[k]; w != nil {
		return w, nil // what this transaction changed is in memory
	}
	// The layer's items come in the same round trip: whoever reads a
	// layer alone almost always reads it whole.
	p := newPage([]layerKey{k})
	var info []byte
	found := false
	err := t.run(
		stmt{what: "read layer " + k.String(), sql: `SELECT info FROM layers WHERE doc = $1 AND annotator = $2`, args: []any{key, annotator},
			row: func(r pgx.Rows) error { found = true; return r.Scan(&info) }},
		p.entityQuery(),
		p.eventQuery(),
	)
	if err != nil || !found {
		return nil, err // a nil interface, not a nil *layer
	}
	p.infos[k] = info
	return &layer{t: t, key: k, page: p}, nil
}

func (t *txn) Layers(doc string, fn func(doc, annotator string, l corpus.LayerReader) error) error {
	var key string
	if doc != "" {
		var ok bool
		if key, ok = docID(doc); !ok {
			return nil
		}
	}
	var last layerKey
	for first := true; ; first = false {
		var keys []layerKey
		infos := map[layerKey][]byte{}
		scan := func(r pgx.Rows) error {
			var k layerKey
			var info []byte
			if err := r.Scan(&k.doc, &k.ann, &info); err != nil {
				return err
			}
			keys = append(keys, k)
			infos[k] = info
			return nil
		}
		var err error
		switch {
		case doc != "":
			err = t.query("list the layers of "+key, `SELECT doc::text, annotator, info FROM layers WHERE doc = $1 AND annotator > $2 ORDER BY annotator LIMIT $3`,
				[]any{key, last.ann, pageSize}, scan)
		case first:
			err = t.query("list layers", `SELECT doc::text, annotator, info FROM layers ORDER BY doc, annotator LIMIT $1`, []any{pageSize}, scan)
		default:
			err = t.query("list layers", `SELECT doc::text, annotator, info FROM layers WHERE (doc, annotator) > ($1, $2) ORDER BY doc, annotator LIMIT $3`,
				[]any{last.doc, last.ann, pageSize}, scan)
		}
		if err != nil {
			return err
		}
		p := newPage(keys)
		p.infos = infos
		for _, k := range keys {
			var r corpus.LayerReader = &layer{t: t, key: k, page: p}
			if w := t.writers[k]; w != nil {
				r = w
			}
			if err := fn(k.doc, k.ann, r); err != nil {
				return err
			}
		}
		if len(keys) < pageSize {
			return nil
		}
		last = keys[len(keys)-1]
	}
}
