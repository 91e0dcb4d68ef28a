package corpus

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tawsim/tawsim/safefile"
)

// Backuper is an optional Backend capability: a consistent copy of the
// whole database as one file, written while others go on working.
type Backuper interface {
	Backup(w io.Writer) (int64, error)
}

// Backup writes a consistent copy of the database to the file path, which
// appears only when complete. It refuses to overwrite an existing file
// unless overwrite is set, and never writes over the database itself.
func (s *Store) Backup(path string, overwrite bool) (int64, error) {
	b, ok := s.be.(Backuper)
	if !ok {
		return 0, fmt.Errorf("backup: the %s backend makes no file copies (use its own tools)", s.Info().Kind)
	}
	if same(path, s.Path()) {
		return 0, fmt.Errorf("backup: %s is the database itself; choose another file", path)
	}
	if _, err := os.Stat(path); err == nil && !overwrite {
		return 0, fmt.Errorf("backup: %s exists (choose another name, or overwrite it)", path)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, fmt.Errorf("backup: %w", err)
	}
	f, err := safefile.Create(path)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer f.Abort()
	n, err := b.Backup(f)
	if err != nil {
		return n, fmt.Errorf("backup to %s: %w", path, err)
	}
	return n, f.Commit()
}

func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	return aa == ab
}
