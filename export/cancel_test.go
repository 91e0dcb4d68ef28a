package export

import (
	"context"
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
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := exportParts(ctx, format, []Part{{Docs: docs}}, out, Options{})
			if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want ErrCancelled", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a cancelled export left %d entries, e.g. %s", len(entries), entries[0].Name())
			}
		})
	}
}
