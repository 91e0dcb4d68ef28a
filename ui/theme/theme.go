// Package theme is Tawsim's Fyne theme.
//
// Fyne's bundled font has no Arabic glyphs and, without a theme font,
// Fyne looks Arabic up among the system fonts, so what an annotator sees
// (and whether they see anything) would depend on the machine. This theme
// makes the embedded Noto Naskh Arabic (from ui/fonts, the same bytes the
// layout engine measures with) the text font of every Fyne widget. Fyne
// resolves fonts per rune with the theme font first and its own bundled
// Noto Sans second, so Latin letters in labels and buttons come out in
// Noto Sans, the face the layout engine also uses for Latin.
//
// Sizes are a little larger than Fyne's defaults because annotators read
// all day: 15 px for interface text and 18 px (SizeNameAnnotationText)
// for the annotation view.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"github.com/tawsim/tawsim/fonts"
)

// SizeNameAnnotationText is the text size of the annotation view.
const SizeNameAnnotationText fyne.ThemeSizeName = "tawsimAnnotationText"

// Default sizes, in Fyne units (pixels at scale 1).
const (
	TextSize           = 15
	AnnotationTextSize = 18
)

// Theme is a fyne.Theme with the embedded Noto fonts. It either follows
// the variant Fyne asks for (New) or forces one (Light, Dark).
type Theme struct {
	forced  bool
	variant fyne.ThemeVariant

	regular, bold fyne.Resource
}

var _ fyne.Theme = (*Theme)(nil)

// New returns a theme that follows the system's light or dark variant.
func New() *Theme { return newTheme(false, 0) }

// Light returns a theme that is always light.
func Light() *Theme { return newTheme(true, fynetheme.VariantLight) }

// Dark returns a theme that is always dark.
func Dark() *Theme { return newTheme(true, fynetheme.VariantDark) }

func newTheme(forced bool, v fyne.ThemeVariant) *Theme {
	return &Theme{
		forced:  forced,
		variant: v,
		// The names matter: Fyne caches parsed fonts per resource.
		regular: fyne.NewStaticResource("NotoNaskhArabic-Regular.ttf", fonts.NaskhArabicRegular),
		bold:    fyne.NewStaticResource("NotoNaskhArabic-Bold.ttf", fonts.NaskhArabicBold),
	}
}

// Variant returns the variant a colour is looked up in.
func (t *Theme) Variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	if t.forced {
		return t.variant
	}
	return v
}

// Color returns Fyne's default colours in the theme's variant.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return fynetheme.DefaultTheme().Color(n, t.Variant(v))
}

// Font returns Noto Naskh Arabic for proportional text; monospace and
// symbols keep Fyne's fonts (code and icons need no Arabic).
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace, s.Symbol:
		return fynetheme.DefaultTheme().Font(s)
	case s.Bold:
		return t.bold
	}
	// Arabic has no italic; Naskh regular stands in, Latin falls back to
	// Fyne's italic Noto Sans.
	return t.regular
}

// Icon returns Fyne's default icons.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return fynetheme.DefaultTheme().Icon(n)
}

// Size returns the theme's sizes: larger text, Fyne's defaults otherwise.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case fynetheme.SizeNameText:
		return TextSize
	case SizeNameAnnotationText:
		return AnnotationTextSize
	}
	return fynetheme.DefaultTheme().Size(n)
}
