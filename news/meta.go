package news

import (
	"encoding/json"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page's head (and its JSON-LD) says about the story.
type pageMeta struct {
	title, url, site, published, byline, lang string
}

// readMeta reads the metadata of a parsed page: <link rel=canonical>,
// Open Graph and article: meta tags, name= meta tags, <html lang>, and the
// first JSON-LD object of an article type (NewsArticle and its kin), which
// wins where it speaks.
func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
	props := map[string]string{}
	var ld []ldArticle
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html:
			m.lang = attr(n, "lang")
		case atom.Link:
			if hasToken(attr(n, "rel"), "canonical") && m.url == "" {
				m.url = attr(n, "href")
			}
		case atom.Meta:
			key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv")))
			if v := strings.TrimSpace(attr(n, "content")); key != "" && v != "" {
				if _, seen := props[key]; !seen {
					props[key] = v
				}
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				ld = append(ld, parseLD(textOf(n))...)
			}
			return false
		}
		return true
	})
	var a ldArticle
	if len(ld) > 0 {
		a = ld[0]
	}
	m.title = firstNonEmpty(a.headline, props["og:title"], props["twitter:title"])
	m.url = firstNonEmpty(m.url, props["og:url"], a.url)
	m.site = firstNonEmpty(props["og:site_name"], a.publisher, props["application-name"])
	m.published = firstNonEmpty(normalizeDate(a.published), normalizeDate(props["article:published_time"]),
		normalizeDate(props["pubdate"]), normalizeDate(props["publish-date"]), normalizeDate(props["datepublished"]),
		normalizeDate(props["dc.date.issued"]), normalizeDate(props["dcterms.created"]), normalizeDate(props["date"]))
	m.byline = firstNonEmpty(a.author, props["author"], props["article:author"], props["dc.creator"])
	if strings.HasPrefix(m.byline, "http") {
		m.byline = ""
	}
	m.lang = normalizeLang(firstNonEmpty(m.lang, a.lang, props["content-language"], props["og:locale"], props["dc.language"]))
	return m
}

// normalizeLang spells a language tag in lower case with a hyphen: ar_AR
// gives ar-ar, AR gives ar.
func normalizeLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "_", "-")
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	return s
}

// ldArticle is what Tawsim reads of a JSON-LD article.
type ldArticle struct {
	headline, published, author, publisher, lang, url string
}

// articleTypes are the schema.org types of a news story.
var articleTypes = map[string]bool{"NewsArticle": true, "Article": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "BackgroundNewsArticle": true, "OpinionNewsArticle": true, "ReviewNewsArticle": true,
	"BlogPosting": true, "LiveBlogPosting": true, "WebPage": false}

// parseLD reads the article objects of one JSON-LD script: an object, an
// array of them, or an @graph. A script that is not JSON gives nothing.
func parseLD(src string) []ldArticle {
	src = strings.TrimSpace(src)
	src = strings.TrimSuffix(strings.TrimPrefix(src, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return nil
	}
	var out []ldArticle
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if isArticle(x["@type"]) {
				out = append(out, ldArticle{headline: ldString(x["headline"]), published: ldString(x["datePublished"]),
					author: ldNames(x["author"]), publisher: ldNames(x["publisher"]), lang: ldString(x["inLanguage"]),
					url: firstNonEmpty(ldString(x["url"]), ldString(x["mainEntityOfPage"]))})
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
	return out
}

func isArticle(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[x]
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && articleTypes[s] {
				return true
			}
		}
	}
	return false
}

// ldString reads a JSON-LD value that should be text: a string, or an
// object's @id, or the first of a list.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(x))
	case map[string]any:
		return firstNonEmpty(ldString(x["@id"]), ldString(x["name"]))
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	}
	return ""
}

// ldNames reads people or organisations: a name, an object with a name,
// or a list of either, joined with "، ".
func ldNames(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(x))
	case map[string]any:
		return ldNames(x["name"])
	case []any:
		var names []string
		for _, e := range x {
			if n := ldNames(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, "، ")
	}
	return ""
}

// host is the host of a URL without "www.", or "".
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// resolve makes ref absolute against base when it can.
func resolve(base, ref string) string {
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || base == "" {
		return ref
	}
	return b.ResolveReference(r).String()
}
