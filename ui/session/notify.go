package session

import "github.com/tawsim/tawsim/corpus"

// Event is a change the session publishes to its subscribers. An event
// says what changed; a subscriber reads the rest from the session, which
// is already in its new state when the subscriber is called.
type Event interface{ sessionEvent() }

// DocumentOpened is published when a document opens (Doc is its id) or,
// with Doc empty, when Restart closes the open one. Text, tokens, layer,
// selection and suggestions are all new.
type DocumentOpened struct{ Doc string }

// LayerChanged is published when an action, an undo or a redo changed the
// open layer. Change is what the store logged; its Diffs say which
// entities, events and status changed (see Touches). A layer change may
// also move or drop the selected annotation, so subscribers showing the
// selection re-read it too.
type LayerChanged struct{ Change corpus.Change }

// Touches reports whether the change altered an item of kind
// (corpus.KindEntity, KindEvent or KindStatus).
func (e LayerChanged) Touches(kind string) bool {
	for _, d := range e.Change.Diffs {
		if d.Kind == kind {
			return true
		}
	}
	return false
}

// SelectionChanged is published when the text selection, the selected
// annotation or the picked suggestion was set.
type SelectionChanged struct{}

// SuggestionsChanged is published when the suggestions changed while the
// layer did not: a suggestion was dismissed.
type SuggestionsChanged struct{}

// SchemaChanged is published when the schema was read again (Restart):
// entity and event types, colours, hotkeys and roles.
type SchemaChanged struct{}

// DocumentsChanged is published when the document list or its statuses
// and counts changed beyond the open document: an import, another
// database or annotator, labelling across the corpus.
type DocumentsChanged struct{}

// ModeChanged is published when the session switched between annotating
// and reviewing (see SetMode). The text is the same; the layer shown and
// edited (the annotator's or gold), the selection, the suggestions and
// the review state are all new, as after DocumentOpened.
type ModeChanged struct{}

// ReviewChanged is published in review mode when what the review shows
// changed while the annotators' layers did not: gold's marks on the
// candidates and the settled disagreements (after a change to gold, an
// undo or a redo, which also publish LayerChanged), a dismissed
// candidate, or the current disagreement.
type ReviewChanged struct{}

func (DocumentOpened) sessionEvent()     {}
func (LayerChanged) sessionEvent()       {}
func (SelectionChanged) sessionEvent()   {}
func (SuggestionsChanged) sessionEvent() {}
func (SchemaChanged) sessionEvent()      {}
func (DocumentsChanged) sessionEvent()   {}
func (ModeChanged) sessionEvent()        {}
func (ReviewChanged) sessionEvent()      {}

// publisher holds the subscribers and the events of the action under way.
// Events wait until the outermost action returns, so a subscriber never
// sees the state halfway through one (an added entity not yet selected).
type publisher struct {
	subs      []func(Event)
	pending   []Event
	selection bool // a SelectionChanged is due; it goes out once, last
	depth     int  // actions under way (an action may call another)
	// reviewVersion counts the events that may change what the review
	// shows; it outlives Restart, as the subscribers do.
	reviewVersion uint64
	flushing      bool
}

// Subscribe calls fn with every event the session publishes from now on,
// synchronously, on the goroutine that called the action: in the window,
// the UI goroutine (a background task comes back through fyne.Do first).
// Events go out when the action that caused them returns, in the order
// they happened, with at most one SelectionChanged, last. Subscribers are
// called in the order they subscribed and stay for the session's life.
func (s *Session) Subscribe(fn func(Event)) { s.pub.subs = append(s.pub.subs, fn) }

// begin and end bracket a public action: `s.begin(); defer s.end()`.
func (s *Session) begin() { s.pub.depth++ }

func (s *Session) end() {
	s.pub.depth--
	if s.pub.depth == 0 {
		s.pub.flush()
	}
}

// emit queues an event of the action under way (or sends it at once
// outside any action).
func (s *Session) emit(ev Event) {
	switch ev.(type) {
	case DocumentOpened, ModeChanged, ReviewChanged:
		s.pub.reviewVersion++
	}
	switch ev.(type) {
	case SelectionChanged:
		s.pub.selection = true
	case SuggestionsChanged, SchemaChanged, DocumentsChanged, ModeChanged, ReviewChanged:
		// Markers carry nothing: one of each per action is enough.
		for _, p := range s.pub.pending {
			if p == ev {
				return
			}
		}
		s.pub.pending = append(s.pub.pending, ev)
	default:
		s.pub.pending = append(s.pub.pending, ev)
	}
	if s.pub.depth == 0 {
		s.pub.flush()
	}
}

// flush delivers the queued events. A subscriber may call the session
// back; the events of that call join the queue instead of interleaving.
func (p *publisher) flush() {
	if p.flushing {
		return
	}
	p.flushing = true
	defer func() { p.flushing = false }()
	for {
		var ev Event
		switch {
		case len(p.pending) > 0:
			ev = p.pending[0]
			p.pending[0] = nil // let a delivered change go
			p.pending = p.pending[1:]
		case p.selection:
			ev, p.selection = SelectionChanged{}, false
		default:
			p.pending = p.pending[:0]
			return
		}
		for _, fn := range p.subs {
			fn(ev)
		}
	}
}
