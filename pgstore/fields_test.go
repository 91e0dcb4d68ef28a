package pgstore_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
)

// TestEntityColumns: entities are the one record kept as columns rather
// than whole JSON (for the span index), so a field added to corpus.Entity
// would be lost without a migration adding its column. This test fails
// first.
func TestEntityColumns(t *testing.T) {
	stored := []string{"id", "start", "end", "type", "provenance"}
	var fields []string
	et := reflect.TypeFor[corpus.Entity]()
	for i := 0; i < et.NumField(); i++ {
		name, _, _ := strings.Cut(et.Field(i).Tag.Get("json"), ",")
		fields = append(fields, name)
	}
	if !slices.Equal(fields, stored) {
		t.Errorf("corpus.Entity has the fields %v, the entities table the columns %v: add a migration (pgstore/migrate.go) and read and write the new column (layer.go, flush.go, scan.go)", fields, stored)
	}
}
