package export

// tagger turns a document's entities into tag columns for the token
// formats (CoNLL and Hugging Face). Its scratch is reused from one
// document to the next, so a large export allocates little per document.
type tagger struct {
	opt   *Options
	lab   *labels
	spans []tokSpan
	lev   leveler
	tags  [][]string
	start []bool // the tokens that open a sentence
	depth int    // tag columns: 1, or with nested columns the deepest nesting planned
	sum   Summary
}

func newTagger(opt *Options, format string) *tagger {
	t := &tagger{opt: opt, lab: newLabels(opt.scheme(), opt.Schema), depth: 1}
	t.sum.Format, t.sum.Scheme = format, opt.scheme()
	return t
}

// columns reports whether every nesting level gets a column of its own.
func (t *tagger) columns() bool { return t.opt.Nested == "columns" }

// plan records how deep d's entities nest, for the column count.
func (t *tagger) plan(d *Doc) {
	var scratch Summary // the writing pass counts
	v := viewFor(d, t.opt, nil, &scratch)
	t.spans = mapSpans(v, d.Layer.Entities, true, &scratch, t.spans)
	t.depth = max(t.depth, len(t.lev.levels(t.spans)))
}

// prepare maps one document's entities to tag columns: one column with
// nested outer (inner entities counted as dropped), t.depth columns with
// nested columns. The columns are valid until the next call.
func (t *tagger) prepare(d *Doc) (view, [][]string) {
	v := viewFor(d, t.opt, nil, &t.sum)
	t.spans = mapSpans(v, d.Layer.Entities, true, &t.sum, t.spans)
	lv := t.lev.levels(t.spans)
	cols := t.depth
	if !t.columns() {
		cols = 1
		for _, l := range lv[min(1, len(lv)):] {
			t.sum.NestedDropped += len(l)
		}
	}
	t.start = resize(t.start, len(v.toks))
	for _, s := range v.sents {
		if s.First < len(t.start) {
			t.start[s.First] = true
		}
	}
	for len(t.tags) < cols {
		t.tags = append(t.tags, nil)
	}
	for c := 0; c < cols; c++ {
		tags := t.tags[c]
		if cap(tags) < len(v.toks) {
			tags = make([]string, len(v.toks), len(v.toks)*2)
		}
		tags = tags[:len(v.toks)]
		for k := range tags {
			tags[k] = "O"
		}
		if c < len(lv) {
			t.lab.tag(tags, lv[c], t.start)
			t.sum.Entities += len(lv[c])
		}
		t.tags[c] = tags
	}
	t.sum.Documents++
	t.sum.Sentences += len(v.sents)
	t.sum.Tokens += len(v.toks)
	return v, t.tags[:cols]
}

// summary is what the tagger's writer reports.
func (t *tagger) summary() Summary {
	s := t.sum
	s.Levels = t.depth
	return s
}
