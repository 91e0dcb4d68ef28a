package ui

import (
	"context"
	"errors"
	"slices"
	"sort"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
)

// agreeFunc computes an agreement report; review.Agreement, or a stand-in
// in tests.
type agreeFunc func(ctx context.Context, s *corpus.Store, opt review.Options, progress func(done, total int)) (review.Report, error)

// agreementView is the Agreement window's content: the options of
// `tawsimctl agree` (matching, which layers, which annotators), the
// computation off the UI goroutine with progress and Cancel, and the
// report: what was counted in words, the corpus figures, the table of
// pairs, charts (F1 by type, a heat map of the pairs, the type confusion
// of the chosen pair) and the documents worst first.
type agreementView struct {
	store  *corpus.Store
	labels *labelEngine
	tasks  *sync.WaitGroup
	agree  agreeFunc
	// OnOpenDocument is called with a document's id when it is picked in
	// the list of documents.
	OnOpenDocument func(id string)

	match      *widget.Select
	status     *widget.Select
	annotators *annotatorChecks
	compute    *widget.Button
	progress   *widget.ProgressBar
	cancelBtn  *widget.Button
	message    *BidiLabel
	cancel     context.CancelFunc // the computation running, or nil

	report    review.Report
	result    *agreementResult
	win       fyne.Window // for the method dialog; nil in tests
	optionRow *fyne.Container
	body      *fyne.Container
	root      fyne.CanvasObject
}

// matchModes and statuses are the choices in the order offered.
var matchModes = []review.Match{review.Exact, review.Overlap, review.Position}

func newAgreementView(store *corpus.Store, labels *labelEngine, tasks *sync.WaitGroup) *agreementView {
	v := &agreementView{store: store, labels: labels, tasks: tasks, agree: review.Agreement}
	var modes []string
	for _, m := range matchModes {
		modes = append(modes, lang.L(string(m)))
	}
	v.match = widget.NewSelect(modes, nil)
	v.match.SetSelectedIndex(0)
	v.status = widget.NewSelect([]string{lang.L("done layers"), lang.L("all layers")}, nil)
	v.status.SetSelectedIndex(0)
	v.annotators = newAnnotatorChecks(labels)
	v.compute = widget.NewButton(lang.L("Compute"), v.run)
	v.compute.Importance = widget.HighImportance
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.cancelBtn = widget.NewButton(lang.L("Cancel"), v.stop)
	v.cancelBtn.Hide()
	v.message = newBidiLabel(labels, "")
	v.message.Hide()
	v.result = newAgreementResult(labels, func(id string) {
		if v.OnOpenDocument != nil {
			v.OnOpenDocument(id)
		}
	})
	v.body = container.NewStack(widget.NewLabel(lang.L("Press Compute to measure the agreement.")))
	v.optionRow = container.NewHBox(
		widget.NewLabel(lang.L("Match")), v.match,
		widget.NewLabel(lang.L("Layers")), v.status,
		widget.NewLabel(lang.L("Annotators")), v.annotators.box,
		v.compute, widget.NewButton(lang.L("How it is counted"), v.showMethod),
	)
	busy := container.NewBorder(nil, nil, nil, v.cancelBtn, v.progress)
	v.root = container.NewBorder(container.NewVBox(v.optionRow, busy, v.message), nil, nil, nil, v.body)
	return v
}

