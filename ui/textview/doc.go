// Package textview is Tawsim's annotation view: a Fyne widget that shows
// a right-to-left (or mixed, or left-to-right) document laid out by
// textlayout, draws entity, event-trigger and suggestion spans over it, and
// turns mouse and keyboard input into selections and clicks on
// annotations.
//
// Fyne's own text widgets cannot be the annotation surface: Fyne shapes
// Arabic but does not reorder bidirectional text, has no paragraph
// direction, and draws with fonts the layout engine did not measure. So
// the view lays text out with textlayout and the embedded Noto fonts, and
// rasterises each visible line itself from the layout's shaped glyphs
// into a canvas.Raster, at exactly the positions the layout measured.
// Highlights are plain rectangles placed from the same layout's
// SpanRects, so they sit exactly on their glyphs.
//
// The view knows only the text and the spans; it has no store. It
// reports what the user does through callbacks (OnSelect,
// OnClickAnnotation, OnHover, OnTypedKey, OnTypedRune) and is updated
// through setters (SetEntities, SetTriggers, SetSuggestions, SetSelected,
// SetSelection, SetText or SetDocument, SetTextSize). For review it also
// draws candidates (SetCandidates, SetEventCandidates: outlined, with a
// strip of their annotators' colours from SetAnnotatorColor and a count
// badge) and regions such as disagreements (SetRegions).
//
// Cost model: the text is laid out again only when the text, the width
// or the text size changes. An annotation or selection change re-places
// rectangles for the lines in view only. The view scrolls itself and
// creates canvas objects only for visible lines, so do not wrap it in a
// container.Scroll: give it a size (a Border or Stack layout).
//
// Interaction: a drag selects whole tokens (corpus.Tokenize offsets, or
// SetTokens); with Alt held when the button goes down it selects exact
// characters. A double-click selects a token. A click selects the
// innermost annotation under the pointer. Hovering shows the
// annotation's type and annotator. With focus, the arrow keys move a
// token cursor in screen order (Left goes left, whatever the direction of
// the text), Shift+arrows extend the selection; other keys go to
// OnTypedKey for the application's shortcuts.
//
// Usage:
//
//	v := textview.New(doc.Text, textlayout.Auto)
//	v.SetEntities([]textview.Annotation{{ID: "e1", Start: 6, End: 12, Type: "PER", Annotator: "salma"}})
//	v.SetTriggers([]textview.Annotation{{ID: "ev1", Start: 20, End: 27, Type: "Meet"}})
//	v.OnSelect = func(start, end int) { newEntityDialog(start, end) }
//	v.OnClickAnnotation = func(id string) { v.SetSelected(id); showDetails(id) }
//	v.SetTextSize(22) // zoom
//	w.SetContent(container.NewBorder(toolbar, nil, nil, nil, v))
//
// Apply ui/theme to the app so that the tooltip and type labels use the
// same fonts. Call the view only from the Fyne goroutine (fyne.Do).
package textview
