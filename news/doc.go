// Package news turns news as it is saved — an HTML page, a feed item, a
// page saved as plain text — into articles: the story's own text, its
// paragraphs kept as paragraphs, and its metadata (title, canonical URL,
// site, publication date, byline, language, the original page's SHA-256).
//
// The text an article carries is the text a document is stored with: the
// extraction happens once, at import, and what it cut is reported (Cut),
// never silently dropped. Plain text (SplitText) follows the same rules as
// the text extracted from a page: a source line ("المصدر: …") becomes
// metadata, a "read also" block holding a whole second story becomes a
// story of its own, and related-headline lists, headline lines glued into
// the body, and share or subscribe lines are left out.
//
// The package imports only the standard library, golang.org/x/net/html
// and the readability extractor; it knows nothing of the store.
package news
