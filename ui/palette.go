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
	"github.com/tawsim/tawsim/ui/session"
)

// paletteSource is what the palette reads from the session.
type paletteSource interface {
	publisher
	Schema() corpus.Schema
}

// palette lists the entity types with their colours and hotkeys; clicking
// one labels the selection. The filter box reaches the types past the
// nine with number keys (Wojood has 21). It follows the session's schema.
type palette struct {
	widget.BaseWidget
	src    paletteSource
	types  []corpus.EntityType
	shown  []corpus.EntityType
	colour func(string) color.Color
	filter *widget.Entry
	list   *widget.List
	onPick func(typ string)
}

// newPalette makes the palette of the session's schema; onPick labels
// with the type picked.
func newPalette(src paletteSource, colour func(string) color.Color, onPick func(typ string)) *palette {
	p := &palette{src: src, colour: colour, onPick: onPick}
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
		func() fyne.CanvasObject { return newPaletteRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := p.shown[i]
			o.(*paletteRow).update(t, p.colour(t.Name))
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.shown) {
			p.onPick(p.shown[i].Name)
		}
		p.list.UnselectAll()
	}
	p.showSchema()
	src.Subscribe(func(ev session.Event) {
		if _, ok := ev.(session.SchemaChanged); ok {
			p.showSchema()
		}
	})
	p.ExtendBaseWidget(p)
	return p
}

// showSchema shows the session's entity types.
func (p *palette) showSchema() {
	p.types = p.src.Schema().Entities
	p.applyFilter()
}

// focus puts the cursor in the filter box (the "/" key).
func (p *palette) focus(c fyne.Canvas) { c.Focus(p.filter) }

func (p *palette) applyFilter() {
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
func (p *palette) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(p.filter, nil, nil, nil, p.list))
}

// paletteRow is one entity type in the palette: its colour swatch, its
// hotkey and its name with the description.
type paletteRow struct {
	widget.BaseWidget
	swatch    *canvas.Rectangle
	key, name *widget.Label
}

func newPaletteRow() *paletteRow {
	r := &paletteRow{swatch: canvas.NewRectangle(color.Black), key: widget.NewLabel("9"), name: widget.NewLabel("TYPE")}
	r.swatch.SetMinSize(fyne.NewSize(14, 14))
	r.swatch.CornerRadius = 3
	r.key.TextStyle.Monospace = true
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// update shows type t in colour c.
func (r *paletteRow) update(t corpus.EntityType, c color.Color) {
	setText(r.name, t.Name+describe(t.Description))
	r.swatch.FillColor = c
	r.swatch.Refresh()
	key := t.Hotkey
	if key == "" {
		key = " "
	}
	setText(r.key, key)
}

// describe is the tail a type's description adds to its name.
func describe(d string) string {
	if d == "" {
		return ""
	}
	return "  · " + d
}

// CreateRenderer implements fyne.Widget.
func (r *paletteRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewHBox(container.NewCenter(r.swatch), r.key), nil, r.name))
}
