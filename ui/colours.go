package ui

import (
	"image/color"
	"strconv"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/textview"
)

// typeColour is the schema's colour for an entity type, or the view's
// default when the schema gives none (or none that parses).
func typeColour(sc corpus.Schema, typ string) color.Color {
	if t, ok := sc.EntityType(typ); ok {
		if c, ok := parseHex(t.Colour); ok {
			return c
		}
	}
	return textview.DefaultTypeColor(typ)
}

// parseHex reads a "#rrggbb" colour.
func parseHex(s string) (color.NRGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}
