package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tawsim/tawsim/textlayout"
)

// cmdLayout implements "tawsimctl layout": it lays out each line of a file
// as a paragraph with the embedded fonts and prints the visual lines, so
// the bidi order and the widths the editor uses can be checked from a shell.
func cmdLayout(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("layout", flag.ContinueOnError)
	fs.SetOutput(stderr)
	width := fs.Float64("width", 0, "wrap width in `px` (0 = one visual line per paragraph)")
	size := fs.Float64("size", textlayout.DefaultSize, "font size in `px`")
	dir := fs.String("dir", "auto", "paragraph direction: auto (first strong character), rtl or ltr")
	asJSON := fs.Bool("json", false, "print one JSON object per paragraph per line")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `usage: tawsimctl layout [--width PX] [--size PX] [--dir auto|rtl|ltr] [--json] FILE

Lays out each line of FILE ("-" = stdin) as a paragraph with Tawsim's
embedded fonts and prints its visual lines: per line, the runs in screen
order (left to right) with their code point ranges within the paragraph,
direction, x and width in pixels, and text.

With --json, each paragraph is printed as
  {"direction":"rtl","lines":[{"runs":[{"start":0,"end":5,"rtl":true,"x":0,"width":31.2}]}]}

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("layout: want exactly one FILE argument, got %d", fs.NArg())
	}
	d, err := textlayout.ParseDirection(*dir)
	if err != nil {
		return err
	}
	if *size <= 0 {
		return fmt.Errorf("layout: --size must be positive, got %v", *size)
	}
	if *width < 0 {
		return fmt.Errorf("layout: --width must not be negative, got %v", *width)
	}
	name := fs.Arg(0)
	var data []byte
	if name == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("layout: read %s: %w", name, err)
	}
	text := strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	l, err := textlayout.New(text, textlayout.Options{Direction: d, Width: float32(*width), Size: float32(*size)})
	if err != nil {
		return fmt.Errorf("layout: %s: %w", name, err)
	}
	w := bufio.NewWriter(stdout)
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, p := range l.JSON() {
			if err := enc.Encode(p); err != nil {
				return fmt.Errorf("layout: write: %w", err)
			}
		}
		return w.Flush()
	}
	runes := []rune(text)
	for pi, p := range l.Paras {
		dirName := "ltr"
		if p.RTL {
			dirName = "rtl"
		}
		fmt.Fprintf(w, "paragraph %d (%s)\n", pi+1, dirName)
		for li := p.FirstLine; li < p.FirstLine+p.NumLines; li++ {
			ln := l.Lines[li]
			fmt.Fprintf(w, "  line %d  width %.1f\n", li-p.FirstLine+1, ln.Width)
			for _, r := range ln.Runs {
				rd := "ltr"
				if r.RTL {
					rd = "rtl"
				}
				fmt.Fprintf(w, "    [%d,%d) %s x=%.1f w=%.1f %q\n", r.Start-p.Start, r.End-p.Start, rd, r.X, r.Width, string(runes[r.Start:r.End]))
			}
		}
	}
	return w.Flush()
}
