package ui

import "github.com/tawsim/tawsim/ui/session"

// How the window's parts stay in step: the session publishes what each
// action changed (session.Event), and every panel subscribes and redraws
// itself from the session's state. A panel receives the session, seen
// through a narrow interface of what it reads, and callbacks for what it
// asks the window to do; no panel holds the window or another panel.
// Events arrive synchronously on the UI goroutine, after the action.

// publisher is the part of the session every panel needs: its events.
type publisher interface {
	Subscribe(fn func(session.Event))
}
