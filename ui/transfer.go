package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/export"
)

// task runs work off the UI goroutine with a progress dialog and a Cancel
// button, which cancels work's context. work reports progress through its
// callback; done runs on the UI goroutine with the result.
func (m *Window) task(title string, work func(ctx context.Context, progress func(done, total int)) error, done func(error)) {
	bar := widget.NewProgressBar()
	label := widget.NewLabel(lang.L("Working…"))
	ctx, cancel := context.WithCancel(context.Background())
	finished := false // set on the UI goroutine when work returns
	d := dialog.NewCustom(title, lang.L("Cancel"), container.NewVBox(label, bar), m.win)
	d.SetOnClosed(func() {
		if !finished {
			cancel() // the user pressed Cancel
		}
	})
	d.Resize(fyne.NewSize(420, 140))
	d.Show()
	m.tasks.Add(1)
	go func() {
		err := work(ctx, func(n, total int) {
			fyne.Do(func() {
				if total > 0 {
					bar.SetValue(float64(n) / float64(total))
					label.SetText(fmt.Sprintf("%d / %d", n, total))
				}
			})
		})
		cancel()
		fyne.Do(func() {
			finished = true
			d.Hide()
			done(err)
			m.tasks.Done()
		})
	}()
}

// importForm is the import dialog's fields. The formats and which options
// apply to each come from the registry, so a new format appears here
// without this file naming it.
type importForm struct {
	m         *Window
	reg       *export.Registry
	format    *widget.Select
	path      *widget.Entry
	annotator *widget.Entry
	scheme    *widget.Select
	columns   *widget.Entry // a CoNLL file's columns (OptColumns)
	sentences *widget.Entry // sentences per document (OptDocSentences)
}

func (m *Window) newImportForm(reg *export.Registry) *importForm {
	def := export.DefaultImport()
	f := &importForm{m: m, reg: reg, path: widget.NewEntry(), annotator: widget.NewEntry(),
		scheme: widget.NewSelect(export.ImportSchemes(), nil), columns: widget.NewEntry(), sentences: widget.NewEntry()}
	f.path.SetPlaceHolder(lang.L("File or folder"))
	f.columns.SetPlaceHolder("token,ner " + lang.L("(CoNLL-2003: token,pos,chunk,ner)"))
	f.sentences.SetPlaceHolder(lang.L("(empty: as the file has them)"))
	f.annotator.SetText(def.Annotator)
	f.scheme.SetSelected(def.Scheme)
	f.format = widget.NewSelect(export.Names(reg.Readers()), f.formatChanged)
	f.format.SetSelected(def.Format)
	return f
}

// formatChanged enables the fields that apply to the chosen format.
func (f *importForm) formatChanged(name string) {
	format, _ := f.reg.Lookup(name)
	enable(f.annotator, format.ReadApplies.Has(export.OptAnnotator))
	enable(f.scheme, format.ReadApplies.Has(export.OptScheme))
	enable(f.columns, format.ReadApplies.Has(export.OptColumns))
	enable(f.sentences, format.ReadApplies.Has(export.OptDocSentences))
}

func (f *importForm) items() []*widget.FormItem {
	browseFile := widget.NewButton(lang.L("File…"), func() {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				f.path.SetText(r.URI().Path())
				r.Close()
			}
		}, f.m.win)
	})
	browseDir := widget.NewButton(lang.L("Folder…"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				f.path.SetText(u.Path())
			}
		}, f.m.win)
	})
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("From"), container.NewBorder(nil, nil, nil, container.NewHBox(browseFile, browseDir), f.path)),
		widget.NewFormItem(lang.L("Format"), f.format),
		widget.NewFormItem(lang.L("As annotator"), f.annotator),
		widget.NewFormItem(lang.L("Tag scheme"), f.scheme),
		widget.NewFormItem(lang.L("Columns"), f.columns),
		widget.NewFormItem(lang.L("Sentences per document"), f.sentences),
	}
}

