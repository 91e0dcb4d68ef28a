package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// Reading brat standoff: folders (every .ann with its .txt) or .ann and
// .txt files. T lines of types used as event triggers become triggers, the
// others entities; E lines become events (a role's trailing number, as in
// Entity2, is dropped). Type and role names in brat's form are mapped
// back through the annotation.conf an export wrote (Contact-Meet to
// Contact.Meet). Every T line's text must be what its offsets cover in
// the .txt. Relations, attributes, normalisations and notes have no
// place in Tawsim and are counted as skipped.

// bratTB is a text-bound (T) line: its fragments as written, the text
// it says they cover, and its span once placed on the stored text.
type bratTB struct {
	id, typ string
	frags   [][2]int
	text    string
	span    corpus.Span
	line    int
}

// bratEvent is an E line: its trigger's T id and its [role, T id] pairs.
type bratEvent struct {
	id, typ, trigger string
	args             [][2]string
	line             int
}

// bratAnn is what one .ann file holds, in file order.
type bratAnn struct {
	tbs  []bratTB
	byID map[string]int // T id → index in tbs
	evs  []bratEvent
}

// bratFiles lists the .ann files to read: those in a folder (sorted, not
// recursive: a brat collection is one folder), an .ann as given, and the
// .ann beside a .txt.
func bratFiles(paths []string) ([]string, error) {
	var anns []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		if st.IsDir() {
			found, err := filepath.Glob(filepath.Join(p, "*.ann"))
			if err != nil {
				return nil, fmt.Errorf("import %s: %w", p, err)
			}
			sort.Strings(found)
			anns = append(anns, found...)
			continue
		}
		switch filepath.Ext(p) {
		case ".ann":
			anns = append(anns, p)
		case ".txt":
			anns = append(anns, strings.TrimSuffix(p, ".txt")+".ann")
		default:
			if filepath.Base(p) == "annotation.conf" || filepath.Base(p) == "visual.conf" {
				continue
			}
			return nil, fmt.Errorf("import %s: brat files end in .ann or .txt", p)
		}
	}
	if len(anns) == 0 {
		return nil, errors.New("import: no .ann files found")
	}
	return anns, nil
}

// readBrat reads one .ann file and the .txt beside it into a document
// with one layer.
func readBrat(ann string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "brat"}
	txtPath := strings.TrimSuffix(ann, ".ann") + ".txt"
	raw, err := os.ReadFile(txtPath)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", txtPath, err)
	}
	if !utf8.Valid(raw) {
		return nil, sum, fmt.Errorf("import %s line %d: text is not valid UTF-8", txtPath, badUTF8Line(raw))
	}
	text := string(raw)
	a, err := parseAnn(ann, &sum)
	if err != nil {
		return nil, sum, err
	}
	norm, remap, moved := normalize(text)
	if moved {
		sum.Remapped++
	}
	if err := a.place(text, remap); err != nil {
		return nil, sum, fmt.Errorf("import %s %w", ann, err)
	}
	layer, err := a.layer(opt, readBratMapping(filepath.Dir(ann)), &sum)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s %w", ann, err)
	}
	sum.Documents = 1
	sum.Entities += len(layer.Entities)
	sum.Events += len(layer.Events)
	// No title: file names are often ids; the store takes the first line.
	return []corpus.ImportItem{{Origin: ann, Doc: corpus.NewDoc{Source: txtPath, Text: norm},
		Layers: []corpus.Layer{layer}}}, sum, nil
}

// parseAnn reads the T and E lines of an .ann file.
func parseAnn(ann string, sum *Summary) (*bratAnn, error) {
	a := &bratAnn{byID: map[string]int{}}
	err := scanLines(ann, func(n int, line string) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		return a.parseLine(line, n, sum)
	})
	return a, err
}

