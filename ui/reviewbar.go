package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/ui/session"
)

// modeSource is what the mode bar and the mode-dependent parts read from
// the session.
type modeSource interface {
	publisher
	Reviewing() bool
}

// modeActions are what the mode bar asks the window to do.
type modeActions struct {
	setReviewing func(bool)
	acceptAgreed func()
	acceptAllOf  func()
	undisputed   func()
}

// modeBar is the toolbar above the text: the Annotate / Review toggle
// (Ctrl+R) and, in review mode, the commands that fill gold in bulk.
type modeBar struct {
	widget.BaseWidget
	src               modeSource
	annotate, reviews *widget.Button
	tools             *fyne.Container
	content           fyne.CanvasObject
}

func newModeBar(src modeSource, act modeActions) *modeBar {
	b := &modeBar{src: src}
	b.annotate = widget.NewButton(lang.L("Annotate"), func() { act.setReviewing(false) })
	b.reviews = widget.NewButton(lang.L("Review (Ctrl+R)"), func() { act.setReviewing(true) })
	b.tools = container.NewHBox(
		widget.NewSeparator(),
		widget.NewButton(lang.L("Accept agreed…"), act.acceptAgreed),
		widget.NewButton(lang.L("Accept all of…"), act.acceptAllOf),
		widget.NewButton(lang.L("Merge undisputed"), act.undisputed),
	)
	b.content = container.NewHBox(b.annotate, b.reviews, b.tools)
	b.show()
	src.Subscribe(func(ev session.Event) {
		if _, ok := ev.(session.ModeChanged); ok {
			b.show()
		}
	})
	b.ExtendBaseWidget(b)
	return b
}

// show marks the mode in use and shows the review commands in review.
func (b *modeBar) show() {
	on, off := b.annotate, b.reviews
	if b.src.Reviewing() {
		on, off = off, on
		b.tools.Show()
	} else {
		b.tools.Hide()
	}
	on.Importance, off.Importance = widget.HighImportance, widget.MediumImportance
	on.Refresh()
	off.Refresh()
	if c, ok := b.content.(*fyne.Container); ok {
		c.Refresh() // lay the commands out again now they show (or not)
	}
}

// CreateRenderer implements fyne.Widget.
func (b *modeBar) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.content) }

// followMode shows annotate in annotate mode and review in review mode
// (one of them at a time, in a stack), renames headings to say they list
// gold's items while reviewing, and calls changed after each switch.
func followMode(src modeSource, annotate, review fyne.CanvasObject, headings map[*widget.Label]string, changed func(reviewing bool)) *fyne.Container {
	c := container.NewStack(annotate, review)
	show := func() {
		on := src.Reviewing()
		if on {
			annotate.Hide()
			review.Show()
		} else {
			review.Hide()
			annotate.Show()
		}
		for l, text := range headings {
			if on {
				setText(l, lang.L("Gold: "+text))
			} else {
				setText(l, lang.L(text))
			}
		}
		c.Refresh()
		if changed != nil {
			changed(on)
		}
	}
	show()
	src.Subscribe(func(ev session.Event) {
		if _, ok := ev.(session.ModeChanged); ok {
			show()
		}
	})
	return c
}
