package textview

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"

	"github.com/tawsim/tawsim/textlayout"
)

// Text is drawn by rasterising each visual line ourselves, from the
// layout's own shaped glyphs at the layout's own positions, into the
// pixels of a canvas.Raster. Fyne's canvas.Text cannot be trusted to put
// glyphs where the layout measured them: it re-shapes the string with its
// own font fallback (system fonts included), rounds the pen to whole
// pixels per run, and knows nothing of bidi levels. Drawing the same
// glyph ids at the same float positions the highlights come from
// (SpanRects) makes glyphs and highlights agree to the sub-pixel.

// glyphKey identifies a glyph outline in the cache.
type glyphKey struct {
	face *font.Face
	id   font.GID
}

// painter rasterises lines; it caches glyph outlines across lines.
type painter struct {
	outlines map[glyphKey]font.GlyphOutline
	z        vector.Rasterizer
	mask     *image.Alpha
}

func newPainter() *painter {
	return &painter{outlines: map[glyphKey]font.GlyphOutline{}}
}

// outline returns a glyph's outline in font units (y up), cached.
func (p *painter) outline(f *font.Face, id font.GID) font.GlyphOutline {
	k := glyphKey{f, id}
	if o, ok := p.outlines[k]; ok {
		return o
	}
	o, _ := f.GlyphData(id).(font.GlyphOutline) // Noto has no bitmap or SVG glyphs
	p.outlines[k] = o
	return o
}

// drawLine rasterises line ln into dst (w×h pixels standing for width ×
// height layout pixels), in colour fg. dst is cleared first.
func (p *painter) drawLine(dst *image.RGBA, ln *textlayout.Line, width, height float32, fg color.Color) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	clear(dst.Pix)
	if w == 0 || h == 0 || len(ln.Runs) == 0 {
		return
	}
	sx, sy := float32(w)/width, float32(h)/height
	p.z.Reset(w, h)
	base := ln.Ascent * sy
	drawn := false
	for ri := range ln.Runs {
		r := &ln.Runs[ri]
		if r.Face == nil {
			continue
		}
		scale := r.Size / float32(r.Face.Upem())
		pen := r.X
		for _, g := range r.Glyphs {
			gx := (pen + float32(g.XOffset)/64) * sx
			gy := base - float32(g.YOffset)/64*sy
			pen += float32(g.XAdvance) / 64
			o := p.outline(r.Face, g.GlyphID)
			if len(o.Segments) == 0 {
				continue
			}
			p.addOutline(o, gx, gy, scale*sx, scale*sy)
			drawn = true
		}
	}
	if !drawn {
		return
	}
	if p.mask == nil || p.mask.Rect.Dx() != w || p.mask.Rect.Dy() != h {
		p.mask = image.NewAlpha(image.Rect(0, 0, w, h))
	} else {
		clear(p.mask.Pix)
	}
	// Alpha destination with a uniform source is the rasteriser's fast
	// path; the mask is then tinted, premultiplied, into dst (Fyne's GL
	// painter uploads *image.RGBA without conversion).
	p.z.DrawOp = draw.Src
	p.z.Draw(p.mask, p.mask.Rect, image.Opaque, image.Point{})
	cr, cg, cb, ca := fg.RGBA()
	for i, a := range p.mask.Pix {
		if a == 0 {
			continue
		}
		m := uint32(a) * 0x101 // 16 bit coverage
		j := 4 * i
		dst.Pix[j+0] = uint8(cr * m / 0xffff >> 8)
		dst.Pix[j+1] = uint8(cg * m / 0xffff >> 8)
		dst.Pix[j+2] = uint8(cb * m / 0xffff >> 8)
		dst.Pix[j+3] = uint8(ca * m / 0xffff >> 8)
	}
}

// addOutline adds a glyph outline at pen (x, y) in pixels, scaled from
// font units; font y points up, image y down.
func (p *painter) addOutline(o font.GlyphOutline, x, y, kx, ky float32) {
	open := false
	for _, s := range o.Segments {
		a := s.Args
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			if open {
				p.z.ClosePath()
			}
			p.z.MoveTo(x+a[0].X*kx, y-a[0].Y*ky)
			open = true
		case opentype.SegmentOpLineTo:
			p.z.LineTo(x+a[0].X*kx, y-a[0].Y*ky)
		case opentype.SegmentOpQuadTo:
			p.z.QuadTo(x+a[0].X*kx, y-a[0].Y*ky, x+a[1].X*kx, y-a[1].Y*ky)
		case opentype.SegmentOpCubeTo:
			p.z.CubeTo(x+a[0].X*kx, y-a[0].Y*ky, x+a[1].X*kx, y-a[1].Y*ky, x+a[2].X*kx, y-a[2].Y*ky)
		}
	}
	if open {
		p.z.ClosePath()
	}
}
