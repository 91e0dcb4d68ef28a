package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/news"
)

// readNewsTxt reads a text file as a news page saved as text
// (news.SplitText): each story becomes a document, its text the
// story's paragraphs exactly as written; the first is titled by its
// headline, else by the file name, a second story under "read also" by
// its own headline. A source line becomes the story's credit (and its
// site); every line cut is reported with its line number.
func readNewsTxt(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "txt"}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	if !utf8.Valid(raw) {
		return nil, sum, fmt.Errorf("import %s line %d: text is not valid UTF-8 (save it as UTF-8 and import again)", path, badUTF8Line(raw))
	}
	text := corpus.NormalizeText(string(raw))
	if err := checkText(text); err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	split := news.SplitText(text, readAlsoOptions(opt))
	if len(split.Stories) == 0 {
		return nil, sum, fmt.Errorf("import %s: read as news, the text holds no story (only headlines, links or share lines); import it without --news", path)
	}
	sum.News.Pages = 1
	sum.News.noteCuts(path, split.Cuts, true)
	sum.News.Dropped = split.Dropped
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	hash := news.PageHash(raw)
	var items []corpus.ImportItem
	for _, st := range split.Stories {
		a := news.Article{Title: st.Title, Text: st.Text, Credit: st.Credit, Site: st.Credit, Byline: st.Byline,
			PageSHA256: hash, ReadAlso: st.ReadAlso}
		if news.IsArabic(st.Text) {
			a.Lang = "ar"
		}
		if st.ReadAlso {
			sum.News.ReadAlso++
		}
		where := fmt.Sprintf("%s line %d", path, st.Line)
		it, err := articleItem(a, where, path, name)
		if err != nil {
			return nil, sum, fmt.Errorf("import %s: %w", where, err)
		}
		items = append(items, it)
	}
	sum.Documents = len(items)
	return items, sum, nil
}
