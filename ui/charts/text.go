package charts

import (
	"math"
	"strings"
	"sync"

	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/tawsim/tawsim/textlayout"
)

// Text is a gonum/plot text handler that shapes and orders text with
// Tawsim's layout engine. Lengths are points: a font of Size 10 is laid
// out at 10 units per em, and the outlines are filled at those units, so
// the canvas's resolution applies as for any other drawing.
//
// A Text may be shared by goroutines (a mutex guards the engine, which is
// not safe for concurrent use).
type Text struct {
	mu       sync.Mutex
	engine   *textlayout.Engine
	outlines map[glyphKey]gtfont.GlyphOutline
	fonts    *font.Cache
}

var _ text.Handler = (*Text)(nil)

type glyphKey struct {
	face *gtfont.Face
	id   gtfont.GID
}

// NewText parses the embedded fonts into a new handler.
func NewText() (*Text, error) {
	e, err := textlayout.NewEngine()
	if err != nil {
		return nil, err
	}
	return &Text{engine: e, outlines: map[glyphKey]gtfont.GlyphOutline{}, fonts: font.NewCache(liberation.Collection())}, nil
}

// Cache returns a gonum font cache; this handler measures and draws with
// the embedded fonts and does not use it.
func (t *Text) Cache() *font.Cache { return t.fonts }

// Lines splits text into lines at "\n".
func (t *Text) Lines(txt string) []string {
	return strings.Split(strings.TrimRight(txt, "\n"), "\n")
}

// Extents gives the ascent, descent and line height of the embedded
// fonts at fnt's size (the larger of Noto Naskh Arabic and Noto Sans, as
// the layout engine uses for every line).
func (t *Text) Extents(fnt font.Font) font.Extents {
	t.mu.Lock()
	defer t.mu.Unlock()
	asc, desc, height := t.metrics(fnt.Size)
	return font.Extents{Ascent: asc, Descent: desc, Height: height}
}

func (t *Text) metrics(size vg.Length) (asc, desc, height vg.Length) {
	l, err := t.engine.Layout("", textlayout.Options{Size: float32(size)})
	if err != nil || len(l.Lines) == 0 {
		return size, 0, size
	}
	ln := l.Lines[0]
	return vg.Length(ln.Ascent), vg.Length(ln.Descent), vg.Length(l.LineHeight)
}

// Box returns the width of one line and the fonts' ascent and descent.
func (t *Text) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	t.mu.Lock()
	defer t.mu.Unlock()
	line := t.layout(txt, fnt.Size)
	asc, desc, _ := t.metrics(fnt.Size)
	return line.width, asc, desc
}

// placed is one glyph of a laid out line: its outline's origin on the
// baseline (x from the line's left edge, y up), in screen order.
type placed struct {
	face    *gtfont.Face
	id      gtfont.GID
	x, y    float32
	scale   float32 // font units to points
	cluster int     // the code point of the text it shows
}

type placedLine struct {
	glyphs []placed
	width  vg.Length
}

// layout lays one line out (no wrapping) and lists its glyphs left to
// right. The paragraph direction comes from the first strong character.
func (t *Text) layout(line string, size vg.Length) placedLine {
	var out placedLine
	l, err := t.engine.Layout(keepTrailingSpaces(line), textlayout.Options{Size: float32(size), Direction: textlayout.Auto})
	if err != nil {
		return out
	}
	for _, ln := range l.Lines {
		out.width = max(out.width, vg.Length(ln.Width))
		for _, r := range ln.Runs {
			if r.Face == nil {
				continue
			}
			scale := r.Size / float32(r.Face.Upem())
			pen := r.X
			for _, g := range r.Glyphs {
				out.glyphs = append(out.glyphs, placed{face: r.Face, id: g.GlyphID, scale: scale,
					x: pen + float32(g.XOffset)/64, y: float32(g.YOffset) / 64,
					cluster: g.ClusterIndex + l.Paras[ln.Para].Start})
				pen += float32(g.XAdvance) / 64
			}
		}
	}
	return out
}

// keepTrailingSpaces turns trailing spaces into no-break spaces. The
// layout engine gives a line's trailing whitespace no width (UBA rule
// L1, so wrapped lines align flush), but gonum/plot measures a label's
// spacing with strings such as " ", which must have one.
func keepTrailingSpaces(s string) string {
	t := strings.TrimRight(s, " ")
	if len(t) == len(s) {
		return s
	}
	return t + strings.Repeat("\u00a0", len(s)-len(t))
}

// Draw draws txt at pt as text.Plain would place it: rotated by
// sty.Rotation about pt, aligned by sty.XAlign and sty.YAlign, each line
// on its baseline so that the lines fill the box Style.Rectangle gives.
func (t *Text) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" || !finite(float64(pt.X)) || !finite(float64(pt.Y)) {
		return // a degenerate axis places labels at NaN, which the rasteriser never finishes filling
	}
	lines := t.Lines(txt)
	t.mu.Lock()
	defer t.mu.Unlock()
	asc, desc, height := t.metrics(sty.Font.Size)
	gap := height - asc - desc
	placedLines := make([]placedLine, len(lines))
	for i, l := range lines {
		placedLines[i] = t.layout(l, sty.Font.Size)
	}
	total := vg.Length(len(lines))*(asc+desc) + vg.Length(len(lines)-1)*gap

	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
		// pt in the rotated frame.
		sin, cos := math.Sincos(sty.Rotation)
		pt.X, pt.Y = pt.Y*vg.Length(sin)+pt.X*vg.Length(cos), pt.Y*vg.Length(cos)-pt.X*vg.Length(sin)
	}
	// The box of Style.Rectangle: bottom at YAlign·total − (descent+gap).
	top := pt.Y + vg.Length(sty.YAlign)*total - (desc + gap) + total
	var path vg.Path
	for i, pl := range placedLines {
		base := top - asc - vg.Length(i)*(asc+desc+gap)
		left := pt.X + vg.Length(sty.XAlign)*pl.width
		path = path[:0]
		for _, g := range pl.glyphs {
			t.addGlyph(&path, g, left, base)
		}
		if len(path) > 0 {
			c.Fill(path)
		}
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// addGlyph appends a glyph's outline, placed on the baseline at (left, base).
func (t *Text) addGlyph(p *vg.Path, g placed, left, base vg.Length) {
	o := t.outline(g.face, g.id)
	if len(o.Segments) == 0 {
		return
	}
	ox, oy, k := float32(left)+g.x, float32(base)+g.y, g.scale
	at := func(a opentype.SegmentPoint) vg.Point {
		return vg.Point{X: vg.Length(ox + a.X*k), Y: vg.Length(oy + a.Y*k)}
	}
	open := false
	for _, s := range o.Segments {
		a := s.Args
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			if open {
				p.Close()
			}
			p.Move(at(a[0]))
			open = true
		case opentype.SegmentOpLineTo:
			p.Line(at(a[0]))
		case opentype.SegmentOpQuadTo:
			p.QuadTo(at(a[0]), at(a[1]))
		case opentype.SegmentOpCubeTo:
			p.CubeTo(at(a[0]), at(a[1]), at(a[2]))
		}
	}
	if open {
		p.Close()
	}
}

// outline returns a glyph's outline in font units (y up), cached.
func (t *Text) outline(f *gtfont.Face, id gtfont.GID) gtfont.GlyphOutline {
	k := glyphKey{f, id}
	if o, ok := t.outlines[k]; ok {
		return o
	}
	o, _ := f.GlyphData(id).(gtfont.GlyphOutline) // Noto has no bitmap or SVG glyphs
	t.outlines[k] = o
	return o
}
