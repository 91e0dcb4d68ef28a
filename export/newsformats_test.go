package export

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/dedup"
	"github.com/tawsim/tawsim/news"
)

const seedPage = "../testdata/seed/000_b82b1847b879165f.txt"

// seedHeadlines are the ten bulleted headlines at the foot of the seed page.
var seedHeadlines = []string{
	"وزير الخارجية الفرنسي يزور الجزائر الأحد", "مبعوث لبوتين في واشنطن لتحسين العلاقات بين البلدين",
	"الرئيس اللبناني: نباشر اتخاذ خطوات لتطوير العلاقات مع سوريا", "رئيس وزراء لبنان نواف سلام يهنئ الرئيس السوري",
	"سوريا إلى أين فى ظل سلطات مطلقة للشرع", "خبير إسرائيلي يزعم تمركز حماس في سوريا",
	"استراتيجية إيران الجديدة في سورية", "بوتين يجتمع مع وزير الخارجية الصيني في موسكو",
	"ترامب يهنئ السيسي بعيد الفطر", "نجهز برنامجا خاصا.. بوتين: نتطلع إلى زيارة الرئيس الصيني الشهر المقبل",
}

// stored reads back every document of the store.
func stored(t *testing.T, s *corpus.Store) []corpus.Document {
	t.Helper()
	infos, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var out []corpus.Document
	for _, d := range infos {
		doc, err := s.Document(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, doc)
	}
	return out
}

func metaOf(d corpus.Document, key string) string { return metaString(d.Meta, key) }

// TestImportSeedAsNews: the seed page imported with --news gives the
// Xi–Assad story whole, with its source, and the Putin–Wang Yi story as a
// document of its own titled by its headline, without the glued headline
// line; none of the ten bulleted headlines is in any document. With
// --read-also drop the second story is left out; without --news the file
// is one document, exactly as given.
func TestImportSeedAsNews(t *testing.T) {
	raw, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	seed := string(raw)
	xiText := strings.TrimSpace(seed[:strings.Index(seed, "المصدر: الحرة")])
	t.Run("news", func(t *testing.T) {
		s := openStore(t)
		rep, err := RunImport(context.Background(), s, ImportRequest{Format: "txt", News: true, Paths: []string{seedPage}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		docs := stored(t, s)
		if len(docs) != 2 || rep.Import.Added != 2 {
			t.Fatalf("%d documents stored, want 2\n%s", len(docs), rep)
		}
		xi, putin := docs[0], docs[1]
		if xi.Text != xiText || metaOf(xi, "credit") != "الحرة" || metaOf(xi, "site") != "الحرة" || xi.Title != "000_b82b1847b879165f" {
			t.Errorf("Xi–Assad document: title %q, credit %q, text kept whole: %v", xi.Title, metaOf(xi, "credit"), xi.Text == xiText)
		}
		if putin.Title != seedHeadlines[9] || !strings.HasPrefix(putin.Text, "أعرب الرئيس الروسي") || string(putin.Meta["read_also"]) != "true" {
			t.Errorf("Putin–Wang Yi document: title %q, text %.40q", putin.Title, putin.Text)
		}
		for _, d := range docs {
			if strings.Contains(d.Text, "ترامبموسكو") {
				t.Errorf("%q keeps the glued headline line", d.Title)
			}
			for _, h := range seedHeadlines {
				if strings.Contains(d.Text, h) {
					t.Errorf("%q holds the bulleted headline %q", d.Title, h)
				}
			}
			if metaOf(d, "page_sha256") != news.PageHash(raw) {
				t.Errorf("%q: page hash %q", d.Title, metaOf(d, "page_sha256"))
			}
		}
		infos, _ := s.Documents()
		if infos[0].Site != "الحرة" {
			t.Errorf("the list record's site is %q", infos[0].Site)
		}
		out := rep.String()
		for _, want := range []string{`1 second stories under "read also" imported`, "line 29: headline line inside the story", "line 19: source line, kept as metadata: المصدر: الحرة", "line 60: related headlines"} {
			if !strings.Contains(out, want) {
				t.Errorf("the report lacks %q:\n%s", want, out)
			}
		}
		// The same page again: both texts are already there.
		rep, err = RunImport(context.Background(), s, ImportRequest{Format: "auto", News: true, Paths: []string{seedPage}}, nil)
		if err != nil || rep.Import.Added != 0 || rep.Import.Existing != 2 {
			t.Errorf("second import: %v %+v", err, rep.Import)
		}
	})
	t.Run("read-also drop", func(t *testing.T) {
		s := openStore(t)
		rep, err := RunImport(context.Background(), s, ImportRequest{News: true, ReadAlso: "drop", Paths: []string{seedPage}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if docs := stored(t, s); len(docs) != 1 || docs[0].Text != xiText {
			t.Fatalf("%d documents", len(docs))
		}
		if !strings.Contains(rep.String(), `1 second stories under "read also" left out`) {
			t.Errorf("report:\n%s", rep)
		}
	})
	t.Run("without news", func(t *testing.T) {
		s := openStore(t)
		if _, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{seedPage}}, nil); err != nil {
			t.Fatal(err)
		}
		if docs := stored(t, s); len(docs) != 1 || docs[0].Text != seed || len(docs[0].Meta) != 0 {
			t.Fatalf("without --news the file is not stored as given")
		}
	})
	t.Run("a text with no story", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"links.txt": "مقالات مشابهة\n• عنوان أول\n• عنوان ثان\n"})
		_, err := RunImport(context.Background(), openStore(t), ImportRequest{News: true, Paths: []string{dir}}, nil)
		if err == nil || !strings.Contains(err.Error(), "links.txt") || !strings.Contains(err.Error(), "without --news") {
			t.Errorf("err = %v", err)
		}
	})
}

