package textlayout

import (
	"unicode/utf8"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Shaping is cached per word rather than per paragraph: Arabic does not
// join across spaces, and news text repeats a small vocabulary (names,
// particles, "قال", "الرئيس"), so most words of a new document are already
// shaped. A paragraph's runs are assembled from the cached glyphs.

// wordStyle is everything besides the text that shaping depends on.
type wordStyle struct {
	face   *font.Face
	size   fixed.Int26_6
	rtl    bool
	arabic bool
}

const (
	// wordCacheCap bounds one generation of the word cache. Two
	// generations are kept, so at most 2*wordCacheCap words (a few MB at
	// most) stay alive however many documents an Engine lays out.
	wordCacheCap = 4096
	// maxCachedWord is the longest piece (in code points) worth caching;
	// longer ones (URLs, runs without spaces) are shaped each time so a
	// pathological document cannot fill the cache with huge entries.
	maxCachedWord = 32
)

// wordCache maps (style, text) to glyphs whose ClusterIndex is relative to
// the word. It is a two-generation cache, a cheap approximation of LRU:
// when the current generation is full it becomes the old one and the
// previous old one is dropped; hits in the old generation are promoted.
type wordCache struct {
	cur, old map[wordStyle]map[string][]shaping.Glyph
	n        int // words in cur
}

func (c *wordCache) get(st wordStyle, key []byte) ([]shaping.Glyph, bool) {
	// m[string(key)] does not allocate on lookups.
	if g, ok := c.cur[st][string(key)]; ok {
		return g, true
	}
	if g, ok := c.old[st][string(key)]; ok {
		c.put(st, key, g)
		return g, true
	}
	return nil, false
}

func (c *wordCache) put(st wordStyle, key []byte, g []shaping.Glyph) {
	if c.n >= wordCacheCap || c.cur == nil {
		c.old, c.cur, c.n = c.cur, map[wordStyle]map[string][]shaping.Glyph{}, 0
	}
	m := c.cur[st]
	if m == nil {
		m = map[string][]shaping.Glyph{}
		c.cur[st] = m
	}
	m[string(key)] = g
	c.n++
}

// shapeItem shapes runes [start, end) of s (one level, one script class,
// one face) word by word and appends the glyphs, in visual order and with
// paragraph-relative ClusterIndex, to s.glyphs.
func (e *Engine) shapeItem(s *shaped, in shaping.Input, st wordStyle, start, end int) {
	runes := s.runes
	// Pieces: maximal runs of spaces or of non-spaces, in logical order.
	bounds := e.bounds[:0]
	bounds = append(bounds, int32(start))
	for i := start + 1; i < end; i++ {
		if (runes[i] == ' ') != (runes[i-1] == ' ') {
			bounds = append(bounds, int32(i))
		}
	}
	bounds = append(bounds, int32(end))
	e.bounds = bounds
	np := len(bounds) - 1
	for k := 0; k < np; k++ {
		p := k
		if st.rtl { // visual order: the last word comes first
			p = np - 1 - k
		}
		a, b := int(bounds[p]), int(bounds[p+1])
		// Context matters to Arabic joining: the first and last letters
		// take their forms from the neighbours. A space or nothing never
		// joins, so a word between spaces is shaped alone and shared. A
		// word next to another item ("شراكة after a quote) is shaped
		// with that one neighbour as HarfBuzz context and cached with it
		// in the key, unless the neighbour is a mark or format character,
		// through which joining looks further.
		left, right, ok := rune(-1), rune(-1), b-a <= maxCachedWord
		if runes[a] != ' ' {
			if a > 0 && runes[a-1] != ' ' {
				left = runes[a-1]
				ok = ok && e.classOf(left)&cKeepFace == 0
			}
			if b < len(runes) && runes[b] != ' ' {
				right = runes[b]
				ok = ok && e.classOf(right)&cKeepFace == 0
			}
		}
		if !ok {
			in.Text, in.RunStart, in.RunEnd = runes, a, b
			s.glyphs = append(s.glyphs, e.shaper.Shape(in).Glyphs...)
			continue
		}
		// The key is a flag byte telling which neighbours follow, the
		// neighbours, then the word: UTF-8 keeps it unambiguous.
		key := append(e.key[:0], 0)
		if left >= 0 {
			key[0] |= 1
			key = utf8.AppendRune(key, left)
		}
		if right >= 0 {
			key[0] |= 2
			key = utf8.AppendRune(key, right)
		}
		for _, r := range runes[a:b] {
			key = utf8.AppendRune(key, r)
		}
		e.key = key
		g, hit := e.words.get(st, key)
		if !hit {
			text := e.text[:0]
			if left >= 0 {
				text = append(text, left)
			}
			text = append(text, runes[a:b]...)
			start := len(text) - (b - a)
			if right >= 0 {
				text = append(text, right)
			}
			e.text = text
			in.Text, in.RunStart, in.RunEnd = text, start, start+b-a
			g = e.shaper.Shape(in).Glyphs
			for i := range g {
				g[i].ClusterIndex -= start
			}
			e.words.put(st, key, g)
		}
		n := len(s.glyphs)
		s.glyphs = append(s.glyphs, g...)
		for i := n; i < len(s.glyphs); i++ {
			s.glyphs[i].ClusterIndex += a
		}
	}
}
