package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// spacyToken is one token of a spaCy line; offsets are code points.
type spacyToken struct {
	Text  *string `json:"text"`
	Start *int    `json:"start"`
	End   *int    `json:"end"`
}

// spacySent is one sentence of a spaCy line, as Doc.to_json writes it.
type spacySent struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// spacySpan is one labelled span; the token indexes, when given, are
// checked against the tokens.
type spacySpan struct {
	Start      *int   `json:"start"`
	End        *int   `json:"end"`
	TokenStart *int   `json:"token_start"`
	TokenEnd   *int   `json:"token_end"`
	Label      string `json:"label"`
}

// readSpacy reads the JSONL of spaCy and Prodigy: one document a line
// with "text", "spans" ({"start", "end", "label"}, code points) and,
// usually, "tokens" ({"text", "start", "end"}). Given tokens are kept as
// the document's own (spaCy's white-space tokens left out: they are
// separators), cut into the sentences of "sents" ({"start", "end"}, as
// Doc.to_json and Tawsim's export write them) or, without it, into those
// found over the tokens as for plain text. "meta" and unknown keys become the
// document's meta, as with doccano.
func readSpacy(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "spacy"}
	var items []corpus.ImportItem
	err := eachLine(path, func(n int, line []byte) error {
		it, err := decodeSpacy(line, opt, &sum)
		if err != nil {
			return err
		}
		it.Origin = fmt.Sprintf("%s line %d", path, n)
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, sum, err
	}
	sum.Documents = len(items)
	return items, sum, nil
}

// decodeSpacy turns one line into an import item with one layer.
func decodeSpacy(line []byte, opt ReadOptions, sum *Summary) (corpus.ImportItem, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return corpus.ImportItem{}, fmt.Errorf("not a JSON object: %w", err)
	}
	var text string
	if err := json.Unmarshal(raw["text"], &text); err != nil || text == "" {
		return corpus.ImportItem{}, errors.New(`"text" is missing or not a string`)
	}
	var toks []spacyToken
	var spans []spacySpan
	var sents []spacySent
	if v, ok := raw["tokens"]; ok {
		if err := json.Unmarshal(v, &toks); err != nil {
			return corpus.ImportItem{}, fmt.Errorf(`"tokens" is not a list of {"text", "start", "end"}: %w`, err)
		}
	}
	if v, ok := raw["sents"]; ok {
		if err := json.Unmarshal(v, &sents); err != nil {
			return corpus.ImportItem{}, fmt.Errorf(`"sents" is not a list of {"start", "end"}: %w`, err)
		}
	}
	if v, ok := raw["spans"]; ok {
		if err := json.Unmarshal(v, &spans); err != nil {
			return corpus.ImportItem{}, fmt.Errorf(`"spans" is not a list of {"start", "end", "label"}: %w`, err)
		}
	}
	norm, remap, moved := normalize(text)
	if moved {
		sum.Remapped++
	}
	tz, ntok, err := spacyTokenization(text, norm, toks, sents, remap)
	if err != nil {
		return corpus.ImportItem{}, err
	}
	ents, err := spacyEntities(text, toks, spans, remap)
	if err != nil {
		return corpus.ImportItem{}, err
	}
	if _, err := checkEntityTypes(ents, opt.Schema); err != nil {
		return corpus.ImportItem{}, err
	}
	ents = keepEntities(ents, sum)
	for _, k := range []string{"tokens", "spans", "sents"} {
		delete(raw, k)
	}
	title, source, meta, err := doccanoMeta(raw)
	if err != nil {
		return corpus.ImportItem{}, err
	}
	sum.Tokens += ntok
	sum.Entities += len(ents)
	return corpus.ImportItem{Doc: corpus.NewDoc{Title: title, Source: source, Text: norm, Meta: meta, Tokenization: tz},
		Layers: []corpus.Layer{{Annotator: opt.annotator(), Status: corpus.StatusDone, Entities: ents, Events: []corpus.Event{}}}}, nil
}

