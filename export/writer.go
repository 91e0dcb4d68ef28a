package export

import (
	"fmt"
	"io"
)

// A DocWriter writes one format one document at a time, so that an export
// holds a single document in memory whatever the size of the corpus.
// Close finishes the output (flushes it, and writes what follows the last
// document, such as brat's annotation.conf) and says what was written.
// After an error from WriteDoc the output is incomplete and only Close
// may be called.
type DocWriter interface {
	WriteDoc(d *Doc) error
	Close() (Summary, error)
}

// A Planner is a DocWriter that must see every document once before it
// writes the first, through Plan: with nested columns the deepest nesting
// in the output decides how many tag columns every line has.
type Planner interface {
	DocWriter
	Plan(d *Doc)
}

// Output is where a DocWriter writes: W for a file format, Dir (an
// existing folder) for a folder format.
type Output struct {
	W   io.Writer
	Dir string
}

// writeAll streams docs through w: a planning pass first when w needs
// one, then every document, then Close.
func writeAll(w DocWriter, docs []Doc) (Summary, error) {
	if p, ok := w.(Planner); ok {
		for i := range docs {
			p.Plan(&docs[i])
		}
	}
	for i := range docs {
		if err := w.WriteDoc(&docs[i]); err != nil {
			sum, _ := w.Close()
			return sum, err
		}
	}
	return w.Close()
}

// Write writes docs in a registered format to out (a stream, or a folder
// for a folder format) through the format's DocWriter. It holds every
// document in memory; Run streams from the store instead.
func Write(format string, out Output, docs []Doc, opt Options) (Summary, error) {
	f, err := formats.writer(format)
	if err != nil {
		return Summary{Format: format}, err
	}
	if err := opt.check(); err != nil {
		return Summary{Format: format}, err
	}
	if f.Folder && out.Dir == "" {
		return Summary{Format: format}, fmt.Errorf("format %s writes a folder, not a stream", format)
	}
	if !f.Folder && out.W == nil {
		return Summary{Format: format}, fmt.Errorf("format %s writes a stream, not a folder", format)
	}
	return writeAll(f.NewWriter(out, opt), docs)
}
