package export

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"github.com/tawsim/tawsim/corpus"
)

// Doc is one document ready to write: its text, tokens and sentences
// (computed once, so every writer sees the same ones) and the layer chosen
// by Select. Layers holds every layer of the document and is filled only
// for the native format, which is lossless.
type Doc struct {
	Doc       corpus.Document
	Tokens    []corpus.Token
	Sentences []corpus.Sentence
	Layer     corpus.Layer
	Layers    []corpus.Layer
}

// NewDoc tokenizes d once and pairs it with layer l.
func NewDoc(d corpus.Document, l corpus.Layer) Doc {
	toks := corpus.Tokenize(d.Text)
	return Doc{Doc: d, Tokens: toks, Sentences: corpus.SplitSentences(d.Text, toks), Layer: l}
}

// Layer names Select understands besides an annotator name.
const (
	LayerGold     = corpus.Gold
	LayerMajority = "majority"
)

// Selection says which annotations to export.
type Selection struct {
	// Layer is "gold" (default), "majority" or an annotator name.
	Layer string
	// Status is "done" (default: only layers marked done count) or "all".
	Status string
	// AllLayers fills Doc.Layers with every layer (native format); the
	// status filter does not apply then, since the export must be lossless.
	AllLayers bool
}

// SelectInfo tells what Select left out, for the closing summary.
type SelectInfo struct {
	Documents int // documents in the corpus
	Selected  int
	NotDone   int // left out because the layer (or every voter) was not done
}

// Select reads the documents and layers sel asks for, in import order.
//
// For "majority" the voters are the annotator layers of a document other
// than gold; with status done only layers marked done vote, so a half-done
// annotation never sways the result. A document with no voter is left out
// (status done) or exported without annotations (status all).
func Select(s *corpus.Store, sel Selection) ([]Doc, SelectInfo, error) {
	var info SelectInfo
	layer := sel.Layer
	if layer == "" {
		layer = LayerGold
	}
	onlyDone := true
	switch sel.Status {
	case "", "done":
	case "all":
		onlyDone = false
	default:
		return nil, info, fmt.Errorf("status %q: want done or all", sel.Status)
	}
	if sel.AllLayers {
		onlyDone = false
	}
	infos, err := s.Documents()
	if err != nil {
		return nil, info, err
	}
	info.Documents = len(infos)
	var out []Doc
	for _, di := range infos {
		var l corpus.Layer
		var all []corpus.Layer
		switch {
		case sel.AllLayers || layer == LayerMajority:
			all, err = s.Layers(di.ID)
			if err != nil {
				return nil, info, err
			}
		default:
			l, err = s.Layer(di.ID, layer)
			if err != nil {
				return nil, info, err
			}
		}
		if layer == LayerMajority && !sel.AllLayers {
			var voters []corpus.Layer
			for _, v := range all {
				if v.Annotator == corpus.Gold || (onlyDone && v.Status != corpus.StatusDone) {
					continue
				}
				voters = append(voters, v)
			}
			if len(voters) == 0 && onlyDone {
				info.NotDone++
				continue
			}
			l = Majority(di.ID, voters)
			all = nil
		} else if sel.AllLayers {
			for _, v := range all {
				if v.Annotator == layer {
					l = v
				}
			}
		} else if onlyDone && l.Status != corpus.StatusDone {
			info.NotDone++
			continue
		}
		d, err := s.Document(di.ID)
		if err != nil {
			return nil, info, err
		}
		doc := NewDoc(d, l)
		doc.Layers = all
		out = append(out, doc)
	}
	info.Selected = len(out)
	return out, info, nil
}

type entKey struct {
	start, end int
	typ        string
}