// parseLine reads one line: T and E lines are kept, the rest (R, A, M, N,
// # and * lines) counted as skipped.
func (a *bratAnn) parseLine(line string, n int, sum *Summary) error {
	cols := strings.SplitN(line, "\t", 3)
	id := cols[0]
	switch {
	case strings.HasPrefix(id, "T"):
		if len(cols) < 2 {
			return errors.New("text-bound line needs ID, TYPE START END and TEXT separated by tabs")
		}
		typ, frags, err := parseTextBound(cols[1])
		if err != nil {
			return err
		}
		if _, dup := a.byID[id]; dup {
			return fmt.Errorf("id %s is used twice", id)
		}
		tb := bratTB{id: id, typ: typ, frags: frags, line: n}
		if len(cols) == 3 {
			tb.text = cols[2]
		}
		a.byID[id] = len(a.tbs)
		a.tbs = append(a.tbs, tb)
	case strings.HasPrefix(id, "E"):
		if len(cols) < 2 {
			return errors.New("event line needs ID and TYPE:TRIGGER separated by a tab")
		}
		ev, err := parseEventLine(cols[1])
		if err != nil {
			return err
		}
		ev.id, ev.line = id, n
		a.evs = append(a.evs, ev)
	default:
		sum.Skipped++
	}
	return nil
}

// parseTextBound reads "TYPE START END[;START END...]".
func parseTextBound(field string) (string, [][2]int, error) {
	typ, offs, ok := strings.Cut(field, " ")
	if !ok {
		return "", nil, fmt.Errorf("%q: want TYPE START END", field)
	}
	var frags [][2]int
	for _, frag := range strings.Split(offs, ";") {
		a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
		s, err1 := strconv.Atoi(a)
		e, err2 := strconv.Atoi(strings.TrimSpace(b))
		if !ok || err1 != nil || err2 != nil {
			return "", nil, fmt.Errorf("offsets %q are not START END", frag)
		}
		frags = append(frags, [2]int{s, e})
	}
	return typ, frags, nil
}

// place checks every T line against the text and sets its span on the
// normalised text; a discontinuous span becomes the span from its first
// start to its last end. The offsets count the code points of the .txt
// as it is on disk; when the text has CR line ends and they do not fit
// that way, they may count it as brat reads it, each line end one LF
// (brat opens texts with universal newlines). The error names the line.
func (a *bratAnn) place(text string, remap func(int) int) error {
	err := a.fit(corpus.NewIndex(text), remap)
	if err == nil || !strings.Contains(text, "\r") {
		return err
	}
	bom := strings.HasPrefix(text, "\uFEFF")
	asBrat := strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	if a.fit(corpus.NewIndex(asBrat), func(i int) int {
		if bom && i > 0 {
			return i - 1 // the stored text drops the byte-order mark
		}
		return i
	}) == nil {
		return nil
	}
	return err
}

// fit places the T lines on ix's text, refusing the first whose
// fragments lie outside it or whose text column differs from what they
// cover there.
func (a *bratAnn) fit(ix *corpus.Index, remap func(int) int) error {
	for i := range a.tbs {
		tb := &a.tbs[i]
		sp := corpus.Span{Start: -1}
		parts := make([]string, 0, len(tb.frags))
		for _, f := range tb.frags {
			s, e := f[0], f[1]
			if s < 0 || e > ix.Len() || s >= e {
				return fmt.Errorf("line %d: span [%d,%d) lies outside the text (0..%d code points) or is empty", tb.line, s, e, ix.Len())
			}
			parts = append(parts, ix.Slice(s, e))
			if sp.Start < 0 || s < sp.Start {
				sp.Start = s
			}
			sp.End = max(sp.End, e)
		}
		if !bratTextFits(tb.text, parts) {
			return fmt.Errorf("line %d: %s's text %q is not what its offsets cover in the .txt, %q: the .ann and .txt do not belong together, or the .txt was edited",
				tb.line, tb.id, tb.text, strings.Join(parts, " "))
		}
		tb.span = corpus.Span{Start: remap(sp.Start), End: remap(sp.End)}
	}
	return nil
}

// bratTextFits applies brat's own check of a T line's text column: it
// starts with the fragments' text joined by a space (or, as brat before
// 1.3 wrote them, with nothing between), followed by nothing or by white
// space; an empty column brat fills in itself.
func bratTextFits(col string, parts []string) bool {
	if col == "" {
		return true
	}
	for _, ref := range []string{strings.Join(parts, " "), strings.Join(parts, "")} {
		if rest, ok := strings.CutPrefix(col, ref); ok && (rest == "" || unicode.IsSpace([]rune(rest)[0])) {
			return true
		}
	}
	return false
}