// TestImportPages imports the folder of saved pages: the Arabic articles
// are stored with their metadata in the list record, the English page
// and the index page are skipped and counted; importing again adds
// nothing.
func TestImportPages(t *testing.T) {
	s := openStore(t)
	rep, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{"../testdata/news"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := rep.Summary.News
	if rep.Import.Added != 5 || n.Pages != 7 || n.NotArabic != 1 || n.NoArticle != 1 {
		t.Fatalf("added %d; counts %+v", rep.Import.Added, n)
	}
	infos, _ := s.Documents()
	sites := map[string]string{}
	for _, d := range infos {
		sites[d.Site] = d.Published
	}
	want := map[string]string{"الشرق الأوسط": "2025-02-12", "الحرة": "2024-10-15", "الجزيرة نت": "2024-07-22", "BBC News عربي": "2024-12-06", "": "2023-01-25"}
	for site, pub := range want {
		if got, ok := sites[site]; !ok || got != pub {
			t.Errorf("site %q published %q, want %q (all: %v)", site, got, pub, sites)
		}
	}
	rep, err = RunImport(context.Background(), s, ImportRequest{Format: "html", Paths: []string{"../testdata/news"}}, nil)
	if err != nil || rep.Import.Added != 0 || rep.Import.Existing != 5 {
		t.Errorf("second import: %v, %+v", err, rep.Import)
	}
}

// TestImportWARC imports an archive of a few records — Arabic pages, one
// in English, a page twice and a revisit of it, a near-copy from another
// site, an image, a redirect, an index page, and records that are not
// pages — plain and gzipped, with each --near-dups mode.
func TestImportWARC(t *testing.T) {
	dir := t.TempDir()
	plain := writeArchive(t, dir, "crawl.warc", false)
	gz := writeArchive(t, dir, "crawl.warc.gz", true)
	for _, tc := range []struct {
		path, mode string
		stored     int
	}{
		{plain, "keep", 4},
		{gz, "keep", 4},
		{plain, "skip", 3},
		{gz, "report", 0},
	} {
		t.Run(filepath.Base(tc.path)+" "+tc.mode, func(t *testing.T) {
			s := openStore(t)
			rep, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{tc.path}, NearDups: tc.mode}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := NewsCounts{Pages: 10, NotHTML: 2, NotArabic: 1, NoArticle: 1, Duplicates: 2}
			got := rep.Summary.News
			got.Cuts, got.Problems, got.CutLines = nil, nil, 0
			if got.Pages != want.Pages || got.NotHTML != want.NotHTML || got.NotArabic != want.NotArabic ||
				got.NoArticle != want.NoArticle || got.Duplicates != want.Duplicates || got.Failed != 0 {
				t.Errorf("counts %+v, want %+v\n%s", got, want, rep)
			}
			docs := stored(t, s)
			if len(docs) != tc.stored {
				t.Fatalf("%d documents stored, want %d\n%s", len(docs), tc.stored, rep)
			}
			if !strings.Contains(rep.String(), "near-duplicates: 1 clusters of 2 documents") {
				t.Errorf("the report names no cluster:\n%s", rep)
			}
			if tc.mode != "keep" {
				return
			}
			near := docs[3]
			var ms []dedup.Match
			if err := json.Unmarshal(near.Meta[MetaNearDuplicates], &ms); err != nil || len(ms) != 1 || ms[0].ID != docs[2].ID || ms[0].Similarity < 0.6 {
				t.Errorf("the near-copy's meta names %v (%v), want the Al Hurra article", ms, err)
			}
			if near.Source != "https://almasaa.example/economy/8812" || metaOf(near, "site") != "صحيفة المساء" || metaOf(near, "fetched") != "2025-03-01T08:00:00Z" {
				t.Errorf("near-copy source %q site %q fetched %q", near.Source, metaOf(near, "site"), metaOf(near, "fetched"))
			}
			if docs[1].Title != "ناسا تؤجل رحلة أرتميس 2 المأهولة حول القمر إلى أبريل المقبل" {
				t.Errorf("the chunked, gzipped page gave %q", docs[1].Title)
			}
		})
	}
}

