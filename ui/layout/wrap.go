package layout

import (
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/shaping"
)

// wrap breaks one shaped paragraph into lines, appending them to l.
// go-text's LineWrapper chooses the breaks; the visual order is computed
// here from the levels (see reorder).
func (e *Engine) wrap(l *Layout, pi int, p Para, s *shaped, maxWidth int, asc, desc float32) {
	base := Line{Para: pi, Start: p.Start, End: p.Start, RTL: s.rtl, Ascent: asc, Descent: desc}
	if len(s.outs) == 0 {
		l.Lines = append(l.Lines, base)
		return
	}
	cfg := shaping.WrapConfig{
		Direction: di.DirectionLTR,
		// Trailing spaces are zeroed here after rule L1 moved them to
		// the paragraph edge; the wrapper only trims one glyph.
		DisableTrailingWhitespaceTrim: true,
	}
	if s.rtl {
		cfg.Direction = di.DirectionRTL
	}
	lines, _ := e.wrapper.WrapParagraph(cfg, maxWidth, s.runes, shaping.NewSliceIterator(s.outs))
	for _, wl := range lines {
		ln := base
		ln.Runs = make([]Run, 0, len(wl))
		for _, o := range wl {
			if o.Runes.Count == 0 {
				continue
			}
			ln.Runs = append(ln.Runs, Run{
				Start:  p.Start + o.Runes.Offset,
				End:    p.Start + o.Runes.Offset + o.Runes.Count,
				Level:  s.levels[o.Runes.Offset],
				RTL:    o.Direction.Progression() == di.TowardTopLeft,
				Face:   o.Face,
				Size:   l.Options.Size,
				Glyphs: o.Glyphs,
			})
		}
		if len(ln.Runs) == 0 {
			continue
		}
		ln.Start, ln.End = ln.Runs[0].Start, ln.Runs[len(ln.Runs)-1].End
		ln.Runs = trailingL1(ln.Runs, s, p.Start)
		reorder(ln.Runs)
		for i := range ln.Runs {
			ln.Runs[i].Width = advance(ln.Runs[i].Glyphs)
			ln.Width += ln.Runs[i].Width
		}
		l.Lines = append(l.Lines, ln)
	}
	if len(l.Lines) == p.FirstLine { // nothing survived: keep the line
		l.Lines = append(l.Lines, base)
	}
}

// advance sums glyph advances in pixels.
func advance(gs []shaping.Glyph) float32 {
	var a int32
	for _, g := range gs {
		a += int32(g.XAdvance)
	}
	return float32(a) / 64
}

// trailingL1 applies UBA rule L1 at the end of a wrapped line: trailing
// whitespace takes the paragraph level, so it sits at the line's far end
// rather than inside an opposite-direction run; its advance is zeroed so
// wrapped lines align flush. Runs are in logical order.
func trailingL1(runs []Run, s *shaped, paraStart int) []Run {
	end := runs[len(runs)-1].End - paraStart
	k := end
	for k > runs[0].Start-paraStart && isL1Space(s.runes[k-1]) {
		k--
	}
	if k == end {
		return runs
	}
	base := uint8(0)
	if s.rtl {
		base = 1
	}
	cut := paraStart + k
	for i := len(runs) - 1; i >= 0 && runs[i].End > cut; i-- {
		r := &runs[i]
		if r.Start < cut { // split: the head keeps its level
			head, tail := *r, *r
			head.End, tail.Start = cut, cut
			head.Glyphs, tail.Glyphs = splitGlyphs(r.Glyphs, k)
			runs = append(runs, Run{})
			copy(runs[i+2:], runs[i+1:])
			runs[i], runs[i+1] = head, tail
			r = &runs[i+1]
		} else {
			r.Glyphs = append([]shaping.Glyph(nil), r.Glyphs...)
		}
		r.Level, r.RTL = base, s.rtl
		for g := range r.Glyphs {
			r.Glyphs[g].XAdvance = 0
		}
		if r.RTL != (len(r.Glyphs) > 1 && r.Glyphs[0].ClusterIndex > r.Glyphs[len(r.Glyphs)-1].ClusterIndex) {
			reverseGlyphs(r.Glyphs) // keep glyphs left to right for the new direction
		}
	}
	return runs
}

// splitGlyphs divides glyphs at cluster index k (paragraph relative),
// copying both halves so the shaping cache stays untouched.
func splitGlyphs(gs []shaping.Glyph, k int) (before, after []shaping.Glyph) {
	for _, g := range gs {
		if g.ClusterIndex < k {
			before = append(before, g)
		} else {
			after = append(after, g)
		}
	}
	return before, after
}

func reverseGlyphs(gs []shaping.Glyph) {
	for i, j := 0, len(gs)-1; i < j; i, j = i+1, j-1 {
		gs[i], gs[j] = gs[j], gs[i]
	}
}

// reorder puts runs (logical order) into screen order by rule L2: from
// the highest level down to the lowest odd level, reverse every maximal
// sequence of runs at that level or higher.
func reorder(runs []Run) {
	var hi, lo uint8 = 0, 255
	for _, r := range runs {
		hi = max(hi, r.Level)
		if r.Level&1 == 1 {
			lo = min(lo, r.Level)
		}
	}
	for lvl := hi; lvl >= lo && lvl > 0; lvl-- {
		for i := 0; i < len(runs); {
			if runs[i].Level < lvl {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].Level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
			}
			i = j
		}
	}
}
