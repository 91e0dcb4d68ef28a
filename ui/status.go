package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
)

// statusSource is what the status bar reads from the session.
type statusSource interface {
	publisher
	Annotator() string
	Documents() []session.DocEntry
	Position() int
	DoneCount() int
	Selected() string
	Selection() corpus.Span
	Describe(id string) string
	Reviewing() bool
}

// statusBar says who is annotating, which document of how many is open,
// how many are done and what is selected, following the session; on the
// right it shows the outcome of the last action, which the window
// reports.
type statusBar struct {
	widget.BaseWidget
	src     statusSource
	status  *widget.Label
	outcome *BidiLabel // may quote Arabic text
	content *fyne.Container
}

func newStatusBar(src statusSource, labels *labelEngine) *statusBar {
	b := &statusBar{src: src, status: widget.NewLabel(""), outcome: newBidiLabel(labels, "")}
	b.content = container.NewBorder(nil, nil, nil, b.outcome, b.status)
	b.show()
	src.Subscribe(func(ev session.Event) {
		switch ev.(type) {
		case session.DocumentOpened, session.LayerChanged, session.SelectionChanged, session.DocumentsChanged, session.ModeChanged:
			b.show()
		}
	})
	b.ExtendBaseWidget(b)
	return b
}

// show writes the session's state into the status text.
func (b *statusBar) show() {
	pos := "–"
	if i := b.src.Position(); i >= 0 {
		pos = fmt.Sprintf("%d / %d", i+1, len(b.src.Documents()))
	}
	who, done := lang.L("Annotator"), lang.L("Done")
	if b.src.Reviewing() {
		who, done = lang.L("Reviewer"), lang.L("Adjudicated")
	}
	text := fmt.Sprintf("%s: %s   ·   %s %s   ·   %s: %d", who, b.src.Annotator(), lang.L("Document"), pos, done, b.src.DoneCount())
	if d := b.src.Selected(); d != "" {
		text += "   ·   " + b.src.Describe(d)
	} else if sel := b.src.Selection(); sel.Len() > 0 {
		text += fmt.Sprintf("   ·   %s [%d, %d)", lang.L("selection"), sel.Start, sel.End)
	}
	setText(b.status, text)
}

// showOutcome shows an action's outcome in the colour of its importance.
func (b *statusBar) showOutcome(text string, imp widget.Importance) {
	b.outcome.Importance = imp
	b.say(text)
}

// say shows a message where outcomes go, in the last outcome's colour.
func (b *statusBar) say(text string) {
	b.outcome.SetText(text)
	b.outcome.Refresh()
	b.content.Refresh() // the outcome's width changed
}

// CreateRenderer implements fyne.Widget.
func (b *statusBar) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.content) }
