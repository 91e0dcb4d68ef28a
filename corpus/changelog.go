package corpus

import (
	"container/heap"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// The kinds of item a Diff changes.
const (
	KindEntity = "entity"
	KindEvent  = "event"
	KindStatus = "status"
)

// Diff is one item's state before and after a change; a null side means
// the item did not exist.
type Diff struct {
	Kind   string          `json:"kind"`
	ID     string          `json:"id,omitempty"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

// Change is one entry of the change log: everything one action did to one
// layer. Undo and redo are changes too (Op "undo"/"redo", Ref naming the
// change they revert or repeat), so the log is a complete history.
type Change struct {
	Seq       uint64    `json:"seq"`
	Time      time.Time `json:"time"`
	Doc       string    `json:"doc"`
	Annotator string    `json:"annotator"`
	Op        string    `json:"op"`
	Ref       uint64    `json:"ref,omitempty"`
	Revision  uint64    `json:"revision"`
	Diffs     []Diff    `json:"diffs"`
}

// Changes returns the change log, oldest first, filtered to a document and
// annotator when they are not empty. Each layer keeps its own log in the
// order of its own change numbers; the logs are merged by time, each
// layer's order kept.
func (s *Store) Changes(doc, annotator string) ([]Change, error) {
	var logs [][]Change
	err := s.view(func(tx ReadTx) error {
		return tx.Layers(doc, func(d, ann string, r LayerReader) error {
			if annotator != "" && ann != annotator {
				return nil
			}
			var log []Change
			err := r.Changes(func(ch Change) error {
				log = append(log, ch)
				return nil
			})
			if len(log) > 0 {
				logs = append(logs, log)
			}
			return err
		})
	})
	return mergeLogs(logs), err
}

// mergeLogs merges per-layer logs by time, keeping each log's order.
func mergeLogs(logs [][]Change) []Change {
	h := &logHeap{}
	n := 0
	for _, l := range logs {
		n += len(l)
		heap.Push(h, l)
	}
	out := make([]Change, 0, n)
	for h.Len() > 0 {
		l := (*h)[0]
		out = append(out, l[0])
		if len(l) == 1 {
			heap.Pop(h)
		} else {
			(*h)[0] = l[1:]
			heap.Fix(h, 0)
		}
	}
	return out
}

// logHeap orders layer logs by their first change: time, then document
// and annotator.
type logHeap [][]Change

func (h logHeap) Len() int { return len(h) }
func (h logHeap) Less(i, j int) bool {
	a, b := h[i][0], h[j][0]
	if !a.Time.Equal(b.Time) {
		return a.Time.Before(b.Time)
	}
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Annotator < b.Annotator
}
func (h logHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *logHeap) Push(x any)   { *h = append(*h, x.([]Change)) }
func (h *logHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// CanUndo reports whether the layer has a change to undo.
func (s *Store) CanUndo(doc, annotator string) bool {
	return s.hasStack(doc, annotator, UndoStack)
}

// CanRedo reports whether an undone change can be applied again.
func (s *Store) CanRedo(doc, annotator string) bool {
	return s.hasStack(doc, annotator, RedoStack)
}

func (s *Store) hasStack(doc, annotator string, st Stack) bool {
	found := false
	_ = s.view(func(tx ReadTx) error {
		r, err := tx.Layer(doc, annotator)
		if err != nil || r == nil {
			return err
		}
		_, _, found, err = r.StackEnds(st)
		return err
	})
	return found
}

// Undo reverts the layer's most recent change that is not yet undone.
// ok is false when there is nothing to undo. The undo history lives in the
// database, so it survives a restart.
func (s *Store) Undo(doc, annotator string) (ch Change, ok bool, err error) {
	return s.step(doc, annotator, UndoStack, RedoStack, "undo")
}

// Redo applies again the change most recently undone.
func (s *Store) Redo(doc, annotator string) (ch Change, ok bool, err error) {
	return s.step(doc, annotator, RedoStack, UndoStack, "redo")
}

func (s *Store) step(doc, annotator string, from, to Stack, op string) (Change, bool, error) {
	sc, err := s.cachedSchema()
	if err != nil {
		return Change{}, false, err
	}
	var ch Change
	var done bool
	err = s.update(func(tx WriteTx) error {
		if r, err := tx.Layer(doc, annotator); err != nil || r == nil {
			return err
		}
		e, err := beginEdit(tx, sc, doc, annotator, op)
		if err != nil {
			return err
		}
		// Undo takes the newest change; redo the oldest undone one, which is
		// the one undone most recently, since undo walks backwards.
		first, last, ok, err := e.lw.StackEnds(from)
		if err != nil || !ok {
			return err
		}
		seq := last
		if op == "redo" {
			seq = first
		}
		orig, err := e.lw.Change(seq)
		if err != nil {
			return fmt.Errorf("%s: change %d: %w", op, seq, err)
		}
		if orig == nil {
			return fmt.Errorf("%s: change %d is on the %s stack but not in the log", op, seq, op)
		}
		diffs := orig.Diffs
		if op == "undo" {
			diffs = slices.Clone(diffs)
			slices.Reverse(diffs)
		}
		for _, d := range diffs {
			target := d.After
			if op == "undo" {
				target = d.Before
			}
			if err := e.restore(d.Kind, d.ID, target); err != nil {
				return fmt.Errorf("%s change %d: %w", op, orig.Seq, err)
			}
		}
		e.change.Ref = orig.Seq
		if err := e.commit(false); err != nil {
			return err
		}
		if err := e.lw.StackRemove(from, seq); err != nil {
			return err
		}
		if err := e.lw.StackPush(to, seq); err != nil {
			return err
		}
		ch, done = *e.change, true
		return nil
	})
	return ch, done, err
}

// restore sets one item to a logged state (null: absent). It bypasses
// validation on purpose: the state was valid when it was logged, and undo
// must work even after the schema changed.
func (e *Edit) restore(kind, id string, state json.RawMessage) error {
	switch kind {
	case KindEntity:
		before, err := e.lw.Entity(id)
		if err != nil {
			return err
		}
		next, err := decodeState[Entity](state)
		if err != nil || before == nil && next == nil {
			return err
		}
		return e.putEntity(before, next)
	case KindEvent:
		before, err := e.lw.Event(id)
		if err != nil {
			return err
		}
		next, err := decodeState[Event](state)
		if err != nil || before == nil && next == nil {
			return err
		}
		return e.putEvent(before, next)
	case KindStatus:
		var st Status
		if err := json.Unmarshal(state, &st); err != nil {
			return err
		}
		return e.SetStatus(st)
	}
	return fmt.Errorf("unknown change kind %q", kind)
}

// decodeState reads a logged item state; nil when the item was absent.
func decodeState[T any](state json.RawMessage) (*T, error) {
	if len(state) == 0 || string(state) == "null" {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal(state, v); err != nil {
		return nil, err
	}
	return v, nil
}
