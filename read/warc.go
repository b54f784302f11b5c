package read

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"chronicle"
)

// WARC files (ISO 28500; Common Crawl's CC-NEWS layout), plain or gzip-compressed per record,
// read by gowarc. Every HTML response record is one article: its page read by HTML, with the
// record's WARC-Target-URI as the page URL and its WARC-Date as the fallback date (DateFrom
// "warc"). Request, metadata, warcinfo and revisit records are not articles and are passed over
// in silence; non-HTML responses, error responses and truncated records are reported (an
// *chronicle.InputError naming the record) and skipped.

// readWARC reads the records of a WARC stream.
func readWARC(p string, r io.Reader, opt Options, yield func(*chronicle.Article, error) bool) (ok bool) {
	wr, err := gowarc.NewWarcFileReaderFromStream(&countingReader{r: r, report: opt.Progress}, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore), gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(opt.maxBytes()+1<<20))
	if err != nil {
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1, Err: err, Hint: "check the file"})
	}
	defer wr.Close()
	defer func() { // gowarc is third-party code fed untrusted input
		if v := recover(); v != nil {
			ok = yield(nil, &chronicle.InputError{Path: p, Offset: -1, Err: fmt.Errorf("unreadable WARC data: %v", v), Hint: "check the file"})
		}
	}()
	for n := 1; ; n++ {
		rec, err := wr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			// The framing is lost: a truncated last record or garbage. Nothing after it can
			// be trusted.
			if rec.WarcRecord != nil {
				rec.WarcRecord.Close()
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return yield(nil, &chronicle.InputError{Path: p, Offset: rec.Offset, Record: strconv.Itoa(n),
					Err: errors.New("truncated WARC record (the file ends inside it)"), Hint: "the file is incomplete; the records before it were read"})
			}
			return yield(nil, &chronicle.InputError{Path: p, Offset: rec.Offset, Record: strconv.Itoa(n),
				Err: fmt.Errorf("unreadable WARC record: %w", err), Hint: "check the file; the records before it were read"})
		}
		a, rerr := warcArticle(p, n, rec, opt)
		rec.WarcRecord.Close()
		if a == nil && rerr == nil {
			continue
		}
		if !yield(a, rerr) {
			return false
		}
	}
}

// warcArticle makes the article of one record; (nil, nil) for records that are not pages.
func warcArticle(p string, n int, rec gowarc.Record, opt Options) (*chronicle.Article, error) {
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	uri := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	source := p + "#" + strconv.Itoa(n)
	bad := func(err error, hint string) error {
		rid := uri
		if rid == "" {
			rid = strconv.Itoa(n)
		}
		return &chronicle.InputError{Path: p, Offset: rec.Offset, Record: rid, Err: err, Hint: hint}
	}
	if wr.Type() != gowarc.Response && wr.Type() != gowarc.Resource {
		return nil, nil
	}
	if reason := h.Get(gowarc.WarcTruncated); reason != "" {
		return nil, bad(fmt.Errorf("truncated record (WARC-Truncated: %s)", reason), "skipped: the page is incomplete")
	}
	var body io.Reader
	var header int // bytes of the block before the payload
	contentType := ""
	switch b := wr.Block().(type) {
	case gowarc.HttpResponseBlock:
		if code := b.HttpStatusCode(); code < 200 || code > 299 {
			return nil, bad(fmt.Errorf("HTTP status %d, not a page", code), "skipped")
		}
		if hh := b.HttpHeader(); hh != nil {
			contentType = hh.Get("Content-Type")
		}
		header = len(b.ProtocolHeaderBytes())
		r, err := b.PayloadBytes()
		if err != nil {
			return nil, bad(fmt.Errorf("unreadable payload: %w", err), "skipped")
		}
		body = r
	case gowarc.PayloadBlock:
		if wr.Type() != gowarc.Resource {
			return nil, nil // a response record without an HTTP block
		}
		contentType = h.Get(gowarc.ContentType)
		r, err := b.PayloadBytes()
		if err != nil {
			return nil, bad(fmt.Errorf("unreadable payload: %w", err), "skipped")
		}
		body = r
	default:
		return nil, nil
	}
	if !isHTMLType(contentType) {
		mt := contentType
		if mt == "" {
			mt = "no Content-Type"
		}
		return nil, bad(fmt.Errorf("not an HTML page (%s)", mt), "skipped")
	}
	max := opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(body, max+1))
	if err != nil {
		return nil, bad(fmt.Errorf("truncated record: %w", err), "skipped: the page is incomplete")
	}
	if int64(len(data)) > max {
		return nil, bad(fmt.Errorf("page is larger than the %s limit for one article", human(max)), "raise the limit with --max-article-bytes")
	}
	if cl, err := wr.ContentLength(); err == nil && int64(header+len(data)) < cl {
		return nil, bad(fmt.Errorf("truncated record (%d of its %d bytes)", header+len(data), cl), "skipped: the page is incomplete")
	}
	date, from := "", ""
	if t, err := wr.Date(); err == nil && !t.IsZero() {
		date, from = t.UTC().Format(chronicle.DateLayout), "warc"
	}
	id := wr.RecordId()
	if id == "" {
		id = uri + "#" + strconv.Itoa(n)
	}
	return readPage(Page{Source: source, URL: uri, Body: data, ContentType: contentType, Date: date, DateFrom: from,
		Key: recordKey(p, id)}, opt)
}

// isHTMLType reports whether a Content-Type is an HTML page (a missing one is not).
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
