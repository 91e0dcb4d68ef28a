package charts

import (
	"image"
	"image/color"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

func newText(t *testing.T) *Text {
	t.Helper()
	h, err := NewText()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestScreenOrder checks the order glyphs are drawn in, left to right on
// the screen: Arabic letters from the last to the first (right to left),
// Latin from the first to the last, and in a paragraph that starts in
// Arabic the Latin part to the left of the Arabic.
func TestScreenOrder(t *testing.T) {
	tests := []struct {
		text string
		// want is the text's code points in screen order, left to right.
		want string
	}{
		{"شخص", "صخش"},
		{"منظمة", "ةمظنم"},
		{"PERS", "PERS"},
		{"amal / خالد", "amal / دلاخ"},
		{"سلمى 12", "12 ىملس"},
		// The brackets take the paragraph's direction (UBA rule N0: the
		// text before them is Arabic), so the closing one is leftmost,
		// drawn mirrored (rule L4) as an opening one.
		{"كل الأزواج (all pairs)", ")all pairs( جاوزألا لك"},
	}
	h := newText(t)
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			line := h.layout(tt.text, 12)
			runes := []rune(tt.text)
			var got []rune
			lastX, lastCluster := float32(-1), -1
			for _, g := range line.glyphs {
				if g.x < lastX {
					t.Errorf("glyph at x %.1f after one at %.1f: not in screen order", g.x, lastX)
				}
				lastX = g.x
				if g.cluster != lastCluster { // one code point per cluster
					got = append(got, runes[g.cluster])
					lastCluster = g.cluster
				}
			}
			if string(got) != tt.want {
				t.Errorf("screen order %q, want %q", string(got), tt.want)
			}
		})
	}
}

// TestMirroredBrackets: in a right-to-left paragraph the closing bracket
// on the left is drawn with the opening bracket's glyph.
func TestMirroredBrackets(t *testing.T) {
	h := newText(t)
	open := h.layout("(", 12).glyphs
	line := h.layout("كل الأزواج (all pairs)", 12).glyphs
	if len(open) != 1 || len(line) == 0 {
		t.Fatal("nothing laid out")
	}
	if first := line[0]; first.id != open[0].id {
		t.Errorf("leftmost glyph %d (for %q), want the glyph of ( %d", first.id, []rune("كل الأزواج (all pairs)")[first.cluster], open[0].id)
	}
}

// TestArabicJoins checks that letters inside a word take their joined
// forms: the glyph of a letter in the word differs from the glyph of the
// letter alone (gonum/plot's own handler draws the isolated forms).
func TestArabicJoins(t *testing.T) {
	h := newText(t)
	for _, tt := range []struct {
		word   string
		letter int // index of a letter that joins in the word
	}{
		{"شخص", 0}, // initial form
		{"شخص", 1}, // medial
		{"شخص", 2}, // final
		{"سلمى", 1},
		{"منظمة", 3},
	} {
		r := []rune(tt.word)[tt.letter]
		alone := h.layout(string(r), 12).glyphs
		in := h.layout(tt.word, 12).glyphs
		var id []uint32
		for _, g := range in {
			if g.cluster == tt.letter {
				id = append(id, uint32(g.id))
			}
		}
		if len(alone) != 1 || len(id) == 0 {
			t.Fatalf("%s: %d glyphs alone, %d in the word", string(r), len(alone), len(id))
		}
		if id[0] == uint32(alone[0].id) {
			t.Errorf("%q in %q: glyph %d, the same as the isolated letter's: not joined", string(r), tt.word, id[0])
		}
	}
}

// TestDrawnWhereMeasured draws text with each alignment and checks that
// its ink lies inside the box gonum/plot computes for it (Style.Rectangle
// from Box and Extents), so axes and labels are laid out around what is
// actually drawn.
func TestDrawnWhereMeasured(t *testing.T) {
	h := newText(t)
	for _, tt := range []struct {
		text   string
		xalign text.XAlignment
		yalign text.YAlignment
	}{
		{"شخص", draw.XRight, draw.YCenter},
		{"amal / خالد", draw.XCenter, draw.YTop},
		{"منظمة 0.93", draw.XLeft, draw.YBottom},
	} {
		t.Run(tt.text, func(t *testing.T) {
			const dpi = 72
			img := image.NewRGBA(image.Rect(0, 0, 300, 120))
			c := vgimg.NewWith(vgimg.UseImage(img), vgimg.UseDPI(dpi))
			sty := text.Style{Color: color.Black, Font: font.Font{Size: 14}, XAlign: tt.xalign, YAlign: tt.yalign, Handler: h}
			pt := vg.Point{X: 150, Y: 60}
			dc := draw.New(c)
			dc.FillText(sty, pt, tt.text)
			box := sty.Rectangle(tt.text).Add(pt)
			ink, ok := inkBounds(c.Image())
			if !ok {
				t.Fatal("nothing was drawn")
			}
			// Image rows count down from the top; vg's y counts up.
			if float64(ink.Min.X) < float64(box.Min.X)-1 || float64(ink.Max.X) > float64(box.Max.X)+1 ||
				120-float64(ink.Max.Y) < float64(box.Min.Y)-1 || 120-float64(ink.Min.Y) > float64(box.Max.Y)+1 {
				t.Errorf("ink %v (image rows) outside the measured box %v (points, y up)", ink, box)
			}
			// And the box is not much wider than the ink.
			if w, iw := float64(box.Max.X-box.Min.X), float64(ink.Dx()); w > iw+6 {
				t.Errorf("box %.1f wide, ink %.0f", w, iw)
			}
		})
	}
}

// inkBounds is the bounding box of the pixels that are not white.
func inkBounds(img image.Image) (image.Rectangle, bool) {
	b := img.Bounds()
	var r image.Rectangle
	found := false
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if cr, cg, cb, _ := img.At(x, y).RGBA(); cr < 0xc000 || cg < 0xc000 || cb < 0xc000 {
				p := image.Rect(x, y, x+1, y+1)
				if !found {
					r, found = p, true
				} else {
					r = r.Union(p)
				}
			}
		}
	}
	return r, found
}
