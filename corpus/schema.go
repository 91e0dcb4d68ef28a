package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// EntityType is one label annotators can put on a span.
type EntityType struct {
	Name        string `json:"name"`
	Colour      string `json:"colour"`           // #rrggbb
	Hotkey      string `json:"hotkey,omitempty"` // one key, e.g. "1" or "p"
	Description string `json:"description,omitempty"`
}

// EventType is one event label with the argument roles it allows.
type EventType struct {
	Name  string   `json:"name"` // Type.Subtype, e.g. Contact.Meet
	Roles []string `json:"roles"`
}

// Schema is the set of labels a corpus is annotated with.
type Schema struct {
	Preset   string       `json:"preset,omitempty"`
	Entities []EntityType `json:"entities"`
	Events   []EventType  `json:"events"`
}

// Clone returns a deep copy, so that a caller may edit it freely.
func (s Schema) Clone() Schema {
	out := Schema{Preset: s.Preset, Entities: append([]EntityType(nil), s.Entities...)}
	for _, e := range s.Events {
		out.Events = append(out.Events, EventType{Name: e.Name, Roles: append([]string(nil), e.Roles...)})
	}
	return out
}

// EntityType returns the entity type called name.
func (s *Schema) EntityType(name string) (EntityType, bool) {
	for _, t := range s.Entities {
		if t.Name == name {
			return t, true
		}
	}
	return EntityType{}, false
}

// EventType returns the event type called name.
func (s *Schema) EventType(name string) (EventType, bool) {
	for _, t := range s.Events {
		if t.Name == name {
			return t, true
		}
	}
	return EventType{}, false
}

// HasRole reports whether the event type allows role.
func (t EventType) HasRole(role string) bool { return slices.Contains(t.Roles, role) }

var (
	labelName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.\-]*$`)
	colourCode = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// Validate checks that names are usable as CoNLL/brat labels, unique, and
// that colours and hotkeys are well formed and unambiguous.
func (s *Schema) Validate() error {
	seen := map[string]bool{}
	keys := map[string]string{}
	for _, t := range s.Entities {
		if !labelName.MatchString(t.Name) {
			return fmt.Errorf("entity type %q: name must start with a Latin letter and hold only letters, digits, '_', '-' or '.'", t.Name)
		}
		if seen[t.Name] {
			return fmt.Errorf("entity type %q is defined twice", t.Name)
		}
		seen[t.Name] = true
		if !colourCode.MatchString(t.Colour) {
			return fmt.Errorf("entity type %s: colour %q is not #rrggbb", t.Name, t.Colour)
		}
		if t.Hotkey != "" {
			if len([]rune(t.Hotkey)) != 1 {
				return fmt.Errorf("entity type %s: hotkey %q must be one key", t.Name, t.Hotkey)
			}
			k := strings.ToLower(t.Hotkey)
			if other, ok := keys[k]; ok {
				return fmt.Errorf("entity types %s and %s share the hotkey %q", other, t.Name, t.Hotkey)
			}
			keys[k] = t.Name
		}
	}
	seen = map[string]bool{}
	for _, t := range s.Events {
		if !labelName.MatchString(t.Name) {
			return fmt.Errorf("event type %q: name must start with a Latin letter and hold only letters, digits, '_', '-' or '.'", t.Name)
		}
		if seen[t.Name] {
			return fmt.Errorf("event type %q is defined twice", t.Name)
		}
		seen[t.Name] = true
		roles := map[string]bool{}
		for _, r := range t.Roles {
			if !labelName.MatchString(r) {
				return fmt.Errorf("event type %s: role %q is not a usable name", t.Name, r)
			}
			if roles[r] {
				return fmt.Errorf("event type %s: role %s is listed twice", t.Name, r)
			}
			roles[r] = true
		}
	}
	return nil
}
