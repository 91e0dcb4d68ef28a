// Package bundle exchanges annotators' work between Tawsim databases: a
// bundle holds one annotator's layers with each document's id, text and
// SHA-256, and the schema they were made with. Importing one matches
// documents by id, then by text hash, adds the documents the database
// lacks, refuses a layer whose text differs from the local one (its
// offsets would be wrong), and never overwrites a layer that changed on
// both sides since they were last exchanged.
package bundle

import (
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// Version is the bundle format this code writes and reads.
const Version = 1

// Ext is the file name extension of a bundle: gzip-compressed JSON lines.
const Ext = ".tawsim-bundle"

// Header is a bundle's first line.
type Header struct {
	Bundle    int           `json:"tawsim_bundle"` // format version
	Annotator string        `json:"annotator"`
	Status    string        `json:"status"` // "done" (only done layers) or "all"
	Created   time.Time     `json:"created"`
	Documents int           `json:"documents"`
	Schema    corpus.Schema `json:"schema"`
}

// Entry is one document of a bundle with the annotator's layer on it.
type Entry struct {
	Doc   corpus.Document `json:"doc"`
	Layer corpus.Layer    `json:"layer"`
}

// Bundle is a bundle read into memory.
type Bundle struct {
	Name    string // the file it came from, for messages
	Header  Header
	Entries []Entry
}
