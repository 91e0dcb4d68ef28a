package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
	"github.com/tawsim/tawsim/ui/session"
)

// reviewPanelSource is what the review panel reads from the session.
type reviewPanelSource interface {
	publisher
	reviewSource
	Layer() corpus.Layer
	Selected() string
	Selection() corpus.Span
	Text(corpus.Span) string
	Choices(review.Disagreement) []session.Choice
	DisagreementsLeft() int
	ReviewVersion() uint64
	Candidate(id string) (review.Candidate, bool)
	EventCandidate(id string) (review.EventCandidate, bool)
}

// reviewActions are what the review panel asks the window to do.
type reviewActions struct {
	goTo           func(i int)            // make disagreement i current
	step           func(by int)           // next (+1) or previous (-1) disagreement
	selectItem     func(id string)        // select a candidate or gold item
	accept         func(id string)        // accept a candidate
	dismiss        func(id string)        // dismiss a candidate
	acceptArgument func(id string, i int) // accept argument i of an event candidate
}

// reviewPanel is the reviewer's side panel: the open document's
// disagreements with what each annotator chose and how many are left;
// the candidates where the reviewer is (the current disagreement, else
// the selection, else the whole document) with their annotators, each
// with Accept and Dismiss; and the selected item: a gold item's
// provenance, or a candidate's annotators and an event's arguments.
type reviewPanel struct {
	widget.BaseWidget
	src    reviewPanelSource
	act    reviewActions
	labels *labelEngine
	colour func(annotator string) color.Color

	left      *canvas.Text    // counts change with every accept: a canvas.Text costs nothing to change
	legend    *fyne.Container // each compared annotator's colour and name
	legendOf  []string
	disputes  *widget.List
	here      *widget.List
	hereTitle *canvas.Text
	detail    *fyne.Container
	content   fyne.CanvasObject

	items []string // the candidate ids the "here" list shows
	quiet bool     // set while the lists follow the session
	// What the lists show, to redraw only what changed: the session's
	// review version each was drawn at, the current disagreement, and
	// the row selected in the "here" list.
	listsAt, hereAt uint64
	current         int
	hereSel         int
	detailOf        string // the item the detail shows, at detailAt
	detailAt        uint64
	// The comparison the lists show and the marks their rows show, so
	// that an accept redraws only the rows it changed.
	shownCmp *review.Comparison
	settled  []bool // each disagreement's
	inGold   []bool // each "here" row's
}

func newReviewPanel(src reviewPanelSource, labels *labelEngine, colour func(string) color.Color, act reviewActions) *reviewPanel {
	p := &reviewPanel{src: src, act: act, labels: labels, colour: colour, current: -1, hereSel: -1}
	p.left = newHeadText()
	prev := widget.NewButton("▲", func() { p.act.step(-1) })
	next := widget.NewButton("▼", func() { p.act.step(1) })
	p.disputes = widget.NewList(
		func() int { return len(p.src.Disagreements()) },
		func() fyne.CanvasObject { return newDisputeRow(labels) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if ds := p.src.Disagreements(); i < len(ds) {
				o.(*disputeRow).update(ds[i], p.src.Settled(i), p.src.Text(ds[i].Span), p.choices(ds[i]))
			}
		})
	p.disputes.OnSelected = func(i widget.ListItemID) {
		if !p.quiet {
			p.act.goTo(i)
		}
	}
	p.hereTitle = newHeadText()
	p.here = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject { return newCandidateRow(labels, colour) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.items) {
				p.updateCandidateRow(o.(*candidateRow), p.items[i])
			}
		})
	p.here.OnSelected = func(i widget.ListItemID) {
		if !p.quiet && i < len(p.items) {
			p.act.selectItem(p.items[i])
		}
	}
	p.detail = container.NewVBox()
	p.legend = container.New(layout.NewCustomPaddedHBoxLayout(2))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(prev, next), container.NewPadded(p.left)), container.NewHScroll(p.legend))
	lower := container.NewVSplit(container.NewBorder(container.NewPadded(p.hereTitle), nil, nil, nil, p.here), container.NewVScroll(p.detail))
	lower.SetOffset(0.6)
	split := container.NewVSplit(p.disputes, lower)
	split.SetOffset(0.4)
	p.content = container.NewBorder(top, nil, nil, nil, split)
	src.Subscribe(p.follow)
	p.show()
	p.ExtendBaseWidget(p)
	return p
}

