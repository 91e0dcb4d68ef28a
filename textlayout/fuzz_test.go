package textlayout

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
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
		// A hang is a bug too: crash with the input so the fuzzer saves it.
		watchdog := time.AfterFunc(5*time.Second, func() {
			panic(fmt.Sprintf("layout hangs on %q width=%v size=%v dir=%d", s, width, size, dir))
		})
		defer watchdog.Stop()
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

// TestRandomInputs is a deterministic stress run of the fuzz body over
// random mixes of Arabic, Latin, digits, marks, brackets, controls and
// bidi formatting characters, so it runs in every plain "go test".
func TestRandomInputs(t *testing.T) {
	alphabet := []rune("ab Zقالشيءلا١٢٣0123456789.,:%$()[]«»\"'-—\n\t\r\u064E\u0651\u0670\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200D\uFEFF\u2029\U0001F600")
	rng := rand.New(rand.NewSource(7))
	e := testEngine(t)
	n := 3000
	if testing.Short() {
		n = 300
	}
	for k := 0; k < n; k++ {
		rs := make([]rune, rng.Intn(60))
		for i := range rs {
			rs[i] = alphabet[rng.Intn(len(alphabet))]
		}
		s := string(rs)
		width := []float32{0, 1, 40, 150, 800}[rng.Intn(5)]
		l, err := e.Layout(s, Options{Direction: Direction(rng.Intn(3)), Width: width, Size: 8 + rng.Float32()*30})
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		for c := 0; c < l.Len(); c++ {
			if r := l.CharRect(c); !(r.W >= 0) {
				t.Fatalf("%q char %d: width %v", s, c, r.W)
			}
		}
		for c := 0; c < l.Len(); c++ {
			r := l.CharRect(c)
			if r.W == 0 {
				continue
			}
			if got, ok := l.HitTest(r.X+r.W/2, r.Y+r.H/2); !ok || got != c {
				t.Errorf("%q w=%v: centre of char %d hit %d (ok=%v)", s, width, c, got, ok)
			}
		}
		l.SpanRects(0, l.Len())
		if c := l.CaretAt(rng.Float32()*900, rng.Float32()*l.Height()); c < 0 || c > l.Len() {
			t.Fatalf("%q: caret %d", s, c)
		}
	}
}
