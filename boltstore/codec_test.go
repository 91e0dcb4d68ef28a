package boltstore

import (
	"encoding/binary"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/tawsim/tawsim/corpus"
)

func TestRecordCodec(t *testing.T) {
	prov := &corpus.Provenance{By: "نورا", From: []string{"amira", "layla"}, At: time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)}
	ents := []corpus.Entity{
		{ID: "T1", Start: 0, End: 4, Type: "PERS"},
		{ID: "T70000", Start: 1 << 30, End: 1<<30 + 9, Type: "ORG_FAC", Provenance: prov},
		{ID: "ت٣", Start: 5, End: 6, Type: ""},
	}
	in := interner{}
	for _, e := range ents {
		raw, err := encodeEntity(&e)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeEntity(raw, in)
		if err != nil || !got.Equal(e) {
			t.Errorf("entity %+v came back %+v (%v)", e, got, err)
		}
		// Records stored as JSON by earlier versions still read.
		old, _ := json.Marshal(e)
		if got, err := decodeEntity(old, in); err != nil || !got.Equal(e) {
			t.Errorf("entity %+v from JSON came back %+v (%v)", e, got, err)
		}
	}
	evs := []corpus.Event{
		{ID: "E1", Type: "Contact.Meet", Trigger: corpus.Span{Start: 33, End: 40}, Arguments: []corpus.Argument{{Role: "Entity", Entity: "T3"}, {Role: "Entity", Entity: "T4"}}},
		{ID: "E2", Type: "Movement.Transport", Trigger: corpus.Span{Start: 1, End: 2}, Arguments: []corpus.Argument{}, Provenance: prov},
	}
	for _, ev := range evs {
		raw, err := encodeEvent(&ev)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeEvent(raw, in)
		if err != nil || !reflect.DeepEqual(got, ev) {
			t.Errorf("event %+v came back %+v (%v)", ev, got, err)
		}
		old, _ := json.Marshal(ev)
		if got, err := decodeEvent(old, in); err != nil || got.ID != ev.ID || len(got.Arguments) != len(ev.Arguments) {
			t.Errorf("event from JSON: %+v (%v)", got, err)
		}
	}
	// Cut records are errors, not panics.
	raw, _ := encodeEvent(&evs[0])
	for n := 1; n < len(raw); n++ {
		if _, err := decodeEvent(raw[:n], in); err == nil {
			t.Errorf("an event cut to %d bytes decoded", n)
		}
	}
	raw, _ = encodeEntity(&ents[1])
	for n := 1; n < len(raw); n++ {
		if _, err := decodeEntity(raw[:n], in); err == nil {
			t.Errorf("an entity cut to %d bytes decoded", n)
		}
	}
}

