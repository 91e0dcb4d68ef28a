package textlayout

import (
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
)

// article10k repeats the seed article until it has 10,000 tokens
// (whitespace-separated words). Each copy's paragraphs end with the copy
// number so no paragraph repeats and the shaping cache cannot help.
func article10k(b *testing.B) string {
	seed, err := os.ReadFile("../testdata/seed/000_b82b1847b879165f.txt")
	if err != nil {
		b.Fatal(err)
	}
	paras := strings.Split(strings.TrimRight(string(seed), "\n"), "\n")
	var sb strings.Builder
	tokens := 0
	for k := 1; tokens < 10000; k++ {
		for _, p := range paras {
			if p != "" {
				p += " " + strconv.Itoa(k)
			}
			sb.WriteString(p)
			sb.WriteString("\n")
			tokens += len(strings.Fields(p))
		}
	}
	return sb.String()
}

// BenchmarkLayout10k is a full layout (bidi, shaping, wrapping) of a
// 10,000-token Arabic article at 800 px. Goal: ≤ 30 ms.
func BenchmarkLayout10k(b *testing.B) {
	text := article10k(b)
	e, err := NewEngine()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.resetCaches() // cold: shape everything, no word known
		if _, err := e.Layout(text, Options{Width: 800}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/layout")
}

// BenchmarkRelayout10kResize re-lays out after a resize: shaping is
// cached per paragraph, only wrapping runs.
func BenchmarkRelayout10kResize(b *testing.B) {
	text := article10k(b)
	e, err := NewEngine()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.Layout(text, Options{Width: 800}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Layout(text, Options{Width: float32(600 + i%2*200)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/layout")
}

// BenchmarkHitTest hit-tests random points of the 10k-token layout.
// Goal: ≤ 10 µs.
func BenchmarkHitTest(b *testing.B) {
	e, err := NewEngine()
	if err != nil {
		b.Fatal(err)
	}
	l, err := e.Layout(article10k(b), Options{Width: 800})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	pts := make([][2]float32, 1024)
	for i := range pts {
		pts[i] = [2]float32{rng.Float32() * 800, rng.Float32() * l.Height()}
	}
	b.ResetTimer()
	hits := 0
	for i := 0; i < b.N; i++ {
		p := pts[i%len(pts)]
		if _, ok := l.HitTest(p[0], p[1]); ok {
			hits++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "µs/hit")
}
