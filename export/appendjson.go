package export

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// The JSONL writers build each line with appends rather than
// encoding/json: a line is a handful of fixed keys, and reflection would
// dominate the export time of a large corpus.

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Only what JSON requires is
// escaped (quote, backslash, control characters); Arabic stays readable.
// U+2028 and U+2029 are escaped too, so that the lines also embed in
// JavaScript. Invalid UTF-8 (which the store never holds, but a Doc built
// by hand may) becomes U+FFFD, one for each run of bad bytes, as
// strings.ToValidUTF8 does.
//
// Escaping and UTF-8 validation share one pass, since text is most of an
// export's bytes: runs that need nothing are copied with one append, and
// Arabic letters, two-byte sequences, are checked without decoding.
func appendString(buf []byte, s string) []byte {
	mark := len(buf)
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"':
				buf = append(buf, '\\', '"')
			case '\\':
				buf = append(buf, '\\', '\\')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\r':
				buf = append(buf, '\\', 'r')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 {
			// Rare enough to pay a second pass over a repaired copy.
			return appendString(buf[:mark], strings.ToValidUTF8(s, "\uFFFD"))
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\u202`...)
			buf = append(buf, hexDigits[r&0xF])
			start = i + size
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// plainASCII (read-only) marks the ASCII bytes appendString copies as
// they are: all but controls, quote and backslash.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func appendKey(buf []byte, first bool, key string) []byte {
	if !first {
		buf = append(buf, ',')
	}
	buf = appendString(buf, key)
	return append(buf, ':')
}

// appendMeta appends a JSON object of the document's descriptive fields and
// its own meta keys (sorted, so output is stable).
func appendMeta(buf []byte, d *corpus.Document) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, true, "doc_id")
	buf = appendString(buf, d.ID)
	buf = appendKey(buf, false, "title")
	buf = appendString(buf, d.Title)
	if d.Source != "" {
		buf = appendKey(buf, false, "source")
		buf = appendString(buf, d.Source)
	}
	buf = appendKey(buf, false, "sha256")
	buf = appendString(buf, d.SHA256)
	keys := make([]string, 0, len(d.Meta))
	for k := range d.Meta {
		switch k {
		case "doc_id", "title", "source", "sha256":
			continue // ours win: they identify the document
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		buf = appendKey(buf, false, k)
		if json.Valid(d.Meta[k]) {
			buf = append(buf, d.Meta[k]...)
		} else {
			buf = append(buf, "null"...)
		}
	}
	return append(buf, '}')
}
