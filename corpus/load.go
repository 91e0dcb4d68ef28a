package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxLineBytes bounds one JSONL line; a longer one is reported, not read.
const MaxLineBytes = 16 << 20

// LoadTexts reads plain-text and JSONL files, and folders of them, into
// import items. format is "auto" (by extension: .jsonl/.json are JSONL,
// anything else is text), "txt" or "jsonl". Every error names the file and,
// for JSONL, the line.
func LoadTexts(paths []string, format string) ([]ImportItem, error) {
	switch format {
	case "", "auto", "txt", "jsonl":
	default:
		return nil, fmt.Errorf("unknown text format %q (auto, txt, jsonl)", format)
	}
	files, err := expandPaths(paths, format)
	if err != nil {
		return nil, err
	}
	var items []ImportItem
	for _, f := range files {
		kind := format
		if kind == "" || kind == "auto" {
			kind = "txt"
			if ext := strings.ToLower(filepath.Ext(f)); ext == ".jsonl" || ext == ".json" || ext == ".ndjson" {
				kind = "jsonl"
			}
		}
		var got []ImportItem
		if kind == "jsonl" {
			got, err = loadJSONL(f)
		} else {
			var it ImportItem
			it, err = loadTxt(f)
			got = []ImportItem{it}
		}
		if err != nil {
			return nil, err
		}
		items = append(items, got...)
	}
	return items, nil
}

// expandPaths lists the files to read: files as given, folders walked in
// name order for .txt (and .jsonl) files.
func expandPaths(paths []string, format string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("no files to import")
	}
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if ext == ".txt" || ((format == "auto" || format == "" || format == "jsonl") && (ext == ".jsonl" || ext == ".ndjson")) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("import %s: the folder holds no .txt or .jsonl files", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func loadTxt(path string) (ImportItem, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return ImportItem{}, fmt.Errorf("import %s: %w", path, err)
	}
	if !utf8.Valid(raw) {
		return ImportItem{}, fmt.Errorf("import %s line %d: text is not valid UTF-8 (save it as UTF-8 and import again)", path, badUTF8Line(raw))
	}
	text := NormalizeText(string(raw))
	if err := checkText(text); err != nil {
		return ImportItem{}, fmt.Errorf("import %s: %w", path, err)
	}
	title := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return ImportItem{Origin: path, Doc: NewDoc{Title: title, Source: path, Text: text}}, nil
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

// jsonlDoc is one line of a JSONL import.
type jsonlDoc struct {
	ID     string                     `json:"id"`
	Text   *string                    `json:"text"`
	Title  string                     `json:"title"`
	Source string                     `json:"source"`
	Meta   map[string]json.RawMessage `json:"meta"`
}

func loadJSONL(path string) ([]ImportItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	var items []ImportItem
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
		if !utf8.Valid(line) {
			return nil, fmt.Errorf("import %s: not valid UTF-8", where)
		}
		var d jsonlDoc
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fmt.Errorf("import %s: not a JSON object: %w", where, err)
		}
		if d.Text == nil {
			return nil, fmt.Errorf("import %s: the object has no \"text\" field", where)
		}
		text := NormalizeText(*d.Text)
		if err := checkText(text); err != nil {
			return nil, fmt.Errorf("import %s: %w", where, err)
		}
		src := d.Source
		if src == "" {
			src = where
		}
		items = append(items, ImportItem{Origin: where, Doc: NewDoc{Title: d.Title, Source: src, Text: text, Meta: d.Meta}})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("import %s line %d: line too long (more than %d MiB)", path, n+1, MaxLineBytes>>20)
		}
		return nil, fmt.Errorf("import %s line %d: %w", path, n+1, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("import %s: the file holds no documents", path)
	}
	return items, nil
}
