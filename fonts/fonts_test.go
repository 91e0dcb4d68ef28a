package fonts

import (
	"strings"
	"testing"
)

func TestParseFaces(t *testing.T) {
	f, err := ParseFaces()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.NaskhRegular.NominalGlyph('ب'); !ok {
		t.Error("Naskh regular lacks U+0628 ARABIC LETTER BEH")
	}
	if _, ok := f.NaskhBold.NominalGlyph('ب'); !ok {
		t.Error("Naskh bold lacks U+0628")
	}
	if _, ok := f.SansRegular.NominalGlyph('A'); !ok {
		t.Error("Sans regular lacks 'A'")
	}
	if _, ok := f.SansBold.NominalGlyph('A'); !ok {
		t.Error("Sans bold lacks 'A'")
	}
	g, err := ParseFaces()
	if err != nil {
		t.Fatal(err)
	}
	if g.NaskhRegular == f.NaskhRegular {
		t.Error("ParseFaces returned shared faces; each call must parse afresh")
	}
	if !strings.Contains(License, "SIL OPEN FONT LICENSE Version 1.1") {
		t.Error("License text missing OFL header")
	}
}
