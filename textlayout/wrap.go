package textlayout

import (
	"github.com/go-text/typesetting/shaping"
)

// wrap breaks one shaped paragraph into lines, appending them to l.
// Lines are filled greedily: each ends at the last break opportunity whose
// text, without trailing whitespace (zeroed by rule L1 anyway), fits in
// maxWidth; a word wider than a line is broken between clusters. Widths
// come from prefix sums, so a re-wrap after a resize does no shaping and
// no Unicode lookups. The visual order is computed from the levels (see
// reorder).
func (e *Engine) wrap(l *Layout, pi int, p Para, s *shaped, maxWidth int, asc, desc float32) {
	base := Line{Para: pi, Start: p.Start, End: p.Start, RTL: s.rtl, Ascent: asc, Descent: desc}
	n := len(s.runes)
	if len(s.items) == 0 {
		l.Lines = append(l.Lines, base)
		return
	}
	// A line fits if its advance rounded up is at most maxWidth pixels,
	// as go-text's wrapper decided.
	limit := int64(maxWidth) << 6
	bi, ii := 0, 0 // next break opportunity, first item of the line
	for ls := 0; ls < n; {
		for bi < len(s.breaks) && int(s.breaks[bi]) <= ls {
			bi++
		}
		end := -1
		for ; bi < len(s.breaks); bi++ {
			b := int(s.breaks[bi])
			if s.width(ls, b) > limit {
				break
			}
			end = b
		}
		if end < 0 { // not even one word fits: break it between clusters
			stop := n
			if bi < len(s.breaks) {
				stop = int(s.breaks[bi])
			}
			end = s.nextCluster(ls)
			for c := s.nextCluster(end); end < stop && s.width(ls, c) <= limit; c = s.nextCluster(c) {
				end = c
			}
		}
		for s.items[ii].end <= ls {
			ii++
		}
		l.Lines = append(l.Lines, e.line(l, s, p, base, ii, ls, end))
		ls = end
	}
}

// width is the advance of runes [a, b) without trailing whitespace, in
// 26.6 pixels.
func (s *shaped) width(a, b int) int64 {
	for b > a && isL1Space(s.runes[b-1]) {
		b--
	}
	return s.cum[b] - s.cum[a]
}

// nextCluster returns the next cluster start after i (or the end).
func (s *shaped) nextCluster(i int) int {
	i++
	for i < len(s.runes) && !s.cluster[i] {
		i++
	}
	return min(i, len(s.runes))
}

// line builds the visual line of runes [ls, le) of the paragraph, whose
// first item is s.items[ii].
func (e *Engine) line(l *Layout, s *shaped, p Para, ln Line, ii, ls, le int) Line {
	for i := ii; i < len(s.items) && s.items[i].start < le; i++ {
		it := &s.items[i]
		a, b := max(it.start, ls), min(it.end, le)
		ln.Runs = append(ln.Runs, Run{
			Start:  p.Start + a,
			End:    p.Start + b,
			Level:  s.levels[a],
			RTL:    it.rtl,
			Face:   it.face,
			Size:   l.Options.Size,
			Glyphs: s.glyphRange(it, a, b),
		})
	}
	ln.Start, ln.End = p.Start+ls, p.Start+le
	ln.Runs = trailingL1(ln.Runs, s, p.Start)
	reorder(ln.Runs)
	for i := range ln.Runs {
		ln.Runs[i].Width = advance(ln.Runs[i].Glyphs)
		ln.Width += ln.Runs[i].Width
	}
	return ln
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

// splitGlyphs divides glyphs at cluster index k (paragraph relative).
// The tail gets its advances zeroed by the caller, so it is a copy; the
// head is shared with the shaping cache (capped, read only). Clusters are
// monotone in a shaped run, so the halves are contiguous; should they not
// be, both halves are filtered copies.
func splitGlyphs(gs []shaping.Glyph, k int) (before, after []shaping.Glyph) {
	i := 0
	for i < len(gs) && (gs[i].ClusterIndex < k) == (gs[0].ClusterIndex < k) {
		i++
	}
	j := i
	for j < len(gs) && (gs[j].ClusterIndex < k) == (gs[i].ClusterIndex < k) {
		j++
	}
	if j == len(gs) { // contiguous
		if len(gs) > 0 && gs[0].ClusterIndex < k {
			return gs[:i:i], append([]shaping.Glyph(nil), gs[i:]...)
		}
		return gs[i:len(gs):len(gs)], append([]shaping.Glyph(nil), gs[:i]...)
	}
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
