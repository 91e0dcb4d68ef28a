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

// PrefAnnotator is the preference key of the annotator's name.
const PrefAnnotator = "annotator"

// AskAnnotator asks for the annotator's name when the preferences have
// none (the first start), stores it, and calls then with it.
func AskAnnotator(w fyne.Window, prefs fyne.Preferences, then func(name string)) {
	if name := strings.TrimSpace(prefs.String(PrefAnnotator)); name != "" {
		then(name)
		return
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder(lang.L("e.g. layla"))
	entry.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" || strings.ContainsAny(s, "/\n") {
			return fmt.Errorf("%s", lang.L("a name without '/'"))
		}
		return nil
	}
	d := dialog.NewForm(lang.L("Welcome to Tawsim"), lang.L("Start"), lang.L("Quit"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Your name"), entry)}, func(ok bool) {
			if !ok {
				w.Close()
				return
			}
			name := strings.TrimSpace(entry.Text)
			prefs.SetString(PrefAnnotator, name)
			then(name)
		}, w)
	d.Resize(fyne.NewSize(420, 180))
	d.Show()
	w.Canvas().Focus(entry)
}

// showSettings edits the annotator name and the schema. Renaming a type
// carries its annotations along; removing one in use asks first, with
// the count.
func (m *Window) showSettings() {
	st := m.sess.Store()
	sc := m.sess.Schema()
	work := sc.Clone()
	renamed := map[string]string{} // original name → current name

	name := widget.NewEntry()
	name.SetText(m.sess.Annotator())

	var entList *widget.List
	entList = widget.NewList(
		func() int { return len(work.Entities) },
		func() fyne.CanvasObject { return widget.NewLabel("TYPE #rrggbb 9") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := work.Entities[i]
			key := t.Hotkey
			if key == "" {
				key = "–"
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s   %s   %s   %s", t.Name, t.Colour, key, t.Description))
		},
	)
	var evList *widget.List
	evList = widget.NewList(
		func() int { return len(work.Events) },
		func() fyne.CanvasObject { return widget.NewLabel("Type.Subtype: roles") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := work.Events[i]
			o.(*widget.Label).SetText(t.Name + ": " + strings.Join(t.Roles, ", "))
		},
	)
	origin := func(cur string) string {
		for o, c := range renamed {
			if c == cur {
				return o
			}
		}
		return cur
	}
	editEntity := func(i int) {
		var t corpus.EntityType
		if i >= 0 {
			t = work.Entities[i]
		} else {
			t = corpus.EntityType{Colour: "#9fd3f5"}
		}
		n, c, k, d := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		n.SetText(t.Name)
		c.SetText(t.Colour)
		k.SetText(t.Hotkey)
		d.SetText(t.Description)
		dialog.ShowForm(lang.L("Entity type"), lang.L("OK"), lang.L("Cancel"), []*widget.FormItem{
			widget.NewFormItem(lang.L("Name"), n), widget.NewFormItem(lang.L("Colour"), c),
			widget.NewFormItem(lang.L("Hotkey"), k), widget.NewFormItem(lang.L("Description"), d),
		}, func(ok bool) {
			if !ok {
				return
			}
			nt := corpus.EntityType{Name: strings.TrimSpace(n.Text), Colour: strings.TrimSpace(c.Text), Hotkey: strings.TrimSpace(k.Text), Description: d.Text}
			if i >= 0 {
				if old := work.Entities[i].Name; old != nt.Name {
					renamed[origin(old)] = nt.Name
				}
				work.Entities[i] = nt
			} else {
				work.Entities = append(work.Entities, nt)
			}
			entList.Refresh()
		}, m.win)
	}
	editEvent := func(i int) {
		var t corpus.EventType
		if i >= 0 {
			t = work.Events[i]
		}
		n, r := widget.NewEntry(), widget.NewEntry()
		n.SetText(t.Name)
		r.SetText(strings.Join(t.Roles, ", "))
		dialog.ShowForm(lang.L("Event type"), lang.L("OK"), lang.L("Cancel"), []*widget.FormItem{
			widget.NewFormItem(lang.L("Name"), n), widget.NewFormItem(lang.L("Roles"), r),
		}, func(ok bool) {
			if !ok {
				return
			}
			var roles []string
			for _, x := range strings.Split(r.Text, ",") {
				if x = strings.TrimSpace(x); x != "" {
					roles = append(roles, x)
				}
			}
			nt := corpus.EventType{Name: strings.TrimSpace(n.Text), Roles: roles}
			if i >= 0 {
				if old := work.Events[i].Name; old != nt.Name {
					renamed[origin(old)] = nt.Name
				}
				work.Events[i] = nt
			} else {
				work.Events = append(work.Events, nt)
			}
			evList.Refresh()
		}, m.win)
	}
	var entSel, evSel = -1, -1
	entList.OnSelected = func(i widget.ListItemID) { entSel = i }
	evList.OnSelected = func(i widget.ListItemID) { evSel = i }
	remove := func(kind string) {
		i := entSel
		if kind == "event" {
			i = evSel
		}
		if i < 0 {
			return
		}
		var typeName string
		if kind == "entity" {
			typeName = work.Entities[i].Name
		} else {
			typeName = work.Events[i].Name
		}
		ents, evs, err := st.TypeUsage(origin(typeName))
		if err != nil {
			m.showError(err)
			return
		}
		n := ents
		if kind == "event" {
			n = evs
		}
		drop := func() {
			if kind == "entity" {
				work.Entities = append(work.Entities[:i], work.Entities[i+1:]...)
				entList.UnselectAll()
				entList.Refresh()
				entSel = -1
			} else {
				work.Events = append(work.Events[:i], work.Events[i+1:]...)
				evList.UnselectAll()
				evList.Refresh()
				evSel = -1
			}
		}
		if n == 0 {
			drop()
			return
		}
		dialog.ShowConfirm(lang.L("Remove a type in use"),
			fmt.Sprintf(lang.L("%s is used by %d annotations in this corpus. Saving the settings will delete them. Remove it?"), typeName, n),
			func(ok bool) {
				if ok {
					drop()
				}
			}, m.win)
	}
	presets := widget.NewSelect(corpus.Presets(), func(p string) {
		if p == "" || p == work.Preset {
			return
		}
		ps, err := corpus.Preset(p)
		if err != nil {
			m.showError(err)
			return
		}
		work.Preset, work.Entities = ps.Preset, ps.Entities
		entList.Refresh()
	})
	presets.SetSelected(work.Preset)

	entButtons := container.NewHBox(
		widget.NewButton(lang.L("Add"), func() { editEntity(-1) }),
		widget.NewButton(lang.L("Edit"), func() {
			if entSel >= 0 {
				editEntity(entSel)
			}
		}),
		widget.NewButton(lang.L("Remove"), func() { remove("entity") }),
	)
	evButtons := container.NewHBox(
		widget.NewButton(lang.L("Add"), func() { editEvent(-1) }),
		widget.NewButton(lang.L("Edit"), func() {
			if evSel >= 0 {
				editEvent(evSel)
			}
		}),
		widget.NewButton(lang.L("Remove"), func() { remove("event") }),
	)
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Entity types"), container.NewBorder(container.NewHBox(widget.NewLabel(lang.L("Preset")), presets), entButtons, nil, nil, entList)),
		container.NewTabItem(lang.L("Event types"), container.NewBorder(nil, evButtons, nil, nil, evList)),
	)
	content := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel(lang.L("Annotator")), nil, name), nil, nil, nil, tabs)
	d := dialog.NewCustomConfirm(lang.L("Settings"), lang.L("Save"), lang.L("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		m.showError(m.saveSettings(strings.TrimSpace(name.Text), work, renamed))
	}, m.win)
	d.Resize(fyne.NewSize(640, 560))
	d.Show()
}

// saveSettings applies the edited schema (carrying annotations through
// renames) and the annotator name.
func (m *Window) saveSettings(annotator string, sc corpus.Schema, renamed map[string]string) error {
	st := m.sess.Store()
	for o, n := range renamed {
		if o == n {
			delete(renamed, o)
		}
	}
	if _, _, err := st.UpdateSchema(sc, renamed); err != nil {
		return err
	}
	if annotator != "" && annotator != m.sess.Annotator() {
		if m.opts.Prefs != nil {
			m.opts.Prefs.SetString(PrefAnnotator, annotator)
		}
	} else {
		annotator = m.sess.Annotator()
	}
	return m.restart(annotator)
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
