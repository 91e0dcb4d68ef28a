package export

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/tawsim/tawsim/corpus"
)

// Format is one file format Tawsim writes or reads, with what the CLI's
// help and the app's dialogs say about it. Each format registers itself
// from its own file's init function, in the manner of image.RegisterFormat;
// nothing else in Tawsim lists format names.
type Format struct {
	// Name is what --format takes and the dialogs offer.
	Name string
	// Order places the format in every list (help, dialogs, completion):
	// ascending, ties broken by name. By convention 0–9 are plain
	// articles, 10–29 token formats, 30–59 span JSONL, 60–69 events,
	// 70–79 folders and 80 on native formats.
	Order int
	// Description says in one line what the format is and who reads it.
	Description string
	// Example is a one-line tawsimctl export command, ImportExample an
	// import one; each is empty when the format does not go that way.
	Example, ImportExample string

	// NewWriter makes the format's writer; nil means the format is only
	// read. Ext is the extension of the file it writes, with the dot;
	// Folder says it writes a folder (Output.Dir) instead of a file
	// (Output.W) and has no Ext; Labels says labels.txt goes beside the
	// output. Applies lists the writer options the format honours.
	// AllLayers says the format writes every layer of every document
	// (the native format), so an export's layer and status do not apply.
	NewWriter func(Output, Options) DocWriter
	Ext       string
	Folder    bool
	Labels    bool
	Applies   Option
	AllLayers bool

	// ReadFile reads one file into import items; nil means the format is
	// only written (or, with ByExtension, picks a reader per file). A
	// folder given to import is searched, recursively and in name order,
	// for the files whose extension is in Exts (lower case, with the dot),
	// unless ListFiles is set: then it lists the files to read from the
	// paths given (brat pairs each .ann with its .txt). ReadApplies lists
	// the import options the format honours.
	ReadFile func(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error)
	// StreamFile, when set, reads one file an item at a time, for imports
	// larger than memory (the native and JSONL formats); yield's error
	// stops it. ReadFile is then StreamFile collecting the items.
	StreamFile  func(path string, opt ReadOptions, yield func(corpus.ImportItem) error) (Summary, error)
	Exts        []string
	ListFiles   func(paths []string) ([]string, error)
	ReadApplies Option
	// Streams marks a reader of large files (archives) that honours
	// ReadOptions.Context and Progress within a file; an import holding
	// one reports progress in bytes rather than files.
	Streams bool

	// Articles marks a format of plain articles (no annotations) that a
	// ByExtension format may pick for the extensions in its Exts; a
	// Fallback one also takes the files no article format claims.
	Articles, Fallback bool
	// ByExtension reads each file with the article format its extension
	// names (--format auto).
	ByExtension bool
}

// Writes reports whether the format can be exported.
func (f Format) Writes() bool { return f.NewWriter != nil }

// Reads reports whether the format can be imported.
func (f Format) Reads() bool { return f.ReadFile != nil || f.ByExtension }

// collect makes a ReadFile of a StreamFile.
func collect(stream func(string, ReadOptions, func(corpus.ImportItem) error) (Summary, error)) func(string, ReadOptions) ([]corpus.ImportItem, Summary, error) {
	return func(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
		var items []corpus.ImportItem
		sum, err := stream(path, opt, func(it corpus.ImportItem) error { items = append(items, it); return nil })
		if err != nil {
			return nil, sum, err
		}
		return items, sum, nil
	}
}

