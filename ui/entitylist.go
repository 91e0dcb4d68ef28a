package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
)

// entitySource is what the entity list reads from the session.
type entitySource interface {
	publisher
	Layer() corpus.Layer
	Selected() string
	Text(corpus.Span) string
}

// entityList lists the open document's entities in text order; clicking
// one selects it and scrolls the text to it. It rebuilds only when the
// entities change, and follows the selection.
type entityList struct {
	widget.BaseWidget
	src    entitySource
	items  []corpus.Entity
	list   *widget.List
	onJump func(id string)
	quiet  bool // set while the list follows the text's selection
}

// newEntityList makes the list of the session's entities; onJump selects
// the entity clicked.
func newEntityList(src entitySource, onJump func(id string)) *entityList {
	e := &entityList{src: src, onJump: onJump}
	e.list = widget.NewList(
		func() int { return len(e.items) },
		func() fyne.CanvasObject { return newEntityRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(e.items) {
				it := e.items[i]
				o.(*entityRow).update(it.Type, e.src.Text(it.Span()))
			}
		},
	)
	e.list.OnSelected = func(i widget.ListItemID) {
		if !e.quiet && i < len(e.items) {
			e.onJump(e.items[i].ID)
		}
	}
	e.showEntities()
	e.showSelection()
	src.Subscribe(e.follow)
	e.ExtendBaseWidget(e)
	return e
}

func (e *entityList) follow(ev session.Event) {
	switch ev := ev.(type) {
	case session.DocumentOpened, session.ModeChanged: // a new layer
		e.showEntities()
		e.showSelection()
	case session.LayerChanged:
		if ev.Touches(corpus.KindEntity) {
			e.showEntities()
		}
		e.showSelection()
	case session.SelectionChanged:
		e.showSelection()
	}
}

// showEntities shows the layer's entities; the rows in view read their
// text when drawn.
func (e *entityList) showEntities() {
	e.items = e.src.Layer().Entities
	e.list.Refresh()
}

// showSelection highlights the selected entity (none for any other
// selection) without calling back, since the selection came from
// elsewhere.
func (e *entityList) showSelection() {
	selected := e.src.Selected()
	e.quiet = true
	e.list.UnselectAll()
	for i, it := range e.items {
		if it.ID == selected {
			e.list.Select(i)
			break
		}
	}
	e.quiet = false
}

// CreateRenderer implements fyne.Widget.
func (e *entityList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(e.list) }

// entityRow is one entity in the list: its type, then its text.
type entityRow struct {
	widget.BaseWidget
	typ, text *widget.Label
}

func newEntityRow() *entityRow {
	r := &entityRow{typ: widget.NewLabel("TYPE"), text: arabicLabel("")}
	r.typ.TextStyle.Bold = true
	r.ExtendBaseWidget(r)
	return r
}

// update shows an entity of type typ covering text.
func (r *entityRow) update(typ, text string) {
	setText(r.typ, typ)
	setText(r.text, text)
}

// CreateRenderer implements fyne.Widget.
func (r *entityRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.typ, nil, r.text))
}
