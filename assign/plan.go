package assign

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Request is what to plan.
type Request struct {
	Annotators   []string
	PerAnnotator int    // N: documents each annotator gets
	Overlap      int    // K: annotators each sampled document gets
	By           string // "" (no strata), "source" or "month"
	Seed         int64
}

// Strata are the values By takes; "" samples the corpus as one stratum.
func Strata() []string { return []string{"source", "month"} }

// A Plan is a sample and who annotates each of its documents.
type Plan struct {
	Assignments []corpus.Assignment // one per sampled document, in a seeded order
	// Strata counts the sampled documents per stratum, and Available the
	// documents each stratum offered.
	Strata, Available map[string]int
	// PerAnnotator counts documents per annotator; Pairs counts, for each
	// pair of annotators "a+b", the documents they share.
	PerAnnotator, Pairs map[string]int
}

// Documents is the size of the sample a request asks for: A·N/K.
func (r Request) Documents() int {
	if r.Overlap <= 0 {
		return 0
	}
	return len(r.Annotators) * r.PerAnnotator / r.Overlap
}

// Check reports what is wrong with the request's numbers.
func (r Request) Check() error {
	seen := map[string]bool{}
	for _, a := range r.Annotators {
		if strings.TrimSpace(a) == "" {
			return errors.New("an annotator name is empty")
		}
		if seen[a] {
			return fmt.Errorf("annotator %q is named twice", a)
		}
		seen[a] = true
	}
	a, n, k := len(r.Annotators), r.PerAnnotator, r.Overlap
	switch {
	case a == 0:
		return errors.New("no annotators given")
	case n <= 0:
		return errors.New("each annotator must get at least one document (per-annotator N > 0)")
	case k <= 0:
		return errors.New("each document must be seen by at least one annotator (overlap K > 0)")
	case k > a:
		return fmt.Errorf("overlap %d needs at least %d annotators, and %d are given", k, k, a)
	case a*n%k != 0:
		return fmt.Errorf("%d annotators × %d documents = %d assignments, which %d per document does not divide: choose N so that K divides A·N (e.g. %d)",
			a, n, a*n, k, nearestN(a, n, k))
	}
	switch r.By {
	case "", "source", "month":
	default:
		return fmt.Errorf("stratify by %q: want source or month", r.By)
	}
	return nil
}

// nearestN is the least N' ≥ n for which k divides a·N'.
func nearestN(a, n, k int) int {
	for m := n; ; m++ {
		if a*m%k == 0 {
			return m
		}
	}
}

// Stratum is the stratum of a document: its site (else the host of its
// source URL, else its source) for "source"; its month of publication
// (else of import) as YYYY-MM for "month"; "" when not stratifying.
func Stratum(d corpus.DocInfo, by string) string {
	switch by {
	case "source":
		if d.Site != "" {
			return d.Site
		}
		if u, err := url.Parse(d.Source); err == nil && u.Host != "" {
			return strings.TrimPrefix(u.Hostname(), "www.")
		}
		return d.Source
	case "month":
		if len(d.Published) >= 7 {
			return d.Published[:7]
		}
		return d.Imported.UTC().Format("2006-01")
	}
	return ""
}

// Make plans a request over the documents offered (those not yet
// assigned): it draws A·N/K of them, as evenly across strata as the
// strata allow, and gives each to K annotators so that each annotator
// gets N. The same texts and seed give the same plan, in any database: a
// document's draw depends only on the seed and its text's hash, so adding
// documents changes a stratum's sample only where the new ones rank.
func Make(docs []corpus.DocInfo, r Request) (Plan, error) {
	if err := r.Check(); err != nil {
		return Plan{}, err
	}
	want := r.Documents()
	if want > len(docs) {
		return Plan{}, fmt.Errorf("%d annotators × %d documents with %d per document need %d documents; %d are available (not yet assigned)",
			len(r.Annotators), r.PerAnnotator, r.Overlap, want, len(docs))
	}
	strata := map[string][]corpus.DocInfo{}
	for _, d := range docs {
		s := Stratum(d, r.By)
		strata[s] = append(strata[s], d)
	}
	p := Plan{Strata: map[string]int{}, Available: map[string]int{}, PerAnnotator: map[string]int{}, Pairs: map[string]int{}}
	names := make([]string, 0, len(strata))
	for s, ds := range strata {
		names = append(names, s)
		p.Available[s] = len(ds)
		sort.Slice(ds, func(i, j int) bool { return rank(r.Seed, "doc", ds[i]) < rank(r.Seed, "doc", ds[j]) })
	}
	sort.Strings(names)
	quota := evenQuotas(names, p.Available, want, r.Seed)
	var sample []corpus.DocInfo
	for _, s := range names {
		sample = append(sample, strata[s][:quota[s]]...)
		p.Strata[s] = quota[s]
	}
	sort.Slice(sample, func(i, j int) bool { return rank(r.Seed, "order", sample[i]) < rank(r.Seed, "order", sample[j]) })
	p.Assignments = spread(sample, r, p.PerAnnotator, p.Pairs)
	return p, nil
}

