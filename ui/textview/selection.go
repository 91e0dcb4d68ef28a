package textview

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// dragState follows a mouse drag. Fyne's DragEvent carries no keyboard
// modifiers, so Alt is read from the MouseDown that starts the drag.
type dragState struct {
	down    bool // a MouseDown was seen and not yet released
	downPos fyne.Position
	alt     bool
	active  bool
	anchor  int // caret offset where the drag started
	start   int // current selection
	end     int
}

var (
	_ desktop.Mouseable   = (*View)(nil)
	_ fyne.Draggable      = (*View)(nil)
	_ fyne.Tappable       = (*View)(nil)
	_ fyne.DoubleTappable = (*View)(nil)
)

// MouseDown implements desktop.Mouseable; it remembers where a drag
// starts and whether Alt (character-exact selection) is held.
func (v *View) MouseDown(e *desktop.MouseEvent) {
	v.drag.down = true
	v.drag.downPos = e.Position
	v.drag.alt = e.Modifier&fyne.KeyModifierAlt != 0
}

// MouseUp implements desktop.Mouseable.
func (v *View) MouseUp(*desktop.MouseEvent) { v.drag.down = false }

// Dragged implements fyne.Draggable: the selection follows the pointer,
// snapped to whole tokens unless Alt was held when the button went down.
// As with the GLFW driver, e.Position is the current pointer position.
func (v *View) Dragged(e *fyne.DragEvent) {
	if v.lay == nil {
		return
	}
	if !v.drag.active {
		start := e.Position.Subtract(e.Dragged)
		if v.drag.down {
			start = v.drag.downPos
		} else {
			v.drag.alt = false
		}
		v.drag.active = true
		v.drag.anchor = v.caretAt(start)
	}
	// Dragging past the top or bottom edge scrolls.
	if e.Position.Y < 0 {
		v.scrollY = v.clampScroll(v.scrollY + e.Position.Y)
	} else if h := v.Size().Height; e.Position.Y > h {
		v.scrollY = v.clampScroll(v.scrollY + e.Position.Y - h)
	}
	v.drag.start, v.drag.end = v.snap(v.drag.anchor, v.caretAt(e.Position), v.drag.alt)
	v.selStart, v.selEnd = clampRange(v.drag.start, v.drag.end, v.runes)
	v.Refresh()
}

// DragEnd implements fyne.Draggable and reports the selection.
func (v *View) DragEnd() {
	if !v.drag.active {
		return
	}
	v.drag.active = false
	v.drag.down = false
	if t := v.tokenAt(v.drag.start); t >= 0 {
		v.cursor, v.anchor = t, t
	}
	v.userSelect(v.drag.start, v.drag.end)
}

// Tapped implements fyne.Tappable: a click on an annotation selects it
// (the innermost one under the pointer); any click clears the text
// selection and puts the keyboard cursor on the token clicked.
func (v *View) Tapped(e *fyne.PointEvent) {
	off, ok := v.hitAt(e.Position)
	id := ""
	if ok {
		id = v.annotationAt(off).ID
		if t := v.tokenAt(off); t >= 0 {
			v.cursor, v.anchor = t, t
		}
	}
	v.selected = id
	if v.selStart != v.selEnd {
		v.userSelect(0, 0)
	} else {
		v.Refresh()
	}
	if v.OnClickAnnotation != nil {
		v.OnClickAnnotation(id)
	}
}

// DoubleTapped implements fyne.DoubleTappable: it selects the token under
// the pointer.
func (v *View) DoubleTapped(e *fyne.PointEvent) {
	off, ok := v.hitAt(e.Position)
	if !ok {
		return
	}
	t := v.tokenAt(off)
	if t < 0 {
		return
	}
	v.cursor, v.anchor = t, t
	v.userSelect(v.tokens[t].Start, v.tokens[t].End)
}

// caretAt returns the caret offset nearest to a widget position.
func (v *View) caretAt(p fyne.Position) int {
	x, y := v.toLayout(p)
	return v.lay.CaretAt(x, y)
}

// hitAt returns the code point under a widget position.
func (v *View) hitAt(p fyne.Position) (int, bool) {
	if v.lay == nil {
		return 0, false
	}
	x, y := v.toLayout(p)
	return v.lay.HitTest(x, y)
}

// snap turns two caret offsets into a selection: exact when alt, else
// widened to the tokens it touches (a drag within one word selects the
// word; a selection touching only spaces is empty).
func (v *View) snap(a, b int, alt bool) (int, int) {
	s, e := min(a, b), max(a, b)
	if alt || s == e {
		return s, e
	}
	ts := v.tokens
	i := sort.Search(len(ts), func(i int) bool { return ts[i].End > s })
	j := sort.Search(len(ts), func(i int) bool { return ts[i].Start >= e }) - 1
	if i > j || i >= len(ts) || j < 0 {
		return 0, 0
	}
	return ts[i].Start, ts[j].End
}

// tokenAt returns the index of the token holding code point off, or of
// the next token when off is between tokens; -1 if there is none.
func (v *View) tokenAt(off int) int {
	ts := v.tokens
	i := sort.Search(len(ts), func(i int) bool { return ts[i].End > off })
	if i >= len(ts) {
		if len(ts) > 0 {
			return len(ts) - 1
		}
		return -1
	}
	return i
}

// annotationAt returns the innermost (shortest) entity, trigger or
// candidate holding code point off, or the zero Annotation. On a tie an
// entity or trigger wins over a candidate of the same span (gold over
// the annotators' work in review).
func (v *View) annotationAt(off int) Annotation {
	var best Annotation
	found := false
	for _, k := range []kind{kindCandidate, kindEventCandidate, kindEntity, kindTrigger, kindSuggestion} {
		if found && k == kindSuggestion {
			break // suggestions only when nothing real is there
		}
		anns := v.ann[k]
		n := sort.Search(len(anns), func(i int) bool { return anns[i].Start > off })
		for _, a := range anns[:n] {
			if off < a.End && (!found || a.End-a.Start <= best.End-best.Start) {
				best, found = a, true
			}
		}
	}
	return best
}
