package bench

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkScaling runs import, list, stats and a CoNLL export on corpora
// of 1,000, 10,000 and 30,000 documents and fails when a command's CPU
// time per document grows by more than half from one size to the next (worse than linear: something reads or sorts the whole
// corpus per document), or when a peak RSS passes 150 MB. CPU time, not
// wall time: the machines are shared.
func BenchmarkScaling(b *testing.B) {
	bin := tawsimctl(b)
	sizes := []int{1000, 10000, 30000}
	const slack = 1.5
	for b.Loop() {
		perDoc := map[string][]time.Duration{} // command → CPU per document, by size
		for _, n := range sizes {
			dir := b.TempDir()
			src := filepath.Join(dir, "corpus.jsonl")
			genCorpus(b, src, n)
			db := filepath.Join(dir, "corpus.db")
			run(b, bin, "--db", db, "init")
			for _, c := range []struct {
				name string
				args []string
			}{
				{"import", []string{"import", "--format", "tawsim", src}},
				{"list", []string{"list"}},
				{"stats", []string{"stats"}},
				{"export", []string{"export", "--format", "conll", "--layer", "amira", "--out", filepath.Join(dir, "out.conll")}},
			} {
				m := run(b, bin, append([]string{"--db", db}, c.args...)...)
				perDoc[c.name] = append(perDoc[c.name], m.cpu/time.Duration(n))
				b.ReportMetric(m.cpu.Seconds(), fmt.Sprintf("%s-%dk-cpu-s", c.name, n/1000))
				b.ReportMetric(float64(m.rss)/1e6, fmt.Sprintf("%s-%dk-MB", c.name, n/1000))
				if (c.name == "import" || c.name == "export") && m.rss > 150e6 {
					b.Errorf("%s of %d documents peaked at %.0f MB (at most 150)", c.name, n, float64(m.rss)/1e6)
				}
			}
		}
		for name, ds := range perDoc {
			for i := 1; i < len(ds); i++ {
				// Each size against the one before: list and stats of 1,000
				// documents are mostly start-up, which would flatter them.
				growth := float64(ds[i]) / float64(ds[i-1])
				b.ReportMetric(growth, fmt.Sprintf("%s-%dk-per-doc-x", name, sizes[i]/1000))
				if growth > slack {
					b.Errorf("%s: CPU per document %v at %d documents, %v at %d: ×%.2f (worse than linear)",
						name, ds[i], sizes[i], ds[i-1], sizes[i-1], growth)
				}
			}
		}
	}
}
