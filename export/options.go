package export

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Options tune the writers. The zero value gives the defaults: IOB2, one
// space between columns, outermost entity only, whole tokens.
type Options struct {
	Scheme   string // iob2 (default), bioes, iob1
	Tab      bool   // separate CoNLL columns with a tab instead of a space
	DocStart bool   // write -DOCSTART- O lines between documents (conll)
	Nested   string // outer (default) or columns
	Tokens   string // words (default) or split
	// Schema orders labels.txt and generates brat's annotation.conf; nil
	// means the types found in the documents, sorted.
	Schema *corpus.Schema
	// Progress, when set, is called after each document.
	Progress func(done, total int)
	// Cancelled, when set, is polled as Export writes; once it returns
	// true Export stops with ErrCancelled and leaves no file behind.
	Cancelled func() bool
}

// ErrCancelled is returned (wrapped) by Export when Options.Cancelled
// asked it to stop.
var ErrCancelled = errors.New("export cancelled")

func (o *Options) cancelled() bool { return o.Cancelled != nil && o.Cancelled() }

// cancelWriter fails the write in progress once the export is cancelled,
// which unwinds any writer promptly through its ordinary error path.
type cancelWriter struct {
	w   io.Writer
	opt *Options
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if c.opt.cancelled() {
		return 0, ErrCancelled
	}
	return c.w.Write(p)
}

func (o *Options) check() error {
	switch o.Scheme {
	case "", "iob2", "bioes", "iob1":
	default:
		return fmt.Errorf("scheme %q: want iob2, bioes or iob1", o.Scheme)
	}
	switch o.Nested {
	case "", "outer", "columns":
	default:
		return fmt.Errorf("nested %q: want outer or columns", o.Nested)
	}
	switch o.Tokens {
	case "", "words", "split":
	default:
		return fmt.Errorf("tokens %q: want words or split", o.Tokens)
	}
	return nil
}

func (o *Options) scheme() string {
	if o.Scheme == "" {
		return "iob2"
	}
	return o.Scheme
}

func (o *Options) progress(done, total int) {
	if o.Progress != nil {
		o.Progress(done, total)
	}
}

// Summary is what a writer or reader did, printed at the end of a run so
// that every lossy step is visible.
type Summary struct {
	Format    string
	Files     []string
	Documents int
	Sentences int
	Tokens    int
	Entities  int // entities written
	Events    int
	Arguments int
	// Lossy or adjusting steps of the writers.
	NestedDropped   int // nested or overlapping entities left out (nested outer)
	Levels          int // tag columns written (nested columns)
	SubTokenWidened int // entities widened to whole tokens (tokens words)
	TokensSplit     int // tokens cut at entity boundaries (tokens split)
	CrossSentence   int // entities cut at a sentence boundary
	Unmapped        int // entities covering no token (only separators)
	TriggersHeaded  int // multi-token triggers reduced to their last token
	// Quirks the readers met and repaired.
	OneColumn    int // CoNLL lines with a token only, read as O
	OrphanInside int // I- (or E-) with no B- before it, read as a start
	Skipped      int // lines or annotations not carried (comments, relations, notes)
	Remapped     int // documents whose offsets were moved for BOM/CRLF removal
	Scheme       string
}

// String renders the summary in a few lines, leaving out zero counts.
func (s Summary) String() string {
	var b strings.Builder
	b.WriteString(s.Format)
	if s.Scheme != "" {
		b.WriteString(" (" + s.Scheme + ")")
	}
	b.WriteString(":")
	add := func(n int, what string) {
		if n != 0 {
			b.WriteString(" " + strconv.Itoa(n) + " " + what + ",")
		}
	}
	add(s.Documents, "documents")
	add(s.Sentences, "sentences")
	add(s.Tokens, "tokens")
	add(s.Entities, "entities")
	add(s.Events, "events")
	add(s.Arguments, "arguments")
	out := strings.TrimSuffix(b.String(), ",")
	var notes []string
	note := func(n int, what string) {
		if n != 0 {
			notes = append(notes, strconv.Itoa(n)+" "+what)
		}
	}
	note(s.NestedDropped, "nested or overlapping entities left out (--nested columns keeps them)")
	if s.Levels > 1 {
		note(s.Levels, "tag columns for nesting levels")
	}
	note(s.SubTokenWidened, "entities inside a token widened to the whole token (--tokens split keeps them exact)")
	note(s.TokensSplit, "tokens split at entity boundaries")
	note(s.CrossSentence, "entities cut at a sentence boundary")
	note(s.Unmapped, "entities covering no token left out")
	note(s.TriggersHeaded, "multi-token triggers reduced to their last token")
	note(s.OneColumn, "lines with a token only read as O")
	note(s.OrphanInside, "I-/E- tags with no B- before read as entity starts")
	note(s.Skipped, "lines or annotations skipped")
	note(s.Remapped, "documents with offsets moved for BOM/CRLF removal")
	for _, n := range notes {
		out += "\n  " + n
	}
	for _, f := range s.Files {
		out += "\n  wrote " + f
	}
	return out
}

func (s *Summary) add(o Summary) {
	s.Documents += o.Documents
	s.Sentences += o.Sentences
	s.Tokens += o.Tokens
	s.Entities += o.Entities
	s.Events += o.Events
	s.Arguments += o.Arguments
	s.NestedDropped += o.NestedDropped
	s.Levels = max(s.Levels, o.Levels)
	s.SubTokenWidened += o.SubTokenWidened
	s.TokensSplit += o.TokensSplit
	s.CrossSentence += o.CrossSentence
	s.Unmapped += o.Unmapped
	s.TriggersHeaded += o.TriggersHeaded
	s.OneColumn += o.OneColumn
	s.OrphanInside += o.OrphanInside
	s.Skipped += o.Skipped
	s.Remapped += o.Remapped
	s.Files = append(s.Files, o.Files...)
}
