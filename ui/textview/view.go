package textview

import (
	"image/color"
	"slices"
	"sort"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/textlayout"
)

// Annotation is a typed span to draw: an entity, an event trigger, a
// suggestion or, in review, a candidate. Offsets are code points, End
// exclusive.
type Annotation struct {
	ID         string
	Start, End int
	Type       string
	// Annotator is optional; the hover tooltip shows it after the type.
	Annotator string
	// By are the annotators who made a candidate: the view draws a strip
	// of their colours (SetAnnotatorColor) along its bottom edge, a badge
	// with their number when there are several, and their names in the
	// tooltip. On an entity or trigger it only names them in the tooltip,
	// after Annotator and an arrow (gold ← amira, omar).
	By []string
}

// Region is a stretch of text drawn with a bar above it, such as a
// disagreement between annotators; Settled ones are drawn quieter.
type Region struct {
	Start, End int
	Settled    bool
}

// kind says how an annotation is drawn.
type kind uint8

const (
	kindEntity kind = iota
	kindTrigger
	kindSuggestion
	kindCandidate      // review: an entity as annotators marked it
	kindEventCandidate // review: an event's trigger as annotators marked it
	numKinds
)

// View is the right-to-left annotation view. It scrolls itself (put it
// in a container that gives it a size, not in a container.Scroll) so that
// it can create canvas objects only for the lines in view.
//
// All methods must be called on the Fyne goroutine (use fyne.Do from
// others).
type View struct {
	widget.BaseWidget

	// OnSelect is called when the user makes a selection by dragging,
	// double-clicking or Shift+arrows; start == end when a click cleared
	// it. Offsets are code points.
	OnSelect func(start, end int)
	// OnClickAnnotation is called with the id of the innermost entity or
	// trigger under a click, or "" when the click hit none.
	OnClickAnnotation func(id string)
	// OnHover is called when the pointer enters an annotation (its id) or
	// leaves all annotations ("").
	OnHover func(id string)
	// OnTypedKey receives the keys the view does not use itself (all but
	// the arrows), for the application's shortcuts.
	OnTypedKey func(*fyne.KeyEvent)
	// OnTypedRune receives typed characters, for single-key shortcuts.
	OnTypedRune func(rune)
	// OnShiftArrow, when set, is offered Shift+arrow keys first (with
	// whether Alt is held); returning true means the application used the
	// key (to grow or shrink a selected entity) and the view leaves its
	// selection alone.
	OnShiftArrow func(key fyne.KeyName, alt bool) bool

	text   string
	runes  int
	dir    textlayout.Direction
	size   float32 // 0: the theme's annotation text size
	tokens []corpus.Token

	engine *textlayout.Engine
	lay    *textlayout.Layout
	layW   float32 // width and size lay was made for
	laySz  float32
	layErr error
	gen    uint64 // bumped on every re-layout, keys the line images

	typeColor func(string) color.Color
	annColor  func(string) color.Color // review: an annotator's colour
	ann       [numKinds][]Annotation   // by kind, sorted by Start then End desc
	depth     [numKinds][]int          // nesting depth of each annotation
	regions   []Region                 // sorted by Start
	current   int                      // index of the current region, or -1
	selected  string
	linked    map[string]string // annotations tied to the selection (event arguments) → their role
	selStart  int
	selEnd    int

	scrollY float32

	cursor  int // token index of the keyboard cursor, -1 for none
	anchor  int // token index the Shift-selection started from
	focused bool
	shift   bool

	drag  dragState
	hover hoverState
}

// New returns a view of text laid out in direction dir. It counts and
// tokenizes text itself; a caller that has done so already uses
// SetDocument.
func New(text string, dir textlayout.Direction) *View {
	v := &View{cursor: -1, anchor: -1}
	v.ExtendBaseWidget(v)
	v.setText(text, utf8.RuneCountInString(text), corpus.Tokenize(text), dir)
	return v
}

// CreateRenderer implements fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer { return newRenderer(v) }

