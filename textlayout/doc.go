// Package textlayout lays out right-to-left and mixed Arabic/Latin text into
// visual lines, and answers the geometry questions an annotation view asks:
// which character is under the pointer, where a caret goes, and which
// rectangles a token covers.
//
// It is pure Go and never imports Fyne, so it can be tested headless and
// used by the tawsimctl CLI. Shaping comes from go-text/typesetting (the
// library Fyne itself uses), cached per word; lines are broken here,
// greedily at a UAX#14 subset (see breakOpportunities). Bidi levels are
// resolved here (UBA W1–W7, N0–N2, I1–I2; see implicitLevels) for
// paragraphs without explicit embedding, override or isolate characters,
// and by golang.org/x/text/unicode/bidi for the rare others (see levels);
// bidi classes come from x/text. The visual order of runs is computed here
// from per-character levels (UBA rules L1 and L2) because the wrapper's own
// VisualIndex only knows two levels and misorders numbers inside Arabic
// inside a left-to-right paragraph.
//
// All offsets are Unicode code points into the whole document (the index
// into []rune(text)); invalid UTF-8 bytes count as one U+FFFD each.
// Coordinates are pixels with the origin at the top left of the document.
package textlayout
