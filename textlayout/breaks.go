package textlayout

import (
	"unicode"

	"github.com/go-text/typesetting/shaping"
	"github.com/go-text/typesetting/unicodedata"
)

// Rune classes (bit set) used by itemizing and line breaking.
const (
	// cKeepFace: spaces, controls, format characters and nonspacing
	// marks never switch fonts inside a run.
	cKeepFace uint8 = 1 << iota
	// cSpace: a line may break after a run of these (UAX#14 SP, ZW, the
	// breaking spaces of class BA, and tab); no-break spaces are not here.
	cSpace
	// cNoBreakBefore: UAX#14 CL, CP, EX, IS and SY never start a line,
	// even after spaces (LB13): "قال : نعم" keeps ":" on its line.
	cNoBreakBefore
	// cOpen: UAX#14 OP; no break after it, even before spaces (LB14).
	cOpen
	// cHyphen: UAX#14 HY and the dashes of class BA; a line may break
	// after one between letters (LB21, LB25).
	cHyphen
	// cDash: UAX#14 B2 (em dash); breaks are allowed on both sides.
	cDash
)

// runeClass computes the class bits of r.
func runeClass(r rune) uint8 {
	var c uint8
	if unicode.IsSpace(r) || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Mn) {
		c |= cKeepFace
	}
	switch {
	case r == '\t' || r == '\u200B':
		c |= cSpace
	case r == '\u00A0' || r == '\u2007' || r == '\u202F':
		// no-break spaces (UAX#14 GL)
	case unicode.In(r, unicodedata.BreakSP, unicodedata.BreakZW) || (unicode.Is(unicode.Zs, r) && unicode.Is(unicodedata.BreakBA, r)):
		c |= cSpace
	case unicode.In(r, unicodedata.BreakCL, unicodedata.BreakCP, unicodedata.BreakEX, unicodedata.BreakIS, unicodedata.BreakSY):
		c |= cNoBreakBefore
	case unicode.Is(unicodedata.BreakOP, r):
		c |= cOpen
	case unicode.Is(unicodedata.BreakHY, r) || (unicode.Is(unicode.Pd, r) && unicode.Is(unicodedata.BreakBA, r)):
		c |= cHyphen
	case unicode.Is(unicodedata.BreakB2, r):
		c |= cDash
	}
	return c
}

// breakOpportunities appends to dst the positions i in (0, n] before
// which a line may break. It is the part of UAX#14 that matters for
// Arabic and Latin news text, computed once per paragraph (go-text's
// full segmenter recomputed it on every wrap and cost more than the rest
// of a re-layout): after spaces (LB18) unless an opening bracket precedes
// them (LB14) or closing punctuation follows (LB13); after a hyphen or
// dash between letters (LB21, LB25); around an em dash (LB17 aside).
// Other UAX#14 opportunities (ideographs, after "/", "?" followed by a
// letter) are not offered; a word too long for a line is broken between
// clusters by the wrapper. Breaks are only offered at cluster starts.
func (e *Engine) breakOpportunities(runes []rune, cluster []bool, dst []int32) []int32 {
	n := len(runes)
	prev := uint8(0)
	if n > 0 {
		prev = e.classOf(runes[0])
	}
	spaceRun := 0 // start of the current run of spaces
	for i := 1; i < n; i++ {
		c := e.classOf(runes[i])
		if prev&cSpace != 0 && c&cSpace == 0 {
			if cluster[i] && c&cNoBreakBefore == 0 && (spaceRun == 0 || e.classOf(runes[spaceRun-1])&cOpen == 0) {
				dst = append(dst, int32(i))
			}
		} else if c&cSpace == 0 && cluster[i] {
			switch {
			case prev&cHyphen != 0 && i >= 2 && unicode.IsLetter(runes[i-2]) && unicode.IsLetter(runes[i]):
				dst = append(dst, int32(i))
			case prev&cDash != 0 && c&(cDash|cNoBreakBefore) == 0,
				c&cDash != 0 && prev&(cDash|cOpen) == 0:
				dst = append(dst, int32(i))
			}
		}
		if c&cSpace != 0 && prev&cSpace == 0 {
			spaceRun = i
		}
		prev = c
	}
	if n > 0 {
		dst = append(dst, int32(n))
	}
	return dst
}

// index fills cum, gpos and cluster from the items' glyphs.
func (s *shaped) index() {
	n := len(s.runes)
	s.cum = make([]int64, n+1)
	s.gpos = make([]int32, n)
	s.cluster = make([]bool, n)
	for _, it := range s.items {
		// Item starts are cluster starts even if shaping dropped the
		// rune's glyph, so every item can be cut at its edges.
		s.cluster[it.start] = true
		for _, g := range it.glyphs {
			c := g.ClusterIndex
			if c >= it.start && c < it.end {
				s.cluster[c] = true
				s.cum[c+1] += int64(g.XAdvance)
			}
		}
		gs := it.glyphs
		if !it.rtl { // ClusterIndex ascends: count glyphs before x
			k := 0
			for x := it.start; x < it.end; x++ {
				for k < len(gs) && gs[k].ClusterIndex < x {
					k++
				}
				s.gpos[x] = int32(k)
			}
		} else { // ClusterIndex descends: count glyphs at or after x
			k := 0
			for x := it.end - 1; x >= it.start; x-- {
				for k < len(gs) && gs[k].ClusterIndex >= x {
					k++
				}
				s.gpos[x] = int32(k)
			}
		}
	}
	for i := 0; i < n; i++ {
		s.cum[i+1] += s.cum[i]
	}
}

// glyphRange returns the glyphs of it covering runes [a, b), which are
// cluster starts (or the item's end) inside the item. The slice is capped
// so appending to it cannot overwrite the next glyphs.
func (s *shaped) glyphRange(it *item, a, b int) []shaping.Glyph {
	pos := func(x int) int {
		if x >= it.end {
			if it.rtl {
				return 0
			}
			return len(it.glyphs)
		}
		return int(s.gpos[x])
	}
	i, j := pos(a), pos(b)
	if it.rtl {
		i, j = j, i
	}
	return it.glyphs[i:j:j]
}
