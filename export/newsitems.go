package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/news"
)

// NewsCounts is what the news readers (html, feed, warc, and txt read as
// news) met: pages read, pages skipped and why, and every line their text
// rules cut.
type NewsCounts struct {
	Pages      int // pages, feed items or archive responses read
	NotHTML    int // archive records with no HTML page (other types, errors, redirects)
	NotArabic  int // pages whose article is not Arabic, skipped
	NoArticle  int // pages with no article text (index pages, video pages), skipped
	Duplicates int // pages identical to one read before in the same import, skipped
	Failed     int // pages that could not be read (Problems says why), skipped
	ReadAlso   int // second stories found under "read also", as documents
	Dropped    int // second stories left out (read-also drop)
	CutLines   int // lines the text rules cut (Cuts lists them)
	// Cuts names each line cut, Problems each page that failed: "where:
	// why: text".
	Cuts, Problems []string
}

func (n *NewsCounts) add(o NewsCounts) {
	n.Pages += o.Pages
	n.NotHTML += o.NotHTML
	n.NotArabic += o.NotArabic
	n.NoArticle += o.NoArticle
	n.Duplicates += o.Duplicates
	n.Failed += o.Failed
	n.ReadAlso += o.ReadAlso
	n.Dropped += o.Dropped
	n.CutLines += o.CutLines
	n.Cuts = append(n.Cuts, o.Cuts...)
	n.Problems = append(n.Problems, o.Problems...)
}

// notes are the summary's lines for the counts that are not zero.
func (n NewsCounts) notes() []string {
	var out []string
	note := func(v int, what string) {
		if v != 0 {
			out = append(out, strconv.Itoa(v)+" "+what)
		}
	}
	note(n.Pages, "pages read")
	note(n.NotHTML, "archive records without an HTML page skipped")
	note(n.NotArabic, fmt.Sprintf("pages not in Arabic skipped (less than %.0f%% Arabic letters, or another Arabic-script language declared)", news.MinArabicShare*100))
	note(n.NoArticle, "pages with no article text skipped")
	note(n.Duplicates, "pages seen before in this import skipped")
	note(n.Failed, "pages that could not be read skipped")
	note(n.ReadAlso, `second stories under "read also" imported as documents of their own`)
	note(n.Dropped, `second stories under "read also" left out (--read-also drop)`)
	note(n.CutLines, "lines cut from the stories (headlines, source lines, related links, share lines)")
	return out
}

// maxDetails bounds the lines of cuts and problems an import report
// lists; the counts above them are always whole.
const maxDetails = 200

// details lists the cuts and problems for the import's report.
func (n NewsCounts) details() []string {
	var out []string
	list := func(what string, lines []string) {
		for i, l := range lines {
			if i == maxDetails {
				out = append(out, fmt.Sprintf("… and %d more %s", len(lines)-maxDetails, what))
				break
			}
			out = append(out, l)
		}
	}
	list("problems", n.Problems)
	list("cut lines", n.Cuts)
	return out
}

// noteCuts records what the text rules cut, each line named by where it
// was ("file line 12", "file.warc record 7").
func (n *NewsCounts) noteCuts(where string, cuts []news.Cut, withLines bool) {
	for _, c := range cuts {
		n.CutLines++
		at := where
		if withLines && c.Line > 0 {
			at = fmt.Sprintf("%s line %d", where, c.Line)
		}
		n.Cuts = append(n.Cuts, fmt.Sprintf("cut %s: %s: %s", at, c.Reason, clip(c.Text, 90)))
	}
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// readAlsoOptions turns the read-also option into the text rules'.
func readAlsoOptions(opt ReadOptions) news.TextOptions {
	return news.TextOptions{DropReadAlso: opt.ReadAlso == "drop"}
}

// articleItem makes an import item of an article: its text normalised as
// every import does, its title (else the fallback), its source (its URL,
// else the file), and its metadata.
func articleItem(a news.Article, origin, file, fallbackTitle string) (corpus.ImportItem, error) {
	text := corpus.NormalizeText(a.Text)
	if err := checkText(text); err != nil {
		return corpus.ImportItem{}, err
	}
	title := a.Title
	if title == "" {
		title = fallbackTitle
	}
	src := a.URL
	if src == "" {
		src = file
	}
	return corpus.ImportItem{Origin: origin, Doc: corpus.NewDoc{Title: strings.TrimSpace(title), Source: src, Text: text, Meta: a.Meta()}}, nil
}

// keepArticles turns a page's articles into items, skipping a page whose
// article is not Arabic (news.ArticleIsArabic), and counts what it did.
func keepArticles(p news.Page, where, file, fallbackTitle string, n *NewsCounts) ([]corpus.ImportItem, error) {
	if len(p.Articles) == 0 || !news.ArticleIsArabic(p.Articles[0]) {
		n.NotArabic++
		return nil, nil
	}
	n.noteCuts(where, p.Cuts, false)
	var out []corpus.ImportItem
	for i, a := range p.Articles {
		if a.ReadAlso {
			n.ReadAlso++
		}
		origin := where
		if i > 0 {
			origin = fmt.Sprintf("%s (story %d)", where, i+1)
		}
		it, err := articleItem(a, origin, file, fallbackTitle)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", origin, err)
		}
		out = append(out, it)
	}
	n.Dropped += p.Dropped
	return out, nil
}
