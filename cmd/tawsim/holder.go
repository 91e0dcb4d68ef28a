package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"

	"github.com/tawsim/tawsim/boltstore"
	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui"
	"github.com/tawsim/tawsim/ui/session"
)

// holder is the database the app holds, and what it shares of it: while
// the app is open, tawsimctl commands reach a bbolt file through it
// (list, export, backup, import …), and the window shows what they change.
type holder struct {
	store *corpus.Store
	db    *boltstore.DB // nil for a server database
	sh    *boltstore.Share
}

// open opens the database at target, giving a new one the default schema.
// A file held by another Tawsim app is refused, naming who holds it.
func (h *holder) open(target string, create bool) (*corpus.Store, error) {
	opt := corpus.Options{CreateFolder: create, MustExist: !create}
	var s *corpus.Store
	if corpus.Scheme(target) == "" {
		db, err := boltstore.Open(target, opt)
		if err != nil {
			return nil, err
		}
		h.db, s = db, corpus.New(db)
	} else {
		var err error
		if s, err = corpus.Open(target, &opt); err != nil {
			return nil, err
		}
	}
	if !s.HasSchema() {
		sc, _ := corpus.Preset(corpus.DefaultPreset)
		if err := s.SetSchema(sc); err != nil {
			s.Close()
			return nil, err
		}
	}
	h.store = s
	return s, nil
}

// share starts serving the held file to other processes; what they commit
// reaches the window on the UI goroutine.
func (h *holder) share(annotator string, win *ui.Window) {
	if h.db == nil {
		return
	}
	sh, err := h.db.Serve(boltstore.Holder{Program: "tawsim", Annotator: annotator}, func(ts []boltstore.Touched) {
		changes := make([]session.Elsewhere, len(ts))
		for i, t := range ts {
			changes[i] = session.Elsewhere{Doc: t.Doc, Annotator: t.Annotator}
		}
		fyne.Do(func() { win.ChangedElsewhere(changes) })
	})
	if err != nil {
		// The app works without it; commands then wait for it to close.
		fmt.Fprintln(os.Stderr, "tawsim: sharing the database with tawsimctl:", err)
		return
	}
	h.sh = sh
}

func (h *holder) close() {
	if h.sh != nil {
		h.sh.Close()
		h.sh = nil
	}
	if h.store != nil {
		h.store.Close()
		h.store, h.db = nil, nil
	}
}
