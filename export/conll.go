package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// conllState is the per-document scratch of the CoNLL-style writers,
// reused so that a large export allocates little per document.
type conllState struct {
	opt   *Options
	lab   *labels
	spans []tokSpan
	lev   leveler
	tags  [][]string
	sum   Summary
}

// prepare maps one document's entities to tag columns: one column with
// nested outer (inner entities counted as dropped), depth columns with
// nested columns.
func (st *conllState) prepare(d *Doc, depth int) (view, [][]string) {
	split := st.opt.Tokens == "split"
	var v view
	if split {
		spans := make([]corpus.Span, len(d.Layer.Entities))
		for i, e := range d.Layer.Entities {
			spans[i] = e.Span()
		}
		v = makeView(d, true, spans, &st.sum)
	} else {
		v = view{d.Tokens, d.Sentences}
	}
	st.spans = mapSpans(v, d.Layer.Entities, true, &st.sum, st.spans)
	lv := st.lev.levels(st.spans)
	cols := depth
	if st.opt.Nested != "columns" {
		cols = 1
		for _, l := range lv[min(1, len(lv)):] {
			st.sum.NestedDropped += len(l)
		}
	}
	for len(st.tags) < cols {
		st.tags = append(st.tags, nil)
	}
	for c := 0; c < cols; c++ {
		t := st.tags[c]
		if cap(t) < len(v.toks) {
			t = make([]string, len(v.toks), len(v.toks)*2)
		}
		t = t[:len(v.toks)]
		for k := range t {
			t[k] = "O"
		}
		if c < len(lv) {
			st.lab.tag(t, lv[c])
			st.sum.Entities += len(lv[c])
		}
		st.tags[c] = t
	}
	return v, st.tags[:cols]
}

// nestingDepth is the number of tag columns nested columns needs: the
// deepest nesting in any document, at least 1.
func nestingDepth(docs []Doc, opt *Options) int {
	depth := 1
	var sum Summary
	var spans []tokSpan
	var lev leveler
	for i := range docs {
		d := &docs[i]
		v := view{d.Tokens, d.Sentences}
		if opt.Tokens == "split" {
			ss := make([]corpus.Span, len(d.Layer.Entities))
			for k, e := range d.Layer.Entities {
				ss[k] = e.Span()
			}
			v = makeView(d, true, ss, &sum)
		}
		spans = mapSpans(v, d.Layer.Entities, true, &sum, spans)
		depth = max(depth, len(lev.levels(spans)))
	}
	return depth
}

// WriteCoNLL writes docs as token-per-line CoNLL: "TOKEN TAG" (more tag
// columns with nested columns), a blank line after each sentence. With
// conll2003 the lines are "TOKEN -X- _ TAG" and every document opens with
// "-DOCSTART- -X- O O" and a blank line, as the CoNLL-2003 files do.
func WriteCoNLL(w io.Writer, docs []Doc, opt Options, conll2003 bool) (Summary, error) {
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	st := &conllState{opt: &opt, lab: newLabels(opt.scheme(), opt.Schema, docs)}
	st.sum.Format, st.sum.Scheme = "conll", opt.scheme()
	if conll2003 {
		st.sum.Format = "conll2003"
	}
	depth := 1
	if opt.Nested == "columns" {
		depth = nestingDepth(docs, &opt)
	}
	st.sum.Levels = depth
	sep := " "
	if opt.Tab {
		sep = "\t"
	}
	mid2003 := sep + "-X-" + sep + "_"
	lw := newLineWriter(w)
	for i := range docs {
		d := &docs[i]
		v, cols := st.prepare(d, depth)
		line := lw.buf
		switch {
		case conll2003:
			line = append(line, "-DOCSTART-"+sep+"-X-"+sep+"O"+sep+"O\n\n"...)
		case opt.DocStart:
			line = append(line, "-DOCSTART-"...)
			for range cols {
				line = append(line, sep+"O"...)
			}
			line = append(line, "\n\n"...)
		}
		// Token lines are appended straight to the output buffer; the
		// blank line after each sentence ends it, and may hand the
		// buffer over.
		for _, s := range v.sents {
			for k := s.First; k < s.Last; k++ {
				line = append(line, v.toks[k].Text...)
				if conll2003 {
					line = append(line, mid2003...)
				}
				for _, c := range cols {
					line = append(line, sep...)
					line = append(line, c[k]...)
				}
				line = append(line, '\n')
			}
			lw.buf = line
			lw.endLine()
			line = lw.buf
		}
		lw.buf = line
		st.sum.Documents++
		st.sum.Sentences += len(v.sents)
		st.sum.Tokens += len(v.toks)
		opt.progress(i+1, len(docs))
	}
	return st.sum, lw.flush()
}

// Labels lists the tags a CoNLL-style export of docs uses, O first, then
// B-/I- (and E-/S- for BIOES) of every type in schema order.
func Labels(docs []Doc, opt Options) []string {
	return newLabels(opt.scheme(), opt.Schema, docs).list()
}

// ReadOptions tune the readers.
type ReadOptions struct {
	// Annotator names the layer the annotations go to; default "import".
	// The native format keeps its own annotators.
	Annotator string
	// Scheme is the CoNLL tag scheme: "" or "auto" detects it.
	Scheme string
}

func (o ReadOptions) annotator() string {
	if o.Annotator == "" {
		return "import"
	}
	return o.Annotator
}

