package corpus

import (
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const seedPath = "../testdata/seed/000_b82b1847b879165f.txt"

func readSeed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// isSeparator mirrors the separator rule of Tokenize's doc comment,
// independently of the classification table.
func isSeparator(r rune) bool {
	return r == '\u200b' || r == '\ufeff' || strings.ContainsRune(" \t\n\v\f\r\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000", r) || ('\u2000' <= r && r <= '\u200a')
}

// checkTokens verifies the invariants every tokenization must keep.
func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	ix := NewIndex(text)
	prev := 0
	for k, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > ix.Len() {
			t.Fatalf("%q: token %d %+v out of order or empty (previous end %d, length %d)", text, k, tok, prev, ix.Len())
		}
		if got := ix.Slice(tok.Start, tok.End); got != tok.Text {
			t.Fatalf("%q: token %d %+v slices to %q", text, k, tok, got)
		}
		for _, r := range tok.Text {
			if isSeparator(r) {
				t.Fatalf("%q: token %d %q contains separator %U", text, k, tok.Text, r)
			}
		}
		for _, r := range ix.Slice(prev, tok.Start) {
			if !isSeparator(r) {
				t.Fatalf("%q: %U before token %d is in no token", text, r, k)
			}
		}
		prev = tok.End
	}
	for _, r := range ix.Slice(prev, ix.Len()) {
		if !isSeparator(r) {
			t.Fatalf("%q: trailing %U is in no token", text, r)
		}
	}
}

