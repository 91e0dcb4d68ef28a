package boltstore

import (
	"fmt"

	"github.com/tawsim/tawsim/corpus"
)

// handler runs a client's requests on the server's transaction.
type handler struct {
	tx      corpus.ReadTx
	wtx     corpus.WriteTx // nil in a view
	touched []Touched
	seen    map[Touched]bool
}

func (h *handler) touch(doc, ann string) {
	t := Touched{doc, ann}
	if h.seen == nil {
		h.seen = map[Touched]bool{}
	}
	if !h.seen[t] {
		h.seen[t] = true
		h.touched = append(h.touched, t)
	}
}

// handle runs one request; a panic of bbolt on a damaged page becomes the
// request's error.
func (h *handler) handle(req request) (r response) {
	defer func() {
		if p := recover(); p != nil {
			r = response{}
			r.setErr(damagedError("the shared database", p))
		}
	}()
	if req.Op >= opInfo {
		return h.layerOp(req)
	}
	var err error
	switch req.Op {
	case opSchema:
		r.Schema, err = h.tx.Schema()
	case opDocInfo:
		r.DocInfo, err = h.tx.DocInfo(req.ID)
	case opDocument:
		r.Document, err = h.tx.Document(req.ID)
	case opDocByHash:
		r.String, err = h.tx.DocByHash(req.ID)
	case opDocInfos:
		err = h.tx.DocInfos(func(d corpus.DocInfo) error { r.DocInfos = append(r.DocInfos, d); return nil })
	case opDocIDsWithPrefix:
		r.Strings, err = h.tx.DocIDsWithPrefix(req.Prefix, req.Limit)
	case opLayer:
		var l corpus.LayerReader
		l, err = h.tx.Layer(req.Doc, req.Annotator)
		r.Exists = l != nil
	case opLayers:
		err = h.tx.Layers(req.Doc, func(doc, ann string, _ corpus.LayerReader) error {
			r.Layers = append(r.Layers, layerName{doc, ann})
			return nil
		})
	case opSetSchema, opPutDocument, opLayerForUpdate:
		err = h.write(req)
	default:
		err = fmt.Errorf("unknown request %d", req.Op)
	}
	r.setErr(err)
	return r
}

// write runs a transaction-level write.
func (h *handler) write(req request) error {
	if h.wtx == nil {
		return fmt.Errorf("a write in a read-only transaction: %w", corpus.ErrReadOnly)
	}
	switch req.Op {
	case opSetSchema:
		h.touch("", "")
		return h.wtx.SetSchema(*req.Schema)
	case opPutDocument:
		h.touch(req.Document.ID, "")
		return h.wtx.PutDocument(*req.Document, *req.DocInfo)
	default: // opLayerForUpdate
		_, err := h.wtx.LayerForUpdate(req.Doc, req.Annotator)
		return err
	}
}

// layerOp runs a request on one layer, found afresh in the transaction
// (a client's layer handle is just its name).
func (h *handler) layerOp(req request) (r response) {
	var l corpus.LayerReader
	var lw corpus.LayerWriter
	var err error
	if req.Op.writesLayer() {
		if h.wtx == nil {
			r.setErr(fmt.Errorf("a write in a read-only transaction: %w", corpus.ErrReadOnly))
			return r
		}
		lw, err = h.wtx.LayerForUpdate(req.Doc, req.Annotator)
		l = lw
		h.touch(req.Doc, req.Annotator)
	} else {
		l, err = h.tx.Layer(req.Doc, req.Annotator)
		if err == nil && l == nil {
			err = fmt.Errorf("layer %s/%s: %w", req.Doc, req.Annotator, corpus.ErrNotFound)
		}
	}
	if err != nil {
		r.setErr(err)
		return r
	}
	switch req.Op {
	case opInfo:
		r.LayerInfo, err = l.Info()
	case opEntity:
		r.Entity, err = l.Entity(req.ID)
	case opEvent:
		r.Event, err = l.Event(req.ID)
	case opEntityAt:
		r.String, err = l.EntityAt(req.Start, req.End, req.Type)
	case opEntities:
		err = l.Entities(func(e corpus.Entity) error { r.Entities = append(r.Entities, e); return nil })
	case opEvents:
		err = l.Events(func(e corpus.Event) error { r.Events = append(r.Events, e); return nil })
	case opChange:
		r.Change, err = l.Change(req.Seq)
	case opChanges:
		err = l.Changes(func(c corpus.Change) error { r.Changes = append(r.Changes, c); return nil })
	case opStackEnds:
		r.First, r.Last, r.OK, err = l.StackEnds(req.Stack)
	case opStackAll:
		r.Seqs, err = l.StackAll(req.Stack)
	case opSetInfo:
		err = lw.SetInfo(*req.LayerInfo)
	case opPutEntity:
		err = lw.PutEntity(req.Before, req.After)
	case opPutEvent:
		err = lw.PutEvent(req.EvBefore, req.EvAfter)
	case opPutChange:
		err = lw.PutChange(*req.Change)
	case opStackPush:
		err = lw.StackPush(req.Stack, req.Seq)
	case opStackRemove:
		err = lw.StackRemove(req.Stack, req.Seq)
	case opStackClear:
		err = lw.StackClear(req.Stack)
	default:
		err = fmt.Errorf("unknown request %d", req.Op)
	}
	r.setErr(err)
	return r
}
