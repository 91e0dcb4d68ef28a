package ui

import (
	"context"
	"image"
	"image/color"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/review"
	"github.com/tawsim/tawsim/ui/charts"
	tawsimtheme "github.com/tawsim/tawsim/ui/theme"
)

// Three annotators, two of them with Arabic names, on the test store's
// two documents. amal and خالد agree but for a type; سلمى misses an
// entity and draws one a word short.
var agreementLayers = map[string][]struct {
	phrase, typ string
	nth         int
}{
	"amal": {{"شي جين بينغ", "PERS", 0}, {"بشار الأسد", "PERS", 0}, {"الصيني", "NORP", 0}, {"الجمعة", "DATE", 0}, {"موسكو", "GPE", 1}, {"بوتين", "PERS", 1}},
	"خالد": {{"شي جين بينغ", "PERS", 0}, {"بشار الأسد", "PERS", 0}, {"الصيني", "GPE", 0}, {"الجمعة", "DATE", 0}, {"موسكو", "GPE", 1}, {"بوتين", "PERS", 1}},
	"سلمى": {{"شي جين بينغ", "PERS", 0}, {"الأسد", "PERS", 0}, {"الجمعة", "DATE", 0}, {"بوتين", "PERS", 1}},
}

// addAnnotators gives the store's documents the three annotators' layers,
// marked done. nth picks the document (0 the seed, 1 the other).
func addAnnotators(t *testing.T, st *corpus.Store) []corpus.DocInfo {
	t.Helper()
	docs, err := st.Documents()
	if err != nil || len(docs) != 2 {
		t.Fatalf("documents %v %v", docs, err)
	}
	for name, ents := range agreementLayers {
		for _, e := range ents {
			d, err := st.Document(docs[e.nth].ID)
			if err != nil {
				t.Fatal(err)
			}
			b := strings.Index(d.Text, e.phrase)
			if b < 0 {
				t.Fatalf("%q not in document %d", e.phrase, e.nth)
			}
			start := len([]rune(d.Text[:b]))
			if _, err := st.AddEntity(d.ID, name, corpus.Entity{Start: start, End: start + len([]rune(e.phrase)), Type: e.typ}); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range docs {
			if err := st.SetStatus(d.ID, name, corpus.StatusDone); err != nil {
				t.Fatal(err)
			}
		}
	}
	return docs
}

// waitTasks waits for the view's computation to report.
func waitTasks(t *testing.T, wg *sync.WaitGroup) {
	t.Helper()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("timed out waiting for the agreement")
	}
}

// newTestAgreement is the view on a store with the three annotators,
// measured with the default options, in a window of the given theme.
func newTestAgreement(t *testing.T, th fyne.Theme) (*agreementView, fyne.Window, []corpus.DocInfo) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(th)
	st := newTestStore(t)
	docs := addAnnotators(t, st)
	var wg sync.WaitGroup
	v := newAgreementView(st, &labelEngine{}, &wg)
	w := test.NewWindow(v.root)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1280, 800))
	if err := v.loadAnnotators(); err != nil {
		t.Fatal(err)
	}
	v.run()
	waitTasks(t, &wg)
	return v, w, docs
}

