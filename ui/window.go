package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/textlayout"
	"github.com/tawsim/tawsim/ui/session"
	"github.com/tawsim/tawsim/ui/textview"
)

// Options are what the window needs from outside: they are passed in, not
// read from globals, so tests build a window on a temporary store.
type Options struct {
	// Samples returns the bundled sample articles an empty corpus offers.
	Samples func() ([]corpus.ImportItem, error)
	// OpenStore opens another database (File → Open); nil hides the item.
	OpenStore func(path string) (*corpus.Store, error)
	// Prefs keeps the annotator's name when settings change it.
	Prefs fyne.Preferences
}

// Window is the main annotation window: document list on the right (the
// reading side), the article in the middle, the panels on the left, and a
// status bar.
type Window struct {
	win  fyne.Window
	opts Options
	sess *session.Session

	docs    *DocList
	view    *textview.View
	palette *Palette
	ents    *EntityList
	events  *EventsPanel
	status  *widget.Label
	saved   *BidiLabel // the last action's outcome; may quote Arabic text
	labels  labelEngine
	bar     *fyne.Container // status and saved: re-laid out when "saved" changes width
	center  *fyne.Container
	welcome fyne.CanvasObject

	docIDs    []string // document order, for n of m and next/previous
	rows      map[string]*DocRow
	current   int // index into docIDs, -1 when none is open
	suggested []session.Suggestion
	cur       int // the current suggestion, -1 for none
	lastErr   string
	now       func() time.Time
	tasks     sync.WaitGroup // imports and exports running in the background
}

