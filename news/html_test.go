package news

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/news")

// TestExtractSites reads saved pages in the layouts of several Arabic news
// sites: the article text must equal the hand-written .want file exactly,
// the metadata must be right, and no piece of page furniture may be left
// in the text. What the text rules cut is compared with a golden file.
func TestExtractSites(t *testing.T) {
	tests := []struct {
		page      string
		want      Article // Text comes from PAGE.want
		furniture []string
	}{
		{"aljazeera", Article{Title: "موجة حر غير مسبوقة تضرب شمال أفريقيا والحرارة تتجاوز 50 درجة",
			URL: "https://www.aljazeera.net/news/2024/7/22/heatwave-north-africa", Site: "الجزيرة نت",
			Published: "2024-07-22T10:15:00+03:00", Byline: "الجزيرة نت، وكالات", Lang: "ar", Credit: "الجزيرة + وكالات"},
			[]string{"عاجل", "شارك", "واتساب", "نسخ الرابط", "اقرأ أيضا", "حرائق الغابات", "الأشد حرا", "الكلمات المفتاحية",
				"تغير المناخ", "أسعار النفط", "النشرة البريدية", "سياسة الخصوصية", "مواطنون يحتمون", "الرئيسية", "نشر في"}},
		{"bbc", Article{Title: "ناسا تؤجل رحلة أرتميس 2 المأهولة حول القمر إلى أبريل المقبل",
			URL: "https://www.bbc.com/arabic/articles/c9wx2kq4d1zo", Site: "BBC News عربي",
			Published: "2024-12-06T09:30:12Z", Byline: "BBC News عربي", Lang: "ar"},
			[]string{"تخطى إلى المحتوى", "الشرق الأوسط", "صدر الصورة", "صاروخ نظام الإطلاق", "قد يهمك", "مسبارها",
				"الماء على سطح القمر", "قصص ذات صلة", "سبيس إكس", "الأكثر قراءة", "أسعار الذهب", "ديسمبر/ كانون الأول", "بي بي سي ليست"}},
		{"alhurra", Article{Title: "البنك الدولي يخفض توقعاته لنمو اقتصادات الشرق الأوسط",
			URL: "https://www.alhurra.com/economy/2024/10/15/world-bank-mena-growth", Site: "الحرة",
			Published: "2024-10-15T16:45:00Z", Byline: "الحرة - واشنطن", Lang: "ar", Credit: "الحرة / وكالات"},
			[]string{"البث المباشر", "فيسبوك", "طباعة", "مقر البنك الدولي", "المصدر:", "الأكثر قراءة", "استطلاعات الرأي", "جميع الحقوق"}},
		{"aawsat", Article{Title: "السعودية تبدأ إنشاء أكبر محطة لتحلية المياه بالطاقة الشمسية على البحر الأحمر",
			URL: "https://aawsat.com/الاقتصاد/5110000-السعودية-تبدأ-إنشاء-محطة-تحلية", Site: "الشرق الأوسط",
			Published: "2025-02-12T07:05:00+03:00", Byline: "فتح الرحمن يوسف", Lang: "ar"},
			[]string{"العالم العربي", "واتساب", "تلغرام", "اقرأ أيضاً", "أكوا باور", "الطلب على المياه المحلاة", "مواضيع",
				"أخبار ذات صلة", "ست محطات", "حقوق النشر", "المحطة تنتج 600 ألف متر مكعب يومياً"}},
		{"legacy1256", Article{Title: "افتتاح الدورة 54 لمعرض القاهرة الدولي للكتاب", Published: "2023-01-25", Lang: "ar"},
			[]string{"الصفحة الرئيسية", "الأربعاء 25 يناير", "طباعة", "أرسل لصديق", "أخبار أخرى", "الأهلي", "جميع حقوق النشر"}},
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "testdata", "news", tc.page+".html"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("..", "testdata", "news", tc.page+".want"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Extract(raw, PageOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Articles) != 1 {
				t.Fatalf("%d articles, want 1", len(p.Articles))
			}
			got := p.Articles[0]
			if got.Text != strings.TrimSpace(string(want)) {
				t.Errorf("text:\n%s\nwant:\n%s", got.Text, want)
			}
			if got.PageSHA256 != PageHash(raw) {
				t.Errorf("page hash %s, want the hash of the file", got.PageSHA256)
			}
			tc.want.Text, tc.want.PageSHA256 = got.Text, got.PageSHA256
			if got != tc.want {
				t.Errorf("metadata:\n got %+v\nwant %+v", meta(got), meta(tc.want))
			}
			for _, f := range tc.furniture {
				if strings.Contains(got.Text, f) {
					t.Errorf("the text keeps page furniture %q", f)
				}
			}
			golden(t, filepath.Join("..", "testdata", "news", tc.page+".cuts"), cutReport(p.Cuts))
		})
	}
}

func meta(a Article) Article { a.Text = fmt.Sprintf("(%d bytes)", len(a.Text)); return a }

