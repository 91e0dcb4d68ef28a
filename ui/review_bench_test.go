package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// reviewBenchAnnotators are the five annotators of the review benchmarks;
// the reviewer, layla, is one of them, so her own layer is the annotate
// path's document.
var reviewBenchAnnotators = []string{"layla", "amira", "omar", "sami", "huda"}

// reviewBenchHarness is a window on an article of at least 10,000 tokens
// (the seed repeated) where five annotators marked 1,000 entities each:
// the same 1,000 places, each annotator keeping a place's span and type
// seven times in ten, giving it another type, moving its end by a token,
// or marking a place of their own instead, one time in ten each (a
// fixed seed). A second, short document is there to switch away to.
func reviewBenchHarness(b *testing.B) (*Window, []corpus.Token) {
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
	types := []string{"PERS", "GPE", "ORG", "LOC", "DATE"}
	rng := rand.New(rand.NewPCG(10, 2026))
	var layers []corpus.Layer
	for _, who := range reviewBenchAnnotators {
		l := corpus.Layer{Annotator: who, Status: corpus.StatusDone}
		seen := map[string]bool{}
		for i := 0; len(l.Entities) < 1000; i++ {
			k := (i % 1000) * 9 // the 1,000 places: tokens 9k and 9k+1
			typ, end := types[k%len(types)], k+1
			switch r := rng.IntN(10); {
			case i >= 1000 || r == 9: // a place of their own (or a retry)
				k = rng.IntN(len(toks)-4)/9*9 + 3 + rng.IntN(4)
				end = k + 1 + rng.IntN(2)
			case r == 8:
				typ = types[(k+1+rng.IntN(4))%len(types)]
			case r == 7:
				end = k + 2
			}
			e := corpus.Entity{Start: toks[k].Start, End: toks[end].End, Type: typ}
			if key := fmt.Sprint(e.Start, e.End, e.Type); !seen[key] {
				seen[key] = true
				l.Entities = append(l.Entities, e)
			}
		}
		layers = append(layers, l)
	}
	if _, err := st.Import([]corpus.ImportItem{
		{Origin: "big", Doc: corpus.NewDoc{Title: "big", Text: text}, Layers: layers},
		{Origin: "small", Doc: corpus.NewDoc{Title: "small", Text: "خبر قصير."}},
	}); err != nil {
		b.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	b.Cleanup(w.Close)
	m, err := NewWindow(w, st, "layla", Options{})
	if err != nil {
		b.Fatal(err)
	}
	return m, toks
}

// drawn lays the view out and draws its first screen, as the GL driver
// would on the next frame.
func (m *Window) drawn() {
	m.win.Canvas().Refresh(m.view)
	test.WidgetRenderer(m.view).Layout(m.view.Size())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// clock is the wall-clock and thread CPU time now.
type clock struct {
	wall time.Time
	cpu  time.Duration
}

func now() clock { return clock{time.Now(), threadCPU()} }

// since returns the wall-clock and CPU time since c.
func (c clock) since() (time.Duration, time.Duration) {
	return time.Since(c.wall), threadCPU() - c.cpu
}

func pct(d []time.Duration, p float64) float64 {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return ms(s[int(p*float64(len(s)-1))])
}

// BenchmarkReviewOpen measures, on the 10,000-token article with five
// annotators' 1,000 entities each, in the same run:
//   - annotate-ms: opening the article in annotate mode (layla's 1,000
//     entities), as BenchmarkOpenDocument does;
//   - review-ms: switching the open article to review mode (Ctrl+R):
//     reading the five layers and gold, conflating them, finding the
//     disagreements, and drawing candidates, disagreements and the review
//     panel (goal ≤ 100 ms);
//   - review-open-ms: opening the article while in review mode;
//
// each with the first screen drawn, and the ratios to annotate-ms; the
// *-cpu-ms figures are the benchmark thread's CPU time for the same
// (linux), which other processes on a shared machine do not inflate.
func BenchmarkReviewOpen(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	m, _ := reviewBenchHarness(b)
	var annotate, toggle, open, annotateCPU, toggleCPU, openCPU time.Duration
	add := func(wall, cpu *time.Duration, c clock) {
		w, u := c.since()
		*wall += w
		*cpu += u
	}
	n := 0
	for b.Loop() {
		n++
		m.report(m.openIndex(1))
		c := now()
		m.report(m.openIndex(0))
		m.drawn()
		add(&annotate, &annotateCPU, c)

		c = now()
		m.setReviewing(true)
		m.drawn()
		add(&toggle, &toggleCPU, c)

		m.report(m.openIndex(1))
		c = now()
		m.report(m.openIndex(0))
		m.drawn()
		add(&open, &openCPU, c)
		m.setReviewing(false)
		if m.LastError() != "" {
			b.Fatal(m.LastError())
		}
	}
	cmp := m.sess
	m.setReviewing(true)
	c := cmp.Comparison()
	b.ReportMetric(ms(annotate)/float64(n), "annotate-ms")
	b.ReportMetric(ms(toggle)/float64(n), "review-ms")
	b.ReportMetric(ms(open)/float64(n), "review-open-ms")
	b.ReportMetric(float64(toggle)/float64(annotate), "review/annotate")
	b.ReportMetric(float64(open)/float64(annotate), "review-open/annotate")
	if annotateCPU > 0 {
		b.ReportMetric(ms(annotateCPU)/float64(n), "annotate-cpu-ms")
		b.ReportMetric(ms(toggleCPU)/float64(n), "review-cpu-ms")
		b.ReportMetric(ms(openCPU)/float64(n), "review-open-cpu-ms")
	}
	b.ReportMetric(float64(len(c.Entities)), "candidates")
	b.ReportMetric(float64(len(c.Disagreements)), "disagreements")
}

// BenchmarkReviewAccept measures 1,000 accepts and, in the same run, 1,000
// additions of an entity in annotate mode, on the 10,000-token article
// with five annotators' 1,000 entities each. An accept is a click on a
// candidate not yet in gold (selecting it) and Enter: one review.Apply
// transaction, gold's marks brought up to date, the view, the review
// panel, the lists and the status bar redrawn. An addition is a
// selection and a type's hotkey (one store transaction and the redraw).
// Gold grows to 1,000 entities as layla's layer grows by 1,000. It
// reports p50 and p99 of each (goal for accepts: p99 ≤ 16 ms), of the
// Enter alone (the accept without the click that selects), and the
// ratios; the *-cpu-* figures are the benchmark
// thread's CPU time for the same (linux).
func BenchmarkReviewAccept(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	m, toks := reviewBenchHarness(b)
	actions := 1000
	if testing.Short() {
		actions = 200 // for profiling
	}
	var add, accept, enter, addCPU, acceptCPU, enterCPU []time.Duration
	for b.Loop() {
		add, accept, enter, addCPU, acceptCPU, enterCPU = add[:0], accept[:0], enter[:0], addCPU[:0], acceptCPU[:0], enterCPU[:0]
		m.setReviewing(false)
		for i := 0; i < actions; i++ {
			// Single tokens: the fixture's entities span two or three.
			t := toks[(i*9+5)%len(toks)]
			c := now()
			m.onSelect(t.Start, t.End)
			m.onRune('1')
			w, u := c.since()
			add, addCPU = append(add, w), append(addCPU, u)
			if m.LastError() != "" {
				b.Fatal(m.LastError())
			}
		}
		m.setReviewing(true)
		cmp := m.sess.Comparison()
		accepted := 0
		for i := 0; accepted < actions && i < len(cmp.Entities); i++ {
			if cmp.Entities[i].Gold != "" {
				continue
			}
			id := session.CandidateID(i)
			c := now()
			m.onClickAnnotation(id)
			e := now()
			m.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			w, u := e.since()
			enter, enterCPU = append(enter, w), append(enterCPU, u)
			w, u = c.since()
			accept, acceptCPU = append(accept, w), append(acceptCPU, u)
			if m.LastError() != "" {
				b.Fatal(m.LastError())
			}
			accepted++
		}
		if accepted < actions {
			b.Fatalf("only %d candidates to accept", accepted)
		}
		// Back to where the loop started: both layers as they were.
		b.StopTimer()
		for range actions {
			m.sess.Undo()
		}
		m.setReviewing(false)
		for range actions {
			m.sess.Undo()
		}
		b.StartTimer()
	}
	b.ReportMetric(pct(add, 0.5), "add-p50-ms")
	b.ReportMetric(pct(add, 0.99), "add-p99-ms")
	b.ReportMetric(pct(accept, 0.5), "accept-p50-ms")
	b.ReportMetric(pct(accept, 0.99), "accept-p99-ms")
	b.ReportMetric(pct(enter, 0.5), "enter-p50-ms")
	b.ReportMetric(pct(enter, 0.99), "enter-p99-ms")
	b.ReportMetric(pct(accept, 0.99)/pct(add, 0.99), "accept/add-p99")
	b.ReportMetric(pct(accept, 0.5)/pct(add, 0.5), "accept/add-p50")
	if pct(acceptCPU, 0.5) > 0 {
		b.ReportMetric(pct(addCPU, 0.5), "add-cpu-p50-ms")
		b.ReportMetric(pct(addCPU, 0.99), "add-cpu-p99-ms")
		b.ReportMetric(pct(acceptCPU, 0.5), "accept-cpu-p50-ms")
		b.ReportMetric(pct(acceptCPU, 0.99), "accept-cpu-p99-ms")
		b.ReportMetric(pct(enterCPU, 0.5), "enter-cpu-p50-ms")
		b.ReportMetric(pct(enterCPU, 0.99), "enter-cpu-p99-ms")
	}
}
