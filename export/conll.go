package export

func init() {
	Register(Format{Name: "conll", Order: 10, Ext: ".conll", Labels: true, NewWriter: newCoNLL,
		Applies:     OptScheme | OptSep | OptDocStart | OptNested | OptTokens,
		Description: "seqeval, flair, most NER trainers",
		Example:     "tawsimctl export --format conll --out ner.conll",
		ReadFile:    readCoNLL, Exts: []string{".conll"}, ReadApplies: OptAnnotator | OptScheme | OptColumns | OptDocSentences,
		ImportExample: "tawsimctl import --format conll --annotator model ner.conll"})
	Register(Format{Name: "conll2003", Order: 11, Ext: ".txt", Labels: true, NewWriter: newCoNLL2003,
		Applies:     OptScheme | OptSep | OptNested | OptTokens,
		Description: "tools hard-wired to CoNLL-2003's four columns",
		Example:     "tawsimctl export --format conll2003 --out ner.txt"})
}

// conllWriter writes token-per-line CoNLL: "TOKEN TAG" (more tag columns
// with nested columns), a blank line after each sentence. With conll2003
// the lines are "TOKEN -X- _ TAG" and every document opens with
// "-DOCSTART- -X- O O" and a blank line, as the CoNLL-2003 files do.
type conllWriter struct {
	t         *tagger
	lw        *lineWriter
	conll2003 bool
	docStart  bool
	sep       string
	mid2003   string // the -X- and _ columns between token and tag
}

// conllColumnsWriter is the CoNLL writer with nested columns: it plans,
// because every line needs as many tag columns as the deepest nesting.
type conllColumnsWriter struct{ *conllWriter }

func (w conllColumnsWriter) Plan(d *Doc) { w.t.plan(d) }

func newCoNLL(out Output, opt Options) DocWriter { return newCoNLLWriter(out, opt, false) }

func newCoNLL2003(out Output, opt Options) DocWriter { return newCoNLLWriter(out, opt, true) }

func newCoNLLWriter(out Output, opt Options, conll2003 bool) DocWriter {
	format := "conll"
	if conll2003 {
		format = "conll2003"
	}
	sep := " "
	if opt.Tab {
		sep = "\t"
	}
	w := &conllWriter{t: newTagger(&opt, format), lw: newLineWriter(out.W), conll2003: conll2003,
		docStart: opt.DocStart, sep: sep, mid2003: sep + "-X-" + sep + "_"}
	if w.t.columns() {
		return conllColumnsWriter{w}
	}
	return w
}

func (w *conllWriter) WriteDoc(d *Doc) error {
	v, cols := w.t.prepare(d)
	line := w.appendDocStart(w.lw.buf, len(cols))
	// Token lines are appended straight to the output buffer; the blank
	// line after each sentence ends it, and may hand the buffer over.
	for _, s := range v.sents {
		for k := s.First; k < s.Last; k++ {
			line = append(line, v.toks[k].Text...)
			if w.conll2003 {
				line = append(line, w.mid2003...)
			}
			for _, c := range cols {
				line = append(line, w.sep...)
				line = append(line, c[k]...)
			}
			line = append(line, '\n')
		}
		w.lw.buf = line
		w.lw.endLine()
		line = w.lw.buf
	}
	w.lw.buf = line
	return w.lw.err
}

// appendDocStart appends the -DOCSTART- line and the blank line after it
// that conll2003 (always) and conll with --docstart open a document with.
func (w *conllWriter) appendDocStart(line []byte, cols int) []byte {
	switch {
	case w.conll2003:
		line = append(line, "-DOCSTART-"+w.sep+"-X-"+w.sep+"O"+w.sep+"O\n\n"...)
	case w.docStart:
		line = append(line, "-DOCSTART-"...)
		for range cols {
			line = append(line, w.sep+"O"...)
		}
		line = append(line, "\n\n"...)
	}
	return line
}

func (w *conllWriter) Close() (Summary, error) { return w.t.summary(), w.lw.flush() }
