package ui

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/textlayout"
	"github.com/tawsim/tawsim/ui/session"
	"github.com/tawsim/tawsim/ui/textview"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// panelFixture is the panels on a session, in a window of their own: no
// Window is built, so whatever they show came from the session's events.
type panelFixture struct {
	t      *testing.T
	sess   *session.Session
	win    fyne.Window
	docs   *docList
	ents   *entityList
	events *eventsPanel
	bar    *statusBar
	pal    *palette
	view   *textview.View
}

func newPanelFixture(t *testing.T) *panelFixture {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tawsimtheme.Light())
	sess, err := session.New(newTestStore(t), "layla")
	if err != nil {
		t.Fatal(err)
	}
	f := &panelFixture{t: t, sess: sess}
	colour := func(typ string) color.Color { return typeColour(sess.Schema(), typ) }
	none := func(string) {}
	f.docs = newDocList(sess, none)
	f.ents = newEntityList(sess, none)
	f.events = newEventsPanel(sess, eventActions{selectEvent: none, setRole: func(string, int, string) {}, removeArgument: func(string, int) {}})
	f.bar = newStatusBar(sess, &labelEngine{})
	f.pal = newPalette(sess, colour, none)
	f.view = textview.New("", textlayout.Auto)
	newTextPanel(f.view, sess, colour)
	f.win = test.NewWindow(container.NewBorder(nil, f.bar, nil, nil,
		container.NewGridWithColumns(5, f.pal, f.ents, f.events, f.view, f.docs)))
	f.win.Resize(fyne.NewSize(1400, 600))
	t.Cleanup(f.win.Close)
	return f
}

// texts are the texts of the labels the panel shows on screen, in the
// order Fyne lays them out (a row's centre before its sides).
func texts(o fyne.CanvasObject) string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "|")
}

// selectText selects the first occurrence of text in the open document.
func (f *panelFixture) selectText(text string) {
	i := strings.Index(f.sess.Doc().Text, text)
	start := len([]rune(f.sess.Doc().Text[:i]))
	f.sess.Select(start, start+len([]rune(text)))
}

func (f *panelFixture) label(text, typ string) corpus.Entity {
	f.t.Helper()
	f.selectText(text)
	e, err := f.sess.ApplyType(typ)
	if err != nil {
		f.t.Fatal(err)
	}
	return e
}

func TestPanelsFollowTheSession(t *testing.T) {
	f := newPanelFixture(t)
	docs := f.sess.Documents()
	if got := texts(f.docs); !strings.Contains(got, docs[0].Info.Title) || !strings.Contains(got, docs[1].Info.Title) {
		t.Fatalf("the document list shows %q", got)
	}
	if err := f.sess.Open(docs[1].Info.ID); err != nil {
		t.Fatal(err)
	}
	if f.view.Text() != f.sess.Doc().Text {
		t.Fatal("the view does not show the opened document")
	}
	if got := f.bar.status.Text; !strings.Contains(got, "2 / 2") {
		t.Errorf("status bar after open: %q", got)
	}

	e := f.label("بوتين", "PERS")
	if got := texts(f.ents); !strings.Contains(got, "بوتين|PERS") {
		t.Errorf("the entity list shows %q", got)
	}
	if f.view.Selected() != e.ID {
		t.Errorf("the view selects %q, want %q", f.view.Selected(), e.ID)
	}
	if got := texts(f.docs); !strings.Contains(got, "● in progress · 1 entities · 0 events") {
		t.Errorf("the document's row shows %q", got)
	}
	if got := f.bar.status.Text; !strings.Contains(got, e.ID+" PERS") {
		t.Errorf("status bar after labelling: %q", got)
	}

	f.selectText("استقبل")
	ev, err := f.sess.AddEvent("Contact.Meet")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.sess.AddArgument(ev.ID, e.ID, "Entity"); err != nil {
		t.Fatal(err)
	}
	if got := texts(f.events); !strings.Contains(got, "استقبل|Contact.Meet (1)") {
		t.Errorf("the events panel shows %q", got)
	}
	if n := len(f.events.detail.Objects); n != 1 {
		t.Errorf("the events panel shows %d arguments of the selected event", n)
	}

	if err := f.sess.SetDone(true); err != nil {
		t.Fatal(err)
	}
	if got := f.bar.status.Text; !strings.Contains(got, "Done: 1") {
		t.Errorf("status bar after done: %q", got)
	}
	if _, err := f.sess.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := texts(f.docs); !strings.Contains(got, "● in progress") {
		t.Errorf("the document's row after undoing done: %q", got)
	}
}

func TestPaletteFollowsTheSchema(t *testing.T) {
	f := newPanelFixture(t)
	if got := texts(f.pal); !strings.Contains(got, "PERS") {
		t.Fatalf("the palette shows %q", got)
	}
	sc, _ := corpus.Preset("anercorp")
	st := f.sess.Store()
	if err := st.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	if err := f.sess.Restart(st, "layla"); err != nil {
		t.Fatal(err)
	}
	if len(f.pal.types) != 4 || !strings.Contains(texts(f.pal), "MISC") {
		t.Errorf("after the schema changed the palette shows %q", texts(f.pal))
	}
	if f.view.Text() != "" || len(f.ents.items) != 0 {
		t.Errorf("after Restart the view shows %d code points and the list %d entities", len([]rune(f.view.Text())), len(f.ents.items))
	}
}
