package export

import (
	"bufio"
	"bytes"
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

// BenchmarkExport writes a 1,000,000-token corpus and, in the same run,
// the same bytes through a plain bufio.Writer one output line per Write,
// the floor any writer of that output pays. tokens/s is the writer's speed;
// ratio is writer time over floor time.
func BenchmarkExport(b *testing.B) {
	docs, tokens := benchCorpus(b, 1_000_000)
	for _, format := range []string{"conll", "doccano"} {
		b.Run(format, func(b *testing.B) {
			var out bytes.Buffer
			if _, err := Write(format, &out, docs, Options{}); err != nil {
				b.Fatal(err)
			}
			lines := bytes.SplitAfter(out.Bytes(), []byte("\n"))
			b.SetBytes(int64(out.Len()))
			b.ResetTimer()
			var writer, floor time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := Write(format, io.Discard, docs, Options{}); err != nil {
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
		})
	}
}
