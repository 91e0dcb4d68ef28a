package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

// DocInfo is the small part of a document that lists need; reading it
// never touches the text.
type DocInfo struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Source   string    `json:"source,omitempty"`
	SHA256   string    `json:"sha256"`
	Imported time.Time `json:"imported"`
	Runes    int       `json:"runes"`
	Tokens   int       `json:"tokens"`
	// Site and Published come from the document's meta ("site", and
	// "published" as a date or time), for lists that sort and filter news.
	Site      string `json:"site,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
}

// NewDoc is a document to import. ID and Imported are kept when given (the
// native format carries them); otherwise a UUIDv7 and the current time are
// assigned, so keys sort by import time.
type NewDoc struct {
	ID       string
	Title    string
	Source   string
	Text     string
	Meta     map[string]json.RawMessage
	Imported time.Time
	// Tokenization keeps a token format's own tokens and sentences.
	Tokenization *Tokenization
	// Tokenizer is the tokenizer version a document brought from another
	// Tawsim database was cut with; 0 means the current one.
	Tokenizer int
}

// ImportItem is one document and, optionally, annotation layers for it.
// Origin ("file.txt" or "file.jsonl line 3") names it in errors.
type ImportItem struct {
	Origin string
	Doc    NewDoc
	Layers []Layer
	// Sync marks each layer as synced at the revision it is stored with:
	// it came whole from another database (a bundle), and local changes
	// from here on are what a later exchange must not overwrite.
	Sync bool
}

// ImportResult summarises an import.
type ImportResult struct {
	Added    int      // new documents
	Existing int      // documents whose text was already in the corpus
	Layers   int      // layers written
	IDs      []string // the document id of every item, in order
}

// NormalizeText applies the only two changes import makes to a text: a
// leading UTF-8 byte order mark is dropped, and CRLF and lone CR line ends
// become LF. Everything else, including Arabic presentation forms,
// diacritics and tatweel, is kept byte for byte so that offsets computed
// by any other tool on the same file agree.
func NormalizeText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// TextHash is the hex SHA-256 of a (normalised) text: a document's identity.
func TextHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

func checkText(text string) error {
	if !utf8.ValidString(text) {
		return errors.New("text is not valid UTF-8")
	}
	if strings.IndexFunc(text, func(r rune) bool { return !unicode.IsSpace(r) }) < 0 {
		return errors.New("text is empty")
	}
	return nil
}

// Import stores documents and their layers in one transaction: if any item
// is refused, nothing of the import is stored. A document whose text hash
// is already present is not duplicated; its layers join the existing one.
func (s *Store) Import(items []ImportItem) (ImportResult, error) {
	return s.ImportContext(context.Background(), items)
}

// ImportContext is Import that stops when ctx is done (Ctrl+C, Cancel):
// the transaction then rolls back and nothing of the import is stored.
func (s *Store) ImportContext(ctx context.Context, items []ImportItem) (ImportResult, error) {
	sc, err := s.cachedSchema()
	if err != nil {
		return ImportResult{}, err
	}
	return s.importPrepared(ctx, sc, items, prepareItems(sc, items))
}

// importPrepared stores items, which prep has prepared, in one transaction.
func (s *Store) importPrepared(ctx context.Context, sc *Schema, items []ImportItem, prep []prepared) (ImportResult, error) {
	var res ImportResult
	now := time.Now().UTC()
	err := s.update(func(tx WriteTx) error {
		res = ImportResult{}
		for i, it := range items {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("import cancelled, nothing stored: %w", err)
			}
			if err := prep[i].err; err != nil {
				return fmt.Errorf("import %s: %w", it.Origin, err)
			}
			text, sum := prep[i].text, prep[i].sum
			id, err := tx.DocByHash(sum)
			if err != nil {
				return fmt.Errorf("import %s: %w", it.Origin, err)
			}
			if id != "" {
				res.Existing++
			} else {
				d, err := newDocument(tx, it.Doc, text, sum, now)
				if err != nil {
					return fmt.Errorf("import %s: %w", it.Origin, err)
				}
				if err := tx.PutDocument(d, newDocInfo(d, prep[i].tokens)); err != nil {
					return fmt.Errorf("import %s: %w", it.Origin, err)
				}
				id = d.ID
				res.Added++
			}
			res.IDs = append(res.IDs, id)
			for _, l := range it.Layers {
				if err := replaceLayer(tx, sc, id, l, "import", it.Sync); err != nil {
					return fmt.Errorf("import %s: layer %q: %w", it.Origin, l.Annotator, err)
				}
				res.Layers++
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

func newDocument(tx WriteTx, nd NewDoc, text, sum string, now time.Time) (Document, error) {
	d := Document{ID: nd.ID, Title: nd.Title, Source: nd.Source, Text: text, SHA256: sum, Imported: nd.Imported, Meta: nd.Meta,
		Tokenizer: nd.Tokenizer, Tokenization: nd.Tokenization}
	if d.Tokenization != nil {
		if err := d.Tokenization.Validate(utf8.RuneCountInString(text)); err != nil {
			return d, err
		}
		d.Tokenizer = 0
	} else if d.Tokenizer == 0 {
		d.Tokenizer = TokenizerVersion
	} else if _, ok := rulesOf(d.Tokenizer); !ok {
		return d, fmt.Errorf("the document was cut with tokenizer version %d, which this Tawsim does not know: update Tawsim", d.Tokenizer)
	}
	if d.ID != "" {
		u, err := uuid.Parse(d.ID)
		if err != nil {
			return d, fmt.Errorf("document id %q is not a UUID", d.ID)
		}
		// One spelling per id (urn:uuid:…, {…} and upper case are the same
		// UUID), so a document cannot come in twice under two spellings.
		d.ID = u.String()
		if _, err := tx.DocInfo(d.ID); err == nil {
			return d, fmt.Errorf("document id %s is already used by another text", d.ID)
		} else if !errors.Is(err, ErrNotFound) {
			return d, err
		}
	} else {
		u, err := uuid.NewV7()
		if err != nil {
			return d, err
		}
		d.ID = u.String()
	}
	if d.Imported.IsZero() {
		d.Imported = now
	}
	if d.Title == "" {
		d.Title = firstLine(text, 80)
	}
	return d, nil
}

func firstLine(text string, max int) string {
	text = strings.TrimSpace(text)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	if r := []rune(text); len(r) > max {
		text = string(r[:max]) + "…"
	}
	return text
}

// newDocInfo computes the list record of a document.
// newDocInfo is a new document's list record; tokens is its token count.
func newDocInfo(d Document, tokens int) DocInfo {
	info := DocInfo{ID: d.ID, Title: d.Title, Source: d.Source, SHA256: d.SHA256, Imported: d.Imported,
		Runes: utf8.RuneCountInString(d.Text), Tokens: tokens}
	var site, published string
	if raw, ok := d.Meta["site"]; ok && json.Unmarshal(raw, &site) == nil {
		info.Site = site
	}
	if raw, ok := d.Meta["published"]; ok && json.Unmarshal(raw, &published) == nil && len(published) >= 10 {
		if _, err := time.Parse("2006-01-02", published[:10]); err == nil {
			info.Published = published[:10]
		}
	}
	return info
}

// Documents lists every document in import order.
func (s *Store) Documents() ([]DocInfo, error) {
	var out []DocInfo
	err := s.view(func(tx ReadTx) error {
		rel := releaser{tx: tx, every: recordsPerRelease}
		return tx.DocInfos(func(d DocInfo) error {
			rel.tick()
			out = append(out, d)
			return nil
		})
	})
	return out, err
}

// Document reads one whole document.
func (s *Store) Document(id string) (Document, error) {
	var d Document
	err := s.view(func(tx ReadTx) error {
		var err error
		d, err = readDocument(tx, id)
		return err
	})
	return d, err
}

// readDocument reads a document and checks its text against its hash, so
// that a damaged record never silently changes what is annotated or
// exported. Hashing is about a millisecond per megabyte.
func readDocument(tx ReadTx, id string) (Document, error) {
	d, err := tx.Document(id)
	if err != nil {
		return d, err
	}
	if TextHash(d.Text) != d.SHA256 {
		return d, fmt.Errorf("document %s: its text no longer matches its SHA-256: %w; restore a backup", id, ErrDamaged)
	}
	return d, nil
}

// Resolve turns a document id or a unique prefix of one into the full id.
func (s *Store) Resolve(prefix string) (string, error) {
	prefix = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(prefix)), "urn:uuid:"), "{")
	prefix = strings.TrimSuffix(prefix, "}")
	if prefix == "" {
		return "", errors.New("empty document id")
	}
	var matches []string
	err := s.view(func(tx ReadTx) error {
		var err error
		matches, err = tx.DocIDsWithPrefix(prefix, 6)
		return err
	})
	if err != nil {
		return "", err
	}
	switch len(matches) {
	case 0:
		return "", fmt.Errorf("no document id starts with %q: %w", prefix, ErrNotFound)
	case 1:
		return matches[0], nil
	}
	sort.Strings(matches)
	return "", fmt.Errorf("document id prefix %q is ambiguous (%s …): give more characters", prefix, strings.Join(matches[:2], ", "))
}
