package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
)

// annotate writes an annotator's layer on the open document: entities
// (phrase → type, first occurrence) and a meet event on محادثات with the
// given phrases as its Entity arguments (no event when args is nil).
func annotate(t *testing.T, s *Session, who string, ents map[string]string, args []string, done bool) {
	t.Helper()
	_, err := s.Store().Edit(s.Doc().ID, who, "test", func(e *corpus.Edit) error {
		ids := map[string]string{}
		phrases := make([]string, 0, len(ents))
		for p := range ents {
			phrases = append(phrases, p)
		}
		sort.Strings(phrases)
		for _, p := range phrases {
			sp := span(t, s, p, 0)
			got, err := e.AddEntity(corpus.Entity{Start: sp.Start, End: sp.End, Type: ents[p]})
			if err != nil {
				return err
			}
			ids[p] = got.ID
		}
		if args != nil {
			ev := corpus.Event{Type: "Contact.Meet", Trigger: span(t, s, "محادثات", 0)}
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
		t.Fatal(err)
	}
}

// threeAnnotators gives the seed article three annotators' layers, as in
// review's tests:
//   - all mark شي جين بينغ PERS (agreed);
//   - amira and layla mark بشار الأسد PERS, omar ORG (type);
//   - amira alone marks الصيني NORP (missing);
//   - layla marks رئيس النظام السوري OCC, omar رئيس النظام OCC (boundary);
//   - amira and layla tag the meeting محادثات with both men, omar with Xi
//     alone (arguments).
//
// The session (annotator "rev", the reviewer) is in review mode on it.
func threeAnnotators(t *testing.T) *Session {
	t.Helper()
	s, _ := fixture(t)
	s.annotator = "rev"
	annotate(t, s, "amira", map[string]string{"شي جين بينغ": "PERS", "بشار الأسد": "PERS", "الصيني": "NORP"}, []string{"شي جين بينغ", "بشار الأسد"}, true)
	annotate(t, s, "layla", map[string]string{"شي جين بينغ": "PERS", "بشار الأسد": "PERS", "رئيس النظام السوري": "OCC"}, []string{"شي جين بينغ", "بشار الأسد"}, true)
	annotate(t, s, "omar", map[string]string{"شي جين بينغ": "PERS", "بشار الأسد": "ORG", "رئيس النظام": "OCC"}, []string{"شي جين بينغ"}, false)
	if err := s.ReloadDocuments(); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMode(Review); err != nil {
		t.Fatal(err)
	}
	return s
}

// candidate finds the entity candidate on phrase with type typ.
func candidate(t *testing.T, s *Session, phrase, typ string) string {
	t.Helper()
	sp := span(t, s, phrase, 0)
	for i, c := range s.Comparison().Entities {
		if c.Span == sp && c.Type == typ {
			return CandidateID(i)
		}
	}
	t.Fatalf("no candidate %s %q", typ, phrase)
	return ""
}

// eventCandidate finds the meet event candidate with n arguments.
func eventCandidate(t *testing.T, s *Session, n int) string {
	t.Helper()
	for i, c := range s.Comparison().Events {
		if len(c.Args) == n {
			return EventCandidateID(i)
		}
	}
	t.Fatalf("no event candidate with %d arguments", n)
	return ""
}

func (s *Session) goldLayer(t *testing.T) corpus.Layer {
	t.Helper()
	l, err := s.Store().Layer(s.Doc().ID, corpus.Gold)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestReviewModeComparesEveryLayer(t *testing.T) {
	s, _ := fixture(t)
	r := listen(s)
	annotate(t, s, "amira", map[string]string{"شي جين بينغ": "PERS"}, nil, true)
	expect(t, r, "review mode", func() error { return s.SetMode(Review) }, "ModeChanged", "SelectionChanged")
	if !s.Reviewing() || s.Layer().Annotator != corpus.Gold {
		t.Fatalf("review mode shows %q's layer", s.Layer().Annotator)
	}
	// layla's own (untouched) layer is nobody's work: only amira's is compared.
	if got := fmt.Sprint(s.Comparison().Annotators); got != "[amira]" {
		t.Errorf("compared %s", got)
	}
	if len(s.Suggestions()) != 0 {
		t.Error("suggestions in review mode")
	}
	expect(t, r, "annotate mode", func() error { return s.SetMode(Annotate) }, "ModeChanged", "SelectionChanged")
	if s.Layer().Annotator != "layla" || s.Comparison() != nil {
		t.Errorf("annotate mode shows %q's layer, comparison %v", s.Layer().Annotator, s.Comparison())
	}
}

func TestAcceptOneCandidate(t *testing.T) {
	s := threeAnnotators(t)
	before, _ := s.Store().Summaries("")
	r := listen(s)
	xi := candidate(t, s, "شي جين بينغ", "PERS")
	c, _ := s.Candidate(xi)
	if len(c.By) != 3 {
		t.Fatalf("the agreed candidate was made by %v", c.By)
	}
	s.SelectAnnotation(xi)
	r.take()
	res, err := s.AcceptCandidate(xi, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.take(); !slices.Equal(got, []string{"LayerChanged accept [entity status]", "ReviewChanged", "SelectionChanged"}) {
		t.Errorf("accepting published %q", got)
	}
	g := s.goldLayer(t)
	if res.Entities != 1 || len(g.Entities) != 1 || g.Entities[0].Span() != c.Span || g.Entities[0].Type != "PERS" {
		t.Fatalf("gold holds %+v", g.Entities)
	}
	p := g.Entities[0].Provenance
	if p == nil || p.By != "rev" || fmt.Sprint(p.From) != "[amira layla omar]" || p.At.IsZero() {
		t.Errorf("provenance %+v", p)
	}
	if g.Status != corpus.StatusInProgress || s.Documents()[s.Position()].Review != corpus.StatusInProgress {
		t.Errorf("gold is %s, the list says %s: the document should be in review", g.Status, s.Documents()[s.Position()].Review)
	}
	if c, _ := s.Candidate(xi); c.Gold != g.Entities[0].ID || s.Selected() != c.Gold {
		t.Errorf("candidate marked %q, selected %q, gold entity %s", c.Gold, s.Selected(), g.Entities[0].ID)
	}
	// Only gold changed.
	after, _ := s.Store().Summaries("")
	for _, b := range before {
		for _, a := range after {
			if a.Doc == b.Doc && a.Annotator == b.Annotator && a.Revision != b.Revision {
				t.Errorf("%s's layer changed in review", a.Annotator)
			}
		}
	}
}

func TestUndoAnAccept(t *testing.T) {
	s := threeAnnotators(t)
	xi := candidate(t, s, "شي جين بينغ", "PERS")
	if _, err := s.AcceptCandidate(xi, false); err != nil {
		t.Fatal(err)
	}
	r := listen(s)
	ok, err := s.Undo()
	if err != nil || !ok {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if got := r.take(); !slices.Contains(got, "ReviewChanged") {
		t.Errorf("undo published %q", got)
	}
	if n := len(s.goldLayer(t).Entities); n != 0 {
		t.Fatalf("gold holds %d entities after undo", n)
	}
	if c, _ := s.Candidate(xi); c.Gold != "" {
		t.Errorf("the candidate is still marked as in gold (%s)", c.Gold)
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Candidate(xi); c.Gold == "" {
		t.Error("after redo the candidate is not marked as in gold")
	}
}

// TestAcceptAgreedIsAdjudicate checks that "accept agreed" in the app
// fills gold exactly as tawsimctl adjudicate (review.Adjudicate) does on
// the same layers.
func TestAcceptAgreedIsAdjudicate(t *testing.T) {
	for _, tc := range []struct {
		k        int
		onlyDone bool
	}{{2, false}, {3, false}, {2, true}, {1, true}} {
		t.Run(fmt.Sprintf("k=%d,done=%v", tc.k, tc.onlyDone), func(t *testing.T) {
			app := threeAnnotators(t)
			if _, err := app.AcceptAgreed(tc.k, tc.onlyDone); err != nil {
				t.Fatal(err)
			}
			cli := threeAnnotators(t)
			if _, err := review.Adjudicate(context.Background(), cli.Store(), review.AdjudicateOptions{
				MinAgree: tc.k, Docs: []string{cli.Doc().ID}, AllStatuses: !tc.onlyDone, Reviewer: "rev"}, nil); err != nil {
				t.Fatal(err)
			}
			got, want := goldContent(app.goldLayer(t)), goldContent(cli.goldLayer(t))
			if got != want || got == "" {
				t.Errorf("the app's gold:\n%s\ntawsimctl adjudicate's:\n%s", got, want)
			}
			if app.Layer().Revision != app.goldLayer(t).Revision {
				t.Error("the session's gold is not the stored one")
			}
			changes, _ := app.Store().Changes(app.Doc().ID, corpus.Gold)
			if len(changes) != 1 || changes[0].Op != fmt.Sprintf("accept agreed (%d)", tc.k) {
				t.Errorf("gold's history: %+v", changes)
			}
		})
	}
}

// goldContent describes a layer by content, ids and times aside.
func goldContent(l corpus.Layer) string {
	var out []string
	for _, e := range l.Entities {
		out = append(out, fmt.Sprintf("%d:%d:%s from %v", e.Start, e.End, e.Type, e.Provenance.From))
	}
	for _, ev := range l.Events {
		k, _ := eventKey(l, ev)
		out = append(out, k+fmt.Sprintf(" from %v", ev.Provenance.From))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func TestAcceptAllOfOneAnnotator(t *testing.T) {
	s := threeAnnotators(t)
	res, err := s.AcceptAllOf("omar")
	if err != nil {
		t.Fatal(err)
	}
	g := s.goldLayer(t)
	if res.Entities != 3 || res.Events != 1 || len(g.Entities) != 3 || len(g.Events) != 1 {
		t.Fatalf("added %+v; gold %d entities, %d events", res, len(g.Entities), len(g.Events))
	}
	for _, e := range g.Entities {
		if !slices.Contains(e.Provenance.From, "omar") {
			t.Errorf("%+v is not omar's", e)
		}
	}
	if ev := g.Events[0]; len(ev.Arguments) != 1 {
		t.Errorf("omar's event has %d arguments in gold", len(ev.Arguments))
	}
	if _, err := s.AcceptAllOf("nobody"); err == nil {
		t.Error("accepting the work of someone with no layer did not fail")
	}
}

func TestEventWaitsForItsArguments(t *testing.T) {
	s := threeAnnotators(t)
	meet := eventCandidate(t, s, 2) // amira's and layla's
	_, err := s.AcceptCandidate(meet, false)
	var held *HeldError
	if !errors.As(err, &held) || len(held.Missing) != 2 {
		t.Fatalf("accepting an event whose arguments are not in gold: %v", err)
	}
	if g := s.goldLayer(t); len(g.Entities)+len(g.Events) != 0 {
		t.Fatalf("a held event changed gold: %+v", g)
	}
	// Accept the event with its arguments: trigger, type and both roles.
	if _, err := s.AcceptCandidate(meet, true); err != nil {
		t.Fatal(err)
	}
	g := s.goldLayer(t)
	if len(g.Events) != 1 || len(g.Entities) != 2 {
		t.Fatalf("gold: %d events, %d entities", len(g.Events), len(g.Entities))
	}
	ev := g.Events[0]
	if ev.Type != "Contact.Meet" || ev.Trigger != span(t, s, "محادثات", 0) || len(ev.Arguments) != 2 || s.Selected() != ev.ID {
		t.Fatalf("gold event %+v, selected %s", ev, s.Selected())
	}
	for _, a := range ev.Arguments {
		e, ok := g.Entity(a.Entity)
		if a.Role != "Entity" || !ok || e.Type != "PERS" {
			t.Errorf("argument %+v → %+v", a, e)
		}
	}
	if c, _ := s.EventCandidate(meet); c.Gold != ev.ID {
		t.Errorf("the event candidate is marked %q", c.Gold)
	}
	// One change: one undo takes the event and its entities away.
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if g := s.goldLayer(t); len(g.Entities)+len(g.Events) != 0 {
		t.Errorf("after undo gold holds %+v", g)
	}
}

func TestAcceptOneArgument(t *testing.T) {
	s := threeAnnotators(t)
	omars := eventCandidate(t, s, 1)
	if _, err := s.AcceptCandidate(omars, true); err != nil {
		t.Fatal(err)
	}
	both := eventCandidate(t, s, 2)
	if _, err := s.AcceptCandidate(both, true); err == nil || !strings.Contains(err.Error(), "one by one") {
		t.Fatalf("accepting a second meet event on the same trigger: %v", err)
	}
	c, _ := s.EventCandidate(both)
	assad := slices.IndexFunc(c.Written, func(a review.Arg) bool { return a.Span == span(t, s, "بشار الأسد", 0) })
	var held *HeldError
	if err := s.AcceptArgument(both, assad, false); !errors.As(err, &held) {
		t.Fatalf("accepting an argument whose entity is not in gold: %v", err)
	}
	if err := s.AcceptArgument(both, assad, true); err != nil {
		t.Fatal(err)
	}
	g := s.goldLayer(t)
	if len(g.Events) != 1 || len(g.Events[0].Arguments) != 2 {
		t.Fatalf("gold events %+v", g.Events)
	}
	if c, _ := s.EventCandidate(both); c.Gold != g.Events[0].ID {
		t.Error("gold's event, now with both arguments, is not marked as the candidate's")
	}
}

// TestMarksFollowGold checks the marks kept up to date after each change
// against a fresh review.Compare of the stored layers.
func TestMarksFollowGold(t *testing.T) {
	s := threeAnnotators(t)
	check := func(what string) {
		t.Helper()
		layers, _ := s.Store().Layers(s.Doc().ID)
		fresh := review.Compare(layers)
		cmp := s.Comparison()
		for i := range fresh.Entities {
			if (fresh.Entities[i].Gold == "") != (cmp.Entities[i].Gold == "") {
				t.Errorf("%s: candidate %d gold %q, fresh %q", what, i, cmp.Entities[i].Gold, fresh.Entities[i].Gold)
			}
		}
		for i := range fresh.Events {
			if fresh.Events[i].Gold != cmp.Events[i].Gold {
				t.Errorf("%s: event candidate %d gold %q, fresh %q", what, i, cmp.Events[i].Gold, fresh.Events[i].Gold)
			}
		}
		for i := range fresh.Disagreements {
			if fresh.Disagreements[i].Resolved != cmp.Disagreements[i].Resolved {
				t.Errorf("%s: disagreement %d resolved %v, fresh %v", what, i, cmp.Disagreements[i].Resolved, fresh.Disagreements[i].Resolved)
			}
		}
	}
	check("at first")
	s.AcceptCandidate(candidate(t, s, "بشار الأسد", "ORG"), false)
	check("after an accept")
	s.AcceptCandidate(eventCandidate(t, s, 2), true)
	check("after an event")
	s.Undo()
	check("after undo")
	s.SelectAnnotation(s.Layer().Entities[0].ID)
	s.Delete()
	check("after a delete")
}

func TestNavigateDisagreements(t *testing.T) {
	s := threeAnnotators(t)
	ds := s.Disagreements()
	var kinds []string
	for _, d := range ds {
		kinds = append(kinds, string(d.Kind))
	}
	// الصيني (missing), the meeting (arguments), رئيس النظام… (boundary), بشار الأسد (type)
	if got := strings.Join(kinds, " "); got != "missing arguments boundary type" {
		t.Fatalf("disagreements %s", got)
	}
	if s.DisagreementsLeft() != 4 || s.CurrentDisagreement() != -1 {
		t.Fatalf("left %d, current %d", s.DisagreementsLeft(), s.CurrentDisagreement())
	}
	var visited []int
	for range 5 {
		if _, ok := s.StepDisagreement(1); !ok {
			t.Fatal("no disagreement to go to")
		}
		visited = append(visited, s.CurrentDisagreement())
	}
	if fmt.Sprint(visited) != "[0 1 2 3 0]" {
		t.Errorf("N visits %v", visited)
	}
	// The first candidate of the region is selected.
	if c, ok := s.Candidate(s.Selected()); !ok || c.Type != "NORP" {
		t.Errorf("selected %q", s.Selected())
	}
	s.StepDisagreement(-1)
	if s.CurrentDisagreement() != 3 {
		t.Errorf("Shift+N from the first went to %d", s.CurrentDisagreement())
	}
	// Settle the type dispute over بشار الأسد by accepting PERS: it is
	// skipped from then on.
	if _, err := s.AcceptCandidate(candidate(t, s, "بشار الأسد", "PERS"), false); err != nil {
		t.Fatal(err)
	}
	if s.DisagreementsLeft() != 3 {
		t.Errorf("left %d after settling one", s.DisagreementsLeft())
	}
	visited = nil
	for range 3 {
		s.StepDisagreement(1)
		visited = append(visited, s.CurrentDisagreement())
	}
	if fmt.Sprint(visited) != "[0 1 2]" {
		t.Errorf("after settling the last one N visits %v", visited)
	}
	// Dismissing the one candidate of a missing region settles it too.
	s.GoToDisagreement(0)
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	if s.DisagreementsLeft() != 2 || !s.Settled(0) {
		t.Errorf("left %d after dismissing الصيني", s.DisagreementsLeft())
	}
	if g := s.goldLayer(t); len(g.Entities) != 1 {
		t.Errorf("dismissing changed gold: %+v", g.Entities)
	}
	ents, _ := s.VisibleCandidates()
	if len(ents) != len(s.Comparison().Entities)-1 {
		t.Errorf("%d candidates shown after one dismissal of %d", len(ents), len(s.Comparison().Entities))
	}
	// Undisputed leaves the dismissed one out.
	res, err := s.AcceptUndisputed()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.goldLayer(t).Entities {
		if e.Type == "NORP" {
			t.Errorf("undisputed merge took the dismissed %+v (%+v)", e, res)
		}
	}
}

func TestChoices(t *testing.T) {
	s := threeAnnotators(t)
	var got []string
	for _, c := range s.Choices(s.Disagreements()[0]) { // الصيني
		got = append(got, fmt.Sprintf("%s:%d", c.Annotator, len(c.Marks)))
	}
	if strings.Join(got, " ") != "amira:1 layla:0 omar:0" {
		t.Errorf("choices %v", got)
	}
}

func TestHandEditsInReviewRecordTheReviewer(t *testing.T) {
	s := threeAnnotators(t)
	sp := span(t, s, "الجمعة", 0)
	s.Select(sp.Start, sp.End)
	e, err := s.ApplyType("DATE")
	if err != nil {
		t.Fatal(err)
	}
	g := s.goldLayer(t)
	got, _ := g.Entity(e.ID)
	if got.Provenance == nil || got.Provenance.By != "rev" || len(got.Provenance.From) != 0 {
		t.Errorf("a gold entity made by hand records %+v", got.Provenance)
	}
	if err := s.SetDone(true); err != nil {
		t.Fatal(err)
	}
	if s.goldLayer(t).Status != corpus.StatusDone || s.DoneCount() != 1 {
		t.Errorf("marking done in review: gold %s, %d adjudicated", s.goldLayer(t).Status, s.DoneCount())
	}
	if l, _ := s.Store().Layer(s.Doc().ID, "rev"); l.Revision != 0 {
		t.Error("the reviewer's own layer was written")
	}
}

func TestDocumentEntriesForReviewers(t *testing.T) {
	s, other := fixture(t)
	seed := s.Doc().ID
	annotate(t, s, "amira", map[string]string{"شي جين بينغ": "PERS"}, nil, true)
	annotate(t, s, "omar", map[string]string{"شي جين بينغ": "PERS"}, nil, false)
	if _, err := s.Store().Assign([]corpus.Assignment{{Doc: other, Annotators: []string{"layla"}}}, true); err != nil {
		t.Fatal(err)
	}
	if err := s.ReloadDocuments(); err != nil {
		t.Fatal(err)
	}
	docs := s.Documents()
	if docs[0].Info.ID != other || !docs[0].Assigned || docs[1].Assigned {
		t.Fatalf("the assigned document is not first: %+v", docs)
	}
	if e := docs[1]; e.Info.ID != seed || e.Layers != 2 || e.Done != 1 || e.Review != corpus.StatusNew {
		t.Errorf("seed entry %+v", e)
	}
	if e := docs[0]; e.Layers != 1 || e.Done != 0 {
		t.Errorf("the assigned document's coverage %+v", e)
	}
	if got := fmt.Sprint(s.Annotators()); got != "[amira layla omar]" {
		t.Errorf("annotators %s", got)
	}
}
