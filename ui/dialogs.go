package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
)

// showEventTypes is the E key: a searchable list of event types; picking
// one makes the selection the trigger of a new event.
func (m *Window) showEventTypes() {
	if m.sess.Selection().Len() <= 0 {
		if _, ok := m.sess.Layer().Entity(m.sess.Selected()); !ok {
			m.report(errors.New("select the trigger word first (e.g. محادثات), then press E"))
			return
		}
	}
	types := m.sess.EventTypes("")
	shown := types
	var d dialog.Dialog
	list := widget.NewList(
		func() int { return len(shown) },
		func() fyne.CanvasObject { return widget.NewLabel("Transaction.Transfer-Ownership") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(shown[i].Name + "  (" + strings.Join(shown[i].Roles, ", ") + ")")
		},
	)
	pick := func(i int) {
		if i < 0 || i >= len(shown) {
			return
		}
		typ := shown[i].Name
		d.Hide()
		m.do(func() error { _, err := m.sess.AddEvent(typ); return err })
		m.win.Canvas().Focus(m.view)
	}
	list.OnSelected = func(i widget.ListItemID) { pick(i) }
	search := widget.NewEntry()
	search.SetPlaceHolder(lang.L("Search event types (e.g. meet, attack)…"))
	search.OnChanged = func(q string) {
		shown = m.sess.EventTypes(q)
		list.Refresh()
	}
	search.OnSubmitted = func(string) { pick(0) }
	content := container.NewBorder(search, nil, nil, nil, list)
	d = dialog.NewCustom(lang.L("Event type"), lang.L("Cancel"), content, m.win)
	d.Resize(fyne.NewSize(520, 460))
	d.Show()
	m.win.Canvas().Focus(search)
}

// askRole offers the roles of the event's type for an entity clicked
// while the event is selected.
func (m *Window) askRole(eventID, entityID string) {
	roles := m.sess.Roles(eventID)
	if len(roles) == 0 {
		m.report(fmt.Errorf("event %s has no roles in the schema", eventID))
		return
	}
	var d dialog.Dialog
	buttons := container.NewGridWithColumns(3)
	for _, r := range roles {
		role := r
		buttons.Add(widget.NewButton(role, func() {
			d.Hide()
			m.do(func() error { return m.sess.AddArgument(eventID, entityID, role) })
			m.win.Canvas().Focus(m.view)
		}))
	}
	ent, _ := m.sess.Layer().Entity(entityID)
	// The entity's Arabic text gets a label of its own: Fyne does not
	// reorder Arabic mixed with Latin in one string.
	what := container.NewHBox(widget.NewLabelWithStyle(ent.Type, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), arabicLabel(m.sess.Text(ent.Span())))
	d = dialog.NewCustom(lang.L("Role of the argument"), lang.L("Cancel"), container.NewVBox(what, buttons), m.win)
	d.Show()
}

// labelAll shows how many other occurrences there are, then labels them.
func (m *Window) labelAll(scope session.Scope) {
	occ, err := m.sess.FindOccurrences(scope)
	if err != nil {
		m.report(err)
		return
	}
	where := lang.L("in this document")
	if scope == session.WholeCorpus {
		where = fmt.Sprintf(lang.L("in %d documents"), len(occ.Spans))
	}
	if occ.Count == 0 {
		m.report(fmt.Errorf("no other unlabelled «%s» %s", occ.Text, where))
		return
	}
	msg := fmt.Sprintf(lang.L("Label %d more occurrences of «%s» as %s %s?"), occ.Count, occ.Text, occ.Type, where)
	dialog.ShowCustomConfirm(lang.L("Label every occurrence"), lang.L("Yes"), lang.L("No"), newBidiLabel(&m.labels, msg), func(ok bool) {
		if ok {
			m.do(func() error { _, err := m.sess.LabelAll(occ); return err })
		}
	}, m.win)
}

