package layout

import (
	"testing"
)

// FuzzNew lays out arbitrary text at arbitrary widths and sizes and
// exercises every query; nothing may panic, and every character box must
// lie on its line.
func FuzzNew(f *testing.F) {
	for _, s := range []string{"", "\n", "قال (UN) 3.5%", "a\u202Eb\u202Cc", "\u0651\u0651x", "\r\n\t ١٢ ab", "\xff\xfe ب"} {
		f.Add(s, float32(300), float32(16), uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, width, size float32, dir uint8) {
		if len(s) > 2000 {
			return
		}
		e := testEngine(t)
		l, err := e.Layout(s, Options{Direction: Direction(dir % 4), Width: width, Size: size})
		if err != nil {
			return // invalid options are reported, not panicked on
		}
		n := l.Len()
		for c := 0; c < n; c++ {
			r := l.CharRect(c)
			if !(r.W >= 0) {
				t.Fatalf("char %d: width %v", c, r.W)
			}
		}
		h := l.Height()
		for _, p := range [][2]float32{{0, 0}, {-1, -1}, {width / 2, h / 2}, {width, h}, {1e9, 1e9}} {
			l.HitTest(p[0], p[1])
			if c := l.CaretAt(p[0], p[1]); c < 0 || c > n {
				t.Fatalf("caret %d outside [0,%d]", c, n)
			}
		}
		l.SpanRects(0, n)
		l.SpanRects(n/3, n/2)
		l.JSON()
		for i := range l.Lines {
			l.VisualOrder(i)
		}
	})
}
