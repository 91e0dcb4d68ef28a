package review

import (
	"math"
	"strconv"
)

// Value is an agreement figure. A figure that is undefined for the data
// (κ with no items, F1 with no annotations on either side) is NaN, printed
// as "–" and written to JSON as null.
type Value float64

// Undefined is the value of a figure the data cannot define.
var Undefined = Value(math.NaN())

// Defined reports whether v is a number.
func (v Value) Defined() bool { return !math.IsNaN(float64(v)) }

// MarshalJSON writes the figure rounded to six decimals, or null.
func (v Value) MarshalJSON() ([]byte, error) {
	if !v.Defined() {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, math.Round(float64(v)*1e6)/1e6, 'f', -1, 64), nil
}

// String prints three decimals, or "–".
func (v Value) String() string {
	if !v.Defined() {
		return "–"
	}
	return strconv.FormatFloat(float64(v), 'f', 3, 64)
}

// ratio is a/b, undefined when b is zero.
func ratio(a, b float64) Value {
	if b == 0 {
		return Undefined
	}
	return Value(a / b)
}

// PRF is precision, recall and F1 of one side against the other, with the
// counts they come from. A is the reference: recall is the share of A's
// annotations that B matched, precision the share of B's that A matched.
type PRF struct {
	Precision Value `json:"precision"`
	Recall    Value `json:"recall"`
	F1        Value `json:"f1"`
	A         int   `json:"a"`       // annotations of the reference
	B         int   `json:"b"`       // annotations of the other side
	Matched   int   `json:"matched"` // pairs matched
}

// Counts accumulates a matching's counts.
type Counts struct{ A, B, Matched int }

func (c *Counts) add(o Counts) { c.A += o.A; c.B += o.B; c.Matched += o.Matched }

// PRF turns the counts into figures. F1 is 2·matched/(A+B), which equals
// the harmonic mean of precision and recall and stays defined when one
// side is empty; it is undefined only when both are.
func (c Counts) PRF() PRF {
	return PRF{Precision: ratio(float64(c.Matched), float64(c.B)), Recall: ratio(float64(c.Matched), float64(c.A)),
		F1: ratio(2*float64(c.Matched), float64(c.A+c.B)), A: c.A, B: c.B, Matched: c.Matched}
}
