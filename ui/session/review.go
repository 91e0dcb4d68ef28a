package session

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
)

// Mode says which layer the session shows and edits.
type Mode int

// The modes.
const (
	// Annotate: the annotator's own layer.
	Annotate Mode = iota
	// Review: the gold layer, built beside every annotator's layer of the
	// open document, conflated by review.Compare. Only gold changes;
	// the annotators' layers are read, never written.
	Review
)

// ReviewVersion changes whenever what the review shows may have changed
// (a document opened, the mode changed, ReviewChanged): a panel that
// drew at one version has nothing to redraw at the same one.
func (s *Session) ReviewVersion() uint64 { return s.pub.reviewVersion }

// errNotReviewing is what the review actions say in annotate mode.
var errNotReviewing = errors.New("switch to review mode first (Ctrl+R)")

// Mode is the session's mode.
func (s *Session) Mode() Mode { return s.mode }

// Reviewing reports whether the session is in review mode.
func (s *Session) Reviewing() bool { return s.mode == Review }

// owner is the name of the layer the session edits.
func (s *Session) owner() string {
	if s.mode == Review {
		return corpus.Gold
	}
	return s.annotator
}

// SetMode switches between annotating and reviewing. The open document
// stays open; its layer is read again (the annotator's, or gold with
// every annotator's layer), and the selection and suggestions start
// afresh. It publishes ModeChanged.
func (s *Session) SetMode(m Mode) error {
	if m == s.mode {
		return nil
	}
	s.begin()
	defer s.end()
	old := s.mode
	s.mode = m
	s.review = nil
	if s.doc.ID != "" {
		var l corpus.Layer
		var rv *reviewState
		var err error
		if m == Review {
			l, rv, err = s.loadReview(s.doc.ID)
		} else {
			l, err = s.store.Layer(s.doc.ID, s.annotator)
		}
		if err != nil {
			s.mode = old
			return err
		}
		s.layer, s.review = l, rv
	}
	s.sugs = suggestions{picked: -1}
	s.setSelection(corpus.Span{}, "")
	s.updateEntry()
	s.emit(ModeChanged{})
	return nil
}

// reviewState is the open document seen by a reviewer: the annotators'
// layers, conflated, with gold's marks kept current as gold changes.
type reviewState struct {
	layers []corpus.Layer     // the compared annotators' layers, sorted by name
	cmp    review.Comparison  // with Gold and Resolved following gold
	entKey []string           // Key() of each entity candidate, made once
	entK   []spanType         // the same as a comparable value, for markGold
	evKey  []string           // Key() of each event candidate
	ids    []string           // CandidateID(i), made once
	evIDs  []string           // EventCandidateID(i)
	shown  *visibleCandidates // the candidates not dismissed; nil: find again
	// gone and goneEv mark the dismissed candidates (the session's
	// dismissals of this document, looked up once).
	gone, goneEv []bool
	// current is the disagreement the reviewer is on (index into
	// cmp.Disagreements), or -1.
	current int
}

// spanType identifies an entity by content without building a string.
type spanType struct {
	span corpus.Span
	typ  string
}

// visibleCandidates are the candidates the reviewer has not dismissed.
type visibleCandidates struct{ entities, events []int }

