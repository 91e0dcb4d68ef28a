package export

import (
	"context"
	"fmt"

	"github.com/tawsim/tawsim/corpus"
)

// runStreaming imports through corpus.ImportStream: the files are read
// twice (once to check everything, once to store it in batches), an item
// at a time where the format can (StreamFile), so memory holds one batch
// whatever the size of the import, and a bad item anywhere still stores
// nothing. Formats that sort near-duplicates need every article at once
// and take the other path.
func runStreaming(ctx context.Context, store *corpus.Store, reg *Registry, f Format, req ImportRequest, opt ReadOptions, progress func(done, total int)) (Report, error) {
	files, err := listFiles(reg, f, req.Paths)
	if err != nil {
		return Report{}, err
	}
	readers := make([]Format, len(files))
	for i, file := range files {
		readers[i] = f
		if f.ByExtension {
			if readers[i], err = reg.article(fileExt(file)); err != nil {
				return Report{}, fmt.Errorf("import %s: %w", file, err)
			}
		}
	}
	opt.Context = ctx
	var sum Summary
	cut, total, passes := 0, 0, 0
	pass := func(yield func(corpus.ImportItem) error) error {
		passes++
		first := passes == 1
		s := Summary{Format: f.Name}
		done := 0
		emit := func(it corpus.ImportItem) error {
			pieces, n, err := limitItems([]corpus.ImportItem{it}, req.MaxChars, req.SplitLong)
			if err != nil {
				return err
			}
			if first {
				cut += n
				total += len(pieces)
			} else if progress != nil {
				done += len(pieces)
				progress(done, total)
			}
			for _, p := range pieces {
				if err := yield(p); err != nil {
					return err
				}
			}
			return nil
		}
		for i, file := range files {
			fs, err := readStream(readers[i], file, opt, emit)
			if err != nil {
				return err
			}
			s.add(fs)
			if fs.Scheme != "" {
				s.Scheme = fs.Scheme
			}
		}
		if first {
			sum = s
		}
		return nil
	}
	res, err := store.ImportStream(ctx, pass)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Summary: sum, Notes: sum.Notes, Import: &res}
	rep.Summary.Notes = nil
	if cut > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d long texts cut at paragraph breaks into documents of at most %s characters (--split-long)", cut, thousands(req.MaxChars)))
	}
	return rep, nil
}

// readStream reads one file item by item: with the format's StreamFile,
// or its ReadFile (one file's items in memory) otherwise.
func readStream(f Format, path string, opt ReadOptions, yield func(corpus.ImportItem) error) (Summary, error) {
	if f.StreamFile != nil {
		return f.StreamFile(path, opt, yield)
	}
	items, sum, err := f.ReadFile(path, opt)
	if err != nil {
		return sum, err
	}
	for _, it := range items {
		if err := yield(it); err != nil {
			return sum, err
		}
	}
	return sum, nil
}
