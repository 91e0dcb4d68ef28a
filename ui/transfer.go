package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/export"
)

// errCancelled ends a long task the user cancelled.
var errCancelled = errors.New("cancelled")

// task runs work off the UI goroutine with a progress dialog and a Cancel
// button. work reports progress through its callback and should return
// errCancelled soon after cancelled() turns true; done runs on the UI
// goroutine with the result.
func (m *Window) task(title string, work func(progress func(done, total int), cancelled func() bool) error, done func(error)) {
	bar := widget.NewProgressBar()
	label := widget.NewLabel(lang.L("Working…"))
	var stop atomic.Bool
	finished := false // set on the UI goroutine when work returns
	d := dialog.NewCustom(title, lang.L("Cancel"), container.NewVBox(label, bar), m.win)
	d.SetOnClosed(func() {
		if !finished {
			stop.Store(true) // the user pressed Cancel
		}
	})
	d.Resize(fyne.NewSize(420, 140))
	d.Show()
	m.tasks.Add(1)
	go func() {
		err := work(func(n, total int) {
			fyne.Do(func() {
				if total > 0 {
					bar.SetValue(float64(n) / float64(total))
					label.SetText(fmt.Sprintf("%d / %d", n, total))
				}
			})
		}, stop.Load)
		fyne.Do(func() {
			finished = true
			d.Hide()
			done(err)
			m.tasks.Done()
		})
	}()
}

// importFormats are the formats the import dialog offers; auto reads .txt
// and .jsonl article files, the rest bring annotations as a layer.
var importFormats = []string{"auto", "conll", "doccano", "brat", "tawsim"}

// showImport asks for files or a folder and a format, then imports.
func (m *Window) showImport() {
	format := widget.NewSelect(importFormats, nil)
	format.SetSelected("auto")
	annotator := widget.NewEntry()
	annotator.SetText("import")
	path := widget.NewEntry()
	path.SetPlaceHolder(lang.L("File or folder"))
	browseFile := widget.NewButton(lang.L("File…"), func() {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				path.SetText(r.URI().Path())
				r.Close()
			}
		}, m.win)
	})
	browseDir := widget.NewButton(lang.L("Folder…"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				path.SetText(u.Path())
			}
		}, m.win)
	})
	form := []*widget.FormItem{
		widget.NewFormItem(lang.L("From"), container.NewBorder(nil, nil, nil, container.NewHBox(browseFile, browseDir), path)),
		widget.NewFormItem(lang.L("Format"), format),
		widget.NewFormItem(lang.L("As annotator"), annotator),
	}
	dialog.ShowForm(lang.L("Import"), lang.L("Import"), lang.L("Cancel"), form, func(ok bool) {
		if !ok || strings.TrimSpace(path.Text) == "" {
			return
		}
		m.runImport([]string{strings.TrimSpace(path.Text)}, format.Selected, strings.TrimSpace(annotator.Text))
	}, m.win)
}

// runImport reads and stores the files; the store keeps the whole import
// in one transaction, so a refused file stores nothing.
func (m *Window) runImport(paths []string, format, annotator string) {
	store := m.sess.Store()
	var res corpus.ImportResult
	m.task(lang.L("Importing"), func(progress func(int, int), cancelled func() bool) error {
		var items []corpus.ImportItem
		var err error
		if format == "auto" || format == "txt" || format == "jsonl" {
			items, err = corpus.LoadTexts(paths, format)
		} else {
			items, _, err = export.Read(format, paths, export.ReadOptions{Annotator: annotator})
		}
		if err != nil {
			return err
		}
		if cancelled() {
			return errCancelled
		}
		// The store takes the whole import in one transaction, so the bar
		// can only say when the files are read and when they are stored.
		progress(0, len(items))
		res, err = store.Import(items)
		if err == nil {
			progress(len(items), len(items))
		}
		return err
	}, func(err error) {
		if errors.Is(err, errCancelled) {
			m.report(errors.New("import cancelled: nothing was stored"))
			return
		}
		if err != nil {
			m.showError(err)
			return
		}
		first := len(m.docIDs) == 0
		m.showError(m.reloadDocs())
		if first {
			m.showError(m.openIndex(0))
		}
		msg := fmt.Sprintf(lang.L("Imported %d new documents"), res.Added)
		if res.Existing > 0 {
			msg += fmt.Sprintf(lang.L("; %d were already in the corpus"), res.Existing)
		}
		if res.Layers > 0 {
			msg += fmt.Sprintf(lang.L("; %d annotation layers"), res.Layers)
		}
		m.setSaved("✓ " + msg)
	})
}

