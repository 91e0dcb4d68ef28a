package ui

import (
	"image/color"
	"maps"
	"strconv"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
	"github.com/tawsim/tawsim/textlayout"
	"github.com/tawsim/tawsim/ui/session"
	"github.com/tawsim/tawsim/ui/textview"
)

// textSource is what the text panel reads from the session.
type textSource interface {
	publisher
	Index() *corpus.Index
	Tokens() []corpus.Token
	Layer() corpus.Layer
	Selected() string
	Selection() corpus.Span
	Suggestions() []session.Suggestion
	Picked() int
	reviewSource
}

// reviewSource is what panels showing the review read from the session.
type reviewSource interface {
	Reviewing() bool
	Comparison() *review.Comparison
	VisibleCandidates() (entities, events []int)
	Disagreements() []review.Disagreement
	Settled(i int) bool
	CurrentDisagreement() int
}

// textPanel keeps the annotation view showing the session's open
// document: the text the session decoded when it opened, the entities,
// event triggers and suggestions, and the selection. It only draws; what
// the user does in the view goes to the window. Each event redraws only
// what it changed: a status change or a selection moves no highlight.
type textPanel struct {
	view   *textview.View
	src    textSource
	sugs   []session.Suggestion // the suggestions the view shows
	sugIDs []string             // suggestionID(i), made once per i
	linked map[string]string    // the argument roles the view shows
	// The candidates the view shows (review mode), as the session gave
	// them: the same slices mean nothing to redraw.
	candEnts, candEvs []int
	regions           []textview.Region
}

// newTextPanel makes view follow the session, colouring types with colour.
func newTextPanel(view *textview.View, src textSource, colour func(string) color.Color) *textPanel {
	p := &textPanel{view: view, src: src}
	view.SetTypeColor(colour)
	src.Subscribe(p.follow)
	return p
}

func (p *textPanel) follow(ev session.Event) {
	switch ev := ev.(type) {
	case session.DocumentOpened:
		p.showDocument()
	case session.ModeChanged:
		p.showAnnotations()
	case session.ReviewChanged:
		p.showReview()
		p.showSelection()
	case session.LayerChanged:
		if ev.Touches(corpus.KindEntity) {
			p.showEntities()
			p.showSuggestions()
		}
		if ev.Touches(corpus.KindEvent) {
			p.showTriggers()
		}
		p.showSelection()
	case session.SuggestionsChanged:
		p.showSuggestions()
		p.showSelection()
	case session.SelectionChanged:
		p.showSelection()
	case session.SchemaChanged:
		p.view.Refresh() // the types' colours
	}
}

// showDocument gives the view the decoded text and everything on it.
func (p *textPanel) showDocument() {
	p.view.SetDocument(p.src.Index(), p.src.Tokens(), textlayout.Auto)
	p.sugs = nil // SetDocument cleared them
	p.candEnts, p.candEvs, p.regions = nil, nil, nil
	p.showAnnotations()
}

// showAnnotations draws everything on the text: after the document opened
// or the mode changed (the layer shown is another).
func (p *textPanel) showAnnotations() {
	p.showEntities()
	p.showTriggers()
	p.showSuggestions()
	p.showReview()
	p.showSelection()
}

// showReview draws the candidates the reviewer has not dismissed and the
// disagreements, or nothing in annotate mode.
func (p *textPanel) showReview() {
	cmp := p.src.Comparison()
	if cmp == nil {
		if p.candEnts != nil || p.candEvs != nil || p.regions != nil {
			p.candEnts, p.candEvs, p.regions = nil, nil, nil
			p.view.SetCandidates(nil)
			p.view.SetEventCandidates(nil)
			p.view.SetRegions(nil, -1)
		}
		return
	}
	ents, evs := p.src.VisibleCandidates()
	if !sameSlice(ents, p.candEnts) || p.candEnts == nil {
		p.candEnts = ents
		anns := make([]textview.Annotation, len(ents))
		for k, i := range ents {
			c := cmp.Entities[i]
			anns[k] = textview.Annotation{ID: session.CandidateID(i), Start: c.Span.Start, End: c.Span.End, Type: c.Type, By: c.By}
		}
		p.view.SetCandidates(anns)
	}
	if !sameSlice(evs, p.candEvs) || p.candEvs == nil {
		p.candEvs = evs
		anns := make([]textview.Annotation, len(evs))
		for k, i := range evs {
			c := cmp.Events[i]
			anns[k] = textview.Annotation{ID: session.EventCandidateID(i), Start: c.Trigger.Start, End: c.Trigger.End, Type: shortEventType(c.Type), By: c.By}
		}
		p.view.SetEventCandidates(anns)
	}
	ds := p.src.Disagreements()
	changed := p.regions == nil || len(ds) != len(p.regions) || p.view.CurrentRegion() != p.src.CurrentDisagreement()
	for i := 0; i < len(ds) && !changed; i++ {
		d := ds[i]
		changed = p.regions[i] != textview.Region{Start: d.Span.Start, End: d.Span.End, Settled: p.src.Settled(i)}
	}
	if changed {
		p.regions = make([]textview.Region, len(ds))
		for i, d := range ds {
			p.regions[i] = textview.Region{Start: d.Span.Start, End: d.Span.End, Settled: p.src.Settled(i)}
		}
		p.view.SetRegions(p.regions, p.src.CurrentDisagreement())
	}
}

