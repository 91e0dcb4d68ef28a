// Package charts draws the agreement view's charts — F1 by entity type as
// bars, and heat maps of annotator pairs and of the type confusion of a
// pair — with gonum.org/v1/plot, into images the app shows.
//
// gonum/plot's own text handler draws a string glyph by glyph in logical
// order with no shaping, so Arabic would come out backwards with its
// letters unjoined. Every chart here draws its text through Text, a
// text.Handler that lays each line out with Tawsim's own engine
// (textlayout: bidi reordering, HarfBuzz shaping, the embedded fonts) and
// fills the shaped glyphs' outlines as vector paths, so type and
// annotator names read right to left with joined letters on any vg
// backend (image, SVG, PDF).
//
// The package never imports Fyne: the charts are images of a given pixel
// size and resolution in the colours of a Style, tested headless; the ui
// package turns the app's theme into a Style and shows the images.
package charts
