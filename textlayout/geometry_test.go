package textlayout

import (
	"math/rand"
	"testing"
	"unicode"
)

// zeroWidthOK lists the characters allowed to have no width: combining
// marks (drawn on their base, so hit tests land on the base's cluster),
// whitespace trimmed at a line end, and invisible format characters.
func zeroWidthOK(r rune) bool {
	return isMark(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// TestHitTestRoundTrip checks that the centre of every character's box
// hit-tests back to that character, unwrapped and wrapped at 300 px, in
// every direction mode. Zero-width characters (see zeroWidthOK) are
// skipped: a point on a mark finds its base.
func TestHitTestRoundTrip(t *testing.T) {
	e := testEngine(t)
	for _, width := range []float32{0, 300, 120} {
		for _, m := range modes {
			for _, s := range testLines(t) {
				l, err := e.Layout(s, Options{Direction: m.dir, Width: width})
				if err != nil {
					t.Fatal(err)
				}
				runes := []rune(s)
				for c := range runes {
					r := l.CharRect(c)
					if r.W < 0 {
						t.Fatalf("%q char %d: negative width %v", s, c, r.W)
					}
					if r.W == 0 {
						if !zeroWidthOK(runes[c]) {
							t.Errorf("%s w=%v %q: char %d %q has zero width", m.dir, width, s, c, runes[c])
						}
						continue
					}
					got, ok := l.HitTest(r.X+r.W/2, r.Y+r.H/2)
					if !ok || got != c {
						t.Errorf("%s w=%v %q: centre of char %d %q hit %d (ok=%v)", m.dir, width, s, c, runes[c], got, ok)
					}
				}
			}
		}
	}
}

// TestWrappedLinesFit checks that wrapped lines respect the width, cover
// the paragraph in order, and that RTL lines end at the right edge.
func TestWrappedLinesFit(t *testing.T) {
	e := testEngine(t)
	for _, s := range testLines(t) {
		l, err := e.Layout(s, Options{Width: 300})
		if err != nil {
			t.Fatal(err)
		}
		pos := 0
		for i, ln := range l.Lines {
			if ln.Start != pos {
				t.Errorf("%q line %d starts at %d, want %d", s, i, ln.Start, pos)
			}
			pos = ln.End
			if ln.Width > 300+0.5 {
				t.Errorf("%q line %d is %.1f px wide", s, i, ln.Width)
			}
			if ln.RTL {
				last := ln.Runs[len(ln.Runs)-1]
				if d := last.X + last.Width - 300; d > 0.01 || d < -0.01 {
					t.Errorf("%q RTL line %d ends at %.2f, not 300", s, i, last.X+last.Width)
				}
			}
		}
		if pos != len([]rune(s)) {
			t.Errorf("%q: lines cover %d code points of %d", s, pos, len([]rune(s)))
		}
	}
}

// TestSpanRectsExact checks, for many spans including ones crossing
// direction changes and line breaks, that the span's rectangles cover
// exactly its characters: every character box lies inside a rectangle of
// its line, and the rectangles' total width equals the characters'.
func TestSpanRectsExact(t *testing.T) {
	e := testEngine(t)
	rng := rand.New(rand.NewSource(1))
	for _, width := range []float32{0, 300} {
		for _, s := range testLines(t) {
			l, err := e.Layout(s, Options{Width: width})
			if err != nil {
				t.Fatal(err)
			}
			n := l.Len()
			for k := 0; k < 50; k++ {
				a := rng.Intn(n)
				b := a + 1 + rng.Intn(n-a)
				rects := l.SpanRects(a, b)
				var sumChars, sumRects float32
				for _, r := range rects {
					sumRects += r.W
				}
				for c := a; c < b; c++ {
					cr := l.CharRect(c)
					sumChars += cr.W
					if cr.W == 0 {
						continue
					}
					inside := false
					for _, r := range rects {
						if r.Y == cr.Y && cr.X >= r.X-0.01 && cr.X+cr.W <= r.X+r.W+0.01 {
							inside = true
						}
					}
					if !inside {
						t.Errorf("w=%v %q span [%d,%d): char %d %+v outside %+v", width, s, a, b, c, cr, rects)
					}
				}
				if d := sumRects - sumChars; d > 0.05 || d < -0.05 {
					t.Errorf("w=%v %q span [%d,%d): rects %.2f px wide, chars %.2f px: %+v", width, s, a, b, sumRects, sumChars, rects)
				}
			}
		}
	}
}

// TestSpanAcrossDirectionChange pins the classic case: in the LTR line
// "President بشار الأسد visited" (shown "President الأسد بشار visited"),
// the span "President بشار" is two separate rectangles, while "شركة Apple"
// on an RTL line is one, since the words are visually adjacent.
func TestSpanAcrossDirectionChange(t *testing.T) {
	cases := []struct {
		text       string
		start, end int
		want       int
	}{
		{"President بشار الأسد visited", 0, 14, 2},
		{"President بشار الأسد visited", 10, 20, 1},
		{"أعلنت شركة Apple يوم 12 سبتمبر", 6, 16, 1},
		{"أعلنت شركة Apple يوم 12 سبتمبر", 12, 20, 2}, // "pple يوم": the "A" sits between
		{"أعلنت شركة Apple يوم 12 سبتمبر", 0, 30, 1},
	}
	for _, c := range cases {
		l, err := testEngine(t).Layout(c.text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rects := l.SpanRects(c.start, c.end); len(rects) != c.want {
			t.Errorf("%q [%d,%d): got %d rects %+v, want %d", c.text, c.start, c.end, len(rects), rects, c.want)
		}
	}
}

// TestEmptyParagraphs checks that empty lines are kept with height.
func TestEmptyParagraphs(t *testing.T) {
	l, err := testEngine(t).Layout("سطر\n\nline\n", Options{Width: 200})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Lines) != 4 {
		t.Fatalf("got %d lines, want 4 (two empty)", len(l.Lines))
	}
	if l.Lines[1].Height <= 0 || l.Height() != 4*l.LineHeight {
		t.Errorf("empty line height %v, total %v", l.Lines[1].Height, l.Height())
	}
	if _, ok := l.HitTest(10, l.Lines[1].Y+1); ok {
		t.Error("hit on an empty line")
	}
	if c := l.CaretAt(10, l.Lines[1].Y+1); c != 4 {
		t.Errorf("caret on empty line = %d, want 4", c)
	}
}

// TestCaretAt checks caret positions at the edges of an RTL line.
func TestCaretAt(t *testing.T) {
	s := "قال شي"
	l, err := testEngine(t).Layout(s, Options{Width: 400})
	if err != nil {
		t.Fatal(err)
	}
	y := l.LineHeight / 2
	cases := []struct {
		name string
		x    float32
		want int
	}{
		{"right of text is the logical start", 399, 0},
		{"left of text is the logical end", 1, 6},
		{"right half of the first letter", l.CharRect(0).X + l.CharRect(0).W*0.9, 0},
		{"left half of the first letter", l.CharRect(0).X + l.CharRect(0).W*0.1, 1},
	}
	for _, c := range cases {
		if got := l.CaretAt(c.x, y); got != c.want {
			t.Errorf("%s: CaretAt(%v) = %d, want %d", c.name, c.x, got, c.want)
		}
	}
}