// sameSlice reports whether a and b are the same slice (not merely equal).
func sameSlice(a, b []int) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func (p *textPanel) showEntities() {
	l := p.src.Layer()
	reviewing := p.src.Reviewing()
	ents := make([]textview.Annotation, len(l.Entities))
	for i, e := range l.Entities {
		ents[i] = textview.Annotation{ID: e.ID, Start: e.Start, End: e.End, Type: e.Type}
		if reviewing {
			ents[i].Annotator, ents[i].By = goldTip(e.Provenance)
		}
	}
	p.view.SetEntities(ents)
}

func (p *textPanel) showTriggers() {
	l := p.src.Layer()
	reviewing := p.src.Reviewing()
	trigs := make([]textview.Annotation, len(l.Events))
	for i, e := range l.Events {
		trigs[i] = textview.Annotation{ID: e.ID, Start: e.Trigger.Start, End: e.Trigger.End, Type: shortEventType(e.Type)}
		if reviewing {
			trigs[i].Annotator, trigs[i].By = goldTip(e.Provenance)
		}
	}
	p.view.SetTriggers(trigs)
}

// goldTip is what the tooltip says of a gold item after its type: gold,
// and the annotators it was accepted from (the view joins them only when
// it shows the tooltip).
func goldTip(pv *corpus.Provenance) (string, []string) {
	if pv == nil {
		return tr("gold"), nil
	}
	return tr("gold"), pv.From
}

// showSuggestions redraws the suggestions when the session found them
// again (it keeps them until the entities or the dismissals change).
func (p *textPanel) showSuggestions() {
	sugs := p.src.Suggestions()
	if p.sugs != nil && len(sugs) == len(p.sugs) && (len(sugs) == 0 || &sugs[0] == &p.sugs[0]) {
		return
	}
	p.sugs = sugs
	anns := make([]textview.Annotation, len(sugs))
	for len(p.sugIDs) < len(sugs) {
		p.sugIDs = append(p.sugIDs, suggestionID(len(p.sugIDs)))
	}
	for i, s := range sugs {
		anns[i] = textview.Annotation{ID: p.sugIDs[i], Start: s.Start, End: s.End, Type: s.Type}
	}
	p.view.SetSuggestions(anns)
}

// showSelection shows the selected annotation (a picked suggestion counts
// as selected), the arguments tied to a selected event, and the text
// selection, telling the view only what differs from what it shows.
func (p *textPanel) showSelection() {
	selected := p.src.Selected()
	if i := p.src.Picked(); i >= 0 && selected == "" {
		selected = suggestionID(i)
	}
	if p.view.Selected() != selected {
		p.view.SetSelected(selected)
	}
	if linked := p.linkedRoles(); !maps.Equal(linked, p.linked) {
		p.linked = linked
		p.view.SetLinked(linked)
	}
	sel := p.src.Selection()
	if s, e := p.view.Selection(); s != sel.Start || e != sel.End {
		p.view.SetSelection(sel.Start, sel.End)
	}
}

// linkedRoles maps the arguments of the selected event to their roles,
// so the text shows which entities the event ties together.
func (p *textPanel) linkedRoles() map[string]string {
	ev, ok := p.src.Layer().Event(p.src.Selected())
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

// suggestionID names suggestion i in the view ("S0", "S1" …); the window
// reads a click on one back with suggestionIndex.
func suggestionID(i int) string { return "S" + strconv.Itoa(i) }

// suggestionIndex is the index a suggestion id names.
func suggestionIndex(id string) (int, bool) {
	if len(id) < 2 || id[0] != 'S' {
		return 0, false
	}
	i, err := strconv.Atoi(id[1:])
	return i, err == nil
}

// shortEventType drops the ACE type before the dot for the small label.
func shortEventType(t string) string {
	for i := len(t) - 1; i >= 0; i-- {
		if t[i] == '.' {
			return t[i+1:]
		}
	}
	return t
}
