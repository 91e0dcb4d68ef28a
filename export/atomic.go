package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// commitSet collects files and folders written under temporary names in
// their target folders (so the final rename never crosses file systems)
// and renames them all into place at the end.
type commitSet struct {
	items []pending
}

type pending struct {
	tmp, final string
	f          *os.File // nil for a folder
}

// file creates a temporary file that commit renames to final.
func (c *commitSet) file(final string) (*os.File, error) {
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export %s: %w", final, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", final, err)
	}
	c.items = append(c.items, pending{tmp: f.Name(), final: final, f: f})
	return f, nil
}

// dir creates (once) a temporary folder that commit puts at final.
func (c *commitSet) dir(final string) (string, error) {
	for _, p := range c.items {
		if p.f == nil && p.final == final {
			return p.tmp, nil
		}
	}
	if st, err := os.Stat(final); err == nil && !st.IsDir() {
		return "", fmt.Errorf("export %s: it exists and is not a folder", final)
	}
	parent := filepath.Dir(filepath.Clean(final))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("export %s: %w", final, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("export %s: %w", final, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	c.items = append(c.items, pending{tmp: tmp, final: final})
	return tmp, nil
}

// commit syncs and renames everything into place. A folder that already
// exists is replaced: it is moved aside first and removed only after the
// new one is in place.
func (c *commitSet) commit() error {
	for _, p := range c.items {
		if p.f == nil {
			continue
		}
		err := p.f.Sync()
		if err == nil {
			err = p.f.Chmod(0o644)
		}
		if cerr := p.f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("export %s: %w", p.final, err)
		}
	}
	dirs := map[string]bool{}
	for i, p := range c.items {
		if p.f != nil {
			if err := os.Rename(p.tmp, p.final); err != nil {
				return fmt.Errorf("export %s: %w", p.final, err)
			}
		} else if err := replaceDir(p.tmp, p.final); err != nil {
			return fmt.Errorf("export %s: %w", p.final, err)
		}
		dirs[filepath.Dir(p.final)] = true
		c.items[i].tmp = ""
	}
	c.items = nil
	// A rename is durable only once its folder is synced; without this a
	// crash right after the export could still lose the new names.
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return fmt.Errorf("export %s: %w", d, err)
		}
	}
	return nil
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func replaceDir(tmp, final string) error {
	old := ""
	if _, err := os.Stat(final); err == nil {
		old = final + ".old-" + filepath.Base(tmp)
		if err := os.Rename(final, old); err != nil {
			return err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		if old != "" {
			os.Rename(old, final)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// abort removes whatever commit has not put in place.
func (c *commitSet) abort() {
	for _, p := range c.items {
		if p.f != nil {
			p.f.Close()
		}
		if p.tmp != "" {
			os.RemoveAll(p.tmp)
		}
	}
	c.items = nil
}
