package dedup

import (
	"unicode"
)

// ShingleWords is the number of consecutive words in a shingle.
const ShingleWords = 3

// words splits a text into normalised words: letters and digits only,
// Arabic spelling variants folded (harakat and tatweel dropped, one alef,
// ya for alef maqsura, ha for ta marbuta), Arabic-Indic digits as ASCII,
// Latin in lower case. Re-publishing a story often changes exactly these.
func words(text string) []string {
	var out []string
	var w []rune
	flush := func() {
		if len(w) > 0 {
			out = append(out, string(w))
			w = w[:0]
		}
	}
	for _, r := range text {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
			continue // harakat, superscript alef, tatweel: inside a word
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			r = '0' + (r - '۰')
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w = append(w, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	return out
}

// Shingles returns the hashes of the text's overlapping runs of
// ShingleWords normalised words (one shingle for a shorter text, none for
// a text without words). Duplicates are kept; MinHash ignores them.
func Shingles(text string) []uint64 { return shingles(text, ShingleWords) }

// shingles hashes the runs of k words.
func shingles(text string, k int) []uint64 {
	ws := words(text)
	if len(ws) == 0 {
		return nil
	}
	hs := make([]uint64, len(ws))
	for i, w := range ws {
		hs[i] = fnv64(w)
	}
	k = min(k, len(hs))
	out := make([]uint64, 0, len(hs)-k+1)
	for i := 0; i+k <= len(hs); i++ {
		h := uint64(k)
		for _, x := range hs[i : i+k] {
			h = mix(h*0x9E3779B97F4A7C15 ^ x)
		}
		out = append(out, h)
	}
	return out
}

// fnv64 is FNV-1a: stable across runs and machines, unlike maphash.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix is splitmix64's finaliser: every input bit moves every output bit.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}
