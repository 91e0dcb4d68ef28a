package textlayout

import (
	"sort"
	"unicode"
)

// Rect is an axis-aligned rectangle in layout pixels.
type Rect struct{ X, Y, W, H float32 }

// cluster is a shaping cluster of a run: code points [cs, ce) drawn
// between x0 and x1.
type cluster struct {
	cs, ce int
	x0, x1 float32
}

// charBounds sets the left and right x of every code point of r.
// A cluster's advance (a ligature such as lam-alef, or a base with its
// marks) is split evenly among its non-mark code points; combining marks
// get zero width at the end of the character they follow. buf is scratch
// space, returned for reuse: a whole line's run would not fit on the
// stack and was a third of a re-layout's allocations.
func (l *Layout) charBounds(r *Run, paraStart int, buf []cluster) []cluster {
	// Clusters in screen order.
	cl := buf[:0]
	x := r.X
	gs := r.Glyphs
	for i := 0; i < len(gs); {
		j, w := i, float32(0)
		for j < len(gs) && gs[j].ClusterIndex == gs[i].ClusterIndex {
			w += float32(gs[j].XAdvance) / 64
			j++
		}
		cs := max(gs[i].ClusterIndex+paraStart, r.Start)
		ce := min(gs[i].ClusterIndex+paraStart+max(gs[i].RuneCount, 1), r.End)
		if cs < ce {
			cl = append(cl, cluster{cs, ce, x, x + w})
		}
		x += w
		i = j
	}
	if r.RTL { // reading order
		for a, b := 0, len(cl)-1; a < b; a, b = a+1, b-1 {
			cl[a], cl[b] = cl[b], cl[a]
		}
	}
	// A zero-advance cluster after a visible one belongs to it: Noto Naskh
	// draws lam-alef as lam plus a zero-width alef, for instance.
	for i := 0; i < len(cl); {
		j := i + 1
		cs, ce, x0, x1 := cl[i].cs, cl[i].ce, cl[i].x0, cl[i].x1
		for j < len(cl) && cl[j].x0 == cl[j].x1 && x0 != x1 && cl[j].cs == ce {
			ce = cl[j].ce
			j++
		}
		l.spread(r.RTL, cs, ce, x0, x1)
		i = j
	}
	return cl
}

// spread distributes [x0, x1] over code points [cs, ce) in reading order.
func (l *Layout) spread(rtl bool, cs, ce int, x0, x1 float32) {
	if cs >= ce {
		return
	}
	doc := l.docRunes
	bases := 0
	for c := cs; c < ce; c++ {
		if !isMark(doc[c]) {
			bases++
		}
	}
	each := float32(0)
	if bases > 0 {
		each = (x1 - x0) / float32(bases)
	}
	pen := x0
	if rtl {
		pen = x1
	}
	for c := cs; c < ce; c++ {
		w := each
		if bases == 0 && c == cs {
			w = x1 - x0 // a cluster of marks alone keeps its advance
		} else if bases > 0 && isMark(doc[c]) {
			w = 0
		}
		if rtl {
			l.left[c], l.right[c] = pen-w, pen
			pen -= w
		} else {
			l.left[c], l.right[c] = pen, pen+w
			pen += w
		}
	}
}

// isMark reports whether r is a combining mark, drawn on its base.
func isMark(r rune) bool {
	if r < 0x0300 || (r >= 0x0621 && r <= 0x064A) { // fast path: Latin, Arabic letters
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me)
}

// CharRect returns the box of code point i on its line; zero-width for
// combining marks, trailing spaces at a line end, and "\n".
func (l *Layout) CharRect(i int) Rect {
	if i < 0 || i >= l.n {
		return Rect{}
	}
	ln := &l.Lines[l.lineOf[i]]
	return Rect{X: l.left[i], Y: ln.Y, W: l.right[i] - l.left[i], H: ln.Height}
}

// LineOf returns the index of the line holding code point i (clamped).
func (l *Layout) LineOf(i int) int {
	if l.n == 0 {
		return 0
	}
	return int(l.lineOf[min(max(i, 0), l.n-1)])
}

// LineAt returns the line at height y, by binary search.
func (l *Layout) LineAt(y float32) (int, bool) {
	i := sort.Search(len(l.Lines), func(i int) bool { return l.Lines[i].Y+l.Lines[i].Height > y })
	if y < 0 || i >= len(l.Lines) {
		return min(max(i, 0), len(l.Lines)-1), false
	}
	return i, true
}

// SpanRects returns the rectangles covering code points [start, end):
// one per contiguous visual segment per line, left to right, top to
// bottom. A span crossing a direction change yields several rectangles
// covering exactly its characters. "\n" code points are skipped.
func (l *Layout) SpanRects(start, end int) []Rect {
	start, end = max(start, 0), min(end, l.n)
	if start >= end {
		return nil
	}
	var out []Rect
	for li := l.LineOf(start); li <= l.LineOf(end-1); li++ {
		ln := &l.Lines[li]
		first := len(out)
		for _, r := range ln.Runs {
			a, b := max(start, r.Start), min(end, r.End)
			if a >= b {
				continue
			}
			x0, x1 := l.left[a], l.right[b-1]
			if r.RTL {
				x0, x1 = l.left[b-1], l.right[a]
			}
			if k := len(out) - 1; k >= first && abs(out[k].X+out[k].W-x0) < 0.01 {
				out[k].W = x1 - out[k].X
				continue
			}
			out = append(out, Rect{X: x0, Y: ln.Y, W: x1 - x0, H: ln.Height})
		}
	}
	return out
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
