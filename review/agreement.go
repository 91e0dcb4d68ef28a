package review

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// Options choose what Agreement compares.
type Options struct {
	// Annotators to compare; nil means every annotator with a layer in
	// scope except gold.
	Annotators []string
	// AllStatuses counts every layer; by default only layers marked done
	// count, and a document is in the universe only when every compared
	// annotator's layer on it is done.
	AllStatuses bool
	// Match is the span matching mode of span F1 (default exact).
	Match Match
	// Tokens gives a document's tokens; nil means the document's own
	// (Document.Tokens).
	Tokens func(corpus.Document) []corpus.Token
}

// Report is the agreement of several annotators over a corpus.
type Report struct {
	Universe  Universe   `json:"universe"`
	Pairs     []Pair     `json:"pairs"`
	Fleiss    Value      `json:"fleiss_kappa"` // multi-π over complete token items
	Multi     Value      `json:"multi_kappa"`  // Davies & Fleiss over the same items
	Alpha     Value      `json:"alpha"`        // Krippendorff, nominal, missing values allowed
	MeanF1    Value      `json:"mean_span_f1"` // mean of the pairs' span F1
	MeanKappa Value      `json:"mean_token_kappa"`
	Documents []DocScore `json:"documents"` // worst first
	Types     []string   `json:"types"`     // entity types seen, sorted
}

// Universe says exactly what the figures counted.
type Universe struct {
	Status     string   `json:"status"` // "done" or "all"
	Match      Match    `json:"match"`
	Annotators []string `json:"annotators"`
	// Documents in the universe: with status done, those on which every
	// compared annotator's layer is done; with status all, those on which
	// at least two compared annotators have a layer.
	Documents int `json:"documents"`
	Left      int `json:"documents_left_out"` // documents of the corpus not in the universe
	// Token items: Tokens of the universe's documents; Complete of the
	// documents every annotator has a layer on (what Fleiss' and
	// multi-κ count); Alpha of those at least two annotators labelled.
	Tokens         int            `json:"tokens"`
	CompleteTokens int            `json:"complete_tokens"`
	AlphaTokens    int            `json:"alpha_tokens"`
	Entities       map[string]int `json:"entities"` // per annotator, in the universe
	Events         map[string]int `json:"events"`
	Labels         string         `json:"labels"`
	Pairing        string         `json:"pairing"`
}

// Pair is the agreement of two annotators over the documents both have a
// counting layer on. A is the reference of precision and recall.
type Pair struct {
	A          string         `json:"a"`
	B          string         `json:"b"`
	Documents  int            `json:"documents"`
	Tokens     int            `json:"tokens"`
	SpanF1     Value          `json:"span_f1"`
	Span       PRF            `json:"span"`
	TokenKappa Value          `json:"token_kappa"`
	PerType    map[string]PRF `json:"per_type"`
	Confusion  Confusion      `json:"confusion"`
	Events     EventAgreement `json:"events"`
}

// EventAgreement is trigger and argument agreement of a pair.
type EventAgreement struct {
	TriggerF1  Value `json:"trigger_f1"`
	ArgumentF1 Value `json:"argument_f1"`
	Triggers   PRF   `json:"triggers"`
	Arguments  PRF   `json:"arguments"`
}

// DocScore is one document's agreement, for finding where to look first.
type DocScore struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Annotators []string `json:"annotators"`
	SpanF1     Value    `json:"span_f1"`     // over every pair's matches on the document
	TokenKappa Value    `json:"token_kappa"` // mean of the pairs' κ on the document
	Unmatched  int      `json:"unmatched"`   // annotations some pair did not match
}

// pairAcc accumulates one pair's counts.
type pairAcc struct {
	docs, tokens        int
	span                Counts
	perType             map[string]*Counts
	kappa               cohen
	confusion           Confusion
	triggers, arguments Counts
}

// Accumulator takes documents one at a time, so agreement over a corpus
// of any size runs in the memory of one document.
type Accumulator struct {
	opt    Options
	names  []string
	pairs  []*pairAcc
	multi  *multi
	uni    Universe
	docs   []DocScore
	types  map[string]bool
	labels *labelSet // token labels by number, for κ and α
	// Scratch space reused from one document to the next.
	scratch []labelScratch // each annotator's token labels
	item    []int32        // one token's labels
	dk      cohen          // a pair's κ on one document
}

