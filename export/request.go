package export

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// ExportRequest is everything an export is asked for. The CLI's flags and
// the app's dialog fill the same fields; empty ones take the defaults of
// DefaultExport.
type ExportRequest struct {
	Format string // a writer in Formats (required)
	Layer  string // gold, majority or an annotator's name
	Status string // done or all (see Statuses)
	// Out is the file (folder for a folder format) to write. Empty gives
	// corpus.EXT (corpus-FORMAT for a folder); the format's extension is
	// added when Out has none. "-" writes to Stdout (one file, no split).
	Out    string
	Stdout io.Writer
	// Split is "train/dev/test" or "train/test" proportions by document,
	// like 80/10/10; empty writes one part. Seed orders the split.
	Split string
	Seed  int64
	// The writer options; each applies to the formats whose Applies has it.
	Scheme   string // iob2, bioes or iob1
	Sep      string // space or tab
	DocStart bool
	Nested   string // outer or columns
	Tokens   string // words or split
	// Force writes a split even when a part would get no document.
	Force bool
	// Formats is the registry the format is looked up in; nil means
	// Formats().
	Formats *Registry
}

// DefaultExport is the request with every default spelled out, so that
// the CLI's flags and the app's dialog start from the same values.
func DefaultExport() ExportRequest {
	return ExportRequest{Layer: LayerGold, Status: Statuses()[0], Seed: 1,
		Scheme: OptScheme.Choices()[0], Sep: OptSep.Choices()[0], Nested: OptNested.Choices()[0], Tokens: OptTokens.Choices()[0]}
}

// Resolve checks the request and fills in its defaults and output name.
// Mistakes in the request come back as a *RequestError; Run calls it, and
// a caller may call it first to refuse a bad request before opening a
// store.
func (req ExportRequest) Resolve() (ExportRequest, error) {
	r, _, _, err := req.resolve()
	return r, err
}

// resolve is Resolve that also returns the format and the split ratios.
func (req ExportRequest) resolve() (ExportRequest, Format, []int, error) {
	reg := req.registry()
	if req.Format == "" {
		return req, Format{}, nil, requestErrorf("no format given: want one of %s", strings.Join(Names(reg.Writers()), ", "))
	}
	f, err := reg.writer(req.Format)
	if err != nil {
		return req, f, nil, err
	}
	def := DefaultExport()
	fill := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	fill(&req.Layer, def.Layer)
	fill(&req.Status, def.Status)
	fill(&req.Scheme, def.Scheme)
	fill(&req.Sep, def.Sep)
	fill(&req.Nested, def.Nested)
	fill(&req.Tokens, def.Tokens)
	if err := checkChoice("status", req.Status, Statuses()); err != nil {
		return req, f, nil, err
	}
	if err := checkChoice("sep", req.Sep, OptSep.Choices()); err != nil {
		return req, f, nil, err
	}
	opt := req.options(nil)
	if err := opt.check(); err != nil {
		return req, f, nil, err
	}
	var ratios []int
	if req.Split != "" {
		if ratios, err = ParseSplit(req.Split); err != nil {
			return req, f, nil, err
		}
	}
	req.Out, err = outName(f, req.Out, ratios != nil, req.Stdout != nil)
	return req, f, ratios, err
}

func (req ExportRequest) registry() *Registry {
	if req.Formats != nil {
		return req.Formats
	}
	return formats
}

// options are the writer options of the request.
func (req ExportRequest) options(schema *corpus.Schema) Options {
	return Options{Scheme: req.Scheme, Tab: req.Sep == "tab", DocStart: req.DocStart, Nested: req.Nested,
		Tokens: req.Tokens, Schema: schema}
}

// outName is the output of format f: the default name when out is empty,
// the format's extension added when out has none.
func outName(f Format, out string, split, stdout bool) (string, error) {
	switch {
	case out == "" && f.Folder:
		return "corpus-" + f.Name, nil
	case out == "":
		return "corpus" + f.Ext, nil
	case out == "-" && f.Folder:
		return out, requestErrorf("%s writes a folder; give --out a folder name", f.Name)
	case out == "-" && split:
		return out, requestErrorf("--split writes several files; give --out a file name")
	case out == "-" && !stdout:
		return out, requestErrorf("there is no standard output here; give --out a file name")
	case out == "-" || f.Folder || filepath.Ext(out) != "":
		return out, nil
	}
	return out + f.Ext, nil
}

