package corpus

import (
	"encoding/json"
	"slices"
	"time"
)

// Document is one imported article. Text is kept exactly as imported apart
// from the two normalisations done at import (a leading UTF-8 BOM is dropped
// and CRLF/CR line ends become LF); every offset refers to it.
type Document struct {
	ID       string                     `json:"id"`
	Title    string                     `json:"title"`
	Source   string                     `json:"source,omitempty"`
	Text     string                     `json:"text"`
	SHA256   string                     `json:"sha256"`
	Imported time.Time                  `json:"imported"`
	Meta     map[string]json.RawMessage `json:"meta,omitempty"`
	// Tokenizer is the version of Tawsim's tokenizer the text was cut with
	// (0 in documents stored before it was recorded: version 1).
	Tokenizer int `json:"tokenizer,omitempty"`
	// Tokenization holds the tokens and sentences of a document that came
	// from a token format; nil when Tawsim's tokenizer cuts it.
	Tokenization *Tokenization `json:"tokenization,omitempty"`
}

// Span is a half-open code point range [Start, End).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of code points in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Entity is a typed span in one annotator's layer.
type Entity struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	// Provenance is set on gold entities accepted in review.
	Provenance *Provenance `json:"provenance,omitempty"`
}

// Span returns the entity's range.
func (e Entity) Span() Span { return Span{e.Start, e.End} }

// Equal reports whether e and o are the same in every field, provenance
// included.
func (e Entity) Equal(o Entity) bool {
	return e.ID == o.ID && e.Start == o.Start && e.End == o.End && e.Type == o.Type && e.Provenance.Equal(o.Provenance)
}

// Provenance says where an adjudicated (gold) annotation came from: the
// reviewer who accepted it, the annotators who had marked it identically,
// and when.
type Provenance struct {
	By   string    `json:"by"`
	From []string  `json:"from,omitempty"`
	At   time.Time `json:"at"`
}

// Equal reports whether two provenances (either may be nil) are the same.
func (p *Provenance) Equal(o *Provenance) bool {
	if p == nil || o == nil {
		return p == o
	}
	return p.By == o.By && p.At.Equal(o.At) && slices.Equal(p.From, o.From)
}

// Argument links an entity of the same layer to an event in a role.
type Argument struct {
	Role   string `json:"role"`
	Entity string `json:"entity"`
}

// Event is a typed trigger span with role-labelled entity arguments.
type Event struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Trigger   Span       `json:"trigger"`
	Arguments []Argument `json:"arguments"`
	// Provenance is set on gold events accepted in review.
	Provenance *Provenance `json:"provenance,omitempty"`
}

// Status is an annotator's progress on one document.
type Status string

// The statuses a layer moves through.
const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in-progress"
	StatusDone       Status = "done"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	return s == StatusNew || s == StatusInProgress || s == StatusDone
}

// Gold is the annotator name of the adjudicated layer.
const Gold = "gold"

// Layer is one annotator's annotations of one document.
type Layer struct {
	Doc       string    `json:"doc"`
	Annotator string    `json:"annotator"`
	Status    Status    `json:"status"`
	Revision  uint64    `json:"revision"`
	Updated   time.Time `json:"updated"`
	// Synced is the revision at which the layer last came in whole from
	// another database (a bundle); 0 when it never did.
	Synced   uint64   `json:"synced,omitempty"`
	Entities []Entity `json:"entities"`
	Events   []Event  `json:"events"`
}

// Entity returns the entity with the given id.
func (l Layer) Entity(id string) (Entity, bool) {
	for _, e := range l.Entities {
		if e.ID == id {
			return e, true
		}
	}
	return Entity{}, false
}

// Event returns the event with the given id.
func (l Layer) Event(id string) (Event, bool) {
	for _, e := range l.Events {
		if e.ID == id {
			return e, true
		}
	}
	return Event{}, false
}
