package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/bundle"
	"github.com/tawsim/tawsim/safefile"
)

// Exchanging work between desktops: File → Share my work writes a bundle
// of the annotator's layers, File → Import colleagues' work brings
// bundles in. Both run the bundle package's code, as `tawsimctl bundle
// export` and `import` do, off the UI goroutine with progress and Cancel.

// showShareWork asks what to share and where, then writes the bundle.
func (m *Window) showShareWork() {
	who := widget.NewEntry()
	who.SetText(m.sess.Annotator())
	onlyDone := widget.NewCheck(lang.L("Only the documents marked done"), nil)
	out := widget.NewEntry()
	home, _ := os.UserHomeDir()
	out.SetText(filepath.Join(home, m.sess.Annotator()+bundle.Ext))
	browse := widget.NewButton(lang.L("Save as…"), func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err == nil && w != nil {
				out.SetText(w.URI().Path())
				w.Close()
				os.Remove(w.URI().Path()) // the bundle appears whole, later
			}
		}, m.win)
		d.SetFileName(filepath.Base(out.Text))
		d.Show()
	})
	d := dialog.NewForm(lang.L("Share my work"), lang.L("Share"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Annotator"), who),
		widget.NewFormItem("", onlyDone),
		widget.NewFormItem(lang.L("Bundle file"), container.NewBorder(nil, nil, nil, browse, out)),
	}, func(ok bool) {
		if ok {
			m.runShare(bundle.WriteOptions{Annotator: strings.TrimSpace(who.Text), OnlyDone: onlyDone.Checked}, strings.TrimSpace(out.Text))
		}
	}, m.win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

// runShare writes the bundle; the file appears only when complete.
func (m *Window) runShare(opt bundle.WriteOptions, path string) {
	if path == "" {
		m.showError(errors.New(lang.L("choose a file to write the bundle to")))
		return
	}
	if filepath.Ext(path) == "" {
		path += bundle.Ext
	}
	store := m.sess.Store()
	var n int
	m.task(lang.L("Sharing my work"), func(ctx context.Context, progress func(int, int)) error {
		f, err := safefile.Create(path)
		if err != nil {
			return err
		}
		defer f.Abort()
		if n, err = bundle.Write(ctx, store, f, opt, progress); err != nil {
			return err
		}
		return f.Commit()
	}, func(err error) {
		if errors.Is(err, context.Canceled) {
			m.report(errors.New(lang.L("sharing cancelled: no file was written")))
			return
		}
		if err != nil {
			m.showError(err)
			return
		}
		m.setSaved("✓ " + fmt.Sprintf(lang.L("shared %d layers of %s"), n, opt.Annotator))
		dialog.ShowCustom(lang.L("Work shared"), lang.L("OK"), newBidiLabel(&m.labels,
			fmt.Sprintf(lang.L("%d layers of %s with their documents are in %s"), n, opt.Annotator, path)), m.win)
	})
}

// importWorkForm is the fields of File → Import colleagues' work: the
// bundle files, one a line, and tawsimctl bundle import's three options.
type importWorkForm struct {
	files                    *widget.Entry
	partial, theirs, addType *widget.Check
}

func newImportWorkForm() *importWorkForm {
	f := &importWorkForm{files: widget.NewMultiLineEntry(),
		partial: widget.NewCheck(lang.L("Store the rest of a bundle when a layer is refused (--partial)"), nil),
		theirs:  widget.NewCheck(lang.L("On a conflict take the bundle's layer, not ours (--theirs)"), nil),
		addType: widget.NewCheck(lang.L("Add the types and roles our schema lacks (--add-types)"), nil)}
	f.files.SetPlaceHolder(lang.L("Bundle files, one a line"))
	f.files.SetMinRowsVisible(3)
	return f
}

// paths are the files listed.
func (f *importWorkForm) paths() []string {
	var out []string
	for _, l := range strings.Split(f.files.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (f *importWorkForm) options() bundle.ImportOptions {
	return bundle.ImportOptions{Partial: f.partial.Checked, Theirs: f.theirs.Checked, AddTypes: f.addType.Checked}
}

// showImportWork asks for bundle files and the options, then imports.
func (m *Window) showImportWork() {
	f := newImportWorkForm()
	add := widget.NewButton(lang.L("Add a file…"), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				path := r.URI().Path()
				r.Close()
				text := strings.TrimRight(f.files.Text, "\n")
				if text != "" {
					text += "\n"
				}
				f.files.SetText(text + path)
			}
		}, m.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{bundle.Ext}))
		d.Show()
	})
	d := dialog.NewForm(lang.L("Import colleagues' work"), lang.L("Import"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Bundles"), container.NewBorder(nil, nil, nil, container.NewVBox(add), f.files)),
		widget.NewFormItem("", f.partial),
		widget.NewFormItem("", f.theirs),
		widget.NewFormItem("", f.addType),
	}, func(ok bool) {
		if ok && len(f.paths()) > 0 {
			m.runImportWork(f.paths(), f.options())
		}
	}, m.win)
	d.Resize(fyne.NewSize(680, 380))
	d.Show()
}