// parseEventLine reads "TYPE:TRIGGER ROLE:ID ...".
func parseEventLine(field string) (bratEvent, error) {
	parts := strings.Fields(field)
	if len(parts) == 0 {
		return bratEvent{}, errors.New("event line has no TYPE:TRIGGER")
	}
	typ, trig, ok := strings.Cut(parts[0], ":")
	if !ok {
		return bratEvent{}, fmt.Errorf("%q: want TYPE:TRIGGER", parts[0])
	}
	ev := bratEvent{typ: typ, trigger: trig}
	for _, p := range parts[1:] {
		role, arg, ok := strings.Cut(p, ":")
		if !ok {
			return bratEvent{}, fmt.Errorf("argument %q: want ROLE:ID", p)
		}
		ev.args = append(ev.args, [2]string{strings.TrimRightFunc(role, unicode.IsDigit), arg})
	}
	return ev, nil
}

// layer builds the annotator's layer: T lines that no event uses as its
// trigger become entities, E lines events, their names mapped back from
// brat's forms. With a schema, a type or role outside it is refused
// naming its line. An error names the line (the caller adds the file).
func (a *bratAnn) layer(opt ReadOptions, names bratMapping, sum *Summary) (corpus.Layer, error) {
	isTrigger := map[string]bool{}
	for _, ev := range a.evs {
		isTrigger[ev.trigger] = true
	}
	layer := corpus.Layer{Annotator: opt.annotator(), Status: corpus.StatusDone, Entities: []corpus.Entity{}, Events: []corpus.Event{}}
	// brat allows two T lines with one span and type; the store refuses
	// exact duplicates, so the second one is folded into the first.
	canon := map[string]string{}
	seen := map[entKey]string{}
	for _, tb := range a.tbs {
		if isTrigger[tb.id] {
			continue
		}
		typ := names.typeName(tb.typ)
		if opt.Schema != nil {
			if err := checkEntityType(typ, opt.Schema); err != nil {
				return layer, fmt.Errorf("line %d: %w", tb.line, err)
			}
		}
		k := entKey{tb.span.Start, tb.span.End, typ}
		if first, ok := seen[k]; ok {
			canon[tb.id] = first
			sum.Skipped++
			continue
		}
		seen[k] = tb.id
		canon[tb.id] = tb.id
		layer.Entities = append(layer.Entities, corpus.Entity{ID: tb.id, Start: tb.span.Start, End: tb.span.End, Type: typ})
	}
	for _, ev := range a.evs {
		e, err := a.event(ev, names, canon, opt.Schema)
		if err != nil {
			return layer, fmt.Errorf("line %d: event %s: %w", ev.line, ev.id, err)
		}
		layer.Events = append(layer.Events, e)
	}
	return layer, nil
}

// event builds one event from its E line.
func (a *bratAnn) event(ev bratEvent, names bratMapping, canon map[string]string, sc *corpus.Schema) (corpus.Event, error) {
	ti, ok := a.byID[ev.trigger]
	if !ok {
		return corpus.Event{}, fmt.Errorf("trigger %s is not a T line", ev.trigger)
	}
	e := corpus.Event{ID: ev.id, Type: names.typeName(ev.typ), Trigger: a.tbs[ti].span, Arguments: []corpus.Argument{}}
	var et corpus.EventType
	if sc != nil {
		if et, ok = sc.EventType(e.Type); !ok {
			return e, fmt.Errorf("event type %q is not in the schema", e.Type)
		}
	}
	for _, arg := range ev.args {
		id, ok := canon[arg[1]]
		if !ok {
			return e, fmt.Errorf("argument %s:%s is not an entity's T line", arg[0], arg[1])
		}
		role := names.roleName(arg[0])
		if sc != nil && !et.HasRole(role) {
			return e, fmt.Errorf("role %q does not belong to event type %s (allowed: %s)", role, et.Name, strings.Join(et.Roles, ", "))
		}
		e.Arguments = append(e.Arguments, corpus.Argument{Role: role, Entity: id})
	}
	return e, nil
}

// entKey identifies an entity by content, independent of its id.
type entKey struct {
	start, end int
	typ        string
}
