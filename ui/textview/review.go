package textview

import (
	"image/color"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"github.com/tawsim/tawsim/textlayout"
)

// Review geometry: candidates are outlined where entities are filled, so
// gold (solid) and the annotators' work (outlined) tell apart at a
// glance, and each candidate carries a strip of its annotators' colours.
const (
	candidateStroke = 1.5
	stripH          = 3  // the annotators' colour strip
	badgeD          = 13 // the count badge's diameter
	badgeSize       = 9  // its digits
	regionBar       = 3  // the bar above a disagreement
)

// candidates draws the review candidates of the visible text.
func (r *renderer) candidates(lay *textlayout.Layout, visStart, visEnd int, dx, dy float32, colorOf func(string) color.Color, rtlAt func(int) bool) {
	v := r.v
	annColor := v.annColor
	if annColor == nil {
		annColor = DefaultAnnotatorColor
	}
	for k := kindCandidate; k <= kindEventCandidate; k++ {
		anns, depths := v.ann[k], v.depth[k]
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
			inset := min(float32(depths[i])*bandInset, (lay.LineHeight-minBand)/2)
			for _, q := range rects {
				x, y, w, h := q.X+dx, q.Y+dy+inset, q.W, q.H-2*inset
				r.rect(&r.over, x, y, w, h, nil, withAlpha(c, 235), candidateStroke)
				if k == kindEventCandidate {
					// A trigger: a thin underline above the strip.
					r.rect(&r.over, x, y+h-stripH-2, w, 1, c, nil, 0)
				}
				if nb := len(a.By); nb > 0 {
					seg := w / float32(nb)
					for j, who := range a.By {
						r.rect(&r.over, x+float32(j)*seg, y+h-stripH, seg, stripH, annColor(who), nil, 0)
					}
				}
				if a.ID != "" && a.ID == v.selected {
					r.rect(&r.over, x-1, y-1, w+2, h+2, nil, v.themeColor(fynetheme.ColorNamePrimary), 2)
				}
			}
			if a.Start >= visStart && a.Type != "" {
				// Labels at the bottom edge: gold's go at the top.
				r.label(lay, a, rects, inset+stripH, depths[i]%2 == 0, rtlAt(a.Start), c, dx, dy)
			}
			if len(a.By) > 1 && a.End <= visEnd {
				r.badge(rects, strconv.Itoa(len(a.By)), inset, rtlAt(max(a.End-1, a.Start)), dx, dy)
			}
		}
	}
}

// badge draws a round count at the end of a span: on the bottom corner of
// its last rectangle's end edge (the left one on a right-to-left line),
// over the colour strip, where it covers the least of the glyphs and
// stays inside the line.
func (r *renderer) badge(rects []textlayout.Rect, text string, inset float32, rtl bool, dx, dy float32) {
	last := rects[len(rects)-1].Y
	var q textlayout.Rect
	if rtl { // leftmost rectangle of the last line
		for i := len(rects) - 1; i >= 0 && rects[i].Y == last; i-- {
			q = rects[i]
		}
	} else {
		q = rects[len(rects)-1]
	}
	x := q.X + dx - badgeD/2
	if !rtl {
		x = q.X + q.W + dx - badgeD/2
	}
	y := q.Y + q.H + dy - inset - badgeD + 2
	fg, bg := r.v.themeColor(fynetheme.ColorNameForeground), r.v.themeColor(fynetheme.ColorNameBackground)
	o := r.rects.get()
	o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fg, bg, 1, badgeD/2
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(badgeD, badgeD))
	o.Refresh()
	r.over = append(r.over, o)
	w, ok := r.labelW["#"+text]
	if !ok {
		w = fyne.MeasureText(text, badgeSize, fyne.TextStyle{Bold: true}).Width
		r.labelW["#"+text] = w
	}
	t := r.text(text, x+(badgeD-w)/2, y, badgeSize, bg, true)
	t.Resize(fyne.NewSize(w, badgeD))
}

// regions draws a dashed bar above each visible region (a disagreement)
// in the theme's error colour, or its success colour once settled, and
// outlines the current one with dashes. Dashes keep the marks apart from
// the candidates' solid outlines, whatever the colours.
func (r *renderer) regions(lay *textlayout.Layout, visStart, visEnd int, dx, dy float32) {
	v := r.v
	if len(v.regions) == 0 {
		return
	}
	open := v.themeColor(fynetheme.ColorNameError)
	settled := withAlpha(v.themeColor(fynetheme.ColorNameSuccess), 170)
	for i, g := range v.regions {
		if g.Start >= visEnd {
			break
		}
		if g.End <= visStart || g.Start >= g.End {
			continue
		}
		c := color.Color(open)
		if g.Settled {
			c = settled
		}
		for _, q := range lay.SpanRects(max(g.Start, visStart), min(g.End, visEnd)) {
			x, y := q.X+dx, q.Y+dy
			for o := float32(0); o < q.W; o += dash + gap {
				r.rect(&r.over, x+o, y-regionBar, min(dash, q.W-o), regionBar, c, nil, 0)
			}
			if i == v.current {
				r.dashed(x-3, y-regionBar-1, q.W+6, q.H+regionBar+3, open)
			}
		}
	}
}