// conllLine is one token line of a CoNLL file.
type conllLine struct {
	tok, tag string
	line     int
}

type conllDoc struct {
	line  int // where the document starts
	sents [][]conllLine
}

// ReadCoNLL reads a CoNLL file: the token in the first column, the tag in
// the last, blank lines between sentences, -DOCSTART- between documents (or
// one document per file). The text is rebuilt by joining tokens with one
// space and sentences with a newline.
func ReadCoNLL(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "conll"}
	f, err := os.Open(path)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	var docs []conllDoc
	cur := conllDoc{line: 1}
	var sent []conllLine
	endSent := func() {
		if len(sent) > 0 {
			cur.sents = append(cur.sents, sent)
			sent = nil
		}
	}
	endDoc := func(next int) {
		endSent()
		if len(cur.sents) > 0 {
			docs = append(docs, cur)
		}
		cur = conllDoc{line: next}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), corpus.MaxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if !utf8.ValidString(line) {
			return nil, sum, fmt.Errorf("import %s line %d: %w", path, n, errors.New("not valid UTF-8"))
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			endSent()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			endDoc(n)
			continue
		}
		if strings.HasPrefix(fields[0], "#") && len(sent) == 0 && (len(fields) == 1 || fields[0] == "#") {
			sum.Skipped++ // a comment line, as CoNLL-U and some NER sets carry
			continue
		}
		tag := "O"
		if len(fields) == 1 {
			sum.OneColumn++
		} else {
			tag = fields[len(fields)-1]
		}
		if err := checkTag(tag); err != nil {
			return nil, sum, fmt.Errorf("import %s line %d: %w", path, n, err)
		}
		sent = append(sent, conllLine{tok: fields[0], tag: tag, line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, sum, fmt.Errorf("import %s line %d: %w", path, n+1, err)
	}
	endDoc(n)
	scheme := opt.Scheme
	if scheme == "" || scheme == "auto" {
		scheme = detectScheme(docs)
	}
	switch scheme {
	case "iob1", "iob2", "bioes":
	default:
		return nil, sum, fmt.Errorf("import %s: scheme %q: want auto, iob1, iob2 or bioes", path, opt.Scheme)
	}
	sum.Scheme = scheme
	var items []corpus.ImportItem
	for _, d := range docs {
		items = append(items, decodeCoNLL(path, d, scheme, opt.annotator(), &sum))
	}
	sum.Documents = len(items)
	return items, sum, nil
}

func checkTag(tag string) error {
	if tag == "O" {
		return nil
	}
	if len(tag) < 3 || tag[1] != '-' || !strings.ContainsRune("BIES", rune(tag[0])) {
		return fmt.Errorf("tag %q is not O, B-TYPE, I-TYPE, E-TYPE or S-TYPE", tag)
	}
	return nil
}

// detectScheme tells BIOES by its E-/S- tags and IOB1 by entities that
// start with I- while every B- directly follows a tag of its own type.
func detectScheme(docs []conllDoc) string {
	iStarts, bAfterSame, bOther := 0, 0, 0
	for _, d := range docs {
		for _, s := range d.sents {
			prev := "O"
			for _, l := range s {
				switch l.tag[0] {
				case 'E', 'S':
					return "bioes"
				case 'I':
					if prev == "O" || prev[2:] != l.tag[2:] {
						iStarts++
					}
				case 'B':
					if prev != "O" && prev[2:] == l.tag[2:] {
						bAfterSame++
					} else {
						bOther++
					}
				}
				prev = l.tag
			}
		}
	}
	if iStarts > 0 && bOther == 0 {
		return "iob1"
	}
	return "iob2"
}

// decodeCoNLL rebuilds the text of one document and its entities.
func decodeCoNLL(path string, d conllDoc, scheme, annotator string, sum *Summary) corpus.ImportItem {
	var text strings.Builder
	var ents []corpus.Entity
	cp := 0
	for si, s := range d.sents {
		if si > 0 {
			text.WriteByte('\n')
			cp++
		}
		open := -1 // index in ents of the entity still open
		for k, l := range s {
			if k > 0 {
				text.WriteByte(' ')
				cp++
			}
			start := cp
			text.WriteString(l.tok)
			cp += utf8.RuneCountInString(l.tok)
			if l.tag == "O" {
				open = -1
				continue
			}
			pre, typ := l.tag[0], l.tag[2:]
			cont := open >= 0 && ents[open].Type == typ
			switch pre {
			case 'B':
				cont = false
			case 'S':
				cont = false
			case 'I', 'E':
				if !cont && scheme != "iob1" || (!cont && pre == 'E') {
					sum.OrphanInside++
				}
			}
			if cont {
				ents[open].End = cp
			} else {
				ents = append(ents, corpus.Entity{Start: start, End: cp, Type: typ})
				open = len(ents) - 1
			}
			if pre == 'E' || pre == 'S' {
				open = -1
			}
		}
		sum.Sentences++
		sum.Tokens += len(s)
	}
	for i := range ents {
		ents[i].ID = fmt.Sprintf("T%d", i+1)
	}
	sum.Entities += len(ents)
	origin := fmt.Sprintf("%s line %d", path, d.line)
	return corpus.ImportItem{Origin: origin,
		Doc:    corpus.NewDoc{Text: text.String(), Source: path},
		Layers: []corpus.Layer{{Annotator: annotator, Status: corpus.StatusDone, Entities: ents, Events: []corpus.Event{}}}}
}
