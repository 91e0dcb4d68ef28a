package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/tawsim/tawsim/ui/session"
)

// do runs one annotation action, then redraws and reports it. Every
// action is one store transaction, so "saved" is true the moment it
// returns.
func (m *Window) do(action func() error) {
	err := action()
	m.refreshAnnotations()
	m.report(err)
}

func (m *Window) onSelect(start, end int) {
	if start == end {
		// A click cleared the view's selection; OnClickAnnotation follows
		// and decides what the click selects (an event being given
		// arguments must stay selected).
		return
	}
	m.cur = -1
	m.sess.Select(start, end)
	m.refreshSelection()
}

// refreshSelection updates what depends on the selection only. A
// suggestion picked with Tab or a click shows as selected in the text.
func (m *Window) refreshSelection() {
	selected := m.sess.Selected()
	if m.cur >= 0 && selected == "" {
		selected = suggestionID(m.cur)
	}
	m.view.SetSelected(selected)
	m.view.SetLinked(m.linked())
	sel := m.sess.Selection()
	m.view.SetSelection(sel.Start, sel.End)
	m.ents.Select(m.sess.Selected())
	m.events.Refresh()
	m.updateStatus()
}

// onClickAnnotation selects what was clicked. While an event is selected,
// clicking an entity offers to attach it as an argument instead.
func (m *Window) onClickAnnotation(id string) {
	if strings.HasPrefix(id, "S") {
		var i int
		fmt.Sscanf(id, "S%d", &i)
		if i >= 0 && i < len(m.suggested) {
			m.cur = i
			m.sess.Select(m.suggested[i].Start, m.suggested[i].End)
			m.refreshAnnotations()
		}
		return
	}
	if ev := m.sess.Selected(); strings.HasPrefix(ev, "E") && strings.HasPrefix(id, "T") {
		m.askRole(ev, id)
		return
	}
	if id == "" {
		m.cur = -1
		m.sess.Select(0, 0)
		m.refreshSelection()
		return
	}
	m.selectAnnotation(id, false)
}

func (m *Window) selectAnnotation(id string, scroll bool) {
	m.cur = -1
	m.sess.SelectAnnotation(id)
	if scroll {
		m.view.ShowOffset(m.sess.Selection().Start)
	}
	m.refreshSelection()
	m.win.Canvas().Focus(m.view)
}

func (m *Window) roleOf(eventID string, i int) string {
	if ev, ok := m.sess.Layer().Event(eventID); ok && i < len(ev.Arguments) {
		return ev.Arguments[i].Role
	}
	return ""
}

func (m *Window) applyType(typ string) {
	if m.cur >= 0 && m.sess.Selected() == "" {
		// Labelling a suggestion with another type.
		sg := m.suggested[m.cur]
		m.sess.Select(sg.Start, sg.End)
		m.cur = -1
	}
	m.do(func() error {
		_, err := m.sess.ApplyType(typ)
		return err
	})
}

// onRune handles single-key commands typed in the text view.
func (m *Window) onRune(r rune) {
	// Arabic keyboard layouts type Arabic-Indic (or Persian) digits on the
	// number row: they are the same hotkeys.
	switch {
	case r >= '١' && r <= '٩':
		r = '1' + (r - '١')
	case r >= '۱' && r <= '۹':
		r = '1' + (r - '۱')
	}
	switch {
	case r >= '1' && r <= '9', r >= 'a' && r <= 'z' && r != 'e':
		if typ, ok := m.sess.TypeForKey(string(r)); ok {
			m.applyType(typ)
		}
	case r == 'e' || r == 'E' || r == 'ث': // ث is E's key on an Arabic keyboard
		m.showEventTypes()
	case r == '/':
		m.palette.Focus(m.win.Canvas())
	}
}

// onKey handles the named keys the text view passes on.
func (m *Window) onKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDelete:
		m.do(m.sess.Delete)
	case fyne.KeyReturn, fyne.KeyEnter:
		m.acceptSuggestion()
	case fyne.KeyBackspace:
		if m.cur >= 0 {
			m.dismissSuggestion()
		} else if m.sess.Selected() != "" {
			m.do(m.sess.Delete)
		}
	case fyne.KeyTab:
		m.nextSuggestion()
	case fyne.KeyEscape:
		m.cur = -1
		m.sess.Select(0, 0)
		m.refreshAnnotations()
	case fyne.KeyPageDown:
		m.view.ScrollTo(m.view.ScrollOffset() + m.view.Size().Height*0.9)
	case fyne.KeyPageUp:
		m.view.ScrollTo(m.view.ScrollOffset() - m.view.Size().Height*0.9)
	}
}

