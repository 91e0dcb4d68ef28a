package export

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// readCoNLL reads a CoNLL file: by default the token in the first column
// and one tag column per nesting level after it (--columns declares
// other layouts), blank lines between sentences, -DOCSTART- between
// documents (or one document per file). A file without blank lines is
// cut into sentences after sentence-final tokens outside entities.
// Documents keep the file's tokens and sentences; their text joins the
// tokens with one space and the sentences with a newline.
func readCoNLL(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "conll"}
	cols, err := parseColumns(opt.Columns)
	if err != nil {
		return nil, sum, err
	}
	p := conllParser{cols: cols, cur: tokenDoc{line: 1}, sum: &sum}
	if err := scanLines(path, p.line); err != nil {
		return nil, sum, err
	}
	p.endDoc(0)
	docs := p.docs
	if p.breaks == 0 {
		cutAtFinals(docs)
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
	p.explain(path, docs, opt.DocSentences)
	var items []corpus.ImportItem
	for _, d := range groupSentences(docs, opt.DocSentences) {
		it, err := tokenItem(path, d, scheme, opt, &sum)
		if err != nil {
			return nil, sum, err
		}
		items = append(items, it)
	}
	return items, sum, nil
}

// conllParser gathers token lines into sentences and documents, counting
// the quirks it meets in sum and remembering their lines for the notes.
type conllParser struct {
	cols   conllColumns
	docs   []tokenDoc
	cur    tokenDoc
	sent   []tokenLine
	fields []field
	sum    *Summary
	breaks int // blank lines that ended a sentence
	starts int // -DOCSTART- lines
	// Lines of the quirks, for the notes (the first few of each).
	tagOnly, joined, invisible []int
}

func (p *conllParser) endSent() bool {
	if len(p.sent) == 0 {
		return false
	}
	p.cur.sents = append(p.cur.sents, p.sent)
	p.sent = nil
	return true
}

// endDoc ends the document; the next one starts at line next.
func (p *conllParser) endDoc(next int) {
	p.endSent()
	if len(p.cur.sents) > 0 {
		p.docs = append(p.docs, p.cur)
	}
	p.cur = tokenDoc{line: next}
}

// line takes line n (without its line end).
func (p *conllParser) line(n int, line string) error {
	if !utf8.ValidString(line) {
		return errors.New("not valid UTF-8")
	}
	var joined bool
	p.fields, joined = splitFields(line, p.fields)
	fs := p.fields
	if len(fs) == 0 {
		if p.endSent() {
			p.breaks++
		}
		return nil
	}
	col := func(i int) string { return line[fs[i].start:fs[i].end] }
	first := col(0)
	switch {
	case first == "-DOCSTART-":
		p.starts++
		p.endDoc(n)
		return nil
	case len(fs) == 1 && p.cols.token == 0 && p.cols.tags == 1 && tagOnly(first):
		p.sum.TagOnly++
		p.tagOnly = append(p.tagOnly, n)
		return nil
	case strings.HasPrefix(first, "#") && len(p.sent) == 0 && !p.tagged(line, fs):
		p.sum.Skipped++ // a comment line, as CoNLL-U and some NER sets carry
		return nil
	case p.cols.declared && len(fs) <= p.cols.tags:
		return fmt.Errorf("the line has %s, and --columns declares %d", plural(len(fs), "column", "columns"), p.cols.tags+1)
	}
	if joined {
		p.joined = append(p.joined, n)
	}
	tok := col(p.cols.token)
	if hasInvisible(tok) {
		p.sum.Invisible++
		p.invisible = append(p.invisible, n)
	}
	tags := []string{"O"}
	if len(fs) <= p.cols.tags {
		p.sum.OneColumn++
	} else {
		tags = make([]string, 0, len(fs)-p.cols.tags)
		for i := p.cols.tags; i < len(fs); i++ {
			tag := col(i)
			if err := checkTag(tag); err != nil {
				return p.tagError(err, tag, i, len(fs))
			}
			tags = append(tags, tag)
		}
	}
	p.sent = append(p.sent, tokenLine{tok: tok, tags: tags, line: n})
	return nil
}

