package textlayout

import (
	"fmt"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"

	"github.com/tawsim/tawsim/fonts"
)

// Engine holds the parsed fonts and the shaper, caches the shaping of
// words (bounded, across documents) and the shaped paragraphs of the last
// document it laid out, so laying out the same text at another width only
// re-wraps. An Engine is not safe for concurrent use.
type Engine struct {
	faces  fonts.Faces
	shaper shaping.HarfbuzzShaper
	bidi   bidi.Paragraph
	cache  map[paraKey]*shaped
	words  wordCache
	ar, en language.Language
	// cover caches glyph coverage below coverLimit (Latin, Arabic):
	// bit 1 = Naskh has the rune, bit 2 = Noto Sans has it.
	cover [coverLimit]uint8
	// class caches runeClass below coverLimit: unicode.Is is a binary
	// search and was a fifth of a cold layout when called per rune.
	class [coverLimit]uint8
	// Scratch buffers reused between paragraphs.
	bounds []int32
	key    []byte
	text   []rune
}

const coverLimit = 0x0800

// has reports whether face f (one of the engine's two) covers r.
func (e *Engine) has(f *font.Face, r rune) bool {
	if r >= 0 && r < coverLimit {
		bit := uint8(1)
		if f == e.faces.SansRegular {
			bit = 2
		}
		return e.cover[r]&bit != 0
	}
	_, ok := f.NominalGlyph(r)
	return ok
}

// paraKey identifies a shaped paragraph.
type paraKey struct {
	text string
	dir  Direction
	size float32
}

// shaped is one paragraph after bidi, itemizing and shaping; it is
// independent of the width and shared read-only between layouts. What
// wrapping needs is precomputed here, so a re-wrap is a walk over break
// opportunities with prefix sums.
type shaped struct {
	runes  []rune
	rtl    bool
	levels []uint8
	items  []item          // logical order
	glyphs []shaping.Glyph // all items' glyphs, item by item
	// cum[i] is the advance (26.6) of runes [0, i); exact at cluster
	// starts, which is where lines may start and end.
	cum []int64
	// gpos[i] is the glyph boundary of rune i inside its item: for a
	// left-to-right item, the number of its glyphs before the cluster of
	// i; for a right-to-left one, the number of glyphs of clusters at or
	// after i (they come first in visual order).
	gpos []int32
	// cluster[i] reports whether a shaping cluster starts at rune i.
	cluster []bool
	// breaks are the line break opportunities in (0, n], ascending; the
	// paragraph end is always one.
	breaks []int32
}

// item is a maximal run of one level, script class and face.
type item struct {
	start, end int
	rtl        bool
	face       *font.Face
	glyphs     []shaping.Glyph // visual order; ClusterIndex paragraph relative
}

// NewEngine parses the embedded fonts.
func NewEngine() (*Engine, error) {
	f, err := fonts.ParseFaces()
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	e := &Engine{
		faces: f,
		cache: map[paraKey]*shaped{},
		ar:    language.NewLanguage("ar"),
		en:    language.NewLanguage("en"),
	}
	// The shaper's font cache defaults to zero entries, which rebuilds
	// the HarfBuzz font and its Arabic plan on every run.
	e.shaper.SetFontCacheSize(4)
	for r := rune(0); r < coverLimit; r++ {
		if _, ok := f.NaskhRegular.NominalGlyph(r); ok {
			e.cover[r] |= 1
		}
		if _, ok := f.SansRegular.NominalGlyph(r); ok {
			e.cover[r] |= 2
		}
		e.class[r] = runeClass(r)
	}
	return e, nil
}

// classOf returns runeClass(r), from the table when possible.
func (e *Engine) classOf(r rune) uint8 {
	if r >= 0 && r < coverLimit {
		return e.class[r]
	}
	return runeClass(r)
}

// resetCaches forgets all shaping, for cold-start benchmarks.
func (e *Engine) resetCaches() {
	e.cache = map[paraKey]*shaped{}
	e.words = wordCache{}
}

// New lays out text with a fresh Engine. Use an Engine directly to re-lay
// out cheaply after a resize.
func New(text string, opts Options) (*Layout, error) {
	e, err := NewEngine()
	if err != nil {
		return nil, err
	}
	return e.Layout(text, opts)
}