// checkSentences verifies that sentences partition the tokens in order.
func checkSentences(t *testing.T, toks []Token, sents []Sentence) {
	t.Helper()
	next := 0
	for k, s := range sents {
		if s.First != next || s.Last <= s.First || s.Last > len(toks) {
			t.Fatalf("sentence %d %+v does not continue at token %d", k, s, next)
		}
		if s.Start != toks[s.First].Start || s.End != toks[s.Last-1].End {
			t.Fatalf("sentence %d %+v does not span its tokens", k, s)
		}
		next = s.Last
	}
	if next != len(toks) {
		t.Fatalf("sentences end at token %d of %d", next, len(toks))
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"comma split", "الرئيس الصيني، شي", []string{"الرئيس", "الصيني", "،", "شي"}},
		{"quotes split", `عن "شراكة استراتيجية" جديدة.`, []string{"عن", `"`, "شراكة", "استراتيجية", `"`, "جديدة", "."}},
		{"guillemets", "«الصين»؛ لماذا؟", []string{"«", "الصين", "»", "؛", "لماذا", "؟"}},
		{"curly quotes", "الصيني “وانج يي” في", []string{"الصيني", "“", "وانج", "يي", "”", "في"}},
		{"tatweel digits", "الآسيوية الـ19 في", []string{"الآسيوية", "الـ19", "في"}},
		{"tanween", "أولاً على معًا وبنجاح", []string{"أولاً", "على", "معًا", "وبنجاح"}},
		{"diacritics", "وعُقد اجتماع", []string{"وعُقد", "اجتماع"}},
		{"full harakat", "كَتَبَ الطَّالِبُ", []string{"كَتَبَ", "الطَّالِبُ"}},
		{"dagger alif", "هٰذا", []string{"هٰذا"}},
		{"tatweel", "الســـلام", []string{"الســـلام"}},
		{"clitics", "والصين لبكين بالطبع فقال كالأسد", []string{"والصين", "لبكين", "بالطبع", "فقال", "كالأسد"}},
		{"zwnj zwj inside", "می\u200cخواهم ب\u200dا", []string{"می\u200cخواهم", "ب\u200dا"}},
		{"nbsp zwsp split", "بين\u00a0البلدين\u200bمعا", []string{"بين", "البلدين", "معا"}},
		{"digits", "منذ حوالى 20 عاما في 2024", []string{"منذ", "حوالى", "20", "عاما", "في", "2024"}},
		{"decimal", "3.5 مليون", []string{"3.5", "مليون"}},
		{"arabic decimal", "٨٠٫١٥ دولار", []string{"٨٠٫١٥", "دولار"}},
		{"arabic thousands", "٤٥٠٬٠٠٠ و٤٥٠", []string{"٤٥٠٬٠٠٠", "و٤٥٠"}},
		{"persian digits", "۱۴۰۲٫۵", []string{"۱۴۰۲٫۵"}},
		{"thousands", "1,000 و1,000,000", []string{"1,000", "و1,000,000"}},
		{"time", "الساعة 10:30 صباحا", []string{"الساعة", "10:30", "صباحا"}},
		{"percent", "1.2% و٥٪ بنسبة 30 %", []string{"1.2%", "و٥٪", "بنسبة", "30", "%"}},
		{"date", "في 22/9/2023 و٢٢/٩/٢٠٢٣ و1/ 2", []string{"في", "22/9/2023", "و٢٢/٩/٢٠٢٣", "و1", "/", "2"}},
		{"abbreviations", "عام 300 ق.م. نقلت أ.ف.ب عن سي.أن.أن و U.S.A", []string{"عام", "300", "ق.م.", "نقلت", "أ.ف.ب", "عن", "سي.أن.أن", "و", "U.S.A"}},
		{"abbreviation needs two groups", "د. محمد", []string{"د", ".", "محمد"}},
		{"glued words are no abbreviation", "الجمعة.وقال في.الصين", []string{"الجمعة", ".", "وقال", "في", ".", "الصين"}},
		{"number then stop", "في 2024.", []string{"في", "2024", "."}},
		{"separator needs digits both sides", "1, 2 و3. و.5 ,5", []string{"1", ",", "2", "و3", ".", "و", ".", "5", ",", "5"}},
		{"arabic comma after number", "20،", []string{"20", "،"}},
		{"dot runs", "خاصا.. بوتين... و…", []string{"خاصا", "..", "بوتين", "...", "و", "…"}},
		{"url", "انظر https://example.com/path?q=1&r=٢.", []string{"انظر", "https://example.com/path?q=1&r=٢", "."}},
		{"url http paren", "(http://example.com/a)", []string{"(", "http://example.com/a", ")"}},
		{"url balanced paren", "https://en.wikipedia.org/wiki/Go_(language)).", []string{"https://en.wikipedia.org/wiki/Go_(language)", ")", "."}},
		{"url www quoted", `«www.alhurra.com»، و`, []string{"«", "www.alhurra.com", "»", "،", "و"}},
		{"url stops at quote", `"https://x.org/a"،`, []string{`"`, "https://x.org/a", `"`, "،"}},
		{"url upper case", "HTTPS://X.ORG", []string{"HTTPS://X.ORG"}},
		{"bare prefix", "http:// www.", []string{"http", ":", "/", "/", "www", "."}},
		{"email", "راسلنا على info@example.co.uk.", []string{"راسلنا", "على", "info@example.co.uk", "."}},
		{"email plus", "a.b+c@mail-x.org", []string{"a.b+c@mail-x.org"}},
		{"not email", "@user a@b x@.com", []string{"@", "user", "a", "@", "b", "x", "@", ".", "com"}},
		{"ampersand", "S&P 500", []string{"S", "&", "P", "500"}},
		{"apostrophe hyphen", "don't COVID-19", []string{"don", "'", "t", "COVID", "-", "19"}},
		{"hashtag", "#سوريا", []string{"#", "سوريا"}},
		{"bullet", "  • وزير", []string{"•", "وزير"}},
		{"emoji", "❤️ 👨\u200d👩\u200d👧", []string{"❤️", "👨\u200d👩\u200d👧"}},
		{"invalid utf8", "a\xffب", []string{"a", "\xff", "ب"}},
		{"empty", "", nil},
		{"only space", " \n\u00a0 ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.text)
			if got := texts(toks); !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
			checkTokens(t, tt.text, toks)
		})
	}
}

// TestTokenizeVersion1: documents cut with version 1 keep being cut the
// same way, whatever the current rules.
func TestTokenizeVersion1(t *testing.T) {
	for text, want := range map[string][]string{
		"1.2% و٥٪":           {"1.2", "%", "و٥", "٪"},
		"في 22/9/2023":       {"في", "22", "/", "9", "/", "2023"},
		"نقلت أ.ف.ب عن U.S.": {"نقلت", "أ", ".", "ف", ".", "ب", "عن", "U", ".", "S", "."},
	} {
		toks, err := TokenizeVersion(1, text)
		if err != nil || !slices.Equal(texts(toks), want) {
			t.Errorf("version 1 of %q: %q %v, want %q", text, texts(toks), err, want)
		}
	}
	if _, err := TokenizeVersion(99, "نص"); err == nil {
		t.Error("an unknown tokenizer version gave no error")
	}
}

