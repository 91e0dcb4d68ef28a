package ui

import (
	"fmt"
	"image/color"
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
// status bar. It builds the panels on its session, lays them out, and
// turns menus, shortcuts and clicks into session calls; the panels follow
// the session's events themselves.
type Window struct {
	win  fyne.Window
	opts Options
	sess *session.Session

	view    *textview.View
	docs    *docList
	palette *palette
	events  *eventsPanel
	bar     *statusBar
	labels  labelEngine
	colours *annotatorColours // review: one colour per annotator
	review  *reviewPanel
	center  *fyne.Container
	welcome fyne.CanvasObject

	docIDs  []string // document order, for next and previous
	lastErr string
	now     func() time.Time
	tasks   sync.WaitGroup // imports and exports running in the background
}

// NewWindow builds the main window content on w for annotator working on
// store. It does not show the window.
func NewWindow(w fyne.Window, store *corpus.Store, annotator string, opts Options) (*Window, error) {
	sess, err := session.New(store, annotator)
	if err != nil {
		return nil, err
	}
	m := &Window{win: w, opts: opts, sess: sess, now: time.Now}
	m.build()
	if len(m.docIDs) > 0 {
		if err := m.openIndex(0); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Window) build() {
	m.view = textview.New("", textlayout.Auto)
	m.view.OnSelect = m.onSelect
	m.view.OnClickAnnotation = m.onClickAnnotation
	m.view.OnTypedRune = m.onRune
	m.view.OnTypedKey = m.onKey
	m.view.OnShiftArrow = m.onShiftArrow
	colour := func(typ string) color.Color { return typeColour(m.sess.Schema(), typ) }
	m.colours = newAnnotatorColours(m.sess)
	m.view.SetAnnotatorColor(m.colours.colour)
	newTextPanel(m.view, m.sess, colour)

	m.docs = newDocList(m.sess, m.openDoc)
	m.palette = newPalette(m.sess, colour, m.applyType)
	ents := newEntityList(m.sess, func(id string) { m.selectAnnotation(id, true) })
	m.events = newEventsPanel(m.sess, eventActions{
		selectEvent:    func(id string) { m.selectAnnotation(id, true) },
		setRole:        func(ev string, arg int, role string) { m.do(func() error { return m.sess.SetRole(ev, arg, role) }) },
		removeArgument: func(ev string, arg int) { m.do(func() error { return m.sess.RemoveArgument(ev, arg) }) },
	})
	m.bar = newStatusBar(m.sess, &m.labels)
	m.review = m.newReviewPanel()

	// In review mode the review panel takes the palette's place, and the
	// entity and event lists show gold's.
	entsHead, eventsHead := heading("Entities"), heading("Events")
	var side *container.Split
	tools := followMode(m.sess,
		container.NewBorder(heading("Entity types"), nil, nil, nil, m.palette),
		container.NewBorder(heading("Review"), nil, nil, nil, m.review),
		map[*widget.Label]string{entsHead: "Entities", eventsHead: "Events"},
		func(reviewing bool) {
			if side == nil {
				return
			}
			if reviewing {
				side.SetOffset(0.7) // the review panel needs the room
			} else {
				side.SetOffset(0.34)
			}
		})
	side = container.NewVSplit(
		tools,
		container.NewVSplit(
			container.NewBorder(entsHead, nil, nil, nil, ents),
			container.NewBorder(eventsHead, nil, nil, nil, m.events),
		),
	)
	side.SetOffset(0.34)
	m.welcome = m.buildWelcome()
	m.center = container.NewStack(m.view)
	docPane := container.NewBorder(heading("Documents"), nil, nil, nil, m.docs)

	// Right to left: the document list sits on the right of the article,
	// where an Arabic reader starts; the tools are on the left.
	bar := newModeBar(m.sess, modeActions{setReviewing: m.setReviewing, acceptAgreed: m.showAcceptAgreed,
		acceptAllOf: m.showAcceptAllOf, undisputed: m.mergeUndisputed})
	right := container.NewHSplit(container.NewBorder(bar, nil, nil, nil, m.center), docPane)
	right.SetOffset(0.78)
	main := container.NewHSplit(side, right)
	main.SetOffset(0.22)
	m.win.SetContent(container.NewBorder(nil, m.bar, nil, nil, main))
	m.win.SetMainMenu(m.menu())
	m.addShortcuts()

	m.showDocuments()
	m.sess.Subscribe(func(ev session.Event) {
		if _, ok := ev.(session.DocumentsChanged); ok {
			m.showDocuments()
		}
	})
}

// heading is a panel's bold title.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(lang.L(text), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
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

// showDocuments takes the session's document order for next and
// previous, and shows the welcome screen instead of the text while the
// corpus is empty.
func (m *Window) showDocuments() {
	docs := m.sess.Documents()
	m.docIDs = make([]string, len(docs))
	for i, d := range docs {
		m.docIDs[i] = d.Info.ID
	}
	if len(docs) == 0 {
		m.center.Objects = []fyne.CanvasObject{m.welcome}
	} else {
		m.center.Objects = []fyne.CanvasObject{m.view}
	}
	m.center.Refresh()
}

// reloadDocs reads the document list and this annotator's layer summaries
// again; the panels follow.
func (m *Window) reloadDocs() error { return m.sess.ReloadDocuments() }

// openIndex opens the i-th document of the list.
func (m *Window) openIndex(i int) error {
	if i < 0 || i >= len(m.docIDs) {
		return nil
	}
	if err := m.sess.Open(m.docIDs[i]); err != nil {
		return err
	}
	m.win.Canvas().Focus(m.view)
	return nil
}

// openDoc opens the document picked in the list, unless it is open.
func (m *Window) openDoc(id string) {
	if id != m.sess.Doc().ID {
		m.report(m.openIndex(m.sess.DocIndex(id)))
	}
}

// report shows an action's outcome: an error in the status bar, or the
// time of the last save.
func (m *Window) report(err error) {
	if err != nil {
		m.lastErr = err.Error()
		m.bar.showOutcome("⚠ "+err.Error(), widget.DangerImportance)
		return
	}
	m.lastErr = ""
	m.bar.showOutcome("✓ "+lang.L("Saved")+" "+m.now().Format("15:04:05"), widget.MediumImportance)
}

// setSaved shows a message where outcomes go (an import's summary).
func (m *Window) setSaved(text string) { m.bar.say(text) }

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
