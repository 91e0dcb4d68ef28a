// Package review holds what reviewers need beyond one annotator's layer:
// matching annotations across layers, the agreement figures corpus papers
// report (span F1 in three matching modes, token-level Cohen's κ, Fleiss'
// κ, Krippendorff's α, type confusion, event trigger and argument F1), and
// the building of a gold layer from several annotators' work.
//
// Every figure says what it counted: a Report carries its universe (which
// documents, annotators, tokens and annotations went in), so it can be
// reproduced by hand or with another tool.
package review
