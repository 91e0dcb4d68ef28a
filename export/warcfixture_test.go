package export

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v2"
)

// warcRec is one record of a test archive.
type warcRec struct {
	typ   gowarc.RecordType
	uri   string
	ctype string // the record's Content-Type
	block []byte // an HTTP message for response and request records
}

// response is an archived HTTP response carrying body; headers are extra
// header lines.
func response(status int, ctype string, body []byte, headers ...string) warcRec {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n", status, statusText(status), ctype)
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	return warcRec{typ: gowarc.Response, ctype: "application/http;msgtype=response", block: b.Bytes()}
}

func statusText(code int) string {
	return map[int]string{200: "OK", 301: "Moved Permanently", 404: "Not Found"}[code]
}

func (r warcRec) at(uri string) warcRec { r.uri = uri; return r }

// writeWARC writes records with gowarc's record builder and marshaler; gz
// compresses each record as a gzip member of its own, as .warc.gz files
// do.
func writeWARC(t testing.TB, w io.Writer, recs []warcRec, gz bool) {
	t.Helper()
	m := gowarc.NewMarshaler()
	for i, r := range recs {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithFixContentLength(true), gowarc.WithAddMissingDigest(true))
		if _, err := b.Write(r.block); err != nil {
			t.Fatal(err)
		}
		b.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", i+1))
		b.AddWarcHeader(gowarc.WarcDate, "2025-03-01T08:00:00Z")
		b.AddWarcHeader(gowarc.ContentType, r.ctype)
		if r.uri != "" {
			b.AddWarcHeader(gowarc.WarcTargetURI, r.uri)
		}
		if r.typ == gowarc.Revisit {
			b.AddWarcHeader(gowarc.WarcProfile, "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
			b.AddWarcHeader(gowarc.WarcRefersToTargetURI, "https://www.aljazeera.net/news/2024/7/22/heatwave-north-africa")
		}
		rec, _, err := b.Build()
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		out := w
		var zw *gzip.Writer
		if gz {
			zw = gzip.NewWriter(w)
			out = zw
		}
		if _, _, err := m.Marshal(out, rec, 0); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if zw != nil {
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
		}
		rec.Close()
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "news", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func gzipped(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func chunked(b []byte) []byte {
	var buf bytes.Buffer
	for len(b) > 0 {
		n := min(len(b), 1000)
		fmt.Fprintf(&buf, "%x\r\n", n)
		buf.Write(b[:n])
		buf.WriteString("\r\n")
		b = b[n:]
	}
	buf.WriteString("0\r\n\r\n")
	return buf.Bytes()
}

// nearCopy is the Al Hurra page re-published by another site: its own
// title, URL and name, a sentence added, a word changed.
func nearCopy(t testing.TB) []byte {
	page := string(readFixture(t, "alhurra.html"))
	r := strings.NewReplacer(
		`content="الحرة"`, `content="صحيفة المساء"`,
		"https://www.alhurra.com/economy/2024/10/15/world-bank-mena-growth", "https://almasaa.example/economy/8812",
		"البنك الدولي يخفض توقعاته لنمو اقتصادات الشرق الأوسط", "البنك الدولي: نمو أبطأ لاقتصادات الشرق الأوسط هذا العام",
		"مقارنة بـ2.7 في المئة في تقديراته السابقة.", "مقارنة بـ2.7 في المئة في تقديراته السابقة الصادرة في أبريل.",
		"وعزا البنك في تقريره", "وأرجع البنك في تقريره")
	return []byte(r.Replace(page))
}

// archiveRecords are the test archive: three Arabic articles (one sent
// chunked and gzipped), one page in English, the first article again
// under another URL, a revisit of it, a near-copy of the third article
// from another site, an image, a redirect, an index page with no
// article, and the records that are no pages (warcinfo, request,
// metadata).
func archiveRecords(t testing.TB) []warcRec {
	bbc := readFixture(t, "bbc.html")
	return []warcRec{
		{typ: gowarc.Warcinfo, ctype: "application/warc-fields", block: []byte("software: tawsim test\r\nformat: WARC File Format 1.1\r\n")},
		{typ: gowarc.Request, uri: "https://www.aljazeera.net/news/2024/7/22/heatwave-north-africa", ctype: "application/http;msgtype=request",
			block: []byte("GET /news/2024/7/22/heatwave-north-africa HTTP/1.1\r\nHost: www.aljazeera.net\r\n\r\n")},
		response(200, "text/html; charset=utf-8", readFixture(t, "aljazeera.html")).at("https://www.aljazeera.net/news/2024/7/22/heatwave-north-africa"),
		response(200, "text/html; charset=UTF-8", chunked(gzipped(t, bbc)), "Transfer-Encoding: chunked", "Content-Encoding: gzip").
			at("https://www.bbc.com/arabic/articles/c9wx2kq4d1zo"),
		response(200, "text/html", readFixture(t, "english.html")).at("https://news.example.com/markets/rally"),
		response(200, "text/html; charset=utf-8", readFixture(t, "aljazeera.html")).at("https://www.aljazeera.net/news/2024/7/22/heatwave-north-africa?amp=1"),
		{typ: gowarc.Revisit, uri: "https://www.aljazeera.net/news/2024/7/22/heatwave-north-africa", ctype: "application/http;msgtype=response",
			block: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")},
		response(200, "text/html; charset=utf-8", readFixture(t, "alhurra.html")).at("https://www.alhurra.com/economy/2024/10/15/world-bank-mena-growth"),
		response(200, "text/html; charset=utf-8", nearCopy(t)).at("https://almasaa.example/economy/8812"),
		response(200, "image/jpeg", []byte("\xff\xd8\xff\xe0 not really a picture")).at("https://www.aljazeera.net/wp-content/uploads/heat.jpg"),
		response(301, "text/html", []byte("<a href=\"/new\">moved</a>"), "Location: https://www.alhurra.com/new").at("https://www.alhurra.com/old"),
		response(200, "text/html; charset=utf-8", readFixture(t, "index.html")).at("https://news.example.net/"),
		{typ: gowarc.Metadata, uri: "https://news.example.net/", ctype: "application/warc-fields", block: []byte("outlinks: https://news.example.net/1\r\n")},
	}
}

// writeArchive writes the test archive into dir and returns its path.
func writeArchive(t testing.TB, dir, name string, gz bool) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	writeWARC(t, f, archiveRecords(t), gz)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
