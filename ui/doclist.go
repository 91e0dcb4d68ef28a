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
)

// DocRow is one line of the document list: a document and this
// annotator's layer on it.
type DocRow struct {
	Info     corpus.DocInfo
	Status   corpus.Status
	Entities int
	Events   int
}

// DocList is the filterable, virtualised list of documents. widget.List
// creates rows only for what is in view, so 10,000 documents list at once.
type DocList struct {
	widget.BaseWidget
	all    []DocRow
	shown  []int // indexes into all, after the filter
	filter *widget.Entry
	list   *widget.List

	// OnSelected is called with the id of the document the user picked.
	OnSelected func(id string)
}

// NewDocList makes an empty list.
func NewDocList() *DocList {
	d := &DocList{}
	d.filter = widget.NewEntry()
	d.filter.SetPlaceHolder(lang.L("Filter documents…"))
	d.filter.OnChanged = func(string) { d.applyFilter() }
	d.list = widget.NewList(
		func() int { return len(d.shown) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("title")
			title.Truncation = fyne.TextTruncateEllipsis
			title.Alignment = fyne.TextAlignTrailing
			meta := widget.NewLabel("meta")
			meta.Importance = widget.LowImportance
			meta.SizeName = theme.SizeNameCaptionText
			return container.New(layout.NewCustomPaddedVBoxLayout(0), title, meta)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(d.shown) {
				return
			}
			r := d.all[d.shown[i]]
			c := o.(*fyne.Container)
			setText(c.Objects[0].(*widget.Label), r.Info.Title)
			setText(c.Objects[1].(*widget.Label), fmt.Sprintf("%s · %d %s · %d %s", statusBadge(r.Status), r.Entities, lang.L("entities"), r.Events, lang.L("events")))
		},
	)
	d.list.OnSelected = func(i widget.ListItemID) {
		if i < len(d.shown) {
			if d.OnSelected != nil {
				d.OnSelected(d.all[d.shown[i]].Info.ID)
			}
		}
	}
	d.ExtendBaseWidget(d)
	return d
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

// SetRows replaces the list's content, keeping the filter.
func (d *DocList) SetRows(rows []DocRow) {
	d.all = rows
	d.applyFilter()
}

// Select highlights the document with this id, scrolling it into view,
// without calling OnSelected.
func (d *DocList) Select(id string) {
	for i, k := range d.shown {
		if d.all[k].Info.ID == id {
			cb := d.list.OnSelected
			d.list.OnSelected = nil
			d.list.Select(i)
			d.list.OnSelected = cb
			return
		}
	}
	d.list.UnselectAll()
}

func (d *DocList) applyFilter() {
	q := strings.TrimSpace(d.filter.Text)
	d.shown = d.shown[:0]
	for i, r := range d.all {
		if q == "" || strings.Contains(r.Info.Title, q) || strings.HasPrefix(r.Info.ID, q) {
			d.shown = append(d.shown, i)
		}
	}
	d.list.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (d *DocList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(d.filter, nil, nil, nil, d.list))
}
