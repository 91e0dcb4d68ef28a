package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
)

// showSettings edits the annotator name and the schema. Renaming a type
// carries its annotations along; removing one in use asks first, with
// the count. Nothing is stored before Save.
func (m *Window) showSettings() {
	ed := newSchemaEdit(m.sess.Schema())
	name := widget.NewEntry()
	name.SetText(m.sess.Annotator())
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Entity types"), m.entityTypesTab(ed)),
		container.NewTabItem(lang.L("Event types"), m.eventTypesTab(ed)),
	)
	content := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel(lang.L("Annotator")), nil, name), nil, nil, nil, tabs)
	d := dialog.NewCustomConfirm(lang.L("Settings"), lang.L("Save"), lang.L("Cancel"), content, func(ok bool) {
		if ok {
			m.showError(m.saveSettings(strings.TrimSpace(name.Text), ed.schema, ed.renamed))
		}
	}, m.win)
	d.Resize(fyne.NewSize(640, 560))
	d.Show()
}

// entityTypesTab lists the entity types with a preset menu above them.
func (m *Window) entityTypesTab(ed *schemaEdit) fyne.CanvasObject {
	var tl *typeList
	tl = newTypeList("TYPE #rrggbb 9", func() int { return len(ed.schema.Entities) },
		func(i int) string { return entityTypeLine(ed.schema.Entities[i]) },
		func(i int) {
			t := corpus.EntityType{Colour: "#9fd3f5"} // a new type's colour
			if i >= 0 {
				t = ed.schema.Entities[i]
			}
			entityTypeForm(t, m.win, func(t corpus.EntityType) { ed.setEntity(i, t); tl.list.Refresh() })
		},
		func(i int) {
			name := ed.schema.Entities[i].Name
			ents, _, err := m.sess.Store().TypeUsage(ed.origin(name))
			if err != nil {
				m.showError(err)
				return
			}
			m.confirmRemoval(name, ents, func() { ed.removeEntity(i); tl.removed() })
		})
	presets := widget.NewSelect(corpus.Presets(), func(p string) {
		changed, err := ed.applyPreset(p)
		if err != nil {
			m.showError(err)
		} else if changed {
			tl.list.Refresh()
		}
	})
	presets.SetSelected(ed.schema.Preset)
	return container.NewBorder(container.NewHBox(widget.NewLabel(lang.L("Preset")), presets), tl.buttons, nil, nil, tl.list)
}

// eventTypesTab lists the event types with their roles.
func (m *Window) eventTypesTab(ed *schemaEdit) fyne.CanvasObject {
	var tl *typeList
	tl = newTypeList("Type.Subtype: roles", func() int { return len(ed.schema.Events) },
		func(i int) string { return eventTypeLine(ed.schema.Events[i]) },
		func(i int) {
			var t corpus.EventType
			if i >= 0 {
				t = ed.schema.Events[i]
			}
			eventTypeForm(t, m.win, func(t corpus.EventType) { ed.setEvent(i, t); tl.list.Refresh() })
		},
		func(i int) {
			name := ed.schema.Events[i].Name
			_, evs, err := m.sess.Store().TypeUsage(ed.origin(name))
			if err != nil {
				m.showError(err)
				return
			}
			m.confirmRemoval(name, evs, func() { ed.removeEvent(i); tl.removed() })
		})
	return container.NewBorder(nil, tl.buttons, nil, nil, tl.list)
}

func entityTypeLine(t corpus.EntityType) string {
	key := t.Hotkey
	if key == "" {
		key = "–"
	}
	return fmt.Sprintf("%s   %s   %s   %s", t.Name, t.Colour, key, t.Description)
}

func eventTypeLine(t corpus.EventType) string { return t.Name + ": " + strings.Join(t.Roles, ", ") }

// typeList is a settings tab's list of types with Add, Edit and Remove
// buttons below it; Edit and Remove act on the selected row.
type typeList struct {
	list    *widget.List
	buttons *fyne.Container
	sel     int // the selected row; -1 for none
}

