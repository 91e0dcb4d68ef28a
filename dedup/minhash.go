package dedup

import "math"

// NumHashes is the length of a MinHash signature: the similarity it
// estimates is within about ±0.04 of the true Jaccard index near 0.8.
const NumHashes = 128

// A Signature is a text's MinHash: for each of NumHashes hash functions,
// the least hash of any of its shingles. Two signatures agree at a
// position with probability equal to the Jaccard index of the two
// shingle sets.
type Signature [NumHashes]uint32

// hashParams are the multiply-shift hash functions, drawn once from a
// fixed sequence so that signatures are the same on every run.
var hashParams = func() (p [NumHashes][2]uint64) {
	s := uint64(0x7A3C5EEDBADC0FFE)
	next := func() uint64 { s += 0x9E3779B97F4A7C15; return mix(s) }
	for i := range p {
		p[i] = [2]uint64{next() | 1, next()}
	}
	return p
}()

// Sign computes the signature of a set of shingles; ok is false when
// there are none (such a text has no near-duplicates, only exact ones).
func Sign(shingles []uint64) (sig Signature, ok bool) {
	if len(shingles) == 0 {
		return sig, false
	}
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, x := range shingles {
		for i := range sig {
			if h := uint32((hashParams[i][0]*x + hashParams[i][1]) >> 32); h < sig[i] {
				sig[i] = h
			}
		}
	}
	return sig, true
}

// SignText is Sign(Shingles(text)).
func SignText(text string) (Signature, bool) { return Sign(Shingles(text)) }

// Similarity estimates the Jaccard index of the two texts' shingle sets:
// the share of positions where the signatures agree.
func (s *Signature) Similarity(o *Signature) float64 {
	n := 0
	for i := range s {
		if s[i] == o[i] {
			n++
		}
	}
	return float64(n) / NumHashes
}
