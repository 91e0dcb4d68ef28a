package export

import (
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// normalize applies the store's text normalisation (BOM dropped, CRLF and
// CR to LF) and returns a function moving code point offsets of the
// original text to the normalised one. Offsets from other tools refer to
// the text as they saw it, so without this a file with Windows line ends
// would have every span after the first line shifted.
func normalize(text string) (string, func(int) int, bool) {
	norm := corpus.NormalizeText(text)
	if norm == text {
		return text, func(i int) int { return i }, false
	}
	n := utf8.RuneCountInString(text)
	m := make([]int, n+1)
	cp, out := 0, 0
	if strings.HasPrefix(text, "\uFEFF") {
		m[0] = 0
		cp = 1
		text = text[len("\uFEFF"):]
	}
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		m[cp] = out
		i += w
		cp++
		if r == '\r' && i < len(text) && text[i] == '\n' {
			continue // the \n that follows stands for both
		}
		out++
	}
	m[cp] = out
	return norm, func(i int) int {
		if i < 0 || i >= len(m) {
			return i
		}
		return m[i]
	}, true
}