func TestTokenizeOffsets(t *testing.T) {
	// Code point offsets, not byte offsets: each Arabic letter counts once.
	got := Tokenize("قال Apple إن 2024")
	want := []Token{{0, 3, "قال"}, {4, 9, "Apple"}, {10, 12, "إن"}, {13, 17, "2024"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestTokenizeSeed(t *testing.T) {
	text := readSeed(t)
	toks := Tokenize(text)
	checkTokens(t, text, toks)
	all := texts(toks)

	// Sequences that must occur in the seed's tokenization.
	for _, seq := range [][]string{
		{"الرئيس", "الصيني", "،", "شي"},
		{"عن", `"`, "شراكة", "استراتيجية", `"`, "جديدة", "."},
		{"الآسيوية", "الـ19", "في"},
		{"حوالى", "20", "عاما", "،"},
		{"سبتمبر", "2024", "في"},
		{"نسلط", "الضوء", "أولاً", "على"},
		{"فيها", "معًا", "وبنجاح", `"`, "."},
		{"بين", "الصين", "وسوريا", "،"},
		{"وفقا", "لبكين", "."},
		{"بالطبع", "،"},
		{"وعُقد", "اجتماع"},
		{"خاصا", "..", "بوتين", ":"},
		{"الصيني", "“", "وانج", "يي", "”"},
		{"•", "وزير"},
	} {
		if !containsSeq(all, seq) {
			t.Errorf("seed tokens lack the sequence %q", seq)
		}
	}
	if slices.Contains(all, "\u00a0") {
		t.Error("the NBSP line produced a token")
	}
}

func containsSeq(all, seq []string) bool {
	for i := 0; i+len(seq) <= len(all); i++ {
		if slices.Equal(all[i:i+len(seq)], seq) {
			return true
		}
	}
	return false
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"stops", "قال شي. وأضاف! هل؟ نعم", []string{"قال شي.", "وأضاف!", "هل؟", "نعم"}},
		{"number not split", "بلغ 3.5 مليون. ثم", []string{"بلغ 3.5 مليون.", "ثم"}},
		{"arabic decimal not split", "بلغ ٨٠٫١٥ دولار", []string{"بلغ ٨٠٫١٥ دولار"}},
		{"closing quote after stop", `قال "انتهى." ثم`, []string{`قال "انتهى."`, "ثم"}},
		{"stop after closing quote", `قال "انتهى". ثم`, []string{`قال "انتهى".`, "ثم"}},
		{"guillemet and bracket", "قال «انتهى.») ثم", []string{"قال «انتهى.»)", "ثم"}},
		{"runs", "حقا؟! نعم... وبعد.. لا …ثم", []string{"حقا؟!", "نعم...", "وبعد..", "لا …", "ثم"}},
		{"spaced run", "الشراكة .. بوتين", []string{"الشراكة ..", "بوتين"}},
		{"line breaks", "المصدر: الحرة\n\n\nإقرأ أيضاً:\n \nنجهز", []string{"المصدر: الحرة", "إقرأ أيضاً:", "نجهز"}},
		{"other line breaks", "أ\u2028ب\r\nج\u2029د", []string{"أ", "ب", "ج", "د"}},
		{"ascii letter after stop", "موقع example.com هنا. وبعد", []string{"موقع example.com هنا.", "وبعد"}},
		{"abbreviations never end a sentence", "الولايات U.S. وقالت أ.ف.ب. إن سي.أن.أن. بثت", []string{"الولايات U.S. وقالت أ.ف.ب. إن سي.أن.أن. بثت"}},
		{"url dot", "انظر www.x.org. ثم", []string{"انظر www.x.org.", "ثم"}},
		{"no terminator", "بلا نهاية", []string{"بلا نهاية"}},
		{"only terminators", ". ؟", []string{". ؟"}},
		{"empty", "", nil},
		{"blank lines", "\n\n \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.text)
			sents := SplitSentences(tt.text, toks)
			checkSentences(t, toks, sents)
			ix := NewIndex(tt.text)
			var got []string
			for _, s := range sents {
				got = append(got, ix.Slice(s.Start, s.End))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSplitSentencesSeed(t *testing.T) {
	text := readSeed(t)
	toks := Tokenize(text)
	sents := SplitSentences(text, toks)
	checkSentences(t, toks, sents)
	if len(sents) != 41 {
		t.Errorf("seed has %d sentences, want 41", len(sents))
	}
	ix := NewIndex(text)
	var got []string
	for _, s := range sents {
		got = append(got, ix.Slice(s.Start, s.End))
	}
	for _, want := range []string{
		`أجرى الرئيس الصيني، شي جين بينغ، محادثات مع رئيس النظام السوري، بشار الأسد، الجمعة، معلنا أنهما سيكشفان عن "شراكة استراتيجية" جديدة.`,
		"كما سيحضر حفل افتتاح دورة الألعاب الآسيوية الـ19 في هانغتشو، السبت.",
		"المصدر: الحرة",
		"نجهز برنامجا خاصا..",
		"• وزير الخارجية الفرنسي يزور الجزائر الأحد..",
		`وعُقد اجتماع بوتين السابق مع وانج يي في سبتمبر 2024 في سان بطرسبرج، حيث تمت مناقشة آفاق العلاقات الثنائية، فضلًا عن الاستعدادات لقمة "بريكس" في قازان.`,
	} {
		if !slices.Contains(got, want) {
			t.Errorf("seed sentences lack %q", want)
		}
	}
}

func TestSplitSentencesForeignTokens(t *testing.T) {
	// Tokens that do not belong to the text must not panic.
	toks := Tokenize("قال شي. وأضاف! هل؟ نعم\nثم")
	for _, text := range []string{"", "x", "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"} {
		checkSentences(t, toks, SplitSentences(text, toks))
	}
	shuffled := slices.Clone(toks)
	slices.Reverse(shuffled)
	SplitSentences("قال شي. وأضاف! هل؟ نعم\nثم", shuffled)
}

// FuzzTokenize checks the invariants on arbitrary input. Run it with a short
// -fuzzminimizetime (e.g. go test -fuzz FuzzTokenize -fuzztime 30s
// -fuzzminimizetime 5s ./corpus/): minimizing inputs grown from the 7 KB seed
// article otherwise stalls the fuzzer for a minute at a time.
func FuzzTokenize(f *testing.F) {
	f.Add(readSeed(f))
	for _, s := range []string{
		"", "3.5 ٨٠٫١٥ 10:30 1.2% ٤٥٠٬٠٠٠ 1,000", "https://x.org/a_(b)). www.x", "a@b.co.", "وعُقد الـ19 أولاً",
		"❤️ 👨\u200d👩\u200d👧", "a\xff\xfe\u200b\ufeff\u00a0.", "«.»\n\n؟!", "\u0301.\u0301", "1.", ".1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		checkTokens(t, text, toks)
		checkSentences(t, toks, SplitSentences(text, toks))
		if utf8.ValidString(text) {
			// Concatenating tokens and separators gives the text back.
			var b strings.Builder
			ix := NewIndex(text)
			prev := 0
			for _, tok := range toks {
				b.WriteString(ix.Slice(prev, tok.Start))
				b.WriteString(tok.Text)
				prev = tok.End
			}
			b.WriteString(ix.Slice(prev, ix.Len()))
			if b.String() != text {
				t.Fatalf("%q does not rebuild", text)
			}
		}
	})
}

// TestTokenizeLinear times the tokenizer on inputs that made an earlier
// draft quadratic, at two sizes sixteen times apart, in the same run: a
// linear tokenizer takes about 16 times as long on the larger one, a
// quadratic one about 256 times. The bound (64) leaves room for cache
// effects and a noisy, shared machine; the best of several runs is taken
// for each size, with the garbage collector paused: its cost grows with the
// heap, not with what the tokenizer does, and would hide the algorithm.
func TestTokenizeLinear(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	patterns := []struct {
		name               string
		prefix, unit, tail string
	}{
		{"hyphens", "", "a-", ""},
		{"at signs", "", "a@", ""},
		{"address then hyphens", "a@", "b-", ".."},
		{"url then brackets", "http://x", ")", ""},
		{"arabic words", "", "والصين ", ""},
	}
	const small, factor = 8_000, 16
	best := func(text string) time.Duration {
		d := time.Duration(1<<63 - 1)
		for i := 0; i < 5; i++ {
			runtime.GC()
			start := time.Now()
			Tokenize(text)
			d = min(d, time.Since(start))
		}
		return max(d, time.Microsecond)
	}
	for _, p := range patterns {
		t.Run(p.name, func(t *testing.T) {
			short := p.prefix + strings.Repeat(p.unit, small) + p.tail
			long := p.prefix + strings.Repeat(p.unit, small*factor) + p.tail
			checkTokens(t, long, Tokenize(long))
			// A loaded machine can stall one measurement; a quadratic
			// tokenizer is slow every time, so three tries must all fail.
			ratio := 0.0
			for try := 0; try < 3; try++ {
				if ratio = float64(best(long)) / float64(best(short)); ratio <= 4*factor {
					return
				}
			}
			t.Errorf("%d× the input took %.0f× the time, three times: worse than linear", factor, ratio)
		})
	}
}
