package corpus

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Tokenization is a document's own token and sentence boundaries, kept
// when it came from a token format (CoNLL, Hugging Face, spaCy tokens), so
// that every token export gives back exactly the file's tokens.
type Tokenization struct {
	// Spans holds each token's start and end code point, in text order:
	// start₀, end₀, start₁, end₁, …
	Spans []int `json:"spans"`
	// Sentences holds the index of each sentence's first token, ascending,
	// beginning with 0 when there are tokens.
	Sentences []int `json:"sentences"`
}

// Len is the number of tokens.
func (t *Tokenization) Len() int { return len(t.Spans) / 2 }

// NewTokenization records tokens and sentences as given.
func NewTokenization(tokens []Token, sentences []Sentence) *Tokenization {
	t := &Tokenization{Spans: make([]int, 0, 2*len(tokens)), Sentences: make([]int, 0, len(sentences))}
	for _, tk := range tokens {
		t.Spans = append(t.Spans, tk.Start, tk.End)
	}
	for _, s := range sentences {
		t.Sentences = append(t.Sentences, s.First)
	}
	return t
}

// Validate checks the tokenization against a text of n code points:
// tokens non-empty, in order, not overlapping, inside the text; sentence
// starts ascending token indexes beginning at 0.
func (t *Tokenization) Validate(n int) error {
	if len(t.Spans)%2 != 0 {
		return fmt.Errorf("tokenization: %d offsets, not start/end pairs", len(t.Spans))
	}
	prev := 0
	for i := 0; i < len(t.Spans); i += 2 {
		s, e := t.Spans[i], t.Spans[i+1]
		if s < prev || e <= s || e > n {
			return fmt.Errorf("tokenization: token %d [%d,%d) is empty, out of order or outside the text (0..%d)", i/2, s, e, n)
		}
		prev = e
	}
	for i, f := range t.Sentences {
		if f < 0 || f >= t.Len() || i == 0 && f != 0 || i > 0 && f <= t.Sentences[i-1] {
			return fmt.Errorf("tokenization: sentence %d starts at token %d, which is not after the previous start", i, f)
		}
	}
	if t.Len() > 0 && len(t.Sentences) == 0 {
		return fmt.Errorf("tokenization: tokens but no sentence")
	}
	return nil
}

// Tokens returns the document's tokens: its own (from a token format) or
// those of the tokenizer version it was imported with. An unknown version
// (a database from a newer Tawsim) yields nil.
func (d Document) Tokens() []Token {
	if t := d.Tokenization; t != nil {
		return sourceTokens(d.Text, t)
	}
	toks, err := TokenizeVersion(d.TokenizerVersion(), d.Text)
	if err != nil {
		return nil
	}
	return toks
}

// TokenizerVersion is the version of Tawsim's tokenizer the document was
// cut with; 0 when it keeps a token format's own tokens. Documents stored
// before versions were recorded were cut with version 1.
func (d Document) TokenizerVersion() int {
	switch {
	case d.Tokenization != nil:
		return 0
	case d.Tokenizer == 0:
		return 1
	}
	return d.Tokenizer
}

// Sentences returns the document's sentences over toks (from Tokens): the
// file's sentence breaks, or SplitSentences for text Tawsim tokenized.
func (d Document) Sentences(toks []Token) []Sentence {
	t := d.Tokenization
	if t == nil {
		return SplitSentences(d.Text, toks)
	}
	out := make([]Sentence, 0, len(t.Sentences))
	for i, first := range t.Sentences {
		last := len(toks)
		if i+1 < len(t.Sentences) {
			last = t.Sentences[i+1]
		}
		if first >= last || last > len(toks) {
			continue
		}
		out = append(out, sentence(toks, first, last))
	}
	return out
}

// sourceTokens turns stored spans into tokens of text.
func sourceTokens(text string, t *Tokenization) []Token {
	toks := make([]Token, 0, t.Len())
	b, cp := 0, 0 // walk the text once, spans are in order
	for i := 0; i+1 < len(t.Spans); i += 2 {
		s, e := t.Spans[i], t.Spans[i+1]
		for cp < s && b < len(text) {
			_, w := utf8.DecodeRuneInString(text[b:])
			b += w
			cp++
		}
		start := b
		for cp < e && b < len(text) {
			_, w := utf8.DecodeRuneInString(text[b:])
			b += w
			cp++
		}
		toks = append(toks, Token{Start: s, End: e, Text: text[start:b]})
	}
	return toks
}

// TokenAt returns the index of the token containing code point off, or -1.
func TokenAt(toks []Token, off int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
	if i < len(toks) && toks[i].Start <= off {
		return i
	}
	return -1
}