// tagOnly reports whether a line's one column is a tag rather than a
// token: O, or a prefix and a type with a letter in it (B-52 is a token).
func tagOnly(s string) bool {
	return s == "O" || isTag(s) && strings.IndexFunc(s[2:], unicode.IsLetter) >= 0
}

// tagged reports whether a line has tag columns that all hold tags: then
// a first column starting with # is a token (#, a hashtag), not a
// comment.
func (p *conllParser) tagged(line string, fs []field) bool {
	if len(fs) <= p.cols.tags {
		return false
	}
	for _, f := range fs[p.cols.tags:] {
		if !isTag(line[f.start:f.end]) {
			return false
		}
	}
	return true
}

// tagError explains a column that should hold a tag and does not: with
// the default columns a column between the token and the last one is
// most likely another annotation layer (POS, chunks) to declare.
func (p *conllParser) tagError(err error, tag string, i, n int) error {
	if p.cols.declared || i == n-1 {
		return err
	}
	return fmt.Errorf("column %d %q is neither the token nor a tag: a file with other columns declares them with --columns (e.g. token,pos,chunk,ner for CoNLL-2003); otherwise the line is broken (a token with a space in it?)", i+1, tag)
}

// explain adds the notes on how the file was read: where its quirks are,
// and how it was cut when it marks no sentences or documents.
func (p *conllParser) explain(path string, docs []tokenDoc, docSentences int) {
	name := filepath.Base(path)
	if n := len(p.tagOnly); n > 0 {
		p.sum.Notes = append(p.sum.Notes, fmt.Sprintf("%s: %s with a tag but no token skipped (%s)", name, plural(n, "line", "lines"), lineList(p.tagOnly)))
	}
	if n := len(p.joined); n > 0 {
		p.sum.Notes = append(p.sum.Notes, fmt.Sprintf("%s: %s of invisible characters (such as U+200F) kept as part of the token before %s (%s)",
			name, plural(n, "column", "columns"), pick(n, "it", "them"), lineList(p.joined)))
	}
	if n := len(p.invisible); n > 0 {
		p.sum.Notes = append(p.sum.Notes, fmt.Sprintf("%s: %s invisible or control characters (such as U+200F), kept as %s (%s)",
			name, plural(n, "token holds", "tokens hold"), pick(n, "it is", "they are"), lineList(p.invisible)))
	}
	n := countSentences(docs)
	switch {
	case p.breaks > 0 || n < 2:
	case p.starts == 0 && docSentences == 0:
		p.sum.Notes = append(p.sum.Notes, fmt.Sprintf("%s has neither blank lines nor -DOCSTART-: it was cut into %d sentences after sentence-final tokens (. ! ? ؟) outside entities, all in one document; --doc-sentences N makes documents of N sentences", name, n))
	default:
		p.sum.Notes = append(p.sum.Notes, fmt.Sprintf("%s has no blank lines: it was cut into %d sentences after sentence-final tokens (. ! ? ؟) outside entities", name, n))
	}
}

// plural is "1 line" or "n lines".
func plural(n int, one, more string) string { return strconv.Itoa(n) + " " + pick(n, one, more) }

// pick chooses the singular or plural wording for n.
func pick(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// lineList renders the first few line numbers: "line 7" or "lines 7,
// 9, 12 and 3 more".
func lineList(lines []int) string {
	const show = 5
	words := make([]string, 0, show)
	for _, l := range lines[:min(show, len(lines))] {
		words = append(words, strconv.Itoa(l))
	}
	s := "line " + words[0]
	if len(lines) > 1 {
		s = "lines " + strings.Join(words, ", ")
	}
	if len(lines) > show {
		s += fmt.Sprintf(" and %d more", len(lines)-show)
	}
	return s
}
