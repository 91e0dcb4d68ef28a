package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tawsim/tawsim/corpus"
)

// The plain-article formats: articles without annotations, one a .txt
// file or one a JSONL line, and auto, which picks between them (and any
// other article format) by extension.
func init() {
	Register(Format{Name: "auto", Order: 0, ByExtension: true, ReadApplies: OptNews | OptReadAlso | OptNearDups,
		Description:   "articles, by extension: .jsonl, .ndjson and .json are JSONL, .html and .htm pages, .rss, .atom and .xml feeds, .warc and .warc.gz archives, anything else one .txt article",
		ImportExample: "tawsimctl import testdata/samples"})
	Register(Format{Name: "txt", Order: 1, Articles: true, Fallback: true, Exts: []string{".txt"}, ReadFile: readTxt,
		ReadApplies:   OptNews | OptReadAlso | OptNearDups,
		Description:   "one article a UTF-8 text file, titled by its file name; with --news, a news page saved as text",
		ImportExample: "tawsimctl import --format txt --news الخبر.txt"})
	Register(Format{Name: "jsonl", Order: 2, Articles: true, Exts: []string{".jsonl", ".ndjson", ".json"}, ReadFile: collect(streamJSONL), StreamFile: streamJSONL,
		ReadApplies:   OptNearDups,
		Description:   `one article a line: {"text": ..., "title": ..., "source": ..., "meta": {...}}`,
		ImportExample: "tawsimctl import --format jsonl news.jsonl"})
}

// readTxt reads one article: the whole file, titled by its name; with
// opt.News, the stories of a news page saved as text (readNewsTxt).
func readTxt(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	if opt.News {
		return readNewsTxt(path, opt)
	}
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
	title := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	sum.Documents = 1
	return []corpus.ImportItem{{Origin: path, Doc: corpus.NewDoc{Title: title, Source: path, Text: text}}}, sum, nil
}

// checkText refuses what the store would refuse, so that the error names
// the file before anything is stored.
func checkText(text string) error {
	if !utf8.ValidString(text) {
		return errors.New("text is not valid UTF-8")
	}
	if strings.IndexFunc(text, func(r rune) bool { return !unicode.IsSpace(r) }) < 0 {
		return errors.New("text is empty")
	}
	return nil
}

func badUTF8Line(raw []byte) int {
	line := 1
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		raw = raw[size:]
	}
	return line
}

// jsonlDoc is one line of a JSONL article file.
type jsonlDoc struct {
	ID     string                     `json:"id"`
	Text   *string                    `json:"text"`
	Title  string                     `json:"title"`
	Source string                     `json:"source"`
	Meta   map[string]json.RawMessage `json:"meta"`
}

// streamJSONL reads one article a line. A line names its source, or is
// named by the file and line.
func streamJSONL(path string, _ ReadOptions, yield func(corpus.ImportItem) error) (Summary, error) {
	sum := Summary{Format: "jsonl"}
	f, err := os.Open(path)
	if err != nil {
		return sum, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), MaxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		where := fmt.Sprintf("%s line %d", path, n)
		it, err := decodeArticle(line, where)
		if err != nil {
			return sum, fmt.Errorf("import %s: %w", where, err)
		}
		sum.Documents++
		if err := yield(it); err != nil {
			return sum, err
		}
	}
	if err := sc.Err(); err != nil {
		return sum, fmt.Errorf("import %s line %d: %w", path, n+1, scanError(err))
	}
	if sum.Documents == 0 {
		return sum, fmt.Errorf("import %s: the file holds no documents", path)
	}
	return sum, nil
}

// decodeArticle reads one JSONL line; where ("file line n") is its origin
// and, without a "source", its source.
func decodeArticle(line []byte, where string) (corpus.ImportItem, error) {
	if !utf8.Valid(line) {
		return corpus.ImportItem{}, errors.New("not valid UTF-8")
	}
	var d jsonlDoc
	if err := json.Unmarshal(line, &d); err != nil {
		return corpus.ImportItem{}, fmt.Errorf("not a JSON object: %w", err)
	}
	if d.Text == nil {
		return corpus.ImportItem{}, errors.New(`the object has no "text" field`)
	}
	text := corpus.NormalizeText(*d.Text)
	if err := checkText(text); err != nil {
		return corpus.ImportItem{}, err
	}
	src := d.Source
	if src == "" {
		src = where
	}
	return corpus.ImportItem{Origin: where, Doc: corpus.NewDoc{Title: d.Title, Source: src, Text: text, Meta: d.Meta}}, nil
}
