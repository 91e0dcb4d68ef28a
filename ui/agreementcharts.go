package ui

import (
	"image"
	"image/color"
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/review"
	"github.com/tawsim/tawsim/ui/charts"
)

// agreementCharts are the view's three charts: F1 by type for the chosen
// pair (beside all pairs pooled), a heat map of every pair (token κ or
// span F1), and the chosen pair's type confusion.
type agreementCharts struct {
	text   *charts.Text // shared by the charts; nil until first drawn
	metric *widget.Select
	bars   *chartImage
	heat   *chartImage
	conf   *chartImage
	report review.Report
	pair   int
	shown  bool
	tabs   *container.AppTabs
	root   fyne.CanvasObject
}

// heatMetrics are the figures the heat map can show, in the order offered.
var heatMetrics = []string{"token κ", "span F1"}

func newAgreementCharts(labels *labelEngine) *agreementCharts {
	c := &agreementCharts{}
	get := func() *charts.Text {
		if c.text == nil {
			c.text, _ = charts.NewText()
		}
		return c.text
	}
	c.bars, c.heat, c.conf = newChartImage(get), newChartImage(get), newChartImage(get)
	var names []string
	for _, m := range heatMetrics {
		names = append(names, lang.L(m))
	}
	c.metric = widget.NewSelect(names, func(string) { c.drawHeat() })
	c.metric.SetSelectedIndex(0)
	heat := container.NewBorder(container.NewHBox(widget.NewLabel(lang.L("Heat map of pairs")), c.metric), nil, nil, nil, c.heat)
	overview := container.NewVSplit(c.bars, heat)
	overview.SetOffset(0.55)
	// Two tabs, so that each chart has room for a schema's many types.
	c.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("F1 by type, pairs"), overview),
		container.NewTabItem(lang.L("Type confusion"), c.conf),
	)
	c.root = c.tabs
	return c
}

// show draws the report's charts for pair i.
func (c *agreementCharts) show(r review.Report, pair int) {
	c.report, c.pair, c.shown = r, pair, true
	c.drawHeat()
	if pair < 0 || pair >= len(r.Pairs) {
		c.bars.setChart(nil)
		c.conf.setChart(nil)
		return
	}
	bars := typeBars(r, pair)
	c.bars.setChart(func(t *charts.Text, st charts.Style, size charts.Size) (*image.RGBA, error) {
		return charts.DrawBars(t, st, bars, size)
	})
	conf := confusionGrid(r.Pairs[pair])
	c.conf.setChart(func(t *charts.Text, st charts.Style, size charts.Size) (*image.RGBA, error) {
		return charts.DrawGrid(t, st, conf, size)
	})
}

func (c *agreementCharts) drawHeat() {
	if !c.shown || c.heat == nil {
		return
	}
	g := pairGrid(c.report, max(0, c.metric.SelectedIndex()))
	c.heat.setChart(func(t *charts.Text, st charts.Style, size charts.Size) (*image.RGBA, error) {
		return charts.DrawGrid(t, st, g, size)
	})
}

// pairName is "A / B".
func pairName(p review.Pair) string { return p.A + " / " + p.B }

// typeBars is F1 by entity type for pair i and, with more than one pair,
// for all pairs pooled (twice the matches over the annotations of both
// sides, summed over the pairs).
func typeBars(r review.Report, i int) charts.Bars {
	p := r.Pairs[i]
	b := charts.Bars{Title: lang.L("F1 by type"), ValueLabel: "F1", Categories: r.Types, Max: 1}
	one := charts.Series{Name: pairName(p)}
	all := charts.Series{Name: lang.L("all pairs")}
	for _, t := range r.Types {
		v := math.NaN()
		if c, ok := p.PerType[t]; ok && c.F1.Defined() {
			v = float64(c.F1)
		}
		one.Values = append(one.Values, v)
		matched, sides := 0, 0
		for _, q := range r.Pairs {
			c := q.PerType[t]
			matched += c.Matched
			sides += c.A + c.B
		}
		v = math.NaN()
		if sides > 0 {
			v = 2 * float64(matched) / float64(sides)
		}
		all.Values = append(all.Values, v)
	}
	b.Series = []charts.Series{one}
	if len(r.Pairs) > 1 {
		b.Series = append(b.Series, all)
	}
	return b
}

