package boltstore

import (
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
		got, err := decodeInfo(encodeInfo(&li))
		if err != nil || !reflect.DeepEqual(got, li) {
			t.Errorf("info %+v came back %+v (%v)", li, got, err)
		}
		old, _ := json.Marshal(li)
		if got, err := decodeInfo(old); err != nil || got.Revision != li.Revision || got.Status != li.Status {
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
