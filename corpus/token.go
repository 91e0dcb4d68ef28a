package corpus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenizerVersion is the version of Tokenize's rules. It changes whenever
// Tokenize's output for some text changes; each document records the
// version it was cut with and keeps being cut with it (TokenizeVersion),
// so a tokenizer change never shifts existing annotations' tokens.
//
// Version 2 keeps dotted abbreviations and acronyms (ق.م. أ.ف.ب سي.أن.أن
// U.S.), percentages (30% ٣٠٪) and dates (22/9/2023) whole.
const TokenizerVersion = 2

// rules are the switches between tokenizer versions.
type rules struct {
	abbrev  bool // dotted abbreviations and acronyms are one token
	percent bool // a number keeps a directly following % or ٪
	slash   bool // a / between digits joins, as in dates
}

func rulesOf(version int) (rules, bool) {
	switch version {
	case 1:
		return rules{}, true
	case 2:
		return rules{abbrev: true, percent: true, slash: true}, true
	}
	return rules{}, false
}

// TokenizeVersion tokenizes text as tokenizer version v did; versions
// this build does not know give an error.
func TokenizeVersion(v int, text string) ([]Token, error) {
	r, ok := rulesOf(v)
	if !ok {
		return nil, fmt.Errorf("tokenizer version %d is unknown to this Tawsim (it knows 1 to %d): update Tawsim", v, TokenizerVersion)
	}
	return tokenize(text, r), nil
}

// Token is one token of a text: a half-open code point range and the text it
// covers.
type Token struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Span returns the token's range.
func (t Token) Span() Span { return Span{t.Start, t.End} }

// Sentence is a half-open code point range [Start, End) from its first
// token's start to its last token's end, and the half-open range of token
// indexes [First, Last) it holds.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
	First int `json:"first"`
	Last  int `json:"last"`
}

// Span returns the sentence's range.
func (s Sentence) Span() Span { return Span{s.Start, s.End} }

// Tokenize splits text into tokens. It never alters or drops text other than
// separators: every code point outside a token is a separator. Offsets are
// code points counted as Index counts them (an invalid UTF-8 byte is one
// code point and becomes a single-rune token).
//
// The rules, applied left to right, first match wins:
//
//   - Separators split and belong to no token: Unicode White_Space (which
//     includes NBSP U+00A0 and the line/paragraph separators) plus
//     ZERO WIDTH SPACE U+200B and U+FEFF (BOM / zero width no-break space).
//
//   - A URL starting with http://, https:// or www. (ASCII case-insensitive)
//     at a token start is one token. It runs to the next separator, ASCII
//     character not allowed in URLs (" < > ` { } | \ ^), control, Arabic
//     punctuation ، ؛ ؟ or typographic quote (« » “ ” ‘ ’ ...). Trailing
//     . , ; : ! ? ' * … are then dropped from it, and so is a trailing ) or ]
//     that has no opening partner inside the URL. Something must remain
//     after the prefix, or the text is tokenized normally.
//
//   - An e-mail address local@domain with an ASCII local part
//     [A-Za-z0-9._%+-] (starting with a letter or digit) and an ASCII domain
//     [A-Za-z0-9.-] with at least one inner dot is one token.
//
//   - A word is a maximal run of letters (L, which includes tatweel U+0640),
//     digits and other numbers (N), private-use and unassigned code points,
//     combining marks (M: harakat, tanween, dagger alif U+0670 ...) and
//     format characters (Cf: ZWNJ U+200C, ZWJ U+200D, bidi marks ...).
//     Letters and digits are not split from each other, so proclitics stay
//     attached (والصين, لبكين, بالطبع) and "الـ19" is one token.
//
//   - Inside a word, a number separator joins when the code points directly
//     on both sides are decimal digits (Nd, any script): . , : and the
//     Arabic decimal and thousands separators ٫ U+066B and ٬ U+066C. So
//     3.5, ٨٠٫١٥, 1,000, ٤٥٠٬٠٠٠ and 10:30 are single tokens while
//     "2024." and "1, 2" split. Lists such as 1,2,3 stay one token too.
//
//   - Every other code point (punctuation P, symbols S, controls Cc) is a
//     token of its own: ، ؛ ؟ « » " % ٪ & - ' ... So "1.2%" is "1.2" "%",
//     "S&P" is "S" "&" "P", "don't" is "don" "'" "t", "#سوريا" is "#"
//     "سوريا". One exception: a run of full stops ("..", "...") is one
//     token; "…" is a single code point anyway.
//
//   - Combining marks and format characters that follow a punctuation or
//     symbol token stay with it (a mark never starts a token after
//     punctuation), and after a ZWJ the next symbol joins too, so emoji
//     ZWJ sequences and emoji with variation selectors are one token. After
//     a separator, they start a word.
//
//   - (Version 2) A dotted abbreviation or acronym — two or more groups of
//     one to three letters, each but the last followed by a full stop, with
//     the last one's full stop if it has one: ق.م. أ.ف.ب سي.أن.أن U.S. —
//     is one token. A number directly followed by % or ٪ keeps it (30%,
//     ٣٠٪), and a / between digits joins like the number separators
//     (22/9/2023).
//
// Tokenize never panics, whatever the input.
func Tokenize(text string) []Token {
	r, _ := rulesOf(TokenizerVersion)
	return tokenize(text, r)
}

