package news

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ErrNoArticle is returned for a page in which no article text was found
// (an index page, a video page, an empty shell filled by scripts).
var ErrNoArticle = errors.New("no article text found on the page")

// MaxElements bounds the elements of a page the extractor reads; a larger
// page is refused rather than left to take minutes.
const MaxElements = 60000

// PageOptions say what is known of a page besides its bytes.
type PageOptions struct {
	// URL is where the page came from (a WARC record's target URI), used
	// when the page names no canonical URL; "" for a saved file.
	URL string
	// ContentType is the HTTP Content-Type, whose charset is believed
	// before the page's own <meta charset>.
	ContentType string
	// Text tunes the text rules applied to the extracted text.
	Text TextOptions
}

// A Page is what Extract found: the article (and any second story under
// a "read also" marker), and the lines its text rules cut.
type Page struct {
	Articles []Article
	Cuts     []Cut
	Dropped  int // read-also stories left out
}

// Extract reads an HTML page, finds its main text with readability (the
// port of Firefox's Reader View), renders it with paragraphs kept as
// paragraphs, applies the text rules of SplitText, and fills the
// metadata from the page's head. Text in a legacy encoding (windows-1256,
// ISO-8859-6 …) is decoded to UTF-8 first.
func Extract(page []byte, opt PageOptions) (Page, error) {
	doc, err := parsePage(page, opt.ContentType)
	if err != nil {
		return Page{}, err
	}
	meta := readMeta(doc)
	if n := countElements(doc); n > MaxElements {
		return Page{}, fmt.Errorf("the page has %d elements, more than %d", n, MaxElements)
	}
	stripBoilerplate(doc)
	var base *nurl.URL
	if u, err := nurl.Parse(opt.URL); err == nil && u.IsAbs() {
		base = u
	}
	p := readability.NewParser()
	ra, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return Page{}, fmt.Errorf("readability: %w", err)
	}
	if ra.Node == nil {
		return Page{}, ErrNoArticle
	}
	markListItems(ra.Node)
	split := SplitText(render.InnerText(ra.Node), opt.Text)
	if len(split.Stories) == 0 {
		return Page{Cuts: split.Cuts}, ErrNoArticle
	}
	out := Page{Cuts: split.Cuts, Dropped: split.Dropped}
	hash := PageHash(page)
	site := firstNonEmpty(meta.site, ra.SiteName(), host(firstNonEmpty(resolve(opt.URL, meta.url), opt.URL)))
	for i, st := range split.Stories {
		a := Article{Text: st.Text, Credit: st.Credit, Site: site, Lang: meta.lang, PageSHA256: hash, ReadAlso: st.ReadAlso}
		if i == 0 {
			a.Title = firstNonEmpty(meta.title, ra.Title(), st.Title)
			a.URL = firstNonEmpty(resolve(opt.URL, meta.url), opt.URL)
			a.Published = firstNonEmpty(meta.published, publishedOf(ra))
			a.Byline = firstNonEmpty(meta.byline, ra.Byline(), st.Byline)
		} else {
			a.Title, a.Byline = st.Title, st.Byline
		}
		if a.Lang == "" && IsArabic(a.Text) {
			a.Lang = "ar"
		}
		out.Articles = append(out.Articles, a)
	}
	return out, nil
}

// publishedOf is readability's publication time, when it found one.
func publishedOf(a readability.Article) string {
	t, err := a.PublishedTime()
	if err != nil {
		return ""
	}
	return FormatTime(t)
}

// parsePage decodes the page to UTF-8 (by its BOM, the HTTP charset, its
// <meta charset>, or a guess from its bytes, as browsers do) and parses
// it.
func parsePage(page []byte, contentType string) (*html.Node, error) {
	r, err := charset.NewReader(bytes.NewReader(page), contentType)
	if err != nil {
		r = bytes.NewReader(page) // an unknown charset label: read as UTF-8
	}
	doc, err := html.Parse(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("not HTML: %w", err)
	}
	return doc, nil
}

func countElements(doc *html.Node) int {
	n := 0
	walk(doc, func(*html.Node) bool { n++; return true })
	return n
}

// rxBoilerplate matches a class or id naming page furniture: share bars,
// related links, tag lists, newsletters, comments, ads, breadcrumbs.
var rxBoilerplate = regexp.MustCompile(`(?i)^(?:[a-z0-9]+[-_])*(?:share|sharing|sharer|social|socials|related|newsletter|subscribe|subscription|breadcrumbs?|comments?|tags|tag-list|most-?read|mostread|read-?also|readmore|read-?more|more-?news|recommended|outbrain|taboola|ads?|advert|advertisement|promo|sidebar|cookies?|popup|follow)(?:[-_](?:buttons?|btns?|links?|bar|box|list|tools|icons?|block|widget|wrap|wrapper|container|section|articles|stories|posts|news|items?|area|panel|module))?$`)

// stripBoilerplate removes what is never the story before readability
// looks for it: navigation, asides, footers, forms and buttons, figure
// captions, the site's header (not an article's own), and elements whose
// class or id names page furniture.
func stripBoilerplate(doc *html.Node) {
	removeAll(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Nav, atom.Aside, atom.Footer, atom.Form, atom.Button, atom.Figcaption, atom.Iframe, atom.Noscript, atom.Template:
			return true
		case atom.Header:
			return !inside(n, "article", "main")
		case atom.Html, atom.Body, atom.Article, atom.Main:
			return false
		}
		for _, tok := range append(strings.Fields(attr(n, "class")), attr(n, "id")) {
			if tok != "" && rxBoilerplate.MatchString(tok) {
				return true
			}
		}
		return false
	})
}

// markListItems starts each list item with a bullet, as a browser draws
// it, so that the text rules see a list of links as one.
func markListItems(root *html.Node) {
	walk(root, func(n *html.Node) bool {
		if n.DataAtom == atom.Li {
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: "• "}, n.FirstChild)
		}
		return true
	})
}

// Fragment reads HTML that is the story itself, such as a feed item's
// content: no search for the main text, but the same furniture removal,
// rendering and text rules as Extract. The articles carry the text, and
// a second story's title; the caller knows the rest of the metadata.
func Fragment(fragment string, opt TextOptions) (Page, error) {
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return Page{}, fmt.Errorf("not HTML: %w", err)
	}
	stripBoilerplate(doc)
	markListItems(doc)
	split := SplitText(render.InnerText(doc), opt)
	out := Page{Cuts: split.Cuts, Dropped: split.Dropped}
	if len(split.Stories) == 0 {
		return out, ErrNoArticle
	}
	for _, st := range split.Stories {
		a := Article{Text: st.Text, Credit: st.Credit, Byline: st.Byline, ReadAlso: st.ReadAlso}
		if st.ReadAlso {
			a.Title = st.Title
		}
		out.Articles = append(out.Articles, a)
	}
	return out, nil
}
