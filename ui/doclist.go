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
}

// docList is the filterable, virtualised list of documents. widget.List
// creates rows only for what is in view, so 10,000 documents list at
// once. The rows are the session's document entries; the list keeps
// which of them pass the filter, and where each document's row is.
type docList struct {
	widget.BaseWidget
	src    docSource
	shown  []int          // indexes into src.Documents(), after the filter
	row    map[string]int // document id → its row (index into shown)
	filter *widget.Entry
	list   *widget.List
	onOpen func(id string)
}

// newDocList makes the list of the session's documents; onOpen opens the
// document the user picked.
func newDocList(src docSource, onOpen func(id string)) *docList {
	d := &docList{src: src, onOpen: onOpen}
	d.filter = widget.NewEntry()
	d.filter.SetPlaceHolder(lang.L("Filter documents…"))
	d.filter.OnChanged = func(string) { d.applyFilter() }
	d.list = widget.NewList(
		func() int { return len(d.shown) },
		func() fyne.CanvasObject { return newDocRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(d.shown) {
				o.(*docRow).update(d.src.Documents()[d.shown[i]])
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

func (d *docList) applyFilter() {
	q := strings.TrimSpace(d.filter.Text)
	d.shown = d.shown[:0]
	d.row = make(map[string]int, len(d.row))
	for i, e := range d.src.Documents() {
		if q == "" || strings.Contains(e.Info.Title, q) || strings.HasPrefix(e.Info.ID, q) {
			d.row[e.Info.ID] = len(d.shown)
			d.shown = append(d.shown, i)
		}
	}
	d.list.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (d *docList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(d.filter, nil, nil, nil, d.list))
}

// docRow is one document in the list: its title, and under it this
// annotator's status and counts.
type docRow struct {
	widget.BaseWidget
	title, meta *widget.Label
}

func newDocRow() *docRow {
	r := &docRow{title: widget.NewLabel("title"), meta: widget.NewLabel("meta")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.title.Alignment = fyne.TextAlignTrailing
	r.meta.Importance = widget.LowImportance
	r.meta.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

// update shows a document's entry.
func (r *docRow) update(e session.DocEntry) {
	setText(r.title, e.Info.Title)
	setText(r.meta, fmt.Sprintf("%s · %d %s · %d %s", statusBadge(e.Status), e.Entities, lang.L("entities"), e.Events, lang.L("events")))
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
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(0), r.title, r.meta))
}
