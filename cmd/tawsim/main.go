// Command tawsim is the Tawsim desktop app: annotators read Arabic news
// articles, highlight named entities and tag events; every action is saved
// at once to the corpus database.
package main

import (
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"

	"github.com/tawsim/tawsim"
	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/ui"
)

func main() {
	db := flag.String("db", "", "database `PATH` (default $TAWSIM_DB, else $XDG_DATA_HOME/tawsim/corpus.db)")
	flag.Parse()
	path := *db
	if path == "" {
		var err error
		if path, err = corpus.DefaultPath(os.Getenv); err != nil {
			fail(err)
		}
	}
	s, err := corpus.Open(path, nil)
	if err != nil {
		fail(err)
	}
	defer s.Close()
	if !s.HasSchema() {
		sc, _ := corpus.Preset(corpus.DefaultPreset)
		if err := s.SetSchema(sc); err != nil {
			fail(err)
		}
	}
	if docs, err := s.Documents(); err == nil && len(docs) == 0 {
		if items, err := tawsim.Samples(); err == nil {
			s.Import(items)
		}
	}
	a := app.NewWithID("org.tawsim.app")
	w := a.NewWindow("Tawsim — " + path)
	list := ui.NewDocList()
	docs, _ := s.Documents()
	rows := make([]ui.DocRow, len(docs))
	for i, d := range docs {
		rows[i] = ui.DocRow{Info: d, Status: corpus.StatusNew}
	}
	list.SetRows(rows)
	w.SetContent(container.NewStack(list))
	w.Resize(fyne.NewSize(900, 600))
	w.ShowAndRun()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tawsim:", err)
	os.Exit(1)
}
