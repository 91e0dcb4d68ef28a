package export

import (
	"context"
	"fmt"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Report is what an export or import did, in the words the CLI prints and
// the app shows.
type Report struct {
	// Summary counts what was written or read and every lossy step.
	Summary Summary
	// Notes come before the summary, Details after it: what did not
	// apply, and what was left out.
	Notes, Details []string
	// Import is the store's account of an import; nil for an export.
	Import *corpus.ImportResult
}

// String renders the report: the notes, the summary, the details.
func (r Report) String() string {
	var b strings.Builder
	for _, n := range r.Notes {
		b.WriteString("note: " + n + "\n")
	}
	b.WriteString(r.Summary.String())
	for _, d := range r.Details {
		b.WriteString("\n  " + d)
	}
	return b.String()
}

// Result is an import's outcome in one line; "" for an export.
func (r Report) Result() string {
	if r.Import == nil {
		return ""
	}
	s := fmt.Sprintf("imported %d new documents", r.Import.Added)
	if r.Import.Existing > 0 {
		s += fmt.Sprintf("; %d already in the corpus (same text), not duplicated", r.Import.Existing)
	}
	if r.Import.Layers > 0 {
		s += fmt.Sprintf("; %d annotation layers", r.Import.Layers)
	}
	return s
}

// Run exports from the store what req asks for. It reads the store in one
// pass, one document with its layers at a time, and hands each to the
// writer of its part; a split is decided before that pass from the
// documents' text hashes, as Split decides it. Nothing appears at the
// output until everything is written. progress (may be nil) is told after
// each document. When ctx is cancelled Run stops, leaves no file, and
// returns an error wrapping ErrCancelled.
func Run(ctx context.Context, store *corpus.Store, req ExportRequest, progress func(done, total int)) (Report, error) {
	req, f, ratios, err := req.resolve()
	if err != nil {
		return Report{}, err
	}
	sel, err := newSelector(Selection{Layer: req.Layer, Status: req.Status, AllLayers: f.AllLayers})
	if err != nil {
		return Report{}, err
	}
	schema, err := store.Schema()
	if err != nil {
		return Report{}, err
	}
	e := &exportRun{ctx: ctx, store: store, req: req, f: f, ratios: ratios, sel: sel, opt: req.options(&schema), progress: progress}
	defer e.abort()
	info, err := sel.scan(ctx, store, e.ready, e.write)
	if err == nil {
		e.rep.Summary, err = e.out.finish()
	}
	if err != nil {
		if cerr := cancelled(ctx); cerr != nil {
			err = cerr // whatever failed, it failed because of the cancel
		}
		return e.rep, err
	}
	e.explain(info)
	return e.rep, nil
}

// exportRun is one Run: its outputs and how far it got.
type exportRun struct {
	ctx      context.Context
	store    *corpus.Store
	req      ExportRequest
	f        Format
	ratios   []int
	sel      selector
	opt      Options
	progress func(done, total int)

	out   *outputs
	part  []int // part of each planned document
	total int
	done  int
	rep   Report
}

// ready sees the documents the selection planned: it decides the split,
// opens the outputs and, when a writer plans, shows it every document.
func (e *exportRun) ready(planned []corpus.DocInfo) error {
	if len(planned) == 0 {
		return e.nothing()
	}
	names := []string{""}
	e.part = make([]int, len(planned))
	if e.ratios != nil {
		names, _ = partNames(e.ratios)
		hashes := make([]string, len(planned))
		for i, d := range planned {
			hashes[i] = d.SHA256
		}
		var err error
		if e.part, err = assignParts(hashes, e.ratios, e.req.Seed); err != nil {
			return err
		}
		if err := e.checkParts(names); err != nil {
			return err
		}
	}
	var err error
	if e.out, err = openOutputs(e.ctx, e.f, e.req.Out, names, e.opt, e.req.Stdout); err != nil {
		return err
	}
	e.total = len(planned)
	if !e.out.planning() {
		return nil
	}
	// Planning costs a second pass over the store, but keeps memory to one
	// document: the alternative is holding the whole export.
	return e.sel.read(e.ctx, e.store, planned, func(i int, d *Doc) error {
		e.out.plan(e.part[i], d)
		return nil
	}, func() {})
}

// checkParts refuses a split that leaves a part with a share empty (a
// split is by document, so a corpus of fewer documents than parts cannot
// fill them), unless forced; forced, the report says which are empty.
func (e *exportRun) checkParts(names []string) error {
	count := make([]int, len(names))
	for _, p := range e.part {
		count[p]++
	}
	var empty []string
	for p, n := range count {
		if n == 0 && e.ratios[p] > 0 {
			empty = append(empty, names[p])
		}
	}
	if len(empty) == 0 {
		return nil
	}
	what := fmt.Sprintf("--split %s of %s leaves %s empty (a split is by document)", e.req.Split, plural(len(e.part), "document", "documents"), andList(empty))
	if !e.req.Force {
		return fmt.Errorf("%s: import with --doc-sentences N to make documents of N sentences, or --force to write the empty parts", what)
	}
	e.rep.Notes = append(e.rep.Notes, what)
	return nil
}

// andList renders "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// nothing is the error of an export that selected no document.
func (e *exportRun) nothing() error {
	docs, err := e.store.Documents()
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return fmt.Errorf("nothing to export: the corpus has no documents")
	}
	return fmt.Errorf("nothing to export: none of the %d documents has a %q layer marked done (--status all exports them anyway)", len(docs), e.req.Layer)
}

