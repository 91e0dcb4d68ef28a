package news

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The line rules: what a line of a saved news page is, judged from the
// line alone. Words are compared after fold, so أيضاً, ايضا and أيضًا are
// one word.

// fold simplifies Arabic spelling for matching markers: no diacritics or
// tatweel, one alef, ya for alef maqsura, ha for ta marbuta, and no
// punctuation at either end.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
			continue // harakat, superscript alef, tatweel
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimFunc(b.String(), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
}

// words counts the words of a line.
func words(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// head is the first n words of a line (with what separates them).
func head(s string, n int) string {
	in := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			if n == 0 {
				return s[:i]
			}
			n--
		}
		in = !sp
	}
	return s
}

// endsSentence reports whether a line ends as body text does: with a full
// stop, question or exclamation mark, ellipsis, colon, or a closing quote
// (a paragraph that ends on a quotation). Headlines do not.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '؟', '…', ':', '؛', '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

// headlineLike is a line that does not end a sentence and is short enough
// to be a headline: a title, a link to another story, a caption.
func headlineLike(s string) bool { return !endsSentence(s) && words(s) <= maxHeadlineWords }

// maxHeadlineWords bounds a headline; a longer line without a final stop
// is a paragraph whose stop is missing, and is kept.
const maxHeadlineWords = 40

// bodyLike is a line that reads as a paragraph of a story.
func bodyLike(s string) bool { return endsSentence(s) && words(s) >= minBodyWords }

// minBodyWords is the length from which a line ending a sentence counts
// as a paragraph when deciding what follows a marker.
const minBodyWords = 8

var rxBullet = regexp.MustCompile(`^\s*(?:[•·●▪◦‣○■□►▶◀✓✔\-–—*]|[0-9٠-٩]{1,2}[.)\-])\s*\S`)

// rxBulletMark is a bullet sign at the start of a line.
var rxBulletMark = regexp.MustCompile(`^\s*[•·●▪◦‣○■□►▶◀✓✔]\s*`)

// bullet is a list item.
func bullet(s string) bool { return rxBullet.MatchString(s) }

// rxSource matches a source line: المصدر: الحرة.
var rxSource = regexp.MustCompile(`^\s*(?:المصدر|المصادر|مصدر الخبر|المصدر الأصلي|Source)\s*[:：]\s*(\S.*?)\s*$`)

// source returns the credit of a source line, or "".
func source(s string) string {
	m := rxSource.FindStringSubmatch(s)
	if m == nil || words(m[1]) > 8 {
		return ""
	}
	return strings.TrimRight(m[1], " .")
}

// readAlsoMarkers open a "read also" block (compared folded).
var readAlsoMarkers = []string{"اقرا ايضا", "اقرا كذلك", "اقرا المزيد", "طالع ايضا", "اقرا", "read also", "read more"}

// readAlso reports whether the line is a "read also" marker on its own,
// and inline whether the marker is followed on the same line by a
// headline ("اقرأ أيضاً: …").
func readAlso(s string) (marker, inline bool) {
	f := fold(head(s, 4))
	for _, m := range readAlsoMarkers {
		if f == m {
			return true, false
		}
		if rest, ok := strings.CutPrefix(f, m); ok && m != "اقرا" && strings.ContainsAny(s, ":：") && strings.TrimSpace(rest) != "" {
			return false, true
		}
	}
	return false, false
}

// relatedMarkers head lists of related headlines (compared folded).
var relatedMarkers = []string{
	"مقالات مشابهه", "مقالات ذات صله", "اخبار ذات صله", "مواضيع ذات صله", "موضوعات ذات صله", "مواد ذات صله",
	"روابط ذات صله", "اخبار متعلقه", "مقالات متعلقه", "الاكثر قراءه", "الاكثر مشاهده", "الاكثر تداولا",
	"قد يهمك", "قد يهمك ايضا", "قد يعجبك ايضا", "اخترنا لك", "المزيد من الاخبار", "اخبار اخري", "شاهد ايضا",
	"قصص ذات صله", "قصص مقترحه", "تقارير ذات صله", "موضوعات مقترحه",
	"related", "related articles", "related stories", "more stories", "most read",
}

