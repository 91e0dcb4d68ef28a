package ui

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui/session"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// work writes an annotator's layer on the open document: entities
// (phrase → type, first occurrence) and a meet event on محادثات with the
// given phrases as Entity arguments (none when args is nil).
func (h *harness) work(who string, ents map[string]string, args []string, done bool) {
	h.t.Helper()
	_, err := h.store.Edit(h.m.Session().Doc().ID, who, "test", func(e *corpus.Edit) error {
		ids := map[string]string{}
		phrases := make([]string, 0, len(ents))
		for p := range ents {
			phrases = append(phrases, p)
		}
		sort.Strings(phrases)
		for _, p := range phrases {
			sp := h.find(p, 0)
			got, err := e.AddEntity(corpus.Entity{Start: sp.Start, End: sp.End, Type: ents[p]})
			if err != nil {
				return err
			}
			ids[p] = got.ID
		}
		if args != nil {
			ev := corpus.Event{Type: "Contact.Meet", Trigger: h.find("محادثات", 0)}
			for _, a := range args {
				ev.Arguments = append(ev.Arguments, corpus.Argument{Role: "Entity", Entity: ids[a]})
			}
			if _, err := e.AddEvent(ev); err != nil {
				return err
			}
		}
		if done {
			return e.SetStatus(corpus.StatusDone)
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// newReviewHarness is the main window with three annotators' layers on
// the seed article (the reviewer, layla, has none), in review mode
// through Ctrl+R:
//   - all mark شي جين بينغ PERS (agreed);
//   - amira and sami mark بشار الأسد PERS, omar ORG (type);
//   - amira alone marks الصيني NORP (missing);
//   - sami marks رئيس النظام السوري OCC, omar رئيس النظام OCC (boundary);
//   - amira and sami tag the meeting محادثات with both men, omar with Xi
//     alone (arguments). amira and sami are done, omar is not.
func newReviewHarness(t *testing.T, th fyne.Theme) *harness {
	t.Helper()
	h := newHarness(t, th)
	h.work("amira", map[string]string{"شي جين بينغ": "PERS", "بشار الأسد": "PERS", "الصيني": "NORP"}, []string{"شي جين بينغ", "بشار الأسد"}, true)
	h.work("sami", map[string]string{"شي جين بينغ": "PERS", "بشار الأسد": "PERS", "رئيس النظام السوري": "OCC"}, []string{"شي جين بينغ", "بشار الأسد"}, true)
	h.work("omar", map[string]string{"شي جين بينغ": "PERS", "بشار الأسد": "ORG", "رئيس النظام": "OCC"}, []string{"شي جين بينغ"}, false)
	if err := h.m.reloadDocs(); err != nil {
		t.Fatal(err)
	}
	h.shortcut(fyne.KeyR, fyne.KeyModifierShortcutDefault)
	if !h.m.Session().Reviewing() {
		t.Fatal("Ctrl+R did not switch to review mode")
	}
	return h
}

func (h *harness) gold() corpus.Layer {
	h.t.Helper()
	l, err := h.store.Layer(h.m.Session().Doc().ID, corpus.Gold)
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

// goldHas reports whether gold holds an entity of type typ on phrase.
func (h *harness) goldHas(phrase, typ string) bool {
	sp := h.find(phrase, 0)
	for _, e := range h.gold().Entities {
		if e.Span() == sp && e.Type == typ {
			return true
		}
	}
	return false
}

func TestReviewModeShowsEveryAnnotator(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	v := h.m.View()
	// The view shows the candidates, not dismissed, with their annotators.
	var xi *string
	for _, a := range v.Candidates() {
		if a.Start == h.find("شي جين بينغ", 0).Start && a.Type == "PERS" {
			names := strings.Join(a.By, ",")
			xi = &names
		}
	}
	if xi == nil || *xi != "amira,omar,sami" {
		t.Fatalf("the view's candidate on شي جين بينغ is made by %v", xi)
	}
	if n := len(v.Regions()); n != 4 {
		t.Errorf("the view marks %d disagreements, want 4", n)
	}
	if got := h.m.review.left.Text; got != "Disagreements: 4 left of 4" {
		t.Errorf("the review panel says %q", got)
	}
	if got := texts(h.m.DocList()); !strings.Contains(got, "○ to review · 2/3 done") {
		t.Errorf("the document list shows %q", got)
	}
	if !strings.Contains(h.m.bar.status.Text, "Reviewer: layla") {
		t.Errorf("status bar %q", h.m.bar.status.Text)
	}
	// Ctrl+R again: back to layla's own (empty) layer.
	h.shortcut(fyne.KeyR, fyne.KeyModifierShortcutDefault)
	if h.m.Session().Reviewing() || len(v.Candidates()) != 0 || len(v.Regions()) != 0 {
		t.Error("annotate mode still shows the review")
	}
}

func TestReviewAcceptOneSpan(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	sp := h.find("الصيني", 0)
	h.click(sp.Start + 1) // amira's NORP candidate
	c, ok := h.m.Session().Candidate(h.m.Session().Selected())
	if !ok || c.Type != "NORP" {
		t.Fatalf("the click selected %q", h.m.Session().Selected())
	}
	h.key(fyne.KeyReturn)
	if !h.goldHas("الصيني", "NORP") {
		t.Fatalf("gold after Enter: %+v", h.gold().Entities)
	}
	e := h.gold().Entities[0]
	if e.Provenance == nil || e.Provenance.By != "layla" || strings.Join(e.Provenance.From, ",") != "amira" {
		t.Errorf("provenance %+v", e.Provenance)
	}
	// Gold's entity is selected and the side list says where it came from.
	if h.m.Session().Selected() != e.ID || len(h.m.Session().Layer().Entities) != 1 {
		t.Errorf("selected %q, the session's gold %+v", h.m.Session().Selected(), h.m.Session().Layer().Entities)
	}
	found := false
	for _, o := range h.m.review.detail.Objects {
		if l, ok := o.(*BidiLabel); ok && strings.HasPrefix(l.Text(), "Accepted by layla from amira, ") {
			found = true
		}
	}
	if !found {
		t.Error("the review panel does not show the provenance of the selected gold entity")
	}
	if got := texts(h.m.DocList()); !strings.Contains(got, "● in review") {
		t.Errorf("the document list after the first accept: %q", got)
	}
	// The entities list shows gold's, under its heading.
	if got := texts(h.m.win.Content()); !strings.Contains(got, "Gold: Entities") {
		t.Errorf("no gold heading in %q", got)
	}
}

func TestReviewAcceptAllAgreed(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	h.shortcut(fyne.KeyA, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	// The dialog asks for K (all, by default) and lets only done layers
	// vote, as tawsimctl adjudicate does: amira and sami.
	h.tapButton("Accept")
	g := h.gold()
	if !h.goldHas("شي جين بينغ", "PERS") || !h.goldHas("بشار الأسد", "PERS") || len(g.Entities) != 2 {
		t.Fatalf("gold after accept agreed: %+v", g.Entities)
	}
	if len(g.Events) != 1 || len(g.Events[0].Arguments) != 2 {
		t.Errorf("gold's events: %+v", g.Events)
	}
	if !strings.Contains(h.m.bar.outcome.Text(), "2 entities and 1 events added") {
		t.Errorf("status bar %q", h.m.bar.outcome.Text())
	}
	changes, _ := h.store.Changes(h.m.Session().Doc().ID, corpus.Gold)
	if len(changes) != 1 || changes[0].Op != "accept agreed (2)" { // the two done layers
		t.Errorf("gold's history %+v", changes)
	}
}

func TestReviewAcceptAllOfOneAnnotator(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	h.m.showAcceptAllOf()
	h.tapButton("omar")
	g := h.gold()
	if !h.goldHas("بشار الأسد", "ORG") || !h.goldHas("رئيس النظام", "OCC") || len(g.Entities) != 3 || len(g.Events) != 1 {
		t.Fatalf("gold after accepting omar's work: %+v %+v", g.Entities, g.Events)
	}
}

func TestReviewAdjudicateAnEventWithItsArguments(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	sess := h.m.Session()
	// The events candidates on محادثات: omar's (one argument) and amira's
	// and sami's (two). Take the conflated one from the side list.
	var both string
	for i, c := range sess.Comparison().Events {
		if len(c.Args) == 2 {
			both = session.EventCandidateID(i)
		}
	}
	trig := h.find("محادثات", 0)
	h.click(trig.Start + 1)
	if _, ok := sess.EventCandidate(sess.Selected()); !ok {
		t.Fatalf("a click on the trigger selected %q", sess.Selected())
	}
	h.m.selectAnnotation(both, true)
	h.m.View().TypedRune('a')
	// Gold lacks the arguments' entities: the window offers both.
	h.tapButton("Accept both")
	g := h.gold()
	if len(g.Events) != 1 || len(g.Entities) != 2 {
		t.Fatalf("gold: %+v", g)
	}
	ev := g.Events[0]
	if ev.Type != "Contact.Meet" || ev.Trigger != trig || len(ev.Arguments) != 2 {
		t.Fatalf("gold's event %+v", ev)
	}
	for _, a := range ev.Arguments {
		if e, ok := g.Entity(a.Entity); a.Role != "Entity" || !ok || e.Type != "PERS" {
			t.Errorf("argument %+v → %+v", a, e)
		}
	}
	if strings.Join(ev.Provenance.From, ",") != "amira,sami" {
		t.Errorf("the event's provenance %+v", ev.Provenance)
	}
	// The events list shows gold's event with its two arguments.
	if got := texts(h.m.events); !strings.Contains(got, "Contact.Meet (2)") {
		t.Errorf("the events panel shows %q", got)
	}
}

func TestReviewNavigateDisagreementsByKey(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	sess := h.m.Session()
	v := h.m.View()
	v.TypedRune('n')
	if sess.CurrentDisagreement() != 0 {
		t.Fatalf("N went to %d", sess.CurrentDisagreement())
	}
	if c, ok := sess.Candidate(sess.Selected()); !ok || c.Type != "NORP" || v.CurrentRegion() != 0 {
		t.Errorf("on the first disagreement the selection is %q, the view's region %d", sess.Selected(), v.CurrentRegion())
	}
	h.key(fyne.KeyF8)
	if sess.CurrentDisagreement() != 1 {
		t.Errorf("F8 went to %d", sess.CurrentDisagreement())
	}
	v.TypedRune('N')
	v.TypedRune('N')
	if sess.CurrentDisagreement() != 3 {
		t.Errorf("Shift+N twice from the second went to %d", sess.CurrentDisagreement())
	}
	// The disagreement is listed with each annotator's choice.
	if got := texts(h.m.review); !strings.Contains(got, "type") {
		t.Errorf("the review panel lists %q", got)
	}
	// Accepting settles it: it is no longer counted, and N skips it.
	h.m.acceptCandidate(candidateOn(t, h, "بشار الأسد", "PERS"))
	if got := h.m.review.left.Text; got != "Disagreements: 3 left of 4" {
		t.Errorf("after settling one the panel says %q", got)
	}
	for range 3 {
		v.TypedRune('n')
		if sess.CurrentDisagreement() == 3 {
			t.Error("N stopped at the settled disagreement")
		}
	}
	// Backspace on a candidate dismisses it; gold does not change.
	sess.GoToDisagreement(0)
	h.key(fyne.KeyBackspace)
	if got := h.m.review.left.Text; got != "Disagreements: 2 left of 4" {
		t.Errorf("after dismissing الصيني the panel says %q", got)
	}
	if len(h.gold().Entities) != 1 {
		t.Errorf("dismissing changed gold: %+v", h.gold().Entities)
	}
}

// candidateOn is the id of the entity candidate of type typ on phrase.
func candidateOn(t *testing.T, h *harness, phrase, typ string) string {
	t.Helper()
	sp := h.find(phrase, 0)
	for i, c := range h.m.Session().Comparison().Entities {
		if c.Span == sp && c.Type == typ {
			return session.CandidateID(i)
		}
	}
	t.Fatalf("no candidate %s on %q", typ, phrase)
	return ""
}

func TestReviewUndoAnAccept(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	h.m.acceptCandidate(candidateOn(t, h, "شي جين بينغ", "PERS"))
	if len(h.gold().Entities) != 1 {
		t.Fatal("nothing accepted")
	}
	ctrl := fyne.KeyModifierShortcutDefault
	h.shortcut(fyne.KeyZ, ctrl)
	if n := len(h.gold().Entities); n != 0 {
		t.Fatalf("gold holds %d entities after Ctrl+Z", n)
	}
	if n := len(h.m.View().Entities()); n != 0 {
		t.Errorf("the view still shows %d gold entities", n)
	}
	if c, _ := h.m.Session().Candidate(candidateOn(t, h, "شي جين بينغ", "PERS")); c.Gold != "" {
		t.Error("the candidate is still marked as accepted")
	}
	h.shortcut(fyne.KeyY, ctrl)
	if n := len(h.gold().Entities); n != 1 {
		t.Errorf("gold holds %d entities after Ctrl+Y", n)
	}
	// The annotators' layers never changed.
	for _, who := range []string{"amira", "sami", "omar"} {
		l, _ := h.store.Layer(h.m.Session().Doc().ID, who)
		if l.Revision != 1 && l.Revision != 2 {
			t.Errorf("%s's layer is at revision %d", who, l.Revision)
		}
	}
}

func TestReviewMergeUndisputedAndEditGold(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	h.shortcut(fyne.KeyM, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	// Agreed شي جين بينغ and amira's الصيني (nobody else marked anything
	// there); the disputed regions stay.
	if !h.goldHas("شي جين بينغ", "PERS") || !h.goldHas("الصيني", "NORP") || len(h.gold().Entities) != 2 {
		t.Fatalf("gold after merging the undisputed: %+v", h.gold().Entities)
	}
	// Editing gold as in annotate mode: a type key labels a selection.
	e := h.labelGold("الجمعة", '9')
	if e.Type != "DATE" || e.Provenance == nil || e.Provenance.By != "layla" {
		t.Errorf("a gold entity labelled by hand: %+v", e)
	}
	h.shortcut(fyne.KeyD, fyne.KeyModifierShortcutDefault)
	if h.gold().Status != corpus.StatusDone || !strings.Contains(texts(h.m.DocList()), "✔ adjudicated") {
		t.Errorf("Ctrl+D in review: gold %s, list %q", h.gold().Status, texts(h.m.DocList()))
	}
}

func TestDocListFiltersByReviewStatusSiteAndDate(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	raw := func(s string) json.RawMessage { return json.RawMessage(`"` + s + `"`) }
	if _, err := h.store.Import([]corpus.ImportItem{{Origin: "news", Doc: corpus.NewDoc{Title: "خبر", Text: "وصل الوفد إلى هانغتشو.",
		Meta: map[string]json.RawMessage{"site": raw("aljazeera.net"), "published": raw("2024-05-01T10:00:00Z")}}}}); err != nil {
		t.Fatal(err)
	}
	if err := h.m.reloadDocs(); err != nil {
		t.Fatal(err)
	}
	d := h.m.DocList()
	if got := texts(d); !strings.Contains(got, "2024-05-01") || !strings.Contains(got, "aljazeera.net") {
		t.Errorf("the news row does not show its date and site: %q", got)
	}
	test.Type(d.filter, "aljazeera")
	if rows := d.Rows(); len(rows) != 1 || rows[0].Info.Site != "aljazeera.net" {
		t.Errorf("filtering by site: %d rows", len(rows))
	}
	d.filter.SetText("2024-05")
	if rows := d.Rows(); len(rows) != 1 {
		t.Errorf("filtering by date: %d rows", len(rows))
	}
	d.filter.SetText("")
	// Review statuses: adjudicate the first document, then filter.
	h.shortcut(fyne.KeyR, fyne.KeyModifierShortcutDefault)
	h.labelGold("بشار الأسد", '1')
	h.shortcut(fyne.KeyD, fyne.KeyModifierShortcutDefault)
	d.status.SetSelected("adjudicated")
	if rows := d.Rows(); len(rows) != 1 || rows[0].Review != corpus.StatusDone {
		t.Errorf("adjudicated: %+v", rows)
	}
	d.status.SetSelected("to review")
	if rows := d.Rows(); len(rows) != 2 {
		t.Errorf("to review: %d rows", len(rows))
	}
}

func TestAssignedDocumentsComeFirst(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	docs, _ := h.store.Documents()
	if _, err := h.store.Assign([]corpus.Assignment{{Doc: docs[1].ID, Annotators: []string{"layla"}}}, true); err != nil {
		t.Fatal(err)
	}
	h.m.reloadDocs()
	rows := h.m.DocList().Rows()
	if rows[0].Info.ID != docs[1].ID || !rows[0].Assigned {
		t.Fatalf("the assigned document is not first: %+v", rows[0])
	}
	if got := texts(h.m.DocList()); !strings.Contains(got, "★ ○ new") {
		t.Errorf("the assigned row: %q", got)
	}
}

func TestModeBarTogglesReview(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	var bar *modeBar
	for _, o := range test.LaidOutObjects(h.win.Content()) {
		if b, ok := o.(*modeBar); ok {
			bar = b
		}
	}
	if bar == nil || bar.tools.Visible() || bar.annotate.Importance != widget.HighImportance {
		t.Fatal("annotate mode shows the review commands, or does not mark Annotate")
	}
	test.Tap(bar.reviews)
	if !h.m.Session().Reviewing() || !bar.tools.Visible() || bar.reviews.Importance != widget.HighImportance {
		t.Errorf("after tapping Review: reviewing %v, commands shown %v", h.m.Session().Reviewing(), bar.tools.Visible())
	}
}

// labelGold drags over a phrase and presses a type's hotkey in review
// mode, and returns gold's entity it made.
func (h *harness) labelGold(phrase string, key rune) corpus.Entity {
	h.t.Helper()
	sp := h.find(phrase, 0)
	h.drag(sp.Start, sp.End-1, 0)
	h.m.View().TypedRune(key)
	if e := h.m.LastError(); e != "" {
		h.t.Fatalf("labelling %q: %s", phrase, e)
	}
	e, ok := h.gold().Entity(h.m.Session().Selected())
	if !ok {
		h.t.Fatalf("labelling %q selected %q", phrase, h.m.Session().Selected())
	}
	return e
}

// TestGoldenReviewWindow captures the window in review mode: gold's
// agreed entity solid, the annotators' candidates outlined with their
// colours and counts, the disagreements marked, the first one current.
func TestGoldenReviewWindow(t *testing.T) {
	h := newReviewHarness(t, tawsimtheme.Light())
	h.m.now = func() time.Time { return time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC) }
	h.m.acceptCandidate(candidateOn(t, h, "شي جين بينغ", "PERS"))
	h.m.View().TypedRune('n')
	h.m.View().ScrollTo(0)
	assertGoldenImage(t, "review_main_light.png", h.win.Canvas().Capture())
}

// TestPanelsFollowTheMode checks that every panel shows the layer of the
// mode: layla's own in annotate mode, gold's in review mode.
func TestPanelsFollowTheMode(t *testing.T) {
	f := newPanelFixture(t)
	if err := f.sess.Open(f.sess.Documents()[0].Info.ID); err != nil {
		t.Fatal(err)
	}
	e := f.label("بشار الأسد", "PERS")
	f.selectText("محادثات")
	if _, err := f.sess.AddEvent("Contact.Meet"); err != nil {
		t.Fatal(err)
	}
	if len(f.ents.items) != 1 || len(f.events.events) != 1 || len(f.view.Entities()) != 1 {
		t.Fatal("the panels do not show layla's layer")
	}
	if err := f.sess.SetMode(session.Review); err != nil {
		t.Fatal(err)
	}
	if len(f.ents.items) != 0 || len(f.events.events) != 0 || len(f.view.Entities()) != 0 {
		t.Errorf("in review the panels show %d entities, %d events, the view %d: not gold's", len(f.ents.items), len(f.events.events), len(f.view.Entities()))
	}
	// layla's entity is a candidate now, by layla alone.
	if c := f.view.Candidates(); len(c) != 1 || c[0].Start != e.Start || strings.Join(c[0].By, ",") != "layla" {
		t.Errorf("the view's candidates %+v", c)
	}
	if got := f.bar.status.Text; !strings.Contains(got, "Reviewer: layla") {
		t.Errorf("status bar %q", got)
	}
	if err := f.sess.SetMode(session.Annotate); err != nil {
		t.Fatal(err)
	}
	if len(f.ents.items) != 1 || len(f.events.events) != 1 || len(f.view.Candidates()) != 0 {
		t.Error("back in annotate mode the panels do not show layla's layer")
	}
}
