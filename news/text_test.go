package news

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedHeadlines are the ten bulleted headlines under "مقالات مشابهة" on the
// seed page.
var seedHeadlines = []string{
	"وزير الخارجية الفرنسي يزور الجزائر الأحد.. الهدف طي صفحة التوتر بين البلدين",
	"مبعوث لبوتين في واشنطن لتحسين العلاقات بين البلدين",
	"الرئيس اللبناني: نباشر اتخاذ خطوات لتطوير العلاقات مع سوريا",
	"رئيس وزراء لبنان نواف سلام يهنئ الرئيس السوري أحمد الشرع بالعيد ويبحث تعزيز العلاقات الثنائية",
	"سوريا إلى أين فى ظل سلطات مطلقة للشرع؟.. الحكومة الجديدة يهيمن عليها الإسلاميون أنصار الرئيس المؤقت",
	"خبير إسرائيلي يزعم تمركز حماس في سوريا وسط ضعف سيطرة النظام الجديد",
	"استراتيجية إيران الجديدة في سورية: رهان على الميليشيات أم استغلال تناقضات الداخل؟",
	"بوتين يجتمع مع وزير الخارجية الصيني في موسكو",
	"ترامب يهنئ السيسي بعيد الفطر والرئيسان يؤكدان على قوة العلاقات بين البلدين",
	"نجهز برنامجا خاصا.. بوتين: نتطلع إلى زيارة الرئيس الصيني الشهر المقبل",
}

const gluedLine = `بعد تصريحات "الغضب".. موسكو تعرض إجراء مكالمة جديدة بين بوتين وترامبموسكو وبكين تعززان الشراكة .. بوتين يستقبل وزير الخارجية الصيني لبحث الأزمة الأوكرانية`