func tokenize(text string, ru rules) []Token {
	// Arabic news averages about 11 bytes per token; overshooting a little
	// saves the regrowth copies.
	toks := make([]Token, 0, len(text)/9+1)
	i, c := 0, 0 // byte and code point offset
	// A failed e-mail match fails again from any later start before the
	// same '@' (or stop), so those starts are skipped to stay linear on
	// inputs like "a-a-a-a...".
	noEmailUntil := 0
	for i < len(text) {
		r, w, cl := runeAt(text, i)
		if cl == clGap {
			i += w
			c++
			continue
		}
		start, startC := i, c
		if r < utf8.RuneSelf && cl == clWord {
			n := 0
			if r == 'h' || r == 'H' || r == 'w' || r == 'W' {
				n = matchURL(text[i:])
			}
			if n == 0 && i >= noEmailUntil {
				var stop int
				n, stop = matchEmail(text[i:])
				if n == 0 {
					noEmailUntil = i + stop
				}
			}
			if n > 0 {
				i += n
				c += utf8.RuneCountInString(text[start:i])
				toks = append(toks, Token{Start: startC, End: c, Text: text[start:i]})
				continue
			}
		}
		i += w
		c++
		if cl == clPunct {
			i, c = scanPunct(text, i, c, r)
		} else {
			var lastDigit bool
			i, c, lastDigit = scanWord(text, i, c, cl == clWord && isDigit(r), ru)
			// A short word right before a full stop may open a dotted
			// abbreviation; only then is the slower match tried.
			if ru.abbrev && i < len(text) && text[i] == '.' && c-startC <= 6 && unicode.IsLetter(r) {
				if n, cps := matchAbbrev(text[start:]); n > 0 && start+n > i {
					i, c = start+n, startC+cps
				}
			}
			if ru.percent && lastDigit && i < len(text) {
				if r2, w2, _ := runeAt(text, i); r2 == '%' || r2 == '٪' {
					i += w2
					c++
				}
			}
		}
		toks = append(toks, Token{Start: startC, End: c, Text: text[start:i]})
	}
	return toks
}

// scanWord extends a word whose last code point ended at byte i, code point
// c; lastDigit says whether that code point was a decimal digit. It
// returns where the word ends and whether it ends with a digit.
func scanWord(text string, i, c int, lastDigit bool, ru rules) (int, int, bool) {
	for i < len(text) {
		r, w, cl := runeAt(text, i)
		switch cl {
		case clWord, clExtend:
			i += w
			c++
			lastDigit = cl == clWord && isDigit(r)
			continue
		case clPunct:
			if lastDigit && (isNumSep(r) || ru.slash && r == '/') && i+w < len(text) {
				if r2, w2, _ := runeAt(text, i+w); isDigit(r2) {
					i += w + w2
					c += 2
					continue
				}
			}
		}
		break
	}
	return i, c, lastDigit
}