// loadAnnotators offers every annotator with a layer, gold aside.
func (v *agreementView) loadAnnotators() error {
	sums, err := v.store.Summaries("")
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, s := range sums {
		if s.Annotator != corpus.Gold {
			seen[s.Annotator] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	v.annotators.set(names)
	v.optionRow.Refresh() // the row lays the boxes out again
	return nil
}

// options are the computation the fields ask for, in review's terms.
// With every annotator ticked, Annotators stays nil: review then takes
// those with layers in scope, as tawsimctl agree does without
// --annotators.
func (v *agreementView) options() review.Options {
	opt := review.Options{Match: matchModes[max(0, v.match.SelectedIndex())], AllStatuses: v.status.SelectedIndex() == 1}
	if picked := v.annotators.picked(); len(picked) < len(v.annotators.names) {
		opt.Annotators = picked
	}
	return opt
}

// run computes the agreement off the UI goroutine; the progress bar and
// Cancel show while it runs, and the report replaces the last one when
// it is done.
func (v *agreementView) run() {
	if v.cancel != nil {
		return
	}
	opt := v.options()
	if opt.Annotators != nil && len(opt.Annotators) < 2 {
		v.say(lang.L("Pick at least two annotators."), widget.DangerImportance)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.busy(true)
	v.say(lang.L("Measuring…"), widget.MediumImportance)
	store, agree := v.store, v.agree
	v.tasks.Add(1)
	go func() {
		last := -1
		r, err := agree(ctx, store, opt, func(done, total int) {
			// A hundred updates at most: one fyne.Do per document would
			// queue thousands of redraws.
			if total <= 0 || done*100/total == last {
				return
			}
			last = done * 100 / total
			fyne.Do(func() { v.progress.SetValue(float64(done) / float64(total)) })
		})
		cancel()
		fyne.Do(func() {
			defer v.tasks.Done()
			v.cancel = nil
			v.busy(false)
			switch {
			case errors.Is(err, context.Canceled):
				v.say(lang.L("Cancelled: the figures shown are those of the last computation."), widget.MediumImportance)
			case err != nil:
				v.say(err.Error(), widget.DangerImportance)
			default:
				v.say("", widget.MediumImportance)
				v.show(r)
			}
		})
	}()
}

// stop cancels the computation running.
func (v *agreementView) stop() {
	if v.cancel != nil {
		v.cancel()
	}
}

// busy shows the progress bar and Cancel while a computation runs.
func (v *agreementView) busy(on bool) {
	if on {
		v.progress.SetValue(0)
		v.progress.Show()
		v.cancelBtn.Show()
		v.compute.Disable()
		return
	}
	v.progress.Hide()
	v.cancelBtn.Hide()
	v.compute.Enable()
}

// say shows a message under the options ("" hides it).
func (v *agreementView) say(text string, imp widget.Importance) {
	v.message.Importance = imp
	v.message.SetText(text)
	v.message.Refresh()
	if text == "" {
		v.message.Hide()
	} else {
		v.message.Show()
	}
}

// showMethod explains, in review's words, how the labels and the pairs
// were counted.
func (v *agreementView) showMethod() {
	if v.win == nil {
		return
	}
	u := v.report.Universe
	if u.Labels == "" {
		u = review.NewAccumulator(nil, review.Options{}).Report().Universe
	}
	text := widget.NewLabel(lang.L("Token labels") + ": " + u.Labels + ".\n\n" + lang.L("Pairs") + ": " + u.Pairing + ".")
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("How it is counted"), lang.L("OK"), text, v.win)
	d.Resize(fyne.NewSize(640, 320))
	d.Show()
}

// show puts a report on screen.
func (v *agreementView) show(r review.Report) {
	v.report = r
	v.result.show(r)
	if len(v.body.Objects) != 1 || v.body.Objects[0] != v.result.root {
		v.body.Objects = []fyne.CanvasObject{v.result.root}
		v.body.Refresh()
	}
}

// annotatorChecks is a tick box per annotator, each name a BidiLabel
// (names may be Arabic, Latin or both).
type annotatorChecks struct {
	labels *labelEngine
	names  []string
	checks []*widget.Check
	box    *fyne.Container
}

func newAnnotatorChecks(labels *labelEngine) *annotatorChecks {
	return &annotatorChecks{labels: labels, box: container.NewHBox()}
}

func (a *annotatorChecks) set(names []string) {
	a.names = slices.Clone(names)
	a.checks = a.checks[:0]
	a.box.Objects = nil
	for _, n := range names {
		c := widget.NewCheck("", nil)
		c.SetChecked(true)
		a.checks = append(a.checks, c)
		a.box.Objects = append(a.box.Objects, container.NewHBox(c, newBidiLabel(a.labels, n)))
	}
	a.box.Refresh()
}

// picked lists the ticked names.
func (a *annotatorChecks) picked() []string {
	var out []string
	for i, c := range a.checks {
		if c.Checked {
			out = append(out, a.names[i])
		}
	}
	return out
}

// showAgreement opens the agreement view in a window of its own and
// measures at once with the default options.
func (m *Window) showAgreement() {
	v, w := m.newAgreementWindow()
	w.Show()
	if err := v.loadAnnotators(); err != nil {
		v.say(err.Error(), widget.DangerImportance)
		return
	}
	v.run()
}

// newAgreementWindow makes the agreement window on this window's store.
// Picking a document there opens it here (review mode will take it).
func (m *Window) newAgreementWindow() (*agreementView, fyne.Window) {
	w := fyne.CurrentApp().NewWindow(lang.L("Agreement"))
	v := newAgreementView(m.sess.Store(), &m.labels, &m.tasks)
	v.OnOpenDocument = func(id string) {
		m.openDoc(id)
		m.win.RequestFocus()
	}
	v.win = w
	w.SetContent(v.root)
	w.Resize(fyne.NewSize(1280, 800))
	return v, w
}
