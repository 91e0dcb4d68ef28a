package export

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/news"
)

// The feed format: RSS and Atom files, one document per item with a
// story in it.
func init() {
	Register(Format{Name: "feed", Order: 4, Articles: true, Exts: []string{".rss", ".atom", ".xml"}, ReadFile: readFeed,
		ReadApplies:   OptReadAlso | OptNearDups,
		Description:   "RSS and Atom feeds: one document per item (its full content, else its summary) with the item's title, link, date and author; items not in Arabic are skipped",
		ImportExample: "tawsimctl import --format feed aljazeera.rss"})
}

// readFeed reads a saved feed. An item's text is its content:encoded (or
// Atom content), else its description, through the same text rules as a
// page; its metadata comes from the item, and the feed's title and
// language stand in for a site name and a language.
func readFeed(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "feed"}
	f, err := os.Open(path)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: not an RSS or Atom feed: %w", path, err)
	}
	var items []corpus.ImportItem
	for i, it := range feed.Items {
		if err := cancelled(ctxOf(opt)); err != nil {
			return nil, sum, err
		}
		if it == nil {
			continue
		}
		sum.News.Pages++
		where := fmt.Sprintf("%s item %d", path, i+1)
		got, err := feedItem(feed, it, where, path, opt, &sum.News)
		if err != nil {
			return nil, sum, err
		}
		items = append(items, got...)
	}
	sum.Documents = len(items)
	return items, sum, nil
}

// feedItem makes the documents of one item.
func feedItem(feed *gofeed.Feed, it *gofeed.Item, where, file string, opt ReadOptions, n *NewsCounts) ([]corpus.ImportItem, error) {
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	p, err := news.Fragment(body, readAlsoOptions(opt))
	if errors.Is(err, news.ErrNoArticle) {
		n.NoArticle++
		return nil, nil
	} else if err != nil {
		n.Failed++
		n.Problems = append(n.Problems, fmt.Sprintf("skipped %s: %v", where, err))
		return nil, nil
	}
	first := &p.Articles[0]
	first.Title = strings.TrimSpace(it.Title)
	first.URL = strings.TrimSpace(it.Link)
	if it.PublishedParsed != nil {
		first.Published = news.FormatTime(*it.PublishedParsed)
	} else if it.UpdatedParsed != nil {
		first.Published = news.FormatTime(*it.UpdatedParsed)
	}
	if first.Byline == "" {
		first.Byline = personNames(it.Authors)
	}
	for i := range p.Articles {
		a := &p.Articles[i]
		a.Site = strings.TrimSpace(feed.Title)
		a.Lang = strings.ToLower(strings.TrimSpace(feed.Language))
		if a.Lang == "" && news.IsArabic(a.Text) {
			a.Lang = "ar"
		}
		a.PageSHA256 = news.PageHash([]byte(body))
	}
	return keepArticles(p, where, file, "", n)
}

func personNames(ps []*gofeed.Person) string {
	var names []string
	for _, p := range ps {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	return strings.Join(names, "، ")
}
