package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

func TestSettingsRenameCarriesAnnotations(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	e := h.label("بشار الأسد", 0, '1')
	sc := h.m.Session().Schema()
	for i := range sc.Entities {
		if sc.Entities[i].Name == "PERS" {
			sc.Entities[i].Name = "PERSON"
		}
	}
	if err := h.m.saveSettings("salma", sc, map[string]string{"PERS": "PERSON"}); err != nil {
		t.Fatal(err)
	}
	l, _ := h.store.Layer(h.m.Session().Doc().ID, "layla")
	if got, _ := l.Entity(e.ID); got.Type != "PERSON" {
		t.Fatalf("the entity is %q after the rename", got.Type)
	}
	if h.m.Session().Annotator() != "salma" {
		t.Errorf("annotator %q after the name change", h.m.Session().Annotator())
	}
	if typ, ok := h.m.Session().TypeForKey("1"); !ok || typ != "PERSON" {
		t.Errorf("hotkey 1 is %q", typ)
	}
}

func TestAskAnnotatorOnFirstStart(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	prefs := a.Preferences()
	var got string
	AskAnnotator(w, prefs, func(name string) { got = name })
	if got != "" {
		t.Fatal("asked nothing but started")
	}
	entry := w.Canvas().Focused()
	test.Type(entry, "ليلى")
	h := &harness{t: t, win: w}
	h.tapButton("Start")
	if got != "ليلى" || prefs.String(PrefAnnotator) != "ليلى" {
		t.Fatalf("started as %q, preference %q", got, prefs.String(PrefAnnotator))
	}
	// The second start asks nothing.
	got = ""
	AskAnnotator(w, prefs, func(name string) { got = name })
	if got != "ليلى" {
		t.Errorf("second start: %q", got)
	}
}
