package textlayout

import (
	"strings"

	"golang.org/x/text/unicode/bidi"
)

// firstStrongRTL applies UBA rules P2–P3: the first character of class L,
// R or AL outside isolates decides; none means left to right.
func firstStrongRTL(runes []rune) bool {
	depth := 0
	for _, r := range runes {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			depth++
		case bidi.PDI:
			if depth > 0 {
				depth--
			}
		case bidi.L:
			if depth == 0 {
				return false
			}
		case bidi.R, bidi.AL:
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// bidiClass is the bidi class of r.
func bidiClass(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// isL1Space reports whether r is reset to the paragraph level at the end
// of a line or before a tab (UBA rule L1): whitespace and isolate marks.
func isL1Space(r rune) bool {
	switch bidiClass(r) {
	case bidi.WS, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return true
	}
	return false
}

// levels resolves the embedding level of every rune of one paragraph into
// dst (resized), then applies rule L1 for the paragraph end.
//
// Paragraphs without explicit embedding, override or isolate characters
// (every news text in practice) are resolved by implicitLevels, our own
// W1–W7, N0–N2 and I1–I2. The others go through golang.org/x/text's bidi
// (xtextLevels), because implementing X1–X10 (the embedding stack,
// isolating run sequences) is a much larger job for text that does not
// occur in the corpora. That path inherits x/text's limits: it only
// reports parity, so levels are reconstructed (exact up to level 2), and
// it never pairs brackets (rule N0), as its matcher compares "(" with ")"
// by value.
func levels(p *bidi.Paragraph, runes []rune, rtl bool, dst []uint8) []uint8 {
	base := uint8(0)
	if rtl {
		base = 1
	}
	if hasExplicit(runes) {
		dst = xtextLevels(p, runes, rtl, dst)
	} else {
		dst = implicitLevels(runes, base, dst)
	}
	applyL1(runes, rtl, dst)
	return dst
}

// applyL1 applies rule L1 for the paragraph end to levels lv: separators,
// and whitespace before them or at the paragraph end, take the paragraph
// level. BN counts as whitespace here, as UBA 5.2 advises when BNs are
// kept (and as FriBidi does).
func applyL1(runes []rune, rtl bool, lv []uint8) {
	base := uint8(0)
	if rtl {
		base = 1
	}
	trailing := true
	for i := len(runes) - 1; i >= 0; i-- {
		c := bidiClass(runes[i])
		switch {
		case c == bidi.B || c == bidi.S:
			lv[i] = base
			trailing = true
		case trailing && (c == bidi.BN || isL1Space(runes[i])):
			lv[i] = base
		default:
			trailing = false
		}
	}
}

// xtextLevels resolves levels with x/text, for paragraphs with explicit
// formatting characters (see levels), without applying L1. x/text only
// reports runs of the same parity, so levels 0/1/2 are rebuilt from bidi
// classes: numbers that follow right-to-left text sit at level 2,
// everything else at 0. Without explicit embedding controls, levels never
// exceed 2, so this is exact; with them, parity is kept.
func xtextLevels(p *bidi.Paragraph, runes []rune, rtl bool, dst []uint8) []uint8 {
	n := len(runes)
	dst = append(dst[:0], make([]uint8, n)...)
	if n == 0 {
		return dst
	}
	base := uint8(0)
	if rtl {
		base = 1
	}
	// Parity from x/text. A left-to-right paragraph is forced by a leading
	// LRM, because x/text can only force right to left.
	var sb strings.Builder
	shift := 0
	if !rtl {
		sb.WriteRune('\u200E')
		shift = 1
	}
	for _, r := range runes {
		if bidiClass(r) == bidi.B { // x/text stops at paragraph separators
			r = ' '
		}
		sb.WriteRune(r)
	}
	for i := range dst {
		dst[i] = base
	}
	if !parity(p, sb.String(), rtl, shift, dst) {
		return dst // could not resolve: keep the paragraph level
	}
	if rtl {
		for i := range dst {
			dst[i] = 1 + 1 - dst[i]&1 // odd → 1, even → 2
		}
	} else {
		reconstructLTR(runes, dst)
	}
	return dst
}

// parity writes 0 or 1 per rune into dst from x/text's runs; it reports
// false if x/text failed (it returns errors, and has panicked on odd
// input in the past, which must not take the editor down).
func parity(p *bidi.Paragraph, s string, rtl bool, shift int, dst []uint8) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	def := bidi.LeftToRight
	if rtl {
		def = bidi.RightToLeft
	}
	if _, err := p.SetString(s, bidi.DefaultDirection(def)); err != nil {
		return false
	}
	o, err := p.Order()
	if err != nil {
		return false
	}
	for i := 0; i < o.NumRuns(); i++ {
		run := o.Run(i)
		start, end := run.Pos()
		odd := uint8(0)
		if run.Direction() == bidi.RightToLeft {
			odd = 1
		}
		for j := start - shift; j <= end-shift; j++ {
			if j >= 0 && j < len(dst) {
				dst[j] = odd
			}
		}
	}
	return true
}

// reconstructLTR turns parities (0/1) of a left-to-right paragraph into
// levels 0, 1 or 2 following rules W1–W7 and I1: an even character is at
// level 2 when it resolved to a number (EN after R or AL, AN, or a
// separator or terminator absorbed into such a number).
func reconstructLTR(runes []rune, lv []uint8) {
	const (
		none = iota
		en   // European number staying EN (after R)
		an   // Arabic number, or EN after AL (W2)
	)
	kind := make([]uint8, len(runes))
	prevStrong := bidi.L
	for i, r := range runes {
		c := bidiClass(r)
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			prevStrong = c
		}
		if lv[i]&1 == 1 {
			lv[i] = 1
			continue
		}
		lv[i] = 0
		switch c {
		case bidi.EN:
			switch prevStrong {
			case bidi.R:
				kind[i], lv[i] = en, 2
			case bidi.AL:
				kind[i], lv[i] = an, 2
			}
		case bidi.AN:
			kind[i], lv[i] = an, 2
		}
	}
	numAt := func(i int) uint8 {
		if i < 0 || i >= len(runes) || lv[i] != 2 {
			return none
		}
		return kind[i]
	}
	for i, r := range runes {
		if lv[i] != 0 || kind[i] != none {
			continue
		}
		switch bidiClass(r) {
		case bidi.CS:
			if k := numAt(i - 1); k != none && k == numAt(i+1) {
				lv[i] = 2
			}
		case bidi.ES:
			if numAt(i-1) == en && numAt(i+1) == en {
				lv[i] = 2
			}
		case bidi.ET:
			j, k := i, i
			for j > 0 && bidiClass(runes[j-1]) == bidi.ET {
				j--
			}
			for k+1 < len(runes) && bidiClass(runes[k+1]) == bidi.ET {
				k++
			}
			if numAt(j-1) == en || numAt(k+1) == en {
				lv[i] = 2
			}
		case bidi.NSM:
			if i > 0 && lv[i-1] == 2 {
				lv[i] = 2
			}
		}
	}
}