// spacyTokenization checks the tokens against the text (each must slice
// it to its own text, in order) and keeps those that are not white
// space, with the given sentences or those found over them; nil when the
// line has no tokens.
func spacyTokenization(text, norm string, toks []spacyToken, sents []spacySent, remap func(int) int) (*corpus.Tokenization, int, error) {
	if len(toks) == 0 {
		return nil, 0, nil
	}
	size := utf8.RuneCountInString(text)
	c := textCursor{text: text}
	var kept []corpus.Token
	prev := 0
	for k, t := range toks {
		if t.Text == nil || t.Start == nil || t.End == nil {
			return nil, 0, fmt.Errorf("token %d lacks text, start or end", k)
		}
		s, e := *t.Start, *t.End
		if s < prev || e < s || e > size {
			return nil, 0, fmt.Errorf("token %d [%d,%d) is out of order or outside the text (0..%d code points)", k, s, e, size)
		}
		if got := text[c.byteAt(s):c.byteAt(e)]; got != *t.Text {
			return nil, 0, fmt.Errorf("token %d [%d,%d) is %q in the text, not %q", k, s, e, got, *t.Text)
		}
		prev = e
		if strings.TrimSpace(*t.Text) == "" {
			continue // spaCy's white-space token: a separator
		}
		kept = append(kept, corpus.Token{Start: remap(s), End: remap(e)})
	}
	if len(kept) == 0 {
		return nil, 0, nil
	}
	if sents != nil {
		return corpus.NewTokenization(kept, sentenceStarts(kept, sents, remap)), len(kept), nil
	}
	d := corpus.Document{Text: norm, Tokenization: corpus.NewTokenization(kept, []corpus.Sentence{{First: 0}})}
	full := d.Tokens()
	return corpus.NewTokenization(full, corpus.SplitSentences(norm, full)), len(kept), nil
}

// sentenceStarts turns sentences given by offsets into the tokens that
// open them: a sentence opens at the first token starting in it; one
// with no token of its own is no sentence, and the tokens before the
// first belong to it.
func sentenceStarts(toks []corpus.Token, sents []spacySent, remap func(int) int) []corpus.Sentence {
	out := []corpus.Sentence{{First: 0}}
	k := 0
	for _, s := range sents {
		start := remap(s.Start)
		for k < len(toks) && toks[k].Start < start {
			k++
		}
		if k < len(toks) && k > out[len(out)-1].First && toks[k].Start < remap(s.End) {
			out = append(out, corpus.Sentence{First: k})
		}
	}
	return out
}

// spacyEntities reads the spans in code points of the text as given and
// moves them to the normalised text; token indexes, when given, must
// agree with the offsets.
func spacyEntities(text string, toks []spacyToken, spans []spacySpan, remap func(int) int) ([]corpus.Entity, error) {
	size := utf8.RuneCountInString(text)
	ents := make([]corpus.Entity, 0, len(spans))
	for k, s := range spans {
		if s.Start == nil || s.End == nil || s.Label == "" {
			return nil, fmt.Errorf("span %d lacks start, end or label", k)
		}
		a, b := *s.Start, *s.End
		if a < 0 || b > size || a >= b {
			return nil, fmt.Errorf("span %d [%d,%d) %s lies outside the text (0..%d code points) or is empty", k, a, b, s.Label, size)
		}
		if s.TokenStart != nil && s.TokenEnd != nil && len(toks) > 0 {
			ts, te := *s.TokenStart, *s.TokenEnd
			if ts < 0 || te < ts || te >= len(toks) || *toks[ts].Start != a || *toks[te].End != b {
				return nil, fmt.Errorf("span %d [%d,%d) %s: its tokens %d..%d do not start and end there", k, a, b, s.Label, ts, te)
			}
		}
		ents = append(ents, corpus.Entity{Start: remap(a), End: remap(b), Type: s.Label})
	}
	return ents, nil
}
