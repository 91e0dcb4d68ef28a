package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
)

// docSource is what the document list reads from the session.
type docSource interface {
	publisher
	Documents() []session.DocEntry
	Reviewing() bool
}

// docList is the filterable, virtualised list of documents. widget.List
// creates rows only for what is in view, so 10,000 documents list at
// once. The rows are the session's document entries (the annotator's
// assigned documents first); the list keeps which of them pass the
// filter, and where each document's row is. The filter matches a
// document's title, id prefix, site and date, and a status: the
// annotator's, or in review mode the review status.
type docList struct {
	widget.BaseWidget
	src    docSource
	shown  []int          // indexes into src.Documents(), after the filter
	row    map[string]int // document id → its row (index into shown)
	filter *widget.Entry
	status *widget.Select // "" or one of statusChoices
	list   *widget.List
	onOpen func(id string)
}

// statusChoice is one entry of the status filter.
type statusChoice struct {
	label  string // untranslated
	status corpus.Status
}

// statusChoices are the status filter's entries in the session's mode.
func statusChoices(reviewing bool) []statusChoice {
	if reviewing {
		return []statusChoice{{"All documents", ""}, {"to review", corpus.StatusNew}, {"in review", corpus.StatusInProgress}, {"adjudicated", corpus.StatusDone}}
	}
	return []statusChoice{{"All documents", ""}, {"new", corpus.StatusNew}, {"in progress", corpus.StatusInProgress}, {"done", corpus.StatusDone}}
}

// newDocList makes the list of the session's documents; onOpen opens the
// document the user picked.
func newDocList(src docSource, onOpen func(id string)) *docList {
	d := &docList{src: src, onOpen: onOpen}
	d.filter = widget.NewEntry()
	d.filter.SetPlaceHolder(lang.L("Filter documents…"))
	d.filter.OnChanged = func(string) { d.applyFilter() }
	d.status = widget.NewSelect(nil, func(string) { d.applyFilter() })
	d.showStatuses()
	d.list = widget.NewList(
		func() int { return len(d.shown) },
		func() fyne.CanvasObject { return newDocRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(d.shown) {
				o.(*docRow).update(d.src.Documents()[d.shown[i]], d.src.Reviewing())
			}
		},
	)
	d.list.OnSelected = d.picked
	d.applyFilter()
	src.Subscribe(d.follow)
	d.ExtendBaseWidget(d)
	return d
}

func (d *docList) follow(ev session.Event) {
	switch ev := ev.(type) {
	case session.DocumentsChanged:
		d.applyFilter()
	case session.ModeChanged:
		d.showStatuses() // which filters the list again
	case session.DocumentOpened:
		d.refreshRow(ev.Doc)
		d.selectDoc(ev.Doc)
	case session.LayerChanged:
		d.refreshRow(ev.Change.Doc)
	}
}

// picked opens the document of row i.
func (d *docList) picked(i widget.ListItemID) {
	if i < len(d.shown) {
		d.onOpen(d.src.Documents()[d.shown[i]].Info.ID)
	}
}

// refreshRow redraws one document's row, if it is shown.
func (d *docList) refreshRow(id string) {
	if i, ok := d.row[id]; ok {
		d.list.RefreshItem(i)
	}
}

// selectDoc highlights the document with this id, scrolling it into view,
// without opening it.
func (d *docList) selectDoc(id string) {
	i, ok := d.row[id]
	if !ok {
		d.list.UnselectAll()
		return
	}
	d.list.OnSelected = nil
	d.list.Select(i)
	d.list.OnSelected = d.picked
}

// focusFilter puts the cursor in the filter box (Ctrl+F).
func (d *docList) focusFilter(c fyne.Canvas) { c.Focus(d.filter) }