// onShiftArrow grows or shrinks the selected entity by a token. Arrows
// are visual: in right-to-left text Shift+Left reaches further into the
// text (the next word), Shift+Right pulls the end back; with Alt the
// start edge moves instead.
func (m *Window) onShiftArrow(key fyne.KeyName, alt bool) bool {
	if _, ok := m.sess.Layer().Entity(m.sess.Selected()); !ok {
		return false
	}
	forward := key == fyne.KeyLeft
	if l := m.view.Layout(); l != nil && len(l.Lines) > 0 {
		if ln := l.LineOf(m.sess.Selection().Start); ln >= 0 && ln < len(l.Lines) && !l.Lines[ln].RTL {
			forward = key == fyne.KeyRight
		}
	}
	edge, by := session.End, 1
	if !forward {
		by = -1
	}
	if alt {
		edge, by = session.Start, -by
	}
	m.do(func() error { return m.sess.Resize(edge, by) })
	return true
}

func (m *Window) nextSuggestion() {
	if len(m.suggested) == 0 {
		m.report(errors.New("no suggestions in this document"))
		return
	}
	after := m.sess.Selection().End
	next := 0
	for i, s := range m.suggested {
		if s.Start >= after {
			next = i
			break
		}
	}
	if m.cur >= 0 {
		next = (m.cur + 1) % len(m.suggested)
	}
	m.cur = next
	sg := m.suggested[next]
	m.sess.Select(sg.Start, sg.End)
	m.view.ShowOffset(sg.Start)
	m.refreshAnnotations()
}

// currentSuggestion is the suggestion Enter and Backspace act on: the one
// picked with Tab or a click, else the one under the selection.
func (m *Window) currentSuggestion() (session.Suggestion, bool) {
	if m.cur >= 0 && m.cur < len(m.suggested) {
		return m.suggested[m.cur], true
	}
	sel := m.sess.Selection()
	for _, s := range m.suggested {
		if sel.Len() > 0 && s.Overlaps(sel) {
			return s, true
		}
	}
	return session.Suggestion{}, false
}

func (m *Window) acceptSuggestion() {
	sg, ok := m.currentSuggestion()
	if !ok {
		return
	}
	m.cur = -1
	m.do(func() error { _, err := m.sess.Accept(sg); return err })
}

func (m *Window) dismissSuggestion() {
	sg, ok := m.currentSuggestion()
	if !ok {
		return
	}
	m.sess.Dismiss(sg)
	m.cur = -1
	m.sess.Select(0, 0)
	m.refreshAnnotations()
}

func (m *Window) undo() {
	m.do(func() error {
		ok, err := m.sess.Undo()
		if err == nil && !ok {
			return errors.New("nothing to undo")
		}
		return err
	})
}

func (m *Window) redo() {
	m.do(func() error {
		ok, err := m.sess.Redo()
		if err == nil && !ok {
			return errors.New("nothing to redo")
		}
		return err
	})
}

func (m *Window) setDone(next bool) {
	done := m.sess.Layer().Status != "done"
	m.do(func() error { return m.sess.SetDone(done) })
	if next && done {
		m.step(1)
	}
}

// step opens the next (+1) or previous (-1) document.
func (m *Window) step(by int) {
	if i := m.current + by; i >= 0 && i < len(m.docIDs) {
		m.report(m.openIndex(i))
	}
}

func (m *Window) zoom(by float32) {
	size := m.view.TextSize() + by
	if size < 10 || size > 48 {
		return
	}
	m.view.SetTextSize(size)
}

// addShortcuts registers the window-wide keyboard shortcuts.
func (m *Window) addShortcuts() {
	c := m.win.Canvas()
	add := func(key fyne.KeyName, mod fyne.KeyModifier, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) {
			// While a dialog is open the shortcuts wait: a second dialog
			// on top of the first, or an undo behind it, would surprise.
			if c.Overlays().Top() == nil {
				fn()
			}
		})
	}
	ctrl := fyne.KeyModifierShortcutDefault
	add(fyne.KeyZ, ctrl, m.undo)
	add(fyne.KeyZ, ctrl|fyne.KeyModifierShift, m.redo)
	add(fyne.KeyY, ctrl, m.redo)
	add(fyne.KeyEqual, ctrl, func() { m.zoom(2) })
	add(fyne.KeyPlus, ctrl, func() { m.zoom(2) })
	add(fyne.KeyMinus, ctrl, func() { m.zoom(-2) })
	add(fyne.Key0, ctrl, func() { m.view.SetTextSize(0) })
	add(fyne.KeyD, ctrl, func() { m.setDone(false) })
	add(fyne.KeyReturn, ctrl, func() { m.setDone(true) })
	add(fyne.KeyPageDown, ctrl, func() { m.step(1) })
	add(fyne.KeyPageUp, ctrl, func() { m.step(-1) })
	add(fyne.KeyL, ctrl, func() { m.labelAll(session.ThisDocument) })
	add(fyne.KeyL, ctrl|fyne.KeyModifierShift, func() { m.labelAll(session.WholeCorpus) })
	add(fyne.KeyF, ctrl, func() { m.win.Canvas().Focus(m.docs.filter) })
	add(fyne.KeyE, ctrl, func() { m.showExport() })
	add(fyne.KeyI, ctrl, func() { m.showImport() })
}
