package textview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/tawsim/tawsim/textlayout"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// drag replays a mouse drag the way the GLFW driver delivers it:
// MouseDown with the modifiers, Dragged with the current pointer position
// and the delta, DragEnd, MouseUp. (test.Drag sends the start position as
// the event position, unlike the GLFW driver, and no MouseDown.)
func drag(v *View, from, to fyne.Position, mods fyne.KeyModifier) {
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	v.DragEnd()
	v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary})
}

// at returns the widget position of the point a fraction f (0 = left
// edge, 1 = right edge) across code point off.
func at(v *View, off int, f float32) fyne.Position {
	pos, size := v.CharBox(off)
	return pos.AddXY(f*size.Width, size.Height/2)
}

func seedWindow(t *testing.T) (*View, string) {
	v := seedView(t)
	newWindow(t, tawsimtheme.Light(), v, 640, 420)
	return v, v.Text()
}

func TestDragSnapsToTokens(t *testing.T) {
	v, text := seedWindow(t)
	var got [2]int
	calls := 0
	v.OnSelect = func(s, e int) { got = [2]int{s, e}; calls++ }
	s1, _ := find(t, text, "جين", 0)
	s2, e2 := find(t, text, "بينغ", 0)
	// From the middle of "جين" to the middle of "بينغ" (leftwards: RTL).
	drag(v, at(v, s1+1, 0.5), at(v, s2+2, 0.5), 0)
	if calls != 1 || got != [2]int{s1, e2} {
		t.Fatalf("OnSelect %d calls, got %v, want [%d %d] (%q)", calls, got, s1, e2, []rune(text)[got[0]:got[1]])
	}
	if s, e := v.Selection(); s != s1 || e != e2 {
		t.Errorf("Selection() = %d, %d", s, e)
	}
}

func TestAltDragIsCharacterExact(t *testing.T) {
	v, text := seedWindow(t)
	var got [2]int
	v.OnSelect = func(s, e int) { got = [2]int{s, e} }
	s1, _ := find(t, text, "جين", 0)
	s2, _ := find(t, text, "بينغ", 0)
	// In a right-to-left run a point near a character's right edge is
	// before it, near its left edge after it.
	drag(v, at(v, s1+1, 0.9), at(v, s2+1, 0.1), fyne.KeyModifierAlt)
	want := [2]int{s1 + 1, s2 + 2}
	if got != want {
		t.Fatalf("Alt-drag selected %v %q, want %v %q", got, string([]rune(text)[got[0]:got[1]]), want, string([]rune(text)[want[0]:want[1]]))
	}
}

func TestDoubleTapSelectsToken(t *testing.T) {
	v, text := seedWindow(t)
	var got [2]int
	v.OnSelect = func(s, e int) { got = [2]int{s, e} }
	s, e := find(t, text, "محادثات", 0)
	v.DoubleTapped(&fyne.PointEvent{Position: at(v, s+3, 0.5)})
	if got != [2]int{s, e} {
		t.Fatalf("double tap selected %v, want [%d %d]", got, s, e)
	}
}

func TestTapAnnotation(t *testing.T) {
	v, text := seedWindow(t)
	var got []string
	v.OnClickAnnotation = func(id string) { got = append(got, id) }
	s, _ := find(t, text, "السوري", 0) // e3, nested in e2 "النظام السوري"
	n, _ := find(t, text, "النظام", 0)
	p, _ := find(t, text, "بشار", 0)
	r, _ := find(t, text, "رئيس", 0) // plain text
	for _, off := range []int{s + 2, n + 2, p + 1, r + 1} {
		test.TapAt(v, at(v, off, 0.5))
	}
	want := []string{"e3", "e2", "e4", ""}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("clicks gave %q, want %q", got, want)
	}
	if v.Selected() != "" {
		t.Errorf("selected %q after a click on plain text", v.Selected())
	}
}

