package textview

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"github.com/tawsim/tawsim/textlayout"
)

// Highlight geometry. All of it comes from the layout's SpanRects, so an
// annotation change only moves rectangles and never lays text out again.
const (
	bandInset   = 3  // each nesting level narrows the band by this, top and bottom
	minBand     = 6  // a band is never thinner than this
	labelSize   = 9  // type labels
	fillAlpha   = 90 // entity fill, out of 255: three nested layers still show the glyphs
	triggerFill = 40 // trigger fill
	underlineH  = 3  // trigger underline
	dash, gap   = 4, 3
	strokeW     = 1.5 // trigger and selected outlines
)

// highlights appends the highlight objects of lines [first, last] to
// r.under (fills, drawn behind the glyphs) and r.over (outlines,
// underlines, labels).
func (r *renderer) highlights(lay *textlayout.Layout, first, last int) {
	v := r.v
	visStart, visEnd := lay.Lines[first].Start, lay.Lines[last].End
	pad := v.pad()
	dx, dy := pad, pad-v.scrollY
	colorOf := v.typeColor
	if colorOf == nil {
		colorOf = DefaultTypeColor
	}
	rtlAt := func(off int) bool { return lay.Lines[lay.LineOf(off)].RTL }

	for k := kindEntity; k <= kindSuggestion; k++ {
		anns, depths := v.ann[k], v.depth[k]
		// Annotations are sorted by start: skip those starting after the
		// visible text; those ending before it are skipped in the loop.
		n := sort.Search(len(anns), func(i int) bool { return anns[i].Start >= visEnd })
		for i := 0; i < n; i++ {
			a := anns[i]
			if a.End <= visStart || a.Start >= a.End {
				continue
			}
			rects := lay.SpanRects(max(a.Start, visStart), min(a.End, visEnd))
			if len(rects) == 0 {
				continue
			}
			c := colorOf(a.Type)
			d := float32(depths[i])
			inset := min(d*bandInset, (lay.LineHeight-minBand)/2)
			for _, q := range rects {
				x, y, w, h := q.X+dx, q.Y+dy+inset, q.W, q.H-2*inset
				switch k {
				case kindEntity:
					r.rect(&r.under, x, y, w, h, withAlpha(c, fillAlpha), nil, 0)
				case kindTrigger:
					r.rect(&r.under, x, y, w, h, withAlpha(c, triggerFill), nil, 0)
					r.rect(&r.over, x, y, w, h, nil, c, strokeW)
					r.rect(&r.over, x, y+h-underlineH, w, underlineH, c, nil, 0)
				case kindSuggestion:
					r.dashed(x, y, w, h, withAlpha(c, 220))
				}
				if a.ID != "" && a.ID == v.selected {
					sel := v.themeColor(fynetheme.ColorNamePrimary)
					r.rect(&r.over, x-1, y-1, w+2, h+2, nil, sel, 2)
				} else if _, ok := v.linked[a.ID]; ok && a.ID != "" {
					r.dashed(x-1, y-1, w+2, h+2, v.themeColor(fynetheme.ColorNamePrimary))
				}
			}
			if a.Start >= visStart && a.Type != "" {
				r.label(lay, a, rects, inset, depths[i]%2 == 1, rtlAt(a.Start), c, dx, dy)
				if role, ok := v.linked[a.ID]; ok && a.ID != "" && role != "" {
					// The role goes on the other edge from the type label.
					r.label(lay, Annotation{ID: a.ID, Start: a.Start, End: a.End, Type: role}, rects, inset, depths[i]%2 == 0, rtlAt(a.Start), v.themeColor(fynetheme.ColorNamePrimary), dx, dy)
				}
			}
		}
	}

	// Review: candidates and disagreements (nothing in annotate mode).
	r.candidates(lay, visStart, visEnd, dx, dy, colorOf, rtlAt)
	r.regions(lay, visStart, visEnd, dx, dy)

	// The text selection sits above entity fills, below the glyphs.
	if s, e := v.selStart, v.selEnd; s < e && e > visStart && s < visEnd {
		sel := v.themeColor(fynetheme.ColorNameSelection)
		for _, q := range lay.SpanRects(max(s, visStart), min(e, visEnd)) {
			r.rect(&r.under, q.X+dx, q.Y+dy, q.W, q.H, sel, nil, 0)
		}
	}

	// The keyboard cursor: a bar under the current token.
	if v.focused && v.cursor >= 0 && v.cursor < len(v.tokens) {
		t := v.tokens[v.cursor]
		if t.End > visStart && t.Start < visEnd {
			c := v.themeColor(fynetheme.ColorNameFocus)
			for _, q := range lay.SpanRects(t.Start, t.End) {
				r.rect(&r.over, q.X+dx, q.Y+dy+q.H-2, q.W, 2, c, nil, 0)
			}
		}
	}
}

// label draws the annotation's type in small text at the start of its
// first rectangle (the right end on a right-to-left line), at the top of
// its band, or at the bottom for odd nesting levels so that the labels of
// nested spans starting at the same word do not overprint.
func (r *renderer) label(lay *textlayout.Layout, a Annotation, rects []textlayout.Rect, inset float32, bottom, rtl bool, c color.Color, dx, dy float32) {
	line := rects[0].Y
	var q textlayout.Rect
	if rtl { // rightmost rectangle of the first line
		for _, x := range rects {
			if x.Y == line {
				q = x
			}
		}
	} else {
		q = rects[0]
	}
	w, ok := r.labelW[a.Type]
	if !ok {
		w = fyne.MeasureText(a.Type, labelSize, fyne.TextStyle{Bold: true}).Width
		r.labelW[a.Type] = w
	}
	x := q.X + dx + 1
	if rtl {
		x = q.X + q.W - w + dx - 1
	}
	y := q.Y + dy + inset - 1
	if bottom {
		y = q.Y + q.H + dy - inset - labelSize - 3
	}
	if r.v.dark() {
		c = opaque(c)
	} else {
		c = darker(c)
	}
	r.text(a.Type, x, y, labelSize, c, true)
}

// dashed draws a dashed outline of small rectangles: Fyne has no dashed
// stroke.
func (r *renderer) dashed(x, y, w, h float32, c color.Color) {
	const t = 1.5 // thickness
	for o := float32(0); o < w; o += dash + gap {
		l := min(dash, w-o)
		r.rect(&r.over, x+o, y, l, t, c, nil, 0)
		r.rect(&r.over, x+o, y+h-t, l, t, c, nil, 0)
	}
	for o := float32(0); o < h; o += dash + gap {
		l := min(dash, h-o)
		r.rect(&r.over, x, y+o, t, l, c, nil, 0)
		r.rect(&r.over, x+w-t, y+o, t, l, c, nil, 0)
	}
}

// darker returns c at 75% brightness, opaque: on a light background
// labels must stay legible on their own translucent fill.
func darker(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return color.NRGBA{uint8(uint16(n.R) * 3 / 4), uint8(uint16(n.G) * 3 / 4), uint8(uint16(n.B) * 3 / 4), 0xff}
}

// opaque returns c without transparency.
func opaque(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	return n
}