func (p *reviewPanel) follow(ev session.Event) {
	switch ev.(type) {
	case session.DocumentOpened, session.ModeChanged, session.ReviewChanged:
		// A change to gold in review mode publishes ReviewChanged after
		// LayerChanged: one redraw.
		p.show()
	case session.SelectionChanged:
		if p.src.Reviewing() {
			p.showHere()
			p.showDetail()
		}
	}
}

// show redraws the whole panel from the session.
func (p *reviewPanel) show() {
	if !p.src.Reviewing() {
		return
	}
	p.showLegend()
	if v := p.src.ReviewVersion(); v != p.listsAt {
		p.listsAt = v
		ds := p.src.Disagreements()
		setHead(p.left, fmt.Sprintf(tr("Disagreements: %d left of %d"), p.src.DisagreementsLeft(), len(ds)))
		p.refreshDisputes(ds)
		if cur := p.src.CurrentDisagreement(); cur != p.current {
			p.current = cur
			p.quiet = true
			if cur >= 0 {
				p.disputes.Select(cur)
				p.disputes.ScrollTo(cur)
			} else {
				p.disputes.UnselectAll()
			}
			p.quiet = false
		}
	}
	p.showHere()
	p.showDetail()
}

// refreshDisputes redraws the disagreements: all of them for another
// comparison, else only those whose settling changed.
func (p *reviewPanel) refreshDisputes(ds []review.Disagreement) {
	cmp := p.src.Comparison()
	settled := make([]bool, len(ds))
	for i := range ds {
		settled[i] = p.src.Settled(i)
	}
	if cmp != p.shownCmp || len(settled) != len(p.settled) {
		p.shownCmp = cmp
		p.disputes.Refresh()
	} else {
		for i, s := range settled {
			if s != p.settled[i] {
				p.disputes.RefreshItem(i)
			}
		}
	}
	p.settled = settled
}

// showLegend shows the colour of each annotator compared in the open
// document, when they changed.
func (p *reviewPanel) showLegend() {
	var names []string
	if cmp := p.src.Comparison(); cmp != nil {
		names = cmp.Annotators
	}
	if slices.Equal(names, p.legendOf) && p.legendOf != nil {
		return
	}
	p.legendOf = slices.Clone(names)
	if p.legendOf == nil {
		p.legendOf = []string{}
	}
	p.legend.Objects = nil
	for _, a := range names {
		sw := canvas.NewRectangle(p.colour(a))
		sw.SetMinSize(fyne.NewSize(12, 12))
		sw.CornerRadius = 2
		p.legend.Add(container.NewCenter(sw))
		p.legend.Add(widget.NewLabel(a))
	}
	if len(names) == 0 {
		p.legend.Add(widget.NewLabel(lang.L("No annotator has worked on this document yet.")))
	}
	p.legend.Refresh()
}

// choices formats each annotator's choice in a disagreement; an
// annotator who marked something else than the region shows its text.
func (p *reviewPanel) choices(d review.Disagreement) string {
	var parts []string
	for _, c := range p.src.Choices(d) {
		if len(c.Marks) == 0 {
			parts = append(parts, c.Annotator+": —")
			continue
		}
		var marks []string
		for _, m := range c.Marks {
			s := m.Type
			if m.Span != d.Span {
				s += " «" + clip(p.src.Text(m.Span), 18) + "»"
			}
			marks = append(marks, s)
		}
		parts = append(parts, c.Annotator+": "+strings.Join(marks, ", "))
	}
	return strings.Join(parts, " · ")
}

// spanChars is how much of a span's text the panel's rows show.
const spanChars = 22

