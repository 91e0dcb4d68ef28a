package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"

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

func TestSchemaEditTracksRenames(t *testing.T) {
	sc, _ := corpus.Preset("wojood")
	ed := newSchemaEdit(sc)
	i := slices.IndexFunc(ed.schema.Entities, func(t corpus.EntityType) bool { return t.Name == "PERS" })
	rename := func(name string) {
		t := ed.schema.Entities[i]
		t.Name = name
		ed.setEntity(i, t)
	}
	rename("PERSON")
	rename("PEOPLE")
	if got := renames(ed.renamed); len(got) != 1 || got["PERS"] != "PEOPLE" || ed.origin("PEOPLE") != "PERS" {
		t.Fatalf("renames %v, origin of PEOPLE %q", got, ed.origin("PEOPLE"))
	}
	rename("PERS") // back where it started: nothing to carry
	if got := renames(ed.renamed); len(got) != 0 {
		t.Errorf("renames after renaming back: %v", got)
	}
	if sc.Entities[i].Name != "PERS" {
		t.Error("editing changed the session's schema")
	}
	ed.setEvent(-1, corpus.EventType{Name: "Life.Wed", Roles: []string{"Person"}})
	if last := ed.schema.Events[len(ed.schema.Events)-1]; last.Name != "Life.Wed" {
		t.Errorf("added event type: %+v", last)
	}
	if changed, err := ed.applyPreset("wojood"); changed || err != nil {
		t.Errorf("the preset in use: changed %v, %v", changed, err)
	}
	if changed, err := ed.applyPreset("anercorp"); !changed || err != nil || len(ed.schema.Entities) != 4 {
		t.Errorf("anercorp: changed %v, %v, %d types", changed, err, len(ed.schema.Entities))
	}
	if splitRoles(" Agent, ,Place ") == nil || strings.Join(splitRoles(" Agent, ,Place "), "|") != "Agent|Place" {
		t.Errorf("roles %q", splitRoles(" Agent, ,Place "))
	}
}

// Removing an entity type in use asks first with the count; Save then
// removes its annotations from the store.
func TestSettingsRemoveTypeInUse(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	h.label("بشار الأسد", 0, '1') // PERS
	h.m.showSettings()
	settings := h.win.Canvas().Overlays().Top()
	var lists []*widget.List
	for _, o := range test.LaidOutObjects(settings) {
		if l, ok := o.(*widget.List); ok {
			lists = append(lists, l)
		}
	}
	if len(lists) == 0 {
		t.Fatal("no type list in the settings")
	}
	pers := slices.IndexFunc(h.m.Session().Schema().Entities, func(t corpus.EntityType) bool { return t.Name == "PERS" })
	lists[0].Select(pers) // the entity types' tab shows first
	h.tapButton("Remove")
	confirm := h.win.Canvas().Overlays().Top()
	asked := false
	for _, o := range test.LaidOutObjects(confirm) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "PERS is used by 1 annotations") {
			asked = true
		}
	}
	if confirm == settings || !asked {
		t.Fatal("removing a type in use did not ask with the count")
	}
	h.tapButton("Yes")
	h.tapButton("Save")
	sc, _ := h.store.Schema()
	if _, ok := sc.EntityType("PERS"); ok {
		t.Error("PERS is still in the stored schema")
	}
	if n := len(h.layer().Entities); n != 0 {
		t.Errorf("%d entities left after removing their type", n)
	}
	if slices.ContainsFunc(h.m.palette.types, func(t corpus.EntityType) bool { return t.Name == "PERS" }) {
		t.Error("the palette still offers PERS")
	}
}
