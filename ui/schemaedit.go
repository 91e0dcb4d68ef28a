package ui

import (
	"slices"

	"github.com/tawsim/tawsim/corpus"
)

// schemaEdit is the settings dialog's working copy of the schema. Nothing
// reaches the store before Save; renames are remembered so that Save
// carries a renamed type's annotations along.
type schemaEdit struct {
	schema  corpus.Schema
	renamed map[string]string // stored name → current name
}

func newSchemaEdit(sc corpus.Schema) *schemaEdit {
	return &schemaEdit{schema: sc.Clone(), renamed: map[string]string{}}
}

// origin is the stored name of the type now called cur.
func (e *schemaEdit) origin(cur string) string {
	for o, c := range e.renamed {
		if c == cur {
			return o
		}
	}
	return cur
}

// rename remembers that the type called old is now called name.
func (e *schemaEdit) rename(old, name string) {
	if old != name {
		e.renamed[e.origin(old)] = name
	}
}

// setEntity replaces entity type i, or adds t when i < 0.
func (e *schemaEdit) setEntity(i int, t corpus.EntityType) {
	if i < 0 {
		e.schema.Entities = append(e.schema.Entities, t)
		return
	}
	e.rename(e.schema.Entities[i].Name, t.Name)
	e.schema.Entities[i] = t
}

// setEvent replaces event type i, or adds t when i < 0.
func (e *schemaEdit) setEvent(i int, t corpus.EventType) {
	if i < 0 {
		e.schema.Events = append(e.schema.Events, t)
		return
	}
	e.rename(e.schema.Events[i].Name, t.Name)
	e.schema.Events[i] = t
}

func (e *schemaEdit) removeEntity(i int) {
	e.schema.Entities = slices.Delete(e.schema.Entities, i, i+1)
}

func (e *schemaEdit) removeEvent(i int) { e.schema.Events = slices.Delete(e.schema.Events, i, i+1) }

// applyPreset replaces the entity types with a preset's (the event types
// stay). It reports whether anything changed: choosing the preset in use
// changes nothing.
func (e *schemaEdit) applyPreset(name string) (bool, error) {
	if name == "" || name == e.schema.Preset {
		return false, nil
	}
	ps, err := corpus.Preset(name)
	if err != nil {
		return false, err
	}
	e.schema.Preset, e.schema.Entities = ps.Preset, ps.Entities
	return true, nil
}

// renames are the renames to save: a type renamed back to its stored name
// is no rename.
func renames(renamed map[string]string) map[string]string {
	out := make(map[string]string, len(renamed))
	for o, n := range renamed {
		if o != n {
			out[o] = n
		}
	}
	return out
}
