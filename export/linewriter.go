package export

import "io"

// lineWriter collects output in one reusable buffer that the writers
// append lines to, and hands it to w in chunks of about chunkSize. A
// bufio.Writer in between would copy every byte a second time. The first
// write error is kept (later writes are skipped) and returned by flush.
type lineWriter struct {
	w   io.Writer
	buf []byte
	err error
}

// chunkSize is how much output goes to w in one Write: large enough that
// the system calls of a file export cost nothing next to the formatting.
const chunkSize = 256 << 10

func newLineWriter(w io.Writer) *lineWriter {
	return &lineWriter{w: w, buf: make([]byte, 0, 2*chunkSize)}
}

// endLine ends the line appended to buf and writes buf out once it holds
// a chunk.
func (lw *lineWriter) endLine() {
	lw.buf = append(lw.buf, '\n')
	if len(lw.buf) >= chunkSize {
		lw.write()
	}
}

func (lw *lineWriter) write() {
	if lw.err == nil {
		_, lw.err = lw.w.Write(lw.buf)
	}
	lw.buf = lw.buf[:0]
}

// flush writes what is left and returns the first write error.
func (lw *lineWriter) flush() error {
	if len(lw.buf) > 0 {
		lw.write()
	}
	return lw.err
}
