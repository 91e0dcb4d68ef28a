// Package session is the annotation logic behind the desktop window: one
// annotator working through documents, with a selection, a selected
// annotation, hotkeys, events and their arguments, undo and redo, "label
// every occurrence" and suggestions; and, in review mode (review.go),
// a reviewer building the gold layer beside every annotator's layer of
// the open document, through the review package. It knows the corpus store but not
// Fyne, so every rule here is tested without a display, and the window
// only translates clicks and keys into these calls. After each call it
// publishes what changed (see Subscribe and Event), and the window's
// panels redraw themselves from it.
package session