// Majority builds the layer of the entities and events that at least half
// of the voters marked identically (same span and type; for events also the
// same trigger and the same arguments). Ids are renumbered T1.., E1.. in
// text order because the voters' ids do not correspond.
func Majority(doc string, voters []corpus.Layer) corpus.Layer {
	out := corpus.Layer{Doc: doc, Annotator: LayerMajority, Status: corpus.StatusDone,
		Entities: []corpus.Entity{}, Events: []corpus.Event{}}
	n := len(voters)
	if n == 0 {
		return out
	}
	entVotes := map[entKey]int{}
	evVotes := map[string]int{}
	evByKey := map[string]corpus.Event{}
	for _, l := range voters {
		for _, e := range l.Entities {
			entVotes[entKey{e.Start, e.End, e.Type}]++
		}
		for _, ev := range l.Events {
			k, ok := eventKey(&l, ev)
			if !ok {
				continue
			}
			if evVotes[k] == 0 {
				evByKey[k] = ev
			}
			evVotes[k]++
		}
	}
	for k, c := range entVotes {
		if 2*c >= n {
			out.Entities = append(out.Entities, corpus.Entity{Start: k.start, End: k.end, Type: k.typ})
		}
	}
	corpus.SortEntities(out.Entities)
	ids := map[entKey]string{}
	for i := range out.Entities {
		e := &out.Entities[i]
		e.ID = "T" + strconv.Itoa(i+1)
		ids[entKey{e.Start, e.End, e.Type}] = e.ID
	}
	var keys []string
	for k, c := range evVotes {
		if 2*c >= n {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	// The voter layer that first carried an event gives its arguments'
	// spans; each was voted for by at least as many layers as the event.
	for _, k := range keys {
		ev := evByKey[k]
		src := findVoter(voters, k)
		nev := corpus.Event{Type: ev.Type, Trigger: ev.Trigger, Arguments: []corpus.Argument{}}
		for _, a := range ev.Arguments {
			e, _ := src.Entity(a.Entity)
			nev.Arguments = append(nev.Arguments, corpus.Argument{Role: a.Role, Entity: ids[entKey{e.Start, e.End, e.Type}]})
		}
		out.Events = append(out.Events, nev)
	}
	sort.SliceStable(out.Events, func(i, j int) bool { return out.Events[i].Trigger.Start < out.Events[j].Trigger.Start })
	for i := range out.Events {
		out.Events[i].ID = "E" + strconv.Itoa(i+1)
	}
	return out
}

func findVoter(voters []corpus.Layer, key string) *corpus.Layer {
	for i := range voters {
		for _, ev := range voters[i].Events {
			if k, ok := eventKey(&voters[i], ev); ok && k == key {
				return &voters[i]
			}
		}
	}
	return &voters[0]
}

// eventKey identifies an event by content, independent of ids.
func eventKey(l *corpus.Layer, ev corpus.Event) (string, bool) {
	args := make([]string, 0, len(ev.Arguments))
	for _, a := range ev.Arguments {
		e, ok := l.Entity(a.Entity)
		if !ok {
			return "", false
		}
		args = append(args, a.Role+"\x01"+strconv.Itoa(e.Start)+"\x01"+strconv.Itoa(e.End)+"\x01"+e.Type)
	}
	sort.Strings(args)
	return ev.Type + "\x00" + strconv.Itoa(ev.Trigger.Start) + "\x00" + strconv.Itoa(ev.Trigger.End) + "\x00" + strings.Join(args, "\x00"), true
}

// Part is one output file's documents: Name is "" for an unsplit export,
// otherwise train, dev or test.
type Part struct {
	Name string
	Docs []Doc
}

// ParseSplit reads "80/10/10" (train/dev/test) or "90/10" (train/test).
func ParseSplit(s string) ([]int, error) {
	fields := strings.Split(s, "/")
	if len(fields) != 2 && len(fields) != 3 {
		return nil, fmt.Errorf("split %q: want train/dev/test like 80/10/10 or train/test like 90/10", s)
	}
	var out []int
	sum := 0
	for _, f := range fields {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("split %q: %q is not a non-negative whole number", s, f)
		}
		out = append(out, n)
		sum += n
	}
	if sum == 0 {
		return nil, fmt.Errorf("split %q: the parts add up to zero", s)
	}
	return out, nil
}

// Split divides docs by document, never inside one, into parts of the given
// proportions. The order comes from a hash of the seed and each text's
// SHA-256, so the same corpus and seed give the same split on any machine
// and whatever the import order; adding documents moves only those.
func Split(docs []Doc, ratios []int, seed int64) ([]Part, error) {
	var names []string
	switch len(ratios) {
	case 2:
		names = []string{"train", "test"}
	case 3:
		names = []string{"train", "dev", "test"}
	default:
		return nil, errors.New("split needs two or three parts")
	}
	sum := 0
	for _, r := range ratios {
		sum += r
	}
	type keyed struct {
		key uint64
		i   int
	}
	ks := make([]keyed, len(docs))
	var seedBytes [8]byte
	binary.LittleEndian.PutUint64(seedBytes[:], uint64(seed))
	for i, d := range docs {
		h := fnv.New64a()
		h.Write(seedBytes[:])
		h.Write([]byte(d.Doc.SHA256))
		ks[i] = keyed{h.Sum64(), i}
	}
	sort.Slice(ks, func(a, b int) bool {
		if ks[a].key != ks[b].key {
			return ks[a].key < ks[b].key
		}
		return ks[a].i < ks[b].i
	})
	parts := make([]Part, len(ratios))
	cum, from := 0, 0
	for p, r := range ratios {
		cum += r
		to := (len(docs)*cum + sum/2) / sum
		if p == len(ratios)-1 {
			to = len(docs)
		}
		idx := make([]int, 0, to-from)
		for _, k := range ks[from:to] {
			idx = append(idx, k.i)
		}
		sort.Ints(idx) // keep import order inside a part
		parts[p].Name = names[p]
		for _, i := range idx {
			parts[p].Docs = append(parts[p].Docs, docs[i])
		}
		from = to
	}
	return parts, nil
}