// ImportRequest is everything an import is asked for, filled by the CLI's
// flags and the app's dialog alike; empty fields take the defaults of
// DefaultImport.
type ImportRequest struct {
	Format string   // a reader in Formats
	Paths  []string // files and folders
	// Annotator is whose layer the annotations become (formats whose
	// ReadApplies has OptAnnotator); Scheme the CoNLL tag scheme, auto
	// to detect it (OptScheme).
	Annotator string
	Scheme    string
	// News reads .txt files as news pages saved as text (OptNews).
	// ReadAlso is what becomes of a second story under "read also":
	// separate or drop (OptReadAlso). NearDups is what becomes of an
	// article that nearly duplicates one already in the corpus or earlier
	// in the import (OptNearDups): keep it (its meta names the documents
	// it nearly duplicates), skip it, or report the clusters and store
	// nothing.
	News     bool
	ReadAlso string
	NearDups string
	// Columns declares a CoNLL file's columns (OptColumns);
	// DocSentences makes documents of that many sentences
	// (OptDocSentences), 0 keeps the file's documents.
	Columns      string
	DocSentences int
	// MaxChars bounds one document's text (0: DefaultMaxChars; -1: no
	// limit); SplitLong cuts a longer article at paragraph breaks instead
	// of refusing it.
	MaxChars  int
	SplitLong bool
	Formats   *Registry // nil means Formats()
}

// DefaultImport is the import request with every default spelled out;
// its format is the first reader of Formats() (auto, which picks by
// extension).
func DefaultImport() ImportRequest {
	return ImportRequest{Format: firstName(formats.Readers()), Annotator: "import", Scheme: ImportSchemes()[0],
		ReadAlso: OptReadAlso.Choices()[0], NearDups: OptNearDups.Choices()[0]}
}

func firstName(fs []Format) string {
	if len(fs) == 0 {
		return ""
	}
	return fs[0].Name
}

// Resolve checks the request and fills in its defaults; mistakes come back
// as a *RequestError.
func (req ImportRequest) Resolve() (ImportRequest, error) {
	r, _, err := req.resolve()
	return r, err
}

func (req ImportRequest) resolve() (ImportRequest, Format, error) {
	def := DefaultImport()
	reg := req.Formats
	if reg == nil {
		reg = formats
	}
	if req.Format == "" {
		req.Format = firstName(reg.Readers())
	}
	if req.Annotator == "" {
		req.Annotator = def.Annotator
	}
	if req.Scheme == "" {
		req.Scheme = def.Scheme
	}
	if req.ReadAlso == "" {
		req.ReadAlso = def.ReadAlso
	}
	if req.NearDups == "" {
		req.NearDups = def.NearDups
	}
	f, err := reg.reader(req.Format)
	if err != nil {
		return req, f, err
	}
	if err := checkChoice("scheme", req.Scheme, ImportSchemes()); err != nil {
		return req, f, err
	}
	if err := OptReadAlso.check(req.ReadAlso); err != nil {
		return req, f, err
	}
	if err := OptNearDups.check(req.NearDups); err != nil {
		return req, f, err
	}
	if _, err := parseColumns(req.Columns); err != nil {
		return req, f, err
	}
	if req.MaxChars == 0 {
		req.MaxChars = DefaultMaxChars
	}
	if req.MaxChars < -1 {
		return req, f, requestErrorf("max-chars: want a number of characters, or -1 for no limit")
	}
	if req.DocSentences < 0 {
		return req, f, requestErrorf("doc-sentences: want a whole number of sentences a document, or 0 to keep the file's documents")
	}
	if len(req.Paths) == 0 {
		return req, f, requestErrorf("import needs at least one PATH")
	}
	return req, f, nil
}