// matchAbbrev returns the byte and code point length of the dotted
// abbreviation at the start of s (see Tokenize), or 0.
func matchAbbrev(s string) (n, cps int) {
	groups := 0
	i, c := 0, 0
	for {
		// A group: one to three letters, marks allowed after them.
		letters, j, k := 0, i, c
		for j < len(s) {
			r, w, cl := runeAt(s, j)
			if cl == clExtend && letters > 0 {
				j += w
				k++
				continue
			}
			if cl != clWord || !unicode.IsLetter(r) {
				break
			}
			letters++
			j += w
			k++
		}
		if letters == 0 || letters > 3 {
			break
		}
		groups++
		i, c = j, k
		if i >= len(s) || s[i] != '.' {
			break
		}
		// The full stop belongs to the abbreviation when a group follows,
		// or when it closes one of two or more groups.
		if i+1 < len(s) {
			if r, _, cl := runeAt(s, i+1); cl == clWord && unicode.IsLetter(r) {
				i, c = i+1, c+1
				continue
			}
		}
		if groups >= 2 {
			i, c = i+1, c+1
		}
		break
	}
	if groups < 2 {
		return 0, 0
	}
	// A longer word glued on ("الجمعة.وقال") is no abbreviation: the last
	// group must end the word.
	if i < len(s) {
		if r, _, cl := runeAt(s, i); cl == clWord && unicode.IsLetter(r) {
			return 0, 0
		}
	}
	return i, c
}

// scanPunct extends a punctuation or symbol token whose first code point r
// ended at byte i, code point c.
func scanPunct(text string, i, c int, r rune) (int, int) {
	if r == '.' {
		for i < len(text) && text[i] == '.' {
			i++
			c++
		}
	}
	zwj := false
	for i < len(text) {
		r2, w, cl := runeAt(text, i)
		if cl == clExtend || (zwj && cl == clPunct && unicode.Is(unicode.So, r2)) {
			i += w
			c++
			zwj = r2 == '\u200d'
			continue
		}
		break
	}
	return i, c
}

type class uint8

const (
	clGap    class = iota // separator, in no token
	clWord                // runs into words
	clExtend              // marks and format characters: extend any token
	clPunct               // single-rune tokens
)

// classTable caches classify for the scripts of the corpus (Latin, Arabic)
// and their neighbours, where a lookup beats the unicode range tables.
var classTable [0x800]class

func init() {
	for r := range classTable {
		classTable[r] = classify(rune(r))
	}
}

func classify(r rune) class {
	switch {
	case r == '\u200b' || r == '\ufeff' || unicode.IsSpace(r):
		return clGap
	case unicode.In(r, unicode.M, unicode.Cf):
		return clExtend
	case unicode.In(r, unicode.P, unicode.S, unicode.Cc):
		return clPunct
	}
	return clWord
}

