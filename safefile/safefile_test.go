package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(dir, "الصين.conll")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("الصين B-GPE\n")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the file is visible before Commit")
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v (%v), want 0640 from umask 027", st.Mode().Perm(), err)
	}
	g, _ := Create(filepath.Join(dir, "b.txt"))
	g.WriteString("x")
	g.Abort()
	f.Abort() // after Commit: nothing
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".conll") {
		t.Errorf("left behind: %v", entries)
	}
}
