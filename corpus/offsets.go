package corpus

import (
	"fmt"
	"math"
	"sort"
	"unicode/utf8"
)

// Index maps between code point and byte offsets of one text.
//
// Code points are counted the way utf8.RuneCountInString and a range loop
// count them: each byte of an invalid UTF-8 sequence is one code point. That
// keeps offsets stable for any string, not only for valid UTF-8.
//
// ASCII-only text needs no table because both offsets coincide; otherwise the
// index keeps one int32 per code point (so text is limited to 2 GiB), which
// makes Byte O(1) and Rune O(log n).
//
// Out-of-range offsets panic, as slicing does: a stale span is a bug the
// caller must see, not one to paper over by clamping.
type Index struct {
	text string
	n    int
	// byteOf[cp] is the byte offset of code point cp, with a final entry
	// len(text); nil when the text is ASCII-only.
	byteOf []int32
}

// NewIndex builds the index of text.
func NewIndex(text string) *Index {
	if len(text) > math.MaxInt32 {
		panic("corpus: text too large for Index")
	}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return &Index{text: text, n: len(text)}
	}
	n := utf8.RuneCountInString(text)
	byteOf := make([]int32, 0, n+1)
	for i := 0; i < len(text); {
		byteOf = append(byteOf, int32(i))
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, w := utf8.DecodeRuneInString(text[i:])
		i += w
	}
	byteOf = append(byteOf, int32(len(text)))
	return &Index{text: text, n: n, byteOf: byteOf}
}

// Text returns the indexed text.
func (ix *Index) Text() string { return ix.text }

// Len returns the number of code points.
func (ix *Index) Len() int { return ix.n }

// Byte returns the byte offset of code point cp; cp == Len() gives
// len(text).
func (ix *Index) Byte(cp int) int {
	if cp < 0 || cp > ix.n {
		panic(fmt.Sprintf("corpus: code point offset %d out of range [0,%d]", cp, ix.n))
	}
	if ix.byteOf == nil {
		return cp
	}
	return int(ix.byteOf[cp])
}

// Rune returns the code point offset of byte offset b. A b inside a
// multi-byte rune gives the offset of that rune, so that a byte range found
// by a byte-oriented search never widens past the rune it touches.
func (ix *Index) Rune(b int) int {
	if b < 0 || b > len(ix.text) {
		panic(fmt.Sprintf("corpus: byte offset %d out of range [0,%d]", b, len(ix.text)))
	}
	if ix.byteOf == nil {
		return b
	}
	// First entry > b, minus one: the rune starting at or before b.
	return sort.Search(len(ix.byteOf), func(i int) bool { return int(ix.byteOf[i]) > b }) - 1
}

// Slice returns the text of the code point range [start, end).
func (ix *Index) Slice(start, end int) string {
	if start > end {
		panic(fmt.Sprintf("corpus: invalid code point range [%d,%d)", start, end))
	}
	return ix.text[ix.Byte(start):ix.Byte(end)]
}

// SliceSpan returns the text of s.
func (ix *Index) SliceSpan(s Span) string { return ix.Slice(s.Start, s.End) }
