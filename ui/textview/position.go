package textview

import "fyne.io/fyne/v2"

// PositionOf returns the widget position of the point a fraction f
// (0 = left edge, 1 = right edge) across code point off, in the current
// scroll position; ok is false before the first layout. Popups anchor on
// it, and window tests use it to drag over words.
func (v *View) PositionOf(off int, f float32) (pos fyne.Position, ok bool) {
	if v.lay == nil || off < 0 || off >= v.lay.Len() {
		return fyne.Position{}, false
	}
	q := v.lay.CharRect(off)
	x, y := v.toLayout(fyne.Position{})
	return fyne.NewPos(q.X+f*q.W-x, q.Y+q.H/2-y), true
}
