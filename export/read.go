package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// MaxLineBytes bounds one line of an imported file; a longer one is
// reported, not read.
const MaxLineBytes = 16 << 20

// Read reads files of a registered format (folders searched as import
// does) into import items, with no store involved. RunImport is the
// whole import; this is for tools and tests that want the items.
func Read(format string, paths []string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	f, err := formats.reader(format)
	if err != nil {
		return nil, Summary{Format: format}, err
	}
	return readFiles(context.Background(), formats, f, paths, opt, nil)
}

// readFiles lists the files to read from paths and reads them one by one,
// reporting progress by file and stopping when ctx is cancelled.
func readFiles(ctx context.Context, reg *Registry, f Format, paths []string, opt ReadOptions, progress func(done, total int)) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: f.Name}
	files, err := listFiles(reg, f, paths)
	if err != nil {
		return nil, sum, err
	}
	var items []corpus.ImportItem
	for i, file := range files {
		if err := cancelled(ctx); err != nil {
			return nil, sum, err
		}
		rf := f
		if f.ByExtension {
			if rf, err = reg.article(strings.ToLower(filepath.Ext(file))); err != nil {
				return nil, sum, fmt.Errorf("import %s: %w", file, err)
			}
		}
		got, s, err := rf.ReadFile(file, opt)
		if err != nil {
			return nil, sum, err
		}
		items = append(items, got...)
		sum.add(s)
		if s.Scheme != "" {
			sum.Scheme = s.Scheme
		}
		if progress != nil {
			progress(i+1, len(files))
		}
	}
	return items, sum, nil
}

// listFiles lists the files a format reads from the paths given: its own
// ListFiles, or the files as named and the folders searched for its
// extensions (every article format's with ByExtension).
func listFiles(reg *Registry, f Format, paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("no files to import")
	}
	if f.ListFiles != nil {
		return f.ListFiles(paths)
	}
	exts := f.Exts
	if f.ByExtension {
		exts = reg.articleExts()
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
		found, err := searchFolder(p, exts)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	return out, nil
}

// searchFolder lists the files under dir ending in one of exts, in name
// order, leaving out hidden folders.
func searchFolder(dir string, exts []string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
			found = append(found, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", dir, err)
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("import %s: the folder holds no %s files", dir, orList(exts))
	}
	sort.Strings(found)
	return found, nil
}
