// Package tawsim holds what the Tawsim binaries share from the repository
// root: the bundled sample articles a new database offers, and the icon.
package tawsim

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

//go:embed testdata/samples/*.txt
var samples embed.FS

//go:embed Icon.png
var icon []byte

// Icon is the application icon (also named in FyneApp.toml for packaging).
func Icon() []byte { return icon }

// Samples returns the bundled Arabic news articles as import items, in
// file name order, titled by their file names.
func Samples() ([]corpus.ImportItem, error) {
	names, err := fs.Glob(samples, "testdata/samples/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	items := make([]corpus.ImportItem, 0, len(names))
	for _, n := range names {
		raw, err := samples.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("sample %s: %w", n, err)
		}
		title := strings.TrimSuffix(path.Base(n), ".txt")
		items = append(items, corpus.ImportItem{Origin: "sample " + title,
			Doc: corpus.NewDoc{Title: title, Source: "tawsim sample", Text: string(raw)}})
	}
	return items, nil
}
