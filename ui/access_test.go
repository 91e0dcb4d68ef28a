package ui

import (
	"github.com/tawsim/tawsim/ui/session"
	"github.com/tawsim/tawsim/ui/textview"
)

// What the tests read the window through. The application needs none of
// it, so it lives here rather than in the package's API.

// View is the annotation text view.
func (m *Window) View() *textview.View { return m.view }

// DocList is the document list.
func (m *Window) DocList() *docList { return m.docs }

// Wait blocks until the background imports and exports have finished and
// reported.
func (m *Window) Wait() { m.tasks.Wait() }

// LastError is the message of the last failed action ("" if it succeeded).
func (m *Window) LastError() string { return m.lastErr }

// Rows returns the rows the document list shows (after filtering).
func (d *docList) Rows() []session.DocEntry {
	out := make([]session.DocEntry, len(d.shown))
	for i, k := range d.shown {
		out[i] = d.src.Documents()[k]
	}
	return out
}

// Text is the label's text in logical order.
func (b *BidiLabel) Text() string { return b.text }
