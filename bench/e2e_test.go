package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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

// BenchmarkCommands runs whole tawsimctl commands on a corpus of 10,000
// documents (about 1.6M tokens, three annotators; TAWSIM_BENCH_DOCS sets
// another size): import, list, stats and an export per token format,
// reporting tokens/s, the ratio to the floor and peak RSS.
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
		m := run(b, bin, "--db", db, "import", "--format", "tawsim", src)
		fl := floor(b, src, db)
		b.ReportMetric(float64(tokens)/m.wall.Seconds(), "import-tokens/s")
		b.ReportMetric(float64(tokens)/m.cpu.Seconds(), "import-tokens/cpu-s")
		b.ReportMetric(float64(m.wall)/float64(fl), "import-x-floor")
		b.ReportMetric(float64(m.rss)/1e6, "import-MB")
		m = run(b, bin, "--db", db, "list")
		b.ReportMetric(m.wall.Seconds()*1000, "list-ms")
		m = run(b, bin, "--db", db, "stats")
		b.ReportMetric(m.wall.Seconds()*1000, "stats-ms")
		for _, f := range []string{"conll", "conll2003", "hf", "spacy"} {
			out := filepath.Join(dir, "out."+f)
			m := run(b, bin, "--db", db, "export", "--format", f, "--layer", "amira", "--out", out)
			fl := floor(b, db, out)
			b.ReportMetric(float64(tokens)/m.wall.Seconds(), f+"-tokens/s")
			b.ReportMetric(float64(m.wall)/float64(fl), f+"-x-floor")
			b.ReportMetric(float64(m.rss)/1e6, f+"-MB")
		}
	}
}
