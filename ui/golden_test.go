package ui

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// TestGoldenMainWindow captures the main window at work (entities, a
// nested one, an event with arguments, a suggestion) in both themes.
func TestGoldenMainWindow(t *testing.T) {
	for _, tc := range []struct {
		name  string
		theme fyne.Theme
	}{
		{"main_light.png", tawsimtheme.Light()},
		{"main_dark.png", tawsimtheme.Dark()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.theme)
			h.m.now = func() time.Time { return time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC) }
			h.label("الرئيس الصيني", 0, '4') // ORG-ish span holding a nested GPE
			h.label("الصيني", 0, '5')
			xi := h.label("شي جين بينغ", 0, '1')
			assad := h.label("بشار الأسد", 0, '1')
			h.label("موسكو", 0, '5') // makes the other موسكو occurrences suggestions
			trig := h.find("محادثات", 0)
			h.drag(trig.Start, trig.End-1, 0)
			h.m.View().TypedRune('e')
			search := h.win.Canvas().Focused()
			test.Type(search, "meet")
			search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			h.click(xi.Start + 1)
			h.tapButton("Entity")
			h.click(assad.Start + 1)
			h.tapButton("Entity")
			h.m.View().ScrollTo(0)
			assertGoldenImage(t, tc.name, h.win.Canvas().Capture())
		})
	}
}

// assertGoldenImage compares img with testdata/name, rewriting it with -update.
func assertGoldenImage(t *testing.T, name string, img image.Image) {
	t.Helper()
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertImageMatches(t, name, img)
}
