package textview

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fynetheme "fyne.io/fyne/v2/theme"

	"github.com/tawsim/tawsim/textlayout"
)

// scrollBarWidth is the width of the scroll indicator at the right edge.
const scrollBarWidth = 6

// lineSlot draws one visible line. Slots stay with their line while it is
// in view, so scrolling only moves rasters and never re-rasterises (nor,
// with the GL driver, re-uploads) a line that stays visible.
type lineSlot struct {
	line   int
	raster *canvas.Raster
	img    *image.RGBA
	key    imgKey
}

// imgKey is what a line image depends on.
type imgKey struct {
	line int
	gen  uint64
	w, h int
	fg   color.NRGBA
}

// pool reuses canvas objects between updates.
type pool[T fyne.CanvasObject] struct {
	items []T
	n     int
	mk    func() T
}

func (p *pool[T]) get() T {
	if p.n == len(p.items) {
		p.items = append(p.items, p.mk())
	}
	p.n++
	return p.items[p.n-1]
}

type renderer struct {
	v  *View
	p  *painter
	fg color.NRGBA

	slots map[int]*lineSlot
	free  []*lineSlot

	rects pool[*canvas.Rectangle]
	texts pool[*canvas.Text]

	tipBg   *canvas.Rectangle
	tipText *canvas.Text
	bar     *canvas.Rectangle

	labelW  map[string]float32 // measured label widths
	under   []fyne.CanvasObject
	over    []fyne.CanvasObject
	objects []fyne.CanvasObject
}

func newRenderer(v *View) *renderer {
	r := &renderer{
		v:       v,
		p:       newPainter(),
		slots:   map[int]*lineSlot{},
		labelW:  map[string]float32{},
		rects:   pool[*canvas.Rectangle]{mk: func() *canvas.Rectangle { return &canvas.Rectangle{} }},
		texts:   pool[*canvas.Text]{mk: func() *canvas.Text { return &canvas.Text{} }},
		tipBg:   &canvas.Rectangle{CornerRadius: 3},
		tipText: &canvas.Text{},
		bar:     &canvas.Rectangle{CornerRadius: scrollBarWidth / 2},
	}
	r.update()
	return r
}

func (r *renderer) Destroy()                     {}
func (r *renderer) MinSize() fyne.Size           { return r.v.MinSize() }
func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *renderer) Layout(fyne.Size)             { r.update() }
func (r *renderer) Refresh()                     { r.update() }

// update lays the text out again if the width or text size changed, then
// places canvas objects for the lines in view only.
func (r *renderer) update() {
	v := r.v
	size := v.Size()
	v.relayout(size)
	r.under, r.over = r.under[:0], r.over[:0]
	r.rects.n, r.texts.n = 0, 0
	r.objects = r.objects[:0]
	lay := v.lay
	if lay == nil || len(lay.Lines) == 0 {
		r.releaseSlots(0, -1)
		return
	}
	r.fg = color.NRGBAModel.Convert(v.themeColor(fynetheme.ColorNameForeground)).(color.NRGBA)

	pad := v.pad()
	first, _ := lay.LineAt(max(v.scrollY-pad, 0))
	last, _ := lay.LineAt(v.scrollY + size.Height)
	r.releaseSlots(first, last)

	r.highlights(lay, first, last)
	r.objects = append(r.objects, r.under...)
	for i := first; i <= last; i++ {
		s := r.slot(i)
		ln := &lay.Lines[i]
		s.raster.Move(fyne.NewPos(pad, pad+ln.Y-v.scrollY))
		s.raster.Resize(fyne.NewSize(lay.Width, lay.LineHeight))
		r.objects = append(r.objects, s.raster)
	}
	r.objects = append(r.objects, r.over...)
	r.tooltip()
	r.scrollBar(lay, size)
}

// releaseSlots frees the slots of lines outside [first, last].
func (r *renderer) releaseSlots(first, last int) {
	for i, s := range r.slots {
		if i < first || i > last {
			delete(r.slots, i)
			r.free = append(r.free, s)
		}
	}
}

// slot returns the slot drawing line i, taking a free one if needed.
func (r *renderer) slot(i int) *lineSlot {
	s, ok := r.slots[i]
	if !ok {
		if n := len(r.free); n > 0 {
			s, r.free = r.free[n-1], r.free[:n-1]
		} else {
			s = &lineSlot{}
			s.raster = canvas.NewRaster(func(w, h int) image.Image { return r.lineImage(s, w, h) })
		}
		s.line = i
		r.slots[i] = s
		s.raster.Refresh() // drop a texture drawn for another line
	} else if s.key.gen != r.v.gen || s.key.fg != r.fg {
		s.raster.Refresh()
	}
	return s
}

// lineImage is the raster generator of a slot: the line's glyphs at the
// pixel size the painter asks for (which includes the canvas scale).
func (r *renderer) lineImage(s *lineSlot, w, h int) image.Image {
	v := r.v
	k := imgKey{line: s.line, gen: v.gen, w: w, h: h, fg: r.fg}
	if s.img != nil && s.key == k {
		return s.img
	}
	if s.img == nil || s.img.Rect.Dx() != w || s.img.Rect.Dy() != h {
		s.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	if v.lay != nil && s.line < len(v.lay.Lines) {
		r.p.drawLine(s.img, &v.lay.Lines[s.line], v.lay.Width, v.lay.LineHeight, r.fg)
	} else {
		clear(s.img.Pix)
	}
	s.key = k
	return s.img
}

// rect returns a pooled rectangle set up as given, appended to list.
func (r *renderer) rect(list *[]fyne.CanvasObject, x, y, w, h float32, fill, stroke color.Color, strokeW float32) {
	o := r.rects.get()
	o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fill, stroke, strokeW, 0
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	o.Refresh()
	*list = append(*list, o)
}

// text returns a pooled text set up as given, appended to r.over.
func (r *renderer) text(s string, x, y, size float32, c color.Color, bold bool) *canvas.Text {
	o := r.texts.get()
	if o.Text != s || o.Color != c || o.TextSize != size || o.TextStyle.Bold != bold {
		o.Text, o.Color, o.TextSize, o.TextStyle = s, c, size, fyne.TextStyle{Bold: bold}
		o.Refresh()
	}
	o.Move(fyne.NewPos(x, y))
	o.Resize(o.MinSize())
	r.over = append(r.over, o)
	return o
}

// scrollBar draws the scroll indicator when the text is taller than the
// view.
func (r *renderer) scrollBar(lay *textlayout.Layout, size fyne.Size) {
	content := r.v.contentHeight()
	if content <= size.Height || size.Height <= 0 {
		return
	}
	h := max(size.Height*size.Height/content, 20)
	y := (size.Height - h) * r.v.scrollY / (content - size.Height)
	r.bar.FillColor = r.v.themeColor(fynetheme.ColorNameScrollBar)
	r.bar.Move(fyne.NewPos(size.Width-scrollBarWidth, y))
	r.bar.Resize(fyne.NewSize(scrollBarWidth, h))
	r.bar.Refresh()
	r.objects = append(r.objects, r.bar)
}
