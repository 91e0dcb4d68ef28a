package textview

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/tawsim/tawsim/textlayout"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

func TestGoldenSeed(t *testing.T) {
	for _, tc := range []struct {
		name string
		th   fyne.Theme
	}{
		{"seed_light.png", tawsimtheme.Light()},
		{"seed_dark.png", tawsimtheme.Dark()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := seedView(t)
			w := newWindow(t, tc.th, v, 640, 420)
			assertGolden(t, tc.name, w.Canvas().Capture())
		})
	}
}

// TestGoldenMixed shows Latin words, digits and parentheses inside Arabic,
// and Arabic inside a left-to-right paragraph.
func TestGoldenMixed(t *testing.T) {
	text := "قال المدير العام لمنظمة الصحة العالمية WHO تيدروس Tedros Adhanom إن 20 مليون شخص (UN, 2023) بحاجة إلى مساعدة عاجلة.\n" +
		"The talks in Beijing (بكين) lasted 3 days, said Xi Jinping."
	v := New(text, textlayout.Auto)
	ann := func(id, typ, sub string) Annotation {
		s, e := find(t, text, sub, 0)
		return Annotation{ID: id, Start: s, End: e, Type: typ}
	}
	v.SetEntities([]Annotation{
		ann("a", "ORG", "منظمة الصحة العالمية WHO"),
		ann("b", "PER", "Tedros Adhanom"),
		ann("c", "LOC", "بكين"),
		ann("d", "PER", "Xi Jinping"),
		ann("e", "NUM", "20 مليون"),
	})
	v.SetTriggers([]Annotation{ann("t", "Meet", "talks")})
	w := newWindow(t, tawsimtheme.Light(), v, 520, 260)
	assertGolden(t, "mixed_light.png", w.Canvas().Capture())
}
