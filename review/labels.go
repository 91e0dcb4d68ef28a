package review

// labelSet numbers the token labels an agreement meets, so that counting
// works on small integers instead of strings: a label is interned once
// per document and entity type, not once per token.
type labelSet struct {
	ids   map[string]int32
	names []string
	types map[string][2]int32 // entity type → ids of B-type and I-type
}

// outside is the id of Outside in every labelSet that made one with
// newLabelSet.
const outside int32 = 0

// missing stands for "this annotator has no label here".
const missing int32 = -1

func newLabelSet() *labelSet {
	s := &labelSet{ids: map[string]int32{}, types: map[string][2]int32{}}
	s.id(Outside)
	return s
}

// id returns the label's number, giving it the next one when it is new.
func (s *labelSet) id(label string) int32 {
	if id, ok := s.ids[label]; ok {
		return id
	}
	id := int32(len(s.names))
	s.ids[label] = id
	s.names = append(s.names, label)
	return id
}

// typeIDs returns the numbers of B-typ and I-typ.
func (s *labelSet) typeIDs(typ string) (b, i int32) {
	if ids, ok := s.types[typ]; ok {
		return ids[0], ids[1]
	}
	b, i = s.id("B-"+typ), s.id("I-"+typ)
	s.types[typ] = [2]int32{b, i}
	return b, i
}

// len is the number of labels seen.
func (s *labelSet) len() int { return len(s.names) }

// grow extends counts to hold n labels.
func grow(counts []float64, n int) []float64 {
	if len(counts) >= n {
		return counts
	}
	return append(counts, make([]float64, n-len(counts))...)
}
