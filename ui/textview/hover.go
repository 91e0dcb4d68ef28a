package textview

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	fynetheme "fyne.io/fyne/v2/theme"
)

var _ desktop.Hoverable = (*View)(nil)

// hoverState is the annotation under the pointer and its tooltip.
type hoverState struct {
	id   string
	tip  string
	pos  fyne.Position
	show bool
}

// MouseIn implements desktop.Hoverable.
func (v *View) MouseIn(e *desktop.MouseEvent) { v.MouseMoved(e) }

// MouseMoved implements desktop.Hoverable: over an annotation it shows a
// small tooltip with the type (and the annotator when known).
func (v *View) MouseMoved(e *desktop.MouseEvent) {
	var a Annotation
	if off, ok := v.hitAt(e.Position); ok {
		a = v.annotationAt(off)
	}
	tip := a.Type
	switch {
	case a.Annotator != "" && len(a.By) > 0: // "gold ← amira, omar"
		tip += " · " + a.Annotator + " ← " + strings.Join(a.By, ", ")
	case a.Annotator != "":
		tip += " · " + a.Annotator
	case len(a.By) > 0:
		tip += " · " + strings.Join(a.By, ", ")
	}
	show := a.ID != "" || a.Type != ""
	changed := a.ID != v.hover.id
	if show != v.hover.show || tip != v.hover.tip || (show && e.Position != v.hover.pos) {
		v.hover = hoverState{id: a.ID, tip: tip, pos: e.Position, show: show}
		v.Refresh()
	}
	v.hover.id = a.ID
	if changed && v.OnHover != nil {
		v.OnHover(a.ID)
	}
}

// MouseOut implements desktop.Hoverable.
func (v *View) MouseOut() {
	had := v.hover.id
	if v.hover.show {
		v.hover = hoverState{}
		v.Refresh()
	}
	v.hover = hoverState{}
	if had != "" && v.OnHover != nil {
		v.OnHover("")
	}
}

// tooltip draws the hover tooltip near the pointer, kept inside the view.
func (r *renderer) tooltip() {
	h := &r.v.hover
	if !h.show {
		return
	}
	const size = 12
	t := r.tipText
	if t.Text != h.tip || t.TextSize != size {
		t.Text, t.TextSize = h.tip, size
		t.Refresh()
	}
	t.Color = r.v.themeColor(fynetheme.ColorNameForeground)
	ts := t.MinSize()
	w, hh := ts.Width+8, ts.Height+4
	vs := r.v.Size()
	x := min(h.pos.X+12, vs.Width-w-scrollBarWidth)
	y := h.pos.Y + 18
	if y+hh > vs.Height {
		y = h.pos.Y - hh - 6
	}
	x, y = max(x, 0), max(y, 0)
	r.tipBg.FillColor = r.v.themeColor(fynetheme.ColorNameOverlayBackground)
	r.tipBg.StrokeColor = r.v.themeColor(fynetheme.ColorNameInputBorder)
	r.tipBg.StrokeWidth = 1
	r.tipBg.Move(fyne.NewPos(x, y))
	r.tipBg.Resize(fyne.NewSize(w, hh))
	r.tipBg.Refresh()
	t.Move(fyne.NewPos(x+4, y+2))
	t.Resize(ts)
	t.Refresh()
	r.objects = append(r.objects, r.tipBg, t)
}
