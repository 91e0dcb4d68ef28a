// Package fonts embeds the typefaces Tawsim draws and measures text with.
//
// The fonts are embedded rather than looked up on the system so that the
// widths the layout engine measures are exactly the widths drawn, on every
// machine: a hit test or a token rectangle computed with one font and drawn
// with another would be off by a few pixels per word. Noto Naskh Arabic
// covers Arabic script; Noto Sans covers Latin, digits and punctuation.
// Both are under the SIL Open Font License 1.1 (see OFL.txt).
package fonts

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/go-text/typesetting/font"
)

// Raw TrueType files. Treat them as read-only.
var (
	//go:embed NotoNaskhArabic-Regular.ttf
	NaskhArabicRegular []byte
	//go:embed NotoNaskhArabic-Bold.ttf
	NaskhArabicBold []byte
	//go:embed NotoSans-Regular.ttf
	SansRegular []byte
	//go:embed NotoSans-Bold.ttf
	SansBold []byte
)

// License is the text of the SIL Open Font License covering the fonts,
// for an "about" dialog or a licence listing.
//
//go:embed OFL.txt
var License string

// Faces holds one parsed face per embedded font. A *font.Face caches glyph
// extents internally, so a Faces value must not be shared between
// goroutines that shape concurrently; call Faces again instead.
type Faces struct {
	NaskhRegular, NaskhBold *font.Face
	SansRegular, SansBold   *font.Face
}

// ParseFaces parses the embedded fonts. Each call returns fresh faces.
func ParseFaces() (Faces, error) {
	var f Faces
	var err error
	for _, p := range []struct {
		name string
		data []byte
		dst  **font.Face
	}{
		{"NotoNaskhArabic-Regular.ttf", NaskhArabicRegular, &f.NaskhRegular},
		{"NotoNaskhArabic-Bold.ttf", NaskhArabicBold, &f.NaskhBold},
		{"NotoSans-Regular.ttf", SansRegular, &f.SansRegular},
		{"NotoSans-Bold.ttf", SansBold, &f.SansBold},
	} {
		if *p.dst, err = font.ParseTTF(bytes.NewReader(p.data)); err != nil {
			return Faces{}, fmt.Errorf("fonts: parse embedded %s: %w", p.name, err)
		}
	}
	return f, nil
}
