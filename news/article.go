package news

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// An Article is one story taken from a page, a feed item or a text, with
// what is known of it. Empty fields were not found.
type Article struct {
	Title     string
	URL       string // canonical URL (<link rel=canonical>, og:url, JSON-LD), else the page's own
	Site      string // site name (og:site_name, JSON-LD publisher), else the credit or the URL's host
	Published string // RFC 3339 when the time is known, YYYY-MM-DD when only the date is
	Byline    string
	Lang      string // as the page declares it (BCP 47, lower case), else "ar" when the text is Arabic
	Credit    string // the source line's credit ("المصدر: الحرة"), plain text only
	// Text is the story: paragraphs separated by a blank line.
	Text string
	// PageSHA256 is the hex SHA-256 of the page exactly as read (before
	// any decoding), so the same page imported twice is recognised even
	// if the extraction changes.
	PageSHA256 string
	// ReadAlso marks a second story found under a "read also" marker.
	ReadAlso bool
}

// PageHash is the hex SHA-256 of a page's bytes.
func PageHash(page []byte) string {
	h := sha256.Sum256(page)
	return hex.EncodeToString(h[:])
}

// The metadata keys an article is stored under; "site" and "published"
// are the ones a document's list record carries.
const (
	MetaURL        = "url"
	MetaSite       = "site"
	MetaPublished  = "published"
	MetaByline     = "byline"
	MetaLang       = "lang"
	MetaCredit     = "credit"
	MetaPageSHA256 = "page_sha256"
	MetaReadAlso   = "read_also"
)

// Meta is the article's metadata as a document's meta: only the fields
// that are known.
func (a Article) Meta() map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	put := func(k, v string) {
		if v != "" {
			b, _ := json.Marshal(v)
			m[k] = b
		}
	}
	put(MetaURL, a.URL)
	put(MetaSite, a.Site)
	put(MetaPublished, a.Published)
	put(MetaByline, a.Byline)
	put(MetaLang, a.Lang)
	put(MetaCredit, a.Credit)
	put(MetaPageSHA256, a.PageSHA256)
	if a.ReadAlso {
		m[MetaReadAlso] = json.RawMessage("true")
	}
	return m
}
