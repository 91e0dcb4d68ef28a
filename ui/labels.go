package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// arabicLabel is a label for Arabic text alone. Fyne shapes a label but
// does not reorder mixed-direction text, so Tawsim never puts Arabic and
// Latin in one label: each gets its own, and Arabic is right-aligned.
func arabicLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignTrailing
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// setText changes a label only when its text differs: Fyne re-shapes a
// label's text on every SetText (and again to truncate it), which the
// lists would otherwise pay for every row on every action.
func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}