// TestImportWARCProgressAndCancel: an archive reports progress in bytes
// and stops when cancelled, storing nothing.
func TestImportWARCProgressAndCancel(t *testing.T) {
	path := writeArchive(t, t.TempDir(), "crawl.warc", false)
	st, _ := os.Stat(path)
	req := ImportRequest{Paths: []string{path}}
	if u := ProgressUnit(req); u != "bytes" {
		t.Errorf("progress unit %q, want bytes", u)
	}
	if u := ProgressUnit(ImportRequest{Paths: []string{"../testdata/samples"}}); u != "files" {
		t.Errorf("progress unit for text files %q, want files", u)
	}
	s := openStore(t)
	var last, total int
	if _, err := RunImport(context.Background(), s, req, func(d, tot int) { last, total = d, tot }); err != nil {
		t.Fatal(err)
	}
	if int64(total) != st.Size() || last != total {
		t.Errorf("progress ended at %d of %d, want %d bytes", last, total, st.Size())
	}
	ctx, cancel := context.WithCancel(context.Background())
	s = openStore(t)
	_, err := RunImport(ctx, s, req, func(int, int) { cancel() })
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("err = %v, want ErrCancelled", err)
	}
	if docs, _ := s.Documents(); len(docs) != 0 {
		t.Errorf("a cancelled import stored %d documents", len(docs))
	}
}

// TestImportWARCRefusals: a file that is not an archive, or an archive cut
// short, is refused with its name and record.
func TestImportWARCRefusals(t *testing.T) {
	var buf strings.Builder
	writeWARC(t, &buf, archiveRecords(t)[:4], false)
	whole := buf.String()
	dir := writeFiles(t, map[string]string{
		"text.warc": "هذا ليس أرشيفا.\n",
		"cut.warc":  whole[:len(whole)-3000],
	})
	for _, name := range []string{"text.warc", "cut.warc"} {
		_, err := RunImport(context.Background(), openStore(t), ImportRequest{Paths: []string{filepath.Join(dir, name)}}, nil)
		if err == nil || !strings.Contains(err.Error(), name+" record") {
			t.Errorf("%s: err = %v, want the file and record named", name, err)
		}
	}
}