// loadReview reads every layer of a document at once: gold, and the
// annotators' layers compared. A layer that was only assigned (status
// new, nothing in it) is nobody's work yet and is left out.
func (s *Session) loadReview(docID string) (corpus.Layer, *reviewState, error) {
	layers, err := s.store.Layers(docID)
	if err != nil {
		return corpus.Layer{}, nil, err
	}
	gold := corpus.Layer{Doc: docID, Annotator: corpus.Gold, Status: corpus.StatusNew, Entities: []corpus.Entity{}, Events: []corpus.Event{}}
	var ann []corpus.Layer
	for _, l := range layers {
		switch {
		case l.Annotator == corpus.Gold:
			gold = l
		case l.Status == corpus.StatusNew && len(l.Entities) == 0 && len(l.Events) == 0:
		default:
			ann = append(ann, l)
		}
	}
	rv := &reviewState{layers: ann, current: -1}
	rv.cmp = review.Compare(append(ann[:len(ann):len(ann)], gold))
	n, m := len(rv.cmp.Entities), len(rv.cmp.Events)
	rv.entKey, rv.entK, rv.ids, rv.gone = make([]string, n), make([]spanType, n), make([]string, n), make([]bool, n)
	for i, c := range rv.cmp.Entities {
		rv.entKey[i], rv.entK[i], rv.ids[i] = c.Key(), spanType{c.Span, c.Type}, CandidateID(i)
	}
	rv.evKey, rv.evIDs, rv.goneEv = make([]string, m), make([]string, m), make([]bool, m)
	for i, c := range rv.cmp.Events {
		rv.evKey[i], rv.evIDs[i] = c.Key(), EventCandidateID(i)
	}
	if len(s.dismissedCands) > 0 {
		for i, k := range rv.entKey {
			rv.gone[i] = s.dismissedCands[dismissKey(docID, 'C', k)]
		}
		for i, k := range rv.evKey {
			rv.goneEv[i] = s.dismissedCands[dismissKey(docID, 'V', k)]
		}
	}
	return gold, rv, nil
}

// markGold brings the comparison's marks up to date with gold: which
// candidates gold holds identically, and which disagreements gold has
// settled (it holds something in the region). It is what review.Compare
// does when given gold, without conflating the annotators' layers again
// (they do not change while a reviewer works): a helper review keeps
// unexported, written here.
func (r *reviewState) markGold(gold corpus.Layer) {
	ents := make(map[spanType]string, len(gold.Entities))
	for _, e := range gold.Entities {
		ents[spanType{e.Span(), e.Type}] = e.ID
	}
	for i := range r.cmp.Entities {
		r.cmp.Entities[i].Gold = ents[r.entK[i]]
	}
	evs := make(map[string]string, len(gold.Events))
	for _, ev := range gold.Events {
		if k, ok := eventKey(gold, ev); ok {
			evs[k] = ev.ID
		}
	}
	for i := range r.cmp.Events {
		r.cmp.Events[i].Gold = evs[r.evKey[i]]
	}
	entSpans := newSpanSet(gold.Entities)
	trigs := make([]corpus.Entity, len(gold.Events))
	for i, ev := range gold.Events {
		trigs[i] = corpus.Entity{Start: ev.Trigger.Start, End: ev.Trigger.End}
	}
	trigSpans := newSpanSet(trigs)
	for i := range r.cmp.Disagreements {
		d := &r.cmp.Disagreements[i]
		if len(d.Events) > 0 {
			d.Resolved = trigSpans.overlaps(d.Span)
		} else {
			d.Resolved = entSpans.overlaps(d.Span)
		}
	}
}

// eventKey is review.EventCandidate's Key of an event of layer l: its
// trigger, type and arguments by content, sorted as review sorts them.
// False when an argument's entity is missing.
func eventKey(l corpus.Layer, ev corpus.Event) (string, bool) {
	ec := review.EventCandidate{Trigger: ev.Trigger, Type: ev.Type}
	for _, a := range ev.Arguments {
		e, ok := l.Entity(a.Entity)
		if !ok {
			return "", false
		}
		ec.Args = append(ec.Args, review.Arg{Role: a.Role, Span: e.Span(), Type: e.Type})
	}
	sort.Slice(ec.Args, func(i, j int) bool {
		x, y := ec.Args[i], ec.Args[j]
		if x.Role != y.Role {
			return x.Role < y.Role
		}
		return review.Candidate{Span: x.Span, Type: x.Type}.Key() < review.Candidate{Span: y.Span, Type: y.Type}.Key()
	})
	return ec.Key(), true
}

// CandidateID names entity candidate i of the comparison ("C0", "C1" …)
// wherever it is shown or selected; EventCandidateID names event
// candidates ("V0" …). Gold's own ids are T… and E….
func CandidateID(i int) string { return "C" + strconv.Itoa(i) }

// EventCandidateID names event candidate i of the comparison.
func EventCandidateID(i int) string { return "V" + strconv.Itoa(i) }

