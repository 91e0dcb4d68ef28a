package charts

import "testing"

// BenchmarkDrawCharts draws the three sample charts at a typical size in
// the app (600×320 pixels), which the view does on every resize.
func BenchmarkDrawCharts(b *testing.B) {
	text, err := NewText()
	if err != nil {
		b.Fatal(err)
	}
	size := Size{Width: 600, Height: 320, DPI: 72}
	st := Light()
	for b.Loop() {
		if _, err := DrawBars(text, st, sampleBars(), size); err != nil {
			b.Fatal(err)
		}
		if _, err := DrawGrid(text, st, samplePairs(), size); err != nil {
			b.Fatal(err)
		}
		if _, err := DrawGrid(text, st, sampleConfusion(), size); err != nil {
			b.Fatal(err)
		}
	}
}
