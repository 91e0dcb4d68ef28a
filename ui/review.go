package ui

import (
	"errors"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
	"github.com/tawsim/tawsim/ui/session"
)

// What the window does in review mode: it turns keys, clicks and menu
// items into the session's review calls, and asks before what needs
// asking (an event whose arguments' entities gold lacks, the K of
// "accept agreed"). The panels follow the session as in annotate mode.

// newReviewPanel is the review side panel on the window's session.
func (m *Window) newReviewPanel() *reviewPanel {
	return newReviewPanel(m.sess, &m.labels, m.colours.colour, reviewActions{
		goTo:           m.goToDisagreement,
		step:           m.stepDisagreement,
		selectItem:     func(id string) { m.selectAnnotation(id, true) },
		accept:         m.acceptCandidate,
		dismiss:        m.dismissCandidate,
		acceptArgument: m.acceptArgument,
	})
}

// setReviewing switches the window between annotating and reviewing.
func (m *Window) setReviewing(on bool) {
	mode := session.Annotate
	if on {
		mode = session.Review
	}
	m.report(m.sess.SetMode(mode))
	m.focusText()
}

// focusText gives the text view the keyboard, unless it has it: focusing
// it again would redraw it.
func (m *Window) focusText() {
	if c := m.win.Canvas(); c.Focused() != m.view {
		c.Focus(m.view)
	}
}

// toggleReview is Ctrl+R.
func (m *Window) toggleReview() { m.setReviewing(!m.sess.Reviewing()) }

// reviewRune handles the single-key review commands; false leaves the
// key to annotate mode's handling (type hotkeys label gold, E adds an
// event).
func (m *Window) reviewRune(r rune) bool {
	switch r {
	case 'a', 'A', 'ش': // ش is A's key on an Arabic keyboard
		m.acceptSelected()
	case 'n', 'ى':
		m.stepDisagreement(1)
	case 'N', 'آ':
		m.stepDisagreement(-1)
	default:
		return false
	}
	return true
}

// reviewKey handles the named keys in review mode; false leaves the key to
// annotate mode's handling.
func (m *Window) reviewKey(e *fyne.KeyEvent) bool {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		m.acceptSelected()
	case fyne.KeyTab:
		if sp, ok := m.sess.NextCandidate(); ok {
			m.view.ShowOffset(sp.Start)
		} else {
			m.report(errors.New(lang.L("no candidate left to accept in this document")))
		}
	case fyne.KeyF8:
		if m.view.ShiftHeld() {
			m.stepDisagreement(-1)
		} else {
			m.stepDisagreement(1)
		}
	default:
		return false
	}
	return true
}

// acceptSelected accepts the selected candidate (Enter or A).
func (m *Window) acceptSelected() { m.acceptCandidate(m.sess.Selected()) }

// acceptCandidate accepts a candidate into gold; for an event whose
// arguments' entities gold lacks it offers to accept them with it.
func (m *Window) acceptCandidate(id string) {
	res, err := m.sess.AcceptCandidate(id, false)
	var held *session.HeldError
	if errors.As(err, &held) {
		msg := fmt.Sprintf(lang.L("Gold does not hold the entities of %d arguments of this %s event yet. Accept them with the event?"), len(held.Missing), held.Event)
		dialog.ShowCustomConfirm(lang.L("Accept the event with its arguments"), lang.L("Accept both"), lang.L("Cancel"),
			newBidiLabel(&m.labels, msg), func(ok bool) {
				if ok {
					m.reportApplied(m.sess.AcceptCandidate(id, true))
				}
				m.focusText()
			}, m.win)
		return
	}
	m.reportApplied(res, err)
}

// acceptArgument accepts one argument of an event candidate onto gold's
// event, offering to accept its entity too.
func (m *Window) acceptArgument(id string, i int) {
	err := m.sess.AcceptArgument(id, i, false)
	var held *session.HeldError
	if errors.As(err, &held) {
		dialog.ShowCustomConfirm(lang.L("Accept the argument with its entity"), lang.L("Accept both"), lang.L("Cancel"),
			newBidiLabel(&m.labels, lang.L("Gold does not hold this argument's entity yet. Accept it with the argument?")), func(ok bool) {
				if ok {
					m.report(m.sess.AcceptArgument(id, i, true))
				}
			}, m.win)
		return
	}
	m.report(err)
}

// dismissCandidate rejects a candidate: it is hidden, gold unchanged.
func (m *Window) dismissCandidate(id string) {
	m.report(m.sess.DismissCandidate(id))
	m.focusText()
}

