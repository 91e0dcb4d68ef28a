package news

import (
	"sort"
	"strings"
)

// A Story is one article found in a text.
type Story struct {
	Title    string // its headline, when the text gave one on a line of its own
	Text     string // its paragraphs, each as written, separated by a blank line
	Credit   string // from its source line ("المصدر: الحرة" gives الحرة)
	Byline   string // from a byline line ("بقلم: …")
	Line     int    // the line it starts on, from 1
	ReadAlso bool   // it came after a "read also" marker: a second story
}

// A Cut is a line that no story kept, and why.
type Cut struct {
	Line   int
	Reason Reason
	Text   string
}

// Reason says why a line was cut.
type Reason string

// The reasons for a cut.
const (
	CutHeadline  Reason = "headline, kept as the title"
	CutSource    Reason = "source line, kept as metadata"
	CutByline    Reason = "byline, kept as metadata"
	CutDateline  Reason = "date line"
	CutReadAlso  Reason = `"read also" marker`
	CutRelated   Reason = "related headlines"
	CutBullet    Reason = "bulleted headline"
	CutGlued     Reason = "headline line inside the story"
	CutShare     Reason = "share or subscribe line"
	CutCaption   Reason = "photo caption or credit"
	CutDropped   Reason = `"read also" story left out`
	CutEmptyBody Reason = "headline with no story under it"
)

// TextOptions tune SplitText.
type TextOptions struct {
	// DropReadAlso leaves a story found in a "read also" block out (its
	// lines are reported as cut) instead of returning it as a story.
	DropReadAlso bool
}

// A Split is what SplitText found: the stories in the order of the text,
// and every line it cut. Every non-blank line of the text is in exactly
// one of the two.
type Split struct {
	Stories []Story
	Cuts    []Cut
	Dropped int // read-also stories left out (TextOptions.DropReadAlso)
}

// Kept counts the paragraphs the stories kept.
func (s Split) Kept() int {
	n := 0
	for _, st := range s.Stories {
		n += strings.Count(st.Text, "\n\n") + 1
	}
	return n
}

// line is one non-blank line of the text.
type line struct {
	n    int // from 1
	text string
}

// SplitText reads a news text (a page saved as text, or the text
// extracted from a page) into its stories. Each non-blank line is one
// paragraph. A story's text is its kept paragraphs, each trimmed of the
// spaces around it and otherwise exactly as written, joined by a blank
// line; what is cut is reported line by line.
//
// The rules: a first line that reads as a headline (no final stop, at
// most 40 words) is the story's title. A source line ("المصدر: …") gives
// the story's credit, a byline line its byline. A "read also" marker
// followed by a headline and a paragraph starts a second story titled by
// that headline; followed by anything else it heads links, which are cut.
// A related-headlines heading ("مقالات مشابهة" …) and the list under it,
// bulleted lines that read as headlines, share or subscribe lines, and
// any headline-like line inside a story (a link to another story, often
// glued to the next) are cut.
func SplitText(text string, opt TextOptions) Split {
	p := splitter{opt: opt}
	ls := nonBlankLines(text)
	for i := 0; i < len(ls); i++ {
		p.line(ls, i)
	}
	p.flush()
	sort.SliceStable(p.out.Cuts, func(i, j int) bool { return p.out.Cuts[i].Line < p.out.Cuts[j].Line })
	return p.out
}

func nonBlankLines(text string) []line {
	var out []line
	for i, l := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, line{i + 1, t})
		}
	}
	return out
}

// splitter is SplitText's state: the story being read and whether it is
// inside a list of related links.
type splitter struct {
	opt   TextOptions
	out   Split
	cur   *Story
	paras []line
	links bool // inside a list of related headlines
}

func (p *splitter) cut(l line, why Reason) {
	p.out.Cuts = append(p.out.Cuts, Cut{Line: l.n, Reason: why, Text: l.text})
}

// story returns the story being read, starting the first one.
func (p *splitter) story(l line) *Story {
	if p.cur == nil {
		p.cur = &Story{Line: l.n}
	}
	return p.cur
}

// line classifies ls[i].
func (p *splitter) line(ls []line, i int) {
	l := ls[i]
	s := l.text
	if p.links {
		if linkLike(s) {
			p.cut(l, CutRelated)
			return
		}
		p.links = false
	}
	if marker, inline := readAlso(s); marker {
		p.readAlso(ls, i)
		return
	} else if inline {
		p.cut(l, CutRelated)
		return
	}
	switch {
	case related(s):
		p.cut(l, CutRelated)
		p.links = true
	case source(s) != "":
		p.story(l).Credit = source(s)
		p.cut(l, CutSource)
	case byline(s) != "" && len(p.paras) == 0:
		p.story(l).Byline = byline(s)
		p.cut(l, CutByline)
	case dateline(s):
		p.cut(l, CutDateline)
	case caption(s):
		p.cut(l, CutCaption)
	case share(s):
		p.cut(l, CutShare)
	case bullet(s) && headlineLike(s):
		p.cut(l, CutBullet)
	case headlineLike(s) && len(p.paras) == 0 && p.story(l).Title == "":
		p.cur.Title = s
		p.cut(l, CutHeadline)
	case headlineLike(s):
		p.cut(l, CutGlued)
	default:
		p.story(l)
		p.paras = append(p.paras, l)
	}
}

// readAlso handles a "read also" marker at ls[i]: a headline followed by
// a paragraph is a second story; anything else is a list of links.
func (p *splitter) readAlso(ls []line, i int) {
	p.cut(ls[i], CutReadAlso)
	if i+2 < len(ls) && headlineLike(ls[i+1].text) && !bullet(ls[i+1].text) && bodyLike(ls[i+2].text) {
		p.flush()
		p.cur = &Story{Line: ls[i+1].n, ReadAlso: true}
		return
	}
	p.links = true
}

// flush ends the story being read.
func (p *splitter) flush() {
	st := p.cur
	p.cur = nil
	paras := p.paras
	p.paras = nil
	if st == nil {
		return
	}
	if len(paras) == 0 {
		if st.Title != "" {
			p.relabel(st.Line, CutEmptyBody)
		}
		return
	}
	if st.ReadAlso && p.opt.DropReadAlso {
		p.dropped(st, paras)
		return
	}
	texts := make([]string, len(paras))
	for i, l := range paras {
		texts[i] = l.text
	}
	st.Text = strings.Join(texts, "\n\n")
	p.out.Stories = append(p.out.Stories, *st)
}

// relabel changes why the line numbered n was cut.
func (p *splitter) relabel(n int, why Reason) {
	for i := range p.out.Cuts {
		if p.out.Cuts[i].Line == n {
			p.out.Cuts[i].Reason = why
		}
	}
}

// dropped reports a read-also story left out, line by line: its title's
// cut is relabelled and its paragraphs are cut.
func (p *splitter) dropped(st *Story, paras []line) {
	p.out.Dropped++
	p.relabel(st.Line, CutDropped)
	for _, l := range paras {
		p.cut(l, CutDropped)
	}
}