func readSeed(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "000_b82b1847b879165f.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// TestSplitSeed: the seed page read as news gives the Xi–Assad story whole
// with its source, and the Putin–Wang Yi story as a story of its own
// titled by its headline, without the glued headline line; none of the
// ten bulleted headlines is in either.
func TestSplitSeed(t *testing.T) {
	seed := readSeed(t)
	sp := SplitText(seed, TextOptions{})
	if len(sp.Stories) != 2 {
		t.Fatalf("%d stories, want 2", len(sp.Stories))
	}
	xi, putin := sp.Stories[0], sp.Stories[1]
	// The Xi–Assad story is the file up to its source line, byte for byte.
	wantXi := strings.TrimSpace(seed[:strings.Index(seed, "المصدر: الحرة")])
	if xi.Text != wantXi {
		t.Errorf("Xi–Assad story:\n%s\nwant the first nine paragraphs as written", xi.Text)
	}
	if xi.Credit != "الحرة" || xi.ReadAlso || xi.Title != "" {
		t.Errorf("Xi–Assad story: credit %q, read also %v, title %q", xi.Credit, xi.ReadAlso, xi.Title)
	}
	if putin.Title != seedHeadlines[9] || !putin.ReadAlso || putin.Credit != "" {
		t.Errorf("Putin story: title %q, read also %v, credit %q", putin.Title, putin.ReadAlso, putin.Credit)
	}
	if !strings.HasPrefix(putin.Text, "أعرب الرئيس الروسي فلاديمير بوتين") ||
		!strings.HasSuffix(putin.Text, `فضلًا عن الاستعدادات لقمة "بريكس" في قازان.`) || strings.Count(putin.Text, "\n\n") != 9 {
		t.Errorf("Putin story text:\n%s", putin.Text)
	}
	for _, st := range sp.Stories {
		if strings.Contains(st.Text, "ترامبموسكو") || strings.Contains(st.Text, "إقرأ أيضاً") || strings.Contains(st.Text, "مقالات مشابهة") {
			t.Errorf("story %q keeps a cut line", st.Title)
		}
		for _, h := range seedHeadlines {
			if strings.Contains(st.Text, h) {
				t.Errorf("story %q holds the bulleted headline %q", st.Title, h)
			}
		}
	}
	reasons := map[Reason]int{}
	for _, c := range sp.Cuts {
		reasons[c.Reason]++
	}
	want := map[Reason]int{CutSource: 1, CutReadAlso: 1, CutHeadline: 1, CutGlued: 1, CutRelated: 11}
	for r, n := range want {
		if reasons[r] != n {
			t.Errorf("%d cuts for %q, want %d (all: %v)", reasons[r], r, n, reasons)
		}
	}
	if sp.Kept() != 9+10 {
		t.Errorf("kept %d paragraphs, want 19", sp.Kept())
	}
	t.Run("read-also story left out", func(t *testing.T) {
		sp := SplitText(seed, TextOptions{DropReadAlso: true})
		if len(sp.Stories) != 1 || sp.Stories[0].Text != wantXi {
			t.Fatalf("got %d stories", len(sp.Stories))
		}
		dropped := 0
		for _, c := range sp.Cuts {
			if c.Reason == CutDropped {
				dropped++
			}
		}
		if dropped != 1+10 {
			t.Errorf("%d lines reported as the dropped story, want its title and 10 paragraphs", dropped)
		}
	})
}

// TestSplitTextRules checks each rule on a small text: what is kept, and
// why each other line is cut.
func TestSplitTextRules(t *testing.T) {
	body := "وقال المتحدث باسم الوزارة إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة."
	body2 := "وأضاف أن الجانبين اتفقا على تشكيل لجنة مشتركة لمتابعة تنفيذ الاتفاق خلال الأشهر المقبلة."
	tests := []struct {
		name    string
		text    string
		stories []Story
		cuts    []Reason
	}{
		{"plain story", body + "\n\n" + body2, []Story{{Text: body + "\n\n" + body2, Line: 1}}, nil},
		{"headline becomes the title", "المفاوضات تستأنف الأسبوع المقبل\n\n" + body,
			[]Story{{Title: "المفاوضات تستأنف الأسبوع المقبل", Text: body, Line: 1}}, []Reason{CutHeadline}},
		{"source line", body + "\nالمصدر: وكالة الأنباء الأردنية (بترا)\n",
			[]Story{{Text: body, Credit: "وكالة الأنباء الأردنية (بترا)", Line: 1}}, []Reason{CutSource}},
		{"byline and date line", "بقلم: سارة المصري\nنشر في: 12 مارس 2024\n" + body,
			[]Story{{Text: body, Byline: "سارة المصري", Line: 1}}, []Reason{CutByline, CutDateline}},
		{"share and subscribe lines", body + "\nشارك هذا الخبر\nتابعونا على فيسبوك وتويتر\n" + body2,
			[]Story{{Text: body + "\n\n" + body2, Line: 1}}, []Reason{CutShare, CutShare}},
		{"inline read-also link", body + "\nاقرأ أيضا: الحكومة تعلن خطة جديدة للإسكان\n" + body2,
			[]Story{{Text: body + "\n\n" + body2, Line: 1}}, []Reason{CutRelated}},
		{"read-also list of links", body + "\nاقرأ أيضاً:\nالحكومة تعلن خطة جديدة للإسكان\nارتفاع أسعار الذهب\n" + body2,
			[]Story{{Text: body + "\n\n" + body2, Line: 1}}, []Reason{CutReadAlso, CutRelated, CutRelated}},
		{"related heading and bullets", body + "\nأخبار ذات صلة:\n- الحكومة تعلن خطة جديدة للإسكان\n- هل ترتفع أسعار الذهب؟\n",
			[]Story{{Text: body, Line: 1}}, []Reason{CutRelated, CutRelated, CutRelated}},
		{"a bulleted list ending sentences is kept", body + "\n• أولا: وقف إطلاق النار فورا في جميع المناطق.\n",
			[]Story{{Text: body + "\n\n• أولا: وقف إطلاق النار فورا في جميع المناطق.", Line: 1}}, nil},
		{"a long paragraph without a final stop is kept", body + "\n" + strings.Repeat("كلمة ", 45),
			[]Story{{Text: body + "\n\n" + strings.TrimSpace(strings.Repeat("كلمة ", 45)), Line: 1}}, nil},
		{"a quotation ending the paragraph is kept", "وقال: \"سنواصل العمل حتى النهاية\"\n" + body,
			[]Story{{Text: "وقال: \"سنواصل العمل حتى النهاية\"\n\n" + body, Line: 1}}, nil},
		{"headline with nothing under it", "عنوان بلا خبر", nil, []Reason{CutEmptyBody}},
		{"caption", "صدر الصورة، رويترز\n" + body, []Story{{Text: body, Line: 2}}, []Reason{CutCaption}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sp := SplitText(tc.text, TextOptions{})
			if len(sp.Stories) != len(tc.stories) {
				t.Fatalf("stories %+v, want %+v", sp.Stories, tc.stories)
			}
			for i := range sp.Stories {
				if sp.Stories[i] != tc.stories[i] {
					t.Errorf("story %d:\n got %+v\nwant %+v", i, sp.Stories[i], tc.stories[i])
				}
			}
			var got []Reason
			for _, c := range sp.Cuts {
				got = append(got, c.Reason)
			}
			if strings.Join(reasonStrings(got), "|") != strings.Join(reasonStrings(tc.cuts), "|") {
				t.Errorf("cuts %q, want %q", got, tc.cuts)
			}
		})
	}
}

func reasonStrings(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

// FuzzSplitText: every non-blank line is kept by a story or reported as
// cut, never both, and stories are never empty.
func FuzzSplitText(f *testing.F) {
	f.Add(readSeedF(f), false)
	f.Add("اقرأ أيضا\n\n\nعنوان\n", true)
	f.Add("مقالات مشابهة\n• أ\n• ب؟\nنص طويل بما يكفي ليكون فقرة من فقرات الخبر الذي نقرؤه الآن.", false)
	f.Fuzz(func(t *testing.T, text string, drop bool) {
		sp := SplitText(text, TextOptions{DropReadAlso: drop})
		lines := 0
		for _, l := range strings.Split(text, "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		kept := 0
		for _, st := range sp.Stories {
			if st.Text == "" {
				t.Fatal("an empty story")
			}
			kept += len(strings.Split(st.Text, "\n\n"))
			if st.Title != "" {
				kept++ // its headline is reported cut, as the title
			}
		}
		if kept+len(sp.Cuts) < lines {
			t.Fatalf("%d lines, %d kept and %d cut", lines, kept, len(sp.Cuts))
		}
	})
}

func readSeedF(f *testing.F) string {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "000_b82b1847b879165f.txt"))
	if err != nil {
		f.Fatal(err)
	}
	return string(raw)
}
