package textlayout

import (
	"fmt"
	"strings"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
)

// Layout is a document laid out into visual lines. It is immutable; lay
// out again (with the same Engine, cheaply) after a resize or edit.
type Layout struct {
	// Lines are all visual lines of the document, top to bottom.
	Lines []Line
	// Width is the width lines are aligned in: Options.Width, or the
	// widest line when not wrapping. Right-to-left lines end at Width.
	Width float32
	// LineHeight is the height of every line (ascent + descent + gap of
	// the taller of the two fonts), so lines sit on a regular grid.
	LineHeight float32
	// Paras holds, per paragraph, its first code point, its code point
	// count and its resolved direction.
	Paras []Para
	// Options are the normalized options used.
	Options Options

	n           int       // code points in the document
	docRunes    []rune    // the document
	left, right []float32 // x boundaries per code point
	lineOf      []int32   // line index per code point
}

// Para describes one paragraph (a "\n"-separated line of the text).
type Para struct {
	Start, End int // code points, End excludes the "\n"
	RTL        bool
	FirstLine  int // index into Layout.Lines
	NumLines   int
}

// Line is one visual line.
type Line struct {
	Para       int
	Start, End int // code points covered, in logical order
	// Y is the top of the line; the baseline is at Y+Ascent.
	Y, Ascent, Descent, Height float32
	// Width is the total advance of the runs.
	Width float32
	// RTL is the paragraph direction.
	RTL bool
	// Runs are in screen order, left to right.
	Runs []Run
}

// Run is a piece of a line in one font, one direction and one bidi level.
type Run struct {
	Start, End int // code points, logical order
	RTL        bool
	Level      uint8
	// X is the left edge, Width the advance; the pen starts at X.
	X, Width float32
	// Face is the font to draw with, at Size pixels per em.
	Face *font.Face
	Size float32
	// Glyphs are in screen order, left to right, with advances in 26.6
	// pixels. ClusterIndex counts code points from the paragraph start
	// (add Paras[Line.Para].Start for a document offset). Read only:
	// they are shared with the engine's shaping cache.
	Glyphs []shaping.Glyph
}

// Len returns the number of code points in the document.
func (l *Layout) Len() int { return l.n }

// Height returns the height of the laid out document.
func (l *Layout) Height() float32 { return float32(len(l.Lines)) * l.LineHeight }

// Layout lays out text. Paragraphs are separated by "\n" and laid out
// independently; an empty paragraph is an empty line.
func (e *Engine) Layout(text string, opts Options) (*Layout, error) {
	opts, err := opts.normalized()
	if err != nil {
		return nil, err
	}
	doc := []rune(text)
	l := &Layout{
		Options:  opts,
		n:        len(doc),
		docRunes: doc,
		left:     make([]float32, len(doc)),
		right:    make([]float32, len(doc)),
		lineOf:   make([]int32, len(doc)),
	}
	asc, desc, gap := e.metrics(opts.Size)
	l.LineHeight = asc + desc + gap
	maxWidth := maxWrap
	if opts.Width > 0 {
		maxWidth = int(opts.Width)
	}
	next := make(map[paraKey]*shaped, len(e.cache))
	start := 0
	for pi, ptext := range strings.Split(text, "\n") {
		runes := doc[start : start+len([]rune(ptext))]
		s := e.shape(runes, ptext, opts, next)
		p := Para{Start: start, End: start + len(runes), RTL: s.rtl, FirstLine: len(l.Lines)}
		e.wrap(l, pi, p, s, maxWidth, asc, desc)
		p.NumLines = len(l.Lines) - p.FirstLine
		l.Paras = append(l.Paras, p)
		start = p.End + 1 // skip "\n"
	}
	if start-1 != len(doc) {
		return nil, fmt.Errorf("layout: internal error: paragraphs cover %d of %d code points", start-1, len(doc))
	}
	e.cache = next
	l.finish()
	return l, nil
}

// metrics returns the line ascent, descent and gap in pixels: the
// maximum over both fonts, so mixed lines keep one baseline grid.
func (e *Engine) metrics(size float32) (asc, desc, gap float32) {
	for _, f := range []*font.Face{e.faces.NaskhRegular, e.faces.SansRegular} {
		ext, ok := f.FontHExtents()
		if !ok {
			continue
		}
		scale := size / float32(f.Upem())
		asc = max(asc, ext.Ascender*scale)
		desc = max(desc, -ext.Descender*scale)
		gap = max(gap, ext.LineGap*scale)
	}
	return asc, desc, gap
}

// finish aligns right-to-left lines, positions lines vertically and
// computes the x boundaries of every code point.
func (l *Layout) finish() {
	if l.Options.Width > 0 {
		l.Width = l.Options.Width
	} else {
		for i := range l.Lines {
			l.Width = max(l.Width, l.Lines[i].Width)
		}
	}
	var buf []cluster
	for i := range l.Lines {
		ln := &l.Lines[i]
		ln.Y = float32(i) * l.LineHeight
		ln.Height = l.LineHeight
		shift := float32(0)
		if ln.RTL {
			shift = max(0, l.Width-ln.Width)
		}
		x := shift
		for j := range ln.Runs {
			r := &ln.Runs[j]
			r.X = x
			x += r.Width
			buf = l.charBounds(r, l.Paras[ln.Para].Start, buf)
			for c := r.Start; c < r.End; c++ {
				l.lineOf[c] = int32(i)
			}
		}
	}
	// A "\n" gets a zero-width box at the logical end of its paragraph.
	for _, p := range l.Paras {
		if p.End >= l.n {
			continue
		}
		last := &l.Lines[p.FirstLine+p.NumLines-1]
		x := lineStartX(last)
		if !p.RTL {
			x += last.Width
		}
		if len(last.Runs) == 0 && p.RTL {
			x = l.Width
		}
		l.left[p.End], l.right[p.End] = x, x
		l.lineOf[p.End] = int32(p.FirstLine + p.NumLines - 1)
	}
}

// lineStartX is the left edge of a line's content.
func lineStartX(ln *Line) float32 {
	if len(ln.Runs) == 0 {
		return 0
	}
	return ln.Runs[0].X
}