func TestInfoAndDocumentCodec(t *testing.T) {
	for _, li := range []corpus.LayerInfo{
		{Status: corpus.StatusNew},
		{Status: corpus.StatusDone, Revision: 17, Updated: time.Date(2026, 12, 2, 9, 1, 2, 345, time.UTC), Entities: 3, Events: 1, Seq: 40,
			NextEntity: 9, NextEvent: 2, Synced: 12, Assigned: true, Changes: 40, Counted: true,
			EntityTypes: map[string]int{"PERS": 2, "GPE": 1}, EventTypes: map[string]int{"Contact.Meet": 1}},
	} {
		got, err := decodeInfo(encodeInfo(&li), true)
		if err != nil || !reflect.DeepEqual(got, li) {
			t.Errorf("info %+v came back %+v (%v)", li, got, err)
		}
		head := li
		head.EntityTypes, head.EventTypes = nil, nil
		if got, err := decodeInfo(encodeInfo(&li), false); err != nil || !reflect.DeepEqual(got, head) {
			t.Errorf("info %+v without its type counts came back %+v (%v)", head, got, err)
		}
		old, _ := json.Marshal(li)
		if got, err := decodeInfo(old, true); err != nil || got.Revision != li.Revision || got.Status != li.Status {
			t.Errorf("info from JSON: %+v (%v)", got, err)
		}
	}
	d := corpus.Document{ID: "0190a0b0-0000-7000-8000-000000000001", Title: "شي والأسد", Text: "نص \"فيه\" علامات\n\\ ومسافات ", SHA256: "ab",
		Imported: time.Date(2025, 2, 1, 9, 30, 0, 0, time.UTC), Meta: map[string]json.RawMessage{"site": json.RawMessage(`"الحرة"`)}, Tokenizer: 2,
		Tokenization: &corpus.Tokenization{Spans: []int{0, 2}, Sentences: []int{0}}}
	raw, err := encodeDocument(&d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeDocument(raw)
	if err != nil || !reflect.DeepEqual(got, d) {
		t.Errorf("document came back %+v (%v)", got, err)
	}
	old, _ := json.Marshal(d)
	if got, err := decodeDocument(old); err != nil || got.Text != d.Text {
		t.Errorf("document from JSON: %+v (%v)", got, err)
	}
	if _, err := decodeDocument(raw[:3]); err == nil {
		t.Error("a cut document record decoded")
	}
}

func TestDocumentCodecForms(t *testing.T) {
	riyadh := time.FixedZone("", 3*3600)
	for _, d := range []corpus.Document{
		{ID: "a", Text: ""},
		{ID: "b", Title: "خبر", Source: "https://example.org/ar/1", SHA256: "cd", Text: "نص قصير.",
			Imported: time.Date(2026, 3, 1, 12, 0, 0, 5, riyadh)},
		{ID: "c", Text: "x", Imported: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
			Tokenization: &corpus.Tokenization{Spans: []int{5, 9, 0, 3}, Sentences: []int{}}},
	} {
		raw, err := encodeDocument(&d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeDocument(raw)
		if err != nil || !reflect.DeepEqual(got, d) {
			t.Errorf("document %s came back %+v (%v)", d.ID, got, err)
		}
		// The form of the previous version (fields as JSON, then the text)
		// still reads.
		rest := d
		rest.Text = ""
		head, _ := json.Marshal(rest)
		v1 := append(append(binary.AppendUvarint([]byte{recordV1}, uint64(len(head))), head...), d.Text...)
		if got, err := decodeDocument(v1); err != nil || got.Text != d.Text || !got.Imported.Equal(d.Imported) {
			t.Errorf("document %s in version 1 came back %+v (%v)", d.ID, got, err)
		}
		for n := 1; n < len(raw)-len(d.Text); n++ {
			if _, err := decodeDocument(raw[:n]); err == nil {
				t.Errorf("document %s cut to %d bytes decoded", d.ID, n)
			}
		}
	}
}

func TestDocInfoCodec(t *testing.T) {
	for _, d := range []corpus.DocInfo{
		{ID: "x"},
		{ID: "0190a0b0-0000-7000-8000-000000000001", Title: "الأسد في الصين", Source: "seed.txt", SHA256: "ef01",
			Imported: time.Date(2026, 12, 2, 4, 0, 0, 0, time.UTC), Runes: 4012, Tokens: 812, Site: "الحرة", Published: "2023-09-22"},
	} {
		raw := encodeDocInfo(&d)
		got, err := decodeDocInfo(raw)
		if err != nil || !reflect.DeepEqual(got, d) {
			t.Errorf("list record %+v came back %+v (%v)", d, got, err)
		}
		old, _ := json.Marshal(d)
		if got, err := decodeDocInfo(old); err != nil || !reflect.DeepEqual(got, d) {
			t.Errorf("list record from JSON came back %+v (%v)", got, err)
		}
		for n := 1; n < len(raw); n++ {
			if _, err := decodeDocInfo(raw[:n]); err == nil {
				t.Errorf("list record cut to %d bytes decoded", n)
			}
		}
	}
}

func TestChangeCodec(t *testing.T) {
	for _, ch := range []corpus.Change{
		{Seq: 1, Doc: "d", Annotator: "amira", Op: "import"},
		{Seq: 90, Time: time.Date(2026, 12, 2, 4, 5, 6, 7, time.UTC), Doc: "0190a0b0-0000-7000-8000-000000000001",
			Annotator: "ليلى", Op: "undo", Ref: 89, Revision: 12, Diffs: []corpus.Diff{
				{Kind: corpus.KindEntity, ID: "T1", Before: json.RawMessage(`{"id":"T1","start":0,"end":4,"type":"PERS"}`)},
				{Kind: corpus.KindEvent, ID: "E1", After: json.RawMessage(`{"id":"E1"}`)},
				{Kind: "status", Before: json.RawMessage(`"new"`), After: json.RawMessage(`"done"`)},
			}},
	} {
		raw := encodeChange(&ch)
		got, err := decodeChange(raw, interner{})
		if err != nil || !reflect.DeepEqual(got, ch) {
			t.Errorf("change %d came back %+v (%v)", ch.Seq, got, err)
		}
		old, _ := json.Marshal(ch)
		if got, err := decodeChange(old, nil); err != nil || !reflect.DeepEqual(got, ch) {
			t.Errorf("change %d from JSON came back %+v (%v)", ch.Seq, got, err)
		}
		for n := 1; n < len(raw); n++ {
			if _, err := decodeChange(raw[:n], nil); err == nil {
				t.Errorf("change %d cut to %d bytes decoded", ch.Seq, n)
			}
		}
	}
}
