// Package corpustest is the conformance suite for corpus storage backends:
// one set of tests, written against corpus.Store, that every backend must
// pass unchanged. A backend's own test calls Run with a function that
// makes a fresh, empty database and returns its target (a path or URL).
package corpustest

import (
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// SeedText is the kind of sentence annotators receive.
const SeedText = "أجرى الرئيس الصيني، شي جين بينغ، محادثات مع رئيس النظام السوري، بشار الأسد، الجمعة."

// Harness opens the databases of the backend under test.
type Harness struct {
	// NewTarget makes a new, empty database and returns what corpus.Open
	// takes to open it. It may be called many times in one test.
	NewTarget func(t *testing.T) string
}

// Open makes a new database with the wojood schema; it is closed when the
// test ends.
func (h Harness) Open(t *testing.T) *corpus.Store {
	t.Helper()
	s := h.open(t, h.NewTarget(t), nil)
	sc, err := corpus.Preset(corpus.DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	return s
}

// Reopen closes s and opens its database again, as a restart would.
func (h Harness) Reopen(t *testing.T, s *corpus.Store, opt *corpus.Options) *corpus.Store {
	t.Helper()
	target := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return h.open(t, target, opt)
}

func (h Harness) open(t *testing.T, target string, opt *corpus.Options) *corpus.Store {
	t.Helper()
	s, err := corpus.Open(target, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Run runs the whole suite as subtests of t.
func Run(t *testing.T, h Harness) {
	tests := []struct {
		name string
		fn   func(*testing.T, Harness)
	}{
		{"RoundTrip", testRoundTrip},
		{"ValidationRefusals", testValidationRefusals},
		{"EveryWritePath", testEveryWritePath},
		{"IDsNeverReused", testIDsNeverReused},
		{"StatusFollowsWork", testStatusFollowsWork},
		{"Provenance", testProvenance},
		{"Assign", testAssign},
		{"UndoRedoAndCascade", testUndoRedoAndCascade},
		{"UndoAcrossLayers", testUndoAcrossLayers},
		{"ChangeLog", testChangeLog},
		{"ImportIsOneTransaction", testImportIsOneTransaction},
		{"ImportDuplicatesAndLayers", testImportDuplicatesAndLayers},
		{"ImportRestoresLayers", testImportRestoresLayers},
		{"ImportSync", testImportSync},
		{"ImportKeepsTokenization", testImportKeepsTokenization},
		{"NewsFields", testNewsFields},
		{"ImportStream", testImportStream},
		{"UpdateSchemaCarriesAnnotations", testUpdateSchemaCarriesAnnotations},
		{"Resolve", testResolve},
		{"Scan", testScan},
		{"ScanPaths", testScanPaths},
		{"SummariesAndStats", testSummariesAndStats},
		{"ConcurrentReaders", testConcurrentReaders},
		{"LargeDocument", testLargeDocument},
		{"ReadOnly", testReadOnly},
		{"CheckHealthy", testCheckHealthy},
		{"Copy", testCopy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, h) })
	}
}

// Find returns the code point span of the first occurrence of sub in text.
func Find(t testing.TB, text, sub string) corpus.Span {
	t.Helper()
	b := strings.Index(text, sub)
	if b < 0 {
		t.Fatalf("%q not in text", sub)
	}
	start := len([]rune(text[:b]))
	return corpus.Span{Start: start, End: start + len([]rune(sub))}
}

// ImportText imports one text and returns its document id.
func ImportText(t testing.TB, s *corpus.Store, text string) string {
	t.Helper()
	res, err := s.Import([]corpus.ImportItem{{Origin: "test", Doc: corpus.NewDoc{Title: "t", Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	return res.IDs[0]
}