// related reports whether the line heads a list of related headlines.
func related(s string) bool {
	if words(s) > 4 {
		return false // every heading is shorter
	}
	f := fold(s)
	for _, m := range relatedMarkers {
		if f == m {
			return true
		}
	}
	return false
}

// shareWords mark a share or subscribe line (compared folded).
var shareWords = []string{
	"شارك", "مشاركه", "انشر", "تابعونا", "تابعنا", "اشترك", "للاشتراك", "النشره البريديه", "فيسبوك", "فيس بوك",
	"تويتر", "واتساب", "واتس اب", "تيليجرام", "تلغرام", "تليغرام", "انستغرام", "انستجرام", "يوتيوب", "لينكد",
	"نسخ الرابط", "طباعه", "share", "subscribe", "facebook", "twitter", "whatsapp", "telegram", "print", "copy link",
}

// share reports whether the line is a short share or subscribe line.
func share(s string) bool {
	if !headlineLike(s) || words(s) > 10 {
		return false
	}
	f := fold(s)
	for _, w := range shareWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// rxByline and rxDateline match a byline ("بقلم: …") and a date line
// ("نشر في: …") on a line of their own.
var (
	rxByline   = regexp.MustCompile(`^\s*(?:بقلم|كتب|كتبت|إعداد|اعداد|By)\s*[:：]?\s+\S`)
	rxDateline = regexp.MustCompile(`^\s*(?:نشر في|نُشر في|نشر بتاريخ|تاريخ النشر|آخر تحديث|اخر تحديث|تم التحديث|Published|Updated)\s*[:：]?`)
)

// rxDate matches a line that is only a date: "الأربعاء 25 يناير 2023",
// "6 ديسمبر/ كانون الأول 2024", "22/7/2024".
var rxDate = regexp.MustCompile(`^(?:(?:السبت|الأحد|الاحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة)\s*[،,]?\s*)?` +
	`(?:[0-9٠-٩]{1,2}\s*(?:يناير|فبراير|مارس|أبريل|إبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|` +
	`كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول)` +
	`(?:\s*/\s*(?:كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول))?\s*[0-9٠-٩]{4}` +
	`|[0-9٠-٩]{1,4}[/.\-][0-9٠-٩]{1,2}[/.\-][0-9٠-٩]{1,4})(?:\s*[-–|،,]?\s*[0-9٠-٩]{1,2}:[0-9٠-٩]{2}(?:\s*(?:ص|م|AM|PM|GMT))?)?\s*$`)

// rxCaption matches a photo credit or caption line.
var rxCaption = regexp.MustCompile(`^\s*(?:صدر الصورة|مصدر الصورة|الصورة|صورة|تصوير|Image source|Photo)\s*[،,:：]`)

// caption reports a photo credit or caption line.
func caption(s string) bool { return headlineLike(s) && rxCaption.MatchString(s) }

// byline returns the name in a byline line, or "".
func byline(s string) string {
	if !headlineLike(s) || words(s) > 8 || !rxByline.MatchString(s) {
		return ""
	}
	_, name, ok := strings.Cut(s, ":")
	if !ok {
		f := strings.Fields(s)
		name = strings.Join(f[1:], " ")
	}
	return strings.TrimSpace(name)
}

// dateline reports a line that only says when the story was published.
func dateline(s string) bool {
	s = strings.TrimSpace(rxBulletMark.ReplaceAllString(s, ""))
	return headlineLike(s) && words(s) <= 10 && (rxDateline.MatchString(s) || rxDate.MatchString(s))
}

// linkLike is a line in a list of links: a list item, a headline, a share
// line, or a short question (headlines ask them).
func linkLike(s string) bool {
	if bullet(s) || headlineLike(s) || share(s) {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return (r == '؟' || r == '?') && words(s) <= 15
}
