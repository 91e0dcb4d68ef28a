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
	readers := make([]Format, len(files))
	for i, file := range files {
		readers[i] = f
		if f.ByExtension {
			if readers[i], err = reg.article(fileExt(file)); err != nil {
				return nil, sum, fmt.Errorf("import %s: %w", file, err)
			}
		}
	}
	opt.Context = ctx
	bp := newByteProgress(files, readers, progress)
	var items []corpus.ImportItem
	for i, file := range files {
		if err := cancelled(ctx); err != nil {
			return nil, sum, err
		}
		rf := readers[i]
		opt.Progress = bp.within(i)
		got, s, err := rf.ReadFile(file, opt)
		if err != nil {
			return nil, sum, err
		}
		items = append(items, got...)
		sum.add(s)
		if s.Scheme != "" {
			sum.Scheme = s.Scheme
		}
		switch {
		case bp != nil:
			bp.done(i)
		case progress != nil:
			progress(i+1, len(files))
		}
	}
	return items, sum, nil
}

// fileExt is a file's extension in lower case, with the one before it
// for a compressed file: x.warc.gz gives .warc.gz.
func fileExt(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		if inner := strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path)))); inner != "" {
			return inner + ext
		}
	}
	return ext
}

// byteProgress reports an import's progress in bytes of its files, for
// imports holding an archive (a format that Streams), where one file can
// take minutes. Progress is told at most once per thousandth.
type byteProgress struct {
	sizes    []int64
	before   []int64 // bytes of the files before each one
	total    int64
	last     int64
	progress func(done, total int)
}

// newByteProgress returns nil when no file is read by a streaming format
// or nobody listens: progress then goes by file.
func newByteProgress(files []string, readers []Format, progress func(done, total int)) *byteProgress {
	if progress == nil || !slices.ContainsFunc(readers, func(f Format) bool { return f.Streams }) {
		return nil
	}
	bp := &byteProgress{sizes: make([]int64, len(files)), before: make([]int64, len(files)), last: -1, progress: progress}
	for i, f := range files {
		if st, err := os.Stat(f); err == nil {
			bp.sizes[i] = st.Size()
		}
		bp.before[i] = bp.total
		bp.total += bp.sizes[i]
	}
	return bp
}

// within is the ReadOptions.Progress for file i; nil without bytes.
func (bp *byteProgress) within(i int) func(read, size int64) {
	if bp == nil {
		return nil
	}
	return func(read, _ int64) { bp.tell(bp.before[i] + min(read, bp.sizes[i])) }
}

// done reports file i read whole.
func (bp *byteProgress) done(i int) { bp.tell(bp.before[i] + bp.sizes[i]) }

func (bp *byteProgress) tell(n int64) {
	if bp.total <= 0 {
		return
	}
	if step := n * 1000 / bp.total; step != bp.last || n == bp.total {
		bp.last = step
		bp.progress(int(n), int(bp.total))
	}
}

// ProgressUnit is what RunImport's progress counts for req: "bytes"
// when it reads an archive (a format that Streams), else "files".
func ProgressUnit(req ImportRequest) string {
	req, f, err := req.resolve()
	if err != nil {
		return "files"
	}
	reg := req.Formats
	if reg == nil {
		reg = formats
	}
	if f.Streams {
		return "bytes"
	}
	if !f.ByExtension {
		return "files"
	}
	files, err := listFiles(reg, f, req.Paths)
	if err != nil {
		return "files"
	}
	for _, file := range files {
		if a, err := reg.article(fileExt(file)); err == nil && a.Streams {
			return "bytes"
		}
	}
	return "files"
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
		if slices.Contains(exts, fileExt(path)) {
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

// ctxOf is the reader's context, never nil.
func ctxOf(opt ReadOptions) context.Context {
	if opt.Context == nil {
		return context.Background()
	}
	return opt.Context
}
