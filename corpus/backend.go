package corpus

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Backend is a storage engine for a corpus: the driver side of Store, in
// the way database/sql/driver sits under database/sql. It stores and finds
// records; it knows nothing of validation, change logs or undo, which Store
// implements once for every backend on top of these transactions.
//
// A backend must give each View a consistent snapshot, run Updates one at
// a time (or detect conflicts), and make an Update all or nothing: when fn
// returns an error nothing of it may remain. The conformance suite in
// corpus/corpustest says what else a backend must do.
type Backend interface {
	View(fn func(ReadTx) error) error
	Update(fn func(WriteTx) error) error
	// Describe names the database for messages and says its layout.
	Describe() BackendInfo
	Close() error
}

// BackendInfo describes an open database.
type BackendInfo struct {
	Kind     string // "bbolt", "postgres", …
	Location string // a file path, or a URL without its password
	Layout   int    // the backend's storage layout version
	ReadOnly bool
}

// ReadTx reads one consistent state of the corpus.
type ReadTx interface {
	// Schema returns the stored schema, or nil when init has not stored one.
	Schema() (*Schema, error)
	// DocInfo and Document return ErrNotFound (wrapped) for an unknown id.
	DocInfo(id string) (DocInfo, error)
	Document(id string) (Document, error)
	// DocByHash returns the id of the document with this text hash, or "".
	DocByHash(sha256 string) (string, error)
	// DocInfos calls fn for every document in id order, which is import
	// order for the UUIDv7 ids Tawsim assigns.
	DocInfos(fn func(DocInfo) error) error
	// DocIDsWithPrefix returns up to limit document ids starting with prefix, in order.
	DocIDsWithPrefix(prefix string, limit int) ([]string, error)
	// Layer returns a reader of the layer, or nil when it does not exist.
	Layer(doc, annotator string) (LayerReader, error)
	// Layers calls fn for every layer of doc in annotator order, or of
	// every document (doc order, then annotator) when doc is "".
	Layers(doc string, fn func(doc, annotator string, l LayerReader) error) error
}

// WriteTx is a ReadTx that can change the corpus.
type WriteTx interface {
	ReadTx
	SetSchema(Schema) error
	// PutDocument stores a new document with its list record and hash.
	PutDocument(d Document, info DocInfo) error
	// LayerForUpdate returns a writer of the layer, creating it when it
	// does not exist.
	LayerForUpdate(doc, annotator string) (LayerWriter, error)
}

// LayerReader reads one annotator's layer of one document.
type LayerReader interface {
	Info() (LayerInfo, error)
	// Entity and Event return nil when there is no item with this id.
	Entity(id string) (*Entity, error)
	Event(id string) (*Event, error)
	// EntityAt returns the id of the entity of exactly this span and type, or "".
	EntityAt(start, end int, typ string) (string, error)
	// Entities and Events call fn for every item, in no particular order.
	Entities(fn func(Entity) error) error
	Events(fn func(Event) error) error
	// Change returns the logged change seq, or nil; Changes calls fn for
	// every logged change in seq order.
	Change(seq uint64) (*Change, error)
	Changes(fn func(Change) error) error
	// StackEnds returns the lowest and highest change seq on a stack.
	StackEnds(s Stack) (first, last uint64, ok bool, err error)
	// StackAll returns every change seq on a stack, ascending (copying a
	// database needs them all).
	StackAll(s Stack) ([]uint64, error)
}

// LayerWriter changes one layer inside a WriteTx.
type LayerWriter interface {
	LayerReader
	SetInfo(LayerInfo) error
	// PutEntity replaces before with after; either may be nil (add, delete).
	// The backend keeps what EntityAt needs up to date.
	PutEntity(before, after *Entity) error
	PutEvent(before, after *Event) error
	PutChange(Change) error
	StackPush(s Stack, seq uint64) error
	StackRemove(s Stack, seq uint64) error
	StackClear(s Stack) error
}

// BulkLayerWriter is an optional LayerWriter capability for replacing a
// whole layer at once (an import): the engine may clear and write items in
// whatever order it writes fastest. bbolt does: sorted keys append, where
// one by one each insert would move half a growing page (quadratic).
type BulkLayerWriter interface {
	// ClearItems removes every entity and event of the layer.
	ClearItems() error
	// PutEntities adds new entities (their ids and spans are free).
	PutEntities([]Entity) error
	// PutEvents adds new events (their ids are free).
	PutEvents([]Event) error
}

// Stack names a layer's undo or redo stack of change numbers.
type Stack byte

// The two stacks of a layer.
const (
	UndoStack Stack = 'u'
	RedoStack Stack = 'r'
)