// SetText replaces the document and its direction, clears annotations,
// selection and scroll position, and lays the text out again.
func (v *View) SetText(text string, dir textlayout.Direction) {
	v.setText(text, utf8.RuneCountInString(text), corpus.Tokenize(text), dir)
	v.Refresh()
}

// SetDocument is SetText for a caller that has decoded the document
// already, as the window's session does once when a document opens: ix
// holds the text and its length in code points, tokens are its tokens in
// text order (as corpus.Tokenize returns them). The view keeps both and
// never changes them, so the text is neither counted nor tokenized again
// here; the layout engine still reads the string itself. A nil ix is an
// empty document.
func (v *View) SetDocument(ix *corpus.Index, tokens []corpus.Token, dir textlayout.Direction) {
	text, n := "", 0
	if ix != nil {
		text, n = ix.Text(), ix.Len()
	}
	v.setText(text, n, tokens, dir)
	v.Refresh()
}

// setText takes a document with its length in code points and its tokens.
func (v *View) setText(text string, runes int, tokens []corpus.Token, dir textlayout.Direction) {
	v.text, v.dir = text, dir
	v.runes = runes
	v.tokens = tokens
	v.lay = nil
	v.ann = [numKinds][]Annotation{}
	v.depth = [numKinds][]int{}
	v.regions, v.current = nil, -1
	v.selected = ""
	v.selStart, v.selEnd = 0, 0
	v.scrollY = 0
	v.cursor, v.anchor = -1, -1
}

// Text returns the document.
func (v *View) Text() string { return v.text }

// SetTokens replaces the tokens selection snaps to and the cursor moves
// over (by default corpus.Tokenize of the text).
func (v *View) SetTokens(tokens []corpus.Token) {
	v.tokens = append([]corpus.Token(nil), tokens...)
	sort.Slice(v.tokens, func(i, j int) bool { return v.tokens[i].Start < v.tokens[j].Start })
	v.cursor, v.anchor = -1, -1
}

// SetTextSize sets the font size in pixels (0 for the theme's annotation
// text size) and lays the text out again: this is zoom.
func (v *View) SetTextSize(px float32) {
	if px == v.size {
		return
	}
	v.size = px
	v.Refresh()
}

// TextSize returns the font size in use.
func (v *View) TextSize() float32 {
	if v.size > 0 {
		return v.size
	}
	if s := v.Theme().Size(sizeNameAnnotationText); s > 0 {
		return s
	}
	return defaultTextSize
}

// SetTypeColor sets the colour of each annotation type; nil restores
// DefaultTypeColor. Colours are drawn translucent behind the text.
func (v *View) SetTypeColor(f func(typ string) color.Color) {
	v.typeColor = f
	v.Refresh()
}

// SetAnnotatorColor sets the colour of each annotator, for the strips
// under candidates; nil restores DefaultAnnotatorColor.
func (v *View) SetAnnotatorColor(f func(annotator string) color.Color) {
	v.annColor = f
	v.Refresh()
}

// SetCandidates replaces the review candidates: entities as annotators
// marked them, drawn outlined (no fill, so gold's solid entities stand
// out beneath them), with a strip of their annotators' colours, a count
// badge when several made the same one, and the type label at the
// bottom edge.
func (v *View) SetCandidates(a []Annotation) { v.setAnn(kindCandidate, a) }

// SetEventCandidates replaces the review's event candidates, drawn as
// candidates on their triggers.
func (v *View) SetEventCandidates(a []Annotation) { v.setAnn(kindEventCandidate, a) }

// SetRegions replaces the regions (disagreements) drawn with a bar above
// the text; current (an index into rs, or -1) is outlined as well.
func (v *View) SetRegions(rs []Region, current int) {
	v.current = -1
	if current >= 0 && current < len(rs) {
		v.current = current
	}
	v.regions = slices.Clone(rs)
	if !slices.IsSortedFunc(v.regions, func(a, b Region) int { return a.Start - b.Start }) {
		order := make([]int, len(rs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return rs[a].Start - rs[b].Start })
		for i, j := range order {
			v.regions[i] = rs[j]
			if j == current {
				v.current = i
			}
		}
	}
	v.Refresh()
}

