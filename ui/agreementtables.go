package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/review"
)

// agreementResult shows one report: the universe in words, the corpus
// figures, the pairs table, the charts and the documents worst first.
// Picking a pair in the table shows its F1 by type and its confusion.
type agreementResult struct {
	labels *labelEngine
	report review.Report
	pair   int // the pair the bars and the confusion show

	universe *fyne.Container // lines of BidiLabels
	figures  *BidiLabel
	pairs    *widget.Table
	docs     *widget.Table
	charts   *agreementCharts
	root     fyne.CanvasObject
}

// pairColumns and docColumns are the tables' headings.
var (
	pairColumns = []string{"A", "B", "Docs", "Span F1", "P", "R", "Token κ", "Trigger F1", "Argument F1"}
	docColumns  = []string{"Span F1", "Token κ", "Unmatched", "Title"}
)

func newAgreementResult(labels *labelEngine, open func(id string)) *agreementResult {
	r := &agreementResult{labels: labels, universe: container.New(layout.NewCustomPaddedVBoxLayout(0)), figures: newBidiLabel(labels, "")}
	r.charts = newAgreementCharts(labels)
	r.pairs = r.newTable(pairColumns, func() int { return len(r.report.Pairs) }, r.pairCell)
	r.pairs.OnSelected = func(id widget.TableCellID) { r.selectPair(id.Row) }
	for c, w := range []float32{78, 78, 54, 78, 60, 60, 74, 90, 110} {
		r.pairs.SetColumnWidth(c, w)
	}
	r.docs = r.newTable(docColumns, func() int { return len(r.report.Documents) }, r.docCell)
	r.docs.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(r.report.Documents) {
			open(r.report.Documents[id.Row].ID)
		}
	}
	for c, w := range []float32{80, 80, 104, 400} {
		r.docs.SetColumnWidth(c, w)
	}
	tables := container.NewVSplit(
		container.NewBorder(heading("Pairs of annotators"), nil, nil, nil, r.pairs),
		container.NewBorder(heading("Documents, worst first (pick one to open it)"), nil, nil, nil, r.docs),
	)
	tables.SetOffset(0.42)
	// Right to left, as the main window: the tables on the right, where
	// an Arabic reader starts, the charts on the left; what was counted
	// and the corpus figures above both.
	split := container.NewHSplit(r.charts.root, tables)
	split.SetOffset(0.44)
	about := container.New(layout.NewCustomPaddedVBoxLayout(0), r.universe, r.figures)
	r.root = container.NewBorder(about, nil, nil, nil, split)
	return r
}

// newTable makes a table with a heading row whose cells are a Label or,
// for names and titles (Arabic, Latin or both), a BidiLabel.
func (r *agreementResult) newTable(columns []string, rows func() int, update func(row, col int, cell *tableCell)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(columns) },
		func() fyne.CanvasObject { return newTableCell(r.labels) },
		func(id widget.TableCellID, o fyne.CanvasObject) { update(id.Row, id.Col, o.(*tableCell)) },
	)
	t.ShowHeaderColumn = false
	// Headings are BidiLabels too: translated, "Span F1" mixes scripts.
	t.CreateHeader = func() fyne.CanvasObject { return newTableCell(r.labels) }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(columns) {
			o.(*tableCell).setBidi(lang.L(columns[id.Col]))
		}
	}
	return t
}

// tableCell is a table cell that shows plain text in a Label and text
// that may mix Arabic with Latin in a BidiLabel.
type tableCell struct {
	widget.BaseWidget
	plain *widget.Label
	bidi  *BidiLabel
}

func newTableCell(labels *labelEngine) *tableCell {
	c := &tableCell{plain: widget.NewLabel(""), bidi: newBidiLabel(labels, "")}
	c.bidi.Hide()
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *tableCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.plain, c.bidi))
}

func (c *tableCell) setPlain(text string) {
	c.bidi.Hide()
	setText(c.plain, text)
	c.plain.Show()
}

func (c *tableCell) setBidi(text string) {
	c.plain.Hide()
	c.bidi.SetText(text)
	c.bidi.Show()
}

