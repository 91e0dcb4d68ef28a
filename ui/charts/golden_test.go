package charts

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// sampleBars is F1 by type for a pair with Arabic names and Arabic and
// Latin type names, with a type the pair never both used.
func sampleBars() Bars {
	return Bars{
		Title:      "F1 حسب النوع · by type",
		ValueLabel: "F1",
		Categories: []string{"شخص", "مكان", "منظمة", "DATE", "مهنة"},
		Series: []Series{
			{Name: "amal / خالد", Values: []float64{0.93, 0.81, 0.62, 1, math.NaN()}},
			{Name: "كل الأزواج (all pairs)", Values: []float64{0.9, 0.77, 0.58, 0.97, 0.4}},
		},
		Max: 1,
	}
}

func samplePairs() Grid {
	nan := math.NaN()
	return Grid{
		Title: "token κ", RowLabel: "A", ColLabel: "B",
		Rows: []string{"amal", "خالد", "سلمى"}, Cols: []string{"amal", "خالد", "سلمى"},
		Values: [][]float64{{nan, 0.82, 0.64}, {0.82, nan, 0.31}, {0.64, 0.31, nan}},
	}
}

func sampleConfusion() Grid {
	return Grid{
		Title: "amal / خالد", RowLabel: "amal", ColLabel: "خالد", Scale: Counts,
		Rows: []string{"شخص", "مكان", "منظمة", "none"}, Cols: []string{"شخص", "مكان", "منظمة", "none"},
		Values: [][]float64{{41, 0, 2, 3}, {1, 28, 4, 2}, {0, 5, 17, 1}, {2, 1, 0, 0}},
	}
}

// manyTypes is a confusion matrix over twelve types, too many for the
// column names to stand side by side in 480 pixels.
func manyTypes() Grid {
	ts := []string{"CURR", "DATE", "EVENT", "GPE", "MONEY", "NORP", "OCC", "ORG", "PERCENT", "PERS", "جنسية", noneType}
	g := Grid{Title: "amal / خالد", RowLabel: "amal", ColLabel: "خالد", Rows: ts, Cols: ts, Scale: Counts}
	for i := range ts {
		row := make([]float64, len(ts))
		row[i] = float64(3*i + 1)
		if i > 0 {
			row[i-1] = 2
		}
		g.Values = append(g.Values, row)
	}
	return g
}

const noneType = "none"

func TestGolden(t *testing.T) {
	text, err := NewText()
	if err != nil {
		t.Fatal(err)
	}
	size := Size{Width: 480, Height: 300, DPI: 72}
	for _, tc := range []struct {
		name string
		draw func(Style) (*image.RGBA, error)
	}{
		{"bars", func(st Style) (*image.RGBA, error) { return DrawBars(text, st, sampleBars(), size) }},
		{"pairs", func(st Style) (*image.RGBA, error) { return DrawGrid(text, st, samplePairs(), size) }},
		{"confusion", func(st Style) (*image.RGBA, error) { return DrawGrid(text, st, sampleConfusion(), size) }},
		{"confusion_many", func(st Style) (*image.RGBA, error) { return DrawGrid(text, st, manyTypes(), size) }},
	} {
		for _, th := range []struct {
			name  string
			style Style
		}{{"light", Light()}, {"dark", Dark()}} {
			name := tc.name + "_" + th.name + ".png"
			t.Run(name, func(t *testing.T) {
				img, err := tc.draw(th.style)
				if err != nil {
					t.Fatal(err)
				}
				assertGolden(t, name, img)
			})
		}
	}
}

// assertGolden compares img with testdata/name pixel for pixel, or
// rewrites it with -update. A failure writes the image it got beside
// the golden one as NAME.failed.png.
func assertGolden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/charts -update to create it, then look at it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(want, img); d != "" {
		os.WriteFile(path+".failed.png", buf.Bytes(), 0o644)
		t.Errorf("%s: %s; got image in %s.failed.png", name, d, path)
	}
}

// diff describes how two images differ, or returns "".
func diff(want image.Image, got *image.RGBA) string {
	if want.Bounds() != got.Bounds() {
		return "size " + got.Bounds().String() + ", want " + want.Bounds().String()
	}
	n := 0
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := want.At(x, y).RGBA()
			r2, g2, b2, a2 := got.At(x, y).RGBA()
			if absDiff(r1, r2) > 0x300 || absDiff(g1, g2) > 0x300 || absDiff(b1, b2) > 0x300 || absDiff(a1, a2) > 0x300 {
				n++
			}
		}
	}
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n) + " pixels differ"
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestImageSize: a chart fills exactly the pixels asked for at any
// canvas scale (the resolution is whole dots per inch), and an empty
// size is an error, not a panic.
func TestImageSize(t *testing.T) {
	text, err := NewText()
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []Size{{401, 263, 72}, {640, 360, 90}, {333, 211, 79.2}, {1000, 700, 144}} {
		img, err := DrawGrid(text, Light(), samplePairs(), size)
		if err != nil {
			t.Errorf("%+v: %v", size, err)
			continue
		}
		if img.Bounds().Dx() != size.Width || img.Bounds().Dy() != size.Height {
			t.Errorf("%+v: image %v", size, img.Bounds())
		}
	}
	if _, err := DrawBars(text, Light(), sampleBars(), Size{0, 100, 72}); err == nil {
		t.Error("a chart 0 pixels wide drew")
	}
	// Small and odd sizes: the background only when the axes have no
	// room, and always in time (a degenerate axis once hung the rasteriser).
	var sizes []Size
	for w := 1; w < 400; w += 57 {
		for h := 1; h < 300; h += 43 {
			sizes = append(sizes, Size{w, h, 72})
		}
	}
	for _, size := range sizes {
		if _, err := DrawBars(text, Light(), sampleBars(), size); err != nil {
			t.Errorf("%+v: %v", size, err)
		}
		if _, err := DrawGrid(text, Light(), sampleConfusion(), size); err != nil {
			t.Errorf("%+v: %v", size, err)
		}
	}
}
