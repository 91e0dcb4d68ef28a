package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// PartPath names the file (or folder) of a split part: corpus.conll gives
// corpus.train.conll; a brat folder gives folder/train.
func PartPath(out, part string, folder bool) string {
	if part == "" {
		return out
	}
	if folder {
		return filepath.Join(out, part)
	}
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "." + part + ext
}

// outputs are the writers of one export, one per part. Nothing appears
// at out until finish: each file goes to a temporary name in its target
// folder and all are renamed at the end, and a folder format is built in
// a temporary folder renamed the same way, so an interrupted export never
// leaves half a corpus behind.
type outputs struct {
	ctx   context.Context
	f     Format
	out   string
	opt   Options
	set   commitSet
	parts []partOutput
	types typeSet // entity types written, for labels.txt
}

type partOutput struct {
	path string
	w    DocWriter
}

// openOutputs opens a writer per part name ("" for an unsplit export).
// out "-" writes one part to stdout, with no labels.txt.
func openOutputs(ctx context.Context, f Format, out string, names []string, opt Options, stdout io.Writer) (*outputs, error) {
	o := &outputs{ctx: ctx, f: f, out: out, opt: opt, types: typeSet{}}
	if out == "-" {
		o.parts = []partOutput{{path: out, w: f.NewWriter(Output{W: cancelWriter{ctx, stdout}}, opt)}}
		return o, nil
	}
	for _, name := range names {
		p, err := o.open(name)
		if err != nil {
			o.abort()
			return nil, err
		}
		o.parts = append(o.parts, p)
	}
	return o, nil
}

// open makes the temporary file, or folder, of one part and its writer.
func (o *outputs) open(name string) (partOutput, error) {
	path := PartPath(o.out, name, o.f.Folder)
	if !o.f.Folder {
		file, err := o.set.file(path)
		if err != nil {
			return partOutput{}, err
		}
		return partOutput{path: path, w: o.f.NewWriter(Output{W: cancelWriter{o.ctx, file}}, o.opt)}, nil
	}
	root := o.out
	tmp, err := o.set.dir(root)
	if err != nil {
		return partOutput{}, err
	}
	dir := tmp
	if name != "" {
		dir = filepath.Join(tmp, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return partOutput{}, fmt.Errorf("export %s: %w", path, err)
		}
	}
	return partOutput{path: path, w: o.f.NewWriter(Output{Dir: dir}, o.opt)}, nil
}

// plan shows d to its part's writer when that writer plans.
func (o *outputs) plan(part int, d *Doc) {
	if p, ok := o.parts[part].w.(Planner); ok {
		p.Plan(d)
	}
}

// planning reports whether any writer needs a planning pass.
func (o *outputs) planning() bool {
	for _, p := range o.parts {
		if _, ok := p.w.(Planner); ok {
			return true
		}
	}
	return false
}

// write writes d to its part.
func (o *outputs) write(part int, d *Doc) error {
	if err := cancelled(o.ctx); err != nil {
		return err
	}
	p := o.parts[part]
	if err := p.w.WriteDoc(d); err != nil {
		return fmt.Errorf("export %s: %w", p.path, err)
	}
	o.types.add(d)
	return nil
}

// finish closes every writer, writes labels.txt and renames everything
// into place; after an error nothing is left behind.
func (o *outputs) finish() (Summary, error) {
	defer o.abort()
	sum := Summary{Format: o.f.Name}
	var first error
	for _, p := range o.parts {
		s, err := p.w.Close()
		if err != nil && first == nil {
			first = fmt.Errorf("export %s: %w", p.path, err)
		}
		if o.out != "-" {
			s.Files = []string{p.path}
		}
		sum.add(s)
		sum.Scheme = s.Scheme
	}
	if first != nil {
		if err := cancelled(o.ctx); err != nil {
			return sum, err
		}
		return sum, first
	}
	if o.f.Labels && o.out != "-" {
		path, err := o.writeLabels()
		if err != nil {
			return sum, err
		}
		sum.Files = append(sum.Files, path)
	}
	if err := cancelled(o.ctx); err != nil {
		return sum, err
	}
	return sum, o.set.commit()
}

// writeLabels writes labels.txt beside the output.
func (o *outputs) writeLabels() (string, error) {
	path := filepath.Join(filepath.Dir(o.out), "labels.txt")
	w, err := o.set.file(path)
	if err != nil {
		return path, err
	}
	list := labelList(o.opt.scheme(), o.opt.Schema, o.types)
	if _, err := io.WriteString(w, strings.Join(list, "\n")+"\n"); err != nil {
		return path, fmt.Errorf("export %s: %w", path, err)
	}
	return path, nil
}

// abort removes whatever finish has not put in place.
func (o *outputs) abort() { o.set.abort() }

// exportParts writes parts already in memory as Run writes from the
// store, with the same atomic output: the benchmarks and tests use it.
func exportParts(ctx context.Context, format string, parts []Part, out string, opt Options) (Summary, error) {
	f, err := formats.writer(format)
	if err != nil {
		return Summary{}, err
	}
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.Name
	}
	o, err := openOutputs(ctx, f, out, names, opt, nil)
	if err != nil {
		return Summary{}, err
	}
	defer o.abort()
	if o.planning() {
		for i, p := range parts {
			for k := range p.Docs {
				o.plan(i, &p.Docs[k])
			}
		}
	}
	for i, p := range parts {
		for k := range p.Docs {
			if err := o.write(i, &p.Docs[k]); err != nil {
				if cerr := cancelled(ctx); cerr != nil {
					return Summary{}, cerr
				}
				return Summary{}, err
			}
		}
	}
	return o.finish()
}
