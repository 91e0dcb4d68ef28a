package export

import (
	"bufio"
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
// Entity2, is dropped). Relations, attributes, normalisations and notes
// have no place in Tawsim and are counted as skipped.

// bratTB is a text-bound (T) line.
type bratTB struct {
	id, typ string
	span    corpus.Span // in the normalised text
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
	text := string(raw)
	norm, remap, moved := normalize(text)
	if moved {
		sum.Remapped++
	}
	a, err := parseAnn(ann, utf8.RuneCountInString(text), remap, &sum)
	if err != nil {
		return nil, sum, err
	}
	layer, err := a.layer(opt.annotator(), &sum)
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

// parseAnn reads the T and E lines of an .ann file; size is the text's
// length in code points and remap moves offsets to the normalised text.
func parseAnn(ann string, size int, remap func(int) int, sum *Summary) (*bratAnn, error) {
	f, err := os.Open(ann)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", ann, err)
	}
	defer f.Close()
	a := &bratAnn{byID: map[string]int{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), MaxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := a.parseLine(line, n, size, remap, sum); err != nil {
			return nil, fmt.Errorf("import %s line %d: %w", ann, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("import %s line %d: %w", ann, n+1, err)
	}
	return a, nil
}

// parseLine reads one line: T and E lines are kept, the rest (R, A, M, N,
// # and * lines) counted as skipped.
func (a *bratAnn) parseLine(line string, n, size int, remap func(int) int, sum *Summary) error {
	cols := strings.SplitN(line, "\t", 3)
	id := cols[0]
	switch {
	case strings.HasPrefix(id, "T"):
		if len(cols) < 2 {
			return errors.New("text-bound line needs ID, TYPE START END and TEXT separated by tabs")
		}
		typ, span, err := parseTextBound(cols[1], size)
		if err != nil {
			return err
		}
		if _, dup := a.byID[id]; dup {
			return fmt.Errorf("id %s is used twice", id)
		}
		a.byID[id] = len(a.tbs)
		a.tbs = append(a.tbs, bratTB{id: id, typ: typ, span: corpus.Span{Start: remap(span.Start), End: remap(span.End)}, line: n})
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

// parseTextBound reads "TYPE START END[;START END...]". A discontinuous
// span becomes the span from its first start to its last end.
func parseTextBound(field string, size int) (string, corpus.Span, error) {
	typ, offs, ok := strings.Cut(field, " ")
	if !ok {
		return "", corpus.Span{}, fmt.Errorf("%q: want TYPE START END", field)
	}
	sp := corpus.Span{Start: -1}
	for _, frag := range strings.Split(offs, ";") {
		a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
		s, err1 := strconv.Atoi(a)
		e, err2 := strconv.Atoi(strings.TrimSpace(b))
		if !ok || err1 != nil || err2 != nil {
			return "", sp, fmt.Errorf("offsets %q are not START END", frag)
		}
		if s < 0 || e > size || s >= e {
			return "", sp, fmt.Errorf("span [%d,%d) lies outside the text (0..%d code points) or is empty", s, e, size)
		}
		if sp.Start < 0 || s < sp.Start {
			sp.Start = s
		}
		sp.End = max(sp.End, e)
	}
	return typ, sp, nil
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
// trigger become entities, E lines events. An error names the line of the
// event (the caller adds the file).
func (a *bratAnn) layer(annotator string, sum *Summary) (corpus.Layer, error) {
	isTrigger := map[string]bool{}
	for _, ev := range a.evs {
		isTrigger[ev.trigger] = true
	}
	layer := corpus.Layer{Annotator: annotator, Status: corpus.StatusDone, Entities: []corpus.Entity{}, Events: []corpus.Event{}}
	// brat allows two T lines with one span and type; the store refuses
	// exact duplicates, so the second one is folded into the first.
	canon := map[string]string{}
	seen := map[entKey]string{}
	for _, tb := range a.tbs {
		if isTrigger[tb.id] {
			continue
		}
		k := entKey{tb.span.Start, tb.span.End, tb.typ}
		if first, ok := seen[k]; ok {
			canon[tb.id] = first
			sum.Skipped++
			continue
		}
		seen[k] = tb.id
		canon[tb.id] = tb.id
		layer.Entities = append(layer.Entities, corpus.Entity{ID: tb.id, Start: tb.span.Start, End: tb.span.End, Type: tb.typ})
	}
	for _, ev := range a.evs {
		ti, ok := a.byID[ev.trigger]
		if !ok {
			return layer, fmt.Errorf("line %d: event %s: trigger %s is not a T line", ev.line, ev.id, ev.trigger)
		}
		e := corpus.Event{ID: ev.id, Type: ev.typ, Trigger: a.tbs[ti].span, Arguments: []corpus.Argument{}}
		for _, arg := range ev.args {
			id, ok := canon[arg[1]]
			if !ok {
				return layer, fmt.Errorf("line %d: event %s: argument %s:%s is not an entity's T line", ev.line, ev.id, arg[0], arg[1])
			}
			e.Arguments = append(e.Arguments, corpus.Argument{Role: arg[0], Entity: id})
		}
		layer.Events = append(layer.Events, e)
	}
	return layer, nil
}

// entKey identifies an entity by content, independent of its id.
type entKey struct {
	start, end int
	typ        string
}
