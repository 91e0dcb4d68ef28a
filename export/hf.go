package export

import "strconv"

func init() {
	Register(Format{Name: "hf", Order: 50, Ext: ".jsonl", Labels: true, NewWriter: newHF,
		Applies:     OptScheme | OptNested | OptTokens,
		Description: "Hugging Face datasets token classification",
		Example:     "tawsimctl export --format hf --split 80/10/10 --seed 1 --out hf.jsonl",
		ReadFile:    readHF, Exts: []string{".jsonl"}, ReadApplies: OptAnnotator | OptScheme | OptDocSentences,
		ImportExample: "tawsimctl import --format hf --annotator model hf.train.jsonl"})
}

// hfWriter writes Hugging Face token-classification JSONL: one sentence a
// line, {"id", "doc_id", "tokens", "ner_tags"} with the tags as strings
// (load with datasets' "json" builder and map them through labels.txt).
// With nested columns the deeper levels go to ner_tags_2, ner_tags_3, ...
type hfWriter struct {
	t  *tagger
	lw *lineWriter
	id int // the next sentence's id, counted over the whole file
}

// hfColumnsWriter plans, as conllColumnsWriter does.
type hfColumnsWriter struct{ *hfWriter }

func (w hfColumnsWriter) Plan(d *Doc) { w.t.plan(d) }

func newHF(out Output, opt Options) DocWriter {
	w := &hfWriter{t: newTagger(&opt, "hf"), lw: newLineWriter(out.W)}
	if w.t.columns() {
		return hfColumnsWriter{w}
	}
	return w
}

func (w *hfWriter) WriteDoc(d *Doc) error {
	v, cols := w.t.prepare(d)
	for _, s := range v.sents {
		b := w.lw.buf
		b = append(b, `{"id":"`...)
		b = strconv.AppendInt(b, int64(w.id), 10)
		b = append(b, `","doc_id":`...)
		b = appendString(b, d.Doc.ID)
		b = append(b, `,"tokens":[`...)
		for k := s.First; k < s.Last; k++ {
			if k > s.First {
				b = append(b, ',')
			}
			b = appendString(b, v.toks[k].Text)
		}
		b = append(b, ']')
		for c, col := range cols {
			if c == 0 {
				b = append(b, `,"ner_tags":[`...)
			} else {
				b = append(b, `,"ner_tags_`...)
				b = strconv.AppendInt(b, int64(c+1), 10)
				b = append(b, `":[`...)
			}
			for k := s.First; k < s.Last; k++ {
				if k > s.First {
					b = append(b, ',')
				}
				b = appendString(b, col[k])
			}
			b = append(b, ']')
		}
		b = append(b, '}')
		w.lw.buf = b
		w.lw.endLine()
		w.id++
	}
	return w.lw.err
}

func (w *hfWriter) Close() (Summary, error) { return w.t.summary(), w.lw.flush() }
