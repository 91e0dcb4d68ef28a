package export

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// DefaultMaxChars bounds one document's text: about a megabyte of Arabic,
// thirty times a long news article. A larger "document" is a book or many
// articles in one file, and would open slowly and annotate badly.
const DefaultMaxChars = 1_000_000

// limitItems applies the size limit: an article over max is refused with
// the way out, or, with split, cut at paragraph breaks into documents of at
// most max characters; annotated documents over it are always refused
// (their annotations would have to be cut too).
func limitItems(items []corpus.ImportItem, max int, split bool) ([]corpus.ImportItem, int, error) {
	if max <= 0 {
		return items, 0, nil
	}
	var out []corpus.ImportItem
	cut := 0
	for _, it := range items {
		n := utf8.RuneCountInString(it.Doc.Text)
		if n <= max {
			out = append(out, it)
			continue
		}
		if !split || len(it.Layers) > 0 || it.Doc.Tokenization != nil {
			how := "split it into articles, or let --split-long cut it at paragraph breaks"
			if len(it.Layers) > 0 || it.Doc.Tokenization != nil {
				how = "split the file into smaller documents (for CoNLL, --doc-sentences N)"
			}
			return nil, 0, fmt.Errorf("import %s: the text is %s characters, over the limit of %s for one document: %s, or raise --max-chars",
				it.Origin, thousands(n), thousands(max), how)
		}
		parts := cutAtParagraphs(it.Doc.Text, max)
		for i, p := range parts {
			piece := it
			piece.Origin = fmt.Sprintf("%s (part %d of %d)", it.Origin, i+1, len(parts))
			piece.Doc.Text = p
			piece.Doc.ID = ""
			if it.Doc.Title != "" {
				piece.Doc.Title = fmt.Sprintf("%s (%d/%d)", it.Doc.Title, i+1, len(parts))
			}
			out = append(out, piece)
		}
		cut++
	}
	return out, cut, nil
}

// cutAtParagraphs cuts text into pieces of at most max characters at
// blank lines, else at line breaks, else at spaces, else anywhere; the
// pieces together hold every character of the text, in order.
func cutAtParagraphs(text string, max int) []string {
	var out []string
	for utf8.RuneCountInString(text) > max {
		head := prefixRunes(text, max)
		at := -1
		for _, sep := range []string{"\n\n", "\n", " "} {
			if i := strings.LastIndex(head, sep); i > 0 {
				at = i + len(sep)
				break
			}
		}
		if at <= 0 {
			at = len(head)
		}
		out = append(out, text[:at])
		text = text[at:]
	}
	if strings.TrimSpace(text) != "" || len(out) == 0 {
		out = append(out, text)
	} else {
		out[len(out)-1] += text
	}
	return out
}

// prefixRunes is the first n code points of s.
func prefixRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

// thousands writes n with thin groups of three: 1,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
