package read

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"strings"

	"chronicle"
)

// Web formats: HTML pages, RSS/Atom feeds, WARC files and gzip-compressed files of any
// format. Files are told apart by their content first (gzip and WARC magic, an XML feed root, an
// HTML tag) and by their extension (".html", ".htm", ".xml", ".rss", ".atom", ".warc", and the
// same with ".gz"); text and JSON Lines are read by read.go.

// webExtensions are read when walking a directory, besides the text ones; "x.gz" is read when
// "x" would be.
var webExtensions = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xml": true, ".rss": true, ".atom": true, ".warc": true,
}

// readable reports whether a directory walk reads the file name.
func readable(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	return dirExtensions[ext] || webExtensions[ext]
}

// innerExt is the lower-case extension of p without a final ".gz".
func innerExt(p string) string {
	ext := strings.ToLower(filepath.Ext(p))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(p, filepath.Ext(p))))
	}
	return ext
}

type webFormat int

const (
	notWeb webFormat = iota
	gzipFormat
	htmlFormat
	feedFormat
	warcFormat
)

// sniff tells the web format of a stream from its first bytes and its path.
func sniff(p string, head []byte) webFormat {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return gzipFormat
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	if bytes.HasPrefix(t, []byte("WARC/")) {
		return warcFormat
	}
	ext := innerExt(p)
	if len(t) > 0 && t[0] == '{' || ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || ext == ".txt" || ext == ".text" {
		return notWeb
	}
	lower := bytes.ToLower(t)
	markup := len(lower) > 0 && lower[0] == '<'
	isHTML := markup && (bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html")))
	if markup && !isHTML && (bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) || bytes.Contains(lower, []byte("<rdf:rdf"))) {
		return feedFormat
	}
	switch ext {
	case ".warc":
		return warcFormat
	case ".html", ".htm", ".xhtml":
		return htmlFormat
	case ".xml", ".rss", ".atom":
		if !isHTML {
			return feedFormat
		}
	}
	if isHTML {
		return htmlFormat
	}
	if markup {
		for _, tag := range []string{"<head", "<body", "<meta", "<title", "<p>", "<div", "<article"} {
			if bytes.Contains(lower, []byte(tag)) {
				return htmlFormat
			}
		}
	}
	// A `date YYYY-MM-DD` header line followed by HTML.
	if _, rest, ok := splitDateHeader(string(t)); ok && strings.HasPrefix(strings.ToLower(rest), "<") {
		return htmlFormat
	}
	return notWeb
}

// maxGzipDepth bounds nested gzip layers (a gzip "quine" decompresses to itself).
const maxGzipDepth = 2

// readWeb reads p as a web format when it is one; handled is false for text and JSON Lines,
// which the caller reads.
func readWeb(p string, br *bufio.Reader, head []byte, size int64, opt Options, yield func(*chronicle.Article, error) bool) (handled, ok bool) {
	switch sniff(p, head) {
	case gzipFormat:
		return true, readGzip(p, br, opt, yield)
	case warcFormat:
		return true, readWARC(p, br, opt, yield)
	case feedFormat:
		data, err := readAllLimited(p, br, size, opt)
		if err != nil {
			return true, yield(nil, err)
		}
		return true, readFeed(p, data, opt, yield)
	case htmlFormat:
		data, err := readAllLimited(p, br, size, opt)
		if err != nil {
			return true, yield(nil, err)
		}
		a, err := readPage(Page{Source: p, Body: data}, opt)
		return true, yield(a, err)
	}
	return false, true
}