// cutReport renders cuts one a line, as the golden files hold them.
func cutReport(cuts []Cut) string {
	var b strings.Builder
	for _, c := range cuts {
		fmt.Fprintf(&b, "%d\t%s\t%s\n", c.Line, c.Reason, c.Text)
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./news -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestExtractOtherPages(t *testing.T) {
	read := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "news", name))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	t.Run("english page is extracted and is not Arabic", func(t *testing.T) {
		p, err := Extract(read("english.html"), PageOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if a := p.Articles[0]; a.Lang != "en" || IsArabic(a.Text) || !strings.HasPrefix(a.Text, "Stocks rose sharply") {
			t.Errorf("got lang %q, Arabic share %.2f, text %.40q", a.Lang, ArabicShare(a.Text), a.Text)
		}
	})
	t.Run("an index page has no article", func(t *testing.T) {
		if _, err := Extract(read("index.html"), PageOptions{}); !errors.Is(err, ErrNoArticle) {
			t.Errorf("got %v, want ErrNoArticle", err)
		}
	})
	t.Run("the page URL stands in for a missing canonical URL", func(t *testing.T) {
		p, err := Extract(read("legacy1256.html"), PageOptions{URL: "http://www.ahram.org.eg/News/1234.aspx"})
		if err != nil {
			t.Fatal(err)
		}
		if a := p.Articles[0]; a.URL != "http://www.ahram.org.eg/News/1234.aspx" || a.Site != "ahram.org.eg" {
			t.Errorf("url %q site %q", a.URL, a.Site)
		}
	})
	t.Run("the HTTP charset is believed", func(t *testing.T) {
		raw := []byte("<html><body><article><p>" + strings.Repeat("Plain Latin text here. ", 30) + "</p></article></body></html>")
		if _, err := Extract(raw, PageOptions{ContentType: "text/html; charset=no-such-charset"}); err != nil {
			t.Errorf("an unknown charset label: %v", err)
		}
	})
}

func TestNormalizeDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2024-07-22T10:15:00+03:00", "2024-07-22T10:15:00+03:00"},
		{"2024-12-06T09:30:12.000Z", "2024-12-06T09:30:12Z"},
		{"2024-10-15T16:45:00+0000", "2024-10-15T16:45:00Z"},
		{"2024-10-15 16:45:00", "2024-10-15T16:45:00Z"},
		{"Tue, 15 Oct 2024 16:45:00 +0300", "2024-10-15T16:45:00+03:00"},
		{"2023-01-25", "2023-01-25"},
		{"25 يناير 2023", ""},
		{"", ""},
		{"0001-01-01", ""},
	} {
		if got := normalizeDate(tc.in); got != tc.want {
			t.Errorf("normalizeDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestArabicShare(t *testing.T) {
	for _, tc := range []struct {
		text   string
		arabic bool
	}{
		{"أعلنت وكالة الفضاء الأمريكية (NASA) تأجيل مهمة Artemis 2 إلى أبريل 2026.", true},
		{"Stocks rose sharply on Wednesday; العربية", false},
		{"123 456 ...", false},
		{"ٱلسَّلَامُ عَلَيْكُمْ", true},
	} {
		if got := IsArabic(tc.text); got != tc.arabic {
			t.Errorf("IsArabic(%q) = %v (share %.2f)", tc.text, got, ArabicShare(tc.text))
		}
	}
}

func TestArticleIsArabic(t *testing.T) {
	text := "أعلنت الحكومة اليوم عن خطة جديدة لدعم الزراعة في المناطق الريفية."
	for _, tc := range []struct {
		lang string
		want bool
	}{{"ar", true}, {"", true}, {"ar-eg", true}, {"fa", false}, {"ur-pk", false}, {"ckb", false}} {
		if got := ArticleIsArabic(Article{Lang: tc.lang, Text: text}); got != tc.want {
			t.Errorf("lang %q: %v, want %v", tc.lang, got, tc.want)
		}
	}
	if ArticleIsArabic(Article{Lang: "ar", Text: "An English text declared Arabic."}) {
		t.Error("an English text is Arabic")
	}
}

// FuzzExtract feeds the extractor arbitrary bytes: it may refuse them,
// never panic, and what it returns is valid text.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"aljazeera.html", "legacy1256.html", "index.html"} {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "news", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, "")
	}
	f.Add([]byte(`<script type="application/ld+json">[{"@type":["NewsArticle"],"author":[[[]]],"@graph":{}}]</script>`), "text/html; charset=windows-1256")
	f.Add([]byte("\xff\xfe<\x00h\x00"), "text/html; charset=utf-16")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		p, err := Extract(page, PageOptions{ContentType: contentType})
		if err != nil {
			return
		}
		for _, a := range p.Articles {
			if strings.TrimSpace(a.Text) == "" {
				t.Errorf("an article with no text")
			}
		}
	})
}
