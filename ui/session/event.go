package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// EventTypes lists the schema's event types whose name contains query
// (case-insensitive): the searchable list behind the E key.
func (s *Session) EventTypes(query string) []corpus.EventType {
	q := strings.ToLower(strings.TrimSpace(query))
	var out []corpus.EventType
	for _, t := range s.schema.Events {
		if q == "" || strings.Contains(strings.ToLower(t.Name), q) {
			out = append(out, t)
		}
	}
	return out
}

// AddEvent makes the selection (or the selected entity's span) the trigger
// of a new event of type typ, and selects the event.
func (s *Session) AddEvent(typ string) (corpus.Event, error) {
	s.begin()
	defer s.end()
	trig := s.selection
	if e, ok := s.layer.Entity(s.selected); ok {
		trig = e.Span()
	}
	if trig.Len() <= 0 {
		return corpus.Event{}, errors.New("select the trigger word first (e.g. محادثات)")
	}
	var ev corpus.Event
	_, err := s.edit("add event", func(e *corpus.Edit) error {
		var err error
		add := corpus.Event{Type: typ, Trigger: trig}
		s.stamp(&add.Provenance)
		ev, err = e.AddEvent(add)
		return err
	})
	if err != nil {
		return ev, err
	}
	s.SelectAnnotation(ev.ID)
	return ev, nil
}

// Roles returns the roles an event's type allows.
func (s *Session) Roles(eventID string) []string {
	ev, ok := s.layer.Event(eventID)
	if !ok {
		return nil
	}
	t, _ := s.schema.EventType(ev.Type)
	return t.Roles
}

// AddArgument attaches an entity to an event in a role.
func (s *Session) AddArgument(eventID, entityID, role string) error {
	return s.changeEvent(eventID, "add argument", func(ev *corpus.Event) error {
		for _, a := range ev.Arguments {
			if a.Entity == entityID && a.Role == role {
				return fmt.Errorf("%s is already the %s of %s", entityID, role, eventID)
			}
		}
		ev.Arguments = append(ev.Arguments, corpus.Argument{Role: role, Entity: entityID})
		return nil
	})
}

// SetRole changes the role of argument i of an event.
func (s *Session) SetRole(eventID string, i int, role string) error {
	return s.changeEvent(eventID, "change role", func(ev *corpus.Event) error {
		if i < 0 || i >= len(ev.Arguments) {
			return fmt.Errorf("event %s has no argument %d", eventID, i+1)
		}
		ev.Arguments[i].Role = role
		return nil
	})
}

// RemoveArgument detaches argument i from an event.
func (s *Session) RemoveArgument(eventID string, i int) error {
	return s.changeEvent(eventID, "remove argument", func(ev *corpus.Event) error {
		if i < 0 || i >= len(ev.Arguments) {
			return fmt.Errorf("event %s has no argument %d", eventID, i+1)
		}
		ev.Arguments = slices.Delete(ev.Arguments, i, i+1)
		return nil
	})
}

func (s *Session) changeEvent(eventID, op string, fn func(ev *corpus.Event) error) error {
	s.begin()
	defer s.end()
	ev, ok := s.layer.Event(eventID)
	if !ok {
		return fmt.Errorf("event %s: %w", eventID, corpus.ErrNotFound)
	}
	ev.Arguments = slices.Clone(ev.Arguments)
	if err := fn(&ev); err != nil {
		return err
	}
	s.stamp(&ev.Provenance)
	_, err := s.edit(op, func(e *corpus.Edit) error { return e.SetEvent(ev) })
	return err
}