// spanLabel is a label for an annotation's Arabic text in a list row:
// right-aligned, and clipped by the caller (clip) rather than truncated
// by Fyne, which measures the text again and again to fit it, at every
// change of the row.
func spanLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// clip shortens text to at most n code points.
func clip(text string, n int) string {
	if r := []rune(text); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return text
}

// showHere lists the candidates where the reviewer is: in the current
// disagreement, else under the selection, else in the whole document.
func (p *reviewPanel) showHere() {
	old := p.items
	p.items = make([]string, 0, len(old))
	cmp := p.src.Comparison()
	if cmp == nil {
		p.here.Refresh()
		return
	}
	ents, evs := p.src.VisibleCandidates()
	title := tr("Candidates in this document")
	var in func(corpus.Span) bool
	if cur := p.src.CurrentDisagreement(); cur >= 0 && cur < len(cmp.Disagreements) {
		d := cmp.Disagreements[cur]
		title = tr("Candidates in this disagreement")
		for _, i := range d.Entities {
			if slices.Contains(ents, i) {
				p.items = append(p.items, session.CandidateID(i))
			}
		}
		for _, i := range d.Events {
			if slices.Contains(evs, i) {
				p.items = append(p.items, session.EventCandidateID(i))
			}
		}
	} else {
		if sel := p.src.Selection(); sel.Len() > 0 {
			title = tr("Candidates here")
			in = func(sp corpus.Span) bool { return sp.Overlaps(sel) }
		}
		for _, i := range ents {
			if in == nil || in(cmp.Entities[i].Span) {
				p.items = append(p.items, session.CandidateID(i))
			}
		}
		for _, i := range evs {
			if in == nil || in(cmp.Events[i].Trigger) {
				p.items = append(p.items, session.EventCandidateID(i))
			}
		}
	}
	setHead(p.hereTitle, fmt.Sprintf("%s (%d)", title, len(p.items)))
	// The rows show gold's marks: redraw the list when it changed, else
	// the rows whose mark changed.
	changed := !slices.Equal(old, p.items)
	if v := p.src.ReviewVersion(); changed || v != p.hereAt {
		p.hereAt = v
		inGold := make([]bool, len(p.items))
		for i, id := range p.items {
			inGold[i] = p.candidateInGold(id)
		}
		if changed || len(inGold) != len(p.inGold) {
			p.here.Refresh()
		} else {
			for i, g := range inGold {
				if g != p.inGold[i] {
					p.here.RefreshItem(i)
				}
			}
		}
		p.inGold = inGold
	}
	if i := slices.Index(p.items, p.src.Selected()); changed || i != p.hereSel {
		p.hereSel = i
		p.quiet = true
		if i >= 0 {
			p.here.Select(i)
		} else {
			p.here.UnselectAll()
		}
		p.quiet = false
	}
}

// candidateInGold reports whether gold holds a candidate.
func (p *reviewPanel) candidateInGold(id string) bool {
	if c, ok := p.src.Candidate(id); ok {
		return c.Gold != ""
	}
	c, _ := p.src.EventCandidate(id)
	return c.Gold != ""
}

// newHeadText is a bold line of text in the theme's colour.
func newHeadText() *canvas.Text {
	t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	t.TextStyle.Bold = true
	return t
}

// setHead changes a head text, in the theme's current colour.
func setHead(t *canvas.Text, text string) {
	if c := theme.Color(theme.ColorNameForeground); t.Text != text || t.Color != c {
		t.Text, t.Color = text, c
		t.Refresh()
	}
}

// updateCandidateRow shows candidate id in a row.
func (p *reviewPanel) updateCandidateRow(r *candidateRow, id string) {
	n := 0
	if cmp := p.src.Comparison(); cmp != nil {
		n = len(cmp.Annotators)
	}
	if c, ok := p.src.Candidate(id); ok {
		r.update(id, c.Type, "", c.By, n, p.src.Text(c.Span), c.Gold != "")
	} else if c, ok := p.src.EventCandidate(id); ok {
		r.update(id, shortEventType(c.Type), fmt.Sprintf(" · %d %s", len(c.Args), tr("arguments")), c.By, n, p.src.Text(c.Trigger), c.Gold != "")
	}
	r.onAccept = p.act.accept
	r.onDismiss = p.act.dismiss
}

