package export

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var benchWARC = flag.String("benchwarc", "", "write the benchmark's 10,000-page archive to this .warc.gz file (TestWriteBenchWARC) and stop")

// benchVocab is the words of the fixtures' article texts.
func benchVocab(tb testing.TB) []string {
	var words []string
	files, _ := filepath.Glob("../testdata/news/*.want")
	files = append(files, "../testdata/seed/000_b82b1847b879165f.txt")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		words = append(words, strings.Fields(string(raw))...)
	}
	return words
}

// benchPage is a page in the Al Jazeera-like layout (navigation, share
// bar, related links, footer) around an article of random sentences: in
// Arabic, or for one page in ten in English.
func benchPage(r *rand.Rand, vocab []string, i int) []byte {
	var b strings.Builder
	english := i%10 == 9
	lang := "ar"
	if english {
		lang = "en"
	}
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="%s" dir="rtl"><head><meta charset="utf-8"><title>خبر رقم %d | موقع الأخبار</title>
<meta property="og:site_name" content="موقع %d"><meta property="article:published_time" content="2024-%02d-%02dT10:00:00+03:00">
<link rel="canonical" href="https://news%d.example/article/%d"></head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<main><article><h1>خبر رقم %d</h1><div class="article-share"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div><div class="article-body">`,
		lang, i, i%40, 1+i%12, 1+i%28, i%40, i, i)
	for p := 0; p < 6+r.IntN(4); p++ {
		b.WriteString("<p>")
		n := 25 + r.IntN(30)
		for w := 0; w < n; w++ {
			if english {
				b.WriteString([]string{"the", "minister", "said", "talks", "would", "resume", "next", "week", "in", "capital"}[r.IntN(10)])
			} else {
				b.WriteString(vocab[r.IntN(len(vocab))])
			}
			b.WriteByte(' ')
		}
		b.WriteString("نهاية.</p>\n")
	}
	b.WriteString(`</div></article><section class="related-articles"><h2>أخبار ذات صلة</h2><ul><li><a href="/1">عنوان أول</a></li><li><a href="/2">عنوان ثان</a></li></ul></section></main>
<footer><p>جميع الحقوق محفوظة</p></footer></body></html>`)
	return []byte(b.String())
}

// writeBenchArchive writes n pages (one in a hundred a repeat of the
// one before, in place of an English one) as a gzipped archive.
func writeBenchArchive(tb testing.TB, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	vocab := benchVocab(tb)
	r := rand.New(rand.NewPCG(10000, 1))
	var prev []byte
	batch := make([]warcRec, 0, 100)
	for i := range n {
		page := benchPage(r, vocab, i)
		if i%100 == 99 {
			page = prev
		}
		prev = page
		batch = append(batch, response(200, "text/html; charset=utf-8", page).at(fmt.Sprintf("https://news%d.example/article/%d", i%40, i)))
		if len(batch) == cap(batch) || i == n-1 {
			writeWARC(tb, w, batch, true)
			batch = batch[:0]
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// TestWriteBenchWARC writes the benchmark's archive for a run of the built
// tawsimctl: go test ./export -run TestWriteBenchWARC -benchwarc /tmp/bench.warc.gz
func TestWriteBenchWARC(t *testing.T) {
	if *benchWARC == "" {
		t.Skip("no -benchwarc")
	}
	writeBenchArchive(t, *benchWARC, 10000)
}

var benchOnce sync.Once

// BenchmarkImportWARC imports an archive of 10,000 pages (9,000 Arabic,
// 900 English, 100 repeats) into a new database: the whole import,
// from reading the archive to the stored transaction. It reports pages
// per second and the peak of the Go heap during the import.
func BenchmarkImportWARC(b *testing.B) {
	path := filepath.Join(os.TempDir(), "tawsim-bench-10000.warc.gz")
	benchOnce.Do(func() {
		if _, err := os.Stat(path); err != nil {
			writeBenchArchive(b, path, 10000)
		}
	})
	b.ReportAllocs()
	for b.Loop() {
		s := openStore(b)
		peak := watchHeap()
		start := time.Now()
		rep, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{path}}, nil)
		el := time.Since(start)
		top := peak()
		if err != nil {
			b.Fatal(err)
		}
		n := rep.Summary.News
		if n.Pages != 10000 || n.NotArabic != 900 || n.Duplicates != 100 {
			b.Fatalf("counts %+v", n)
		}
		b.ReportMetric(float64(n.Pages)/el.Seconds(), "pages/s")
		b.ReportMetric(float64(top)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(rep.Import.Added), "docs")
	}
}

// watchHeap samples the heap in use until the returned function is
// called, which returns the highest sample.
func watchHeap() func() uint64 {
	var top uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			top = max(top, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); <-stopped; return top }
}
