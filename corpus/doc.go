// Package corpus holds Tawsim's domain: documents, their tokens and
// sentences, the annotation schema, per-annotator layers of entities and
// events, and the bbolt store that keeps them.
//
// Every offset in this package is a Unicode code point offset into the
// document text, half-open [Start, End). Go strings index bytes, so the
// conversion happens here, at the boundary, and nowhere else.
package corpus