// NewWindow builds the main window content on w for annotator working on
// store. It does not show the window.
func NewWindow(w fyne.Window, store *corpus.Store, annotator string, opts Options) (*Window, error) {
	sess, err := session.New(store, annotator)
	if err != nil {
		return nil, err
	}
	m := &Window{win: w, opts: opts, sess: sess, current: -1, cur: -1, rows: map[string]*DocRow{}, now: time.Now}
	m.build()
	if err := m.reloadDocs(); err != nil {
		return nil, err
	}
	if len(m.docIDs) > 0 {
		if err := m.openIndex(0); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Window) build() {
	m.view = textview.New("", textlayout.Auto)
	m.view.SetTypeColor(m.typeColor)
	m.view.OnSelect = m.onSelect
	m.view.OnClickAnnotation = m.onClickAnnotation
	m.view.OnTypedRune = m.onRune
	m.view.OnTypedKey = m.onKey
	m.view.OnShiftArrow = m.onShiftArrow

	m.docs = NewDocList()
	m.docs.OnSelected = func(id string) {
		for i, d := range m.docIDs {
			if d == id && i != m.current {
				m.report(m.openIndex(i))
			}
		}
	}
	m.palette = NewPalette(m.sess.Schema(), m.typeColor, func(typ string) { m.applyType(typ) })
	m.ents = NewEntityList(func(id string) { m.selectAnnotation(id, true) })
	m.events = NewEventsPanel(m)

	m.status = widget.NewLabel("")
	m.saved = newBidiLabel(&m.labels, "")
	m.bar = container.NewBorder(nil, nil, nil, m.saved, m.status)
	bar := m.bar

	side := container.NewVSplit(
		container.NewBorder(widget.NewLabelWithStyle(lang.L("Entity types"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, m.palette),
		container.NewVSplit(
			container.NewBorder(widget.NewLabelWithStyle(lang.L("Entities"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, m.ents),
			container.NewBorder(widget.NewLabelWithStyle(lang.L("Events"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, m.events),
		),
	)
	side.SetOffset(0.34)
	m.welcome = m.buildWelcome()
	m.center = container.NewStack(m.view)
	docPane := container.NewBorder(widget.NewLabelWithStyle(lang.L("Documents"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, m.docs)

	// Right to left: the document list sits on the right of the article,
	// where an Arabic reader starts; the tools are on the left.
	right := container.NewHSplit(m.center, docPane)
	right.SetOffset(0.78)
	main := container.NewHSplit(side, right)
	main.SetOffset(0.22)
	m.win.SetContent(container.NewBorder(nil, bar, nil, nil, main))
	m.win.SetMainMenu(m.menu())
	m.addShortcuts()
}

func (m *Window) buildWelcome() fyne.CanvasObject {
	msg := widget.NewLabel(lang.L("This corpus is empty. Start with the sample Arabic news articles, or import your own."))
	msg.Wrapping = fyne.TextWrapWord
	samples := widget.NewButton(lang.L("Load sample articles"), func() { m.report(m.loadSamples()) })
	imp := widget.NewButton(lang.L("Import…"), m.showImport)
	return container.NewCenter(container.NewVBox(msg, container.NewHBox(samples, imp)))
}

func (m *Window) loadSamples() error {
	if m.opts.Samples == nil {
		return fmt.Errorf("no sample articles are bundled with this build")
	}
	items, err := m.opts.Samples()
	if err != nil {
		return err
	}
	if _, err := m.sess.Store().Import(items); err != nil {
		return err
	}
	if err := m.reloadDocs(); err != nil {
		return err
	}
	return m.openIndex(0)
}

// typeColor is the schema's colour for a type, or the view's default.
func (m *Window) typeColor(typ string) color.Color {
	sc := m.sess.Schema()
	if t, ok := sc.EntityType(typ); ok {
		if c, ok := parseHex(t.Colour); ok {
			return c
		}
	}
	return textview.DefaultTypeColor(typ)
}

func parseHex(s string) (color.NRGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

// reloadDocs reads the document list and this annotator's layer summaries.
func (m *Window) reloadDocs() error {
	store := m.sess.Store()
	docs, err := store.Documents()
	if err != nil {
		return err
	}
	sums, err := store.Summaries(m.sess.Annotator())
	if err != nil {
		return err
	}
	by := make(map[string]corpus.LayerSummary, len(sums))
	for _, s := range sums {
		by[s.Doc] = s
	}
	rows := make([]DocRow, len(docs))
	m.docIDs = make([]string, len(docs))
	m.rows = make(map[string]*DocRow, len(docs))
	for i, d := range docs {
		s, ok := by[d.ID]
		st := corpus.StatusNew
		if ok {
			st = s.Status
		}
		rows[i] = DocRow{Info: d, Status: st, Entities: s.Entities, Events: s.Events}
		m.docIDs[i] = d.ID
	}
	m.docs.SetRows(rows)
	for i := range m.docs.all {
		m.rows[m.docs.all[i].Info.ID] = &m.docs.all[i]
	}
	if len(docs) == 0 {
		m.center.Objects = []fyne.CanvasObject{m.welcome}
	} else {
		m.center.Objects = []fyne.CanvasObject{m.view}
	}
	m.center.Refresh()
	m.updateStatus()
	return nil
}

// openIndex opens the i-th document of the list.
func (m *Window) openIndex(i int) error {
	if i < 0 || i >= len(m.docIDs) {
		return nil
	}
	id := m.docIDs[i]
	if err := m.sess.Open(id); err != nil {
		return err
	}
	m.current = i
	m.view.SetDocument(m.sess.Index(), m.sess.Tokens(), textlayout.Auto)
	m.cur = -1
	m.refreshAnnotations()
	m.docs.Select(id)
	m.win.Canvas().Focus(m.view)
	return nil
}

// refreshAnnotations redraws everything that shows the layer: highlights,
// panels, the document's row and the status bar. It never lays the text
// out again.
func (m *Window) refreshAnnotations() {
	l := m.sess.Layer()
	ents := make([]textview.Annotation, len(l.Entities))
	for i, e := range l.Entities {
		ents[i] = textview.Annotation{ID: e.ID, Start: e.Start, End: e.End, Type: e.Type}
	}
	trigs := make([]textview.Annotation, len(l.Events))
	for i, e := range l.Events {
		trigs[i] = textview.Annotation{ID: e.ID, Start: e.Trigger.Start, End: e.Trigger.End, Type: shortEventType(e.Type)}
	}
	m.suggested = m.sess.Suggestions()
	sugs := make([]textview.Annotation, len(m.suggested))
	for i, s := range m.suggested {
		sugs[i] = textview.Annotation{ID: suggestionID(i), Start: s.Start, End: s.End, Type: s.Type}
	}
	if m.cur >= len(m.suggested) {
		m.cur = -1
	}
	m.view.SetEntities(ents)
	m.view.SetTriggers(trigs)
	m.view.SetSuggestions(sugs)
	m.ents.Set(m.sess)
	if r := m.rows[m.sess.Doc().ID]; r != nil {
		r.Status, r.Entities, r.Events = l.Status, len(l.Entities), len(l.Events)
		m.docs.list.Refresh()
	}
	m.refreshSelection()
}

// linked maps the arguments of the selected event to their roles, so the
// text shows which entities the event ties together.
func (m *Window) linked() map[string]string {
	ev, ok := m.sess.Layer().Event(m.sess.Selected())
	if !ok {
		return nil
	}
	out := make(map[string]string, len(ev.Arguments))
	for _, a := range ev.Arguments {
		if r, ok := out[a.Entity]; ok {
			out[a.Entity] = r + "+" + a.Role
		} else {
			out[a.Entity] = a.Role
		}
	}
	return out
}

func suggestionID(i int) string { return "S" + strconv.Itoa(i) }

// shortEventType drops the ACE type before the dot for the small label.
func shortEventType(t string) string {
	for i := len(t) - 1; i >= 0; i-- {
		if t[i] == '.' {
			return t[i+1:]
		}
	}
	return t
}

func (m *Window) updateStatus() {
	done := 0
	for _, r := range m.docs.all {
		if r.Status == corpus.StatusDone {
			done++
		}
	}
	pos := "–"
	if m.current >= 0 {
		pos = fmt.Sprintf("%d / %d", m.current+1, len(m.docIDs))
	}
	text := fmt.Sprintf("%s: %s   ·   %s %s   ·   %s: %d", lang.L("Annotator"), m.sess.Annotator(), lang.L("Document"), pos, lang.L("Done"), done)
	if d := m.sess.Selected(); d != "" {
		text += "   ·   " + m.sess.Describe(d)
	} else if sel := m.sess.Selection(); sel.Len() > 0 {
		text += fmt.Sprintf("   ·   %s [%d, %d)", lang.L("selection"), sel.Start, sel.End)
	}
	setText(m.status, text)
}

// report shows an action's outcome: an error in the status bar and a
// dialog, or the time of the last save.
func (m *Window) report(err error) {
	if err != nil {
		m.lastErr = err.Error()
		m.saved.Importance = widget.DangerImportance
		m.setSaved("⚠ " + err.Error())
		return
	}
	m.lastErr = ""
	m.saved.Importance = widget.MediumImportance
	m.setSaved("✓ " + lang.L("Saved") + " " + m.now().Format("15:04:05"))
}

func (m *Window) setSaved(text string) {
	m.saved.SetText(text)
	m.saved.Refresh()
	m.bar.Refresh()
}

// showError reports err and shows it in a dialog. The message may quote
// Arabic (a file name, an entity's text), so it is a BidiLabel, not the
// plain label of dialog.ShowError.
func (m *Window) showError(err error) {
	if err != nil {
		m.report(err)
		msg := newBidiLabel(&m.labels, err.Error())
		dialog.ShowCustom(lang.L("Error"), lang.L("OK"), msg, m.win)
	}
}
