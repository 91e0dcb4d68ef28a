package export

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

// bratDoc is a document for the brat tests: ACE event types (dotted),
// a role given three times, nested entities, and an entity across a
// paragraph break (written as two fragments).
func bratDoc(t testing.TB) Doc {
	text := "التقى وزير الخارجية السعودي فيصل بن فرحان في باريس نظيره الفرنسي.\n\nوبحث الوزيران في قصر\n\nالإليزيه ملفات المنطقة."
	span := func(context, sub string) corpus.Span { return at(t, text, context, sub) }
	ent := func(id, typ, context, sub string) corpus.Entity {
		s := span(context, sub)
		return corpus.Entity{ID: id, Start: s.Start, End: s.End, Type: typ}
	}
	l := corpus.Layer{Annotator: corpus.Gold, Status: corpus.StatusDone, Entities: []corpus.Entity{
		ent("T1", "OCC", "وزير الخارجية السعودي", "وزير الخارجية السعودي"),
		ent("T2", "NORP", "وزير الخارجية السعودي", "السعودي"),
		ent("T3", "PERS", "فيصل بن فرحان", "فيصل بن فرحان"),
		ent("T4", "GPE", "في باريس", "باريس"),
		ent("T5", "OCC", "نظيره الفرنسي", "نظيره الفرنسي"),
		ent("T6", "FAC", "قصر\n\nالإليزيه", "قصر\n\nالإليزيه"),
	}, Events: []corpus.Event{
		{ID: "E1", Type: "Contact.Meet", Trigger: span("التقى", "التقى"), Arguments: []corpus.Argument{
			{Role: "Entity", Entity: "T3"}, {Role: "Entity", Entity: "T5"}, {Role: "Place", Entity: "T4"}}},
		{ID: "E2", Type: "Contact.Meet", Trigger: span("وبحث", "وبحث"), Arguments: []corpus.Argument{
			{Role: "Entity", Entity: "T3"}, {Role: "Entity", Entity: "T5"}, {Role: "Entity", Entity: "T1"}, {Role: "Place", Entity: "T6"}}},
	}}
	d := corpus.Document{ID: "0190a0c0-0000-7000-8000-000000000002", Title: "فيصل بن فرحان في باريس", Text: text,
		SHA256: corpus.TextHash(text), Imported: time.Date(2025, 2, 1, 9, 30, 0, 0, time.UTC)}
	return NewDoc(d, l)
}

// bratVerify runs brat's own configuration parser and annotation verifier
// (copied from brat under testdata/brat) on a collection, and returns the
// problems the verifier finds and the warnings the parser gives.
const bratVerify = `
import codecs, json, os, sys, types
brat, coll = sys.argv[1], sys.argv[2]
sys.path.insert(0, brat)
# What brat's server would provide: its config module.
config = types.ModuleType('config')
config.BASE_DIR, config.DEBUG = '/', False
sys.modules['config'] = config
# Python 3.11's open refuses the 'U' mode brat asks for; universal
# newlines are the default anyway.
_open = codecs.open
def codecs_open(filename, mode='r', *a, **k):
    return _open(filename, mode.replace('U', ''), *a, **k)
codecs.open = codecs_open
import annotation
annotation.codecs_open = codecs_open
from realmessage import Messager
from projectconfig import ProjectConfiguration, normalize_to_storage_form
import verify_annotations
conf = ProjectConfiguration(coll)
problems = []
for fn in sorted(os.listdir(coll)):
    if fn.endswith('.ann'):
        with annotation.TextAnnotations(os.path.join(coll, fn[:-4]), read_only=True) as ann:
            problems += ['%s %s' % (fn, i.human_readable_str()) for i in verify_annotations.verify_annotation(ann, conf)]
messages = [m for m, kind, _ in Messager._Messager__pending_messages if kind in ('warning', 'error')]
types_ = conf.get_event_types() + conf.get_entity_types()
print(json.dumps({'problems': problems, 'messages': messages, 'event_types': conf.get_event_types(),
    'unstorable': [t for t in types_ if normalize_to_storage_form(t) != t]}))
`

// TestBratVerifier: brat's own configuration parser reads the exported
// annotation.conf without renaming a type, and its verifier finds no
// problem in the exported documents: dotted ACE types, a role repeated
// three times, a type and a role (Arg1) outside the schema, nested
// entities and one across a paragraph break.
func TestBratVerifier(t *testing.T) {
	py := python(t, "")
	dir := t.TempDir()
	extra := bratDoc(t)
	extra.Doc.ID = "0190a0c0-0000-7000-8000-000000000003"
	extra.Layer.Events = append(extra.Layer.Events, corpus.Event{ID: "E3", Type: "Contact.E-Mail", Trigger: extra.Layer.Events[1].Trigger,
		Arguments: []corpus.Argument{{Role: "Arg1", Entity: "T3"}, {Role: "Arg1", Entity: "T5"}}})
	docs := append(seedDocs(t), bratDoc(t), extra)
	if _, err := Write("brat", Output{Dir: dir}, docs, Options{Schema: testSchema(t)}); err != nil {
		t.Fatal(err)
	}
	brat, _ := filepath.Abs(filepath.Join("testdata", "brat"))
	out, err := exec.Command(py, "-c", bratVerify, brat, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("brat's verifier failed: %v\n%s", err, out)
	}
	var res struct {
		Problems   []string `json:"problems"`
		Messages   []string `json:"messages"`
		EventTypes []string `json:"event_types"`
		Unstorable []string `json:"unstorable"`
	}
	if err := json.Unmarshal(out[strings.LastIndexByte(strings.TrimSpace(string(out)), '\n')+1:], &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(res.Problems) != 0 || len(res.Messages) != 0 || len(res.Unstorable) != 0 {
		t.Errorf("brat found %d problems and %d configuration messages; unstorable names %v:\n%s\n%s",
			len(res.Problems), len(res.Messages), res.Unstorable, strings.Join(res.Problems, "\n"), strings.Join(res.Messages, "\n"))
	}
	if !strings.Contains(strings.Join(res.EventTypes, " "), "Contact-Meet") {
		t.Errorf("brat knows the event types %v, not Contact-Meet", res.EventTypes)
	}
	t.Logf("brat's verifier: %d problems, %d configuration messages on %d documents (%d event types in annotation.conf)",
		len(res.Problems), len(res.Messages), len(docs), len(res.EventTypes))
}
