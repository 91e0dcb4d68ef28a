package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/tawsim/tawsim/ui/session"
)

// do runs one annotation action and reports it; the panels have redrawn
// by the time it returns (the session tells them). Every action is one
// store transaction, so "saved" is true the moment it returns.
func (m *Window) do(action func() error) {
	m.report(action())
}

func (m *Window) onSelect(start, end int) {
	if start == end {
		// A click cleared the view's selection; OnClickAnnotation follows
		// and decides what the click selects (an event being given
		// arguments must stay selected).
		return
	}
	m.sess.Select(start, end)
}

// onClickAnnotation selects what was clicked. While an event is selected,
// clicking an entity offers to attach it as an argument instead.
func (m *Window) onClickAnnotation(id string) {
	if strings.HasPrefix(id, "S") {
		if i, ok := suggestionIndex(id); ok {
			m.sess.PickSuggestion(i)
		}
		return
	}
	if ev := m.sess.Selected(); strings.HasPrefix(ev, "E") && strings.HasPrefix(id, "T") {
		m.askRole(ev, id)
		return
	}
	if id == "" {
		m.sess.Select(0, 0)
		return
	}
	m.selectAnnotation(id, false)
}

func (m *Window) selectAnnotation(id string, scroll bool) {
	m.sess.SelectAnnotation(id)
	if scroll {
		m.view.ShowOffset(m.sess.Selection().Start)
	}
	m.win.Canvas().Focus(m.view)
}

// applyType labels the selection (or a picked suggestion) with typ, or
// retypes the selected entity.
func (m *Window) applyType(typ string) {
	m.do(func() error {
		_, err := m.sess.ApplyType(typ)
		return err
	})
}

// onRune handles single-key commands typed in the text view.
func (m *Window) onRune(r rune) {
	if m.sess.Reviewing() && m.reviewRune(r) {
		return
	}
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
		m.palette.focus(m.win.Canvas())
	}
}

// onKey handles the named keys the text view passes on.
func (m *Window) onKey(e *fyne.KeyEvent) {
	if m.sess.Reviewing() && m.reviewKey(e) {
		return
	}
	switch e.Name {
	case fyne.KeyDelete:
		m.do(m.sess.Delete)
	case fyne.KeyReturn, fyne.KeyEnter:
		m.acceptSuggestion()
	case fyne.KeyBackspace:
		if m.sess.Picked() >= 0 {
			m.dismissSuggestion()
		} else if m.sess.Selected() != "" {
			m.do(m.sess.Delete)
		}
	case fyne.KeyTab:
		m.nextSuggestion()
	case fyne.KeyEscape:
		m.sess.Select(0, 0)
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

// nextSuggestion picks the next suggestion (Tab) and scrolls to it.
func (m *Window) nextSuggestion() {
	sg, ok := m.sess.NextSuggestion()
	if !ok {
		m.report(errors.New("no suggestions in this document"))
		return
	}
	m.view.ShowOffset(sg.Start)
}

// acceptSuggestion labels the current suggestion (Enter).
func (m *Window) acceptSuggestion() {
	sg, ok := m.sess.CurrentSuggestion()
	if !ok {
		return
	}
	m.do(func() error { _, err := m.sess.Accept(sg); return err })
}

// dismissSuggestion hides the current suggestion (Backspace).
func (m *Window) dismissSuggestion() {
	sg, ok := m.sess.CurrentSuggestion()
	if !ok {
		return
	}
	m.sess.Dismiss(sg)
	m.sess.Select(0, 0)
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
	if i := m.sess.Position() + by; i >= 0 && i < len(m.docIDs) {
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
	add(fyne.KeyF, ctrl, func() { m.docs.focusFilter(m.win.Canvas()) })
	add(fyne.KeyE, ctrl, func() { m.showExport() })
	add(fyne.KeyI, ctrl, func() { m.showImport() })
	add(fyne.KeyR, ctrl, m.toggleReview)
	add(fyne.KeyA, ctrl|fyne.KeyModifierShift, m.showAcceptAgreed)
	add(fyne.KeyM, ctrl|fyne.KeyModifierShift, m.mergeUndisputed)
}
