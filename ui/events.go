package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
)

// EventsPanel lists the open document's events; the selected event shows
// its arguments, each with a role menu and a remove button.
type EventsPanel struct {
	widget.BaseWidget
	m      *Window
	list   *widget.List
	detail *fyne.Container
	hint   *widget.Label
	events []corpus.Event
	quiet  bool
}

// NewEventsPanel makes the panel for a window.
func NewEventsPanel(m *Window) *EventsPanel {
	p := &EventsPanel{m: m}
	p.list = widget.NewList(
		func() int { return len(p.events) },
		func() fyne.CanvasObject {
			typ := widget.NewLabel("Type.Subtype (0)")
			typ.TextStyle.Bold = true
			return container.NewBorder(nil, nil, typ, nil, arabicLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.events) {
				ev := p.events[i]
				c := o.(*fyne.Container)
				setText(c.Objects[0].(*widget.Label), m.sess.Text(ev.Trigger))
				setText(c.Objects[1].(*widget.Label), fmt.Sprintf("%s (%d)", ev.Type, len(ev.Arguments)))
			}
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if !p.quiet && i < len(p.events) {
			m.selectAnnotation(p.events[i].ID, true)
		}
	}
	p.hint = widget.NewLabel("")
	p.hint.Wrapping = fyne.TextWrapWord
	p.hint.Importance = widget.LowImportance
	p.detail = container.NewVBox()
	p.ExtendBaseWidget(p)
	return p
}

// Refresh rebuilds the list and the selected event's arguments.
func (p *EventsPanel) Refresh() {
	if p.m == nil || p.list == nil {
		return
	}
	p.events = p.m.sess.Layer().Events
	p.list.Refresh()
	p.quiet = true
	p.list.UnselectAll()
	p.detail.Objects = nil
	sel := p.m.sess.Selected()
	setText(p.hint, lang.L("Select a trigger word and press E to add an event."))
	for i, ev := range p.events {
		if ev.ID != sel {
			continue
		}
		p.list.Select(i)
		setText(p.hint, lang.L("Click entities in the text to add them as arguments. Esc ends."))
		roles := p.m.sess.Roles(ev.ID)
		l := p.m.sess.Layer()
		for ai, a := range ev.Arguments {
			ent, _ := l.Entity(a.Entity)
			evID, idx := ev.ID, ai
			role := widget.NewSelect(roles, nil)
			role.SetSelected(a.Role)
			role.OnChanged = func(r string) {
				if r != "" && r != p.m.roleOf(evID, idx) {
					p.m.do(func() error { return p.m.sess.SetRole(evID, idx, r) })
				}
			}
			remove := widget.NewButton("✕", func() {
				p.m.do(func() error { return p.m.sess.RemoveArgument(evID, idx) })
			})
			name := arabicLabel(p.m.sess.Text(ent.Span()))
			p.detail.Add(container.NewBorder(nil, nil, container.NewHBox(role, widget.NewLabel(ent.Type)), remove, name))
		}
	}
	p.quiet = false
	p.detail.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (p *EventsPanel) CreateRenderer() fyne.WidgetRenderer {
	split := container.NewVSplit(p.list, container.NewVScroll(p.detail))
	split.SetOffset(0.35) // the selected event's arguments need the room
	return widget.NewSimpleRenderer(container.NewBorder(nil, p.hint, nil, nil, split))
}
