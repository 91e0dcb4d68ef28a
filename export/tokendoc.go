package export

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// What the token formats (CoNLL, Hugging Face) read into: documents of
// sentences of tokens with their tags, which become documents that keep
// exactly these tokens and sentences.

// tokenLine is one token with its tags (one per nesting level; "O" when
// it is in no entity) and the line it is on.
type tokenLine struct {
	tok  string
	tags []string
	line int
}

// tokenDoc is one document: its sentences and the line it starts on.
type tokenDoc struct {
	line  int
	sents [][]tokenLine
}

// isSentenceFinal reports whether a token ends a sentence in a file
// without blank lines: it is made of . ! ? and ؟ only.
func isSentenceFinal(tok string) bool {
	return tok != "" && strings.Trim(tok, ".!?؟") == ""
}

// outside reports whether a token is in no entity.
func outside(tags []string) bool {
	for _, t := range tags {
		if t != "O" {
			return false
		}
	}
	return true
}

// cutAtFinals cuts every sentence after its sentence-final tokens that
// are in no entity, for files that mark no sentence breaks.
func cutAtFinals(docs []tokenDoc) {
	for i := range docs {
		var sents [][]tokenLine
		for _, s := range docs[i].sents {
			from := 0
			for k, l := range s {
				if isSentenceFinal(l.tok) && outside(l.tags) {
					sents = append(sents, s[from:k+1])
					from = k + 1
				}
			}
			if from < len(s) {
				sents = append(sents, s[from:])
			}
		}
		docs[i].sents = sents
	}
}

// groupSentences cuts every document into documents of n sentences (the
// last may have fewer); n <= 0 keeps them whole.
func groupSentences(docs []tokenDoc, n int) []tokenDoc {
	if n <= 0 {
		return docs
	}
	var out []tokenDoc
	for _, d := range docs {
		for i := 0; i < len(d.sents); i += n {
			part := d.sents[i:min(i+n, len(d.sents))]
			line := d.line
			if i > 0 {
				line = part[0][0].line
			}
			out = append(out, tokenDoc{line: line, sents: part})
		}
	}
	return out
}

// countSentences is the number of sentences of docs.
func countSentences(docs []tokenDoc) int {
	n := 0
	for _, d := range docs {
		n += len(d.sents)
	}
	return n
}

// tokenItem builds the import item of one document: the text is the
// tokens joined by a space and the sentences by a newline, the document
// keeps exactly these tokens and sentences, and the tags become the
// entities of the annotator's layer. An entity of a type outside
// opt.Schema is refused naming the line it starts on; one given twice is
// kept once and counted.
func tokenItem(path string, d tokenDoc, scheme string, opt ReadOptions, sum *Summary) (corpus.ImportItem, error) {
	var text strings.Builder
	var toks []corpus.Token
	var sents []corpus.Sentence
	dec := tagDecoder{scheme: scheme, sum: sum}
	cp := 0
	for si, s := range d.sents {
		if si > 0 {
			text.WriteByte('\n')
			cp++
		}
		first := len(toks)
		for k, l := range s {
			if k > 0 {
				text.WriteByte(' ')
				cp++
			}
			start := cp
			text.WriteString(l.tok)
			cp += utf8.RuneCountInString(l.tok)
			toks = append(toks, corpus.Token{Start: start, End: cp})
			dec.token(l.tags, l.line, start, cp)
		}
		dec.endSentence()
		sents = append(sents, corpus.Sentence{First: first, Last: len(toks)})
	}
	if i, err := checkEntityTypes(dec.ents, opt.Schema); err != nil {
		return corpus.ImportItem{}, fmt.Errorf("import %s line %d: %w", path, dec.lines[i], err)
	}
	ents := keepEntities(dec.ents, sum)
	sum.Documents++
	sum.Sentences += len(sents)
	sum.Tokens += len(toks)
	sum.Entities += len(ents)
	return corpus.ImportItem{Origin: path + " line " + strconv.Itoa(d.line),
		Doc: corpus.NewDoc{Text: text.String(), Source: path, Tokenization: corpus.NewTokenization(toks, sents)},
		Layers: []corpus.Layer{{Annotator: opt.annotator(), Status: corpus.StatusDone, Entities: ents,
			Events: []corpus.Event{}}}}, nil
}

// keepEntities numbers entities T1, T2 … and keeps an entity given
// twice (same span and type) once, counting it: the store refuses exact
// duplicates.
func keepEntities(ents []corpus.Entity, sum *Summary) []corpus.Entity {
	out := make([]corpus.Entity, 0, len(ents))
	seen := make(map[entKey]bool, len(ents))
	for _, e := range ents {
		k := entKey{e.Start, e.End, e.Type}
		if seen[k] {
			sum.Duplicates++
			continue
		}
		seen[k] = true
		e.ID = "T" + strconv.Itoa(len(out)+1)
		out = append(out, e)
	}
	return out
}

// checkEntityTypes refuses the first entity whose type is not in the
// schema (none when schema is nil), returning its index so that the
// caller can name its line.
func checkEntityTypes(ents []corpus.Entity, schema *corpus.Schema) (int, error) {
	if schema == nil {
		return -1, nil
	}
	for i, e := range ents {
		if err := checkEntityType(e.Type, schema); err != nil {
			return i, err
		}
	}
	return -1, nil
}

// checkEntityType refuses a type outside the schema, as the store would,
// listing the schema's types.
func checkEntityType(typ string, schema *corpus.Schema) error {
	if _, ok := schema.EntityType(typ); !ok {
		return fmt.Errorf("entity type %q is not in the schema (%s)", typ, entityTypeNames(schema))
	}
	return nil
}

// entityTypeNames lists the schema's entity types for a message.
func entityTypeNames(schema *corpus.Schema) string {
	names := make([]string, len(schema.Entities))
	for i, t := range schema.Entities {
		names[i] = t.Name
	}
	return strings.Join(names, ", ")
}
