package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/news"
)

// The html format: saved news pages, one story each (and a second one
// under "read also"), extracted with readability.
func init() {
	Register(Format{Name: "html", Order: 3, Articles: true, Exts: []string{".html", ".htm", ".xhtml"}, ReadFile: readHTML,
		ReadApplies:   OptReadAlso | OptNearDups,
		Description:   "saved news pages: the article's text (paragraphs kept) and its title, URL, site, date, byline and language; pages not in Arabic are skipped",
		ImportExample: "tawsimctl import --format html saved-pages/"})
}

// MaxPageBytes bounds a page the news readers read; a larger one is
// skipped and reported.
const MaxPageBytes = 16 << 20

// readHTML reads one saved page. A page with no article text, or not in
// Arabic, is skipped and counted, not refused: a folder of saved pages
// holds index pages too.
func readHTML(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "html"}
	st, err := os.Stat(path)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	sum.News.Pages = 1
	if st.Size() > MaxPageBytes {
		sum.News.Failed++
		sum.News.Problems = append(sum.News.Problems, fmt.Sprintf("skipped %s: %d MiB, more than a page's %d MiB", path, st.Size()>>20, MaxPageBytes>>20))
		return nil, sum, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	items, err := pageItems(raw, news.PageOptions{Text: readAlsoOptions(opt)}, path, path, &sum.News)
	sum.Documents = len(items)
	return items, sum, err
}

// pageItems extracts a page and makes its items, counting a page with no
// article or one that fails.
func pageItems(raw []byte, po news.PageOptions, where, file string, n *NewsCounts) ([]corpus.ImportItem, error) {
	p, err := news.Extract(raw, po)
	switch {
	case errors.Is(err, news.ErrNoArticle):
		n.NoArticle++
		return nil, nil
	case err != nil:
		n.Failed++
		n.Problems = append(n.Problems, fmt.Sprintf("skipped %s: %v", where, err))
		return nil, nil
	}
	title := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	return keepArticles(p, where, file, title, n)
}
