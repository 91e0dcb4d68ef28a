package dedup

import (
	"math/bits"
	"slices"
	"testing"
)

// TestNearDuplicateQuality measures MinHash with LSH, as the import uses
// it, on a generated set: 600 unrelated articles, 200 near-duplicates
// made from them with small edits, 60 pairs of different articles
// sharing a paragraph and 60 sharing two. Precision and recall are logged (go test -v) and
// must stay high.
func TestNearDuplicateQuality(t *testing.T) {
	docs := generate(t, 600, 1)
	want := truth(docs)
	x := NewIndex(DefaultOptions())
	found := map[string]bool{}
	for _, d := range docs {
		sig, ok := SignText(d.text)
		if !ok {
			t.Fatalf("%s has no words", d.id)
		}
		for _, m := range x.Query(sig) {
			found[pairKey(d.id, m.ID)] = true
		}
		x.Add(d.id, sig)
	}
	p, r, fp, fn := score(found, want)
	t.Logf("MinHash+LSH (3-word shingles, %d hashes, %d bands × %d rows, threshold %.2f): %d documents, %d true pairs: precision %.3f, recall %.3f (%d false pairs, %d missed)",
		NumHashes, DefaultOptions().Bands, DefaultOptions().Rows, DefaultOptions().Threshold, len(docs), len(want), p, r, fp, fn)
	if p < 0.98 || r < 0.97 {
		t.Errorf("precision %.3f, recall %.3f: want at least 0.98 and 0.97", p, r)
	}
}

// TestShingleAndMethodChoice is the measurement behind the defaults:
// exact Jaccard for shingles of 2 to 5 words, and SimHash (64 bits, by
// Hamming distance) against MinHash, all compared pair by pair on a
// smaller generated set. It runs only with -v, which shows the table.
func TestShingleAndMethodChoice(t *testing.T) {
	if testing.Short() || !testing.Verbose() {
		t.Skip("a measurement to read: run with -v")
	}
	docs := generate(t, 240, 2)
	want := truth(docs)
	for k := 2; k <= 5; k++ {
		sets := make([][]uint64, len(docs))
		for i, d := range docs {
			sets[i] = slices.Compact(slices.Sorted(slices.Values(shingles(d.text, k))))
		}
		minPos, maxNeg := 1.0, 0.0
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				jac := jaccard(sets[i], sets[j])
				if want[pairKey(docs[i].id, docs[j].id)] {
					minPos = min(minPos, jac)
				} else {
					maxNeg = max(maxNeg, jac)
				}
			}
		}
		t.Logf("%d-word shingles: exact Jaccard of true pairs ≥ %.3f, of other pairs ≤ %.3f (gap %.3f)", k, minPos, maxNeg, minPos-maxNeg)
	}
	sims := make([]uint64, len(docs))
	for i, d := range docs {
		sims[i] = simHash(Shingles(d.text))
	}
	for _, maxDist := range []int{3, 6, 10, 14} {
		found := map[string]bool{}
		for i := range docs {
			for j := i + 1; j < len(docs); j++ {
				if bits.OnesCount64(sims[i]^sims[j]) <= maxDist {
					found[pairKey(docs[i].id, docs[j].id)] = true
				}
			}
		}
		p, r, _, _ := score(found, want)
		t.Logf("SimHash, Hamming ≤ %2d: precision %.3f, recall %.3f", maxDist, p, r)
	}
	for _, th := range []float64{0.3, 0.4, 0.5, 0.6} {
		opt := DefaultOptions()
		opt.Threshold = th
		x := NewIndex(opt)
		found := map[string]bool{}
		for _, d := range docs {
			sig, _ := SignText(d.text)
			for _, m := range x.Query(sig) {
				found[pairKey(d.id, m.ID)] = true
			}
			x.Add(d.id, sig)
		}
		p, r, _, _ := score(found, want)
		t.Logf("MinHash+LSH, threshold %.1f: precision %.3f, recall %.3f", th, p, r)
	}
}

// jaccard is the exact Jaccard index of two sorted sets.
func jaccard(a, b []uint64) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// simHash is Charikar's SimHash over the same shingles, for the
// comparison only.
func simHash(shingles []uint64) uint64 {
	var v [64]int
	for _, s := range shingles {
		h := mix(s)
		for i := range v {
			if h&(1<<i) != 0 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	var out uint64
	for i, c := range v {
		if c > 0 {
			out |= 1 << i
		}
	}
	return out
}