// candidateIndex reads a candidate id: its kind ('C' or 'V') and index.
func (s *Session) candidateIndex(id string) (byte, int, bool) {
	if s.review == nil || len(id) < 2 || (id[0] != 'C' && id[0] != 'V') {
		return 0, 0, false
	}
	i, err := strconv.Atoi(id[1:])
	if err != nil || i < 0 {
		return 0, 0, false
	}
	if id[0] == 'C' && i < len(s.review.cmp.Entities) || id[0] == 'V' && i < len(s.review.cmp.Events) {
		return id[0], i, true
	}
	return 0, 0, false
}

func (s *Session) isCandidate(id string) bool {
	_, _, ok := s.candidateIndex(id)
	return ok
}

// candidateSpan is the span a candidate covers (an event's trigger).
func (s *Session) candidateSpan(id string) (corpus.Span, bool) {
	k, i, ok := s.candidateIndex(id)
	switch {
	case !ok:
		return corpus.Span{}, false
	case k == 'C':
		return s.review.cmp.Entities[i].Span, true
	}
	return s.review.cmp.Events[i].Trigger, true
}

// Comparison is the open document's comparison in review mode (nil
// otherwise): the annotators, the candidates (gold's marks current) and
// the disagreements. It is the session's: read it only.
func (s *Session) Comparison() *review.Comparison {
	if s.review == nil {
		return nil
	}
	return &s.review.cmp
}

// ReviewedLayers are the annotators' layers the comparison was made from.
func (s *Session) ReviewedLayers() []corpus.Layer {
	if s.review == nil {
		return nil
	}
	return s.review.layers
}

// Candidate is the entity candidate an id names.
func (s *Session) Candidate(id string) (review.Candidate, bool) {
	if k, i, ok := s.candidateIndex(id); ok && k == 'C' {
		return s.review.cmp.Entities[i], true
	}
	return review.Candidate{}, false
}

// EventCandidate is the event candidate an id names.
func (s *Session) EventCandidate(id string) (review.EventCandidate, bool) {
	if k, i, ok := s.candidateIndex(id); ok && k == 'V' {
		return s.review.cmp.Events[i], true
	}
	return review.EventCandidate{}, false
}

// dismissKey names a candidate by document, kind and content, so a
// dismissal outlives switching modes and documents.
func dismissKey(doc string, kind byte, key string) string {
	return doc + "\x00" + string(kind) + key
}

// Dismissed reports whether the reviewer dismissed a candidate.
func (s *Session) Dismissed(id string) bool {
	k, i, ok := s.candidateIndex(id)
	if !ok {
		return false
	}
	if k == 'C' {
		return s.review.gone[i]
	}
	return s.review.goneEv[i]
}

// VisibleCandidates are the indexes of the entity and event candidates
// the reviewer has not dismissed, in the comparison's (text) order. The
// slices stay the same until a dismissal changes them, so a panel can
// tell there is nothing to redraw; read them only.
func (s *Session) VisibleCandidates() (entities, events []int) {
	rv := s.review
	if rv == nil {
		return nil, nil
	}
	if rv.shown == nil {
		v := &visibleCandidates{entities: make([]int, 0, len(rv.ids)), events: make([]int, 0, len(rv.evIDs))}
		for i, gone := range rv.gone {
			if !gone {
				v.entities = append(v.entities, i)
			}
		}
		for i, gone := range rv.goneEv {
			if !gone {
				v.events = append(v.events, i)
			}
		}
		rv.shown = v
	}
	return rv.shown.entities, rv.shown.events
}

// DismissCandidate hides a candidate for the rest of the session: the
// reviewer rejects it. Gold does not change, so it is not in gold's
// history; the disagreement it was in is settled when every candidate
// of it not in gold is dismissed.
func (s *Session) DismissCandidate(id string) error {
	s.begin()
	defer s.end()
	k, i, ok := s.candidateIndex(id)
	if !ok {
		return fmt.Errorf("%s is not a candidate of this document", id)
	}
	if k == 'C' {
		s.review.gone[i] = true
		s.dismissedCands[dismissKey(s.doc.ID, k, s.review.entKey[i])] = true
	} else {
		s.review.goneEv[i] = true
		s.dismissedCands[dismissKey(s.doc.ID, k, s.review.evKey[i])] = true
	}
	s.review.shown = nil
	if s.selected == id {
		s.setSelection(s.selection, "")
	}
	s.emit(ReviewChanged{})
	return nil
}

