package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
)

// eventSource is what the events panel reads from the session.
type eventSource interface {
	publisher
	Layer() corpus.Layer
	Selected() string
	Text(corpus.Span) string
	Roles(eventID string) []string
}

// eventActions are what the events panel asks the window to do.
type eventActions struct {
	selectEvent    func(id string)
	setRole        func(eventID string, arg int, role string)
	removeArgument func(eventID string, arg int)
}

// eventsPanel lists the open document's events; the selected event shows
// its arguments, each with a role menu and a remove button.
type eventsPanel struct {
	widget.BaseWidget
	src    eventSource
	act    eventActions
	list   *widget.List
	detail *fyne.Container
	hint   *widget.Label
	events []corpus.Event
	quiet  bool // set while the list follows the text's selection
}

// newEventsPanel makes the panel of the session's events.
func newEventsPanel(src eventSource, act eventActions) *eventsPanel {
	p := &eventsPanel{src: src, act: act}
	p.list = widget.NewList(
		func() int { return len(p.events) },
		func() fyne.CanvasObject { return newEventRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.events) {
				ev := p.events[i]
				o.(*eventRow).update(fmt.Sprintf("%s (%d)", ev.Type, len(ev.Arguments)), p.src.Text(ev.Trigger))
			}
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if !p.quiet && i < len(p.events) {
			p.act.selectEvent(p.events[i].ID)
		}
	}
	p.hint = widget.NewLabel("")
	p.hint.Wrapping = fyne.TextWrapWord
	p.hint.Importance = widget.LowImportance
	p.detail = container.NewVBox()
	src.Subscribe(func(ev session.Event) {
		switch ev.(type) {
		case session.DocumentOpened, session.LayerChanged, session.SelectionChanged, session.ModeChanged:
			p.show()
		}
	})
	p.ExtendBaseWidget(p)
	return p
}

// show rebuilds the list and the selected event's arguments.
func (p *eventsPanel) show() {
	p.events = p.src.Layer().Events
	p.list.Refresh()
	p.quiet = true
	p.list.UnselectAll()
	p.detail.Objects = nil
	sel := p.src.Selected()
	setText(p.hint, lang.L("Select a trigger word and press E to add an event."))
	for i, ev := range p.events {
		if ev.ID != sel {
			continue
		}
		p.list.Select(i)
		setText(p.hint, lang.L("Click entities in the text to add them as arguments. Esc ends."))
		p.showArguments(ev)
	}
	p.quiet = false
	p.detail.Refresh()
}

// showArguments adds a row per argument of ev to the detail.
func (p *eventsPanel) showArguments(ev corpus.Event) {
	roles := p.src.Roles(ev.ID)
	l := p.src.Layer()
	for i, a := range ev.Arguments {
		ent, _ := l.Entity(a.Entity)
		evID, arg := ev.ID, i
		p.detail.Add(argumentRow(roles, a.Role, ent.Type, p.src.Text(ent.Span()),
			func(role string) {
				if role != "" && role != p.roleOf(evID, arg) {
					p.act.setRole(evID, arg, role)
				}
			},
			func() { p.act.removeArgument(evID, arg) }))
	}
}

// roleOf is the stored role of argument i of an event.
func (p *eventsPanel) roleOf(eventID string, i int) string {
	if ev, ok := p.src.Layer().Event(eventID); ok && i < len(ev.Arguments) {
		return ev.Arguments[i].Role
	}
	return ""
}

// argumentRow is one argument of the selected event: its role (a menu of
// the event type's roles), the entity's type and text, and a remove
// button.
func argumentRow(roles []string, role, typ, text string, onRole func(string), onRemove func()) fyne.CanvasObject {
	sel := widget.NewSelect(roles, nil)
	sel.SetSelected(role)
	sel.OnChanged = onRole // after SetSelected: showing the role is no change
	remove := widget.NewButton("✕", onRemove)
	return container.NewBorder(nil, nil, container.NewHBox(sel, widget.NewLabel(typ)), remove, arabicLabel(text))
}

// CreateRenderer implements fyne.Widget.
func (p *eventsPanel) CreateRenderer() fyne.WidgetRenderer {
	split := container.NewVSplit(p.list, container.NewVScroll(p.detail))
	split.SetOffset(0.35) // the selected event's arguments need the room
	return widget.NewSimpleRenderer(container.NewBorder(nil, p.hint, nil, nil, split))
}

// eventRow is one event in the list: its type with the number of
// arguments, then its trigger's text.
type eventRow struct {
	widget.BaseWidget
	typ, trigger *widget.Label
}

func newEventRow() *eventRow {
	r := &eventRow{typ: widget.NewLabel("Type.Subtype (0)"), trigger: arabicLabel("")}
	r.typ.TextStyle.Bold = true
	r.ExtendBaseWidget(r)
	return r
}

// update shows an event described as typ, triggered by text.
func (r *eventRow) update(typ, text string) {
	setText(r.typ, typ)
	setText(r.trigger, text)
}

// CreateRenderer implements fyne.Widget.
func (r *eventRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.typ, nil, r.trigger))
}
