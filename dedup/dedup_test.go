package dedup

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/tawsim/tawsim/boltstore"
	"github.com/tawsim/tawsim/corpus"
)

const story = `أطلقت المملكة العربية السعودية، الأربعاء، أعمال إنشاء محطة لتحلية مياه البحر تعمل بالطاقة الشمسية على ساحل البحر الأحمر، بطاقة إنتاجية تبلغ 600 ألف متر مكعب يوميا.

وأوضحت الهيئة السعودية للمياه في بيان أن المشروع سيوفر مياه الشرب لنحو مليوني نسمة في منطقة مكة المكرمة، ويخفض انبعاثات الكربون بنحو 800 ألف طن سنويا.

وتعتمد المحطة على تقنية التناضح العكسي، وتستمد الكهرباء من حقل للألواح الشمسية بقدرة 400 ميغاواط يقام بجوارها.`

func TestWordsFoldSpelling(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"أطلقت المملكة", "اطلقت المملكه"},
		{"مُحَمَّدٌ إلى مصـــر", "محمد الي مصر"},
		{"٦٠٠ ألف", "600 الف"},
		{"NASA, Artemis", "nasa artemis"},
	} {
		if a, b := strings.Join(words(tc.a), " "), strings.Join(words(tc.b), " "); a != b {
			t.Errorf("words(%q) = %q, words(%q) = %q", tc.a, a, tc.b, b)
		}
	}
}

func TestSimilarity(t *testing.T) {
	sig := func(s string) Signature {
		g, ok := SignText(s)
		if !ok {
			t.Fatalf("no signature for %q", s)
		}
		return g
	}
	a := sig(story)
	tests := []struct {
		name     string
		text     string
		min, max float64
	}{
		{"same text", story, 1, 1},
		{"respelled and a source line added", strings.NewReplacer("أ", "ا", "ة", "ه").Replace(story) + "\n\nالمصدر: وكالات", 0.85, 1},
		{"last paragraph dropped", story[:strings.LastIndex(story, "\n\n")], 0.5, 0.85},
		{"another story", "خفض البنك الدولي توقعاته لنمو اقتصادات المنطقة خلال العام الجاري بسبب تراجع إنتاج النفط واستمرار النزاعات.", 0, 0.1},
	}
	for _, tc := range tests {
		b := sig(tc.text)
		if s := a.Similarity(&b); s < tc.min || s > tc.max {
			t.Errorf("%s: similarity %.2f, want %.2f–%.2f", tc.name, s, tc.min, tc.max)
		}
	}
	if _, ok := SignText(" ... ، "); ok {
		t.Error("a text without words has a signature")
	}
}

func TestIndexAndClusters(t *testing.T) {
	x := NewIndex(Options{})
	texts := map[string]string{
		"a": story,
		"b": strings.Replace(story, "الأربعاء", "اليوم الأربعاء", 1),
		"c": "خفض البنك الدولي توقعاته لنمو اقتصادات المنطقة خلال العام الجاري بسبب تراجع إنتاج النفط واستمرار النزاعات.",
		"d": story + "\n\nالمصدر: الشرق الأوسط",
	}
	var cl Clusters
	for _, id := range []string{"a", "b", "c", "d"} {
		sig, _ := SignText(texts[id])
		for _, m := range x.Query(sig) {
			cl.Link(m.ID, id)
		}
		x.Add(id, sig)
	}
	if got := cl.Groups(); len(got) != 1 || !slices.Equal(got[0], []string{"a", "b", "d"}) {
		t.Errorf("clusters %v, want [[a b d]]", got)
	}
	if got := x.Similar("c"); len(got) != 0 {
		t.Errorf("c has near-duplicates %v", got)
	}
	if got := x.Similar("a"); len(got) != 2 || got[0].Similarity < got[1].Similarity {
		t.Errorf("a's near-duplicates %v, want b and d, most similar first", got)
	}
}

func TestNearDuplicatesInCorpus(t *testing.T) {
	s, err := corpus.Open(filepath.Join(t.TempDir(), "c.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sc, err := corpus.Preset("wojood")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSchema(sc); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import([]corpus.ImportItem{
		{Origin: "1", Doc: corpus.NewDoc{Title: "أصل", Text: story}},
		{Origin: "2", Doc: corpus.NewDoc{Title: "غيره", Text: "خبر آخر تماما عن الطقس في عمان والمطر الغزير الذي هطل أمس على المدينة."}},
		{Origin: "3", Doc: corpus.NewDoc{Title: "نسخة", Text: story + "\n\nالمصدر: وكالات"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := NearDuplicates(context.Background(), s, res.IDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != res.IDs[2] {
		t.Errorf("near-duplicates of the first %v, want the third", got)
	}
}
