package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
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
}

func (o *Options) check() error {
	for _, c := range []struct {
		opt Option
		v   string
	}{{OptScheme, o.Scheme}, {OptNested, o.Nested}, {OptTokens, o.Tokens}} {
		if err := c.opt.check(c.v); err != nil {
			return err
		}
	}
	return nil
}

func (o *Options) scheme() string {
	if o.Scheme == "" {
		return "iob2"
	}
	return o.Scheme
}

// ReadOptions tune the readers.
type ReadOptions struct {
	// Annotator names the layer the annotations go to; default "import".
	// The native format keeps its own annotators.
	Annotator string
	// Scheme is the CoNLL tag scheme: "" or "auto" detects it.
	Scheme string
	// News reads a .txt file as a news page saved as text (news.SplitText):
	// a source line becomes metadata, a "read also" story a document of
	// its own, related headlines and share lines are cut and reported.
	News bool
	// ReadAlso is what becomes of a story under "read also" (news pages,
	// feeds, archives and txt with News): separate (default) or drop.
	ReadAlso string
	// Context stops a long reader (an archive) between records; nil
	// never stops.
	Context context.Context
	// Progress, if not nil, is told how many bytes of the file a long
	// reader has read, of how many.
	Progress func(read, size int64)
	// Columns declares a CoNLL file's columns (OptColumns), e.g.
	// "token,pos,chunk,ner"; "" means the token, then tag columns only.
	Columns string
	// DocSentences cuts a token format's documents into documents of
	// that many sentences (OptDocSentences); 0 keeps them whole.
	DocSentences int
	// Schema, when set, lets a reader refuse a type outside it naming
	// the line it is on; the store refuses it anyway, naming only the
	// document.
	Schema *corpus.Schema
}

func (o ReadOptions) annotator() string {
	if o.Annotator == "" {
		return "import"
	}
	return o.Annotator
}

// Option names options of the writers and readers; a Format says with a
// set of them (OptScheme|OptSep …) which apply to it, so that the CLI's
// help and the app's dialogs offer only those.
type Option uint16

const (
	OptScheme       Option = 1 << iota // tag scheme: iob2, bioes, iob1 (import: also auto)
	OptSep                             // CoNLL column separator: space or tab
	OptDocStart                        // -DOCSTART- lines between documents
	OptNested                          // nested entities: outer or columns
	OptTokens                          // entities inside a token: words or split
	OptAnnotator                       // import: whose layer the annotations become
	OptNews                            // import: read .txt as a news page saved as text
	OptReadAlso                        // import: a "read also" story: separate or drop
	OptNearDups                        // import: near-duplicates: keep, skip or report
	OptColumns                         // import: a CoNLL file's columns, e.g. token,pos,chunk,ner
	OptDocSentences                    // import: documents of N sentences
)

// Has reports whether every option of x is in o.
func (o Option) Has(x Option) bool { return o&x == x }

// Name is the option's name as a CLI flag (without the dashes).
func (o Option) Name() string {
	switch o {
	case OptScheme:
		return "scheme"
	case OptSep:
		return "sep"
	case OptDocStart:
		return "docstart"
	case OptNested:
		return "nested"
	case OptTokens:
		return "tokens"
	case OptAnnotator:
		return "annotator"
	case OptNews:
		return "news"
	case OptReadAlso:
		return "read-also"
	case OptNearDups:
		return "near-dups"
	case OptColumns:
		return "columns"
	case OptDocSentences:
		return "doc-sentences"
	}
	return fmt.Sprintf("Option(%d)", uint16(o))
}

// Choices are the values an option takes, the default first; nil for an
// option that is not a choice (docstart, annotator, news, columns,
// doc-sentences).
func (o Option) Choices() []string {
	switch o {
	case OptScheme:
		return []string{"iob2", "bioes", "iob1"}
	case OptSep:
		return []string{"space", "tab"}
	case OptNested:
		return []string{"outer", "columns"}
	case OptTokens:
		return []string{"words", "split"}
	case OptReadAlso:
		return []string{"separate", "drop"}
	case OptNearDups:
		return []string{"keep", "skip", "report"}
	}
	return nil
}

// ImportSchemes are the values the import's scheme takes, the default
// (detect the scheme) first.
func ImportSchemes() []string { return append([]string{"auto"}, OptScheme.Choices()...) }

// check accepts "" (the default) and the option's choices.
func (o Option) check(v string) error {
	return checkChoice(o.Name(), v, o.Choices())
}

func checkChoice(name, v string, choices []string) error {
	if v == "" || slices.Contains(choices, v) {
		return nil
	}
	return requestErrorf("%s %q: want %s", name, v, orList(choices))
}

// orList renders "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// A RequestError is a mistake in what was asked (an unknown format, an
// option value out of range), as opposed to a failure while doing it; the
// CLI exits with status 2 on one.
type RequestError struct{ msg string }

func (e *RequestError) Error() string { return e.msg }

func requestErrorf(format string, a ...any) error {
	return &RequestError{fmt.Sprintf(format, a...)}
}

// ErrCancelled is returned (wrapped) by an export or import whose context
// was cancelled: the export left no file, the import stored nothing.
var ErrCancelled = errors.New("cancelled")

// cancelled wraps the context's cause in ErrCancelled, or returns nil
// while ctx is live.
func cancelled(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	return fmt.Errorf("%w (%w)", ErrCancelled, context.Cause(ctx))
}

// cancelWriter fails the write in progress once the context is
// cancelled, which unwinds any writer promptly through its ordinary error
// path.
type cancelWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if err := cancelled(c.ctx); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
