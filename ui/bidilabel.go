package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/textlayout"
)

// BidiLabel shows one line that may mix Arabic with Latin text, numbers
// and punctuation, in the order the Unicode Bidi Algorithm gives. Fyne
// shapes a label's text but never reorders it, so a message such as
// "no other «بشار الأسد» in this document" comes out scrambled in a
// widget.Label. BidiLabel asks the layout engine for the line's runs in
// screen order and shows each as its own canvas.Text: a run has one
// direction, which Fyne does render correctly.
type BidiLabel struct {
	widget.BaseWidget
	engine *labelEngine
	text   string
	// Importance picks the colour, as for widget.Label (danger for errors).
	Importance widget.Importance
}

// labelEngine is the layout engine the labels of one window share; it is
// made on first use because parsing the fonts costs a few milliseconds.
type labelEngine struct {
	e   *textlayout.Engine
	err error
}

func (l *labelEngine) get() *textlayout.Engine {
	if l.e == nil && l.err == nil {
		l.e, l.err = textlayout.NewEngine()
	}
	return l.e
}

// NewBidiLabel makes a label using the shared engine.
func newBidiLabel(engine *labelEngine, text string) *BidiLabel {
	b := &BidiLabel{engine: engine, text: text}
	b.ExtendBaseWidget(b)
	return b
}

// SetText changes the text.
func (b *BidiLabel) SetText(text string) {
	if text == b.text {
		return
	}
	b.text = text
	b.Refresh()
}

// runs splits the text into its pieces in screen order, left to right.
// Without an engine it falls back to the text as it is.
func (b *BidiLabel) runs() []string {
	e := b.engine.get()
	if e == nil || b.text == "" {
		return []string{b.text}
	}
	lay, err := e.Layout(b.text, textlayout.Options{Direction: textlayout.Auto})
	if err != nil || len(lay.Lines) == 0 {
		return []string{b.text}
	}
	runes := []rune(b.text)
	var out []string
	for _, ln := range lay.Lines {
		for _, r := range ln.Runs {
			if r.Start < r.End && r.End <= len(runes) {
				out = append(out, string(runes[r.Start:r.End]))
			}
		}
	}
	return out
}

// CreateRenderer implements fyne.Widget.
func (b *BidiLabel) CreateRenderer() fyne.WidgetRenderer {
	r := &bidiLabelRenderer{b: b}
	r.Refresh()
	return r
}

type bidiLabelRenderer struct {
	b     *BidiLabel
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func (r *bidiLabelRenderer) colour() color.Color {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch r.b.Importance {
	case widget.DangerImportance:
		return th.Color(theme.ColorNameError, v)
	case widget.SuccessImportance:
		return th.Color(theme.ColorNameSuccess, v)
	case widget.LowImportance:
		return th.Color(theme.ColorNameDisabled, v)
	}
	return th.Color(theme.ColorNameForeground, v)
}

func (r *bidiLabelRenderer) Refresh() {
	pieces := r.b.runs()
	r.texts = r.texts[:0]
	r.objs = r.objs[:0]
	c := r.colour()
	size := r.b.Theme().Size(theme.SizeNameText)
	for _, p := range pieces {
		t := canvas.NewText(p, c)
		t.TextSize = size
		r.texts = append(r.texts, t)
		r.objs = append(r.objs, t)
	}
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

func (r *bidiLabelRenderer) Layout(size fyne.Size) {
	pad := r.b.Theme().Size(theme.SizeNameInnerPadding)
	x := pad
	for _, t := range r.texts {
		m := t.MinSize()
		t.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
		t.Resize(m)
		x += m.Width
	}
}

func (r *bidiLabelRenderer) MinSize() fyne.Size {
	pad := r.b.Theme().Size(theme.SizeNameInnerPadding)
	w, h := float32(0), float32(0)
	for _, t := range r.texts {
		m := t.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+2*pad, h+2*pad)
}

func (r *bidiLabelRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *bidiLabelRenderer) Destroy() {}
