package corpus

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
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
// annotator when they are not empty. Each layer keeps its own log; this
// merges them in the order the changes were made.
func (s *Store) Changes(doc, annotator string) ([]Change, error) {
	var out []Change
	err := s.db.View(func(tx *bolt.Tx) error {
		read := func(d, ann string, b *bolt.Bucket) error {
			if annotator != "" && ann != annotator {
				return nil
			}
			c := b.Cursor()
			for k, v := c.Seek([]byte{prefixLog}); k != nil && k[0] == prefixLog; k, v = c.Next() {
				if len(k) != 9 || v == nil {
					continue
				}
				var ch Change
				if err := json.Unmarshal(v, &ch); err != nil {
					return fmt.Errorf("change %x of layer %s/%s: %w", k[1:], d, ann, err)
				}
				out = append(out, ch)
			}
			return nil
		}
		if doc != "" {
			return docLayers(tx, doc, func(ann string, b *bolt.Bucket) error { return read(doc, ann, b) })
		}
		return forEachLayer(tx, read)
	})
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Seq != b.Seq {
			return a.Seq < b.Seq
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		return a.Annotator < b.Annotator
	})
	return out, err
}

// CanUndo reports whether the layer has a change to undo.
func (s *Store) CanUndo(doc, annotator string) bool {
	return s.hasStack(doc, annotator, prefixUndo)
}

// CanRedo reports whether an undone change can be applied again.
func (s *Store) CanRedo(doc, annotator string) bool {
	return s.hasStack(doc, annotator, prefixRedo)
}

func (s *Store) hasStack(doc, annotator string, prefix byte) bool {
	found := false
	_ = s.db.View(func(tx *bolt.Tx) error {
		b := layerBucket(tx, doc, annotator)
		found = b != nil && stackFirst(b, prefix) != nil
		return nil
	})
	return found
}

// Undo reverts the layer's most recent change that is not yet undone.
// ok is false when there is nothing to undo. The undo history lives in the
// database, so it survives a restart.
func (s *Store) Undo(doc, annotator string) (ch Change, ok bool, err error) {
	return s.step(doc, annotator, prefixUndo, prefixRedo, "undo")
}

// Redo applies again the change most recently undone.
func (s *Store) Redo(doc, annotator string) (ch Change, ok bool, err error) {
	return s.step(doc, annotator, prefixRedo, prefixUndo, "redo")
}

func (s *Store) step(doc, annotator string, from, to byte, op string) (Change, bool, error) {
	sc, err := s.cachedSchema()
	if err != nil {
		return Change{}, false, err
	}
	var ch Change
	var done bool
	err = s.db.Update(func(tx *bolt.Tx) error {
		if layerBucket(tx, doc, annotator) == nil {
			return nil
		}
		e, err := beginEdit(tx, sc, doc, annotator, op)
		if err != nil {
			return err
		}
		// Undo takes the newest change; redo the oldest undone one, which is
		// the one undone most recently, since undo walks backwards.
		key := stackLast(e.b, from)
		if op == "redo" {
			key = stackFirst(e.b, from)
		}
		if key == nil {
			return nil
		}
		var orig Change
		if err := json.Unmarshal(e.b.Get(append([]byte{prefixLog}, key[1:]...)), &orig); err != nil {
			return fmt.Errorf("%s: change %x: %w", op, key, err)
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
		if err := e.b.Delete(key); err != nil {
			return err
		}
		if err := e.b.Put(stackKey(to, orig.Seq), nil); err != nil {
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
		before, err := load[Entity](e.b.Bucket(bucketEnts), id)
		if err != nil {
			return err
		}
		next, err := decodeState[Entity](state)
		if err != nil || before == nil && next == nil {
			return err
		}
		return e.putEntity(before, next)
	case KindEvent:
		before, err := load[Event](e.b.Bucket(bucketEvents), id)
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
