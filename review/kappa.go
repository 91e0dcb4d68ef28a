package review

import "sort"

// cohen accumulates the label pairs of two annotators over the same items
// and gives Cohen's κ, as scikit-learn's cohen_kappa_score computes it.
// κ needs only each side's label counts and the number of agreements, so
// that is all it keeps, by label number.
type cohen struct {
	labels     *labelSet // for add; the accumulator's own for addID
	rowA, colB []float64
	agree, n   int
}

// add counts one item labelled a by A and b by B.
func (c *cohen) add(a, b string) {
	if c.labels == nil {
		c.labels = newLabelSet()
	}
	c.addID(c.labels.id(a), c.labels.id(b))
}

// addID counts one item by label numbers.
func (c *cohen) addID(a, b int32) {
	if n := int(max(a, b)) + 1; n > len(c.rowA) {
		c.rowA, c.colB = grow(c.rowA, n), grow(c.colB, n)
	}
	c.rowA[a]++
	c.colB[b]++
	if a == b {
		c.agree++
	}
	c.n++
}

// merge adds o's counts (numbered by the same labelSet).
func (c *cohen) merge(o *cohen) {
	if n := len(o.rowA); n > len(c.rowA) {
		c.rowA, c.colB = grow(c.rowA, n), grow(c.colB, n)
	}
	for l := range o.rowA {
		c.rowA[l] += o.rowA[l]
		c.colB[l] += o.colB[l]
	}
	c.agree += o.agree
	c.n += o.n
}

// reset empties the counts, keeping their storage.
func (c *cohen) reset() {
	clear(c.rowA)
	clear(c.colB)
	c.agree, c.n = 0, 0
}

// kappa is (po − pe)/(1 − pe). With perfect observed agreement it is 1
// even when pe is 1 too (both used one label throughout), where the
// formula would divide zero by zero; with no items it is undefined.
func (c *cohen) kappa() Value {
	if c.n == 0 {
		return Undefined
	}
	n := float64(c.n)
	po := float64(c.agree) / n
	pe := 0.0
	for l, a := range c.rowA {
		pe += a / n * c.colB[l] / n
	}
	if po == 1 {
		return 1
	}
	return Value((po - pe) / (1 - pe))
}

// multi accumulates items labelled by several annotators, some of whom may
// not have labelled an item (a missing value), and gives Fleiss' κ
// (multi-π), Davies and Fleiss' multi-κ and Krippendorff's α (nominal), as
// NLTK's AnnotationTask computes pi(), multi_kappa() and alpha(). Label
// counts are kept by label number.
type multi struct {
	coders int
	labels *labelSet // for add; the accumulator's own for addIDs
	ids    []int32   // scratch for add
	// Items every annotator labelled: what the κ figures count.
	complete  int
	pairAgree float64   // Σ over complete items of agreeing coder pairs
	pooled    []float64 // label counts over complete items, all coders
	perCoder  [][]float64
	// Items at least two annotators labelled: what α counts.
	alphaItems int
	alphaDo    float64   // Σ over those items of D(item)·m
	alphaFreq  []float64 // label counts over those items
}

func newMulti(coders int) *multi {
	return &multi{coders: coders, perCoder: make([][]float64, coders)}
}

// add records one item's labels, one per coder ("" when missing).
func (m *multi) add(labels []string) {
	if m.labels == nil {
		m.labels = newLabelSet()
	}
	m.ids = m.ids[:0]
	for _, l := range labels {
		id := missing
		if l != "" {
			id = m.labels.id(l)
		}
		m.ids = append(m.ids, id)
	}
	m.addIDs(m.ids)
}

// addIDs records one item's label numbers, one per coder (missing when
// the coder has none). The values of an item are few, so agreement is
// counted over pairs of coders: with m values and a agreeing pairs,
// Σ f² over the item's label frequencies is m + 2a.
func (m *multi) addIDs(ids []int32) {
	n, agree, top := 0, 0, int32(-1)
	for i, a := range ids {
		if a == missing {
			continue
		}
		n++
		top = max(top, a)
		for _, b := range ids[i+1:] {
			if b == a {
				agree++
			}
		}
	}
	if n < 2 {
		return
	}
	if int(top) >= len(m.alphaFreq) {
		m.alphaFreq = grow(m.alphaFreq, int(top)+1)
	}
	fn := float64(n)
	same := fn + 2*float64(agree)
	m.alphaItems++
	m.alphaDo += (fn*fn - same) / (fn * (fn - 1)) * fn
	for _, a := range ids {
		if a != missing {
			m.alphaFreq[a]++
		}
	}
	if n != m.coders {
		return
	}
	m.complete++
	m.pairAgree += float64(agree)
	if int(top) >= len(m.pooled) {
		m.pooled = grow(m.pooled, int(top)+1)
	}
	for c, a := range ids {
		m.pooled[a]++
		if int(a) >= len(m.perCoder[c]) {
			m.perCoder[c] = grow(m.perCoder[c], int(a)+1)
		}
		m.perCoder[c][a]++
	}
}

// disagreement is the nominal disagreement among the values counted in
// freq: the share of ordered pairs of values that differ.
func disagreement(freq []float64) float64 {
	total, same := 0.0, 0.0
	for _, f := range freq {
		total += f
		same += f * f
	}
	if total < 2 {
		return 0
	}
	return (total*total - same) / (total * (total - 1))
}

func (m *multi) observed() float64 {
	pairs := float64(m.coders*(m.coders-1)) / 2
	return m.pairAgree / (pairs * float64(m.complete))
}

// fleiss is multi-π: observed agreement against chance from the pooled
// label distribution (Fleiss 1971's κ; NLTK's pi()).
func (m *multi) fleiss() Value {
	if m.complete == 0 || m.coders < 2 {
		return Undefined
	}
	ao := m.observed()
	total := float64(m.complete * m.coders)
	ae := 0.0
	for _, f := range m.pooled {
		ae += (f / total) * (f / total)
	}
	return chanceCorrected(ao, ae)
}

// multiKappa is Davies and Fleiss (1982): chance from each annotator's own
// label distribution, averaged over pairs (NLTK's multi_kappa()).
func (m *multi) multiKappa() Value {
	if m.complete == 0 || m.coders < 2 {
		return Undefined
	}
	n := float64(m.complete)
	ae, pairs := 0.0, 0
	for a := 0; a < m.coders; a++ {
		for b := a + 1; b < m.coders; b++ {
			pa, pb := m.perCoder[a], m.perCoder[b]
			for l := range min(len(pa), len(pb)) {
				ae += pa[l] / n * pb[l] / n
			}
			pairs++
		}
	}
	return chanceCorrected(m.observed(), ae/float64(pairs))
}

func chanceCorrected(ao, ae float64) Value {
	if ao == 1 {
		return 1
	}
	return Value((ao - ae) / (1 - ae))
}

// alpha is Krippendorff's α for nominal data, counting every item that at
// least two annotators labelled. With a single label value throughout it
// is 1, as in NLTK.
func (m *multi) alpha() Value {
	if m.alphaItems == 0 {
		return Undefined
	}
	used, total := 0, 0.0
	for _, f := range m.alphaFreq {
		if f > 0 {
			used++
		}
		total += f
	}
	if used == 1 {
		return 1
	}
	do := m.alphaDo / total
	de := disagreement(m.alphaFreq)
	return Value(1 - do/de)
}

// labelsOf returns the labels seen in a frequency map, sorted.
func labelsOf(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for l := range m {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
