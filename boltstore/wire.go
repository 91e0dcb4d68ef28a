package boltstore

import (
	"errors"
	"fmt"

	"github.com/tawsim/tawsim/corpus"
)

// The wire protocol between a process holding a database (the server:
// usually the app) and another that needs it meanwhile (a client: a
// tawsimctl command). A connection carries one transaction: the client
// sends requests, gob-encoded, one at a time, and reads each response;
// the transaction's methods map one to one onto the corpus.ReadTx,
// WriteTx and layer interfaces, so every command works unchanged.
type op uint8

const (
	opHello op = iota + 1
	opBeginView
	opBeginUpdate
	opEnd      // end a view
	opCommit   // commit an update
	opRollback // roll an update back
	opBackup   // stream a consistent copy of the file
	opCheck    // bbolt's consistency check

	opSchema
	opSetSchema
	opDocInfo
	opDocument
	opDocByHash
	opDocInfos
	opDocIDsWithPrefix
	opPutDocument
	opLayer // does the layer exist
	opLayers
	opLayerForUpdate

	opInfo
	opSetInfo
	opEntity
	opEvent
	opEntityAt
	opEntities
	opEvents
	opChange
	opChanges
	opStackEnds
	opStackAll
	opPutEntity
	opPutEvent
	opPutChange
	opStackPush
	opStackRemove
	opStackClear
)

// writesLayer reports whether a layer request changes the layer.
func (o op) writesLayer() bool {
	switch o {
	case opSetInfo, opPutEntity, opPutEvent, opPutChange, opStackPush, opStackRemove, opStackClear:
		return true
	}
	return false
}

// request is one call. Only the fields the op needs are set; gob leaves
// the others out of the stream.
type request struct {
	Op             op
	Doc, Annotator string
	ID, Prefix     string
	Limit          int
	Start, End     int
	Type           string
	Seq            uint64
	Stack          corpus.Stack
	Schema         *corpus.Schema
	Document       *corpus.Document
	DocInfo        *corpus.DocInfo
	LayerInfo      *corpus.LayerInfo
	Before, After  *corpus.Entity
	EvBefore       *corpus.Event
	EvAfter        *corpus.Event
	Change         *corpus.Change
}

// response is one call's result.
type response struct {
	Err       string
	Kind      errKind
	Hello     Holder
	Info      corpus.BackendInfo
	Schema    *corpus.Schema
	Document  corpus.Document
	DocInfo   corpus.DocInfo
	DocInfos  []corpus.DocInfo
	Strings   []string
	String    string
	Exists    bool
	Layers    []layerName
	LayerInfo corpus.LayerInfo
	Entity    *corpus.Entity
	Entities  []corpus.Entity
	Event     *corpus.Event
	Events    []corpus.Event
	Change    *corpus.Change
	Changes   []corpus.Change
	First     uint64
	Last      uint64
	Seqs      []uint64
	OK        bool
	Found     []string
	Data      []byte // a chunk of a backup
}

type layerName struct{ Doc, Annotator string }

// errKind carries the sentinel an error wrapped across the connection.
type errKind uint8

const (
	errOther errKind = iota
	errNotFound
	errDamaged
	errReadOnly
)

func kindOf(err error) errKind {
	switch {
	case errors.Is(err, corpus.ErrNotFound):
		return errNotFound
	case errors.Is(err, corpus.ErrDamaged):
		return errDamaged
	case errors.Is(err, corpus.ErrReadOnly):
		return errReadOnly
	}
	return errOther
}

// remoteError is an error the server reported, with its sentinel intact
// for errors.Is.
type remoteError struct {
	msg  string
	kind errKind
}

func (e *remoteError) Error() string { return e.msg }

func (e *remoteError) Unwrap() error {
	switch e.kind {
	case errNotFound:
		return corpus.ErrNotFound
	case errDamaged:
		return corpus.ErrDamaged
	case errReadOnly:
		return corpus.ErrReadOnly
	}
	return nil
}

func (r *response) err() error {
	if r.Err == "" {
		return nil
	}
	return &remoteError{msg: r.Err, kind: r.Kind}
}

func (r *response) setErr(err error) {
	if err != nil {
		r.Err, r.Kind = err.Error(), kindOf(err)
	}
}

// Holder describes the process that holds a database, so that messages
// can name it.
type Holder struct {
	Program   string
	PID       int
	Annotator string
	Since     string // RFC 3339
}

func (h Holder) String() string {
	s := fmt.Sprintf("%s (pid %d", h.Program, h.PID)
	if h.Annotator != "" {
		s += ", annotator " + h.Annotator
	}
	if h.Since != "" {
		s += ", since " + h.Since
	}
	return s + ")"
}