func TestArrowsMoveInVisualOrder(t *testing.T) {
	text := "أجرى الرئيس الصيني محادثات\nThe talks in Beijing lasted"
	v := New(text, textlayout.Auto)
	w := newWindow(t, tawsimtheme.Light(), v, 800, 200)
	w.Canvas().Focus(v)
	tok := func(i int) string { return v.tokens[i].Text }
	key := func(k fyne.KeyName) string {
		v.TypedKey(&fyne.KeyEvent{Name: k})
		return tok(v.Cursor())
	}
	v.SetCursor(1) // الرئيس
	// Right-to-left line: Left moves to the next word in reading order.
	if got := key(fyne.KeyLeft); got != "الصيني" {
		t.Fatalf("Left from الرئيس: %q", got)
	}
	if got := key(fyne.KeyRight); got != "الرئيس" {
		t.Fatalf("Right back: %q", got)
	}
	if got := key(fyne.KeyRight); got != "أجرى" {
		t.Fatalf("Right to the first word: %q", got)
	}
	// Past the left end of a right-to-left line: the next line, from its
	// right end.
	v.SetCursor(3) // محادثات, leftmost on its line
	if got := key(fyne.KeyLeft); got != "lasted" {
		t.Fatalf("Left off the RTL line: %q", got)
	}
	// Left-to-right line: Left moves to the previous word.
	if got := key(fyne.KeyLeft); got != "Beijing" {
		t.Fatalf("Left on the LTR line: %q", got)
	}
	if got := key(fyne.KeyUp); got == "" || v.Layout().LineOf(v.tokens[v.Cursor()].Start) != 0 {
		t.Fatalf("Up did not reach the first line: %q", got)
	}

	// Shift+Left extends the selection from the anchor token.
	var sel [2]int
	v.OnSelect = func(s, e int) { sel = [2]int{s, e} }
	v.SetCursor(1)
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if want := [2]int{v.tokens[1].Start, v.tokens[3].End}; sel != want {
		t.Fatalf("Shift+Left+Left selected %v, want %v", sel, want)
	}
	// Other keys go to the application.
	var typed fyne.KeyName
	v.OnTypedKey = func(e *fyne.KeyEvent) { typed = e.Name }
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if typed != fyne.KeyDelete {
		t.Error("OnTypedKey not called")
	}
}

func TestHoverTooltip(t *testing.T) {
	v, text := seedWindow(t)
	var ids []string
	v.OnHover = func(id string) { ids = append(ids, id) }
	s, _ := find(t, text, "بشار", 0)
	v.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(v, s+1, 0.5)}})
	r := test.WidgetRenderer(v).(*renderer)
	if !v.hover.show || r.tipText.Text != "PER · salma" {
		t.Fatalf("tooltip %v %q", v.hover.show, r.tipText.Text)
	}
	v.MouseOut()
	if strings.Join(ids, ",") != "e4," {
		t.Fatalf("OnHover calls %q", ids)
	}
}

// TestAnnotationChangeKeepsLayout checks that highlights never cost a
// layout, and that zoom and resize do.
func TestAnnotationChangeKeepsLayout(t *testing.T) {
	v, _ := seedWindow(t)
	gen, lay := v.gen, v.Layout()
	v.SetEntities([]Annotation{{ID: "x", Start: 0, End: 4, Type: "PER"}})
	v.SetSelection(5, 9)
	v.SetSelected("x")
	if v.gen != gen || v.Layout() != lay {
		t.Fatal("an annotation change laid the text out again")
	}
	v.SetTextSize(24)
	if v.gen == gen || v.Layout().Options.Size != 24 || v.Layout().LineHeight <= lay.LineHeight {
		t.Fatal("SetTextSize did not lay out again")
	}
}

// TestVirtualised checks that only lines in view get canvas objects.
func TestVirtualised(t *testing.T) {
	text := strings.Repeat(seedText(t)+"\n", 20)
	v := New(text, textlayout.Auto)
	newWindow(t, tawsimtheme.Light(), v, 800, 600)
	lay := v.Layout()
	rasters := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(v).Objects() {
			if _, ok := o.(*canvas.Raster); ok {
				n++
			}
		}
		return n
	}
	maxLines := int(600/lay.LineHeight) + 2
	if n := rasters(); n > maxLines || n == 0 {
		t.Fatalf("%d line rasters for %d lines, want at most %d", n, len(lay.Lines), maxLines)
	}
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -5000)})
	if v.ScrollOffset() != 5000 {
		t.Fatalf("scrolled to %v", v.ScrollOffset())
	}
	if n := rasters(); n > maxLines {
		t.Fatalf("%d line rasters after scrolling", n)
	}
	v.ScrollTo(1e9)
	if want := v.contentHeight() - 600; v.ScrollOffset() != want {
		t.Fatalf("scroll clamp: %v, want %v", v.ScrollOffset(), want)
	}
}
