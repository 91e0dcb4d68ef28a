package corpus

// AddEntity adds one entity to a layer as its own undoable change.
func (s *Store) AddEntity(doc, annotator string, ent Entity) (Entity, error) {
	_, err := s.Edit(doc, annotator, "add entity", func(e *Edit) error {
		var err error
		ent, err = e.AddEntity(ent)
		return err
	})
	return ent, err
}

// SetEntity retypes or resizes an entity.
func (s *Store) SetEntity(doc, annotator string, ent Entity) error {
	_, err := s.Edit(doc, annotator, "change entity", func(e *Edit) error { return e.SetEntity(ent) })
	return err
}

// DeleteEntity removes an entity and the event arguments that point to it.
func (s *Store) DeleteEntity(doc, annotator, id string) error {
	_, err := s.Edit(doc, annotator, "delete entity", func(e *Edit) error { return e.DeleteEntity(id) })
	return err
}

// AddEvent adds one event.
func (s *Store) AddEvent(doc, annotator string, ev Event) (Event, error) {
	_, err := s.Edit(doc, annotator, "add event", func(e *Edit) error {
		var err error
		ev, err = e.AddEvent(ev)
		return err
	})
	return ev, err
}

// SetEvent changes an event's type, trigger or arguments.
func (s *Store) SetEvent(doc, annotator string, ev Event) error {
	_, err := s.Edit(doc, annotator, "change event", func(e *Edit) error { return e.SetEvent(ev) })
	return err
}

// DeleteEvent removes an event.
func (s *Store) DeleteEvent(doc, annotator, id string) error {
	_, err := s.Edit(doc, annotator, "delete event", func(e *Edit) error { return e.DeleteEvent(id) })
	return err
}

// SetStatus marks a layer new, in progress or done.
func (s *Store) SetStatus(doc, annotator string, st Status) error {
	_, err := s.Edit(doc, annotator, "status", func(e *Edit) error { return e.SetStatus(st) })
	return err
}