// request is the import the fields ask for, in the CLI's terms.
func (f *importForm) request() export.ImportRequest {
	var paths []string
	if p := strings.TrimSpace(f.path.Text); p != "" {
		paths = []string{p}
	}
	req := export.ImportRequest{Format: f.format.Selected, Paths: paths, Annotator: strings.TrimSpace(f.annotator.Text),
		Scheme: f.scheme.Selected, Formats: f.reg}
	format, _ := f.reg.Lookup(f.format.Selected)
	if format.ReadApplies.Has(export.OptColumns) {
		req.Columns = strings.TrimSpace(f.columns.Text)
	}
	if n := strings.TrimSpace(f.sentences.Text); n != "" && format.ReadApplies.Has(export.OptDocSentences) {
		var err error
		if req.DocSentences, err = strconv.Atoi(n); err != nil {
			req.DocSentences = -1 // refused by the import, as the CLI refuses it
		}
	}
	return req
}

// showImport asks for files or a folder and a format, then imports.
func (m *Window) showImport() {
	f := m.newImportForm(export.Formats())
	dialog.ShowForm(lang.L("Import"), lang.L("Import"), lang.L("Cancel"), f.items(), func(ok bool) {
		if ok && strings.TrimSpace(f.path.Text) != "" {
			m.runImport(f.request())
		}
	}, m.win)
}

// runImport reads and stores the files through the pipeline the CLI uses;
// the store keeps the whole import in one transaction, so a refused file
// stores nothing.
func (m *Window) runImport(req export.ImportRequest) {
	store := m.sess.Store()
	var rep export.Report
	m.task(lang.L("Importing"), func(ctx context.Context, progress func(int, int)) error {
		var err error
		rep, err = export.RunImport(ctx, store, req, progress)
		return err
	}, func(err error) {
		if errors.Is(err, export.ErrCancelled) {
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
		m.setSaved("✓ " + rep.Result())
	})
}

// exportForm is the export dialog's fields. The formats come from the
// registry, and only the writer options the chosen format honours are
// enabled; every field starts at export.DefaultExport, as the CLI's flags
// do.
type exportForm struct {
	m        *Window
	reg      *export.Registry
	format   *widget.Select
	layer    *widget.SelectEntry
	status   *widget.Select
	choices  map[export.Option]*widget.Select // scheme, sep, nested, tokens
	docStart *widget.Check
	split    *widget.Entry
	seed     *widget.Entry
	out      *widget.Entry
}

// exportChoices are the writer options offered as a list.
func exportChoices() []export.Option {
	return []export.Option{export.OptScheme, export.OptSep, export.OptNested, export.OptTokens}
}

func (m *Window) newExportForm(reg *export.Registry) *exportForm {
	def := export.DefaultExport()
	f := &exportForm{m: m, reg: reg, choices: map[export.Option]*widget.Select{},
		layer:  widget.NewSelectEntry([]string{export.LayerGold, export.LayerMajority, m.sess.Annotator()}),
		status: widget.NewSelect(export.Statuses(), nil), docStart: widget.NewCheck("", nil),
		split: widget.NewEntry(), seed: widget.NewEntry(), out: widget.NewEntry()}
	f.layer.SetText(def.Layer)
	f.status.SetSelected(def.Status)
	defaults := map[export.Option]string{export.OptScheme: def.Scheme, export.OptSep: def.Sep,
		export.OptNested: def.Nested, export.OptTokens: def.Tokens}
	for _, o := range exportChoices() {
		f.choices[o] = widget.NewSelect(o.Choices(), nil)
		f.choices[o].SetSelected(defaults[o])
	}
	f.docStart.SetChecked(def.DocStart)
	f.split.SetPlaceHolder("80/10/10 " + lang.L("(empty: one file)"))
	f.seed.SetText(strconv.FormatInt(def.Seed, 10))
	home, _ := os.UserHomeDir()
	f.out.SetText(filepath.Join(home, "tawsim-export"))
	writers := reg.Writers()
	f.format = widget.NewSelect(export.Names(writers), f.formatChanged)
	if len(writers) > 0 {
		f.format.SetSelected(writers[0].Name)
	}
	return f
}

// formatChanged enables the options that apply to the chosen format.
func (f *exportForm) formatChanged(name string) {
	format, _ := f.reg.Lookup(name)
	for o, w := range f.choices {
		enable(w, format.Applies.Has(o))
	}
	enable(f.docStart, format.Applies.Has(export.OptDocStart))
	enable(f.layer, !format.AllLayers)
	enable(f.status, !format.AllLayers)
}

func (f *exportForm) items() []*widget.FormItem {
	browse := widget.NewButton(lang.L("Folder…"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				f.out.SetText(filepath.Join(u.Path(), "tawsim-export"))
			}
		}, f.m.win)
	})
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("Format"), f.format),
		widget.NewFormItem(lang.L("Layer"), f.layer),
		widget.NewFormItem(lang.L("Documents"), f.status),
		widget.NewFormItem(lang.L("Tag scheme"), f.choices[export.OptScheme]),
		widget.NewFormItem(lang.L("Column separator"), f.choices[export.OptSep]),
		widget.NewFormItem(lang.L("-DOCSTART- lines"), f.docStart),
		widget.NewFormItem(lang.L("Nested entities"), f.choices[export.OptNested]),
		widget.NewFormItem(lang.L("Entities inside a token"), f.choices[export.OptTokens]),
		widget.NewFormItem(lang.L("Split"), f.split),
		widget.NewFormItem(lang.L("Seed"), f.seed),
		widget.NewFormItem(lang.L("Output"), container.NewBorder(nil, nil, nil, browse, f.out)),
	}
}

