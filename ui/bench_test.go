package ui

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim/corpus"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// bigHarness is a window on an article of at least 10,000 tokens (the
// seed repeated) carrying 1,000 entities in the annotator's layer.
func bigHarness(b *testing.B) (*Window, *corpus.Store, []corpus.Token) {
	b.Helper()
	a := test.NewTempApp(b)
	a.Settings().SetTheme(tawsimtheme.Light())
	st, err := corpus.Open(filepath.Join(b.TempDir(), "c.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	sc, _ := corpus.Preset("wojood")
	st.SetSchema(sc)
	seed, err := os.ReadFile("../testdata/seed/000_b82b1847b879165f.txt")
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for len(corpus.Tokenize(sb.String())) < 10000 {
		sb.Write(seed)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	toks := corpus.Tokenize(text)
	layer := corpus.Layer{Annotator: "layla"}
	types := []string{"PERS", "GPE", "ORG", "LOC", "DATE"}
	for i := 0; len(layer.Entities) < 1000; i += 9 {
		layer.Entities = append(layer.Entities, corpus.Entity{Start: toks[i].Start, End: toks[i+1].End, Type: types[i%len(types)]})
	}
	if _, err := st.Import([]corpus.ImportItem{{Origin: "big", Doc: corpus.NewDoc{Title: "big", Text: text}, Layers: []corpus.Layer{layer}}}); err != nil {
		b.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	b.Cleanup(w.Close)
	m, err := NewWindow(w, st, "layla", Options{})
	if err != nil {
		b.Fatal(err)
	}
	return m, st, toks
}

// BenchmarkAction measures annotation actions from the key press to the
// committed transaction and the redrawn highlights (the view's and the
// panels' renderers refresh synchronously in Fyne's driver), on a
// 10,000-token article with 1,000 entities: a label (select + hotkey), a
// retype, a delete and an undo per iteration. It reports the 50th and
// 99th percentiles over all actions (goal: p99 ≤ 16 ms).
func BenchmarkAction(b *testing.B) {
	m, _, toks := bigHarness(b)
	var d []time.Duration
	timed := func(fn func()) {
		t0 := time.Now()
		fn()
		d = append(d, time.Since(t0))
	}
	i := 0
	for b.Loop() {
		// Tokens 9k+4 are free of the fixture's entities.
		t := toks[(i*9+4)%(len(toks)-2)]
		i++
		timed(func() { m.onSelect(t.Start, t.End); m.onRune('1') })
		if m.LastError() != "" {
			b.Fatal(m.LastError())
		}
		timed(func() { m.onRune('2') })
		timed(func() { m.onKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) })
		timed(func() { m.undo() })
		timed(func() { m.onKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) })
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	pct := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(d))/float64(b.N), "actions/op")
}

// BenchmarkOpenDocument measures opening the 10,000-token article with
// its 1,000 entities: reading document and layer, tokenizing, laying the
// text out at the window's width and drawing the first screen (goal ≤ 100 ms).
func BenchmarkOpenDocument(b *testing.B) {
	m, st, _ := bigHarness(b)
	// A second document to switch away to, so every open is a real one.
	if _, err := st.Import([]corpus.ImportItem{{Origin: "small", Doc: corpus.NewDoc{Title: "small", Text: "خبر قصير."}}}); err != nil {
		b.Fatal(err)
	}
	if err := m.reloadDocs(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := m.openIndex(1); err != nil {
			b.Fatal(err)
		}
		if err := m.openIndex(0); err != nil {
			b.Fatal(err)
		}
		// Lay out and draw the first screen, as the GL driver would on the
		// next frame.
		m.win.Canvas().Refresh(m.view)
		test.WidgetRenderer(m.view).Layout(m.view.Size())
	}
}

// BenchmarkOpenDocumentCold opens the same article in a new window each
// time, so no layout or shaping cache helps: the first open of a session.
func BenchmarkOpenDocumentCold(b *testing.B) {
	m, st, _ := bigHarness(b)
	size := m.win.Canvas().Size()
	for b.Loop() {
		w := test.NewWindow(nil)
		w.Resize(size)
		nm, err := NewWindow(w, st, "layla", Options{})
		if err != nil {
			b.Fatal(err)
		}
		test.WidgetRenderer(nm.view).Layout(nm.view.Size())
		b.StopTimer()
		w.Close()
		b.StartTimer()
	}
}
