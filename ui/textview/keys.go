package textview

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var (
	_ fyne.Focusable  = (*View)(nil)
	_ fyne.Tabbable   = (*View)(nil)
	_ desktop.Keyable = (*View)(nil)
)

// AcceptsTab implements fyne.Tabbable: Tab goes to OnTypedKey (the next
// suggestion, or candidate in review) instead of moving the focus out of
// the text, which the desktop driver does for any widget that does not
// ask for it.
func (v *View) AcceptsTab() bool { return true }

// The view does not implement fyne.Shortcutable on purpose: a focused
// Shortcutable swallows every shortcut, and the application's shortcuts
// (Ctrl+Z, annotation keys) are registered on the canvas.

// FocusGained implements fyne.Focusable.
func (v *View) FocusGained() {
	v.focused = true
	if v.cursor < 0 {
		v.cursor = v.firstVisibleToken()
		v.anchor = v.cursor
	}
	v.Refresh()
}

// FocusLost implements fyne.Focusable.
func (v *View) FocusLost() {
	v.focused, v.shift = false, false
	v.Refresh()
}

// TypedRune implements fyne.Focusable; runes go to OnTypedRune.
func (v *View) TypedRune(r rune) {
	if v.OnTypedRune != nil {
		v.OnTypedRune(r)
	}
}

// TypedKey implements fyne.Focusable: arrows move the token cursor in
// visual order (Left moves left on screen, whatever the direction of the
// text), Shift+arrows extend the selection; other keys go to OnTypedKey.
func (v *View) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown:
		shift := v.shiftHeld()
		if shift && v.OnShiftArrow != nil && v.OnShiftArrow(e.Name, v.altHeld()) {
			return
		}
		v.moveCursor(e.Name, shift)
	default:
		if v.OnTypedKey != nil {
			v.OnTypedKey(e)
		}
	}
}

// KeyDown implements desktop.Keyable to track Shift: the GLFW driver
// sends Shift+arrow as a plain TypedKey.
func (v *View) KeyDown(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		v.shift = true
	}
}

// KeyUp implements desktop.Keyable.
func (v *View) KeyUp(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		v.shift = false
	}
}

// altHeld reports whether Alt is down, as the driver knows it.
func (v *View) altHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierAlt != 0
	}
	return false
}

// ShiftHeld reports whether Shift is down, for keys the application
// reads with and without it (F8, Shift+F8): Fyne sends them as the same
// TypedKey.
func (v *View) ShiftHeld() bool { return v.shiftHeld() }

func (v *View) shiftHeld() bool {
	if v.shift {
		return true
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// Cursor returns the token index of the keyboard cursor (-1 for none).
func (v *View) Cursor() int { return v.cursor }

// SetCursor puts the keyboard cursor on token i and scrolls to it.
func (v *View) SetCursor(i int) {
	if i < 0 || i >= len(v.tokens) {
		return
	}
	v.cursor, v.anchor = i, i
	v.ShowOffset(v.tokens[i].Start)
	v.Refresh()
}

func (v *View) firstVisibleToken() int {
	if v.lay == nil || len(v.tokens) == 0 {
		return -1
	}
	li, _ := v.lay.LineAt(v.scrollY)
	return v.tokenAt(v.lay.Lines[li].Start)
}

// moveCursor moves the token cursor one step on screen.
func (v *View) moveCursor(key fyne.KeyName, extend bool) {
	if v.lay == nil || len(v.tokens) == 0 {
		return
	}
	if v.cursor < 0 || v.cursor >= len(v.tokens) {
		v.cursor = v.firstVisibleToken()
		v.anchor = v.cursor
		v.Refresh()
		return
	}
	li := v.lay.LineOf(v.tokens[v.cursor].Start)
	next := -1
	switch key {
	case fyne.KeyLeft, fyne.KeyRight:
		row := v.lineTokens(li)
		k := 0
		for k < len(row) && row[k].tok != v.cursor {
			k++
		}
		left := key == fyne.KeyLeft
		if left && k > 0 {
			next = row[k-1].tok
		} else if !left && k < len(row)-1 {
			next = row[k+1].tok
		} else {
			// Off the edge: go on to the line that continues the reading
			// in that direction (the next line for the far end of the
			// reading order, the previous for its start).
			forward := left == v.lay.Lines[li].RTL
			step := -1
			if forward {
				step = 1
			}
			if r := v.nextRow(li, step); len(r) > 0 {
				if left {
					next = r[len(r)-1].tok
				} else {
					next = r[0].tok
				}
			}
		}
	case fyne.KeyUp, fyne.KeyDown:
		step := -1
		if key == fyne.KeyDown {
			step = 1
		}
		x := v.tokenX(v.cursor, li)
		if r := v.nextRow(li, step); len(r) > 0 {
			best := r[0]
			for _, t := range r[1:] {
				if abs32(t.x-x) < abs32(best.x-x) {
					best = t
				}
			}
			next = best.tok
		}
	}
	if next < 0 {
		return
	}
	v.cursor = next
	if extend {
		a, c := v.tokens[v.anchor], v.tokens[v.cursor]
		v.ShowOffset(c.Start)
		v.userSelect(min(a.Start, c.Start), max(a.End, c.End))
		return
	}
	v.anchor = next
	v.ShowOffset(v.tokens[next].Start)
	if v.selStart != v.selEnd {
		v.userSelect(0, 0)
		return
	}
	v.Refresh()
}

// rowToken is a token on a visual line, with its centre x.
type rowToken struct {
	tok int
	x   float32
}

// lineTokens returns the tokens starting on line li, left to right.
func (v *View) lineTokens(li int) []rowToken {
	ln := &v.lay.Lines[li]
	ts := v.tokens
	i := sort.Search(len(ts), func(i int) bool { return ts[i].Start >= ln.Start })
	var row []rowToken
	for ; i < len(ts) && ts[i].Start < ln.End; i++ {
		row = append(row, rowToken{i, v.tokenX(i, li)})
	}
	sort.SliceStable(row, func(a, b int) bool { return row[a].x < row[b].x })
	return row
}

// nextRow returns the tokens of the nearest line after (step 1) or
// before (step -1) line li that has any.
func (v *View) nextRow(li, step int) []rowToken {
	for l := li + step; l >= 0 && l < len(v.lay.Lines); l += step {
		if r := v.lineTokens(l); len(r) > 0 {
			return r
		}
	}
	return nil
}

// tokenX is the centre x of token i's part on line li.
func (v *View) tokenX(i, li int) float32 {
	t := v.tokens[i]
	y := v.lay.Lines[li].Y
	lo, hi, ok := float32(0), float32(0), false
	for _, q := range v.lay.SpanRects(t.Start, t.End) {
		if q.Y != y {
			continue
		}
		if !ok {
			lo, hi, ok = q.X, q.X+q.W, true
		}
		lo, hi = min(lo, q.X), max(hi, q.X+q.W)
	}
	return (lo + hi) / 2
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
