package export

import (
	"fmt"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Tags of the token formats: O, or a prefix (B, I, E, S) and a type.

// checkTag accepts O and PREFIX-TYPE with PREFIX one of B, I, E, S.
func checkTag(tag string) error {
	if tag == "O" {
		return nil
	}
	if len(tag) < 3 || tag[1] != '-' || !strings.ContainsRune("BIES", rune(tag[0])) {
		return fmt.Errorf("tag %q is not O, B-TYPE, I-TYPE, E-TYPE or S-TYPE", tag)
	}
	return nil
}

// isTag reports whether s is a tag.
func isTag(s string) bool { return checkTag(s) == nil }

// openEnt is an entity still open after a token: its index among the
// decoded entities, the tag column it was on, and its type.
type openEnt struct {
	ent, col int
	typ      string
}

// tagDecoder turns the tag columns of a sentence's tokens into entities.
// A token carries one tag per entity it is in (nested files: one column
// a nesting level, outermost first). An I- or E- tag continues the open
// entity of its type on its own column; failing that, the k-th such tag
// of a type on the token continues the k-th open entity of that type, so
// that same-type nesting (I-ORG I-ORG B-GPE) keeps each entity apart.
// With none to continue it starts an entity (IOB1 does so by design;
// elsewhere it is counted as an orphan). B- and S- always start one; E-
// and S- end theirs.
type tagDecoder struct {
	scheme  string
	ents    []corpus.Entity
	lines   []int // the line each entity starts on
	open    []openEnt
	next    []openEnt
	claimed []bool
	cont    []int
	sum     *Summary
}

// endSentence closes every open entity: tags never continue across a
// sentence break.
func (d *tagDecoder) endSentence() { d.open = d.open[:0] }

// token reads the tags of one token spanning code points [start, end).
func (d *tagDecoder) token(tags []string, line, start, end int) {
	d.claimed = resize(d.claimed, len(d.open))
	d.cont = resize(d.cont, len(tags))
	for c := range d.cont {
		d.cont[c] = -1
	}
	d.claim(tags, true)
	d.claim(tags, false)
	d.next = d.next[:0]
	for c, tag := range tags {
		if tag == "O" {
			continue
		}
		pre, typ := tag[0], tag[2:]
		var idx int
		if j := d.cont[c]; j >= 0 {
			idx = d.open[j].ent
			d.ents[idx].End = end
		} else {
			if pre == 'I' && d.scheme != "iob1" || pre == 'E' {
				d.sum.OrphanInside++
			}
			idx = len(d.ents)
			d.ents = append(d.ents, corpus.Entity{Start: start, End: end, Type: typ})
			d.lines = append(d.lines, line)
		}
		if pre != 'E' && pre != 'S' {
			d.next = append(d.next, openEnt{ent: idx, col: c, typ: typ})
		}
	}
	d.open, d.next = d.next, d.open
}

// claim matches the I- and E- tags not yet matched to open entities of
// their type: on the same column when sameCol, else the first free one
// in column order.
func (d *tagDecoder) claim(tags []string, sameCol bool) {
	for c, tag := range tags {
		if d.cont[c] >= 0 || tag == "O" || tag[0] != 'I' && tag[0] != 'E' {
			continue
		}
		typ := tag[2:]
		for j, o := range d.open {
			if !d.claimed[j] && o.typ == typ && (!sameCol || o.col == c) {
				d.cont[c], d.claimed[j] = j, true
				break
			}
		}
	}
}

// resize returns s with length n and zero values, reusing its storage.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// detectScheme tells BIOES by its E-/S- tags and IOB1 by entities that
// start with I- while every B- directly follows a tag of its own type on
// the same column.
func detectScheme(docs []tokenDoc) string {
	iStarts, bOther := 0, 0
	var prev []string
	for _, d := range docs {
		for _, s := range d.sents {
			prev = prev[:0]
			for _, l := range s {
				for c, tag := range l.tags {
					p := "O"
					if c < len(prev) {
						p = prev[c]
					}
					switch tag[0] {
					case 'E', 'S':
						return "bioes"
					case 'I':
						if p == "O" || p[2:] != tag[2:] {
							iStarts++
						}
					case 'B':
						if p == "O" || p[2:] != tag[2:] {
							bOther++
						}
					}
				}
				prev = append(prev[:0], l.tags...)
			}
		}
	}
	if iStarts > 0 && bOther == 0 {
		return "iob1"
	}
	return "iob2"
}
