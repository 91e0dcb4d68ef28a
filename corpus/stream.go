package corpus

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/google/uuid"
)

// A Pass runs over an import's items in order, calling yield for each; it
// must give the same items each time it runs (it reads files again).
type Pass func(yield func(ImportItem) error) error

// Batch bounds what one transaction of ImportStream writes.
const (
	batchItems = 500
	batchBytes = 8 << 20
)

// ImportStream imports items too many to hold in memory at once, and still
// all or nothing. It runs pass twice. The first time it checks every item
// as Import would — texts, ids, every layer against the schema and its
// text, duplicates against the corpus and within the import — and stores
// nothing: a bad item, or ctx ending, leaves the corpus as it was. The
// second time it stores the items in transactions of at most 500 items or
// 8 MB of text, so memory holds one batch whatever the size of the import.
// Once storing has begun it goes to the end (a cancel then waits for it);
// should the process die meanwhile, running the same import again
// completes it, since stored texts are found by their hash and layers
// already equal stay unchanged.
func (s *Store) ImportStream(ctx context.Context, pass Pass) (ImportResult, error) {
	sc, err := s.cachedSchema()
	if err != nil {
		return ImportResult{}, err
	}
	// The check keeps nothing: holding the items decoded costs several
	// times their text in memory, and reading them again costs less.
	if err := s.checkPass(ctx, sc, pass); err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	add := func(r ImportResult) {
		res.Added += r.Added
		res.Existing += r.Existing
		res.Layers += r.Layers
		res.IDs = append(res.IDs, r.IDs...)
	}
	// A batch is prepared (checked and counted on all processors) while
	// the one before it is written: the write transaction is one
	// goroutine's, and the rest of the work goes on beside it.
	type ready struct {
		items []ImportItem
		prep  chan []prepared
	}
	var waiting *ready
	store := func() error {
		if waiting == nil {
			return nil
		}
		r, err := s.importPrepared(context.Background(), sc, waiting.items, <-waiting.prep)
		waiting = nil
		if err != nil {
			return fmt.Errorf("%w (the items before this batch are stored: run the same import again to complete it)", err)
		}
		add(r)
		return s.view(func(tx ReadTx) error { releaseMemory(tx); return nil })
	}
	var batch []ImportItem
	size := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		next := &ready{items: batch, prep: make(chan []prepared, 1)}
		go func(items []ImportItem) { next.prep <- prepareItems(sc, items) }(batch)
		batch, size = nil, 0
		err := store()
		waiting = next
		return err
	}
	err = pass(func(it ImportItem) error {
		batch = append(batch, it)
		size += len(it.Doc.Text)
		if len(batch) >= batchItems || size >= batchBytes {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = store()
	} else if waiting != nil {
		<-waiting.prep // let the preparing goroutine end
	}
	return res, err
}

// checkPass checks every item of pass without storing anything.
func (s *Store) checkPass(ctx context.Context, sc *Schema, pass Pass) error {
	seen := map[string]string{} // text hash → the id it will have, within this import
	ids := map[string]string{}  // given id → text hash
	var pending []ImportItem
	check := func() error {
		alone := make([]checked, len(pending))
		eachParallel(len(pending), func(i int) { alone[i] = checkAlone(sc, pending[i]) })
		err := s.view(func(tx ReadTx) error {
			for i, it := range pending {
				if err := checkInCorpus(tx, it, alone[i], seen, ids); err != nil {
					return fmt.Errorf("import %s: %w", it.Origin, err)
				}
			}
			releaseMemory(tx)
			return nil
		})
		clear(pending) // let the checked items go
		pending = pending[:0]
		return err
	}
	err := pass(func(it ImportItem) error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("import cancelled, nothing stored: %w", err)
		}
		pending = append(pending, it)
		if len(pending) >= batchItems {
			return check()
		}
		return nil
	})
	if err == nil {
		err = check()
	}
	return err
}

// checked is an item's text normalized and hashed, and what was wrong with
// the item on its own (its text or a layer), if anything.
type checked struct {
	text, sum string
	err       error
}

// checkAlone checks what an item can be checked for without the corpus:
// its text and its layers against the schema. It only reads sc, so items
// are checked on every processor at once.
func checkAlone(sc *Schema, it ImportItem) checked {
	text := NormalizeText(it.Doc.Text)
	if err := checkText(text); err != nil {
		return checked{err: err}
	}
	runes := utf8.RuneCountInString(text)
	for _, l := range it.Layers {
		if err := checkAnnotator(l.Annotator); err != nil {
			return checked{err: fmt.Errorf("layer %q: %w", l.Annotator, err)}
		}
		if l.Status != "" && !l.Status.Valid() {
			return checked{err: fmt.Errorf("layer %q: status %q is not one of new, in-progress, done", l.Annotator, l.Status)}
		}
		if err := checkItems(sc, runes, l.Entities, l.Events); err != nil {
			return checked{err: fmt.Errorf("layer %q: %w", l.Annotator, err)}
		}
	}
	return checked{text: text, sum: TextHash(text)}
}

// checkInCorpus checks the rest against the corpus and the import so far:
// a new document's id and tokens, in order (seen and ids grow).
func checkInCorpus(tx ReadTx, it ImportItem, c checked, seen, ids map[string]string) error {
	if c.err != nil {
		return c.err
	}
	_, inImport := seen[c.sum]
	stored, err := tx.DocByHash(c.sum)
	if err != nil {
		return err
	}
	if !inImport && stored == "" {
		if err := checkNewDoc(tx, it.Doc, c.text, c.sum, ids); err != nil {
			return err
		}
	}
	seen[c.sum] = it.Doc.ID
	return nil
}

// checkNewDoc checks what newDocument will refuse of a new document.
func checkNewDoc(tx ReadTx, nd NewDoc, text, sum string, ids map[string]string) error {
	if nd.Tokenization != nil {
		if err := nd.Tokenization.Validate(utf8.RuneCountInString(text)); err != nil {
			return err
		}
	} else if nd.Tokenizer != 0 {
		if _, ok := rulesOf(nd.Tokenizer); !ok {
			return fmt.Errorf("the document was cut with tokenizer version %d, which this Tawsim does not know: update Tawsim", nd.Tokenizer)
		}
	}
	if nd.ID == "" {
		return nil
	}
	u, err := uuid.Parse(nd.ID)
	if err != nil {
		return fmt.Errorf("document id %q is not a UUID", nd.ID)
	}
	id := u.String()
	if other, dup := ids[id]; dup && other != sum {
		return fmt.Errorf("document id %s is already used by another text", id)
	}
	ids[id] = sum
	if _, err := tx.DocInfo(id); err == nil {
		return fmt.Errorf("document id %s is already used by another text", id)
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}