// NewAccumulator starts an agreement over the named annotators.
func NewAccumulator(annotators []string, opt Options) *Accumulator {
	names := slices.Clone(annotators)
	sort.Strings(names)
	if opt.Match == "" {
		opt.Match = Exact
	}
	status := "done"
	if opt.AllStatuses {
		status = "all"
	}
	a := &Accumulator{opt: opt, names: names, multi: newMulti(len(names)), types: map[string]bool{}, labels: newLabelSet(),
		scratch: make([]labelScratch, len(names)), item: make([]int32, len(names)),
		uni: Universe{Status: status, Match: opt.Match, Annotators: names, Entities: map[string]int{}, Events: map[string]int{},
			Labels:  "IOB2 labels on the document's tokens: the outermost entity of a token wins, entities widen to whole tokens (as export --format conll writes them)",
			Pairing: "span F1, confusion and event figures: A is the reference (recall = share of A's annotations matched); exact = same span and type, overlap = overlapping spans of one type matched one to one (maximum matching), position = same span, any type"}}
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			a.pairs = append(a.pairs, &pairAcc{perType: map[string]*Counts{}, confusion: Confusion{}})
		}
	}
	return a
}

// counts reports whether a layer takes part under the options.
func (a *Accumulator) counts(l corpus.Layer, ok bool) bool {
	return ok && (a.opt.AllStatuses || l.Status == corpus.StatusDone)
}

// Add takes one document with its layers (any annotators; others than
// the compared ones are ignored) and reports whether it is in the universe.
func (a *Accumulator) Add(d corpus.Document, layers []corpus.Layer) bool {
	by := make([]corpus.Layer, len(a.names))
	has := make([]bool, len(a.names))
	n := 0
	for _, l := range layers {
		if i, ok := slices.BinarySearch(a.names, l.Annotator); ok && a.counts(l, true) {
			by[i], has[i] = l, true
			n++
		}
	}
	in := n >= 2 && (a.opt.AllStatuses || n == len(a.names))
	if !in {
		a.uni.Left++
		return false
	}
	toks := a.tokens(d)
	labels := make([][]int32, len(a.names))
	for i := range a.names {
		if has[i] {
			labels[i] = a.scratch[i].labelIDs(toks, by[i].Entities, a.labels)
			a.uni.Entities[a.names[i]] += len(by[i].Entities)
			a.uni.Events[a.names[i]] += len(by[i].Events)
			for _, e := range by[i].Entities {
				a.types[e.Type] = true
			}
		}
	}
	a.uni.Documents++
	a.uni.Tokens += len(toks)
	a.addTokenItems(toks, labels, n)
	a.docs = append(a.docs, a.addPairs(d, by, has, labels, len(toks)))
	return true
}

func (a *Accumulator) tokens(d corpus.Document) []corpus.Token {
	if a.opt.Tokens != nil {
		return a.opt.Tokens(d)
	}
	return d.Tokens()
}

// addTokenItems feeds each token, labelled by every annotator who has a
// layer (missing for the others), to the multi-annotator figures.
func (a *Accumulator) addTokenItems(toks []corpus.Token, labels [][]int32, n int) {
	if n == len(a.names) {
		a.uni.CompleteTokens += len(toks)
	}
	if n >= 2 {
		a.uni.AlphaTokens += len(toks)
	}
	item := a.item
	for t := range toks {
		for i := range a.names {
			item[i] = missing
			if labels[i] != nil {
				item[i] = labels[i][t]
			}
		}
		a.multi.addIDs(item)
	}
}

// addPairs adds the document to every pair that both have a layer on and
// returns the document's own score.
func (a *Accumulator) addPairs(d corpus.Document, by []corpus.Layer, has []bool, labels [][]int32, ntok int) DocScore {
	score := DocScore{ID: d.ID, Title: d.Title}
	spans := make([][]typedSpan, len(a.names))
	events := make([]eventSet, len(a.names))
	for i, name := range a.names {
		if has[i] {
			score.Annotators = append(score.Annotators, name)
			spans[i] = sortedSpans(by[i].Entities)
			events[i] = eventKeys(by[i])
		}
	}
	var docSpan Counts
	kappaSum, kappaN := 0.0, 0
	k := 0
	for i := range a.names {
		for j := i + 1; j < len(a.names); j++ {
			p := a.pairs[k]
			k++
			if !has[i] || !has[j] {
				continue
			}
			p.docs++
			p.tokens += ntok
			var c Counts
			spanCounts(by[i].Entities, by[j].Entities, a.opt.Match, &c, p.perType)
			p.span.add(c)
			docSpan.add(c)
			score.Unmatched += c.A + c.B - 2*c.Matched
			a.dk.reset()
			li, lj := labels[i], labels[j]
			for t := 0; t < ntok; t++ {
				a.dk.addID(li[t], lj[t])
			}
			p.kappa.merge(&a.dk)
			if v := a.dk.kappa(); v.Defined() {
				kappaSum += float64(v)
				kappaN++
			}
			confusionSorted(spans[i], spans[j], p.confusion)
			eventSetCounts(events[i], events[j], &p.triggers, &p.arguments)
		}
	}
	score.SpanF1 = docSpan.PRF().F1
	score.TokenKappa = ratio(kappaSum, float64(kappaN))
	return score
}

