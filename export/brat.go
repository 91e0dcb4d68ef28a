package export

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

func init() {
	Register(Format{Name: "brat", Order: 70, Folder: true, NewWriter: newBrat,
		Description: "brat standoff collection (.txt + .ann + annotation.conf)",
		Example:     "tawsimctl export --format brat --out brat-collection",
		ReadFile:    readBrat, ListFiles: bratFiles, ReadApplies: OptAnnotator,
		ImportExample: "tawsimctl import --format brat --annotator review brat-collection/"})
}

// bratWriter writes a brat collection into a folder: a .txt and an .ann
// per document, named by document id, and on Close annotation.conf and
// visual.conf built from the schema and the types the documents used.
// Offsets are code points, which is what brat (Python) counts. Entities
// become T lines; each event gets a T line for its trigger and an E line
// "E1\tType:T3 Role:T1 Role2:T2" (brat numbers a repeated role). Type and
// role names are written in the form brat stores (Contact-Meet for
// Contact.Meet), which annotation.conf maps back.
type bratWriter struct {
	dir   string
	types *bratTypes
	buf   []byte
	sum   Summary
}

func newBrat(out Output, opt Options) DocWriter {
	return &bratWriter{dir: out.Dir, types: newBratTypes(opt.Schema), sum: Summary{Format: "brat"}}
}

func (w *bratWriter) WriteDoc(d *Doc) error {
	w.buf = appendAnn(w.buf[:0], d, w.types, &w.sum)
	base := filepath.Join(w.dir, d.Doc.ID)
	if err := os.WriteFile(base+".txt", []byte(d.Doc.Text), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(base+".ann", w.buf, 0o644); err != nil {
		return err
	}
	w.types.add(&d.Layer)
	w.sum.Documents++
	w.sum.Entities += len(d.Layer.Entities)
	w.sum.Events += len(d.Layer.Events)
	w.sum.Tokens += len(d.Tokens)
	return nil
}

func (w *bratWriter) Close() (Summary, error) {
	conf, visual := w.types.conf()
	if err := os.WriteFile(filepath.Join(w.dir, "annotation.conf"), []byte(conf), 0o644); err != nil {
		return w.sum, err
	}
	if err := os.WriteFile(filepath.Join(w.dir, "visual.conf"), []byte(visual), 0o644); err != nil {
		return w.sum, err
	}
	return w.sum, nil
}

// appendAnn appends the .ann lines of one document: its entities T1..Tn,
// then per event a T line for the trigger and the E line, with names in
// their brat forms.
func appendAnn(buf []byte, d *Doc, names *bratTypes, sum *Summary) []byte {
	ix := corpus.NewIndex(d.Doc.Text)
	tid := map[string]string{}
	n := 0
	for _, e := range d.Layer.Entities {
		n++
		id := "T" + strconv.Itoa(n)
		tid[e.ID] = id
		buf = appendTextBound(buf, id, names.types.form(e.Type), e.Span(), ix)
	}
	for k, ev := range d.Layer.Events {
		n++
		trig := "T" + strconv.Itoa(n)
		buf = appendTextBound(buf, trig, names.types.form(ev.Type), ev.Trigger, ix)
		buf = appendEventLine(buf, k+1, trig, ev, tid, names, sum)
	}
	return buf
}

// appendEventLine writes "E<n>\tType:TRIGGER Role:T1 Role2:T2"; an
// argument whose entity has no T line is left out.
func appendEventLine(buf []byte, n int, trig string, ev corpus.Event, tid map[string]string, names *bratTypes, sum *Summary) []byte {
	buf = append(buf, 'E')
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, '\t')
	buf = append(buf, names.types.form(ev.Type)...)
	buf = append(buf, ':')
	buf = append(buf, trig...)
	used := map[string]int{}
	for _, a := range ev.Arguments {
		t, ok := tid[a.Entity]
		if !ok {
			continue
		}
		used[a.Role]++
		buf = append(buf, ' ')
		buf = append(buf, names.roles.form(a.Role)...)
		if c := used[a.Role]; c > 1 {
			buf = strconv.AppendInt(buf, int64(c), 10)
		}
		buf = append(buf, ':')
		buf = append(buf, t...)
		sum.Arguments++
	}
	return append(buf, '\n')
}

// appendTextBound writes one T line. A span over a line break becomes
// brat's discontinuous "start end;start end" form, because brat refuses a
// fragment that crosses a newline; the text column is then the
// fragments' text joined by a space, as brat checks it.
func appendTextBound(buf []byte, id, typ string, s corpus.Span, ix *corpus.Index) []byte {
	buf = append(buf, id...)
	buf = append(buf, '\t')
	buf = append(buf, typ...)
	buf = append(buf, ' ')
	text := ix.SliceSpan(s)
	var frags, parts []string
	start, from := s.Start, 0
	cp := s.Start
	for i, r := range text {
		if r == '\n' {
			if cp > start {
				frags = append(frags, strconv.Itoa(start)+" "+strconv.Itoa(cp))
				parts = append(parts, text[from:i])
			}
			start, from = cp+1, i+1
		}
		cp++
	}
	if cp > start {
		frags = append(frags, strconv.Itoa(start)+" "+strconv.Itoa(cp))
		parts = append(parts, text[from:])
	}
	buf = append(buf, strings.Join(frags, ";")...)
	buf = append(buf, '\t')
	buf = append(buf, strings.Join(parts, " ")...)
	return append(buf, '\n')
}
