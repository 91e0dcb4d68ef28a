// Package ui is Tawsim's desktop interface: the main window, the document
// list, the annotation panels and the dialogs, built with Fyne on top of
// the annotation session (ui/session) and the corpus store. The panels
// follow the session's events (see follow.go). It never imports
// fyne.io/fyne/v2/app, so everything in it runs under Fyne's headless
// test driver; cmd/tawsim supplies the real application.
package ui
