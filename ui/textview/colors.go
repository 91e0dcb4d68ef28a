package textview

import (
	"hash/fnv"
	"image/color"
	"strings"
)

// paletteColor returns the i-th of nine distinct, mid-light hues that
// stay readable behind dark text when made translucent, and behind light
// text on a dark background. (A function, not a package variable: no
// global mutable state.)
func paletteColor(i int) color.NRGBA {
	p := [...]color.NRGBA{
		{0x1f, 0x77, 0xb4, 0xff}, // blue
		{0xff, 0x7f, 0x0e, 0xff}, // orange
		{0x2c, 0xa0, 0x2c, 0xff}, // green
		{0xd6, 0x27, 0x28, 0xff}, // red
		{0x94, 0x67, 0xbd, 0xff}, // purple
		{0x8c, 0x56, 0x4b, 0xff}, // brown
		{0xe3, 0x77, 0xc2, 0xff}, // pink
		{0x17, 0xbe, 0xcf, 0xff}, // cyan
		{0xbc, 0xbd, 0x22, 0xff}, // olive
	}
	return p[i%len(p)]
}

// wellKnown fixes the colours of the usual entity types so that PER is
// always blue, whatever else the schema holds.
func wellKnown(typ string) (int, bool) {
	switch strings.ToUpper(typ) {
	case "PER", "PERSON":
		return 0, true
	case "ORG", "ORGANIZATION":
		return 1, true
	case "LOC", "LOCATION":
		return 2, true
	case "GPE":
		return 3, true
	case "DATE", "TIME":
		return 4, true
	case "MONEY", "NUM", "QUANTITY":
		return 5, true
	case "EVENT":
		return 6, true
	case "MISC":
		return 7, true
	}
	return 0, false
}

// DefaultTypeColor returns an opaque colour for an annotation type: a
// fixed one for common types (PER blue, ORG orange, LOC green, GPE red,
// ...), otherwise one chosen by a hash of the name, so a type keeps its
// colour across sessions.
func DefaultTypeColor(typ string) color.Color {
	if i, ok := wellKnown(typ); ok {
		return paletteColor(i)
	}
	h := fnv.New32a()
	h.Write([]byte(typ))
	return paletteColor(int(h.Sum32() % 9))
}

// withAlpha returns c with alpha a (0-255), for translucent fills.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint32(n.A) * uint32(a) / 255)
	return n
}

// AnnotatorColor returns the i-th of eight annotator colours (wrapping
// round): Okabe and Ito's colour-blind-safe hues, with their yellow
// darkened, their vermilion (too near the red that marks disagreements)
// turned brown, and a violet added, all mid-light so that a thin strip or
// outline of each reads on a light background and on a dark one.
func AnnotatorColor(i int) color.NRGBA {
	p := [...]color.NRGBA{
		{0x00, 0x72, 0xb2, 0xff}, // blue
		{0xe6, 0x9f, 0x00, 0xff}, // orange
		{0x00, 0x9e, 0x73, 0xff}, // bluish green
		{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
		{0x9a, 0x63, 0x4e, 0xff}, // brown
		{0x56, 0xb4, 0xe9, 0xff}, // sky blue
		{0xb0, 0x9c, 0x00, 0xff}, // dark yellow
		{0x8e, 0x6b, 0xe8, 0xff}, // violet
	}
	return p[(i%len(p)+len(p))%len(p)]
}

// DefaultAnnotatorColor returns an annotator's colour chosen by a hash of
// the name, so it stays the same across sessions. Two annotators may
// share one; the application assigns colours from AnnotatorColor without
// clashes when it knows everyone (SetAnnotatorColor).
func DefaultAnnotatorColor(name string) color.Color {
	h := fnv.New32a()
	h.Write([]byte(name))
	return AnnotatorColor(int(h.Sum32() % 8))
}
