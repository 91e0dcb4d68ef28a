package export

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// benchCorpus builds an annotated corpus of at least n tokens in memory by
// repeating the sample articles, with an entity on about every fifth token
// (one, two or three tokens long) and a nested one now and then.
func benchCorpus(b *testing.B, n int) ([]Doc, int) {
	files, err := filepath.Glob("../testdata/samples/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no samples: %v", err)
	}
	types := []string{"PERS", "GPE", "ORG", "DATE", "OCC"}
	var base []Doc
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := corpus.NormalizeText(string(raw))
		d := NewDoc(corpus.Document{Text: text, SHA256: corpus.TextHash(text), Title: filepath.Base(f)}, corpus.Layer{Annotator: "gold"})
		var ents []corpus.Entity
		for k := 0; k+3 < len(d.Tokens); k += 5 {
			l := 1 + k%3
			ents = append(ents, corpus.Entity{ID: "T" + strconv.Itoa(len(ents)+1), Start: d.Tokens[k].Start, End: d.Tokens[k+l-1].End, Type: types[k%len(types)]})
			if k%35 == 0 && l > 1 {
				ents = append(ents, corpus.Entity{ID: "T" + strconv.Itoa(len(ents)+1), Start: d.Tokens[k].Start, End: d.Tokens[k].End, Type: "NORP"})
			}
		}
		corpus.SortEntities(ents)
		d.Layer.Entities = ents
		base = append(base, d)
	}
	var docs []Doc
	tokens := 0
	for i := 0; tokens < n; i++ {
		d := base[i%len(base)]
		d.Doc.ID = "doc-" + strconv.Itoa(i)
		docs = append(docs, d)
		tokens += len(d.Tokens)
	}
	return docs, tokens
}

// BenchmarkExport measures the export of a 1,000,000-token corpus against
// writing the same bytes with a plain bufio.Writer, both in the same
// b.Loop iteration so that noise hits both. tokens/s is the exporter's
// speed; ratio is exporter time over plain time.
//
// The file view is what a user runs: exportParts, the atomic output
// the pipeline (Run) writes through, writes a temporary file, fsyncs it and renames it into place
// (conll adds labels.txt); the plain writer os.Creates a file in the same
// folder and writes one output line per Write. The two take turns going
// first. synced-ratio compares with the plain writer plus an fsync, the
// same durability Export gives, to show how much of ratio is that fsync.
//
// The discard view writes both to io.Discard: the writer's own CPU cost
// against a memcpy.
func BenchmarkExport(b *testing.B) {
	docs, tokens := benchCorpus(b, 1_000_000)
	for _, format := range []string{"conll", "doccano"} {
		var out bytes.Buffer
		if _, err := Write(format, Output{W: &out}, docs, Options{}); err != nil {
			b.Fatal(err)
		}
		lines := bytes.SplitAfter(out.Bytes(), []byte("\n"))
		f, _ := Formats().Lookup(format)
		b.Run(format+"/file", func(b *testing.B) {
			dir := b.TempDir()
			target := filepath.Join(dir, "corpus"+f.Ext)
			parts := []Part{{Docs: docs}}
			plain := func(sync bool) time.Duration {
				t0 := time.Now()
				if err := writePlain(filepath.Join(dir, "plain"+f.Ext), lines, sync); err != nil {
					b.Fatal(err)
				}
				return time.Since(t0)
			}
			exp := func() time.Duration {
				t0 := time.Now()
				if _, err := exportParts(context.Background(), format, parts, target, Options{}); err != nil {
					b.Fatal(err)
				}
				return time.Since(t0)
			}
			b.SetBytes(int64(out.Len()))
			var writer, floor, synced time.Duration
			i := 0
			for b.Loop() {
				if i%2 == 0 {
					writer += exp()
					floor += plain(false)
				} else {
					floor += plain(false)
					writer += exp()
				}
				synced += plain(true)
				i++
			}
			if got, err := os.ReadFile(target); err != nil || !bytes.Equal(got, out.Bytes()) {
				b.Fatalf("exported file differs from Write's output (%v)", err)
			}
			b.ReportMetric(float64(tokens)*float64(b.N)/writer.Seconds(), "tokens/s")
			b.ReportMetric(writer.Seconds()/floor.Seconds(), "ratio")
			b.ReportMetric(writer.Seconds()/synced.Seconds(), "synced-ratio")
			n := float64(b.N)
			b.ReportMetric(writer.Seconds()*1e3/n, "export-ms")
			b.ReportMetric(floor.Seconds()*1e3/n, "plain-ms")
			b.ReportMetric(synced.Seconds()*1e3/n, "plain+fsync-ms")
		})
		b.Run(format+"/discard", func(b *testing.B) {
			b.SetBytes(int64(out.Len()))
			var writer, floor time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := Write(format, Output{W: io.Discard}, docs, Options{}); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				bw := bufio.NewWriterSize(io.Discard, 256<<10)
				for _, l := range lines {
					bw.Write(l)
				}
				bw.Flush()
				floor += time.Since(t1)
				writer += t1.Sub(t0)
			}
			b.ReportMetric(float64(tokens)*float64(b.N)/writer.Seconds(), "tokens/s")
			b.ReportMetric(writer.Seconds()/floor.Seconds(), "ratio")
			b.ReportMetric(writer.Seconds()*1e3/float64(b.N), "export-ms")
			b.ReportMetric(floor.Seconds()*1e3/float64(b.N), "plain-ms")
		})
	}
}

// writePlain is the baseline: the bytes written to a new file through a
// plain bufio.Writer, one output line per Write, fsynced when sync is set.
func writePlain(path string, lines [][]byte, sync bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	for _, l := range lines {
		bw.Write(l)
	}
	err = bw.Flush()
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