// menu is the window's main menu: everything is reachable with the mouse,
// and each item names its shortcut.
func (m *Window) menu() *fyne.MainMenu {
	item := func(label string, fn func()) *fyne.MenuItem { return fyne.NewMenuItem(lang.L(label), fn) }
	file := fyne.NewMenu(lang.L("File"),
		item("Import…", m.showImport),
		item("Export…", m.showExport),
		fyne.NewMenuItemSeparator(),
		item("Share my work…", m.showShareWork),
		item("Import colleagues' work…", m.showImportWork),
		fyne.NewMenuItemSeparator(),
		item("Settings", m.showSettings),
	)
	if m.opts.OpenStore != nil {
		file.Items = append([]*fyne.MenuItem{item("Open database…", m.showOpenStore), fyne.NewMenuItemSeparator()}, file.Items...)
	}
	edit := fyne.NewMenu(lang.L("Edit"),
		item("Undo (Ctrl+Z)", m.undo),
		item("Redo (Ctrl+Shift+Z)", m.redo),
		item("Delete (Del)", func() { m.do(m.sess.Delete) }),
		fyne.NewMenuItemSeparator(),
		item("Add event… (E)", m.showEventTypes),
		item("Label every occurrence in this document (Ctrl+L)", func() { m.labelAll(session.ThisDocument) }),
		item("Label every occurrence in the corpus (Ctrl+Shift+L)", func() { m.labelAll(session.WholeCorpus) }),
		item("Next suggestion (Tab)", m.nextSuggestion),
	)
	doc := fyne.NewMenu(lang.L("Document"),
		item("Mark done / not done (Ctrl+D)", func() { m.setDone(false) }),
		item("Mark done and open the next (Ctrl+Enter)", func() { m.setDone(true) }),
		item("Next document (Ctrl+PgDn)", func() { m.step(1) }),
		item("Previous document (Ctrl+PgUp)", func() { m.step(-1) }),
	)
	view := fyne.NewMenu(lang.L("View"),
		item("Zoom in (Ctrl+=)", func() { m.zoom(2) }),
		item("Zoom out (Ctrl+-)", func() { m.zoom(-2) }),
		item("Actual size (Ctrl+0)", func() { m.view.SetTextSize(0) }),
		item("Agreement…", m.showAgreement),
	)
	rev := fyne.NewMenu(lang.L("Review"),
		item("Review mode on / off (Ctrl+R)", m.toggleReview),
		fyne.NewMenuItemSeparator(),
		item("Accept the selected candidate (Enter or A)", m.acceptSelected),
		item("Dismiss the candidate, or remove from gold (Del)", func() { m.do(m.sess.Delete) }),
		item("Next disagreement (N or F8)", func() { m.stepDisagreement(1) }),
		item("Previous disagreement (Shift+N or Shift+F8)", func() { m.stepDisagreement(-1) }),
		fyne.NewMenuItemSeparator(),
		item("Accept what annotators agree on… (Ctrl+Shift+A)", m.showAcceptAgreed),
		item("Accept everything of one annotator…", m.showAcceptAllOf),
		item("Merge everything not in dispute (Ctrl+Shift+M)", m.mergeUndisputed),
	)
	help := fyne.NewMenu(lang.L("Help"), item("Keyboard shortcuts", m.showShortcuts))
	return fyne.NewMainMenu(file, edit, doc, rev, view, help)
}

func (m *Window) showShortcuts() {
	text := strings.Join([]string{
		"Drag over words: select (snaps to words; hold Alt for exact characters)",
		"Double-click: select a word · Arrows: move by word · Shift+arrows: extend",
		"1–9 or a type's key: label the selection / retype the selected entity",
		"/: filter entity types · Del or Backspace: delete the selected annotation",
		"Shift+←/→ on an entity: grow / shrink it by a word (Alt: the start edge)",
		"E: add an event on the selection; then click entities to add arguments; Esc ends",
		"Tab: next suggestion · Enter: accept · Backspace: dismiss",
		"Ctrl+L / Ctrl+Shift+L: label every occurrence in the document / corpus",
		"Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y: undo, redo (kept across restarts)",
		"Ctrl+D: done · Ctrl+Enter: done and next · Ctrl+PgDn / Ctrl+PgUp: next / previous",
		"Ctrl+= / Ctrl+- / Ctrl+0: zoom · Ctrl+F: filter documents · Ctrl+I / Ctrl+E: import / export",
		"",
		"Review (Ctrl+R switches): Enter or A: accept the selected candidate · Tab: next candidate",
		"Del or Backspace: dismiss a candidate / remove a gold item · N / Shift+N or F8 / Shift+F8: next / previous disagreement",
		"Ctrl+Shift+A: accept what at least K annotators agree on · Ctrl+Shift+M: merge everything not in dispute",
		"Type keys, E, Ctrl+Z / Ctrl+Y, Ctrl+D work on gold as in annotate mode",
	}, "\n")
	dialog.ShowInformation(lang.L("Keyboard shortcuts"), text, m.win)
}

func (m *Window) showOpenStore() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			m.report(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		st, err := m.opts.OpenStore(path)
		if err != nil {
			m.showError(err)
			return
		}
		m.showError(m.SwitchStore(st))
	}, m.win)
}

// SwitchStore makes the window work on another database.
func (m *Window) SwitchStore(st *corpus.Store) error {
	old := m.sess.Store()
	if err := m.sess.Restart(st, m.sess.Annotator()); err != nil {
		return err
	}
	if old != st {
		old.Close()
	}
	m.win.SetTitle("Tawsim — " + st.Path())
	return m.openIndex(0)
}