// HeldError says an event cannot go into gold before the entities its
// arguments point to: accept again with the arguments (withArgs) to add
// both.
type HeldError struct {
	Event   string   // the event's type
	Missing []string // the arguments whose entity gold lacks, "role TYPE [s,e)"
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("%s: %d argument entities are not in gold yet (%s); accept them with the event", e.Event, len(e.Missing), strings.Join(e.Missing, "; "))
}

// AcceptCandidate adds a candidate to gold as one undoable change, with
// its provenance (this reviewer, the annotators who made it, now): an
// entity directly, an event through review.Apply. An event goes in whole, with every argument in its role; when gold lacks
// an argument's entity it returns a *HeldError and changes nothing,
// unless withArgs, which adds those entities too. The gold item that
// holds the candidate is selected afterwards.
func (s *Session) AcceptCandidate(id string, withArgs bool) (review.Applied, error) {
	s.begin()
	defer s.end()
	var p review.Plan
	if c, ok := s.Candidate(id); ok {
		return s.acceptEntity(c)
	} else if ec, ok := s.EventCandidate(id); ok {
		if g, ok := s.goldEventAt(ec.Trigger, ec.Type); ok && ec.Gold == "" {
			return review.Applied{}, fmt.Errorf("gold already has a %s event on this trigger (%s): accept the arguments you want one by one, or delete gold's event first", ec.Type, g.ID)
		}
		if !withArgs {
			if missing := s.missingArguments(ec); len(missing) > 0 {
				return review.Applied{}, &HeldError{Event: ec.Type, Missing: missing}
			}
		}
		p.Events = []review.EventCandidate{ec}
	} else if s.review == nil {
		return review.Applied{}, errNotReviewing
	} else {
		return review.Applied{}, errors.New("select a candidate to accept (click an outlined span, or Tab)")
	}
	res, err := s.applyPlan(p, "accept", withArgs)
	if err != nil {
		return res, err
	}
	if c, ok := s.Candidate(id); ok && c.Gold != "" {
		s.SelectAnnotation(c.Gold)
	} else if ec, ok := s.EventCandidate(id); ok && ec.Gold != "" {
		s.SelectAnnotation(ec.Gold)
	}
	return res, nil
}

// acceptEntity adds one entity candidate to gold, as review.Apply would
// (one change named "accept", the same provenance), without Apply's
// reading of the whole gold layer inside the transaction to find what
// it holds: the session holds gold already, and an accept must stay
// quick when gold has grown to a thousand entities.
func (s *Session) acceptEntity(c review.Candidate) (review.Applied, error) {
	if g, ok := s.goldEntity(c.Span, c.Type); ok {
		s.SelectAnnotation(g.ID)
		return review.Applied{Present: 1}, nil
	}
	var added corpus.Entity
	ch, err := s.edit("accept", func(e *corpus.Edit) error {
		var err error
		added, err = e.AddEntity(corpus.Entity{Start: c.Span.Start, End: c.Span.End, Type: c.Type,
			Provenance: &corpus.Provenance{By: s.annotator, From: slices.Clone(c.By), At: time.Now().UTC()}})
		return err
	})
	if err != nil {
		return review.Applied{}, fmt.Errorf("accept %s [%d,%d): %w", c.Type, c.Span.Start, c.Span.End, err)
	}
	s.SelectAnnotation(added.ID)
	return review.Applied{Entities: 1, Change: ch}, nil
}

// missingArguments lists the arguments of an event candidate whose
// entity gold lacks.
func (s *Session) missingArguments(ec review.EventCandidate) []string {
	var out []string
	for _, a := range ec.Written {
		if _, ok := s.goldEntity(a.Span, a.Type); !ok {
			out = append(out, fmt.Sprintf("%s %s [%d,%d)", a.Role, a.Type, a.Span.Start, a.Span.End))
		}
	}
	return out
}

// goldEntity is gold's entity with exactly this span and type.
func (s *Session) goldEntity(sp corpus.Span, typ string) (corpus.Entity, bool) {
	// Entities are sorted by start: look only at those starting here.
	es := s.layer.Entities
	i := sort.Search(len(es), func(i int) bool { return es[i].Start >= sp.Start })
	for ; i < len(es) && es[i].Start == sp.Start; i++ {
		if es[i].End == sp.End && es[i].Type == typ {
			return es[i], true
		}
	}
	return corpus.Entity{}, false
}