// showExport asks for the format and options, then writes the files.
func (m *Window) showExport() {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, f.Name)
	}
	format := widget.NewSelect(names, nil)
	format.SetSelected("conll")
	scheme := widget.NewSelect([]string{"iob2", "bioes", "iob1"}, nil)
	scheme.SetSelected("iob2")
	layer := widget.NewSelectEntry([]string{corpus.Gold, "majority", m.sess.Annotator()})
	layer.SetText(corpus.Gold)
	status := widget.NewSelect([]string{"done", "all"}, nil)
	status.SetSelected("done")
	split := widget.NewEntry()
	split.SetPlaceHolder("80/10/10 " + lang.L("(empty: one file)"))
	seed := widget.NewEntry()
	seed.SetText("1")
	out := widget.NewEntry()
	home, _ := os.UserHomeDir()
	out.SetText(filepath.Join(home, "tawsim-export"))
	browse := widget.NewButton(lang.L("Folder…"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				out.SetText(filepath.Join(u.Path(), "tawsim-export"))
			}
		}, m.win)
	})
	form := []*widget.FormItem{
		widget.NewFormItem(lang.L("Format"), format),
		widget.NewFormItem(lang.L("Tag scheme"), scheme),
		widget.NewFormItem(lang.L("Layer"), layer),
		widget.NewFormItem(lang.L("Documents"), status),
		widget.NewFormItem(lang.L("Split"), split),
		widget.NewFormItem(lang.L("Seed"), seed),
		widget.NewFormItem(lang.L("Output"), container.NewBorder(nil, nil, nil, browse, out)),
	}
	d := dialog.NewForm(lang.L("Export"), lang.L("Export"), lang.L("Cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		var s int64
		fmt.Sscan(seed.Text, &s)
		m.runExport(ExportRequest{Format: format.Selected, Scheme: scheme.Selected, Layer: strings.TrimSpace(layer.Text),
			Status: status.Selected, Split: strings.TrimSpace(split.Text), Seed: s, Out: strings.TrimSpace(out.Text)})
	}, m.win)
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
}

// ExportRequest is what the export dialog asks for.
type ExportRequest struct {
	Format, Scheme, Layer, Status, Split string
	Seed                                 int64
	Out                                  string // file, or folder for brat; the extension is added when missing
}

// runExport selects, splits and writes; the writers rename their files
// into place only at the end, so a cancelled export leaves nothing.
func (m *Window) runExport(req ExportRequest) {
	store := m.sess.Store()
	var sum export.Summary
	m.task(lang.L("Exporting"), func(progress func(int, int), cancelled func() bool) error {
		f, ok := export.LookupFormat(req.Format)
		if !ok {
			return fmt.Errorf("unknown format %q", req.Format)
		}
		sc, err := store.Schema()
		if err != nil {
			return err
		}
		docs, info, err := export.Select(store, export.Selection{Layer: req.Layer, Status: req.Status, AllLayers: req.Format == "tawsim"})
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			return fmt.Errorf("nothing to export: none of the %d documents has a %q layer marked done (choose \"all\" to export them anyway)", info.Documents, req.Layer)
		}
		parts := []export.Part{{Docs: docs}}
		if req.Split != "" {
			ratios, err := export.ParseSplit(req.Split)
			if err != nil {
				return err
			}
			if parts, err = export.Split(docs, ratios, req.Seed); err != nil {
				return err
			}
		}
		out := req.Out
		if !f.Dir && filepath.Ext(out) == "" {
			out += f.Ext
		}
		opt := export.Options{Scheme: req.Scheme, Schema: &sc, Progress: progress, Cancelled: cancelled}
		sum, err = export.Export(req.Format, parts, out, opt)
		return err
	}, func(err error) {
		if errors.Is(err, export.ErrCancelled) {
			m.report(errors.New("export cancelled: no file was written"))
			return
		}
		if err != nil {
			m.showError(err)
			return
		}
		dialog.ShowInformation(lang.L("Export finished"), sum.String(), m.win)
	})
}