// CurrentRegion is the index of the current region among the regions in
// the order given to SetRegions (sorted by start), or -1.
func (v *View) CurrentRegion() int { return v.current }

// Entities, Candidates, EventCandidates and Regions return what the view
// draws (sorted by start); read them only.
func (v *View) Entities() []Annotation { return v.ann[kindEntity] }

// Candidates are the review candidates the view draws.
func (v *View) Candidates() []Annotation { return v.ann[kindCandidate] }

// EventCandidates are the review's event candidates the view draws.
func (v *View) EventCandidates() []Annotation { return v.ann[kindEventCandidate] }

// Regions are the regions the view draws.
func (v *View) Regions() []Region { return v.regions }

// SetEntities replaces the entity spans. This does not lay the text out
// again: highlights are placed from the existing layout's geometry.
func (v *View) SetEntities(a []Annotation) { v.setAnn(kindEntity, a) }

// SetTriggers replaces the event trigger spans (drawn outlined, with a
// thick underline).
func (v *View) SetTriggers(a []Annotation) { v.setAnn(kindTrigger, a) }

// SetSuggestions replaces the suggested spans (drawn with a dashed
// outline, no fill).
func (v *View) SetSuggestions(a []Annotation) { v.setAnn(kindSuggestion, a) }

func (v *View) setAnn(k kind, a []Annotation) {
	s := append([]Annotation(nil), a...)
	if !slices.IsSortedFunc(s, compareAnnotations) { // callers mostly pass them in order
		slices.SortStableFunc(s, compareAnnotations)
	}
	v.ann[k] = s
	v.depth[k] = nesting(s)
	v.Refresh()
}

// compareAnnotations orders annotations by start, the longest first.
func compareAnnotations(x, y Annotation) int {
	if x.Start != y.Start {
		return x.Start - y.Start
	}
	return y.End - x.End
}

// SetSelected marks the annotation with this id (entity, trigger or
// suggestion) as selected; "" for none.
func (v *View) SetSelected(id string) {
	v.selected = id
	v.Refresh()
}

// SetLinked marks annotations tied to the selected one, such as the
// arguments of a selected event, with a dashed outline and a label (their
// role); nil clears them.
func (v *View) SetLinked(linked map[string]string) {
	v.linked = linked
	v.Refresh()
}

// Selected returns the selected annotation id.
func (v *View) Selected() string { return v.selected }

// SetSelection sets the text selection [start, end) in code points; an
// empty range clears it. It does not call OnSelect.
func (v *View) SetSelection(start, end int) {
	v.selStart, v.selEnd = clampRange(start, end, v.runes)
	v.Refresh()
}

// Selection returns the text selection.
func (v *View) Selection() (start, end int) { return v.selStart, v.selEnd }

// Layout returns the current layout (nil before the view has a size).
func (v *View) Layout() *textlayout.Layout { return v.lay }

// MinSize is small: the view scrolls its content itself.
func (v *View) MinSize() fyne.Size {
	v.ExtendBaseWidget(v)
	return fyne.NewSize(120, 3*v.TextSize())
}

// select reports a user selection.
func (v *View) userSelect(start, end int) {
	v.selStart, v.selEnd = clampRange(start, end, v.runes)
	v.Refresh()
	if v.OnSelect != nil {
		v.OnSelect(v.selStart, v.selEnd)
	}
}

func clampRange(start, end, n int) (int, int) {
	if start > end {
		start, end = end, start
	}
	start, end = min(max(start, 0), n), min(max(end, 0), n)
	if start == end {
		return 0, 0
	}
	return start, end
}

// nesting returns each annotation's depth: how many earlier annotations
// of the list contain it. a is sorted by Start, then End descending.
func nesting(a []Annotation) []int {
	d := make([]int, len(a))
	var stack []int // indexes of open annotations
	for i, x := range a {
		for len(stack) > 0 && a[stack[len(stack)-1]].End <= x.Start {
			stack = stack[:len(stack)-1]
		}
		// Overlapping but not containing spans also stack, so both stay
		// visible.
		d[i] = len(stack)
		stack = append(stack, i)
	}
	return d
}