// Faces returns the engine's parsed fonts (for drawing the runs).
func (e *Engine) Faces() fonts.Faces { return e.faces }

// shape returns the shaped paragraph, from the cache when possible.
func (e *Engine) shape(runes []rune, text string, opts Options, next map[paraKey]*shaped) *shaped {
	k := paraKey{text, opts.Direction, opts.Size}
	if s, ok := next[k]; ok {
		return s
	}
	if s, ok := e.cache[k]; ok {
		next[k] = s
		return s
	}
	s := &shaped{runes: runes}
	switch opts.Direction {
	case RTL:
		s.rtl = true
	case Auto:
		s.rtl = firstStrongRTL(runes)
	}
	s.levels = levels(&e.bidi, runes, s.rtl, nil)
	size := fixed.Int26_6(opts.Size * 64)
	s.glyphs = make([]shaping.Glyph, 0, len(runes)+len(runes)/8)
	e.itemize(runes, s.levels, func(start, end int, arabic bool, face *font.Face) {
		in := shaping.Input{
			Direction: di.DirectionLTR, Face: face, Size: size,
			Script: language.Latin, Language: e.en,
		}
		st := wordStyle{face: face, size: size, arabic: arabic}
		if s.levels[start]&1 == 1 {
			in.Direction, st.rtl = di.DirectionRTL, true
		}
		if arabic {
			in.Script, in.Language = language.Arabic, e.ar
		}
		g0 := len(s.glyphs)
		e.shapeItem(s, in, st, start, end)
		s.items = append(s.items, item{start: start, end: end, rtl: st.rtl, face: face, glyphs: s.glyphs[g0:len(s.glyphs)]})
	})
	// s.glyphs may have moved while growing: point the items at its final
	// storage (capped, so a caller's append cannot clobber a neighbour).
	g := 0
	for i := range s.items {
		it := &s.items[i]
		n := len(it.glyphs)
		it.glyphs = s.glyphs[g : g+n : g+n]
		g += n
	}
	s.index()
	s.breaks = e.breakOpportunities(runes, s.cluster, s.breaks[:0])
	next[k] = s
	return s
}

// itemize splits a paragraph into maximal runs of one level, one script
// class (Arabic or not) and one face, and calls fn for each.
// Common and inherited characters (spaces, digits, punctuation, marks)
// join the script around them, so "١٢ مليون" or "(UN)" shape as one run.
func (e *Engine) itemize(runes []rune, lv []uint8, fn func(start, end int, arabic bool, face *font.Face)) {
	n := len(runes)
	if n == 0 {
		return
	}
	// Resolve the script class of each rune: forward inheritance, and
	// leading common characters take the first real script.
	arab := make([]bool, n)
	cur, known := false, false
	for i, r := range runes {
		switch language.LookupScript(r) {
		case language.Common, language.Inherited, language.Unknown:
			arab[i] = cur
		case language.Arabic:
			cur, known = true, true
			arab[i] = true
		default:
			cur, known = false, true
			arab[i] = false
		}
		if !known {
			arab[i] = false
		}
	}
	if first := firstScripted(runes); first > 0 {
		for i := 0; i < first; i++ {
			arab[i] = arab[first]
		}
	}
	faceOf := func(i int, prev *font.Face) *font.Face {
		primary, other := e.faces.SansRegular, e.faces.NaskhRegular
		if arab[i] {
			primary, other = other, primary
		}
		r := runes[i]
		if prev != nil && e.classOf(r)&cKeepFace != 0 {
			if prev == primary || prev == other {
				return prev // spaces and marks never switch fonts
			}
		}
		if e.has(primary, r) {
			return primary
		}
		if e.has(other, r) {
			return other
		}
		return primary
	}
	start := 0
	face := faceOf(0, nil)
	for i := 1; i <= n; i++ {
		if i < n {
			f := faceOf(i, face)
			if lv[i] == lv[start] && arab[i] == arab[start] && f == face {
				continue
			}
			fn(start, i, arab[start], face)
			start, face = i, f
			continue
		}
		fn(start, n, arab[start], face)
	}
}

// firstScripted returns the index of the first rune with a real script,
// or 0 if there is none.
func firstScripted(runes []rune) int {
	for i, r := range runes {
		switch language.LookupScript(r) {
		case language.Common, language.Inherited, language.Unknown:
		default:
			return i
		}
	}
	return 0
}
