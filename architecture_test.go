package tawsim

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// pkg is what `go list -json` says of a package that this test needs.
type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func goList(t *testing.T, args ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list is not available here: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

const module = "github.com/tawsim/tawsim"

// TestArchitecture checks the dependency rules of docs/ARCHITECTURE.md on
// the packages' own imports (tests may import more).
func TestArchitecture(t *testing.T) {
	pkgs := goList(t, "./...")
	var boltUsers []string
	for _, p := range pkgs {
		if slices.Contains(p.Imports, "go.etcd.io/bbolt") {
			boltUsers = append(boltUsers, p.ImportPath)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			to := strings.TrimPrefix(imp, module+"/")
			if to == "safefile" && rel != "safefile" {
				continue // a leaf every package may use
			}
			if !allowed(rel, to) {
				t.Errorf("%s imports %s, against the dependency rules", rel, to)
			}
		}
	}
	if len(boltUsers) != 1 || boltUsers[0] != module+"/boltstore" {
		t.Errorf("packages importing bbolt: %v, want only boltstore", boltUsers)
	}
	for _, p := range goList(t, "-deps", "./cmd/tawsimctl") {
		if strings.HasPrefix(p.ImportPath, module+"/ui") || strings.HasPrefix(p.ImportPath, "fyne.io/") ||
			strings.HasPrefix(p.ImportPath, "gonum.org/v1/plot") {
			t.Errorf("tawsimctl depends on %s", p.ImportPath)
		}
	}
	// The charts are drawn headless: never through Fyne.
	for _, p := range goList(t, "-deps", "./ui/charts") {
		if strings.HasPrefix(p.ImportPath, "fyne.io/") {
			t.Errorf("ui/charts depends on %s", p.ImportPath)
		}
	}
}

// allowed says whether package from may import package to (both relative
// to the module): cmd → ui → (review, export, bundle) → corpus, with the
// storage backends and the text layout engine beside them; export also
// uses news and dedup, which like assign stand on corpus alone.
func allowed(from, to string) bool {
	top := func(p string) string { a, _, _ := strings.Cut(p, "/"); return a }
	switch {
	case from == "corpus" || from == "textlayout" || from == "fonts":
		// the domain, and the text engine (which only needs the fonts)
		return from == "textlayout" && to == "fonts"
	case from == "corpus/corpustest":
		return to == "corpus"
	case strings.HasSuffix(from, "store"): // boltstore, pgstore: backends
		return to == "corpus"
	case from == "bundle":
		return to == "corpus"
	case from == "news" || from == "dedup" || from == "assign":
		// news extraction, near-duplicates, work planning: the domain only
		return to == "corpus"
	case from == "export" || from == "review":
		return to == "corpus" || (from == "export" && (to == "review" || to == "news" || to == "dedup"))
	case from == "ui/charts":
		// gonum/plot charts whose text the layout engine draws
		return to == "textlayout" || to == "fonts"
	case top(from) == "ui":
		return top(to) != "cmd" && !strings.HasSuffix(to, "store")
	case top(from) == "cmd":
		return true
	case from == "":
		return to == "corpus"
	}
	return false
}
