// Command tawsim is the Tawsim desktop app: annotators read Arabic news
// articles laid out right to left, highlight named entities and tag
// events; every action is saved at once to the corpus database.
package main

import (
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"github.com/tawsim/tawsim"
	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui"
	"github.com/tawsim/tawsim/ui/theme"
)

func main() {
	db := flag.String("db", "", "database `PATH` (default $TAWSIM_DB, else $XDG_DATA_HOME/tawsim/corpus.db)")
	annotator := flag.String("annotator", "", "annotate as `NAME` (default: the name given at first start)")
	samples := flag.Bool("samples", false, "load the bundled sample articles into an empty database")
	flag.Parse()

	path := *db
	if path == "" {
		var err error
		if path, err = corpus.DefaultPath(os.Getenv); err != nil {
			fail(err)
		}
	}
	a := app.NewWithID("org.tawsim.app")
	a.SetIcon(fyne.NewStaticResource("Icon.png", tawsim.Icon()))
	a.Settings().SetTheme(theme.New())
	if err := ui.LoadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "tawsim: translations:", err)
	}
	w := a.NewWindow("Tawsim")
	w.Resize(fyne.NewSize(1280, 800))

	var h holder
	// The default database is made on first use, folder and all; one named
	// with --db may be a new file, in a folder that exists.
	store, err := h.open(path, *db == "")
	if err != nil {
		// Say why in the window too: the app is usually started from a
		// launcher, where nobody reads stderr.
		fmt.Fprintln(os.Stderr, "tawsim:", err)
		d := dialog.NewError(err, w)
		d.SetOnClosed(a.Quit)
		d.Show()
		w.ShowAndRun()
		os.Exit(1)
	}
	defer h.close()
	w.SetTitle("Tawsim — " + store.Path()) // never the raw --db: a URL may hold a password
	if *samples {
		loadSamples(store)
	}

	prefs := a.Preferences()
	if *annotator != "" {
		prefs.SetString(ui.PrefAnnotator, *annotator)
	}
	ui.AskAnnotator(w, prefs, func(name string) {
		var win *ui.Window
		win, err := ui.NewWindow(w, store, name, ui.Options{
			Samples: tawsim.Samples,
			OpenStore: func(p string) (*corpus.Store, error) {
				h.close()
				s, err := h.open(p, true)
				if err == nil {
					h.share(name, win)
				}
				return s, err
			},
			Prefs: prefs,
		})
		if err != nil {
			dialog.ShowError(err, w)
			return
		}
		h.share(name, win)
	})
	w.ShowAndRun()
}

func loadSamples(store *corpus.Store) {
	if docs, err := store.Documents(); err == nil && len(docs) == 0 {
		if items, err := tawsim.Samples(); err == nil {
			if _, err := store.Import(items); err != nil {
				fmt.Fprintln(os.Stderr, "tawsim: samples:", err)
			}
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tawsim:", err)
	os.Exit(1)
}