// Report computes the figures from what was added.
func (a *Accumulator) Report() Report {
	r := Report{Universe: a.uni, Fleiss: a.multi.fleiss(), Multi: a.multi.multiKappa(), Alpha: a.multi.alpha(), Documents: a.docs}
	if r.Documents == nil {
		r.Documents = []DocScore{}
	}
	for t := range a.types {
		r.Types = append(r.Types, t)
	}
	sort.Strings(r.Types)
	k := 0
	f1s, kappas := []float64{}, []float64{}
	for i := range a.names {
		for j := i + 1; j < len(a.names); j++ {
			p := a.pairs[k]
			k++
			pair := Pair{A: a.names[i], B: a.names[j], Documents: p.docs, Tokens: p.tokens, Span: p.span.PRF(),
				TokenKappa: p.kappa.kappa(), PerType: map[string]PRF{}, Confusion: p.confusion,
				Events: EventAgreement{Triggers: p.triggers.PRF(), Arguments: p.arguments.PRF()}}
			pair.SpanF1 = pair.Span.F1
			pair.Events.TriggerF1, pair.Events.ArgumentF1 = pair.Events.Triggers.F1, pair.Events.Arguments.F1
			for t, c := range p.perType {
				pair.PerType[t] = c.PRF()
			}
			if pair.SpanF1.Defined() {
				f1s = append(f1s, float64(pair.SpanF1))
			}
			if pair.TokenKappa.Defined() {
				kappas = append(kappas, float64(pair.TokenKappa))
			}
			r.Pairs = append(r.Pairs, pair)
		}
	}
	r.MeanF1, r.MeanKappa = mean(f1s), mean(kappas)
	sortWorstFirst(r.Documents)
	return r
}

func mean(xs []float64) Value {
	if len(xs) == 0 {
		return Undefined
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return Value(s / float64(len(xs)))
}

// sortWorstFirst orders documents by span F1, then token κ, lowest first;
// a document whose figures are undefined (nobody annotated anything) goes last.
func sortWorstFirst(ds []DocScore) {
	key := func(v Value) float64 {
		if !v.Defined() {
			return math.Inf(1)
		}
		return float64(v)
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if a, b := key(ds[i].SpanF1), key(ds[j].SpanF1); a != b {
			return a < b
		}
		return key(ds[i].TokenKappa) < key(ds[j].TokenKappa)
	})
}

// Agreement reads the corpus once, a document at a time, and computes the
// agreement of the annotators opt names (or of all of them). progress, if
// not nil, is called after each document with the count done and the total.
//
// Reading (the store decoding documents and layers) and counting overlap:
// the scan hands documents to a second goroutine through a short queue,
// which keeps their order, so the figures are those of one pass.
func Agreement(ctx context.Context, s *corpus.Store, opt Options, progress func(done, total int)) (Report, error) {
	names := opt.Annotators
	if names == nil {
		var err error
		if names, err = annotatorsInScope(s, opt.AllStatuses); err != nil {
			return Report{}, err
		}
	}
	if len(names) < 2 {
		return Report{}, fmt.Errorf("agreement needs at least two annotators with layers in scope (found %d: %v)", len(names), names)
	}
	total := 0
	if progress != nil {
		docs, err := s.Documents()
		if err != nil {
			return Report{}, err
		}
		total = len(docs)
	}
	acc := NewAccumulator(names, opt)
	queue := make(chan corpus.DocLayers, 64)
	counted := make(chan struct{})
	go func() {
		defer close(counted)
		done := 0
		for d := range queue {
			acc.Add(d.Doc, d.Layers)
			done++
			if progress != nil {
				progress(done, total)
			}
		}
	}()
	err := s.Scan(corpus.ScanOptions{Annotators: acc.names}, func(d corpus.DocLayers) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		select {
		case queue <- d:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(queue)
	<-counted
	if err != nil {
		return Report{}, err
	}
	return acc.Report(), nil
}

// annotatorsInScope lists the annotators, other than gold, who have a
// layer that counts.
func annotatorsInScope(s *corpus.Store, all bool) ([]string, error) {
	sums, err := s.Summaries("")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, l := range sums {
		if l.Annotator != corpus.Gold && (all || l.Status == corpus.StatusDone) {
			seen[l.Annotator] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}