// goldEventAt is gold's event with this trigger and type.
func (s *Session) goldEventAt(trig corpus.Span, typ string) (corpus.Event, bool) {
	for _, ev := range s.layer.Events {
		if ev.Trigger == trig && ev.Type == typ {
			return ev, true
		}
	}
	return corpus.Event{}, false
}

// AcceptArgument adds argument i (in the order the annotator wrote them)
// of an event candidate to gold's event with the same trigger and type,
// as one undoable change. Gold must hold the argument's entity, else it
// returns a *HeldError, unless withEntity, which adds the entity too.
func (s *Session) AcceptArgument(id string, i int, withEntity bool) error {
	s.begin()
	defer s.end()
	ec, ok := s.EventCandidate(id)
	if !ok {
		return fmt.Errorf("%s is not an event candidate of this document", id)
	}
	if i < 0 || i >= len(ec.Written) {
		return fmt.Errorf("the event has no argument %d", i+1)
	}
	arg := ec.Written[i]
	ev, ok := s.goldEventAt(ec.Trigger, ec.Type)
	if !ok {
		return fmt.Errorf("gold has no %s event on this trigger yet: accept the event first", ec.Type)
	}
	ent, have := s.goldEntity(arg.Span, arg.Type)
	if !have && !withEntity {
		return &HeldError{Event: ec.Type, Missing: []string{fmt.Sprintf("%s %s [%d,%d)", arg.Role, arg.Type, arg.Span.Start, arg.Span.End)}}
	}
	for _, a := range ev.Arguments {
		if have && a.Entity == ent.ID && a.Role == arg.Role {
			return fmt.Errorf("gold's event already has %s as its %s", ent.ID, arg.Role)
		}
	}
	ev.Arguments = slices.Clone(ev.Arguments)
	_, err := s.edit("accept argument", func(e *corpus.Edit) error {
		if !have {
			var err error
			prov := &corpus.Provenance{By: s.annotator, From: slices.Clone(ec.By), At: time.Now().UTC()}
			if ent, err = e.AddEntity(corpus.Entity{Start: arg.Span.Start, End: arg.Span.End, Type: arg.Type, Provenance: prov}); err != nil {
				return err
			}
		}
		ev.Arguments = append(ev.Arguments, corpus.Argument{Role: arg.Role, Entity: ent.ID})
		return e.SetEvent(ev)
	})
	return err
}

// AcceptAgreed adds to gold every entity and event that at least k of
// the document's annotators marked identically (k ≤ 0: all of them),
// with the arguments' entities, as one undoable change. It is what
// `tawsimctl adjudicate --min-agree K --doc DOC` does, through the same
// code: review.Compare of the voting layers and gold, AtLeast(k),
// review.Apply. With onlyDone only layers marked done vote (the CLI's
// default, --status done); otherwise every layer shown does.
// Dismissed candidates stay out.
func (s *Session) AcceptAgreed(k int, onlyDone bool) (review.Applied, error) {
	s.begin()
	defer s.end()
	if s.review == nil {
		return review.Applied{}, errNotReviewing
	}
	voters := s.review.layers
	if onlyDone {
		voters = slices.DeleteFunc(slices.Clone(voters), func(l corpus.Layer) bool { return l.Status != corpus.StatusDone })
	}
	if len(voters) == 0 {
		return review.Applied{}, errors.New("no annotator has marked this document done: let every layer vote instead")
	}
	c := review.Compare(append(voters[:len(voters):len(voters)], s.layer))
	return s.applyPlan(s.undismissed(c.AtLeast(k)), fmt.Sprintf("accept agreed (%d)", k), true)
}

// AcceptAllOf adds everything one annotator marked to gold, with the
// arguments' entities, as one undoable change (dismissed candidates
// aside).
func (s *Session) AcceptAllOf(annotator string) (review.Applied, error) {
	s.begin()
	defer s.end()
	if s.review == nil {
		return review.Applied{}, errNotReviewing
	}
	if !slices.Contains(s.review.cmp.Annotators, annotator) {
		return review.Applied{}, fmt.Errorf("%s has no layer on this document", annotator)
	}
	return s.applyPlan(s.undismissed(s.review.cmp.Of(annotator)), "accept all of "+annotator, true)
}

