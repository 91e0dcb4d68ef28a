package review

import (
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// TestSameMatchOrder pins which entities matchSame pairs when a key or a
// span has several candidates: the first free ones in list order, equal
// types before others in position mode. Per-type counts depend on it.
func TestSameMatchOrder(t *testing.T) {
	tests := []struct {
		name  string
		a, b  []corpus.Entity
		typed bool
		want  [][2]int
	}{
		{"exact, out of order", []corpus.Entity{ent("T1", 10, 15, "GPE"), ent("T2", 0, 5, "PERS")},
			[]corpus.Entity{ent("T1", 0, 5, "PERS"), ent("T2", 10, 15, "GPE")}, true, [][2]int{{1, 0}, {0, 1}}},
		{"exact, type differs", []corpus.Entity{ent("T1", 0, 5, "PERS")}, []corpus.Entity{ent("T1", 0, 5, "ORG")}, true, nil},
		{"position, first of the span in list order", []corpus.Entity{ent("T1", 0, 5, "ORG")},
			[]corpus.Entity{ent("T1", 0, 5, "LOC"), ent("T2", 0, 5, "GPE")}, false, [][2]int{{0, 0}}},
		{"position, equal type first", []corpus.Entity{ent("T1", 0, 5, "ORG"), ent("T2", 0, 5, "PERS")},
			[]corpus.Entity{ent("T1", 0, 5, "LOC"), ent("T2", 0, 5, "PERS")}, false, [][2]int{{1, 1}, {0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matchSame(tt.a, tt.b, tt.typed)
			if len(got) != len(tt.want) {
				t.Fatalf("pairs %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("pairs %v, want %v", got, tt.want)
				}
			}
		})
	}
}