// showDetail shows the selected item: a gold item's provenance, a
// candidate's annotators, an event candidate's arguments.
func (p *reviewPanel) showDetail() {
	id, v := p.src.Selected(), p.src.ReviewVersion()
	if id == p.detailOf && v == p.detailAt {
		return
	}
	p.detailOf, p.detailAt = id, v
	p.detail.Objects = nil
	l := p.src.Layer()
	if e, ok := l.Entity(id); ok {
		p.addLine(fmt.Sprintf("%s %s «%s»", lang.L("Gold:"), e.Type, p.src.Text(e.Span())), widget.MediumImportance)
		p.addLine(provenance(e.Provenance), widget.LowImportance)
	} else if ev, ok := l.Event(id); ok {
		p.addLine(fmt.Sprintf("%s %s «%s», %d %s", lang.L("Gold:"), ev.Type, p.src.Text(ev.Trigger), len(ev.Arguments), tr("arguments")), widget.MediumImportance)
		p.addLine(provenance(ev.Provenance), widget.LowImportance)
	} else if c, ok := p.src.Candidate(id); ok {
		p.addLine(fmt.Sprintf("%s «%s» · %s", c.Type, p.src.Text(c.Span), strings.Join(c.By, ", ")), widget.MediumImportance)
	} else if c, ok := p.src.EventCandidate(id); ok {
		p.addLine(fmt.Sprintf("%s «%s» · %s", c.Type, p.src.Text(c.Trigger), strings.Join(c.By, ", ")), widget.MediumImportance)
		gold := p.goldEvent(c)
		for i, a := range c.Written {
			p.detail.Add(p.argumentLine(id, i, a, gold))
		}
	}
	p.detail.Refresh()
}

// goldEvent is gold's event with the candidate's trigger and type.
func (p *reviewPanel) goldEvent(c review.EventCandidate) *corpus.Event {
	for _, ev := range p.src.Layer().Events {
		if ev.Trigger == c.Trigger && ev.Type == c.Type {
			return &ev
		}
	}
	return nil
}

// argumentLine is one argument of an event candidate: its role, type and
// text, and whether gold's event has it (else a button to accept it).
func (p *reviewPanel) argumentLine(id string, i int, a review.Arg, gold *corpus.Event) fyne.CanvasObject {
	text := newBidiLabel(p.labels, fmt.Sprintf("%s: %s «%s»", a.Role, a.Type, p.src.Text(a.Span)))
	have := false
	if gold != nil {
		l := p.src.Layer()
		for _, ga := range gold.Arguments {
			if e, ok := l.Entity(ga.Entity); ok && ga.Role == a.Role && e.Span() == a.Span && e.Type == a.Type {
				have = true
			}
		}
	}
	var right fyne.CanvasObject
	switch {
	case have:
		right = widget.NewLabel("✓")
	case gold == nil:
		right = nil // the event itself is not in gold yet
	default:
		right = widget.NewButton(lang.L("Accept"), func() { p.act.acceptArgument(id, i) })
	}
	return container.NewBorder(nil, nil, nil, right, text)
}

// addLine adds a line of text, which may mix Arabic and Latin, to the
// detail.
func (p *reviewPanel) addLine(text string, imp widget.Importance) {
	l := newBidiLabel(p.labels, text)
	l.Importance = imp
	p.detail.Add(l)
}

// provenance says who put a gold item there, from whom and when.
func provenance(pv *corpus.Provenance) string {
	switch {
	case pv == nil:
		return lang.L("No provenance: made before review, or imported")
	case len(pv.From) == 0:
		return fmt.Sprintf(lang.L("Made by %s by hand, %s"), pv.By, pv.At.Local().Format("2006-01-02 15:04"))
	}
	return fmt.Sprintf(lang.L("Accepted by %s from %s, %s"), pv.By, strings.Join(pv.From, ", "), pv.At.Local().Format("2006-01-02 15:04"))
}

