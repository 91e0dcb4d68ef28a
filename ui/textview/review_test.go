package textview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/tawsim/tawsim/textlayout"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// reviewView is the seed article as a reviewer sees it: gold's entities
// solid, three annotators' candidates outlined with their colour strips
// and counts, and the disagreements barred above the text.
func reviewView(t testing.TB) *View {
	text := seedText(t)
	v := New(text, textlayout.Auto)
	ann := func(id, typ, sub string, by ...string) Annotation {
		s, e := find(t, text, sub, 0)
		return Annotation{ID: id, Start: s, End: e, Type: typ, By: by}
	}
	v.SetEntities([]Annotation{ann("T1", "PER", "شي جين بينغ")})
	v.SetCandidates([]Annotation{
		ann("C0", "NORP", "الصيني", "amira"),
		ann("C1", "PER", "شي جين بينغ", "amira", "layla", "omar"),
		ann("C2", "OCC", "رئيس النظام السوري", "layla"),
		ann("C3", "OCC", "رئيس النظام", "omar"),
		ann("C4", "ORG", "بشار الأسد", "omar"),
		ann("C5", "PER", "بشار الأسد", "amira", "layla"),
	})
	v.SetEventCandidates([]Annotation{ann("V0", "Meet", "محادثات", "amira", "layla")})
	region := func(sub string, settled bool) Region {
		s, e := find(t, text, sub, 0)
		return Region{Start: s, End: e, Settled: settled}
	}
	v.SetRegions([]Region{region("الصيني", false), region("محادثات", true), region("رئيس النظام السوري", false), region("بشار الأسد", false)}, 3)
	colours := map[string]color.Color{"amira": AnnotatorColor(0), "layla": AnnotatorColor(1), "omar": AnnotatorColor(2)}
	v.SetAnnotatorColor(func(a string) color.Color { return colours[a] })
	v.SetSelected("C5")
	return v
}

func TestGoldenReview(t *testing.T) {
	for _, tc := range []struct {
		name string
		th   fyne.Theme
	}{
		{"review_light.png", tawsimtheme.Light()},
		{"review_dark.png", tawsimtheme.Dark()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := reviewView(t)
			w := newWindow(t, tc.th, v, 640, 300)
			assertGolden(t, tc.name, w.Canvas().Capture())
		})
	}
}

// TestClickPrefersGoldOverCandidates checks that a click on a span gold
// and a candidate share selects gold's entity, and one on a candidate
// alone selects the candidate; the tooltip names its annotators.
func TestClickPrefersGoldOverCandidates(t *testing.T) {
	v := reviewView(t)
	newWindow(t, tawsimtheme.Light(), v, 640, 300)
	text := v.Text()
	xi, _ := find(t, text, "شي جين بينغ", 0)
	if a := v.annotationAt(xi + 1); a.ID != "T1" {
		t.Errorf("on شي جين بينغ: %q, want gold's T1", a.ID)
	}
	s, _ := find(t, text, "الصيني", 0)
	if a := v.annotationAt(s + 1); a.ID != "C0" {
		t.Errorf("on الصيني: %q, want the candidate C0", a.ID)
	}
}