// AcceptUndisputed merges everything not in dispute into gold as one
// undoable change: the candidates every annotator agrees on and those
// where the others marked nothing (review's Undisputed), dismissed ones
// aside.
func (s *Session) AcceptUndisputed() (review.Applied, error) {
	s.begin()
	defer s.end()
	if s.review == nil {
		return review.Applied{}, errNotReviewing
	}
	return s.applyPlan(s.undismissed(s.review.cmp.Undisputed()), "accept undisputed", true)
}

// undismissed drops the candidates the reviewer dismissed from a plan.
func (s *Session) undismissed(p review.Plan) review.Plan {
	if len(s.dismissedCands) == 0 {
		return p
	}
	p.Entities = slices.DeleteFunc(p.Entities, func(c review.Candidate) bool { return s.dismissedCands[dismissKey(s.doc.ID, 'C', c.Key())] })
	p.Events = slices.DeleteFunc(p.Events, func(c review.EventCandidate) bool { return s.dismissedCands[dismissKey(s.doc.ID, 'V', c.Key())] })
	return p
}

// applyPlan adds a plan to gold with review.Apply (one change in gold's
// history, with provenance) and folds the change in.
func (s *Session) applyPlan(p review.Plan, op string, withArgs bool) (review.Applied, error) {
	if s.review == nil {
		return review.Applied{}, errNotReviewing
	}
	if p.Len() == 0 {
		return review.Applied{}, nil
	}
	res, err := review.Apply(s.store, s.doc.ID, s.annotator, p, review.ApplyOptions{Op: op, WithArguments: withArgs})
	if err != nil {
		return res, err
	}
	return res, s.record(res.Change)
}

// stamp records, in review mode, that the reviewer made or changed a gold
// item by hand: their name and the time, no annotators.
func (s *Session) stamp(p **corpus.Provenance) {
	if s.mode == Review {
		*p = &corpus.Provenance{By: s.annotator, At: time.Now().UTC()}
	}
}

// Disagreements are the open document's disagreements in text order
// (review mode), gold's settling marked.
func (s *Session) Disagreements() []review.Disagreement {
	if s.review == nil {
		return nil
	}
	return s.review.cmp.Disagreements
}

// Settled reports whether disagreement i needs no more attention: gold
// holds something in its region, or the reviewer dismissed every
// candidate in it.
func (s *Session) Settled(i int) bool {
	ds := s.Disagreements()
	if i < 0 || i >= len(ds) {
		return false
	}
	d := ds[i]
	if d.Resolved {
		return true
	}
	for _, j := range d.Entities {
		if !s.review.gone[j] {
			return false
		}
	}
	for _, j := range d.Events {
		if !s.review.goneEv[j] {
			return false
		}
	}
	return true
}

// DisagreementsLeft counts the disagreements not settled.
func (s *Session) DisagreementsLeft() int {
	n := 0
	for i := range s.Disagreements() {
		if !s.Settled(i) {
			n++
		}
	}
	return n
}

// CurrentDisagreement is the index of the disagreement the reviewer is on,
// or -1.
func (s *Session) CurrentDisagreement() int {
	if s.review == nil {
		return -1
	}
	return s.review.current
}

// StepDisagreement goes to the next (by > 0) or previous (by < 0)
// disagreement still open, wrapping round; when every one is settled it
// steps through them all. With none current it starts from the
// selection. It reports false when the document has no disagreement.
func (s *Session) StepDisagreement(by int) (review.Disagreement, bool) {
	s.begin()
	defer s.end()
	ds := s.Disagreements()
	if len(ds) == 0 {
		return review.Disagreement{}, false
	}
	open := s.DisagreementsLeft() > 0
	cur := s.review.current
	if cur < 0 {
		// Start from the selection: the first region at or after it.
		cur = sort.Search(len(ds), func(i int) bool { return ds[i].Span.Start >= s.selection.Start })
		if by > 0 {
			cur--
		}
	}
	n := len(ds)
	for step := 1; step <= n; step++ {
		i := ((cur+sign(by)*step)%n + n) % n
		if !open || !s.Settled(i) {
			s.GoToDisagreement(i)
			return ds[i], true
		}
	}
	return review.Disagreement{}, false
}