// newTypeList lists count() types, row i reading line(i) (template sizes
// the rows); edit(-1) adds a type.
func newTypeList(template string, count func() int, line func(i int) string, edit, remove func(i int)) *typeList {
	tl := &typeList{sel: -1}
	tl.list = widget.NewList(count,
		func() fyne.CanvasObject { return widget.NewLabel(template) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(line(i)) })
	tl.list.OnSelected = func(i widget.ListItemID) { tl.sel = i }
	onSelected := func(act func(int)) func() {
		return func() {
			if tl.sel >= 0 {
				act(tl.sel)
			}
		}
	}
	tl.buttons = container.NewHBox(
		widget.NewButton(lang.L("Add"), func() { edit(-1) }),
		widget.NewButton(lang.L("Edit"), onSelected(edit)),
		widget.NewButton(lang.L("Remove"), onSelected(remove)),
	)
	return tl
}

// removed redraws the list after the selected row went away.
func (tl *typeList) removed() {
	tl.list.UnselectAll()
	tl.list.Refresh()
	tl.sel = -1
}

// entityTypeForm asks for an entity type's name, colour, hotkey and
// description, starting from t, and calls done with the result on OK.
func entityTypeForm(t corpus.EntityType, win fyne.Window, done func(corpus.EntityType)) {
	n, c, k, d := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	n.SetText(t.Name)
	c.SetText(t.Colour)
	k.SetText(t.Hotkey)
	d.SetText(t.Description)
	dialog.ShowForm(lang.L("Entity type"), lang.L("OK"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), n), widget.NewFormItem(lang.L("Colour"), c),
		widget.NewFormItem(lang.L("Hotkey"), k), widget.NewFormItem(lang.L("Description"), d),
	}, func(ok bool) {
		if ok {
			done(corpus.EntityType{Name: strings.TrimSpace(n.Text), Colour: strings.TrimSpace(c.Text), Hotkey: strings.TrimSpace(k.Text), Description: d.Text})
		}
	}, win)
}

// eventTypeForm asks for an event type's name and its comma-separated
// roles, starting from t, and calls done with the result on OK.
func eventTypeForm(t corpus.EventType, win fyne.Window, done func(corpus.EventType)) {
	n, r := widget.NewEntry(), widget.NewEntry()
	n.SetText(t.Name)
	r.SetText(strings.Join(t.Roles, ", "))
	dialog.ShowForm(lang.L("Event type"), lang.L("OK"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), n), widget.NewFormItem(lang.L("Roles"), r),
	}, func(ok bool) {
		if ok {
			done(corpus.EventType{Name: strings.TrimSpace(n.Text), Roles: splitRoles(r.Text)})
		}
	}, win)
}

// splitRoles reads "Agent, Place" as its roles, dropping empty ones.
func splitRoles(s string) []string {
	var roles []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			roles = append(roles, x)
		}
	}
	return roles
}

// confirmRemoval calls remove at once when no annotation uses the type,
// and asks first, with the count, when uses of them would be deleted.
func (m *Window) confirmRemoval(typeName string, uses int, remove func()) {
	if uses == 0 {
		remove()
		return
	}
	dialog.ShowConfirm(lang.L("Remove a type in use"),
		fmt.Sprintf(lang.L("%s is used by %d annotations in this corpus. Saving the settings will delete them. Remove it?"), typeName, uses),
		func(ok bool) {
			if ok {
				remove()
			}
		}, m.win)
}

// saveSettings saves the edited schema through the store (carrying
// annotations through renames) and the annotator's name, then begins
// again on the same document.
func (m *Window) saveSettings(annotator string, sc corpus.Schema, renamed map[string]string) error {
	if _, _, err := m.sess.Store().UpdateSchema(sc, renames(renamed)); err != nil {
		return err
	}
	return m.restart(m.rememberAnnotator(annotator))
}

// rememberAnnotator keeps a new annotator's name in the preferences; it
// returns the name to work as (the current one when name is empty).
func (m *Window) rememberAnnotator(name string) string {
	if name == "" || name == m.sess.Annotator() {
		return m.sess.Annotator()
	}
	if m.opts.Prefs != nil {
		m.opts.Prefs.SetString(PrefAnnotator, name)
	}
	return name
}

// restart begins a new session (after a schema or name change) on the
// same document.
func (m *Window) restart(annotator string) error {
	cur := max(m.sess.Position(), 0)
	if err := m.sess.Restart(m.sess.Store(), annotator); err != nil {
		return err
	}
	return m.openIndex(cur)
}
