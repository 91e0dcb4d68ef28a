package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tawsim/tawsim/textlayout"
)

// layoutOptions are the layout command's flags.
type layoutOptions struct {
	width, size float64
	dir         string
	asJSON      bool
}

// layoutCmd is "tawsimctl layout": it lays out each line of a file as a
// paragraph with the embedded fonts and prints the visual lines, so the
// bidi order and the widths the editor uses can be checked from a shell.
func (a *app) layoutCmd() *cobra.Command {
	var opt layoutOptions
	cmd := &cobra.Command{
		Use:   "layout [--width PX] [--size PX] [--dir auto|rtl|ltr] [--json] FILE",
		Short: "Lay out right-to-left text as the app draws it",
		Long: `Lays out each line of FILE ("-" = stdin) as a paragraph with Tawsim's
embedded fonts and prints its visual lines: per line, the runs in screen
order (left to right) with their code point ranges within the paragraph,
direction, x and width in pixels, and text.

With --json, each paragraph is printed as
  {"direction":"rtl","lines":[{"runs":[{"start":0,"end":5,"rtl":true,"x":0,"width":31.2}]}]}`,
		DisableFlagsInUseLine: true,
		Args:                  args(1, 1, "layout wants exactly one FILE argument"),
		RunE:                  func(_ *cobra.Command, pos []string) error { return a.layout(pos[0], opt) },
	}
	fl := cmd.Flags()
	fl.Float64Var(&opt.width, "width", 0, "wrap width in `px` (0 = one visual line per paragraph)")
	fl.Float64Var(&opt.size, "size", textlayout.DefaultSize, "font size in `px`")
	fl.StringVar(&opt.dir, "dir", "auto", "paragraph direction: auto (first strong character), rtl or ltr")
	fl.BoolVar(&opt.asJSON, "json", false, "print one JSON object per paragraph per line")
	cmd.RegisterFlagCompletionFunc("dir", completeChoices("auto", "rtl", "ltr"))
	return cmd
}

func (a *app) layout(name string, opt layoutOptions) error {
	d, err := textlayout.ParseDirection(opt.dir)
	if err != nil {
		return usagef("layout: %v", err)
	}
	if opt.size <= 0 {
		return usagef("layout: --size must be positive, got %v", opt.size)
	}
	if opt.width < 0 {
		return usagef("layout: --width must not be negative, got %v", opt.width)
	}
	var data []byte
	if name == "-" {
		data, err = io.ReadAll(a.Stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("layout: read %s: %w", name, err)
	}
	text := strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	l, err := textlayout.New(text, textlayout.Options{Direction: d, Width: float32(opt.width), Size: float32(opt.size)})
	if err != nil {
		return fmt.Errorf("layout: %s: %w", name, err)
	}
	w := bufio.NewWriter(a.Stdout)
	if opt.asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, p := range l.JSON() {
			if err := enc.Encode(p); err != nil {
				return fmt.Errorf("layout: write: %w", err)
			}
		}
		return w.Flush()
	}
	printRuns(w, l, []rune(text))
	return w.Flush()
}

// printRuns prints each paragraph's visual lines and their runs.
func printRuns(w io.Writer, l *textlayout.Layout, runes []rune) {
	for pi, p := range l.Paras {
		fmt.Fprintf(w, "paragraph %d (%s)\n", pi+1, direction(p.RTL))
		for li := p.FirstLine; li < p.FirstLine+p.NumLines; li++ {
			ln := l.Lines[li]
			fmt.Fprintf(w, "  line %d  width %.1f\n", li-p.FirstLine+1, ln.Width)
			for _, r := range ln.Runs {
				fmt.Fprintf(w, "    [%d,%d) %s x=%.1f w=%.1f %q\n", r.Start-p.Start, r.End-p.Start, direction(r.RTL), r.X, r.Width, string(runes[r.Start:r.End]))
			}
		}
	}
}

func direction(rtl bool) string {
	if rtl {
		return "rtl"
	}
	return "ltr"
}
