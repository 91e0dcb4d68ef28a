package pgstore

import (
	"encoding/json"
	"fmt"

	"github.com/tawsim/tawsim/corpus"
)

func (t *txn) SetSchema(sc corpus.Schema) error {
	raw, err := json.Marshal(sc)
	if err != nil {
		return err
	}
	return t.exec("store the schema", `INSERT INTO meta (key, value) VALUES ('schema', $1)
		ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, raw)
}

// PutDocument stores a document at once rather than with the next round
// trip, so that a clash (another session importing the same text at the
// same moment) is reported for this document, not a later one.
func (t *txn) PutDocument(d corpus.Document, info corpus.DocInfo) error {
	id, ok := docID(d.ID)
	if !ok {
		return fmt.Errorf("document id %q is not a UUID", d.ID)
	}
	// Ids are kept in the canonical form PostgreSQL's uuid type gives back.
	d.ID, info.ID = id, id
	body, err := json.Marshal(d)
	if err != nil {
		return err
	}
	rawInfo, err := json.Marshal(info)
	if err != nil {
		return err
	}
	err = t.run(stmt{what: "store document " + id, sql: `INSERT INTO documents (id, sha256, info, body) VALUES ($1, $2, $3, $4)`,
		args: []any{id, d.SHA256, rawInfo, body}})
	if pe := pgError(err); pe != nil && pe.Code == codeUniqueViolation {
		if pe.ConstraintName == "documents_sha256_key" {
			t.failed = fmt.Errorf("document %s: another session stored the same text at the same moment, so nothing of this import was stored: import again and the text will be found: %w", id, err)
		} else {
			t.failed = fmt.Errorf("document id %s is already used by another text (stored by another session at the same moment): %w", id, err)
		}
		return t.failed
	}
	return err
}
