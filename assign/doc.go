// Package assign plans the annotation work: a reproducible sample of the
// corpus, stratified by source or by month, given to annotators so that
// every sampled document is seen by exactly K of them (the overlap
// agreement needs) and each annotator gets exactly N documents; and the
// coverage of that plan (documents with fewer than K done layers).
//
// The numbers constrain each other: A annotators with N documents each
// make A·N assignments, and K per document make them A·N/K documents, so
// K must divide A·N, K cannot exceed A (nobody reads a document twice),
// and the corpus must hold A·N/K documents not yet assigned.
//
// The package imports corpus only; the caller stores the plan with
// corpus.Store.Assign.
package assign