// reportApplied says what an accept added to gold.
func (m *Window) reportApplied(res review.Applied, err error) {
	if err != nil {
		m.report(err)
		return
	}
	m.report(nil)
	switch {
	case res.Entities+res.Events == 0 && res.Present > 0:
		m.setSaved("✓ " + lang.L("gold holds it already"))
	case res.Entities+res.Events == 0:
		m.setSaved("✓ " + lang.L("nothing to add"))
	default:
		msg := fmt.Sprintf(lang.L("✓ gold: %d entities and %d events added"), res.Entities, res.Events)
		if len(res.Held) > 0 {
			msg += fmt.Sprintf(lang.L("; %d events held back (an argument's entity is not in gold)"), len(res.Held))
		}
		m.setSaved(msg)
	}
	m.focusText()
}

// stepDisagreement goes to the next or previous open disagreement (N,
// Shift+N, F8, Shift+F8) and scrolls to it.
func (m *Window) stepDisagreement(by int) {
	if !m.sess.Reviewing() {
		m.report(errors.New(lang.L("switch to review mode first (Ctrl+R)")))
		return
	}
	d, ok := m.sess.StepDisagreement(by)
	if !ok {
		m.report(errors.New(lang.L("the annotators agree everywhere in this document")))
		return
	}
	m.view.ShowOffset(d.Span.Start)
	m.focusText()
}

// goToDisagreement makes disagreement i current (a click in the list).
func (m *Window) goToDisagreement(i int) {
	m.sess.GoToDisagreement(i)
	if ds := m.sess.Disagreements(); i >= 0 && i < len(ds) {
		m.view.ShowOffset(ds[i].Span.Start)
	}
}

// showAcceptAgreed asks for K, and whether only layers marked done vote,
// then accepts what at least K annotators marked identically: what
// `tawsimctl adjudicate --min-agree K --doc DOC` does (Ctrl+Shift+A).
func (m *Window) showAcceptAgreed() {
	cmp := m.sess.Comparison()
	if cmp == nil {
		m.report(errors.New(lang.L("switch to review mode first (Ctrl+R)")))
		return
	}
	if len(cmp.Annotators) == 0 {
		m.report(errors.New(lang.L("no annotator has worked on this document")))
		return
	}
	// K goes from all the voters down to one; who votes depends on the
	// check (only done layers, by default, as the CLI).
	k := widget.NewSelect(nil, nil)
	voters := func(onlyDone bool) int {
		n := 0
		for _, l := range m.sess.ReviewedLayers() {
			if !onlyDone || l.Status == corpus.StatusDone {
				n++
			}
		}
		return n
	}
	n := 0
	offer := func(onlyDone bool) {
		n = voters(onlyDone)
		opts := make([]string, 0, n)
		for i := n; i >= 1; i-- {
			if i == n {
				opts = append(opts, fmt.Sprintf(lang.L("all %d"), n))
			} else {
				opts = append(opts, strconv.Itoa(i))
			}
		}
		k.Options = opts
		k.SetSelectedIndex(0)
		k.Refresh()
	}
	done := widget.NewCheck(lang.L("Only layers marked done vote (as tawsimctl adjudicate)"), offer)
	done.SetChecked(true)
	dialog.ShowForm(lang.L("Accept agreed"), lang.L("Accept"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("At least K annotators"), k),
		widget.NewFormItem("", done),
	}, func(ok bool) {
		if ok && n > 0 {
			m.reportApplied(m.sess.AcceptAgreed(n-k.SelectedIndex(), done.Checked))
		} else if ok {
			m.report(errors.New(lang.L("no annotator has marked this document done: untick the check to let every layer vote")))
		}
	}, m.win)
}

// showAcceptAllOf asks whose work to accept whole.
func (m *Window) showAcceptAllOf() {
	cmp := m.sess.Comparison()
	if cmp == nil {
		m.report(errors.New(lang.L("switch to review mode first (Ctrl+R)")))
		return
	}
	if len(cmp.Annotators) == 0 {
		m.report(errors.New(lang.L("no annotator has worked on this document")))
		return
	}
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, a := range cmp.Annotators {
		who := a
		sw := canvas.NewRectangle(m.colours.colour(who))
		sw.SetMinSize(fyne.NewSize(14, 14))
		sw.CornerRadius = 3
		rows.Add(container.NewBorder(nil, nil, container.NewCenter(sw), nil, widget.NewButton(who, func() {
			d.Hide()
			m.reportApplied(m.sess.AcceptAllOf(who))
		})))
	}
	d = dialog.NewCustom(lang.L("Accept everything of one annotator"), lang.L("Cancel"), rows, m.win)
	d.Show()
}

// mergeUndisputed accepts everything no annotation contradicts
// (Ctrl+Shift+M).
func (m *Window) mergeUndisputed() { m.reportApplied(m.sess.AcceptUndisputed()) }
