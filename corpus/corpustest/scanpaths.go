package corpustest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// plainBackend hides the optional capabilities of a backend's read
// transactions (corpus.DocScanner), so Scan takes its document-by-document
// path over the same database.
type plainBackend struct{ corpus.Backend }

func (b plainBackend) View(fn func(corpus.ReadTx) error) error {
	return b.Backend.View(func(tx corpus.ReadTx) error { return fn(struct{ corpus.ReadTx }{tx}) })
}

// testScanPaths: Scan yields the same documents and layers, and stops
// with the same error, whether the backend scans itself (DocScanner) or
// Scan reads document by document.
func testScanPaths(t *testing.T, h Harness) {
	s := h.Open(t)
	res, err := s.Import([]corpus.ImportItem{
		{Origin: "a", Doc: corpus.NewDoc{Title: "القمة", Text: SeedText}},
		{Origin: "b", Doc: corpus.NewDoc{Text: "زار الرئيس بكين.\nوالتقى نظيره."}},
		{Origin: "c", Doc: corpus.NewDoc{Text: "ذهب محمد إلى القاهرة."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := res.IDs[0], res.IDs[1], res.IDs[2]
	xi := Find(t, SeedText, "شي جين بينغ")
	assad := Find(t, SeedText, "بشار الأسد")
	for _, ann := range []string{"ليلى", "omar", corpus.Gold} {
		e, err := s.AddEntity(a, ann, corpus.Entity{Start: xi.Start, End: xi.End, Type: "PERS"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddEvent(a, ann, corpus.Event{Type: "Contact.Meet", Trigger: Find(t, SeedText, "محادثات"),
			Arguments: []corpus.Argument{{Role: "Entity", Entity: e.ID}}}); err != nil {
			t.Fatal(err)
		}
	}
	s.AddEntity(a, "omar", corpus.Entity{Start: assad.Start, End: assad.End, Type: "PERS"})
	s.SetStatus(a, "omar", corpus.StatusDone)
	s.AddEntity(c, "omar", corpus.Entity{Start: 4, End: 8, Type: "PERS"})
	s.SetStatus(b, "ليلى", corpus.StatusInProgress) // a layer with a status and no items

	plain := corpus.New(plainBackend{s.Backend()})
	collect := func(st *corpus.Store, opt corpus.ScanOptions) ([]corpus.DocLayers, error) {
		var out []corpus.DocLayers
		err := st.Scan(opt, func(d corpus.DocLayers) error { out = append(out, d); return nil })
		return out, err
	}
	for _, tt := range []struct {
		name    string
		opt     corpus.ScanOptions
		n       int
		missing bool
	}{
		{"everything", corpus.ScanOptions{}, 3, false},
		{"ids and annotators", corpus.ScanOptions{IDs: []string{c, a}, Annotators: []string{"omar", "ليلى"}}, 2, false},
		{"no annotators", corpus.ScanOptions{Annotators: []string{}}, 3, false},
		{"an id twice", corpus.ScanOptions{IDs: []string{b, b}}, 2, false},
		{"an unknown id stops the scan", corpus.ScanOptions{IDs: []string{b, "0190a0b0-0000-7000-8000-00000000dead", a}}, 1, true},
		{"a malformed id stops the scan", corpus.ScanOptions{IDs: []string{a, "nope"}}, 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := collect(s, tt.opt)
			want, wantErr := collect(plain, tt.opt)
			if tt.missing != errors.Is(err, corpus.ErrNotFound) || tt.missing != errors.Is(wantErr, corpus.ErrNotFound) {
				t.Fatalf("errors: scan %v, document by document %v; want ErrNotFound: %v", err, wantErr, tt.missing)
			}
			if !tt.missing && (err != nil || wantErr != nil) {
				t.Fatalf("scan: %v, document by document: %v", err, wantErr)
			}
			if len(got) != tt.n {
				t.Errorf("%d documents, want %d", len(got), tt.n)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the two paths differ:\nscan:                %+v\ndocument by document: %+v", got, want)
			}
		})
	}
}