// runImportWork reads and imports the bundles, each in one transaction,
// then shows what became of every layer. The documents and the open one
// (its comparison, in review mode) are read again.
func (m *Window) runImportWork(paths []string, opt bundle.ImportOptions) {
	store := m.sess.Store()
	var reports []bundle.Report
	var refused error
	m.task(lang.L("Importing colleagues' work"), func(ctx context.Context, progress func(int, int)) error {
		for i, p := range paths {
			b, err := bundle.ReadFile(p)
			if err != nil {
				return err
			}
			rs, err := bundle.Import(ctx, store, []*bundle.Bundle{b}, opt)
			reports = append(reports, rs...)
			if errors.Is(err, bundle.ErrRefused) {
				refused = err // reported with the others
			} else if err != nil {
				return err
			}
			progress(i+1, len(paths))
		}
		return nil
	}, func(err error) {
		if len(reports) > 0 {
			m.showError(m.reloadDocs())
			if id := m.sess.Doc().ID; id != "" {
				m.showError(m.sess.Open(id))
			} else if len(m.docIDs) > 0 {
				m.showError(m.openIndex(0))
			}
		}
		if errors.Is(err, context.Canceled) {
			m.report(errors.New(lang.L("import cancelled: the bundles not yet stored were left out")))
		} else if err != nil {
			m.showError(err)
			return
		}
		if refused != nil {
			m.report(refused)
		} else {
			m.report(nil)
		}
		m.showBundleReport(paths, opt, reports)
	})
}

// bundleRow is one line of the import report.
type bundleRow struct {
	head   string // a bundle's summary, when not empty
	layer  bundle.LayerReport
	isHead bool
}

