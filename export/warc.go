package export

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"os"
	"regexp"
	"strings"

	"github.com/nlnwa/gowarc/v2"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/news"
)

// The warc format: web archives (WARC 1.0 and 1.1, plain or gzipped per
// record, as crawlers and national libraries write them).
func init() {
	Register(Format{Name: "warc", Order: 5, Articles: true, Exts: []string{".warc", ".warc.gz"}, ReadFile: readWARC,
		ReadApplies: OptReadAlso | OptNearDups, Streams: true,
		Description:   "web archives (.warc, .warc.gz): every HTML response through the page extraction; other records, pages not in Arabic and repeated pages are skipped and counted",
		ImportExample: "tawsimctl import --format warc crawl.warc.gz"})
}

// readWARC streams an archive record by record: only the record being
// read is in memory (gowarc keeps up to 1 MiB of it, the rest in a
// temporary file), and what is kept of it is the extracted article. It
// stops between records when opt.Context is cancelled and tells
// opt.Progress how far into the file it is. A record that is not a
// readable WARC record ends the import with the file and offset.
func readWARC(path string, opt ReadOptions) ([]corpus.ImportItem, Summary, error) {
	sum := Summary{Format: "warc"}
	f, err := os.Open(path)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	cr := &countingReader{r: f}
	wr, err := gowarc.NewWarcFileReaderFromStream(cr, 0)
	if err != nil {
		return nil, sum, fmt.Errorf("import %s: %w", path, err)
	}
	defer wr.Close()
	ctx := ctxOf(opt)
	seen := map[string]bool{} // page hashes
	var items []corpus.ImportItem
	for n := 1; ; n++ {
		if err := cancelled(ctx); err != nil {
			return nil, sum, err
		}
		rec, off, val, err := nextRecord(wr)
		if err == io.EOF && n == 1 {
			return nil, sum, fmt.Errorf("import %s record 1: no WARC record in the file (is it a WARC file?)", path)
		}
		if err == io.EOF {
			break
		}
		if err == nil {
			err = damaged(val)
		}
		if err != nil {
			if rec != nil {
				rec.Close()
			}
			return nil, sum, fmt.Errorf("import %s record %d (offset %d): not a readable WARC record: %w", path, n, off, err)
		}
		got, err := warcRecord(rec, fmt.Sprintf("%s record %d", path, n), path, opt, seen, &sum.News)
		rec.Close()
		if err != nil {
			return nil, sum, err
		}
		items = append(items, got...)
		if opt.Progress != nil {
			opt.Progress(cr.n, st.Size())
		}
	}
	sum.Documents = len(items)
	return items, sum, nil
}

// nextRecord is wr.Next with gowarc's panics on malformed input (an
// index out of range on a version line without "\r\n", in v2.2.4)
// turned into errors: a bad file is refused, never a crash.
func nextRecord(wr *gowarc.WarcFileReader) (rec gowarc.WarcRecord, off int64, val *gowarc.Validation, err error) {
	defer func() {
		if p := recover(); p != nil {
			rec, val, err = nil, nil, fmt.Errorf("malformed record (%v)", p)
		}
	}()
	return wr.Next()
}

// damaged turns the validation problems that mean a record cannot be
// trusted — its length unknown, or the file ending inside it — into an
// error. Lesser problems (a wrong digest, a missing carriage return) are
// common in real archives and do not stop the import.
func damaged(val *gowarc.Validation) error {
	if val == nil {
		return nil
	}
	for _, e := range *val {
		msg := e.Error()
		if strings.Contains(msg, "missing required field: Content-Length") ||
			strings.Contains(msg, `too few bytes in end of record marker. Expected "\r\n\r\n", was ""`) ||
			strings.Contains(msg, "unexpected end of record") {
			return fmt.Errorf("%s (the file is cut short or damaged)", msg)
		}
	}
	return nil
}

