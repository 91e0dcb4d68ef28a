package review

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/tawsim/tawsim/boltstore"
	"github.com/tawsim/tawsim/corpus"
)

const (
	benchDocs      = 10000
	benchMinTokens = 100 // per document: 10,000 documents make 1M+ tokens
)

var benchAnnotators = []string{"amal", "khalid", "salma"}

// buildBenchCorpus writes the synthetic corpus into a new bbolt database
// without fsync and returns its path and token count.
func buildBenchCorpus(b *testing.B) (string, int) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "agree.db")
	s, err := corpus.Open(path, &corpus.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sc, _ := corpus.Preset(corpus.DefaultPreset)
	if err := s.SetSchema(sc); err != nil {
		b.Fatal(err)
	}
	paras := sampleParagraphs(b)
	tokens := 0
	const batch = 500
	for from := 0; from < benchDocs; from += batch {
		items, n := syntheticItems(paras, from, min(from+batch, benchDocs), benchMinTokens, benchAnnotators)
		if _, err := s.Import(items); err != nil {
			b.Fatal(err)
		}
		tokens += n
	}
	return path, tokens
}

// BenchmarkAgreement times review.Agreement over 10,000 documents (1M+
// tokens) with three annotators against two floors measured in the same
// iteration: a bare Store.Scan reading the same documents and layers
// (scan-ratio), and that scan plus cutting each document into its tokens
// (tokens-ratio), the input agreement cannot do without. ns/op is the
// agreement alone (the floors run with the timer stopped).
//
// After the loop, if /usr/bin/time is there, it builds tawsimctl and
// measures the peak resident memory and wall time of `tawsimctl agree`
// and of `tawsimctl stats` on the same database (agree-MB, stats-MB,
// agree-wall-s, stats-wall-s). Both map the database file, so most of
// their resident memory is its pages.
func BenchmarkAgreement(b *testing.B) {
	path, tokens := buildBenchCorpus(b)
	s, err := corpus.Open(path, &corpus.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var agree, scan, tok time.Duration
	iters := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		t0 := time.Now()
		if err := s.Scan(corpus.ScanOptions{Annotators: benchAnnotators}, func(corpus.DocLayers) error { return nil }); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		n := 0
		if err := s.Scan(corpus.ScanOptions{Annotators: benchAnnotators}, func(d corpus.DocLayers) error {
			n += len(d.Doc.Tokens())
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		scan += t1.Sub(t0)
		tok += t2.Sub(t1)
		b.StartTimer()
		t3 := time.Now()
		r, err := Agreement(ctx, s, Options{}, nil)
		agree += time.Since(t3)
		if err != nil {
			b.Fatal(err)
		}
		if r.Universe.Documents != benchDocs || r.Universe.Tokens != tokens || n != tokens {
			b.Fatalf("universe %d documents, %d tokens (scan %d), want %d, %d", r.Universe.Documents, r.Universe.Tokens, n, benchDocs, tokens)
		}
		iters++
	}
	b.StopTimer()
	s.Close()
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "db-MB")
	}
	per := agree.Seconds() / float64(iters)
	b.ReportMetric(float64(benchDocs)/per, "docs/s")
	b.ReportMetric(float64(tokens)/per, "tokens/s")
	b.ReportMetric(float64(tokens), "tokens")
	b.ReportMetric(float64(agree)/float64(scan), "scan-ratio")
	b.ReportMetric(float64(agree)/float64(tok), "tokens-ratio")
	b.ReportMetric(scan.Seconds()/float64(iters)*1e3, "scan-ms")
	b.ReportMetric(tok.Seconds()/float64(iters)*1e3, "scan+tokens-ms")
	peakMemory(b, path)
}

// peakMemory reports the peak RSS of tawsimctl agree and stats on the
// database, measured by /usr/bin/time -v.
func peakMemory(b *testing.B, db string) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Logf("no /usr/bin/time: peak memory not measured")
		return
	}
	bin := filepath.Join(b.TempDir(), "tawsimctl")
	build := exec.Command("go", "build", "-o", bin, "../cmd/tawsimctl")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Logf("building tawsimctl: %v\n%s", err, out)
		return
	}
	agree, agreeWall := peakRSS(b, bin, "--db", db, "agree")
	stats, statsWall := peakRSS(b, bin, "--db", db, "stats")
	b.ReportMetric(agree/1024, "agree-MB")
	b.ReportMetric(stats/1024, "stats-MB")
	b.ReportMetric(agreeWall, "agree-wall-s")
	b.ReportMetric(statsWall, "stats-wall-s")
}

// peakRSS runs the command under /usr/bin/time -v and returns its
// maximum resident set size in KiB and its wall time in seconds.
func peakRSS(b *testing.B, args ...string) (kib, wall float64) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	wall = time.Since(t).Seconds()
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "Maximum resident set size (kbytes): "); ok {
			kib, _ = strconv.ParseFloat(v, 64)
		}
	}
	return kib, wall
}

// BenchmarkAccumulate is agreement's own work without the store: 10,000
// documents of the same synthetic corpus (1,000 distinct ones held in
// memory, fed ten times) through Accumulator.Add, tokenizing included,
// and the report. This is what runs beside the store's scan in Agreement.
func BenchmarkAccumulate(b *testing.B) {
	paras := sampleParagraphs(b)
	const distinct = 1000
	items, _ := syntheticItems(paras, 0, distinct, benchMinTokens, benchAnnotators)
	docs := make([]corpus.Document, len(items))
	for i, it := range items {
		docs[i] = corpus.Document{ID: strconv.Itoa(i), Title: it.Doc.Title, Text: it.Doc.Text, Tokenizer: corpus.TokenizerVersion}
	}
	tokens := 0
	b.ReportAllocs()
	for b.Loop() {
		acc := NewAccumulator(benchAnnotators, Options{})
		tokens = 0
		for i := 0; i < benchDocs; i++ {
			acc.Add(docs[i%distinct], items[i%distinct].Layers)
		}
		r := acc.Report()
		tokens = r.Universe.Tokens
	}
	per := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(benchDocs)/per, "docs/s")
	b.ReportMetric(float64(tokens)/per, "tokens/s")
	b.ReportMetric(float64(tokens), "tokens")
}
