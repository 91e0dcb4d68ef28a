package ui

import (
	"hash/fnv"
	"image/color"

	"github.com/tawsim/tawsim/ui/session"
	"github.com/tawsim/tawsim/ui/textview"
)

// annotatorSource is what the annotator colours read from the session.
type annotatorSource interface {
	publisher
	Annotators() []string
}

// annotatorColours gives each annotator of the corpus one colour of
// textview.AnnotatorColor, the same in the text, the strips, the side
// list and every document: the slot a hash of the name picks, or the
// next free one when an annotator earlier by name took it. A colour
// changes only when a new annotator comes in and claims its slot first
// by name, and no two annotators share one while there are no more than
// eight.
type annotatorColours struct {
	src  annotatorSource
	slot map[string]int
}

const annotatorSlots = 8

func newAnnotatorColours(src annotatorSource) *annotatorColours {
	c := &annotatorColours{src: src}
	c.assign()
	src.Subscribe(func(ev session.Event) {
		if _, ok := ev.(session.DocumentsChanged); ok {
			c.assign()
		}
	})
	return c
}

// assign gives the corpus's annotators their slots (they come sorted).
func (c *annotatorColours) assign() {
	c.slot = map[string]int{}
	taken := make([]bool, annotatorSlots)
	for n, name := range c.src.Annotators() {
		s := hashSlot(name)
		if n < annotatorSlots {
			for taken[s] {
				s = (s + 1) % annotatorSlots
			}
		}
		taken[s] = true
		c.slot[name] = s
	}
}

func hashSlot(name string) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % annotatorSlots)
}

// colour is an annotator's colour; one the corpus did not list (a bundle
// just imported, before the list is read again) gets its hash's.
func (c *annotatorColours) colour(name string) color.Color {
	s, ok := c.slot[name]
	if !ok {
		s = hashSlot(name)
	}
	return textview.AnnotatorColor(s)
}
