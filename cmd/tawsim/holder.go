package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"github.com/tawsim/tawsim/boltstore"
	"github.com/tawsim/tawsim/corpus"
	_ "github.com/tawsim/tawsim/pgstore" // a team server, for postgres:// URLs
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
	stop  context.CancelFunc // ends watching a server database
	// onUI runs a function on the UI goroutine: fyne.Do, unless a test
	// gives its own (Fyne's test driver runs fyne.Do on the caller).
	onUI func(func())
}

func (h *holder) ui(fn func()) {
	if h.onUI != nil {
		h.onUI(fn)
		return
	}
	fyne.Do(fn)
}

// open opens the database at target, giving a new one the default schema:
// a new file is how a new corpus starts. Its folder is made only for the
// default database (createFolder); a folder named by hand must exist, so
// a typo in it never starts an empty corpus somewhere unexpected. A file
// held by another Tawsim app is refused, naming who holds it.
func (h *holder) open(target string, createFolder bool) (*corpus.Store, error) {
	opt := corpus.Options{CreateFolder: createFolder}
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

// share starts serving the held file to other processes, or watching a
// server database for what others commit; either way their changes reach
// the window on the UI goroutine.
func (h *holder) share(annotator string, win *ui.Window) {
	if h.db == nil {
		h.watch(win)
		return
	}
	sh, err := h.db.Serve(boltstore.Holder{Program: "tawsim", Annotator: annotator}, func(ts []boltstore.Touched) {
		changes := make([]session.Elsewhere, len(ts))
		for i, t := range ts {
			changes[i] = session.Elsewhere{Doc: t.Doc, Annotator: t.Annotator}
		}
		h.ui(func() { win.ChangedElsewhere(changes) })
	})
	if err != nil {
		// The app works without it; commands then wait for it to close.
		fmt.Fprintln(os.Stderr, "tawsim: sharing the database with tawsimctl:", err)
		return
	}
	h.sh = sh
}

// watch follows a server database's notices of others' commits. Notices
// come in bursts (a colleague's import, fifty annotators at work), so they
// are gathered for a quarter of a second and shown together.
func (h *holder) watch(win *ui.Window) {
	w, ok := h.store.Backend().(corpus.Watcher)
	if !ok {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	h.stop = stop
	notices := make(chan corpus.Notice, 1024)
	go gather(ctx, notices, 250*time.Millisecond, func(changes []session.Elsewhere) {
		h.ui(func() { win.ChangedElsewhere(changes) })
	})
	err := w.Watch(ctx, func(n corpus.Notice) {
		select {
		case notices <- n:
		default: // too many to keep: ask for everything again
			notices <- corpus.Notice{}
		}
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "tawsim: live updates from the server:", err)
	}
}

// gather batches notices: the first one opens a window of d, and what
// arrived by then is delivered at once.
func gather(ctx context.Context, in <-chan corpus.Notice, d time.Duration, deliver func([]session.Elsewhere)) {
	for {
		var batch []session.Elsewhere
		select {
		case <-ctx.Done():
			return
		case n := <-in:
			batch = append(batch, session.Elsewhere{Doc: n.Doc, Annotator: n.Annotator, Revision: n.Revision})
		}
		timer := time.NewTimer(d)
	collect:
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case n := <-in:
				batch = append(batch, session.Elsewhere{Doc: n.Doc, Annotator: n.Annotator, Revision: n.Revision})
			case <-timer.C:
				break collect
			}
		}
		deliver(batch)
	}
}

func (h *holder) close() {
	if h.stop != nil {
		h.stop()
		h.stop = nil
	}
	if h.sh != nil {
		h.sh.Close()
		h.sh = nil
	}
	if h.store != nil {
		h.store.Close()
		h.store, h.db = nil, nil
	}
}
