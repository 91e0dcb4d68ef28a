package charts

import (
	"errors"
	"image"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Size is the pixel size of a chart image and its resolution: DPI 72 at
// scale 1 makes one point one pixel, as the app's units are.
type Size struct {
	Width, Height int
	DPI           float64
}

func (s Size) valid() error {
	if s.Width <= 0 || s.Height <= 0 || s.DPI <= 0 {
		return errors.New("charts: empty image size")
	}
	return nil
}

// dpi is the resolution the canvas takes (whole dots per inch).
func (s Size) dpi() int { return max(1, int(s.DPI+0.5)) }

// points is the canvas size in points.
func (s Size) points() (w, h vg.Length) {
	d := float64(s.dpi())
	return vg.Length(float64(s.Width) / d * 72), vg.Length(float64(s.Height) / d * 72)
}

// newPlot makes a plot in the style, every text drawn by t.
func newPlot(t *Text, st Style, title string) *plot.Plot {
	p := plot.New()
	p.TextHandler = t
	p.BackgroundColor = st.Background
	p.Title.Text = title
	p.Title.TextStyle = textStyle(t, st, st.fontSize()*1.15)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XCenter, draw.YTop
	p.Title.Padding = st.fontSize() * 0.6
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle = textStyle(t, st, st.fontSize())
		ax.Label.TextStyle.XAlign, ax.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
		ax.Tick.Label = textStyle(t, st, st.fontSize())
		ax.LineStyle.Color = st.Foreground
		ax.Tick.LineStyle.Color = st.Foreground
	}
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Legend.TextStyle = textStyle(t, st, st.fontSize())
	return p
}

func textStyle(t *Text, st Style, size vg.Length) text.Style {
	return text.Style{Color: st.Foreground, Font: font.Font{Size: size}, Handler: t}
}

// render draws p into a new image of the given size.
func render(p *plot.Plot, size Size) (*image.RGBA, error) {
	if err := size.valid(); err != nil {
		return nil, err
	}
	w, h := size.points()
	// The canvas's background fills the margin round the plot.
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(size.dpi()), vgimg.UseBackgroundColor(p.BackgroundColor))
	fs := p.Title.TextStyle.Font.Size
	// Too small for axes and labels: the background alone (gonum/plot's
	// transforms degenerate when the axes leave no room).
	if w >= 10*fs && h >= 8*fs {
		m := fs * 0.5 // a margin all round
		p.Draw(draw.Crop(draw.New(c), m, -m, m, -m))
	}
	out, ok := c.Image().(*image.RGBA)
	if !ok || out.Bounds().Dx() != size.Width || out.Bounds().Dy() != size.Height {
		return nil, errors.New("charts: the canvas is not an RGBA image of the size asked for")
	}
	return out, nil
}
