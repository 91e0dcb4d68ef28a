package export

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
)

// Part is one output file's documents: Name is "" for an unsplit export,
// otherwise train, dev or test.
type Part struct {
	Name string
	Docs []Doc
}

// ParseSplit reads "80/10/10" (train/dev/test) or "90/10" (train/test).
func ParseSplit(s string) ([]int, error) {
	fields := strings.Split(s, "/")
	if len(fields) != 2 && len(fields) != 3 {
		return nil, requestErrorf("split %q: want train/dev/test like 80/10/10 or train/test like 90/10", s)
	}
	names, _ := partNames(make([]int, len(fields)))
	var out []int
	sum := 0
	for i, f := range fields {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return nil, requestErrorf("split %q: %q is not a non-negative whole number", s, f)
		}
		if n == 0 {
			return nil, requestErrorf("split %q: the %s part is 0: every part needs documents (leave --split out for one file)", s, names[i])
		}
		out = append(out, n)
		sum += n
	}
	if sum != 100 {
		return nil, requestErrorf("split %q: the parts add up to %d, not 100", s, sum)
	}
	return out, nil
}

// partNames names the parts of a split with len(ratios) parts.
func partNames(ratios []int) ([]string, error) {
	switch len(ratios) {
	case 2:
		return []string{"train", "test"}, nil
	case 3:
		return []string{"train", "dev", "test"}, nil
	}
	return nil, errors.New("split needs two or three parts")
}

// assignParts gives each document, named by its text's SHA-256, the index
// of its part. The order comes from a hash of the seed and each hash, so
// the same corpus and seed give the same split on any machine and
// whatever the import order; adding documents moves only those. Documents
// are never divided: the split is by document.
func assignParts(hashes []string, ratios []int, seed int64) ([]int, error) {
	if _, err := partNames(ratios); err != nil {
		return nil, err
	}
	sum := 0
	for _, r := range ratios {
		sum += r
	}
	type keyed struct {
		key uint64
		i   int
	}
	ks := make([]keyed, len(hashes))
	var seedBytes [8]byte
	binary.LittleEndian.PutUint64(seedBytes[:], uint64(seed))
	for i, sha := range hashes {
		h := fnv.New64a()
		h.Write(seedBytes[:])
		h.Write([]byte(sha))
		ks[i] = keyed{h.Sum64(), i}
	}
	sort.Slice(ks, func(a, b int) bool {
		if ks[a].key != ks[b].key {
			return ks[a].key < ks[b].key
		}
		return ks[a].i < ks[b].i
	})
	part := make([]int, len(hashes))
	cum, from := 0, 0
	for p, r := range ratios {
		cum += r
		to := (len(hashes)*cum + sum/2) / sum
		if p == len(ratios)-1 {
			to = len(hashes)
		}
		for _, k := range ks[from:to] {
			part[k.i] = p
		}
		from = to
	}
	return part, nil
}

// Split divides docs into parts of the given proportions as an export
// with --split does, keeping the documents' order inside each part.
func Split(docs []Doc, ratios []int, seed int64) ([]Part, error) {
	names, err := partNames(ratios)
	if err != nil {
		return nil, err
	}
	hashes := make([]string, len(docs))
	for i := range docs {
		hashes[i] = docs[i].Doc.SHA256
	}
	assigned, err := assignParts(hashes, ratios, seed)
	if err != nil {
		return nil, fmt.Errorf("split: %w", err)
	}
	parts := make([]Part, len(ratios))
	for p := range parts {
		parts[p].Name = names[p]
	}
	for i, p := range assigned {
		parts[p].Docs = append(parts[p].Docs, docs[i])
	}
	return parts, nil
}