func (e *exportRun) write(i int, d *Doc) error {
	if err := e.out.write(e.part[i], d); err != nil {
		return err
	}
	e.done++
	if e.progress != nil {
		e.progress(e.done, e.total)
	}
	return nil
}

// explain adds what the selection left out, or did not apply, to the
// report.
func (e *exportRun) explain(info SelectInfo) {
	switch {
	case e.f.AllLayers:
		e.rep.Details = append(e.rep.Details, "every layer of every document (status and --layer do not apply to the native format)")
	case info.NotDone > 0:
		e.rep.Details = append(e.rep.Details, fmt.Sprintf("%d of %d documents left out: layer %q not marked done (--status all includes them)",
			info.NotDone, info.Documents, e.req.Layer))
	}
	if info.NoLayer {
		e.rep.Notes = append(e.rep.Notes, fmt.Sprintf("no document has a %q layer; its documents are exported without annotations", e.req.Layer))
	}
}

func (e *exportRun) abort() {
	if e.out != nil {
		e.out.abort()
	}
}

// RunImport reads the files req names and stores them in one transaction:
// if any file is refused, nothing is stored. progress (may be nil) is told
// after each file read. When ctx is cancelled before the store takes the
// import, nothing is stored and the error wraps ErrCancelled.
func RunImport(ctx context.Context, store *corpus.Store, req ImportRequest, progress func(done, total int)) (Report, error) {
	req, f, err := req.resolve()
	if err != nil {
		return Report{}, err
	}
	reg := req.Formats
	if reg == nil {
		reg = formats
	}
	opt := ReadOptions{Annotator: req.Annotator, Scheme: req.Scheme, Columns: req.Columns, DocSentences: req.DocSentences,
		News: req.News, ReadAlso: req.ReadAlso}
	if sc, err := store.Schema(); err == nil {
		opt.Schema = &sc
	}
	if !f.ReadApplies.Has(OptNearDups) {
		return runStreaming(ctx, store, reg, f, req, opt, progress)
	}
	// A failed import reports nothing but its error: no summary may say
	// what was read when none of it is stored.
	items, sum, err := readFiles(ctx, reg, f, req.Paths, opt, progress)
	if err != nil {
		return Report{}, err
	}
	if err := cancelled(ctx); err != nil {
		return Report{}, err
	}
	items, cut, err := limitItems(items, req.MaxChars, req.SplitLong)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Summary: sum, Notes: sum.Notes}
	rep.Summary.Notes = nil
	if cut > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d long texts cut at paragraph breaks into documents of at most %s characters (--split-long)", cut, thousands(req.MaxChars)))
	}
	rep.Details = append(rep.Details, sum.News.details()...)
	if f.ReadApplies.Has(OptNearDups) {
		if items, err = sortDuplicates(ctx, store, items, req.NearDups, &rep); err != nil {
			return Report{}, err
		}
		if req.NearDups == "report" {
			rep.Import = &corpus.ImportResult{}
			rep.Notes = append(rep.Notes, "--near-dups report: nothing was stored")
			return rep, nil
		}
	}
	res, err := store.ImportContext(ctx, items)
	if err != nil {
		return Report{}, err
	}
	rep.Import = &res
	return rep, nil
}
