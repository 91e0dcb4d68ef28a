package corpus

import (
	"context"
	"fmt"
	"unicode/utf8"
)

// StorageChecker is an optional Backend capability: the storage engine's
// own consistency check (bbolt's page check, say). Check runs it first.
type StorageChecker interface {
	CheckStorage(ctx context.Context) ([]string, error)
}

// Problem is one thing Check found wrong.
type Problem struct {
	Doc       string `json:"doc,omitempty"` // "" for the database as a whole
	Annotator string `json:"annotator,omitempty"`
	What      string `json:"problem"`
}

func (p Problem) String() string {
	switch {
	case p.Doc == "":
		return p.What
	case p.Annotator == "":
		return "document " + p.Doc + ": " + p.What
	}
	return "document " + p.Doc + ", layer " + p.Annotator + ": " + p.What
}

// CheckReport is what Check counted and found.
type CheckReport struct {
	Documents int       `json:"documents"`
	Layers    int       `json:"layers"`
	Entities  int       `json:"entities"`
	Events    int       `json:"events"`
	Changes   int       `json:"changes"`
	Storage   []string  `json:"storage"`  // the backend's own findings
	Problems  []Problem `json:"problems"` // Tawsim's, by document
}

// OK reports whether nothing was found wrong.
func (r CheckReport) OK() bool { return len(r.Storage) == 0 && len(r.Problems) == 0 }

// Check reads the whole database and checks what Tawsim relies on: every
// text's hash, every layer's counts, offsets inside their text, every
// event argument's entity present, the span index, the change log and the
// undo stacks; and, when the backend can, its own storage structure. It
// reports problems by document and keeps going past them; the error is
// for what stopped it (a cancel, a page that cannot be read at all).
func (s *Store) Check(ctx context.Context, progress func(done, total int)) (CheckReport, error) {
	var r CheckReport
	if sc, ok := s.be.(StorageChecker); ok {
		found, err := sc.CheckStorage(ctx)
		r.Storage = found
		if err != nil {
			return r, err
		}
	}
	err := s.view(func(tx ReadTx) error {
		sc, err := tx.Schema()
		if err != nil {
			r.Problems = append(r.Problems, Problem{What: err.Error()})
		}
		var docs []DocInfo
		if err := tx.DocInfos(func(d DocInfo) error { docs = append(docs, d); return nil }); err != nil {
			r.Problems = append(r.Problems, Problem{What: "the document list: " + err.Error()})
		}
		known := make(map[string]DocInfo, len(docs))
		for _, d := range docs {
			known[d.ID] = d
		}
		c := checker{tx: tx, schema: sc, report: &r}
		for i, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			c.document(d)
			if progress != nil {
				progress(i+1, len(docs))
			}
		}
		return tx.Layers("", func(doc, ann string, l LayerReader) error {
			d, ok := known[doc]
			if !ok {
				c.problem(doc, ann, "a layer of a document that does not exist")
				return nil
			}
			c.layer(d, ann, l)
			return nil
		})
	})
	return r, err
}

type checker struct {
	tx     ReadTx
	schema *Schema
	report *CheckReport
}

func (c *checker) problem(doc, ann, format string, a ...any) {
	c.report.Problems = append(c.report.Problems, Problem{Doc: doc, Annotator: ann, What: fmt.Sprintf(format, a...)})
}

func (c *checker) document(info DocInfo) {
	c.report.Documents++
	d, err := c.tx.Document(info.ID)
	if err != nil {
		c.problem(info.ID, "", "%v", err)
		return
	}
	switch {
	case !utf8.ValidString(d.Text):
		c.problem(d.ID, "", "the text is not valid UTF-8")
	case TextHash(d.Text) != d.SHA256:
		c.problem(d.ID, "", "the text does not match its SHA-256: it changed after import")
	case utf8.RuneCountInString(d.Text) != info.Runes:
		c.problem(d.ID, "", "the list record says %d code points, the text has %d", info.Runes, utf8.RuneCountInString(d.Text))
	}
	if id, err := c.tx.DocByHash(d.SHA256); err != nil || id != d.ID {
		c.problem(d.ID, "", "the duplicate index does not point back to it (%q, %v)", id, err)
	}
}

func (c *checker) layer(d DocInfo, ann string, l LayerReader) {
	c.report.Layers++
	info, err := l.Info()
	if err != nil {
		c.problem(d.ID, ann, "%v", err)
		return
	}
	ents := map[string]bool{}
	n := 0
	err = l.Entities(func(e Entity) error {
		n++
		ents[e.ID] = true
		c.span(d, ann, "entity "+e.ID, e.Span())
		if c.schema != nil {
			if _, ok := c.schema.EntityType(e.Type); !ok {
				c.problem(d.ID, ann, "entity %s has type %q, which the schema lacks", e.ID, e.Type)
			}
		}
		if id, err := l.EntityAt(e.Start, e.End, e.Type); err != nil || id != e.ID {
			c.problem(d.ID, ann, "the span index does not find entity %s (%q, %v)", e.ID, id, err)
		}
		return nil
	})
	if err != nil {
		c.problem(d.ID, ann, "%v", err)
	}
	c.report.Entities += n
	if n != info.Entities {
		c.problem(d.ID, ann, "the layer record counts %d entities, the layer holds %d", info.Entities, n)
	}
	n = 0
	err = l.Events(func(ev Event) error {
		n++
		c.span(d, ann, "event "+ev.ID+" trigger", ev.Trigger)
		for _, a := range ev.Arguments {
			if !ents[a.Entity] {
				c.problem(d.ID, ann, "event %s: argument %s points to entity %s, which is not in the layer", ev.ID, a.Role, a.Entity)
			}
		}
		return nil
	})
	if err != nil {
		c.problem(d.ID, ann, "%v", err)
	}
	c.report.Events += n
	if n != info.Events {
		c.problem(d.ID, ann, "the layer record counts %d events, the layer holds %d", info.Events, n)
	}
	c.changes(d, ann, info, l)
}

func (c *checker) span(d DocInfo, ann, what string, s Span) {
	if s.Start < 0 || s.End > d.Runes || s.Start >= s.End {
		c.problem(d.ID, ann, "%s [%d,%d) lies outside the text (0..%d)", what, s.Start, s.End, d.Runes)
	}
}

func (c *checker) changes(d DocInfo, ann string, info LayerInfo, l LayerReader) {
	var last uint64
	err := l.Changes(func(ch Change) error {
		c.report.Changes++
		last = max(last, ch.Seq)
		return nil
	})
	if err != nil {
		c.problem(d.ID, ann, "%v", err)
	}
	if last > info.Seq {
		c.problem(d.ID, ann, "change %d is numbered after the layer's counter (%d)", last, info.Seq)
	}
	for _, st := range []Stack{UndoStack, RedoStack} {
		first, lastSeq, ok, err := l.StackEnds(st)
		if err != nil {
			c.problem(d.ID, ann, "%v", err)
			continue
		}
		for _, seq := range []uint64{first, lastSeq} {
			if !ok {
				break
			}
			if ch, err := l.Change(seq); err != nil || ch == nil {
				c.problem(d.ID, ann, "the %s stack names change %d, which the log lacks", map[Stack]string{UndoStack: "undo", RedoStack: "redo"}[st], seq)
			}
		}
	}
}
