package review

import "sort"

// cohen accumulates the label pairs of two annotators over the same items
// and gives Cohen's κ, as scikit-learn's cohen_kappa_score computes it.
type cohen struct {
	pairs map[[2]string]int
	n     int
}

func (c *cohen) add(a, b string) {
	if c.pairs == nil {
		c.pairs = map[[2]string]int{}
	}
	c.pairs[[2]string{a, b}]++
	c.n++
}

// kappa is (po − pe)/(1 − pe). With perfect observed agreement it is 1
// even when pe is 1 too (both used one label throughout), where the
// formula would divide zero by zero; with no items it is undefined.
func (c *cohen) kappa() Value {
	if c.n == 0 {
		return Undefined
	}
	rowA, colB := map[string]float64{}, map[string]float64{}
	agree := 0.0
	for p, k := range c.pairs {
		rowA[p[0]] += float64(k)
		colB[p[1]] += float64(k)
		if p[0] == p[1] {
			agree += float64(k)
		}
	}
	n := float64(c.n)
	po := agree / n
	pe := 0.0
	for l, a := range rowA {
		pe += a / n * colB[l] / n
	}
	if po == 1 {
		return 1
	}
	return Value((po - pe) / (1 - pe))
}

// multi accumulates items labelled by several annotators, some of whom may
// not have labelled an item (a missing value, ""), and gives Fleiss' κ
// (multi-π), Davies and Fleiss' multi-κ and Krippendorff's α (nominal), as
// NLTK's AnnotationTask computes pi(), multi_kappa() and alpha().
type multi struct {
	coders int
	// Items every annotator labelled: what the κ figures count.
	complete   int
	pairAgree  float64            // Σ over complete items of agreeing coder pairs
	pooled     map[string]float64 // label counts over complete items, all coders
	perCoder   []map[string]float64
	alphaItems int
	alphaDo    float64            // Σ over items with ≥2 values of D(item)·m
	alphaFreq  map[string]float64 // label counts over those items
}

func newMulti(coders int) *multi {
	m := &multi{coders: coders, pooled: map[string]float64{}, alphaFreq: map[string]float64{}}
	for i := 0; i < coders; i++ {
		m.perCoder = append(m.perCoder, map[string]float64{})
	}
	return m
}

// add records one item's labels, one per coder ("" when missing).
func (m *multi) add(labels []string) {
	freq := map[string]float64{}
	n := 0
	for _, l := range labels {
		if l != "" {
			freq[l]++
			n++
		}
	}
	if n >= 2 {
		m.alphaItems++
		m.alphaDo += disagreement(freq) * float64(n)
		for l, f := range freq {
			m.alphaFreq[l] += f
		}
	}
	if n != m.coders || n < 2 {
		return
	}
	m.complete++
	for l, f := range freq {
		m.pairAgree += f * (f - 1) / 2
		m.pooled[l] += f
	}
	for c, l := range labels {
		m.perCoder[c][l]++
	}
}

// disagreement is the nominal disagreement among the values of freq: the
// share of ordered pairs of values that differ.
func disagreement(freq map[string]float64) float64 {
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
			for l, fa := range m.perCoder[a] {
				ae += fa / n * m.perCoder[b][l] / n
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
	if len(m.alphaFreq) == 1 {
		return 1
	}
	total := 0.0
	for _, f := range m.alphaFreq {
		total += f
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
