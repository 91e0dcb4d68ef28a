package textlayout

import "golang.org/x/text/unicode/bidi"

// hasExplicit reports whether runes contain an explicit embedding,
// override or isolate formatting character (LRE, RLE, PDF, LRO, RLO,
// U+202A–U+202E; LRI, RLI, FSI, PDI, U+2066–U+2069). Without them, UBA
// rules X1–X10 reduce to one isolating run sequence at the paragraph
// level and implicitLevels applies.
func hasExplicit(runes []rune) bool {
	for _, r := range runes {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return true
		}
	}
	return false
}

// implicitLevels resolves the embedding levels of a paragraph that has
// no explicit formatting characters (see hasExplicit), at paragraph level
// base (0 or 1, from P2–P3 or forced), into dst (resized). Without
// explicit characters, X1–X8 give every character the paragraph level,
// X9 only removes BN, and X10 yields a single isolating run sequence with
// sos = eos = the paragraph direction. What remains is W1–W7, N0–N2 and
// I1–I2, implemented here. L1 is left to the caller.
//
// BN characters (X9) are skipped during resolution, as if removed, and
// then take the level of the character before them (UBA 5.2, Retaining
// BNs and Explicit Formatting Characters), as FriBidi does.
func implicitLevels(runes []rune, base uint8, dst []uint8) []uint8 {
	n := len(runes)
	dst = append(dst[:0], make([]uint8, n)...)
	if n == 0 {
		return dst
	}
	// X9: the sequence without BN. seq maps back to runes when some
	// were removed; orig keeps the classes before W1.
	orig := make([]bidi.Class, 0, n)
	var seq []int32
	var rs []rune
	for i, r := range runes {
		c := bidiClass(r)
		if c == bidi.BN {
			if seq == nil {
				seq = make([]int32, 0, n)
				for k := range i {
					seq = append(seq, int32(k))
				}
				rs = make([]rune, 0, n)
				rs = append(rs, runes[:i]...)
			}
			continue
		}
		orig = append(orig, c)
		if seq != nil {
			seq = append(seq, int32(i))
			rs = append(rs, r)
		}
	}
	if seq == nil {
		rs = runes
	}
	t := make([]bidi.Class, len(orig))
	copy(t, orig)
	e := bidi.L // embedding direction; also sos and eos
	if base&1 == 1 {
		e = bidi.R
	}
	resolveWeak(t, e)
	resolveBrackets(rs, t, orig, e, e, nil)
	resolveNeutral(t, e)
	// I1–I2.
	lv := dst
	if seq != nil {
		lv = make([]uint8, len(t))
	}
	for i, c := range t {
		lv[i] = implicitLevel(base, c)
	}
	if seq != nil {
		// BN takes the level of the character before it, or the
		// paragraph level at the start.
		prev := base
		k := 0
		for i := range dst {
			if k < len(seq) && int(seq[k]) == i {
				prev = lv[k]
				k++
			}
			dst[i] = prev
		}
	}
	return dst
}

// resolveWeak applies rules W1–W7 to t, one isolating run sequence with
// start-of-sequence type sos (there are no isolate initiators or PDIs).
func resolveWeak(t []bidi.Class, sos bidi.Class) {
	// W1: a mark takes the class of the character before it.
	prev := sos
	for i, c := range t {
		if c == bidi.NSM {
			t[i] = prev
		} else {
			prev = c
		}
	}
	// W2: EN after AL (looking back to the first strong type) is AN.
	// W3: AL is R.
	strong := sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R:
			strong = c
		case bidi.AL:
			strong = c
			t[i] = bidi.R
		case bidi.EN:
			if strong == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	// W4: one ES between ENs is EN; one CS between numbers of the same
	// type takes that type.
	for i := 1; i+1 < len(t); i++ {
		a, b := t[i-1], t[i+1]
		switch t[i] {
		case bidi.ES:
			if a == bidi.EN && b == bidi.EN {
				t[i] = bidi.EN
			}
		case bidi.CS:
			if a == b && (a == bidi.EN || a == bidi.AN) {
				t[i] = a
			}
		}
	}
	// W5: a sequence of ETs next to an EN is EN.
	// W6: remaining separators and terminators are ON.
	for i := 0; i < len(t); {
		switch t[i] {
		case bidi.ET:
			j := i
			for j < len(t) && t[j] == bidi.ET {
				j++
			}
			c := bidi.ON
			if i > 0 && t[i-1] == bidi.EN || j < len(t) && t[j] == bidi.EN {
				c = bidi.EN
			}
			for ; i < j; i++ {
				t[i] = c
			}
			continue
		case bidi.ES, bidi.CS:
			t[i] = bidi.ON
		}
		i++
	}
	// W7: EN after L (looking back to the first strong type) is L.
	strong = sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R:
			strong = c
		case bidi.EN:
			if strong == bidi.L {
				t[i] = bidi.L
			}
		}
	}
}

// isNI reports whether c is a neutral or isolate formatting character
// (BD19's NI), after W1–W7 and N0.
func isNI(c bidi.Class) bool {
	switch c {
	case bidi.B, bidi.S, bidi.WS, bidi.ON, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return true
	}
	return false
}

// resolveNeutral applies rules N1–N2 to t: a sequence of NIs between two
// strong types of the same direction (numbers count as R, sos and eos at
// the ends) takes that direction (N1); any other takes the embedding
// direction e (N2). e is also sos and eos here.
func resolveNeutral(t []bidi.Class, e bidi.Class) {
	prev := e
	for i := 0; i < len(t); {
		if !isNI(t[i]) {
			prev = strongDir(t[i])
			i++
			continue
		}
		j := i
		for j < len(t) && isNI(t[j]) {
			j++
		}
		next := e
		if j < len(t) {
			next = strongDir(t[j])
		}
		c := e
		if prev == next {
			c = prev
		}
		for ; i < j; i++ {
			t[i] = c
		}
	}
}

// implicitLevel applies I1–I2: the level of a character of resolved
// class c (L, R, EN or AN) at embedding level lvl.
func implicitLevel(lvl uint8, c bidi.Class) uint8 {
	if lvl&1 == 0 {
		switch c {
		case bidi.R:
			return lvl + 1
		case bidi.AN, bidi.EN:
			return lvl + 2
		}
		return lvl
	}
	if c == bidi.R {
		return lvl
	}
	return lvl + 1 // L, EN, AN
}
