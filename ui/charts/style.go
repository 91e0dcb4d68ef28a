package charts

import (
	"image/color"

	"gonum.org/v1/plot/vg"
)

// Style is the look of the charts: the app makes one from its theme, so
// the charts follow light and dark.
type Style struct {
	Background color.Color
	Foreground color.Color   // text, axes
	Muted      color.Color   // grid lines, empty cells
	Series     []color.Color // bars, one colour per series
	// Low, Middle and High colour agreement figures (heat maps of pairs)
	// from 0 through 0.5 to 1.
	Low, Middle, High color.Color
	// Counts colours counts (the confusion matrix) from none to the most.
	Counts color.Color
	// FontSize is the size of tick labels and cell text, in points (one
	// point is one pixel at 72 dpi); titles are a little larger.
	FontSize float64
}

// Light is the charts' style on a light background.
func Light() Style {
	return Style{
		Background: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		Foreground: color.NRGBA{0x21, 0x21, 0x21, 0xff},
		Muted:      color.NRGBA{0xd6, 0xd6, 0xd6, 0xff},
		Series:     []color.Color{color.NRGBA{0x1f, 0x6f, 0xb4, 0xff}, color.NRGBA{0xa8, 0xc8, 0xe6, 0xff}, color.NRGBA{0xe0, 0x8a, 0x2c, 0xff}},
		Low:        color.NRGBA{0xc6, 0x3b, 0x2f, 0xff},
		Middle:     color.NRGBA{0xf4, 0xe3, 0xb5, 0xff},
		High:       color.NRGBA{0x2a, 0x8a, 0x5c, 0xff},
		Counts:     color.NRGBA{0x1f, 0x6f, 0xb4, 0xff},
		FontSize:   11,
	}
}

// Dark is the charts' style on a dark background.
func Dark() Style {
	return Style{
		Background: color.NRGBA{0x1e, 0x1f, 0x22, 0xff},
		Foreground: color.NRGBA{0xe8, 0xe8, 0xe8, 0xff},
		Muted:      color.NRGBA{0x4a, 0x4c, 0x50, 0xff},
		Series:     []color.Color{color.NRGBA{0x5d, 0xa5, 0xe8, 0xff}, color.NRGBA{0x35, 0x55, 0x75, 0xff}, color.NRGBA{0xf0, 0xa4, 0x50, 0xff}},
		Low:        color.NRGBA{0xb5, 0x3b, 0x30, 0xff},
		Middle:     color.NRGBA{0x8a, 0x76, 0x3c, 0xff},
		High:       color.NRGBA{0x2f, 0x8f, 0x62, 0xff},
		Counts:     color.NRGBA{0x5d, 0xa5, 0xe8, 0xff},
		FontSize:   11,
	}
}

// fontSize is FontSize as a length, 11 points when unset.
func (s Style) fontSize() vg.Length {
	if s.FontSize <= 0 {
		return 11
	}
	return vg.Length(s.FontSize)
}

// series returns the colour of series i.
func (s Style) series(i int) color.Color {
	if len(s.Series) == 0 {
		return s.Foreground
	}
	return s.Series[i%len(s.Series)]
}

// ramp is a palette through the given colours, evenly spaced, n steps.
type ramp []color.Color

func (r ramp) Colors() []color.Color { return r }

func newRamp(n int, stops ...color.Color) ramp {
	out := make(ramp, n)
	for i := range out {
		f := float64(i) / float64(n-1) * float64(len(stops)-1)
		k := min(int(f), len(stops)-2)
		out[i] = mix(stops[k], stops[k+1], f-float64(k))
	}
	return out
}

// mix is a + (b − a)·f in sRGB, opaque.
func mix(a, b color.Color, f float64) color.Color {
	c1, c2 := color.NRGBAModel.Convert(a).(color.NRGBA), color.NRGBAModel.Convert(b).(color.NRGBA)
	l := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*f + 0.5) }
	return color.NRGBA{l(c1.R, c2.R), l(c1.G, c2.G), l(c1.B, c2.B), 0xff}
}

// luminance is the relative luminance of c, 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return (0.2126*float64(n.R) + 0.7152*float64(n.G) + 0.0722*float64(n.B)) / 255
}

// inkOn is the text colour that reads on a cell of colour bg.
func inkOn(bg color.Color) color.Color {
	if luminance(bg) < 0.55 {
		return color.NRGBA{0xff, 0xff, 0xff, 0xff}
	}
	return color.NRGBA{0x14, 0x14, 0x14, 0xff}
}
