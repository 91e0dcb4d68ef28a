package news

import (
	"strings"
	"unicode"
)

// MinArabicShare is the share of Arabic letters among all the letters of
// an article's text at or above which the article counts as Arabic.
// Arabic news quotes Latin names, acronyms and URLs, which keeps the share
// of real Arabic articles above 0.8; a page in another language with an
// Arabic menu or a quoted Arabic name stays far below one half.
const MinArabicShare = 0.5

// ArabicShare is the share of Arabic-script letters among the letters of
// text (digits, punctuation and spaces do not count); 0 for a text with
// no letters.
func ArabicShare(text string) float64 {
	letters, arabic := 0, 0
	for _, r := range text {
		switch {
		case r < 0x80: // ASCII: a Latin letter or not a letter
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				letters++
			}
		case r >= 0x0620 && r <= 0x064A: // the Arabic letters proper
			letters++
			arabic++
		case unicode.IsLetter(r):
			letters++
			if unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(arabic) / float64(letters)
}

// IsArabic reports whether text is mostly Arabic (see MinArabicShare).
func IsArabic(text string) bool { return ArabicShare(text) >= MinArabicShare }

// otherArabicScript are languages written in Arabic script that the
// script share cannot tell from Arabic: a page declaring one of them is
// not Arabic, whatever its letters.
var otherArabicScript = map[string]bool{"fa": true, "ur": true, "ps": true, "ku": true, "ckb": true, "sd": true, "ug": true, "prs": true}

// ArticleIsArabic reports whether an article is Arabic: its declared
// language is not another language of the Arabic script (Persian, Urdu,
// Pashto, Kurdish …), and its text is mostly Arabic letters.
func ArticleIsArabic(a Article) bool {
	lang, _, _ := strings.Cut(a.Lang, "-")
	return !otherArabicScript[lang] && IsArabic(a.Text)
}
