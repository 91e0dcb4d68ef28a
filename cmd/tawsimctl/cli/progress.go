package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// progressBar draws "[####....]  40% 4/10 documents" on a terminal. On
// anything else (a pipe, a log, a test's buffer) it draws nothing, so
// those get only the report.
type progressBar struct {
	f    *os.File // nil: not a terminal
	unit string
	last int
}

func newProgressBar(w io.Writer, unit string) *progressBar {
	b := &progressBar{unit: unit, last: -1}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			b.f = f
		}
	}
	return b
}

// update is the pipeline's progress callback.
func (b *progressBar) update(done, total int) {
	if b.f == nil || total == 0 {
		return
	}
	pct := done * 100 / total
	if pct == b.last {
		return
	}
	b.last = pct
	const width = 30
	n := pct * width / 100
	if b.unit == "bytes" {
		fmt.Fprintf(b.f, "\r[%s%s] %3d%% %.1f/%.1f MiB", strings.Repeat("#", n), strings.Repeat(".", width-n), pct, float64(done)/(1<<20), float64(total)/(1<<20))
		return
	}
	fmt.Fprintf(b.f, "\r[%s%s] %3d%% %d/%d %s", strings.Repeat("#", n), strings.Repeat(".", width-n), pct, done, total, b.unit)
}

// clear erases the bar, if one was drawn.
func (b *progressBar) clear() {
	if b.f != nil && b.last >= 0 {
		fmt.Fprint(b.f, "\r\033[K")
	}
}
