package session

import (
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// proclitics are the one-letter prefixes that stay attached to Arabic
// tokens (و ف ب ل ك). A phrase labelled as الصين also occurs inside
// والصين; the match then covers only the phrase, as an Alt-selection would.
const proclitics = "وفبلك"

// tokenIndex finds where a phrase's tokens occur in a document.
type tokenIndex struct {
	tokens []corpus.Token
	at     map[string][]hit
}

// hit is a token whose text (or whose text less a proclitic) is the key;
// skip is the number of code points to skip at its start.
type hit struct {
	token, skip int
}

func newTokenIndex(tokens []corpus.Token) *tokenIndex {
	ix := &tokenIndex{tokens: tokens, at: make(map[string][]hit, len(tokens))}
	for i, t := range tokens {
		ix.at[t.Text] = append(ix.at[t.Text], hit{i, 0})
		if rest, ok := withoutProclitic(t.Text); ok {
			ix.at[rest] = append(ix.at[rest], hit{i, 1})
		}
	}
	return ix
}

// withoutProclitic is a token's text less a leading proclitic (one code
// point), when it has one and more than a letter remains.
func withoutProclitic(token string) (string, bool) {
	if r, size := firstRune(token); size > 0 && strings.ContainsRune(proclitics, r) && len(token) > size+2 {
		return token[size:], true
	}
	return "", false
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// find returns the spans where the phrase occurs as whole tokens (the
// first may carry a proclitic), in document order.
func (ix *tokenIndex) find(phrase []string) []corpus.Span {
	if len(phrase) == 0 {
		return nil
	}
	var out []corpus.Span
	for _, h := range ix.at[phrase[0]] {
		last := h.token + len(phrase) - 1
		if last >= len(ix.tokens) {
			continue
		}
		ok := true
		for k := 1; k < len(phrase); k++ {
			if ix.tokens[h.token+k].Text != phrase[k] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, corpus.Span{Start: ix.tokens[h.token].Start + h.skip, End: ix.tokens[last].End})
		}
	}
	return out
}

// phraseTokens splits a surface string as the tokenizer would.
func phraseTokens(text string) []string {
	toks := corpus.Tokenize(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}
