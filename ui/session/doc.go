// Package session is the annotation logic behind the desktop window: one
// annotator working through documents, with a selection, a selected
// annotation, hotkeys, events and their arguments, undo and redo, "label
// every occurrence" and suggestions. It knows the corpus store but not
// Fyne, so every rule here is tested without a display, and the window
// only translates clicks and keys into these calls. After each call it
// publishes what changed (see Subscribe and Event), and the window's
// panels redraw themselves from it.
package session