// LayerInfo is the small record kept beside a layer's entities and
// events: its status and counts (so document lists need not read the
// items), and the counters that number its changes and new items. The
// counters live in the data, never in a storage engine's internals, so a
// compacted or copied database numbers on exactly as before.
type LayerInfo struct {
	Status     Status    `json:"status"`
	Revision   uint64    `json:"revision"`
	Updated    time.Time `json:"updated"`
	Entities   int       `json:"entities"`
	Events     int       `json:"events"`
	Seq        uint64    `json:"seq,omitempty"`         // the last change's number
	NextEntity uint64    `json:"next_entity,omitempty"` // the last T<n> handed out
	NextEvent  uint64    `json:"next_event,omitempty"`  // the last E<n> handed out
	// Synced is the revision the layer had when it last came in whole from
	// another database (a bundle): later local changes raise Revision
	// above it, which is how a bundle import tells a conflict.
	Synced uint64 `json:"synced,omitempty"`
	// Assigned says the annotator was given the document to annotate
	// (tawsimctl assign): the layer exists before any annotation.
	Assigned bool `json:"assigned,omitempty"`
	// EntityTypes and EventTypes count the layer's items by type, and
	// Changes its logged changes, kept up to date by every change, so that
	// stats reads no items. Counted is false in a layer written before
	// they were kept; its first change counts them.
	EntityTypes map[string]int `json:"entity_types,omitempty"`
	EventTypes  map[string]int `json:"event_types,omitempty"`
	Changes     int            `json:"changes,omitempty"`
	Counted     bool           `json:"counted,omitempty"`
}

// DocScanner is a ReadTx that can read documents with their layers in one
// pass, for a backend where a query per document and layer would cost a
// round trip each. Store.Scan uses it when the backend's ReadTx has it.
// ScanDocs calls fn for each document of ids in that order (nil: every
// document in id order; an unknown id is ErrNotFound, wrapped), with its
// layers sorted by annotator and limited to annotators unless that is nil.
// fn must not use the transaction meanwhile, and the readers need answer
// only Info, Entity, EntityAt, Entities and Events.
type DocScanner interface {
	ScanDocs(ids, annotators []string, fn func(Document, []NamedLayer) error) error
}

// A LayerInfoLister is a ReadTx that keeps every layer's info in one index,
// so that lists and counts of a whole corpus (Summaries, Stats, the app's
// document list) need not open each layer. LayerInfos calls fn for each
// layer in layer order (document, then annotator), or for one annotator's
// layers when annotator is not empty; the infos' EntityTypes and
// EventTypes are left nil unless typeCounts.
type LayerInfoLister interface {
	LayerInfos(annotator string, typeCounts bool, fn func(doc, annotator string, info LayerInfo) error) error
}

// A MemoryReleaser is a ReadTx whose reads map the database file into
// memory (bbolt): the pages a long scan has read stay in the process
// until released. Whole-corpus passes (Scan, imports) call ReleaseMemory
// now and then, so they hold a batch's pages rather than the whole file.
// The pages stay in the system's cache; reading them again is cheap.
type MemoryReleaser interface {
	ReleaseMemory()
}

// NamedLayer is one annotator's layer as ScanDocs yields it.
type NamedLayer struct {
	Annotator string
	Reader    LayerReader
}

// A Watcher is a Backend shared by several processes (a database server)
// that reports what others commit, for live updates. Watch returns once it
// listens, then calls fn from another goroutine for each committed change
// until ctx ends or the backend closes.
type Watcher interface {
	Watch(ctx context.Context, fn func(Notice)) error
}

// Notice names a committed change: a layer at its new revision, or a new
// document (Annotator ""). The zero Notice means reload everything: the
// schema changed, or notices may have been missed (a lost connection).
type Notice struct {
	Doc, Annotator string
	Revision       uint64
}

// ErrReadOnly is returned (wrapped) by a write to a database opened read-only.
var ErrReadOnly = errors.New("the database is open read-only")

// An Opener opens the database at target (a path or a URL) for a backend.
type Opener func(target string, opt Options) (Backend, error)

// backends is filled by RegisterBackend from the backends' init functions
// and only read afterwards, as database/sql's drivers are.
var backends struct {
	sync.RWMutex
	byScheme map[string]Opener
}

// RegisterBackend makes a backend available to Open for targets of a URL
// scheme ("postgres" for postgres://…); the scheme "" is for plain file
// paths. Registering a scheme twice panics: it is a programming error.
func RegisterBackend(scheme string, open Opener) {
	backends.Lock()
	defer backends.Unlock()
	if backends.byScheme == nil {
		backends.byScheme = map[string]Opener{}
	}
	if _, dup := backends.byScheme[scheme]; dup {
		panic("corpus: a backend for scheme " + strconv.Quote(scheme) + " is registered twice")
	}
	backends.byScheme[scheme] = open
}

// Scheme is the URL scheme of a database target: "postgres" for
// postgres://host/db, "" for a file path.
func Scheme(target string) string {
	scheme, _, ok := strings.Cut(target, "://")
	if !ok || strings.ContainsAny(scheme, "/\\") {
		return ""
	}
	return strings.ToLower(scheme)
}

func findBackend(target string) (Opener, error) {
	backends.RLock()
	defer backends.RUnlock()
	scheme := Scheme(target)
	if open, ok := backends.byScheme[scheme]; ok {
		return open, nil
	}
	var known []string
	for s := range backends.byScheme {
		if s == "" {
			s = "file path"
		}
		known = append(known, s)
	}
	sort.Strings(known)
	if scheme == "" {
		scheme = "a file path"
	}
	if len(known) == 0 {
		return nil, errors.New("no storage backend is compiled into this program")
	}
	return nil, fmt.Errorf("no storage backend for %s (this program knows: %s)", scheme, strings.Join(known, ", "))
}
