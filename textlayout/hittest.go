package textlayout

import "sort"

// runAt finds the run of line ln containing x by binary search.
func runAt(ln *Line, x float32) (int, bool) {
	j := sort.Search(len(ln.Runs), func(j int) bool { return ln.Runs[j].X+ln.Runs[j].Width > x })
	if j >= len(ln.Runs) || x < ln.Runs[j].X {
		return j, false
	}
	return j, true
}

// charIn finds the code point of run r under x by binary search; marks
// (zero width) are never returned, their base is.
func (l *Layout) charIn(r *Run, x float32) int {
	n := r.End - r.Start
	k := sort.Search(n, func(k int) bool {
		c := r.Start + k
		if r.RTL {
			c = r.End - 1 - k
		}
		return l.right[c] > x
	})
	k = min(k, n-1)
	if r.RTL {
		return r.End - 1 - k
	}
	return r.Start + k
}

// HitTest returns the code point whose box contains (x, y); ok is false
// when the point is outside every character (margins, past a line end,
// empty lines).
func (l *Layout) HitTest(x, y float32) (offset int, ok bool) {
	li, ok := l.LineAt(y)
	if !ok {
		return 0, false
	}
	ln := &l.Lines[li]
	j, ok := runAt(ln, x)
	if !ok {
		return 0, false
	}
	return l.charIn(&ln.Runs[j], x), true
}

// CaretAt returns the caret position (a boundary between code points, in
// [0, Len()]) nearest to (x, y), for drag selection: the point is clamped
// to the nearest line, and a character's near half decides the side.
func (l *Layout) CaretAt(x, y float32) int {
	if len(l.Lines) == 0 {
		return 0
	}
	li, _ := l.LineAt(y)
	ln := &l.Lines[li]
	if len(ln.Runs) == 0 {
		return ln.Start
	}
	first, last := &ln.Runs[0], &ln.Runs[len(ln.Runs)-1]
	switch {
	case x < first.X:
		if first.RTL {
			return first.End
		}
		return first.Start
	case x >= last.X+last.Width:
		if last.RTL {
			return last.Start
		}
		return last.End
	}
	j, ok := runAt(ln, x)
	if !ok {
		return ln.Start
	}
	r := &ln.Runs[j]
	c := l.charIn(r, x)
	after := x >= (l.left[c]+l.right[c])/2
	if r.RTL {
		after = !after
	}
	if !after {
		return c
	}
	c++
	for c < r.End && isMark(l.docRunes[c]) {
		c++ // never put the caret between a base and its marks
	}
	return c
}
