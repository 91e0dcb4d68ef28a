package export

import (
	"strconv"
	"strings"
)

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
	TagOnly      int // lines with a tag and no token, skipped
	Invisible    int // tokens holding invisible or control characters (U+200F …), kept as they are
	Duplicates   int // entities given twice (same span and type), kept once
	Scheme       string
	// News is what the news readers (html, feed, warc, txt with News) met.
	News NewsCounts
	// Notes are what a reader has to say about a file beyond counts (how
	// it was cut into sentences, the lines of its quirks); the report
	// prints them before the summary.
	Notes []string
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
	notes = append(notes, s.News.notes()...)
	note(s.TagOnly, "lines with a tag but no token skipped")
	note(s.Invisible, "tokens holding invisible or control characters (such as U+200F) kept as they are")
	note(s.Duplicates, "entities given twice (same span and type) kept once")
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
	s.News.add(o.News)
	s.TagOnly += o.TagOnly
	s.Invisible += o.Invisible
	s.Duplicates += o.Duplicates
	s.Files = append(s.Files, o.Files...)
	s.Notes = append(s.Notes, o.Notes...)
}
