package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

type corpusItem = corpus.ImportItem

// fuzzRead writes data to a file and reads it with a reader: it may
// refuse the file, with the file named, but must not panic, and what it
// returns is valid text.
func fuzzReadNews(t *testing.T, name string, data []byte, read func(string, ReadOptions) ([]itemLike, error)) {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	items, err := read(path, ReadOptions{})
	if err != nil {
		if !strings.Contains(err.Error(), path) {
			t.Errorf("the error does not name the file: %v", err)
		}
		return
	}
	for _, it := range items {
		if err := checkText(it.text); err != nil {
			t.Errorf("%s: %v", it.origin, err)
		}
	}
}

type itemLike struct{ origin, text string }

func adapt(r func(string, ReadOptions) ([]corpusItem, Summary, error)) func(string, ReadOptions) ([]itemLike, error) {
	return func(p string, o ReadOptions) ([]itemLike, error) {
		items, _, err := r(p, o)
		out := make([]itemLike, len(items))
		for i, it := range items {
			out[i] = itemLike{it.Origin, it.Doc.Text}
		}
		return out, err
	}
}

func FuzzReadWARC(f *testing.F) {
	var b strings.Builder
	writeWARC(f, &b, archiveRecords(f)[:5], false)
	f.Add([]byte(b.String()))
	b.Reset()
	writeWARC(f, &b, archiveRecords(f)[6:9], true)
	f.Add([]byte(b.String()))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999\r\nContent-Type: application/http;msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzReadNews(t, "x.warc", data, adapt(readWARC))
	})
}

func FuzzReadFeed(f *testing.F) {
	raw, err := os.ReadFile("../testdata/feed/aljazeera.rss")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>عنوان</title><content type="html">&lt;p&gt;نص الخبر.&lt;/p&gt;</content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzReadNews(t, "x.rss", data, adapt(readFeed))
	})
}
