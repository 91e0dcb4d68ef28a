package textview

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/textlayout"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// SetDocument takes the caller's decoded text as it is: a double-click
// snaps to the caller's tokens (here one token over two words, which
// corpus.Tokenize would split), and selections clamp to the index's length.
func TestSetDocumentUsesTheCallersTokens(t *testing.T) {
	text := "التقى الرئيسان في هانغتشو"
	ix := corpus.NewIndex(text)
	tokens := []corpus.Token{{Start: 0, End: 14, Text: "التقى الرئيسان"}, {Start: 15, End: 17, Text: "في"}, {Start: 18, End: 25, Text: "هانغتشو"}}
	v := New("", textlayout.Auto)
	v.SetDocument(ix, tokens, textlayout.Auto)
	newWindow(t, tawsimtheme.Light(), v, 600, 120)
	if v.Text() != text {
		t.Fatalf("text %q", v.Text())
	}
	pos, size := v.CharBox(2) // inside التقى
	v.DoubleTapped(&fyne.PointEvent{Position: pos.Add(fyne.NewPos(size.Width/2, size.Height/2))})
	if s, e := v.Selection(); s != 0 || e != 14 {
		t.Errorf("double-click selected [%d, %d), want the caller's first token [0, 14)", s, e)
	}
	v.SetSelection(18, 1000)
	if s, e := v.Selection(); s != 18 || e != ix.Len() {
		t.Errorf("selection [%d, %d), want [18, %d)", s, e, ix.Len())
	}
	v.SetDocument(nil, nil, textlayout.Auto)
	if v.Text() != "" {
		t.Errorf("a nil index leaves %q", v.Text())
	}
}