// warcRecord makes the documents of one record: an HTML response (or
// resource) goes through the page extraction; a revisit is a page seen
// before; anything else is not a page.
func warcRecord(rec gowarc.WarcRecord, where, file string, opt ReadOptions, seen map[string]bool, n *NewsCounts) ([]corpus.ImportItem, error) {
	switch rec.Type() {
	case gowarc.Response, gowarc.Resource:
	case gowarc.Revisit:
		n.Pages++
		n.Duplicates++
		return nil, nil
	default:
		return nil, nil // warcinfo, request, metadata …: not pages
	}
	n.Pages++
	uri := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	page, ctype, ok, err := warcPage(rec)
	if err != nil {
		n.Failed++
		n.Problems = append(n.Problems, fmt.Sprintf("skipped %s (%s): %v", where, uri, err))
		return nil, nil
	}
	if !ok {
		n.NotHTML++
		return nil, nil
	}
	h := news.PageHash(page)
	if seen[h] {
		n.Duplicates++
		return nil, nil
	}
	seen[h] = true
	items, err := pageItems(page, news.PageOptions{URL: uri, ContentType: ctype, Text: readAlsoOptions(opt)}, where, file, n)
	if err != nil {
		return nil, err
	}
	if fetched := rec.WarcHeader().Get(gowarc.WarcDate); fetched != "" {
		for i := range items {
			items[i].Doc.Meta["fetched"], _ = json.Marshal(fetched)
		}
	}
	for i := range items {
		if items[i].Doc.Source == file && uri != "" {
			items[i].Doc.Source = uri
		}
	}
	return items, nil
}

// warcPage returns the HTML page a record carries and its content type;
// ok is false for a record that carries no HTML page (another type, a
// redirect, an error status).
func warcPage(rec gowarc.WarcRecord) (page []byte, ctype string, ok bool, err error) {
	var body io.Reader
	var header http.Header
	chunked := false
	switch b := rec.Block().(type) {
	case gowarc.HttpResponseBlock:
		if b.HttpStatusCode() != http.StatusOK {
			return nil, "", false, nil
		}
		if hdr := b.HttpHeader(); hdr != nil {
			header = *hdr
		}
		// net/http's parser moves Transfer-Encoding out of the header.
		chunked = rxChunked.Match(b.ProtocolHeaderBytes())
		ctype = header.Get("Content-Type")
		if body, err = b.PayloadBytes(); err != nil {
			return nil, ctype, false, err
		}
	case gowarc.PayloadBlock:
		if rec.Type() != gowarc.Resource {
			return nil, "", false, nil // an HTTP record whose block gowarc could not parse
		}
		ctype = rec.WarcHeader().Get(gowarc.ContentType)
		if body, err = b.PayloadBytes(); err != nil {
			return nil, ctype, false, err
		}
	default:
		return nil, "", false, nil
	}
	if !isHTML(ctype) {
		return nil, ctype, false, nil
	}
	if body, err = decodeBody(body, header, chunked); err != nil {
		return nil, ctype, false, err
	}
	page, err = io.ReadAll(io.LimitReader(body, MaxPageBytes+1))
	if err != nil {
		return nil, ctype, false, err
	}
	if len(page) > MaxPageBytes {
		return nil, ctype, false, fmt.Errorf("page larger than %d MiB", MaxPageBytes>>20)
	}
	return page, ctype, true, nil
}

// rxChunked finds a chunked transfer encoding in an HTTP header.
var rxChunked = regexp.MustCompile(`(?im)^transfer-encoding:[ \t]*chunked[ \t]*\r?$`)

// isHTML reports a content type of an HTML page.
func isHTML(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ctype, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodeBody undoes the transfer and content encodings an archived
// response may still carry (archives keep the bytes as sent).
func decodeBody(body io.Reader, h http.Header, chunked bool) (io.Reader, error) {
	if chunked {
		br := bufio.NewReader(body)
		// Some archives store the body already de-chunked with the header
		// left in place: only de-chunk what starts like a chunk size.
		if peek, _ := br.Peek(1); len(peek) == 1 && isHex(peek[0]) {
			body = httputil.NewChunkedReader(br)
		} else {
			body = br
		}
	}
	switch enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		body = zr
	case "deflate":
		body = flate.NewReader(body)
	default:
		return nil, fmt.Errorf("content encoding %q is not supported", enc)
	}
	return body, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
