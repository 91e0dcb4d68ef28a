package export

import (
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// labels holds the tag strings of each type, built once so the writers
// never concatenate in their loops.
type labels struct {
	scheme string
	order  []string
	tags   map[string]*[4]string // B, I, E, S
}

func newLabels(scheme string, schema *corpus.Schema) *labels {
	l := &labels{scheme: scheme, tags: map[string]*[4]string{}}
	if schema != nil {
		for _, t := range schema.Entities {
			l.get(t.Name)
		}
	}
	return l
}

// labelList is what labels.txt holds: O first, then the tags of every
// schema type in schema order, then those of the other types seen in the
// export, sorted.
func labelList(scheme string, schema *corpus.Schema, seen map[string]bool) []string {
	l := newLabels(scheme, schema)
	var extra []string
	for t := range seen {
		if l.tags[t] == nil {
			extra = append(extra, t)
		}
	}
	sort.Strings(extra)
	for _, t := range extra {
		l.get(t)
	}
	return l.list()
}

// typeSet collects the entity types an export writes, for labels.txt.
type typeSet map[string]bool

func (s typeSet) add(d *Doc) {
	for _, e := range d.Layer.Entities {
		s[e.Type] = true
	}
}

func (l *labels) get(typ string) *[4]string {
	if t := l.tags[typ]; t != nil {
		return t
	}
	t := &[4]string{"B-" + typ, "I-" + typ, "E-" + typ, "S-" + typ}
	l.tags[typ] = t
	l.order = append(l.order, typ)
	return t
}

// list returns every tag of the scheme, O first, as labels.txt holds them.
func (l *labels) list() []string {
	out := []string{"O"}
	for _, typ := range l.order {
		t := l.tags[typ]
		switch l.scheme {
		case "bioes":
			out = append(out, t[0], t[1], t[2], t[3])
		default:
			out = append(out, t[0], t[1])
		}
	}
	return out
}

// tag writes the tags of one level's spans (in text order, not
// overlapping) into tags, which the caller has filled with "O".
// sentStart marks the tokens that open a sentence, where IOB1 starts
// afresh.
func (l *labels) tag(tags []string, level []tokSpan, sentStart []bool) {
	for i, s := range level {
		t := l.get(s.typ)
		switch l.scheme {
		case "bioes":
			if s.b-s.a == 1 {
				tags[s.a] = t[3]
				continue
			}
			tags[s.a] = t[0]
			for k := s.a + 1; k < s.b-1; k++ {
				tags[k] = t[1]
			}
			tags[s.b-1] = t[2]
		case "iob1":
			// IOB1 uses B- only to separate two entities of one type that
			// touch inside a sentence; everything else is I-.
			first := t[1]
			if i > 0 && level[i-1].b == s.a && level[i-1].typ == s.typ && !sentStart[s.a] {
				first = t[0]
			}
			tags[s.a] = first
			for k := s.a + 1; k < s.b; k++ {
				tags[k] = t[1]
			}
		default:
			tags[s.a] = t[0]
			for k := s.a + 1; k < s.b; k++ {
				tags[k] = t[1]
			}
		}
	}
}
