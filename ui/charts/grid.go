package charts

import (
	"image"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Scale says how a grid's values are coloured.
type Scale int

const (
	// Agreement colours figures from 0 (Low) through 0.5 to 1 (High);
	// values below 0 take Low.
	Agreement Scale = iota
	// Counts colours counts from 0 (the background) to the largest.
	Counts
)

// Grid is a heat map with its values written in the cells: annotators
// against annotators, or one annotator's types against another's.
type Grid struct {
	Title      string
	RowLabel   string      // beside the rows, e.g. "A"
	ColLabel   string      // under the columns, e.g. "B"
	Rows, Cols []string    // rows top to bottom, columns left to right
	Values     [][]float64 // [row][col]; NaN leaves a cell empty
	Scale      Scale
}

// DrawGrid draws g into an image of the given size.
func DrawGrid(t *Text, st Style, g Grid, size Size) (*image.RGBA, error) {
	p := newPlot(t, st, g.Title)
	if len(g.Rows) == 0 || len(g.Cols) == 0 {
		p.HideAxes()
		return render(p, size)
	}
	cells := cellGrid{values: g.Values, rows: len(g.Rows), cols: len(g.Cols)}
	var pal palette.Palette
	lo, hi := 0.0, 1.0
	switch g.Scale {
	case Counts:
		pal = newRamp(64, st.Background, st.Counts)
		hi = math.Max(1, cells.max())
	default:
		pal = newRamp(64, st.Low, st.Middle, st.High)
	}
	hm := plotter.NewHeatMap(cells, pal)
	hm.Min, hm.Max = lo, hi
	hm.NaN = st.Background
	hm.Underflow, hm.Overflow = st.Low, pal.Colors()[len(pal.Colors())-1]
	p.Add(hm, &cellText{grid: cells, heat: hm, text: t, style: st, counts: g.Scale == Counts})
	rows := make([]string, len(g.Rows))
	for i, r := range g.Rows {
		rows[len(rows)-1-i] = r
	}
	p.NominalX(g.Cols...)
	p.NominalY(rows...)
	p.X.Label.Text, p.Y.Label.Text = g.ColLabel, g.RowLabel
	p.X.Padding, p.Y.Padding = 0, 0
	if crowded(p, g, size) {
		// Column names side by side would run into each other: stand
		// them on end, reading upwards, each ending at its column.
		p.X.Tick.Label.Rotation = math.Pi / 2
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
		// The axis lifts every tick label by the font's descent, which
		// on end pushes the names' ends into the cells: pad it back.
		p.X.Padding = p.X.Tick.Label.FontExtents().Descent
	}
	return render(p, size)
}

// crowded reports whether the widest column name is wider than a column
// (estimated from the image width less the row names and margins).
func crowded(p *plot.Plot, g Grid, size Size) bool {
	w, _ := size.points()
	rowW, colW := vg.Length(0), vg.Length(0)
	for _, r := range g.Rows {
		rowW = max(rowW, p.Y.Tick.Label.Width(r))
	}
	for _, c := range g.Cols {
		colW = max(colW, p.X.Tick.Label.Width(c))
	}
	fs := vg.Length(p.Y.Tick.Label.Font.Size)
	cell := (w - rowW - 4*fs) / vg.Length(len(g.Cols))
	return colW > cell*0.9
}

// cellGrid is Values as gonum's GridXYZ: column c at x = c, row r (from
// the top) at y = rows−1−r, so the first row is drawn on top.
type cellGrid struct {
	values     [][]float64
	rows, cols int
}

func (g cellGrid) Dims() (c, r int) { return g.cols, g.rows }

func (g cellGrid) Z(c, r int) float64 {
	row := g.rows - 1 - r
	if row < len(g.values) && c < len(g.values[row]) {
		return g.values[row][c]
	}
	return math.NaN()
}

func (g cellGrid) X(c int) float64 { return float64(c) }
func (g cellGrid) Y(r int) float64 { return float64(r) }

func (g cellGrid) max() float64 {
	m := 0.0
	for _, row := range g.values {
		for _, v := range row {
			if !math.IsNaN(v) {
				m = math.Max(m, v)
			}
		}
	}
	return m
}

// cellText writes each cell's value in its middle, in a colour that reads
// on the cell's own.
type cellText struct {
	grid   cellGrid
	heat   *plotter.HeatMap
	text   *Text
	style  Style
	counts bool
}

// colour is the heat map's colour for v, as HeatMap picks it.
func (ct *cellText) colour(v float64) color.Color {
	pal := ct.heat.Palette.Colors()
	switch {
	case math.IsNaN(v):
		return ct.heat.NaN
	case v < ct.heat.Min:
		return ct.heat.Underflow
	case v > ct.heat.Max:
		return ct.heat.Overflow
	}
	ps := float64(len(pal)-1) / (ct.heat.Max - ct.heat.Min)
	return pal[int((v-ct.heat.Min)*ps+0.5)]
}

func (ct *cellText) label(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case ct.counts:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// Plot implements plot.Plotter.
func (ct *cellText) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := textStyle(ct.text, ct.style, ct.style.fontSize())
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	// gonum/plot's text boxes hang the descent below the point (its axes
	// add it back, as here), so the box is centred on the cell.
	descent := sty.FontExtents().Descent
	cols, rows := ct.grid.Dims()
	for i := range cols {
		for j := range rows {
			v := ct.grid.Z(i, j)
			if math.IsNaN(v) || ct.counts && v == 0 {
				continue
			}
			sty.Color = inkOn(ct.colour(v))
			c.FillText(sty, vg.Point{X: trX(float64(i)), Y: trY(float64(j)) + descent}, ct.label(v))
		}
	}
}