func (f Format) check() error {
	switch {
	case f.Name == "" || strings.ContainsAny(f.Name, " \t\n"):
		return fmt.Errorf("format name %q: want a word", f.Name)
	case !f.Writes() && !f.Reads():
		return fmt.Errorf("format %s: neither NewWriter nor ReadFile nor ByExtension", f.Name)
	case f.Writes() && f.Folder && f.Ext != "":
		return fmt.Errorf("format %s writes a folder but has extension %q", f.Name, f.Ext)
	case f.Writes() && !f.Folder && !strings.HasPrefix(f.Ext, "."):
		return fmt.Errorf("format %s writes a file but its extension %q does not start with a dot", f.Name, f.Ext)
	case f.Writes() && f.Example == "" || f.Reads() && f.ImportExample == "":
		return fmt.Errorf("format %s lacks a CLI example for the way it goes", f.Name)
	case f.Folder && f.Labels:
		return fmt.Errorf("format %s writes a folder: labels.txt has no place beside it", f.Name)
	}
	for _, e := range f.Exts {
		if !strings.HasPrefix(e, ".") || strings.ToLower(e) != e {
			return fmt.Errorf("format %s: extension %q: want lower case with a dot", f.Name, e)
		}
	}
	return nil
}

// Registry holds formats by name. The package's own (Formats) is filled
// by the format files' init functions and only read afterwards; a test
// that needs a format of its own registers it in a Clone, so no test
// changes what another sees.
type Registry struct {
	mu     sync.RWMutex
	byName map[string]Format
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{byName: map[string]Format{}} }

var formats = NewRegistry()

// Formats returns the registry of Tawsim's formats, which the CLI and the
// app use.
func Formats() *Registry { return formats }

// Register adds a format to Formats. It is meant for init functions and
// panics on a malformed format or a name used twice, as
// database/sql.Register does: both are mistakes in the program.
func Register(f Format) {
	if err := formats.Register(f); err != nil {
		panic("export.Register: " + err.Error())
	}
}

// Register adds a format to r.
func (r *Registry) Register(f Format) error {
	if err := f.check(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.byName[f.Name]; dup {
		return fmt.Errorf("format %s is registered twice", f.Name)
	}
	f.Exts = append([]string(nil), f.Exts...)
	r.byName[f.Name] = f
	return nil
}

// Clone returns a registry holding the same formats, which can take more
// without changing r.
func (r *Registry) Clone() *Registry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := NewRegistry()
	for n, f := range r.byName {
		c.byName[n] = f
	}
	return c
}

// Lookup returns the named format.
func (r *Registry) Lookup(name string) (Format, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	f, ok := r.byName[name]
	return f, ok
}

// Writers lists the formats that can be exported, in Order.
func (r *Registry) Writers() []Format { return r.list(Format.Writes) }

// Readers lists the formats that can be imported, in Order.
func (r *Registry) Readers() []Format { return r.list(Format.Reads) }

func (r *Registry) list(keep func(Format) bool) []Format {
	r.mu.RLock()
	var out []Format
	for _, f := range r.byName {
		if keep(f) {
			out = append(out, f)
		}
	}
	r.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Names returns the names of formats, for messages and flag help.
func Names(fs []Format) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// writer returns the named format if it can be exported.
func (r *Registry) writer(name string) (Format, error) {
	f, ok := r.Lookup(name)
	if !ok || !f.Writes() {
		return f, requestErrorf("format %q: want one of %s", name, strings.Join(Names(r.Writers()), ", "))
	}
	return f, nil
}

// reader returns the named format if it can be imported.
func (r *Registry) reader(name string) (Format, error) {
	f, ok := r.Lookup(name)
	if !ok || !f.Reads() {
		return f, requestErrorf("format %q: want one of %s", name, strings.Join(Names(r.Readers()), ", "))
	}
	return f, nil
}

// article returns the article format that reads a file with extension
// ext (lower case), for --format auto.
func (r *Registry) article(ext string) (Format, error) {
	var fallback *Format
	for _, f := range r.list(func(f Format) bool { return f.Articles && f.ReadFile != nil }) {
		for _, e := range f.Exts {
			if e == ext {
				return f, nil
			}
		}
		if f.Fallback && fallback == nil {
			fallback = &f
		}
	}
	if fallback == nil {
		return Format{}, errors.New("no article format reads " + ext + " files")
	}
	return *fallback, nil
}

// articleExts lists the extensions of every article format, for the
// folder search of --format auto.
func (r *Registry) articleExts() []string {
	var out []string
	for _, f := range r.list(func(f Format) bool { return f.Articles }) {
		out = append(out, f.Exts...)
	}
	return out
}
