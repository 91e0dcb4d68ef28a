package export

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// conllLine is one token line of a CoNLL file.
type conllLine struct {
	tok, tag string
	line     int
}

type conllDoc struct {
	line  int // where the document starts
	sents [][]conllLine
}

// readCoNLL reads a CoNLL file: the token in the first column, the tag in
// the last, blank lines between sentences, -DOCSTART- between documents (or
// one document per file). The text is rebuilt by joining tokens with one
// space and sentences with a newline.
func readCoNLL(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "conll"}
	docs, err := parseCoNLL(path, &sum)
	if err != nil {
		return nil, sum, err
	}
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

// conllParser gathers token lines into sentences and documents.
type conllParser struct {
	docs []conllDoc
	cur  conllDoc
	sent []conllLine
	sum  *Summary
}

func (p *conllParser) endSent() {
	if len(p.sent) > 0 {
		p.cur.sents = append(p.cur.sents, p.sent)
		p.sent = nil
	}
}

// endDoc ends the document; the next one starts at line next.
func (p *conllParser) endDoc(next int) {
	p.endSent()
	if len(p.cur.sents) > 0 {
		p.docs = append(p.docs, p.cur)
	}
	p.cur = conllDoc{line: next}
}

// line takes line n (without its line end).
func (p *conllParser) line(line string, n int) error {
	if !utf8.ValidString(line) {
		return errors.New("not valid UTF-8")
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		p.endSent()
		return nil
	}
	if fields[0] == "-DOCSTART-" {
		p.endDoc(n)
		return nil
	}
	if strings.HasPrefix(fields[0], "#") && len(p.sent) == 0 && (len(fields) == 1 || fields[0] == "#") {
		p.sum.Skipped++ // a comment line, as CoNLL-U and some NER sets carry
		return nil
	}
	tag := "O"
	if len(fields) == 1 {
		p.sum.OneColumn++
	} else {
		tag = fields[len(fields)-1]
	}
	if err := checkTag(tag); err != nil {
		return err
	}
	p.sent = append(p.sent, conllLine{tok: fields[0], tag: tag, line: n})
	return nil
}

// parseCoNLL reads the documents of a CoNLL file, counting the quirks it
// repairs in sum.
func parseCoNLL(path string, sum *Summary) ([]conllDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	p := conllParser{cur: conllDoc{line: 1}, sum: sum}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), MaxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if err := p.line(line, n); err != nil {
			return nil, fmt.Errorf("import %s line %d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("import %s line %d: %w", path, n+1, err)
	}
	p.endDoc(n)
	return p.docs, nil
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
