package corpus

import (
	"testing"
	"unicode/utf8"
)

func TestIndexByteRune(t *testing.T) {
	// "قال Apple إن 2024": Arabic letters are 2 bytes, the rest 1.
	text := "قال Apple إن 2024"
	ix := NewIndex(text)
	if got, want := ix.Len(), 17; got != want {
		t.Fatalf("Len = %d, want %d", got, want)
	}
	tests := []struct {
		cp, b int
	}{
		{0, 0},   // ق
		{1, 2},   // ا
		{3, 6},   // space after قال
		{4, 7},   // A
		{9, 12},  // space after Apple
		{10, 13}, // إ
		{12, 17}, // space after إن
		{13, 18}, // 2
		{17, 22}, // end
	}
	for _, tt := range tests {
		if got := ix.Byte(tt.cp); got != tt.b {
			t.Errorf("Byte(%d) = %d, want %d", tt.cp, got, tt.b)
		}
		if got := ix.Rune(tt.b); got != tt.cp {
			t.Errorf("Rune(%d) = %d, want %d", tt.b, got, tt.cp)
		}
	}
	// A byte inside ق (offset 1) belongs to code point 0.
	if got := ix.Rune(1); got != 0 {
		t.Errorf("Rune(1) = %d, want 0", got)
	}
}

func TestIndexSlice(t *testing.T) {
	tests := []struct {
		text       string
		start, end int
		want       string
	}{
		{"قال Apple إن 2024", 0, 3, "قال"},
		{"قال Apple إن 2024", 4, 9, "Apple"},
		{"قال Apple إن 2024", 10, 12, "إن"},
		{"قال Apple إن 2024", 13, 17, "2024"},
		{"قال Apple إن 2024", 5, 5, ""},
		{"وعُقد اجتماع", 0, 5, "وعُقد"}, // damma is its own code point
		{"وعُقد اجتماع", 6, 12, "اجتماع"},
		{"الـ19 في", 0, 5, "الـ19"},
		{"plain ascii", 6, 11, "ascii"},
		{"", 0, 0, ""},
		{"a\xffb", 1, 2, "\xff"}, // an invalid byte counts as one code point
	}
	for _, tt := range tests {
		ix := NewIndex(tt.text)
		if got := ix.Slice(tt.start, tt.end); got != tt.want {
			t.Errorf("NewIndex(%q).Slice(%d, %d) = %q, want %q", tt.text, tt.start, tt.end, got, tt.want)
		}
		if got := ix.Len(); got != utf8.RuneCountInString(tt.text) {
			t.Errorf("NewIndex(%q).Len() = %d, want %d", tt.text, got, utf8.RuneCountInString(tt.text))
		}
	}
}

func TestIndexRoundTrip(t *testing.T) {
	for _, text := range []string{"", "ascii only", "قال Apple إن 2024", "٨٠٫١٥ \u00a0x\u200c", "a\xff\xfeب"} {
		ix := NewIndex(text)
		cp := 0
		for b := range text {
			if got := ix.Rune(b); got != cp {
				t.Errorf("%q: Rune(%d) = %d, want %d", text, b, got, cp)
			}
			if got := ix.Byte(cp); got != b {
				t.Errorf("%q: Byte(%d) = %d, want %d", text, cp, got, b)
			}
			cp++
		}
		if ix.Byte(ix.Len()) != len(text) || ix.Rune(len(text)) != ix.Len() {
			t.Errorf("%q: end offsets do not match", text)
		}
	}
}

func TestIndexOutOfRangePanics(t *testing.T) {
	ix := NewIndex("قال")
	for name, f := range map[string]func(){
		"Byte(-1)":    func() { ix.Byte(-1) },
		"Byte(4)":     func() { ix.Byte(4) },
		"Rune(7)":     func() { ix.Rune(7) },
		"Slice(2, 1)": func() { ix.Slice(2, 1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}