func TestAgreementViewShowsTheReport(t *testing.T) {
	v, w, _ := newTestAgreement(t, tawsimtheme.Light())
	r := v.report
	if len(r.Pairs) != 3 || r.Universe.Documents != 2 {
		t.Fatalf("%d pairs over %d documents, want 3 over 2 (message %q)", len(r.Pairs), r.Universe.Documents, v.message.Text())
	}
	want, err := review.Agreement(context.Background(), v.store, review.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Fleiss.String() != want.Fleiss.String() || r.Pairs[0].SpanF1.String() != want.Pairs[0].SpanF1.String() {
		t.Errorf("the view's figures differ from review.Agreement's: %v/%v, %v/%v", r.Fleiss, want.Fleiss, r.Pairs[0].SpanF1, want.Pairs[0].SpanF1)
	}
	all := strings.Join(labelTexts(v.result.universe), "\n")
	for _, s := range []string{"amal", "خالد", "سلمى", "6, 0", "4, 0", "2 documents counted, 0 left out", "spans matched: exact", "α: 767 tokens"} {
		if !strings.Contains(all, s) {
			t.Errorf("the universe does not say %q:\n%s", s, all)
		}
	}
	if f := v.result.figures.Text(); !strings.Contains(f, "Fleiss' κ "+r.Fleiss.String()) || !strings.Contains(f, "Krippendorff's α "+r.Alpha.String()) {
		t.Errorf("figures line %q", f)
	}
	// The pairs table: names in BidiLabels, figures in Labels.
	for _, tc := range []struct {
		row, col int
		want     string
	}{
		{0, 0, r.Pairs[0].A}, {0, 1, r.Pairs[0].B}, {0, 2, "2"}, {0, 3, r.Pairs[0].SpanF1.String()}, {2, 6, r.Pairs[2].TokenKappa.String()},
	} {
		c := newTableCell(&labelEngine{})
		v.result.pairCell(tc.row, tc.col, c)
		got := c.plain.Text
		if c.bidi.Visible() {
			got = c.bidi.Text()
		}
		if got != tc.want {
			t.Errorf("pairs[%d][%d] = %q, want %q", tc.row, tc.col, got, tc.want)
		}
	}
	// How it is counted: review's own words, in a dialog.
	v.win = w
	v.showMethod()
	top := w.Canvas().Overlays().Top()
	said := ""
	if top != nil {
		for _, o := range test.LaidOutObjects(top) {
			if l, ok := o.(*widget.Label); ok {
				said += l.Text + " "
			}
		}
	}
	if !strings.Contains(said, "outermost entity of a token wins") {
		t.Errorf("the method dialog says %q, not how token labels are formed", said)
	}
}

// labelTexts lists the text of every label inside o, in order.
func labelTexts(o fyne.CanvasObject) []string {
	switch x := o.(type) {
	case *BidiLabel:
		return []string{x.Text()}
	case *widget.Label:
		return []string{x.Text}
	case *fyne.Container:
		var out []string
		for _, c := range x.Objects {
			out = append(out, labelTexts(c)...)
		}
		return out
	}
	return nil
}

func TestAgreementOptions(t *testing.T) {
	v, _, _ := newTestAgreement(t, tawsimtheme.Light())
	tests := []struct {
		name          string
		match, status int
		untick        []int
		want          review.Options
	}{
		{"defaults", 0, 0, nil, review.Options{Match: review.Exact}},
		{"overlap, all layers", 1, 1, nil, review.Options{Match: review.Overlap, AllStatuses: true}},
		{"position, two annotators", 2, 0, []int{2}, review.Options{Match: review.Position, Annotators: []string{"amal", "خالد"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v.match.SetSelectedIndex(tt.match)
			v.status.SetSelectedIndex(tt.status)
			for i, c := range v.annotators.checks {
				c.SetChecked(!containsInt(tt.untick, i))
			}
			got := v.options()
			if got.Match != tt.want.Match || got.AllStatuses != tt.want.AllStatuses || strings.Join(got.Annotators, ",") != strings.Join(tt.want.Annotators, ",") {
				t.Errorf("options %+v, want %+v", got, tt.want)
			}
		})
	}
	// One annotator ticked: nothing runs, and the view says why.
	for i, c := range v.annotators.checks {
		c.SetChecked(i == 0)
	}
	v.run()
	if v.cancel != nil || !strings.Contains(v.message.Text(), "at least two") {
		t.Errorf("ran with one annotator; message %q", v.message.Text())
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestAgreementCancel(t *testing.T) {
	v, _, _ := newTestAgreement(t, tawsimtheme.Light())
	before := v.report
	started := make(chan struct{})
	v.agree = func(ctx context.Context, _ *corpus.Store, _ review.Options, progress func(int, int)) (review.Report, error) {
		progress(1, 10)
		close(started)
		<-ctx.Done()
		return review.Report{}, ctx.Err()
	}
	v.run()
	<-started
	if !v.progress.Visible() || !v.cancelBtn.Visible() || !v.compute.Disabled() {
		t.Error("no progress bar and Cancel while measuring")
	}
	test.Tap(v.cancelBtn)
	waitTasks(t, v.tasks)
	if v.cancel != nil || v.progress.Visible() || v.compute.Disabled() {
		t.Error("the view still looks busy after Cancel")
	}
	if !strings.Contains(v.message.Text(), "Cancelled") || len(v.report.Pairs) != len(before.Pairs) {
		t.Errorf("after Cancel: message %q, %d pairs (the last report should stay)", v.message.Text(), len(v.report.Pairs))
	}
}

func TestAgreementErrorIsShown(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tawsimtheme.Light())
	var wg sync.WaitGroup
	v := newAgreementView(newTestStore(t), &labelEngine{}, &wg) // no layers at all
	v.run()
	waitTasks(t, &wg)
	if !strings.Contains(v.message.Text(), "at least two annotators") || v.message.Importance != widget.DangerImportance {
		t.Errorf("message %q (importance %v)", v.message.Text(), v.message.Importance)
	}
}

// TestPickingADocumentOpensIt: the worst document picked in the agreement
// window opens in the main window.
func TestPickingADocumentOpensIt(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	docs := addAnnotators(t, h.store)
	v, w := h.m.newAgreementWindow()
	t.Cleanup(w.Close)
	if err := v.loadAnnotators(); err != nil {
		t.Fatal(err)
	}
	v.run()
	h.m.Wait()
	if len(v.report.Documents) != 2 {
		t.Fatalf("%d documents listed", len(v.report.Documents))
	}
	worst := v.report.Documents[0].ID
	if h.m.Session().Doc().ID == worst {
		// Open the other first, so that picking the worst changes something.
		h.m.openDoc(docs[0].ID)
		if worst == docs[0].ID {
			h.m.openDoc(docs[1].ID)
		}
	}
	v.result.docs.Select(widget.TableCellID{Row: 0, Col: 3})
	if got := h.m.Session().Doc().ID; got != worst {
		t.Errorf("open document %s, want the worst %s", got, worst)
	}
}

func TestPairChoiceDrivesCharts(t *testing.T) {
	v, _, _ := newTestAgreement(t, tawsimtheme.Light())
	v.result.pairs.Select(widget.TableCellID{Row: 2, Col: 0})
	if v.result.pair != 2 || v.result.charts.pair != 2 {
		t.Fatalf("pair %d, charts show %d, want 2", v.result.pair, v.result.charts.pair)
	}
	p := v.report.Pairs[2]
	g := confusionGrid(p)
	if g.RowLabel != p.A || g.ColLabel != p.B || g.Rows[len(g.Rows)-1] != review.None {
		t.Errorf("confusion grid %+v for %s / %s", g, p.A, p.B)
	}
	b := typeBars(v.report, 2)
	if len(b.Series) != 2 || b.Series[0].Name != p.A+" / "+p.B || len(b.Categories) != len(v.report.Types) {
		t.Errorf("bars %+v", b)
	}
}

func TestConfusionGridCounts(t *testing.T) {
	p := review.Pair{A: "amal", B: "خالد", Confusion: review.Confusion{
		"PERS": {"PERS": 3, "ORG": 1}, "NORP": {"GPE": 1}, review.None: {"DATE": 2},
	}}
	g := confusionGrid(p)
	want := []string{"DATE", "GPE", "NORP", "ORG", "PERS", review.None}
	if strings.Join(g.Rows, " ") != strings.Join(want, " ") || strings.Join(g.Cols, " ") != strings.Join(want, " ") {
		t.Fatalf("rows %v cols %v, want %v on both", g.Rows, g.Cols, want)
	}
	at := func(a, b string) float64 {
		i, j := indexOf(want, a), indexOf(want, b)
		return g.Values[i][j]
	}
	for _, c := range []struct {
		a, b string
		n    float64
	}{{"PERS", "PERS", 3}, {"PERS", "ORG", 1}, {"NORP", "GPE", 1}, {review.None, "DATE", 2}, {"DATE", "DATE", 0}} {
		if got := at(c.a, c.b); got != c.n {
			t.Errorf("[%s][%s] = %v, want %v", c.a, c.b, got, c.n)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// TestChartFollowsSizeAndTheme: the chart is drawn again at the widget's
// new size after a resize, and in the new colours after a theme change.
func TestChartFollowsSizeAndTheme(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tawsimtheme.Light())
	var sizes []image.Point
	var backgrounds []color.Color
	c := newChartImage(func() *charts.Text { tx, _ := charts.NewText(); return tx })
	c.setChart(func(tx *charts.Text, st charts.Style, size charts.Size) (*image.RGBA, error) {
		sizes = append(sizes, image.Pt(size.Width, size.Height))
		backgrounds = append(backgrounds, st.Background)
		return charts.DrawGrid(tx, st, charts.Grid{Rows: []string{"amal", "خالد"}, Cols: []string{"amal", "خالد"},
			Values: [][]float64{{1, 0.5}, {0.5, 1}}}, size)
	})
	w := test.NewWindow(c)
	t.Cleanup(w.Close)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 300))
	img := w.Canvas().Capture()
	w.Resize(fyne.NewSize(600, 350))
	img2 := w.Canvas().Capture()
	if len(sizes) < 2 || sizes[len(sizes)-1] == sizes[0] {
		t.Fatalf("drawn at %v: not again after the resize", sizes)
	}
	if last := sizes[len(sizes)-1]; last.X != img2.Bounds().Dx() || last.Y != img2.Bounds().Dy() {
		t.Errorf("drawn at %v for a canvas of %v", last, img2.Bounds().Size())
	}
	light := img.At(2, 2)
	a.Settings().SetTheme(tawsimtheme.Dark())
	dark := w.Canvas().Capture().At(2, 2)
	if lum(light) < 0.8 || lum(dark) > 0.3 {
		t.Errorf("corner colour light theme %v, dark theme %v", light, dark)
	}
	if n := len(backgrounds); n < 3 || backgrounds[n-1] == backgrounds[0] {
		t.Errorf("backgrounds drawn %v: not redrawn in the dark theme", backgrounds)
	}
}

func lum(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// TestGoldenAgreement captures the agreement window on the three
// annotators in both themes.
func TestGoldenAgreement(t *testing.T) {
	for _, tc := range []struct {
		name  string
		theme fyne.Theme
	}{
		{"agreement_light.png", tawsimtheme.Light()},
		{"agreement_dark.png", tawsimtheme.Dark()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, w, _ := newTestAgreement(t, tc.theme)
			assertGoldenImage(t, tc.name, w.Canvas().Capture())
			// The second tab: the first pair's type confusion.
			v.result.charts.tabs.SelectIndex(1)
			assertGoldenImage(t, strings.Replace(tc.name, "agreement", "agreement_confusion", 1), w.Canvas().Capture())
		})
	}
}

// TestAgreementInTheMenu: View → Agreement… opens the agreement window,
// which measures at once.
func TestAgreementInTheMenu(t *testing.T) {
	h := newHarness(t, tawsimtheme.Light())
	addAnnotators(t, h.store)
	var item *fyne.MenuItem
	for _, menu := range h.m.menu().Items {
		for _, it := range menu.Items {
			if it.Label == "Agreement…" {
				item = it
			}
		}
	}
	if item == nil {
		t.Fatal("no Agreement… in the menus")
	}
	before := len(fyne.CurrentApp().Driver().AllWindows())
	item.Action()
	h.m.Wait()
	wins := fyne.CurrentApp().Driver().AllWindows()
	if len(wins) != before+1 {
		t.Fatalf("%d windows after Agreement…, want %d", len(wins), before+1)
	}
	w := wins[len(wins)-1]
	t.Cleanup(w.Close)
	if w.Title() != "Agreement" {
		t.Errorf("window %q", w.Title())
	}
}
