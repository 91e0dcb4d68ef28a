package corpus

import (
	"strings"
	"testing"
)

// benchText repeats the seed article until it holds at least minTokens
// tokens, so the benchmark measures steady-state throughput on real Arabic.
func benchText(b *testing.B, minTokens int) (string, int) {
	b.Helper()
	seed := readSeed(b)
	per := len(Tokenize(seed))
	n := (minTokens + per - 1) / per
	text := strings.Repeat(seed+"\n", n)
	return text, len(Tokenize(text))
}

func BenchmarkTokenize(b *testing.B) {
	text, ntok := benchText(b, 100_000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkSplitSentences(b *testing.B) {
	text, ntok := benchText(b, 100_000)
	toks := Tokenize(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		SplitSentences(text, toks)
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkNewIndex(b *testing.B) {
	text, _ := benchText(b, 100_000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(text)
	}
}
