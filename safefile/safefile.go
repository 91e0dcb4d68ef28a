// Package safefile writes files that appear whole or not at all: the bytes
// go to a temporary file beside the target, which is synced and renamed
// into place only when everything is written. Files are created with mode
// 0666 (0777 for folders) less the process's umask, as any other program's
// files are; a cancelled or failed write removes the temporary file.
package safefile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// File is a file being written; it is only at its path after Commit.
type File struct {
	*os.File
	path string
	done bool
}

// Create starts writing the file path. Its folder must exist.
func Create(path string) (*File, error) {
	tmp, err := tempName(path)
	if err != nil {
		return nil, err
	}
	// O_EXCL: never write through a name someone else made; 0666 and the
	// kernel applies the umask.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &File{File: f, path: path}, nil
}

// tempName names the temporary file of path: hidden, beside it, and
// recognisable when a killed process leaves it behind (.NAME.tmp-…).
func tempName(path string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(b[:])), nil
}

// Commit syncs the file, renames it into place and syncs the folder, so
// the file survives a crash from then on.
func (f *File) Commit() error {
	if f.done {
		return errors.New("safefile: commit after commit or abort")
	}
	f.done = true
	tmp := f.Name()
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := os.Rename(tmp, f.path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	return SyncDir(filepath.Dir(f.path))
}

// Abort removes the temporary file; after Commit it does nothing, so it
// can be deferred.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

// SyncDir syncs a folder, making the renames in it durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
