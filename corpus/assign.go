package corpus

import "fmt"

// Assignment gives one document to annotators.
type Assignment struct {
	Doc        string
	Annotators []string
}

// Assign marks each document as given to its annotators, in one
// transaction: their layers exist from then on (status new until they
// start), so the app lists an annotator's assignment first and reviewers
// see coverage. Assigning is not an annotation: it is not in the change
// log and undo does not revert it. Unassign with Assign(…, false).
func (s *Store) Assign(as []Assignment, assigned bool) (int, error) {
	n := 0
	err := s.update(func(tx WriteTx) error {
		n = 0
		for _, a := range as {
			if _, err := tx.DocInfo(a.Doc); err != nil {
				return fmt.Errorf("assign: %w", err)
			}
			for _, ann := range a.Annotators {
				if err := checkAnnotator(ann); err != nil {
					return fmt.Errorf("assign %s: %w", a.Doc, err)
				}
				if !assigned {
					if r, err := tx.Layer(a.Doc, ann); err != nil || r == nil {
						if err != nil {
							return err
						}
						continue
					}
				}
				lw, err := tx.LayerForUpdate(a.Doc, ann)
				if err != nil {
					return err
				}
				info, err := lw.Info()
				if err != nil {
					return err
				}
				if info.Status == "" {
					info.Status = StatusNew
				}
				if info.Assigned == assigned {
					continue
				}
				info.Assigned = assigned
				if err := lw.SetInfo(info); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}
