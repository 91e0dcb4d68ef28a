package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
)

// Palette lists the entity types with their colours and hotkeys; clicking
// one labels the selection. The filter box reaches the types past the
// nine with number keys (Wojood has 21).
type Palette struct {
	widget.BaseWidget
	types  []corpus.EntityType
	shown  []corpus.EntityType
	colour func(string) color.Color
	filter *widget.Entry
	list   *widget.List
	onPick func(typ string)
}

// NewPalette makes the palette for a schema.
func NewPalette(sc corpus.Schema, colour func(string) color.Color, onPick func(string)) *Palette {
	p := &Palette{colour: colour, onPick: onPick}
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder(lang.L("Type to filter…"))
	p.filter.OnChanged = func(string) { p.applyFilter() }
	p.filter.OnSubmitted = func(string) {
		if len(p.shown) > 0 {
			p.onPick(p.shown[0].Name)
			p.filter.SetText("")
		}
	}
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(color.Black)
			sw.SetMinSize(fyne.NewSize(14, 14))
			sw.CornerRadius = 3
			key := widget.NewLabel("9")
			key.TextStyle.Monospace = true
			name := widget.NewLabel("TYPE")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewHBox(container.NewCenter(sw), key), nil, name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := p.shown[i]
			c := o.(*fyne.Container)
			setText(c.Objects[0].(*widget.Label), t.Name+describe(t.Description))
			left := c.Objects[1].(*fyne.Container)
			sw := left.Objects[0].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			sw.FillColor = p.colour(t.Name)
			sw.Refresh()
			key := t.Hotkey
			if key == "" {
				key = " "
			}
			setText(left.Objects[1].(*widget.Label), key)
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.shown) {
			p.onPick(p.shown[i].Name)
		}
		p.list.UnselectAll()
	}
	p.SetSchema(sc)
	p.ExtendBaseWidget(p)
	return p
}

func describe(d string) string {
	if d == "" {
		return ""
	}
	return "  · " + d
}

// SetSchema shows another schema's types.
func (p *Palette) SetSchema(sc corpus.Schema) {
	p.types = sc.Entities
	p.applyFilter()
}

// Focus puts the cursor in the filter box (the "/" key).
func (p *Palette) Focus(c fyne.Canvas) { c.Focus(p.filter) }

func (p *Palette) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	p.shown = p.shown[:0]
	for _, t := range p.types {
		if q == "" || strings.Contains(strings.ToLower(t.Name), q) || strings.Contains(strings.ToLower(t.Description), q) {
			p.shown = append(p.shown, t)
		}
	}
	p.list.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (p *Palette) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(p.filter, nil, nil, nil, p.list))
}