// runeAt decodes the code point at byte i, which must be < len(s). An
// invalid byte decodes to U+FFFD of width 1, a symbol.
func runeAt(s string, i int) (rune, int, class) {
	if b := s[i]; b < utf8.RuneSelf {
		return rune(b), 1, classTable[b]
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if r < rune(len(classTable)) {
		return r, w, classTable[r]
	}
	return r, w, classify(r)
}

// digitTable caches isDigit where the corpus's text lives, as classTable
// caches classify: unicode.IsDigit's table search showed in profiles.
var digitTable [0x800]bool

func init() {
	for r := range digitTable {
		digitTable[r] = unicode.IsDigit(rune(r))
	}
}

func isDigit(r rune) bool {
	if r < rune(len(digitTable)) {
		return digitTable[r]
	}
	return unicode.IsDigit(r)
}

func isNumSep(r rune) bool {
	return r == '.' || r == ',' || r == ':' || r == '\u066b' || r == '\u066c'
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// matchURL returns the byte length of the URL at the start of s, or 0.
func matchURL(s string) int {
	var p int
	switch {
	case hasPrefixFold(s, "https://"):
		p = 8
	case hasPrefixFold(s, "http://"):
		p = 7
	case hasPrefixFold(s, "www."):
		p = 4
	default:
		return 0
	}
	end := p
	for end < len(s) {
		r, w, cl := runeAt(s, end)
		if cl == clGap || urlStop(r) {
			break
		}
		end += w
	}
	// Brackets close inside URLs (Wikipedia titles), so a trailing one is
	// dropped only while it has no partner.
	paren := strings.Count(s[:end], ")") - strings.Count(s[:end], "(")
	bracket := strings.Count(s[:end], "]") - strings.Count(s[:end], "[")
trim:
	for end > p {
		r, w := utf8.DecodeLastRuneInString(s[:end])
		switch {
		case strings.ContainsRune(".,;:!?'*…", r):
		case r == ')' && paren > 0:
			paren--
		case r == ']' && bracket > 0:
			bracket--
		default:
			break trim
		}
		end -= w
	}
	if end == p {
		return 0
	}
	return end
}

func urlStop(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f || strings.IndexByte("\"<>`{}|\\^", byte(r)) >= 0
	}
	return r == '،' || r == '؛' || r == '؟' || unicode.In(r, unicode.Pi, unicode.Pf, unicode.Cc)
}

func isEmailLocal(b byte) bool {
	return isASCIIAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-'
}

func isASCIIAlnum(b byte) bool {
	return ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || ('0' <= b && b <= '9')
}

// matchEmail returns the byte length of the e-mail address at the start of
// s, or 0 and the end of the local part it tried.
func matchEmail(s string) (n, stop int) {
	if len(s) == 0 || !isASCIIAlnum(s[0]) {
		return 0, 0
	}
	at := 0
	for at < len(s) && isEmailLocal(s[at]) {
		at++
	}
	if at >= len(s) || s[at] != '@' || s[at-1] == '.' {
		return 0, at
	}
	end := at + 1
	for end < len(s) && (isASCIIAlnum(s[end]) || s[end] == '.' || s[end] == '-') {
		end++
	}
	for end > at+1 && (s[end-1] == '.' || s[end-1] == '-') {
		end--
	}
	dom := s[at+1 : end]
	dot := strings.LastIndexByte(dom, '.')
	if dot <= 0 || !isASCIIAlnum(dom[0]) || strings.Contains(dom, "..") {
		return 0, at
	}
	return end, at
}

// SplitSentences groups tokens, as returned by Tokenize(text), into
// sentences:
//
//   - A line break in the separators between two tokens (\n, \v, \f, \r,
//     U+0085, U+2028, U+2029) ends the sentence. Empty lines hold no tokens
//     and so produce no sentence.
//   - A terminator token (one starting with . ! ? ؟ … ۔ ‼ ⁇ ⁈ ⁉, including
//     a run of dots) ends the sentence after it. Further terminators join
//     the ending, and so do closing quotes and brackets (Pe, Pf, " and ')
//     that directly follow with no separator, so `."` and `.»)` stay in the
//     sentence they close.
//   - Except that a terminator directly followed, with no separator, by a
//     token starting with an ASCII letter does not end the sentence, so
//     "U.S.", "example.com" and "file.pdf" do not split. Arabic text glued
//     to a full stop ("الجمعة.وقال") still splits.
//   - A "." inside a number (3.5) is part of the number token, so it never
//     ends a sentence. There is no abbreviation list.
//
// Tokens that do not come from text give meaningless sentences, but no
// panic.
func SplitSentences(text string, tokens []Token) []Sentence {
	var out []Sentence
	first := -1     // first token of the open sentence, -1 if none
	ending := false // the open sentence has seen its terminator
	b, cp := 0, 0   // walk through text, at the end of the previous token
	for k, t := range tokens {
		brk := false
		for cp < t.Start && b < len(text) {
			r, w := utf8.DecodeRuneInString(text[b:])
			brk = brk || isLineBreak(r)
			b += w
			cp++
		}
		if first >= 0 {
			end := brk
			if ending && !brk {
				adjacent := tokens[k-1].End == t.Start
				r, _ := utf8.DecodeRuneInString(t.Text)
				switch {
				case isTerminator(r) || (adjacent && isCloser(r)):
				case adjacent && r < utf8.RuneSelf && isASCIIAlnum(byte(r)) && !('0' <= r && r <= '9'):
					ending = false
				default:
					end = true
				}
			}
			if end {
				out = append(out, sentence(tokens, first, k))
				first, ending = -1, false
			}
		}
		if first < 0 {
			first = k
		}
		if r, _ := utf8.DecodeRuneInString(t.Text); isTerminator(r) {
			ending = true
		}
		b += len(t.Text)
		cp = t.End
	}
	if first >= 0 {
		out = append(out, sentence(tokens, first, len(tokens)))
	}
	return out
}

func sentence(tokens []Token, first, last int) Sentence {
	return Sentence{Start: tokens[first].Start, End: tokens[last-1].End, First: first, Last: last}
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\v', '\f', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '…', '۔', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	return r == '"' || r == '\'' || unicode.In(r, unicode.Pe, unicode.Pf)
}