// pairGrid is every annotator against every other: metric 0 is token κ,
// 1 span F1. The diagonal is empty.
func pairGrid(r review.Report, metric int) charts.Grid {
	names := r.Universe.Annotators
	// The metric is named by the list above the chart, not in a title.
	g := charts.Grid{RowLabel: "A", ColLabel: "B", Rows: names, Cols: names}
	index := map[string]int{}
	for i, n := range names {
		index[n] = i
	}
	g.Values = make([][]float64, len(names))
	for i := range g.Values {
		g.Values[i] = make([]float64, len(names))
		for j := range g.Values[i] {
			g.Values[i][j] = math.NaN()
		}
	}
	for _, p := range r.Pairs {
		v := p.TokenKappa
		if metric == 1 {
			v = p.SpanF1
		}
		f := math.NaN()
		if v.Defined() {
			f = float64(v)
		}
		a, b := index[p.A], index[p.B]
		g.Values[a][b], g.Values[b][a] = f, f
	}
	return g
}

// confusionGrid is the pair's confusion matrix: A's types down, B's
// across, the same types in the same order on both axes (so agreement is
// the diagonal) and "none" last.
func confusionGrid(p review.Pair) charts.Grid {
	seen := map[string]bool{}
	for ta, row := range p.Confusion {
		seen[ta] = true
		for tb := range row {
			seen[tb] = true
		}
	}
	delete(seen, review.None)
	var types []string
	for t := range seen {
		types = append(types, t)
	}
	sort.Strings(types)
	types = append(types, review.None)
	g := charts.Grid{Title: lang.L("Type confusion") + ": " + pairName(p), RowLabel: p.A, ColLabel: p.B,
		Rows: types, Cols: types, Scale: charts.Counts}
	for _, ta := range types {
		row := make([]float64, len(types))
		for j, tb := range types {
			row[j] = float64(p.Confusion[ta][tb])
		}
		g.Values = append(g.Values, row)
	}
	return g
}

// chartDrawer draws a chart at a size in a style.
type chartDrawer func(t *charts.Text, st charts.Style, size charts.Size) (*image.RGBA, error)

// chartImage shows a chart drawn for the widget's own pixel size and the
// current theme: its raster is drawn again whenever the widget is
// resized, refreshed (a new chart) or the theme changes (Fyne refreshes
// every widget then).
type chartImage struct {
	widget.BaseWidget
	text  func() *charts.Text
	chart chartDrawer
}

func newChartImage(text func() *charts.Text) *chartImage {
	c := &chartImage{text: text}
	c.ExtendBaseWidget(c)
	return c
}

// setChart shows another chart (nil: none).
func (c *chartImage) setChart(fn chartDrawer) {
	c.chart = fn
	c.Refresh()
}

// MinSize keeps a chart legible.
func (c *chartImage) MinSize() fyne.Size { return fyne.NewSize(260, 180) }

// CreateRenderer implements fyne.Widget.
func (c *chartImage) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.raster = canvas.NewRaster(r.draw)
	return r
}

type chartRenderer struct {
	c      *chartImage
	raster *canvas.Raster
}

// draw renders the chart at w×h pixels; the resolution follows the
// canvas scale (pixels per Fyne unit), so text keeps its size in units.
func (r *chartRenderer) draw(w, h int) image.Image {
	size := r.c.Size()
	t := r.c.text()
	if r.c.chart == nil || w <= 0 || h <= 0 || size.Width <= 0 || t == nil {
		return image.NewUniform(color.Transparent)
	}
	scale := float64(w) / float64(size.Width)
	img, err := r.c.chart(t, chartStyle(r.c.Theme()), charts.Size{Width: w, Height: h, DPI: 72 * scale})
	if err != nil {
		return image.NewUniform(color.Transparent)
	}
	return img
}

func (r *chartRenderer) Layout(size fyne.Size) { r.raster.Resize(size) }

func (r *chartRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *chartRenderer) Refresh() { r.raster.Refresh() }

func (r *chartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.raster} }

func (r *chartRenderer) Destroy() {}

// chartStyle is the charts' style in the theme's colours: its background,
// foreground, separator and primary colours, and text a little smaller
// than the interface's.
func chartStyle(th fyne.Theme) charts.Style {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bg := th.Color(theme.ColorNameBackground, v)
	st := charts.Light()
	if r, g, b, _ := bg.RGBA(); 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff {
		st = charts.Dark()
	}
	st.Background = bg
	st.Foreground = th.Color(theme.ColorNameForeground, v)
	st.Muted = th.Color(theme.ColorNameSeparator, v)
	st.Series[0] = th.Color(theme.ColorNamePrimary, v)
	st.Counts = st.Series[0]
	st.FontSize = float64(th.Size(theme.SizeNameText)) * 0.8
	return st
}
