package cli

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"
)

// table lays rows out in columns as text/tabwriter does with padding 2
// (each column as wide as its widest cell in code points, plus two
// spaces; the last column unpadded), for outputs of many thousands of
// lines: tabwriter keeps every cell of such an output in one growing
// buffer and took most of `list`'s time.
type table struct {
	rows   [][]string
	widths []int
}

func (t *table) add(cells ...string) {
	for i, c := range cells[:len(cells)-1] {
		if i == len(t.widths) {
			t.widths = append(t.widths, 0)
		}
		t.widths[i] = max(t.widths[i], utf8.RuneCountInString(c))
	}
	t.rows = append(t.rows, cells)
}

func (t *table) write(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	pad := strings.Repeat(" ", 2+max(0, slicesMax(t.widths)))
	for _, row := range t.rows {
		for i, c := range row {
			bw.WriteString(c)
			if i < len(row)-1 {
				bw.WriteString(pad[:t.widths[i]-utf8.RuneCountInString(c)+2])
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func slicesMax(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
