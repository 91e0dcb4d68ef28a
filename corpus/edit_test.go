package corpus

import (
	"encoding/json"
	"testing"
	"time"
)

// TestItemJSON: the entity JSON written by hand for the change log is
// json.Marshal's, byte for byte, whatever the id and type hold.
func TestItemJSON(t *testing.T) {
	for _, e := range []Entity{
		{ID: "T1", Start: 0, End: 4, Type: "PERS"},
		{ID: "T70000", Start: 1 << 30, End: 1<<30 + 9, Type: "ORG_FAC"},
		{ID: "", Start: 5, End: 6, Type: ""},
		{ID: "ت٣", Start: 5, End: 6, Type: "شخص"},
		{ID: `a"b\c`, Start: 1, End: 2, Type: "<&>"},
		{ID: "T\x01", Start: 1, End: 2, Type: "X\x7f"},
		{ID: "T2", Start: 3, End: 4, Type: "GPE", Provenance: &Provenance{By: "نورا", From: []string{"amira"}, At: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}},
	} {
		got, err := itemJSON(&e)
		want, _ := json.Marshal(&e)
		if err != nil || string(got) != string(want) {
			t.Errorf("%+v: got %s, want %s (%v)", e, got, want, err)
		}
	}
	ev := Event{ID: "E1", Type: "Contact.Meet", Trigger: Span{Start: 1, End: 3}, Arguments: []Argument{{Role: "Entity", Entity: "T1"}}}
	got, _ := itemJSON(&ev)
	if want, _ := json.Marshal(&ev); string(got) != string(want) {
		t.Errorf("event: got %s, want %s", got, want)
	}
}
