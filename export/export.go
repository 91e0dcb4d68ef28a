package export

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Format describes one export format for help texts.
type Format struct {
	Name    string
	For     string // the consumer
	Example string // a one-line CLI example
	Dir     bool   // writes a folder rather than a file
	Labels  bool   // writes labels.txt beside the file
	Ext     string
}

// Formats lists the export formats.
func Formats() []Format {
	return []Format{
		{"conll", "seqeval, flair, most NER trainers", "tawsimctl export --format conll --out ner.conll", false, true, ".conll"},
		{"conll2003", "tools hard-wired to CoNLL-2003's four columns", "tawsimctl export --format conll2003 --out ner.txt", false, true, ".txt"},
		{"doccano", "doccano sequence-labelling import", "tawsimctl export --format doccano --out doccano.jsonl", false, false, ".jsonl"},
		{"spacy", "spaCy / Prodigy (text, tokens, spans)", "tawsimctl export --format spacy --tokens split --out spacy.jsonl", false, false, ".jsonl"},
		{"hf", "Hugging Face datasets token classification", "tawsimctl export --format hf --split 80/10/10 --seed 1 --out hf.jsonl", false, true, ".jsonl"},
		{"events", "DyGIE++ / OneIE-style ACE05-E event extraction", "tawsimctl export --format events --out events.jsonl", false, false, ".jsonl"},
		{"brat", "brat standoff collection (.txt + .ann + annotation.conf)", "tawsimctl export --format brat --out brat-collection", true, false, ""},
		{"tawsim", "native lossless JSONL (backup, move between databases)", "tawsimctl export --format tawsim --out backup.jsonl", false, false, ".jsonl"},
	}
}

// LookupFormat returns the named format.
func LookupFormat(name string) (Format, bool) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Write writes docs in a single-file format to w.
func Write(format string, w io.Writer, docs []Doc, opt Options) (Summary, error) {
	switch format {
	case "conll":
		return WriteCoNLL(w, docs, opt, false)
	case "conll2003":
		return WriteCoNLL(w, docs, opt, true)
	case "doccano":
		return WriteDoccano(w, docs, opt)
	case "spacy":
		return WriteSpacy(w, docs, opt)
	case "hf":
		return WriteHF(w, docs, opt)
	case "events":
		return WriteEvents(w, docs, opt)
	case "tawsim":
		return WriteTawsim(w, docs, opt)
	case "brat":
		return Summary{}, fmt.Errorf("format brat writes a folder, not a stream")
	}
	return Summary{}, fmt.Errorf("unknown format %q (known: %s)", format, formatNames())
}

func formatNames() string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// PartPath names the file (or folder) of a split part: corpus.conll gives
// corpus.train.conll; a brat folder gives folder/train.
func PartPath(out, part string, dir bool) string {
	if part == "" {
		return out
	}
	if dir {
		return filepath.Join(out, part)
	}
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "." + part + ext
}

// Export writes parts (one unnamed part, or the parts of Split) to out.
// Nothing appears at out until everything is written: each file goes to a
// temporary name in its target folder and all are renamed at the end, and
// a brat collection is built in a temporary folder renamed the same way,
// so an interrupted export never leaves half a corpus behind.
func Export(format string, parts []Part, out string, opt Options) (Summary, error) {
	f, ok := LookupFormat(format)
	if !ok {
		return Summary{}, fmt.Errorf("unknown format %q (known: %s)", format, formatNames())
	}
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	total := 0
	var all []Doc
	for _, p := range parts {
		total += len(p.Docs)
		all = append(all, p.Docs...)
	}
	var set commitSet
	defer set.abort()
	var sum Summary
	sum.Format = format
	done := 0
	for _, p := range parts {
		if opt.cancelled() {
			return sum, ErrCancelled
		}
		popt := opt
		base := done
		popt.Progress = func(d, _ int) { opt.progress(base+d, total) }
		path := PartPath(out, p.Name, f.Dir)
		var s Summary
		if f.Dir {
			root := out
			if p.Name == "" {
				root = path
			}
			tmp, err := set.dir(root)
			if err != nil {
				return sum, err
			}
			target := tmp
			if p.Name != "" {
				target = filepath.Join(tmp, p.Name)
				if err := os.Mkdir(target, 0o755); err != nil {
					return sum, err
				}
			}
			s, err = WriteBrat(target, p.Docs, popt)
			if err != nil {
				return sum, fmt.Errorf("export %s: %w", path, err)
			}
		} else {
			w, err := set.file(path)
			if err != nil {
				return sum, err
			}
			s, err = Write(format, cancelWriter{w, &opt}, p.Docs, popt)
			if err != nil {
				return sum, fmt.Errorf("export %s: %w", path, err)
			}
		}
		s.Files = []string{path}
		sum.add(s)
		sum.Scheme = s.Scheme
		done += len(p.Docs)
	}
	if f.Labels {
		path := filepath.Join(filepath.Dir(out), "labels.txt")
		w, err := set.file(path)
		if err != nil {
			return sum, err
		}
		if _, err := io.WriteString(w, strings.Join(Labels(all, opt), "\n")+"\n"); err != nil {
			return sum, err
		}
		sum.Files = append(sum.Files, path)
	}
	if opt.cancelled() {
		return sum, ErrCancelled
	}
	if err := set.commit(); err != nil {
		return sum, err
	}
	return sum, nil
}

// Read reads annotated files of the given format into import items.
// format "conll", "doccano", "brat" or "tawsim".
func Read(format string, paths []string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	if len(paths) == 0 {
		return nil, Summary{Format: format}, fmt.Errorf("no files to import")
	}
	if format == "brat" {
		return ReadBrat(paths, opt)
	}
	var items []corpus.ImportItem
	sum := Summary{Format: format}
	for _, p := range paths {
		var got []corpus.ImportItem
		var s Summary
		var err error
		switch format {
		case "conll":
			got, s, err = ReadCoNLL(p, opt)
		case "doccano":
			got, s, err = ReadDoccano(p, opt)
		case "tawsim":
			got, s, err = ReadTawsim(p)
		default:
			return nil, sum, fmt.Errorf("unknown annotated format %q (conll, doccano, brat, tawsim)", format)
		}
		if err != nil {
			return nil, sum, err
		}
		items = append(items, got...)
		sum.add(s)
		if s.Scheme != "" {
			sum.Scheme = s.Scheme
		}
	}
	return items, sum, nil
}
