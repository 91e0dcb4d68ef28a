package textview

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/textlayout"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// article returns the seed repeated to at least n tokens.
func article(tb testing.TB, n int) string {
	seed := seedText(tb)
	per := len(corpus.Tokenize(seed))
	return strings.Repeat(seed+"\n\n", (n+per-1)/per)
}

func benchApp(b *testing.B) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(tawsimtheme.Light())
}

// show puts o in an unpadded 800×600 test window, sized before the
// content is set so that o is laid out once, at its final width.
func show(o fyne.CanvasObject) fyne.Window {
	w := test.NewWindow(nil)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))
	w.SetContent(o)
	return w
}

// BenchmarkFirstRender10k measures a view of a 10,000-token article from
// nothing to the first captured frame at 800×600 (font parsing, shaping,
// layout, rasterising the visible lines, painting), and the same article
// in a word-wrapped multi-line widget.Entry, the naive build, as a
// baseline. Both are reported, with their ratio.
func BenchmarkFirstRender10k(b *testing.B) {
	benchApp(b)
	text := article(b, 10000)
	var view, entry time.Duration
	for b.Loop() {
		t0 := time.Now()
		v := New(text, textlayout.Auto)
		w := show(v)
		w.Canvas().Capture()
		view += time.Since(t0)
		w.Close()

		t0 = time.Now()
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetText(text)
		w = show(e)
		w.Canvas().Capture()
		entry += time.Since(t0)
		w.Close()
	}
	n := float64(b.N)
	b.ReportMetric(float64(view.Milliseconds())/n, "view-ms/op")
	b.ReportMetric(float64(entry.Milliseconds())/n, "entry-ms/op")
	b.ReportMetric(float64(entry)/float64(view), "entry/view")
}

// BenchmarkRelayout800 is a resize of the 10k-token view: a re-wrap from
// the engine's shaping cache, and the visible lines redrawn.
func BenchmarkRelayout800(b *testing.B) {
	benchApp(b)
	v := New(article(b, 10000), textlayout.Auto)
	w := show(v)
	defer w.Close()
	width := float32(800)
	for b.Loop() {
		width = 1600 - width // alternate 800 and 799... widths
		w.Resize(fyne.NewSize(width-0.5, 600))
		w.Canvas().Capture()
	}
}

// entities returns n entities spread over the article's tokens.
func entities(text string, n, shift int) []Annotation {
	toks := corpus.Tokenize(text)
	types := []string{"PER", "ORG", "LOC", "GPE", "DATE"}
	out := make([]Annotation, 0, n)
	step := max(len(toks)/n, 1)
	for i := 0; i < n; i++ {
		t := toks[min((i*step+shift)%len(toks), len(toks)-1)]
		end := t.End
		if i%7 == 0 && i*step+shift+1 < len(toks) { // some two-token spans
			end = toks[i*step+shift+1].End
		}
		out = append(out, Annotation{ID: fmt.Sprint("e", i), Start: t.Start, End: end, Type: types[i%len(types)]})
	}
	return out
}

// BenchmarkAnnotationChange is SetEntities with 1,000 entities on the
// 10k-token article (the view refreshes itself): it must stay well under
// a 16 ms frame. The sub-benchmark adds the software painter's full
// repaint of the 800×600 window.
func BenchmarkAnnotationChange(b *testing.B) {
	benchApp(b)
	text := article(b, 10000)
	v := New(text, textlayout.Auto)
	w := show(v)
	defer w.Close()
	sets := [2][]Annotation{entities(text, 1000, 0), entities(text, 1000, 1)}
	gen := v.gen
	b.Run("refresh", func(b *testing.B) {
		i := 0
		for b.Loop() {
			v.SetEntities(sets[i%2])
			i++
		}
	})
	b.Run("refresh+paint", func(b *testing.B) {
		i := 0
		for b.Loop() {
			v.SetEntities(sets[i%2])
			w.Canvas().Capture()
			i++
		}
	})
	if v.gen != gen {
		b.Fatal("annotation change laid out again")
	}
}

// BenchmarkScroll scrolls the 10k-token view by three lines per frame.
func BenchmarkScroll(b *testing.B) {
	benchApp(b)
	text := article(b, 10000)
	v := New(text, textlayout.Auto)
	w := show(v)
	defer w.Close()
	v.SetEntities(entities(text, 1000, 0))
	step := 3 * v.Layout().LineHeight
	for b.Loop() {
		if v.ScrollOffset() >= v.contentHeight()-700 {
			v.ScrollTo(0)
		}
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -step)})
		w.Canvas().Capture()
	}
}

// BenchmarkDrawLine rasterises one full 800 px line of Arabic: the cost
// of each line that scrolls into view (the GL driver then keeps it as a
// texture while it stays visible).
func BenchmarkDrawLine(b *testing.B) {
	benchApp(b)
	v := New(article(b, 1000), textlayout.Auto)
	w := show(v)
	defer w.Close()
	lay := v.Layout()
	p := newPainter()
	img := image.NewRGBA(image.Rect(0, 0, int(lay.Width), int(lay.LineHeight)))
	for b.Loop() {
		p.drawLine(img, &lay.Lines[0], lay.Width, lay.LineHeight, color.NRGBA{0, 0, 0, 0xff})
	}
}
