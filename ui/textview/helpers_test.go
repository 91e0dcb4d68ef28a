package textview

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim/textlayout"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// seedPath is the article the golden images show.
const seedPath = "../../testdata/seed/000_b82b1847b879165f.txt"

func seedText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatal(err)
	}
	return strings.TrimRight(string(b), "\n")
}

// find returns the code point span of the nth (0-based) occurrence of sub.
func find(tb testing.TB, text, sub string, nth int) (int, int) {
	tb.Helper()
	from := 0
	for {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			tb.Fatalf("%q not found", sub)
		}
		if nth == 0 {
			s := len([]rune(text[:from+i]))
			return s, s + len([]rune(sub))
		}
		nth--
		from += i + len(sub)
	}
}

// newWindow shows v in a headless window of the given size under th.
func newWindow(tb testing.TB, th fyne.Theme, v fyne.CanvasObject, w, h float32) fyne.Window {
	tb.Helper()
	a := test.NewTempApp(tb)
	a.Settings().SetTheme(th)
	win := test.NewWindow(v)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	tb.Cleanup(win.Close)
	return win
}

// assertGolden compares img with testdata/name, rewriting it with -update.
func assertGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(path)
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

// seedView is the seed article with the annotations the golden images
// show: a nested entity, an event trigger, a selected entity, a
// suggestion and a text selection.
func seedView(t testing.TB) *View {
	text := seedText(t)
	v := New(text, textlayout.Auto)
	span := func(sub string, nth int) (int, int) { return find(t, text, sub, nth) }
	ann := func(id, typ, sub string, nth int) Annotation {
		s, e := span(sub, nth)
		return Annotation{ID: id, Start: s, End: e, Type: typ, Annotator: "salma"}
	}
	v.SetEntities([]Annotation{
		ann("e1", "PER", "شي جين بينغ", 0),
		ann("e2", "ORG", "النظام السوري", 0),
		ann("e3", "GPE", "السوري", 0), // nested in e2
		ann("e4", "PER", "بشار الأسد", 0),
		ann("e5", "GPE", "الصيني", 0),
	})
	v.SetTriggers([]Annotation{ann("t1", "Meet", "محادثات", 0)})
	v.SetSuggestions([]Annotation{ann("s1", "DATE", "الجمعة", 0)})
	v.SetSelected("e4")
	v.SetSelection(span("شراكة استراتيجية", 0))
	return v
}