// TestImportFeed reads an RSS feed: items with full content and with a
// summary only, one in English, one empty.
func TestImportFeed(t *testing.T) {
	s := openStore(t)
	rep, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{"../testdata/feed/aljazeera.rss"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := rep.Summary.News
	if n.Pages != 4 || n.NotArabic != 1 || n.NoArticle != 1 || rep.Import.Added != 2 {
		t.Fatalf("added %d, counts %+v\n%s", rep.Import.Added, n, rep)
	}
	docs := stored(t, s)
	first := docs[0]
	if first.Title != "موجة حر غير مسبوقة تضرب شمال أفريقيا" || first.Source != "https://www.aljazeera.net/news/2024/7/22/heatwave-north-africa" ||
		metaOf(first, "published") != "2024-07-22T07:15:00Z" || metaOf(first, "site") != "الجزيرة نت - أخبار" || metaOf(first, "lang") != "ar" {
		t.Errorf("first item: %q %q %q %q %q", first.Title, first.Source, metaOf(first, "published"), metaOf(first, "site"), metaOf(first, "lang"))
	}
	if strings.Contains(first.Text, "اقرأ أيضا") || strings.Contains(first.Text, "حرائق الغابات") || strings.Count(first.Text, "\n\n") != 2 {
		t.Errorf("first item text:\n%s", first.Text)
	}
	if docs[1].Text != "خفض البنك الدولي توقعاته لنمو اقتصادات الشرق الأوسط وشمال أفريقيا إلى 2.2 في المئة هذا العام." || metaOf(docs[1], "byline") != "الحرة" {
		t.Errorf("second item: %q by %q", docs[1].Text, metaOf(docs[1], "byline"))
	}
	if _, err := RunImport(context.Background(), s, ImportRequest{Format: "feed", Paths: []string{"../testdata/news/aljazeera.want"}}, nil); err == nil || !strings.Contains(err.Error(), "aljazeera.want: not an RSS or Atom feed") {
		t.Errorf("a text file read as a feed: %v", err)
	}
}

// TestNearDupModes: a near-copy of a document already in the corpus and
// one of an article earlier in the same import, in each mode.
func TestNearDupModes(t *testing.T) {
	alhurra := strings.TrimSpace(string(readFixture(t, "alhurra.want")))
	aawsat := strings.TrimSpace(string(readFixture(t, "aawsat.want")))
	edit := func(s string) string {
		return strings.Replace(s, "، الثلاثاء،", "، يوم الثلاثاء،", 1) + "\n\nالمصدر: وكالات"
	}
	line := func(title, text string) string {
		b, _ := json.Marshal(map[string]string{"title": title, "text": text})
		return string(b) + "\n"
	}
	for _, tc := range []struct {
		mode   string
		stored int
	}{{"keep", 4}, {"skip", 2}, {"report", 1}} {
		t.Run(tc.mode, func(t *testing.T) {
			s := openStore(t)
			if _, err := s.Import([]corpus.ImportItem{{Origin: "old", Doc: corpus.NewDoc{Title: "قديم", Text: alhurra}}}); err != nil {
				t.Fatal(err)
			}
			dir := writeFiles(t, map[string]string{"new.jsonl": line("نسخة", edit(alhurra)) + line("الأصل", aawsat) + line("نسخة ثانية", edit(aawsat)) + line("مكرر", aawsat)})
			rep, err := RunImport(context.Background(), s, ImportRequest{Paths: []string{dir}, NearDups: tc.mode}, nil)
			if err != nil {
				t.Fatal(err)
			}
			docs := stored(t, s)
			if len(docs) != tc.stored {
				t.Fatalf("%d documents, want %d\n%s", len(docs), tc.stored, rep)
			}
			if !strings.Contains(rep.String(), "near-duplicates: 2 clusters of 4 documents") {
				t.Errorf("report:\n%s", rep)
			}
			if tc.mode == "keep" {
				for i, want := range map[int]int{1: 0, 3: 2} {
					var ms []dedup.Match
					json.Unmarshal(docs[i].Meta[MetaNearDuplicates], &ms)
					if len(ms) != 1 || ms[0].ID != docs[want].ID {
						t.Errorf("%q names %v, want %q", docs[i].Title, ms, docs[want].Title)
					}
				}
				if rep.Import.Existing != 1 {
					t.Errorf("the exact copy: %+v", rep.Import)
				}
			}
		})
	}
}
