package textlayout

import (
	"fmt"
	"math"
)

// Direction is the paragraph direction of a document.
type Direction uint8

const (
	// Auto takes each paragraph's direction from its first strong
	// character (UBA rules P2–P3), left to right if there is none.
	Auto Direction = iota
	// LTR forces every paragraph left to right.
	LTR
	// RTL forces every paragraph right to left.
	RTL
)

func (d Direction) String() string {
	switch d {
	case Auto:
		return "auto"
	case LTR:
		return "ltr"
	case RTL:
		return "rtl"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// ParseDirection parses "auto", "rtl" or "ltr" (as used by the CLI and
// per-document settings).
func ParseDirection(s string) (Direction, error) {
	switch s {
	case "auto", "":
		return Auto, nil
	case "ltr":
		return LTR, nil
	case "rtl":
		return RTL, nil
	}
	return Auto, fmt.Errorf("layout: unknown direction %q (want auto, rtl or ltr)", s)
}

// DefaultSize is the font size used when Options.Size is zero.
const DefaultSize = 16

// Options control a layout.
type Options struct {
	// Direction is the paragraph direction, Auto by default.
	Direction Direction
	// Width is the wrapping width in pixels; 0 (or less) means no
	// wrapping: each paragraph is one line.
	Width float32
	// Size is the font size in pixels (the em size); 0 means DefaultSize.
	Size float32
}

// maxWrap stands in for "no wrapping" in the wrapper's int widths.
const maxWrap = 1 << 30

func (o Options) normalized() (Options, error) {
	if o.Size == 0 {
		o.Size = DefaultSize
	}
	if math.IsNaN(float64(o.Size)) || o.Size < 0 || o.Size > 10000 {
		return o, fmt.Errorf("layout: font size %v out of range (0, 10000]", o.Size)
	}
	if math.IsNaN(float64(o.Width)) || o.Width <= 0 || o.Width > maxWrap {
		o.Width = 0
	}
	if o.Direction > RTL {
		return o, fmt.Errorf("layout: invalid direction %d", o.Direction)
	}
	return o, nil
}
