package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/ui/session"
)

// ChangedElsewhere shows changes other processes committed to the open
// database (an import from tawsimctl while the app is open, a colleague's
// work on a team server). Call it on the UI goroutine (fyne.Do).
func (m *Window) ChangedElsewhere(changes []session.Elsewhere) {
	wasEmpty := len(m.docIDs) == 0
	if err := m.sess.ChangedElsewhere(changes); err != nil {
		m.report(err)
		return
	}
	if wasEmpty && len(m.docIDs) > 0 {
		m.report(m.openIndex(0))
	}
	m.bar.showOutcome("↻ "+lang.L("Updated with changes made elsewhere"), widget.MediumImportance)
}

// Session is the window's annotation state: what it shows and edits, for
// the program that embeds the window (and its tests).
func (m *Window) Session() *session.Session { return m.sess }
