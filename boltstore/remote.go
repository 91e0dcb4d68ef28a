package boltstore

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// remote is a database reached through the process that holds it (see
// share.go): every transaction is a connection to its socket.
type remote struct {
	path     string
	sock     string
	holder   Holder
	info     corpus.BackendInfo
	readOnly bool
}

// dialRemote connects to the process holding the database at path, if it
// shares it.
func dialRemote(path string, opt corpus.Options) (*remote, error) {
	sock, _, err := endpoint(path)
	if err != nil {
		return nil, err
	}
	r := &remote{path: path, sock: sock, readOnly: opt.ReadOnly}
	c, hello, err := r.dial()
	if err != nil {
		return nil, err
	}
	c.Close()
	r.holder, r.info = hello.Hello, hello.Info
	r.info.Location = path
	r.info.ReadOnly = opt.ReadOnly
	return r, nil
}

// dial opens a connection and says hello.
func (r *remote) dial() (*conn, response, error) {
	nc, err := net.DialTimeout("unix", r.sock, time.Second)
	if err != nil {
		return nil, response{}, err
	}
	c := &conn{Conn: nc, dec: gob.NewDecoder(nc), enc: gob.NewEncoder(nc)}
	var hello response
	if err := c.enc.Encode(request{Op: opHello}); err != nil {
		nc.Close()
		return nil, hello, err
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if err := c.dec.Decode(&hello); err != nil {
		nc.Close()
		return nil, hello, err
	}
	c.SetReadDeadline(time.Time{})
	return c, hello, nil
}

// Holder is the process the database is reached through.
func (r *remote) Holder() Holder { return r.holder }

func (r *remote) Describe() corpus.BackendInfo { return r.info }

func (r *remote) Close() error { return nil }

// begin starts a transaction of kind op on a new connection.
func (r *remote) begin(o op) (*rtx, error) {
	c, _, err := r.dial()
	if err != nil {
		return nil, fmt.Errorf("%s: the process holding it (%s) does not answer: %w", r.path, r.holder, err)
	}
	t := &rtx{c: c, path: r.path}
	resp, err := t.roundTrip(request{Op: o})
	if err == nil {
		err = resp.err()
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return t, nil
}

func (r *remote) View(fn func(corpus.ReadTx) error) error {
	t, err := r.begin(opBeginView)
	if err != nil {
		return err
	}
	defer t.c.Close()
	ferr := fn(t)
	resp, err := t.roundTrip(request{Op: opEnd})
	if ferr != nil {
		return ferr
	}
	if err != nil {
		return err
	}
	return resp.err()
}

func (r *remote) Update(fn func(corpus.WriteTx) error) error {
	if r.readOnly {
		return fmt.Errorf("%s: %w", r.path, corpus.ErrReadOnly)
	}
	t, err := r.begin(opBeginUpdate)
	if err != nil {
		return err
	}
	defer t.c.Close()
	t.write = true
	if ferr := fn(t); ferr != nil {
		t.roundTrip(request{Op: opRollback})
		return ferr
	}
	resp, err := t.roundTrip(request{Op: opCommit})
	if err != nil {
		return fmt.Errorf("%s: commit through %s: %w (the change may not be stored)", r.path, r.holder, err)
	}
	return resp.err()
}

// Backup streams a consistent copy of the file from the holder.
func (r *remote) Backup(w io.Writer) (int64, error) {
	c, _, err := r.dial()
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if err := c.enc.Encode(request{Op: opBackup}); err != nil {
		return 0, err
	}
	var n int64
	for {
		var resp response
		if err := c.dec.Decode(&resp); err != nil {
			return n, err
		}
		if len(resp.Data) > 0 {
			m, err := w.Write(resp.Data)
			n += int64(m)
			if err != nil {
				return n, err
			}
		}
		if resp.OK {
			return n, resp.err()
		}
	}
}

// CheckStorage runs bbolt's check in the holder.
func (r *remote) CheckStorage(ctx context.Context) ([]string, error) {
	c, _, err := r.dial()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := c.enc.Encode(request{Op: opCheck}); err != nil {
		return nil, err
	}
	var resp response
	if err := c.dec.Decode(&resp); err != nil {
		return nil, err
	}
	return resp.Found, resp.err()
}

// rtx is one remote transaction.
type rtx struct {
	c     *conn
	path  string
	write bool
	err   error // the connection broke: every later call fails
}

func (t *rtx) roundTrip(req request) (response, error) {
	var resp response
	if t.err != nil {
		return resp, t.err
	}
	if err := t.c.enc.Encode(req); err != nil {
		t.err = fmt.Errorf("%s: the connection to the process holding it broke: %w", t.path, err)
		return resp, t.err
	}
	if err := t.c.dec.Decode(&resp); err != nil {
		t.err = fmt.Errorf("%s: the connection to the process holding it broke: %w", t.path, err)
		return resp, t.err
	}
	return resp, nil
}

// call runs a request and returns its response or its error.
func (t *rtx) call(req request) (response, error) {
	resp, err := t.roundTrip(req)
	if err != nil {
		return resp, err
	}
	return resp, resp.err()
}

func (t *rtx) Schema() (*corpus.Schema, error) {
	r, err := t.call(request{Op: opSchema})
	return r.Schema, err
}

func (t *rtx) DocInfo(id string) (corpus.DocInfo, error) {
	r, err := t.call(request{Op: opDocInfo, ID: id})
	return r.DocInfo, err
}

func (t *rtx) Document(id string) (corpus.Document, error) {
	r, err := t.call(request{Op: opDocument, ID: id})
	return r.Document, err
}

func (t *rtx) DocByHash(sum string) (string, error) {
	r, err := t.call(request{Op: opDocByHash, ID: sum})
	return r.String, err
}

func (t *rtx) DocInfos(fn func(corpus.DocInfo) error) error {
	r, err := t.call(request{Op: opDocInfos})
	if err != nil {
		return err
	}
	for _, d := range r.DocInfos {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

func (t *rtx) DocIDsWithPrefix(prefix string, limit int) ([]string, error) {
	r, err := t.call(request{Op: opDocIDsWithPrefix, Prefix: prefix, Limit: limit})
	return r.Strings, err
}

func (t *rtx) Layer(doc, annotator string) (corpus.LayerReader, error) {
	r, err := t.call(request{Op: opLayer, Doc: doc, Annotator: annotator})
	if err != nil || !r.Exists {
		return nil, err
	}
	return &rlayer{t: t, doc: doc, ann: annotator}, nil
}

func (t *rtx) Layers(doc string, fn func(doc, annotator string, l corpus.LayerReader) error) error {
	r, err := t.call(request{Op: opLayers, Doc: doc})
	if err != nil {
		return err
	}
	for _, n := range r.Layers {
		if err := fn(n.Doc, n.Annotator, &rlayer{t: t, doc: n.Doc, ann: n.Annotator}); err != nil {
			return err
		}
	}
	return nil
}

func (t *rtx) SetSchema(sc corpus.Schema) error {
	_, err := t.call(request{Op: opSetSchema, Schema: &sc})
	return err
}

func (t *rtx) PutDocument(d corpus.Document, info corpus.DocInfo) error {
	_, err := t.call(request{Op: opPutDocument, Document: &d, DocInfo: &info})
	return err
}

func (t *rtx) LayerForUpdate(doc, annotator string) (corpus.LayerWriter, error) {
	if !t.write {
		return nil, errors.New("LayerForUpdate in a read transaction")
	}
	if _, err := t.call(request{Op: opLayerForUpdate, Doc: doc, Annotator: annotator}); err != nil {
		return nil, err
	}
	return &rlayer{t: t, doc: doc, ann: annotator}, nil
}

// rlayer is a layer named across the connection.
type rlayer struct {
	t        *rtx
	doc, ann string
}

func (l *rlayer) req(o op) request { return request{Op: o, Doc: l.doc, Annotator: l.ann} }

func (l *rlayer) call(r request) (response, error) { return l.t.call(r) }

func (l *rlayer) Info() (corpus.LayerInfo, error) {
	r, err := l.call(l.req(opInfo))
	return r.LayerInfo, err
}

func (l *rlayer) Entity(id string) (*corpus.Entity, error) {
	q := l.req(opEntity)
	q.ID = id
	r, err := l.call(q)
	return r.Entity, err
}

func (l *rlayer) Event(id string) (*corpus.Event, error) {
	q := l.req(opEvent)
	q.ID = id
	r, err := l.call(q)
	return r.Event, err
}

func (l *rlayer) EntityAt(start, end int, typ string) (string, error) {
	q := l.req(opEntityAt)
	q.Start, q.End, q.Type = start, end, typ
	r, err := l.call(q)
	return r.String, err
}

func (l *rlayer) Entities(fn func(corpus.Entity) error) error {
	r, err := l.call(l.req(opEntities))
	if err != nil {
		return err
	}
	for _, e := range r.Entities {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (l *rlayer) Events(fn func(corpus.Event) error) error {
	r, err := l.call(l.req(opEvents))
	if err != nil {
		return err
	}
	for _, e := range r.Events {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (l *rlayer) Change(seq uint64) (*corpus.Change, error) {
	q := l.req(opChange)
	q.Seq = seq
	r, err := l.call(q)
	return r.Change, err
}

func (l *rlayer) Changes(fn func(corpus.Change) error) error {
	r, err := l.call(l.req(opChanges))
	if err != nil {
		return err
	}
	for _, c := range r.Changes {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func (l *rlayer) StackEnds(s corpus.Stack) (uint64, uint64, bool, error) {
	q := l.req(opStackEnds)
	q.Stack = s
	r, err := l.call(q)
	return r.First, r.Last, r.OK, err
}

func (l *rlayer) StackAll(s corpus.Stack) ([]uint64, error) {
	q := l.req(opStackAll)
	q.Stack = s
	r, err := l.call(q)
	return r.Seqs, err
}

func (l *rlayer) SetInfo(info corpus.LayerInfo) error {
	q := l.req(opSetInfo)
	q.LayerInfo = &info
	_, err := l.call(q)
	return err
}

func (l *rlayer) PutEntity(before, after *corpus.Entity) error {
	q := l.req(opPutEntity)
	q.Before, q.After = before, after
	_, err := l.call(q)
	return err
}

func (l *rlayer) PutEvent(before, after *corpus.Event) error {
	q := l.req(opPutEvent)
	q.EvBefore, q.EvAfter = before, after
	_, err := l.call(q)
	return err
}

func (l *rlayer) PutChange(ch corpus.Change) error {
	q := l.req(opPutChange)
	q.Change = &ch
	_, err := l.call(q)
	return err
}

func (l *rlayer) StackPush(s corpus.Stack, seq uint64) error {
	q := l.req(opStackPush)
	q.Stack, q.Seq = s, seq
	_, err := l.call(q)
	return err
}

func (l *rlayer) StackRemove(s corpus.Stack, seq uint64) error {
	q := l.req(opStackRemove)
	q.Stack, q.Seq = s, seq
	_, err := l.call(q)
	return err
}

func (l *rlayer) StackClear(s corpus.Stack) error {
	q := l.req(opStackClear)
	q.Stack = s
	_, err := l.call(q)
	return err
}