// GoToDisagreement makes disagreement i current and selects its first
// candidate not in gold and not dismissed (else its region).
func (s *Session) GoToDisagreement(i int) {
	s.begin()
	defer s.end()
	ds := s.Disagreements()
	if i < 0 || i >= len(ds) {
		return
	}
	s.review.current = i
	d := ds[i]
	sel, id := d.Span, ""
	for _, j := range d.Entities {
		if c := s.review.cmp.Entities[j]; c.Gold == "" && !s.Dismissed(s.review.ids[j]) {
			sel, id = c.Span, s.review.ids[j]
			break
		}
	}
	for _, j := range d.Events {
		if c := s.review.cmp.Events[j]; id == "" && c.Gold == "" && !s.Dismissed(s.review.evIDs[j]) {
			sel, id = c.Trigger, s.review.evIDs[j]
		}
	}
	s.setSelection(sel, id)
	s.emit(ReviewChanged{})
}

// NextCandidate selects the next candidate after the selection that gold
// does not hold and the reviewer has not dismissed, wrapping round: Tab
// in review mode. It reports false when there is none.
func (s *Session) NextCandidate() (corpus.Span, bool) {
	s.begin()
	defer s.end()
	ents, _ := s.VisibleCandidates()
	if len(ents) == 0 {
		return corpus.Span{}, false
	}
	cmp := &s.review.cmp
	after := s.selection.Start
	if _, i, ok := s.candidateIndex(s.selected); ok && s.selected[0] == 'C' {
		after = cmp.Entities[i].Span.Start
		// Past the selected one among those starting at the same place.
		k := slices.Index(ents, i)
		for _, j := range ents[k+1:] {
			if cmp.Entities[j].Gold == "" {
				s.SelectAnnotation(s.review.ids[j])
				return cmp.Entities[j].Span, true
			}
		}
	} else {
		after--
	}
	for pass := 0; pass < 2; pass++ {
		for _, j := range ents {
			c := cmp.Entities[j]
			if c.Gold == "" && (pass == 1 || c.Span.Start > after) {
				s.SelectAnnotation(s.review.ids[j])
				return c.Span, true
			}
		}
	}
	return corpus.Span{}, false
}

// Choice is what one annotator marked in a disagreement's region: the
// spans and types of their candidates there (none: absent).
type Choice struct {
	Annotator string
	Marks     []Mark
}

// Mark is one annotation of a choice.
type Mark struct {
	Span corpus.Span
	Type string
}

// Choices lists each compared annotator's choice in a disagreement.
func (s *Session) Choices(d review.Disagreement) []Choice {
	if s.review == nil {
		return nil
	}
	cmp := &s.review.cmp
	out := make([]Choice, len(cmp.Annotators))
	for i, a := range cmp.Annotators {
		out[i].Annotator = a
	}
	add := func(by []string, m Mark) {
		for _, a := range by {
			if i := slices.Index(cmp.Annotators, a); i >= 0 {
				out[i].Marks = append(out[i].Marks, m)
			}
		}
	}
	for _, j := range d.Entities {
		c := cmp.Entities[j]
		add(c.By, Mark{c.Span, c.Type})
	}
	for _, j := range d.Events {
		c := cmp.Events[j]
		add(c.By, Mark{c.Trigger, c.Type})
	}
	return out
}

// describeCandidate is Describe for a candidate.
func (s *Session) describeCandidate(id string) string {
	if c, ok := s.Candidate(id); ok {
		return fmt.Sprintf("%s %s [%d, %d) · %d/%d: %s", id, c.Type, c.Span.Start, c.Span.End, len(c.By), len(s.review.cmp.Annotators), strings.Join(c.By, ", "))
	}
	if c, ok := s.EventCandidate(id); ok {
		return fmt.Sprintf("%s %s, %d arguments · %d/%d: %s", id, c.Type, len(c.Args), len(c.By), len(s.review.cmp.Annotators), strings.Join(c.By, ", "))
	}
	return ""
}
