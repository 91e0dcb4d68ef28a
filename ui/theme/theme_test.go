package theme

import (
	"bytes"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"

	"github.com/tawsim/tawsim/fonts"
)

func TestFontsAreEmbedded(t *testing.T) {
	th := New()
	if !bytes.Equal(th.Font(fyne.TextStyle{}).Content(), fonts.NaskhArabicRegular) {
		t.Error("regular font is not the embedded Noto Naskh Arabic")
	}
	if !bytes.Equal(th.Font(fyne.TextStyle{Bold: true}).Content(), fonts.NaskhArabicBold) {
		t.Error("bold font is not the embedded Noto Naskh Arabic Bold")
	}
	if th.Size(SizeNameAnnotationText) != AnnotationTextSize || th.Size(fynetheme.SizeNameText) != TextSize {
		t.Error("text sizes not applied")
	}
}

func TestVariants(t *testing.T) {
	test.NewTempApp(t)
	bg := fynetheme.ColorNameBackground
	light := Light().Color(bg, fynetheme.VariantDark)
	dark := Dark().Color(bg, fynetheme.VariantLight)
	if lum(light) <= lum(dark) {
		t.Errorf("light background %v is not lighter than dark %v", light, dark)
	}
	if New().Color(bg, fynetheme.VariantDark) != dark {
		t.Error("New does not follow the requested variant")
	}
}

func lum(c color.Color) uint32 {
	r, g, b, _ := c.RGBA()
	return r + g + b
}
