package bench

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tawsimctl builds the command once per test binary.
func tawsimctl(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(os.TempDir(), fmt.Sprintf("tawsimctl-bench-%d", os.Getpid()))
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/tawsimctl")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("build tawsimctl: %v\n%s", err, out)
	}
	return bin
}

// run runs tawsimctl and returns its wall time and peak resident memory.
func run(tb testing.TB, bin string, args ...string) (time.Duration, int64) {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		tb.Fatalf("tawsimctl %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	took := time.Since(start)
	rss := int64(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss << 10 // kilobytes on Linux
	}
	return took, rss
}

// floor reads the file at from and writes as many bytes as the file at
// out holds, synced: what any export of that output must at least cost.
func floor(tb testing.TB, from, out string) time.Duration {
	tb.Helper()
	st, err := os.Stat(out)
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	raw, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	f, err := os.Create(out + ".floor")
	if err != nil {
		tb.Fatal(err)
	}
	buf := make([]byte, 1<<20)
	for n := st.Size(); n > 0; n -= int64(len(buf)) {
		f.Write(buf[:min(n, int64(len(buf)))])
	}
	f.Sync()
	f.Close()
	runtime.KeepAlive(raw)
	took := time.Since(start)
	os.Remove(out + ".floor")
	return took
}

// corpusOf makes (once per size) a database of n generated documents.
func corpusOf(b *testing.B, bin string, n int) (db string, tokens int) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("tawsim-bench-%d-%d", os.Getpid(), n))
	db = filepath.Join(dir, "corpus.db")
	src := filepath.Join(dir, "corpus.jsonl")
	if _, err := os.Stat(db); err == nil {
		return db, readTokens(b, dir)
	}
	os.MkdirAll(dir, 0o755)
	tokens = genCorpus(b, src, n)
	os.WriteFile(filepath.Join(dir, "tokens"), []byte(fmt.Sprint(tokens)), 0o644)
	run(b, bin, "--db", db, "init")
	run(b, bin, "--db", db, "import", "--format", "tawsim", src)
	return db, tokens
}

func readTokens(b *testing.B, dir string) int {
	raw, _ := os.ReadFile(filepath.Join(dir, "tokens"))
	var n int
	fmt.Sscan(string(raw), &n)
	return n
}

// BenchmarkCommands runs whole tawsimctl commands on a corpus of 10,000
// documents (about 1.4M tokens, three annotators): import, list, stats and
// an export per token format, reporting tokens/s, the ratio to the floor
// and peak RSS.
func BenchmarkCommands(b *testing.B) {
	bin := tawsimctl(b)
	n := 10000
	if s := os.Getenv("TAWSIM_BENCH_DOCS"); s != "" {
		fmt.Sscan(s, &n)
	}
	for b.Loop() {
		dir := b.TempDir()
		src := filepath.Join(dir, "corpus.jsonl")
		tokens := genCorpus(b, src, n)
		db := filepath.Join(dir, "corpus.db")
		run(b, bin, "--db", db, "init")
		took, rss := run(b, bin, "--db", db, "import", "--format", "tawsim", src)
		fl := floor(b, src, db)
		b.ReportMetric(float64(tokens)/took.Seconds(), "import-tokens/s")
		b.ReportMetric(float64(took)/float64(fl), "import-x-floor")
		b.ReportMetric(float64(rss)/1e6, "import-MB")
		took, rss = run(b, bin, "--db", db, "list")
		b.ReportMetric(took.Seconds()*1000, "list-ms")
		took, _ = run(b, bin, "--db", db, "stats")
		b.ReportMetric(took.Seconds()*1000, "stats-ms")
		for _, f := range []string{"conll", "conll2003", "hf", "spacy"} {
			out := filepath.Join(dir, "out."+f)
			took, rss := run(b, bin, "--db", db, "export", "--format", f, "--layer", "amira", "--out", out)
			fl := floor(b, db, out)
			b.ReportMetric(float64(tokens)/took.Seconds(), f+"-tokens/s")
			b.ReportMetric(float64(took)/float64(fl), f+"-x-floor")
			b.ReportMetric(float64(rss)/1e6, f+"-MB")
		}
	}
}