// showBundleReport lists what became of each layer of each bundle, and
// offers the options that would change the outcome (refused layers,
// conflicts, missing types) to import again with.
func (m *Window) showBundleReport(paths []string, opt bundle.ImportOptions, reports []bundle.Report) {
	var rows []bundleRow
	var needPartial, haveConflicts, missingTypes bool
	for _, r := range reports {
		state := lang.L("stored")
		if !r.Stored {
			state = lang.L("NOT stored")
			needPartial = needPartial || r.Count(bundle.Refused) > 0
		}
		// A bundle's summary takes a few short lines: a label does not wrap.
		rows = append(rows,
			bundleRow{isHead: true, head: fmt.Sprintf(lang.L("%s (%s): %s; %d documents added"), filepath.Base(r.Bundle), r.Annotator, state, r.AddedDocs)},
			bundleRow{isHead: true, head: fmt.Sprintf(lang.L("layers: %d new, %d updated, %d unchanged, %d older here, %d conflicts, %d refused"),
				r.Count(bundle.New), r.Count(bundle.Updated), r.Count(bundle.Unchanged), r.Count(bundle.Older), r.Count(bundle.Conflict), r.Count(bundle.Refused))})
		if len(r.TypesAdded) > 0 {
			rows = append(rows, bundleRow{isHead: true, head: lang.L("types added:") + " " + strings.Join(r.TypesAdded, ", ")})
		} else if len(r.MissingTypes) > 0 {
			rows = append(rows, bundleRow{isHead: true, head: lang.L("types missing here:") + " " + strings.Join(r.MissingTypes, ", ")})
			missingTypes = true
		}
		for _, l := range r.Layers {
			rows = append(rows, bundleRow{layer: l})
			if l.Outcome == bundle.Conflict && l.Kept == "local" {
				haveConflicts = true
			}
		}
	}
	list := widget.NewList(func() int { return len(rows) },
		func() fyne.CanvasObject { return newBundleReportRow(&m.labels) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*bundleReportRow).update(rows[i]) })
	f := newImportWorkForm()
	f.partial.SetChecked(opt.Partial)
	f.theirs.SetChecked(opt.Theirs)
	f.addType.SetChecked(opt.AddTypes)
	again := container.NewVBox()
	if needPartial && !opt.Partial {
		again.Add(f.partial)
	}
	if haveConflicts && !opt.Theirs {
		again.Add(f.theirs)
	}
	if missingTypes && !opt.AddTypes {
		again.Add(f.addType)
	}
	var d dialog.Dialog
	bottom := fyne.CanvasObject(widget.NewLabel(lang.L("Importing the same bundles again changes nothing.")))
	if len(again.Objects) > 0 {
		rerun := widget.NewButton(lang.L("Import again with these"), func() {
			d.Hide()
			m.runImportWork(paths, f.options())
		})
		bottom = container.NewVBox(widget.NewLabel(lang.L("To store what was left out:")), again, container.NewHBox(layout.NewSpacer(), rerun))
	}
	d = dialog.NewCustom(lang.L("Colleagues' work imported"), lang.L("Close"), container.NewBorder(nil, bottom, nil, nil, list), m.win)
	d.Resize(fyne.NewSize(860, 520))
	d.Show()
}

// bundleReportRow is a bundle's summary or one layer's outcome: the
// outcome, the document's title (often Arabic, a label of its own) and
// the revisions or the reason.
type bundleReportRow struct {
	widget.BaseWidget
	head           *BidiLabel
	outcome, about *widget.Label
	title          *widget.Label
	layerLine      *fyne.Container
}

func newBundleReportRow(labels *labelEngine) *bundleReportRow {
	r := &bundleReportRow{head: newBidiLabel(labels, ""), outcome: widget.NewLabel("unchanged"), about: widget.NewLabel(""), title: arabicLabel("")}
	r.outcome.TextStyle.Bold = true
	r.about.Importance = widget.LowImportance
	r.about.Truncation = fyne.TextTruncateEllipsis
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.layerLine = container.NewBorder(nil, nil, r.outcome, nil, container.NewGridWithColumns(2, r.about, r.title))
	r.ExtendBaseWidget(r)
	return r
}

func (r *bundleReportRow) update(row bundleRow) {
	if row.isHead {
		r.head.SetText(row.head)
		r.head.Show()
		r.layerLine.Hide()
		return
	}
	r.head.Hide()
	r.layerLine.Show()
	l := row.layer
	setText(r.outcome, lang.L(string(l.Outcome)))
	about := l.Doc
	switch l.Outcome {
	case bundle.Conflict:
		about = fmt.Sprintf(lang.L("ours revision %d, theirs %d: kept %s"), l.Local, l.Theirs, lang.L(l.Kept))
	case bundle.Refused:
		about = l.Reason
	case bundle.Updated, bundle.Older:
		about = fmt.Sprintf(lang.L("ours revision %d, theirs %d"), l.Local, l.Theirs)
	}
	setText(r.about, about)
	setText(r.title, l.Title)
}

// CreateRenderer implements fyne.Widget.
func (r *bundleReportRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.head, r.layerLine))
}
