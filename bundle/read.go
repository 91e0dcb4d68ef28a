package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tawsim/tawsim/corpus"
)

// maxLine bounds one line of a bundle: a document with its layer.
const maxLine = 64 << 20

// ReadFile reads a bundle file.
func ReadFile(path string) (*Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", path, err)
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads a bundle (gzip-compressed or plain JSON lines) named name.
// Every error names the bundle and the line.
func Read(r io.Reader, name string) (*Bundle, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("bundle %s: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	src := &errReader{r: br}
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	b := &Bundle{Name: name}
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		if src.err != nil && src.err != io.EOF {
			// The last, cut line of a damaged stream: say what happened to it.
			break
		}
		if line == 1 {
			if err := json.Unmarshal(raw, &b.Header); err != nil || b.Header.Bundle == 0 {
				return nil, fmt.Errorf("bundle %s line 1: not a Tawsim bundle (no tawsim_bundle header)", name)
			}
			if b.Header.Bundle > Version {
				return nil, fmt.Errorf("bundle %s: format %d is newer than this Tawsim reads (%d): update Tawsim", name, b.Header.Bundle, Version)
			}
			continue
		}
		var e Entry
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("bundle %s line %d: %w", name, line, err)
		}
		if err := checkEntry(e, b.Header.Annotator); err != nil {
			return nil, fmt.Errorf("bundle %s line %d: %w", name, line, err)
		}
		b.Entries = append(b.Entries, e)
	}
	if err := firstErr(sc.Err(), src.err); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("bundle %s line %d: longer than %d MiB", name, line+1, maxLine>>20)
		}
		return nil, fmt.Errorf("bundle %s line %d: %w (is the file complete?)", name, line+1, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("bundle %s: empty file", name)
	}
	if len(b.Entries) != b.Header.Documents {
		return nil, fmt.Errorf("bundle %s: %d documents, but its header announces %d (is the file complete?)", name, len(b.Entries), b.Header.Documents)
	}
	return b, nil
}

// checkEntry refuses an entry that cannot be right whatever the local
// database holds: a text whose hash is not the one it carries, or a layer
// of another annotator than the bundle's.
func checkEntry(e Entry, annotator string) error {
	if e.Doc.ID == "" {
		return errors.New("a document without an id")
	}
	if got := corpus.TextHash(e.Doc.Text); got != e.Doc.SHA256 {
		return fmt.Errorf("document %s: its text does not match its SHA-256 (the bundle is damaged)", e.Doc.ID)
	}
	if e.Layer.Annotator != annotator {
		return fmt.Errorf("document %s: a layer of %q in a bundle of %q", e.Doc.ID, e.Layer.Annotator, annotator)
	}
	return nil
}

// errReader remembers the error its reader gave, which bufio.Scanner
// hides behind the cut last line of a truncated file.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// firstErr returns the first error that says something went wrong.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil && err != io.EOF {
			return err
		}
	}
	return nil
}
