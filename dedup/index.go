package dedup

import "sort"

// Options tune near-duplicate detection.
type Options struct {
	// Threshold is the least estimated Jaccard similarity of word
	// 3-shingles at which two texts are near-duplicates.
	Threshold float64
	// Bands and Rows split a signature for locality-sensitive hashing:
	// two texts are compared only if they agree on all Rows hashes of at
	// least one of the Bands. Bands*Rows must not exceed NumHashes.
	Bands, Rows int
}

// DefaultOptions are the measured choice (see the package comment).
func DefaultOptions() Options { return Options{Threshold: 0.4, Bands: 42, Rows: 3} }

// A Match is a document found near another, with the estimated
// similarity.
type Match struct {
	ID         string  `json:"id"`
	Similarity float64 `json:"similarity"`
}

// An Index holds signatures and finds, for a new one, those it nearly
// duplicates, without comparing it with every other: only signatures
// sharing a band (LSH) are compared.
type Index struct {
	opt   Options
	ids   []string
	pos   map[string]int32
	sigs  []Signature
	bands []map[uint64][]int32
}

// NewIndex returns an empty index; zero options take DefaultOptions.
func NewIndex(opt Options) *Index {
	def := DefaultOptions()
	if opt.Bands <= 0 || opt.Rows <= 0 || opt.Bands*opt.Rows > NumHashes {
		opt.Bands, opt.Rows = def.Bands, def.Rows
	}
	if opt.Threshold <= 0 {
		opt.Threshold = def.Threshold
	}
	x := &Index{opt: opt, pos: map[string]int32{}, bands: make([]map[uint64][]int32, opt.Bands)}
	for i := range x.bands {
		x.bands[i] = map[uint64][]int32{}
	}
	return x
}

// Len is the number of signatures in the index.
func (x *Index) Len() int { return len(x.ids) }

// Add puts a document's signature in the index.
func (x *Index) Add(id string, sig Signature) {
	n := int32(len(x.ids))
	x.ids = append(x.ids, id)
	x.pos[id] = n
	x.sigs = append(x.sigs, sig)
	for b := range x.bands {
		k := x.bandKey(&sig, b)
		x.bands[b][k] = append(x.bands[b][k], n)
	}
}

// Query returns the documents in the index that sig nearly duplicates,
// most similar first (ties in the order they were added).
func (x *Index) Query(sig Signature) []Match {
	seen := map[int32]bool{}
	var out []Match
	order := map[string]int32{}
	for b := range x.bands {
		for _, n := range x.bands[b][x.bandKey(&sig, b)] {
			if seen[n] {
				continue
			}
			seen[n] = true
			if s := sig.Similarity(&x.sigs[n]); s >= x.opt.Threshold {
				out = append(out, Match{ID: x.ids[n], Similarity: s})
				order[x.ids[n]] = n
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Similarity != out[j].Similarity {
			return out[i].Similarity > out[j].Similarity
		}
		return order[out[i].ID] < order[out[j].ID]
	})
	return out
}

// Similar returns the near-duplicates of a document in the index (not
// itself), most similar first; nil when id is not in the index.
func (x *Index) Similar(id string) []Match {
	n, ok := x.pos[id]
	if !ok {
		return nil
	}
	var out []Match
	for _, m := range x.Query(x.sigs[n]) {
		if m.ID != id {
			out = append(out, m)
		}
	}
	return out
}

// bandKey hashes the Rows hashes of band b.
func (x *Index) bandKey(sig *Signature, b int) uint64 {
	h := uint64(b) + 1
	for _, v := range sig[b*x.opt.Rows : (b+1)*x.opt.Rows] {
		h = mix(h ^ uint64(v))
	}
	return h
}
