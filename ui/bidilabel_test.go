package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

func TestBidiLabelRunsInScreenOrder(t *testing.T) {
	test.NewTempApp(t)
	eng := &labelEngine{}
	tests := []struct {
		text string
		want []string // the pieces left to right on screen, spaces trimmed
	}{
		{"no other «بشار الأسد» in this document", []string{"no other «", "بشار الأسد", "»", "in this document"}},
		{"Imported 3 new documents", []string{"Imported 3 new documents"}},
		// Arabic words around a number: the number stays between them and
		// the first word, read first, is on the right.
		{"found: بشار 20 الأسد", []string{"found:", "الأسد", "20", "بشار"}},
		{"import خبر عاجل.txt line 2", []string{"import", "خبر عاجل", ".", "txt line 2"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range newBidiLabel(eng, tt.text).runs() {
			if p = strings.TrimSpace(p); p != "" {
				got = append(got, p)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("runs(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestBidiLabelGolden(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tawsimtheme.Light())
	b := newBidiLabel(&labelEngine{}, "⚠ no other unlabelled «بشار الأسد» in this document (20 مليون)")
	w := test.NewWindow(b)
	defer w.Close()
	w.Resize(fyne.NewSize(560, 40))
	assertGoldenImage(t, "bidilabel.png", w.Canvas().Capture())
}
