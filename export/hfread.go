package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// readHF reads Hugging Face token-classification JSONL: one sentence a
// line with "tokens" and "ner_tags" (strings, or numbers indexing the
// labels.txt beside the file), and "ner_tags_2", "ner_tags_3" … for
// deeper nesting levels, as the hf export writes them. Consecutive lines
// with one "doc_id" make a document; lines without one are one document
// per file, which --doc-sentences cuts. Documents keep the file's tokens
// and sentences, as CoNLL's do.
func readHF(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "hf"}
	r := hfReader{path: path}
	if err := eachLine(path, r.line); err != nil {
		return nil, sum, err
	}
	r.endDoc()
	sum.Skipped += r.empty
	if len(r.docs) == 0 {
		return nil, sum, fmt.Errorf("import %s: the file holds no sentences", path)
	}
	scheme := opt.Scheme
	if scheme == "" || scheme == "auto" {
		scheme = detectScheme(r.docs)
	}
	if err := checkChoice("scheme", scheme, OptScheme.Choices()); err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	sum.Scheme = scheme
	if n := countSentences(r.docs); !r.docIDs && n > 1 && opt.DocSentences == 0 {
		sum.Notes = append(sum.Notes, fmt.Sprintf("%s has no doc_id: its %d sentences were read as one document; --doc-sentences N makes documents of N sentences", filepath.Base(path), n))
	}
	var items []corpus.ImportItem
	for _, d := range groupSentences(r.docs, opt.DocSentences) {
		it, err := tokenItem(path, d, scheme, opt, &sum)
		if err != nil {
			return nil, sum, err
		}
		items = append(items, it)
	}
	return items, sum, nil
}

// hfReader gathers the lines of an hf file into documents.
type hfReader struct {
	path   string
	docs   []tokenDoc
	cur    tokenDoc
	curID  []byte // the current document's doc_id, as written
	docIDs bool   // some line has a doc_id
	labels []string
	empty  int // lines with no tokens, skipped
}

func (r *hfReader) endDoc() {
	if len(r.cur.sents) > 0 {
		r.docs = append(r.docs, r.cur)
	}
	r.cur = tokenDoc{}
}

// line reads one sentence.
func (r *hfReader) line(n int, line []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return fmt.Errorf("not a JSON object: %w", err)
	}
	var toks []string
	if err := json.Unmarshal(raw["tokens"], &toks); err != nil || raw["tokens"] == nil {
		return errors.New(`"tokens" is missing or not a list of strings`)
	}
	for k, t := range toks {
		if t == "" {
			return fmt.Errorf("token %d is empty", k)
		}
	}
	cols, err := r.tagColumns(raw, len(toks))
	if err != nil {
		return err
	}
	if len(toks) == 0 {
		r.empty++ // a sentence of no tokens has nothing to keep
		return nil
	}
	sent := make([]tokenLine, len(toks))
	for k, t := range toks {
		tags := make([]string, len(cols))
		for c := range cols {
			tags[c] = cols[c][k]
		}
		sent[k] = tokenLine{tok: t, tags: tags, line: n}
	}
	id := bytes.TrimSpace(raw["doc_id"])
	if id != nil {
		r.docIDs = true
	}
	if len(r.cur.sents) == 0 || !bytes.Equal(id, r.curID) {
		r.endDoc()
		r.cur.line, r.curID = n, id
	}
	r.cur.sents = append(r.cur.sents, sent)
	return nil
}

// tagColumns reads ner_tags, ner_tags_2 … (as many as there are), each
// with a tag per token.
func (r *hfReader) tagColumns(raw map[string]json.RawMessage, ntok int) ([][]string, error) {
	var cols [][]string
	for c := 1; ; c++ {
		key := "ner_tags"
		if c > 1 {
			key += "_" + strconv.Itoa(c)
		}
		v, ok := raw[key]
		if !ok {
			break
		}
		tags, err := r.tags(v)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", key, err)
		}
		if len(tags) != ntok {
			return nil, fmt.Errorf("%q has %d tags for %d tokens", key, len(tags), ntok)
		}
		cols = append(cols, tags)
	}
	if cols == nil {
		return nil, errors.New(`"ner_tags" is missing`)
	}
	return cols, nil
}

// tags reads one tag list: strings, or numbers that index labels.txt.
func (r *hfReader) tags(v json.RawMessage) ([]string, error) {
	var names []string
	if err := json.Unmarshal(v, &names); err == nil {
		for _, t := range names {
			if err := checkTag(t); err != nil {
				return nil, err
			}
		}
		return names, nil
	}
	var ids []int
	if err := json.Unmarshal(v, &ids); err != nil {
		return nil, errors.New("want a list of tags (strings) or of label numbers")
	}
	if err := r.loadLabels(); err != nil {
		return nil, err
	}
	names = make([]string, len(ids))
	for k, id := range ids {
		if id < 0 || id >= len(r.labels) {
			return nil, fmt.Errorf("label number %d is not in labels.txt (%d labels)", id, len(r.labels))
		}
		names[k] = r.labels[id]
	}
	return names, nil
}

// loadLabels reads labels.txt beside the file once: the tag of each
// label number, one a line, as the hf export writes it.
func (r *hfReader) loadLabels() error {
	if r.labels != nil {
		return nil
	}
	p := filepath.Join(filepath.Dir(r.path), "labels.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("tags are label numbers, and the labels.txt that names them is not beside the file: %w", err)
	}
	r.labels = strings.Fields(string(raw))
	for _, t := range r.labels {
		if err := checkTag(t); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}