func (r *agreementResult) pairCell(row, col int, c *tableCell) {
	if row < 0 || row >= len(r.report.Pairs) {
		return
	}
	p := r.report.Pairs[row]
	switch col {
	case 0:
		c.setBidi(p.A)
	case 1:
		c.setBidi(p.B)
	case 2:
		c.setPlain(fmt.Sprint(p.Documents))
	default:
		c.setPlain([]review.Value{p.SpanF1, p.Span.Precision, p.Span.Recall, p.TokenKappa,
			p.Events.TriggerF1, p.Events.ArgumentF1}[col-3].String())
	}
}

func (r *agreementResult) docCell(row, col int, c *tableCell) {
	if row < 0 || row >= len(r.report.Documents) {
		return
	}
	d := r.report.Documents[row]
	switch col {
	case 0:
		c.setPlain(d.SpanF1.String())
	case 1:
		c.setPlain(d.TokenKappa.String())
	case 2:
		c.setPlain(fmt.Sprint(d.Unmatched))
	default:
		c.setBidi(d.Title)
	}
}

// show puts a report on screen; the first pair is chosen.
func (r *agreementResult) show(rep review.Report) {
	r.report = rep
	r.pair = 0
	r.universe.Objects = r.universeRows(rep)
	r.universe.Refresh()
	r.figures.SetText(figuresLine(rep))
	r.pairs.Refresh()
	r.docs.Refresh()
	r.docs.UnselectAll()
	r.docs.ScrollToTop()
	if len(rep.Pairs) > 0 {
		r.pairs.Select(widget.TableCellID{Row: 0, Col: 0})
		// Select scrolls the cell into view, which before the first
		// layout (no width yet) scrolls past it.
		r.pairs.ScrollToLeading()
		r.pairs.ScrollToTop()
	}
	r.charts.show(rep, r.pair)
}

// selectPair shows pair i in the bars and the confusion matrix.
func (r *agreementResult) selectPair(i int) {
	if i < 0 || i >= len(r.report.Pairs) || i == r.pair && r.charts.shown {
		return
	}
	r.pair = i
	r.charts.show(r.report, i)
}

// universeRows say in words what the figures counted, as the CLI's
// header does: the documents, tokens and matching; what each
// multi-annotator figure counted; the annotations of each annotator.
// Sentences are BidiLabels (a translation mixes Arabic with numbers), and
// each annotator's name is a label of its own, so that no name's
// direction reorders the numbers around it.
func (r *agreementResult) universeRows(rep review.Report) []fyne.CanvasObject {
	u := rep.Universe
	status := lang.L("only documents every compared annotator marked done")
	if u.Status == "all" {
		status = lang.L("every layer, done or not")
	}
	counted := lang.L("{{.Docs}} documents counted, {{.Left}} left out ({{.Status}}); {{.Tokens}} tokens; spans matched: {{.Match}}",
		map[string]any{"Docs": u.Documents, "Left": u.Left, "Status": status, "Tokens": u.Tokens, "Match": lang.L(string(u.Match))})
	items := lang.L("Fleiss' κ and multi-κ: {{.Complete}} tokens of documents every annotator has; α: {{.Alpha}} tokens with at least two",
		map[string]any{"Complete": u.CompleteTokens, "Alpha": u.AlphaTokens})
	who := container.NewHBox(newBidiLabel(r.labels, lang.L("Annotators (entities, events):")))
	for _, n := range u.Annotators {
		who.Add(container.New(layout.NewCustomPaddedHBoxLayout(0), newBidiLabel(r.labels, n),
			newBidiLabel(r.labels, fmt.Sprintf("%d, %d", u.Entities[n], u.Events[n]))))
	}
	return []fyne.CanvasObject{newBidiLabel(r.labels, counted), newBidiLabel(r.labels, items), who}
}

// figuresLine is the corpus figures in one line.
func figuresLine(r review.Report) string {
	return strings.Join([]string{
		lang.L("Fleiss' κ") + " " + r.Fleiss.String(),
		lang.L("multi-κ") + " " + r.Multi.String(),
		lang.L("Krippendorff's α") + " " + r.Alpha.String(),
		lang.L("mean span F1") + " " + r.MeanF1.String(),
		lang.L("mean token κ") + " " + r.MeanKappa.String(),
	}, " · ")
}
