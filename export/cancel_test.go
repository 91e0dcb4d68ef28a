package export

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestExportCancelledLeavesNothing(t *testing.T) {
	docs := seedDocs(t)
	for _, format := range []string{"conll", "doccano", "brat"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			calls := 0
			_, err := Export(format, []Part{{Docs: docs}}, out, Options{Cancelled: func() bool { calls++; return calls > 1 }})
			if !errors.Is(err, ErrCancelled) {
				t.Fatalf("err = %v, want ErrCancelled", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a cancelled export left %d entries, e.g. %s", len(entries), entries[0].Name())
			}
		})
	}
}
