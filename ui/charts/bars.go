package charts

import (
	"image"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bars is a horizontal bar chart: a group of bars per category (an
// entity type), one bar per series (a pair of annotators), each labelled
// with its value.
type Bars struct {
	Title      string
	ValueLabel string   // under the value axis, e.g. "F1"
	Categories []string // top to bottom
	Series     []Series
	// Max is the value axis' last tick (1 for F1); 0 takes the largest value.
	Max float64
}

// Series is one bar per category. A NaN value has no bar and reads "–".
type Series struct {
	Name   string
	Values []float64
}

// DrawBars draws b into an image of the given size.
func DrawBars(t *Text, st Style, b Bars, size Size) (*image.RGBA, error) {
	p := newPlot(t, st, b.Title)
	if len(b.Categories) == 0 || len(b.Series) == 0 {
		p.HideAxes()
		return render(p, size)
	}
	top := b.Max
	for _, s := range b.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				top = max(top, v)
			}
		}
	}
	if top <= 0 {
		top = 1
	}
	g := &barGroups{style: st, text: t, n: len(b.Categories), top: top}
	for k, s := range b.Series {
		vals := make(plotter.Values, len(b.Categories))
		for i := range vals {
			// Categories run top to bottom; the axis counts up.
			if i < len(s.Values) {
				vals[len(vals)-1-i] = s.Values[i]
			} else {
				vals[len(vals)-1-i] = math.NaN()
			}
		}
		bar := &plotter.BarChart{Values: zeroNaN(vals), Width: 1, Color: st.series(k), Horizontal: true}
		bar.LineStyle.Width = 0
		g.bars = append(g.bars, bar)
		g.values = append(g.values, vals)
		if s.Name != "" {
			p.Legend.Add(s.Name, bar)
		}
	}
	names := make([]string, len(b.Categories))
	for i, c := range b.Categories {
		names[len(names)-1-i] = c
	}
	grid := plotter.NewGrid()
	grid.Horizontal.Width = 0
	grid.Vertical.Color = st.Muted
	p.Add(grid, g)
	p.NominalY(names...)
	p.X.Label.Text = b.ValueLabel
	p.X.Min = 0
	g.makeRoom(p, size)
	p.X.Tick.Marker = valueTicks(top, g.area.X)
	p.Legend.Top = true
	return render(p, size)
}

// zeroNaN draws a NaN as no bar.
func zeroNaN(vs plotter.Values) plotter.Values {
	out := make(plotter.Values, len(vs))
	for i, v := range vs {
		if !math.IsNaN(v) {
			out[i] = v
		}
	}
	return out
}

// valueTicks marks 0, ¼, ½, ¾ and the top of the scale (only 0, ½ and
// the top on a narrow plot), and nothing past it, where the value labels go.
func valueTicks(top float64, width vg.Length) plot.ConstantTicks {
	steps := 4
	if width < 240 {
		steps = 2
	}
	var ts []plot.Tick
	for k := 0; k <= steps; k++ {
		v := top * float64(k) / float64(steps)
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ts
}

// barGroups draws the bar charts side by side within each category, the
// bar thickness following the plot's height, and writes each value at
// the end of its bar.
type barGroups struct {
	style  Style
	text   *Text
	bars   []*plotter.BarChart
	values []plotter.Values // with NaN, for the labels
	n      int
	top    float64
	area   vg.Point // the plot area, estimated before drawing
	extra  float64  // categories' worth of room above the bars, for the legend
}

func (g *barGroups) labelStyle() text.Style {
	s := textStyle(g.text, g.style, g.style.fontSize()*0.9)
	s.XAlign, s.YAlign = draw.XLeft, draw.YCenter
	return s
}

// makeRoom sizes the axes so that the value labels fit right of the
// longest bar and the legend above the first group: the value axis
// reaches past top by a label's width, the category axis past the last
// group by the legend's height. It estimates the plot area from the
// image size, the title and the tick labels.
func (g *barGroups) makeRoom(p *plot.Plot, size Size) {
	w, h := size.points()
	fs := g.style.fontSize()
	tickW := vg.Length(0)
	for _, t := range p.Y.Tick.Marker.Ticks(0, 0) {
		tickW = max(tickW, p.Y.Tick.Label.Width(t.Label))
	}
	g.area = vg.Point{X: max(w-tickW-3*fs, 1), Y: max(h-p.Title.TextStyle.Height(p.Title.Text)-p.X.Tick.Label.Height("0")-p.X.Label.TextStyle.Height("F1")-3*fs, 1)}
	label := g.labelStyle().Width("0.00") + fs
	p.X.Min, p.X.Max = 0, g.top*float64(g.area.X/max(g.area.X-label, 1))
	r := p.Legend.Rectangle(draw.Canvas{})
	legend := r.Max.Y - r.Min.Y
	g.extra = 0
	if legend > 0 {
		g.extra = float64(legend+fs/2) * float64(g.n) / float64(max(g.area.Y-legend-fs/2, 1))
	}
	p.Y.Max = float64(g.n) - 0.5 + g.extra // Add took the data range before
}

// Plot implements plot.Plotter.
func (g *barGroups) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	band := trY(1) - trY(0)
	k := len(g.bars)
	width := band * 0.8 / vg.Length(k)
	trX, _ := p.Transforms(&c)
	sty := g.labelStyle()
	descent := sty.FontExtents().Descent // as gonum/plot's axes add it
	// Figures only where a bar is thick enough to carry one.
	labelled := width >= sty.Font.Size*0.8
	for s, bar := range g.bars {
		bar.Width = width
		bar.Offset = (vg.Length(k-1)/2 - vg.Length(s)) * width
		bar.Plot(c, p)
		if !labelled {
			continue
		}
		for i, v := range g.values[s] {
			label, x := "–", trX(0)
			if !math.IsNaN(v) {
				label, x = strconv.FormatFloat(v, 'f', 2, 64), trX(v)
			}
			pt := vg.Point{X: x + g.style.fontSize()*0.3, Y: trY(float64(i)) + bar.Offset + descent}
			c.FillText(sty, pt, label)
		}
	}
}

// DataRange implements plot.DataRanger: values from 0, categories
// centred on whole numbers.
func (g *barGroups) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, g.top, -0.5, float64(g.n) - 0.5 + g.extra
}
