package export

import (
	"strings"
	"unicode"
)

// conllColumns says which columns of a CoNLL line are what: the token's
// and the first tag column's, counting from 0. Every column from the
// first tag column on is a tag (a nested file has one a level); the
// other columns are skipped.
type conllColumns struct {
	token, tags int
	declared    bool // given by --columns, not the default TOKEN TAG…
}

// parseColumns reads a --columns declaration; "" is the default, the
// token then its tags.
func parseColumns(spec string) (conllColumns, error) {
	if spec == "" {
		return conllColumns{token: 0, tags: 1}, nil
	}
	names := strings.Split(spec, ",")
	c := conllColumns{token: -1, tags: -1, declared: true}
	for i, n := range names {
		switch strings.TrimSpace(n) {
		case "":
			return c, requestErrorf("columns %q: column %d has no name", spec, i+1)
		case "token":
			if c.token >= 0 {
				return c, requestErrorf("columns %q: \"token\" names two columns", spec)
			}
			c.token = i
		case "ner":
			if i != len(names)-1 {
				return c, requestErrorf("columns %q: \"ner\" must be the last column (every column from it on is a tag)", spec)
			}
			c.tags = i
		}
	}
	if c.token < 0 || c.tags < 0 {
		return c, requestErrorf("columns %q: name the token column \"token\" and, last, the tag column \"ner\" (e.g. token,pos,chunk,ner)", spec)
	}
	return c, nil
}

// field is one whitespace-separated column of a line, as byte offsets.
type field struct{ start, end int }

// splitFields splits a line at white space, as strings.Fields does, into
// out (reused). A column made only of invisible or control characters
// (a stray U+200F, say) is not a column of its own: it is joined to the
// one before, white space included, so that nothing is dropped; joined
// reports whether that happened.
func splitFields(line string, out []field) (fields []field, joined bool) {
	out = out[:0]
	start := -1
	for i, r := range line {
		switch {
		case unicode.IsSpace(r) && start >= 0:
			out = appendField(out, line, field{start, i}, &joined)
			start = -1
		case !unicode.IsSpace(r) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = appendField(out, line, field{start, len(line)}, &joined)
	}
	return out, joined
}

func appendField(out []field, line string, f field, joined *bool) []field {
	if len(out) > 0 && strings.IndexFunc(line[f.start:f.end], func(r rune) bool { return !invisible(r) }) < 0 {
		out[len(out)-1].end = f.end
		*joined = true
		return out
	}
	return append(out, f)
}

// invisible reports whether r is a format or control character: it
// shows nothing (U+200F RIGHT-TO-LEFT MARK, U+200B, U+FEFF …).
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) && !unicode.IsSpace(r)
}

// hasInvisible reports whether a token holds an invisible character.
func hasInvisible(s string) bool { return strings.IndexFunc(s, invisible) >= 0 }