// readAllLimited reads a whole one-article file within the article size limit.
func readAllLimited(p string, r io.Reader, size int64, opt Options) ([]byte, error) {
	max := opt.maxBytes()
	tooBig := func() error {
		return &chronicle.InputError{Path: p, Offset: -1,
			Err:  fmt.Errorf("input is larger than the %s limit for one article", human(max)),
			Hint: "raise the limit with --max-article-bytes"}
	}
	if size > max {
		if opt.Progress != nil {
			opt.Progress(size)
		}
		return nil, tooBig()
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if opt.Progress != nil {
		opt.Progress(int64(len(data)))
	}
	if err != nil {
		return nil, &chronicle.InputError{Path: p, Offset: int64(len(data)), Err: err, Hint: "check the file"}
	}
	if int64(len(data)) > max {
		return nil, tooBig()
	}
	return data, nil
}

// readGzip decompresses a gzip stream (several members are one stream) and reads what is
// inside by its content and by p without ".gz". Progress counts compressed bytes.
func readGzip(p string, r io.Reader, opt Options, yield func(*chronicle.Article, error) bool) bool {
	if opt.gzipDepth >= maxGzipDepth {
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1, Err: errors.New("gzip inside gzip inside gzip"), Hint: "decompress the file first"})
	}
	progress := opt.Progress
	cr := &countingReader{r: r, report: progress}
	zr, err := gzip.NewReader(cr)
	if err != nil {
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1, Err: fmt.Errorf("bad gzip data: %w", err), Hint: "check the file (is it complete?)"})
	}
	defer zr.Close()
	inner := opt
	inner.gzipDepth++
	inner.Progress = nil
	stop, lastErr := false, false
	ok := readStream(p, &gzipErrReader{zr: zr, path: p}, -1, inner, func(a *chronicle.Article, err error) bool {
		lastErr = err != nil
		if !yield(a, err) {
			stop = true
			return false
		}
		return true
	})
	if stop || !ok {
		return false
	}
	// Drain, so that a corrupt tail is reported and the progress reaches the end.
	if _, err := io.Copy(io.Discard, zr); err != nil && !lastErr {
		return yield(nil, &chronicle.InputError{Path: p, Offset: cr.n, Err: fmt.Errorf("bad gzip data: %w", err), Hint: "check the file (is it complete?)"})
	}
	return true
}

// gzipErrReader marks decompression errors so that readers can tell them apart.
type gzipErrReader struct {
	zr   *gzip.Reader
	path string
}

func (g *gzipErrReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("bad gzip data: %w", err)
	}
	return n, err
}

// countingReader counts bytes read and reports them.
type countingReader struct {
	r      io.Reader
	n      int64
	report func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.report != nil && n > 0 {
		c.report(int64(n))
	}
	return n, err
}

// Record is one input record: an article, or (from Records) a web page not read yet.
type Record struct {
	Article *chronicle.Article
	Page    *Page
}

// Records reads like All, but leaves web pages — HTML files, WARC response records, JSON
// Lines records with "html" — unread: each is yielded as a Page whose Key and ID are those its
// article will have, and whose Date is --date when it names no fallback date of its own, so that
// HTML(page, Options{}) reads it later, elsewhere (the work queue's workers), exactly as All
// would have. Other records are yielded as articles.
func Records(paths []string, opt Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		var pending *Page
		placeholder := &chronicle.Article{Status: "unread page"} // (a status: no language check)
		opt.deferPage = func(pg Page) (*chronicle.Article, error) {
			if pg.Date == "" && opt.Date != "" {
				pg.Date, pg.DateFrom = opt.Date, "flag"
			}
			if pg.Key == "" {
				pg.Key = PageKey(pg.Body)
			}
			if pg.ID == "" {
				pg.ID = strings.TrimPrefix(pg.Key, "r")[:16]
			}
			pending = &pg
			return placeholder, nil
		}
		for a, err := range All(paths, opt) {
			r := Record{Article: a}
			if a == placeholder {
				r = Record{Page: pending}
			}
			if !yield(r, err) {
				return
			}
		}
	}
}

// readPage reads a web page, or hands it over unread when Records is reading.
func readPage(pg Page, opt Options) (*chronicle.Article, error) {
	if opt.deferPage != nil {
		return opt.deferPage(pg)
	}
	return HTML(pg, opt)
}
