package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
)

// EntityList lists the open document's entities in text order; clicking
// one selects it and scrolls the text to it.
type EntityList struct {
	widget.BaseWidget
	items  []corpus.Entity
	texts  []string
	list   *widget.List
	onJump func(id string)
	quiet  bool // set while the list follows the text's selection
}

// NewEntityList makes an empty list.
func NewEntityList(onJump func(id string)) *EntityList {
	e := &EntityList{onJump: onJump}
	e.list = widget.NewList(
		func() int { return len(e.items) },
		func() fyne.CanvasObject {
			typ := widget.NewLabel("TYPE")
			typ.TextStyle.Bold = true
			return container.NewBorder(nil, nil, typ, nil, arabicLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(e.items) {
				c := o.(*fyne.Container)
				setText(c.Objects[0].(*widget.Label), e.texts[i])
				setText(c.Objects[1].(*widget.Label), e.items[i].Type)
			}
		},
	)
	e.list.OnSelected = func(i widget.ListItemID) {
		if !e.quiet && i < len(e.items) {
			e.onJump(e.items[i].ID)
		}
	}
	e.ExtendBaseWidget(e)
	return e
}

// Set shows the session's entities; Select marks one of them.
func (e *EntityList) Set(s *session.Session) {
	l := s.Layer()
	e.items = l.Entities
	e.texts = make([]string, len(e.items))
	for i, it := range e.items {
		e.texts[i] = s.Text(it.Span())
	}
	e.list.Refresh()
}

// Select highlights the entity with this id (none for any other id)
// without calling back, since the selection came from elsewhere.
func (e *EntityList) Select(selected string) {
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
func (e *EntityList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(e.list) }