// rank orders documents by a hash of the seed and the text's hash (not
// the id, which differs between databases holding the same texts).
func rank(seed int64, what string, d corpus.DocInfo) uint64 {
	h := sha256.Sum256([]byte(strconv.FormatInt(seed, 10) + "\x00" + what + "\x00" + d.SHA256))
	return binary.BigEndian.Uint64(h[:8])
}

// evenQuotas splits want documents across strata as evenly as their
// sizes allow (water-filling): every stratum gets the same level L, or
// all it has when it has less; the few left over go one each, in a
// seeded order, to strata that have more than L. So strata that are not
// exhausted differ by at most one document.
func evenQuotas(names []string, avail map[string]int, want int, seed int64) map[string]int {
	filled := func(level int) int {
		n := 0
		for _, s := range names {
			n += min(avail[s], level)
		}
		return n
	}
	level := 0
	for filled(level+1) <= want && filled(level+1) > filled(level) {
		level++
	}
	quota := map[string]int{}
	for _, s := range names {
		quota[s] = min(avail[s], level)
	}
	rest := want - filled(level)
	order := append([]string(nil), names...)
	sort.SliceStable(order, func(i, j int) bool { return strRank(seed, order[i]) < strRank(seed, order[j]) })
	for _, s := range order {
		if rest == 0 {
			break
		}
		if avail[s] > level {
			quota[s]++
			rest--
		}
	}
	return quota
}

func strRank(seed int64, s string) uint64 {
	h := sha256.Sum256([]byte(strconv.FormatInt(seed, 10) + "\x00stratum\x00" + s))
	return binary.BigEndian.Uint64(h[:8])
}

// spread gives each sampled document to K annotators so that each gets
// exactly N: a document goes to the annotators with the most documents
// still to receive (which always completes, since K·D = A·N and N ≤ D),
// ties broken first towards pairs that have shared fewer documents (so
// that agreement can be measured between every pair) and then by the
// seed.
func spread(sample []corpus.DocInfo, r Request, per, pairs map[string]int) []corpus.Assignment {
	left := map[string]int{}
	for _, a := range r.Annotators {
		left[a] = r.PerAnnotator
	}
	out := make([]corpus.Assignment, 0, len(sample))
	for di, d := range sample {
		var chosen []string
		for len(chosen) < r.Overlap {
			best := ""
			for _, a := range r.Annotators {
				if left[a] == 0 || contains(chosen, a) {
					continue
				}
				if best == "" || better(a, best, chosen, left, pairs, r.Seed, di) {
					best = a
				}
			}
			chosen = append(chosen, best)
			left[best]--
		}
		sort.Strings(chosen)
		for i, a := range chosen {
			per[a]++
			for _, b := range chosen[i+1:] {
				pairs[a+"+"+b]++
			}
		}
		out = append(out, corpus.Assignment{Doc: d.ID, Annotators: chosen})
	}
	return out
}

// better reports whether annotator a is a better next choice than b.
func better(a, b string, chosen []string, left, pairs map[string]int, seed int64, doc int) bool {
	if left[a] != left[b] {
		return left[a] > left[b]
	}
	pa, pb := shared(a, chosen, pairs), shared(b, chosen, pairs)
	if pa != pb {
		return pa < pb
	}
	return strRank(seed+int64(doc), a) < strRank(seed+int64(doc), b)
}

// shared counts the documents a already shares with the chosen.
func shared(a string, chosen []string, pairs map[string]int) int {
	n := 0
	for _, c := range chosen {
		x, y := a, c
		if x > y {
			x, y = y, x
		}
		n += pairs[x+"+"+y]
	}
	return n
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