// showStatuses offers the statuses of the session's mode in the status
// filter, starting from all documents.
func (d *docList) showStatuses() {
	choices := statusChoices(d.src.Reviewing())
	opts := make([]string, len(choices))
	for i, c := range choices {
		opts[i] = lang.L(c.label)
	}
	d.status.Options = opts
	d.status.SetSelectedIndex(0) // filters
}

// wanted is the status the filter asks for ("" for any).
func (d *docList) wanted() corpus.Status {
	if i := d.status.SelectedIndex(); i > 0 {
		return statusChoices(d.src.Reviewing())[i].status
	}
	return ""
}

func (d *docList) applyFilter() {
	if d.list == nil { // the status filter's first selection
		return
	}
	q := strings.TrimSpace(d.filter.Text)
	st, reviewing := d.wanted(), d.src.Reviewing()
	d.shown = d.shown[:0]
	d.row = make(map[string]int, len(d.row))
	for i, e := range d.src.Documents() {
		if st != "" && (reviewing && e.Review != st || !reviewing && e.Status != st) {
			continue
		}
		if q == "" || strings.Contains(e.Info.Title, q) || strings.HasPrefix(e.Info.ID, q) ||
			strings.Contains(e.Info.Site, q) || strings.Contains(e.Info.Published, q) {
			d.row[e.Info.ID] = len(d.shown)
			d.shown = append(d.shown, i)
		}
	}
	d.list.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (d *docList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(container.NewVBox(d.filter, d.status), nil, nil, nil, d.list))
}

// docRow is one document in the list: its title (with a news article's
// date beside it), and under it this annotator's status and counts (in
// review mode the review status and the coverage) with the article's
// site. Title and site get labels of their own: either may be Arabic.
type docRow struct {
	widget.BaseWidget
	title, meta, date, site *widget.Label
}

func newDocRow() *docRow {
	r := &docRow{title: widget.NewLabel("title"), meta: widget.NewLabel("meta"), date: widget.NewLabel(""), site: widget.NewLabel("")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.title.Alignment = fyne.TextAlignTrailing
	for _, l := range []*widget.Label{r.meta, r.date, r.site} {
		l.Importance = widget.LowImportance
		l.SizeName = theme.SizeNameCaptionText
	}
	r.site.Alignment = fyne.TextAlignTrailing
	r.site.Truncation = fyne.TextTruncateEllipsis
	r.date.Hide()
	r.site.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// update shows a document's entry, for a reviewer when reviewing.
func (r *docRow) update(e session.DocEntry, reviewing bool) {
	setText(r.title, e.Info.Title)
	if reviewing {
		setText(r.meta, fmt.Sprintf("%s · %d/%d %s", reviewBadge(e.Review), e.Done, e.Layers, lang.L("done")))
	} else {
		meta := fmt.Sprintf("%s · %d %s · %d %s", statusBadge(e.Status), e.Entities, lang.L("entities"), e.Events, lang.L("events"))
		if e.Assigned {
			meta = "★ " + meta
		}
		setText(r.meta, meta)
	}
	showText(r.date, e.Info.Published)
	showText(r.site, e.Info.Site)
}

// showText shows a label with text, or hides it when there is none.
func showText(l *widget.Label, text string) {
	setText(l, text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// reviewBadge is a document's review status: gold's.
func reviewBadge(s corpus.Status) string {
	switch s {
	case corpus.StatusDone:
		return "✔ " + lang.L("adjudicated")
	case corpus.StatusInProgress:
		return "● " + lang.L("in review")
	}
	return "○ " + lang.L("to review")
}

func statusBadge(s corpus.Status) string {
	switch s {
	case corpus.StatusDone:
		return "✔ " + lang.L("done")
	case corpus.StatusInProgress:
		return "● " + lang.L("in progress")
	}
	return "○ " + lang.L("new")
}

// CreateRenderer implements fyne.Widget.
func (r *docRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.NewBorder(nil, nil, r.date, nil, r.title), container.NewBorder(nil, nil, nil, r.site, r.meta)))
}