// request is the export the fields ask for, in the CLI's terms.
func (f *exportForm) request() (export.ExportRequest, error) {
	seed, err := strconv.ParseInt(strings.TrimSpace(f.seed.Text), 10, 64)
	if err != nil {
		return export.ExportRequest{}, fmt.Errorf("seed %q is not a whole number", f.seed.Text)
	}
	return export.ExportRequest{Format: f.format.Selected, Layer: strings.TrimSpace(f.layer.Text), Status: f.status.Selected,
		Out: strings.TrimSpace(f.out.Text), Split: strings.TrimSpace(f.split.Text), Seed: seed,
		Scheme: f.choices[export.OptScheme].Selected, Sep: f.choices[export.OptSep].Selected, DocStart: f.docStart.Checked,
		Nested: f.choices[export.OptNested].Selected, Tokens: f.choices[export.OptTokens].Selected, Formats: f.reg}, nil
}

// submit exports what the fields ask for.
func (f *exportForm) submit() {
	req, err := f.request()
	if err != nil {
		f.m.showError(err)
		return
	}
	f.m.runExport(req)
}

// showExport asks for the format and options, then writes the files.
func (m *Window) showExport() {
	f := m.newExportForm(export.Formats())
	d := dialog.NewForm(lang.L("Export"), lang.L("Export"), lang.L("Cancel"), f.items(), func(ok bool) {
		if ok {
			f.submit()
		}
	}, m.win)
	d.Resize(fyne.NewSize(560, 640))
	d.Show()
}

// runExport exports through the pipeline the CLI uses: the files are
// renamed into place only at the end, so a cancelled export leaves
// nothing.
func (m *Window) runExport(req export.ExportRequest) {
	store := m.sess.Store()
	var rep export.Report
	m.task(lang.L("Exporting"), func(ctx context.Context, progress func(int, int)) error {
		var err error
		rep, err = export.Run(ctx, store, req, progress)
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
		dialog.ShowInformation(lang.L("Export finished"), rep.String(), m.win)
	})
}

// enable enables or disables a field.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
