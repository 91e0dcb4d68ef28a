package textview

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"github.com/tawsim/tawsim/textlayout"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

const (
	sizeNameAnnotationText = tawsimtheme.SizeNameAnnotationText
	defaultTextSize        = tawsimtheme.AnnotationTextSize
)

// pad is the margin around the text.
func (v *View) pad() float32 { return v.Theme().Size(fynetheme.SizeNamePadding) }

// themeColor looks a colour up in the widget's theme and the app variant.
func (v *View) themeColor(n fyne.ThemeColorName) color.Color {
	return v.Theme().Color(n, fyne.CurrentApp().Settings().ThemeVariant())
}

// dark reports whether the background is dark (a theme may force its
// variant, so the app's variant setting is not enough).
func (v *View) dark() bool {
	r, g, b, _ := v.themeColor(fynetheme.ColorNameBackground).RGBA()
	return r+g+b < 3*0x8000
}

// relayout lays the text out for a view of the given size if the width
// or text size changed since the last layout. Annotation and selection
// changes never come here with a change, so they cost no layout.
func (v *View) relayout(size fyne.Size) {
	if size.Width <= 0 {
		return
	}
	w := max(size.Width-2*v.pad()-scrollBarWidth, 1)
	ts := v.TextSize()
	if v.lay != nil && v.layW == w && v.laySz == ts {
		return
	}
	if v.engine == nil {
		if v.engine, v.layErr = textlayout.NewEngine(); v.layErr != nil {
			fyne.LogError("textview: font engine", v.layErr)
			return
		}
	}
	lay, err := v.engine.Layout(v.text, textlayout.Options{Direction: v.dir, Width: w, Size: ts})
	if err != nil {
		v.layErr = err
		fyne.LogError("textview: layout", err)
		return
	}
	// Keep the same text at the top of the view across a zoom or resize.
	top := -1
	if v.lay != nil && v.scrollY > 0 {
		if li, ok := v.lay.LineAt(v.scrollY); ok {
			top = v.lay.Lines[li].Start
		}
	}
	v.lay, v.layW, v.laySz = lay, w, ts
	v.gen++
	if top >= 0 {
		v.scrollY = lay.Lines[lay.LineOf(top)].Y
	}
	v.scrollY = v.clampScroll(v.scrollY)
}

// contentHeight is the height of the laid-out text with its margins.
func (v *View) contentHeight() float32 {
	if v.lay == nil {
		return 0
	}
	return v.lay.Height() + 2*v.pad()
}

func (v *View) clampScroll(y float32) float32 {
	return max(0, min(y, v.contentHeight()-v.Size().Height))
}

// Scrolled implements fyne.Scrollable: the mouse wheel scrolls.
func (v *View) Scrolled(e *fyne.ScrollEvent) {
	v.ScrollTo(v.scrollY - e.Scrolled.DY)
}

// ScrollTo scrolls so that layout height y is at the top of the view.
func (v *View) ScrollTo(y float32) {
	y = v.clampScroll(y)
	if y == v.scrollY {
		return
	}
	v.scrollY = y
	v.Refresh()
}

// ScrollOffset returns the layout height at the top of the view.
func (v *View) ScrollOffset() float32 { return v.scrollY }

// ShowOffset scrolls the least needed to bring code point off into view.
func (v *View) ShowOffset(off int) {
	if v.lay == nil {
		return
	}
	ln := &v.lay.Lines[v.lay.LineOf(off)]
	h := v.Size().Height - 2*v.pad()
	switch {
	case ln.Y < v.scrollY:
		v.ScrollTo(ln.Y)
	case ln.Y+ln.Height > v.scrollY+h:
		v.ScrollTo(ln.Y + ln.Height - h)
	}
}

// toLayout converts a widget position to layout coordinates.
func (v *View) toLayout(p fyne.Position) (x, y float32) {
	pad := v.pad()
	return p.X - pad, p.Y - pad + v.scrollY
}

// CharBox returns the box of code point off in widget coordinates (for
// placing a popup next to an annotation, or for tests); the size is zero
// before the view has been laid out.
func (v *View) CharBox(off int) (fyne.Position, fyne.Size) {
	if v.lay == nil {
		return fyne.Position{}, fyne.Size{}
	}
	q := v.lay.CharRect(off)
	pad := v.pad()
	return fyne.NewPos(q.X+pad, q.Y+pad-v.scrollY), fyne.NewSize(q.W, q.H)
}
