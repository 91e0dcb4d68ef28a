package export

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
)

// scanLines calls fn for every line of a file with its number (from 1),
// without its line end (LF or CRLF) and, on the first line, without a
// byte-order mark. An error from fn, and a line longer than
// MaxLineBytes, come back as "import PATH line N: …".
func scanLines(path string, fn func(n int, line string) error) error {
	return scanLineBytes(path, func(n int, line []byte) error {
		return fn(n, strings.TrimSuffix(string(line), "\r"))
	})
}

// eachLine calls fn for every line of a JSONL file that is not blank, as
// scanLines does but with the line's bytes (valid until fn returns).
func eachLine(path string, fn func(n int, line []byte) error) error {
	return scanLineBytes(path, func(n int, line []byte) error {
		if len(bytes.TrimSpace(line)) == 0 {
			return nil
		}
		return fn(n, line)
	})
}

// scanLineBytes is scanLines without the line end's removal and without
// copying the line: it is valid until fn returns.
func scanLineBytes(path string, fn func(n int, line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), MaxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if err := fn(n, line); err != nil {
			return fmt.Errorf("import %s line %d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("import %s line %d: %w", path, n+1, scanError(err))
	}
	return nil
}

// scanError says in words what a bufio.Scanner's error means.
func scanError(err error) error {
	if errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("the line is longer than %d MiB, the longest line Tawsim reads (a file with no line breaks, or not a text file?)", MaxLineBytes>>20)
	}
	return err
}
