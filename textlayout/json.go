package textlayout

// ParagraphJSON is the CLI's JSON form of one laid out paragraph.
type ParagraphJSON struct {
	Direction string     `json:"direction"` // "rtl" or "ltr"
	Lines     []LineJSON `json:"lines"`
}

// LineJSON is one visual line of a ParagraphJSON.
type LineJSON struct {
	Runs []RunJSON `json:"runs"` // screen order, left to right
}

// RunJSON is one run; offsets are code points within the paragraph.
type RunJSON struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	RTL   bool    `json:"rtl"`
	X     float32 `json:"x"`
	Width float32 `json:"width"`
}

// JSON returns every paragraph in its JSON form.
func (l *Layout) JSON() []ParagraphJSON {
	out := make([]ParagraphJSON, 0, len(l.Paras))
	for _, p := range l.Paras {
		pj := ParagraphJSON{Direction: "ltr", Lines: []LineJSON{}}
		if p.RTL {
			pj.Direction = "rtl"
		}
		for _, ln := range l.Lines[p.FirstLine : p.FirstLine+p.NumLines] {
			lj := LineJSON{Runs: []RunJSON{}}
			for _, r := range ln.Runs {
				lj.Runs = append(lj.Runs, RunJSON{
					Start: r.Start - p.Start, End: r.End - p.Start,
					RTL: r.RTL, X: r.X, Width: r.Width,
				})
			}
			pj.Lines = append(pj.Lines, lj)
		}
		out = append(out, pj)
	}
	return out
}

// VisualOrder returns the code points of line li in screen order, left to
// right (runs in screen order; inside a right-to-left run, logical order
// reversed, except that combining marks follow their base as in FriBidi's
// REORDER_NSM: they are drawn on it, at zero width). The bidi tests
// compare it with FriBidi.
func (l *Layout) VisualOrder(li int) []int {
	var out []int
	for _, r := range l.Lines[li].Runs {
		if r.RTL {
			for c := r.End - 1; c >= r.Start; {
				b := c // find the base of this mark sequence
				for b > r.Start && isMark(l.docRunes[b]) {
					b--
				}
				for k := b; k <= c; k++ {
					out = append(out, k)
				}
				c = b - 1
			}
		} else {
			for c := r.Start; c < r.End; c++ {
				out = append(out, c)
			}
		}
	}
	return out
}
