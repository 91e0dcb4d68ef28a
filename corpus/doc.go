// Package corpus holds Tawsim's domain: documents, their tokens and
// sentences, the annotation schema, per-annotator layers of entities and
// events, and the Store that keeps them: validation, the change log, undo
// and imports, written once over the Backend interface that the storage
// engines (boltstore, pgstore) implement and register.
//
// Every offset in this package is a Unicode code point offset into the
// document text, half-open [Start, End). Go strings index bytes, so the
// conversion happens here, at the boundary, and nowhere else.
package corpus