// CreateRenderer implements fyne.Widget.
func (p *reviewPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// disputeRow is one disagreement: its kind and text, and each annotator's
// choice (names and text may be Arabic: a BidiLabel).
type disputeRow struct {
	widget.BaseWidget
	kind, text *widget.Label
	choices    *BidiLabel
}

func newDisputeRow(labels *labelEngine) *disputeRow {
	r := &disputeRow{kind: widget.NewLabel("boundary"), text: spanLabel(), choices: newBidiLabel(labels, "")}
	r.kind.TextStyle.Bold = true
	r.choices.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

// update shows disagreement d over text with each annotator's choice.
func (r *disputeRow) update(d review.Disagreement, settled bool, text, choices string) {
	mark := "⚠ "
	if settled {
		mark = "✓ "
	}
	setText(r.kind, mark+lang.L(string(d.Kind)))
	setText(r.text, clip(text, spanChars))
	r.choices.SetText(choices)
}

// CreateRenderer implements fyne.Widget.
func (r *disputeRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.NewBorder(nil, nil, r.kind, nil, r.text), r.choices))
}

// candidateRow is one candidate: a swatch per annotator who made it, its
// type and count, the names, its text, and Accept / Dismiss.
type candidateRow struct {
	widget.BaseWidget
	id                  string
	colour              func(string) color.Color
	swatches            []*canvas.Rectangle
	typ, text           *widget.Label
	names               *BidiLabel
	accept, dismiss     *widget.Button
	onAccept, onDismiss func(id string)
}

const maxSwatches = 6

func newCandidateRow(labels *labelEngine, colour func(string) color.Color) *candidateRow {
	r := &candidateRow{colour: colour, typ: widget.NewLabel("Type.Subtype ×9"), text: spanLabel(), names: newBidiLabel(labels, "")}
	r.typ.TextStyle.Bold = true
	r.names.Importance = widget.LowImportance
	for range maxSwatches {
		s := canvas.NewRectangle(color.Transparent)
		s.SetMinSize(fyne.NewSize(8, 14))
		s.CornerRadius = 2
		r.swatches = append(r.swatches, s)
	}
	r.accept = widget.NewButtonWithIcon("", theme.ConfirmIcon(), func() {
		if r.onAccept != nil {
			r.onAccept(r.id)
		}
	})
	r.dismiss = widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		if r.onDismiss != nil {
			r.onDismiss(r.id)
		}
	})
	r.ExtendBaseWidget(r)
	return r
}

// update shows candidate id of type typ over text, made by by of n
// annotators (with more said after their names); inGold when gold holds
// it.
func (r *candidateRow) update(id, typ, more string, by []string, n int, text string, inGold bool) {
	r.id = id
	for i, s := range r.swatches {
		if i >= len(by) {
			s.Hide()
			continue
		}
		if c := r.colour(by[i]); s.FillColor != c || !s.Visible() {
			s.FillColor = c
			s.Show()
			s.Refresh()
		}
	}
	// Marked rather than disabled when in gold: a button's state change
	// redraws its icon, which an accept would pay for on every row.
	mark := ""
	if inGold {
		mark = "✓ "
	}
	setText(r.typ, fmt.Sprintf("%s%s ×%d", mark, typ, len(by)))
	setText(r.text, clip(text, spanChars))
	names := strings.Join(by, ", ")
	if len(by) == n && n > 1 {
		names = tr("all") + ": " + names
	}
	r.names.SetText(names + more)
}

// CreateRenderer implements fyne.Widget.
func (r *candidateRow) CreateRenderer() fyne.WidgetRenderer {
	sw := container.New(layout.NewCustomPaddedHBoxLayout(1))
	for _, s := range r.swatches {
		sw.Add(s)
	}
	line1 := container.NewBorder(nil, nil, container.NewHBox(container.NewCenter(sw), r.typ), container.NewHBox(r.accept, r.dismiss))
	line2 := container.NewBorder(nil, nil, r.names, nil, r.text)
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(0), line1, line2))
}
