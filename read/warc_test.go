package read

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
)

// warcRecord returns one WARC/1.1 record with the given type, headers and block.
func warcRecord(typ, uri, date, id, contentType, block string, extra ...string) string {
	var b strings.Builder
	b.WriteString("WARC/1.1\r\n")
	fmt.Fprintf(&b, "WARC-Type: %s\r\n", typ)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "WARC-Date: %s\r\n", date)
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:%s>\r\n", id)
	fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.WriteString(block)
	b.WriteString("\r\n\r\n")
	return b.String()
}

// httpResponse returns an HTTP/1.1 response message.
func httpResponse(status, contentType, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body)
}

// ccNews returns a WARC file laid out like CC-NEWS: a warcinfo record, then request/response
// pairs; among the responses an HTML article without a date of its own, an HTML article with
// one, an image, an error page and a truncated page.
func ccNews() []string {
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
	undated := newsPage("", articleBody)
	dated := newsPage(`<meta property="article:published_time" content="2025-07-01">`, strings.Replace(articleBody, "sixth", "fifth", 1))
	return []string{
		warcRecord("warcinfo", "", "2025-07-04T00:00:00Z", id(1), "application/warc-fields", "software: test\r\nformat: WARC File Format 1.1\r\n"),
		warcRecord("request", "https://news.example.com/world/putin-trump-call", "2025-07-04T08:00:00Z", id(2), "application/http; msgtype=request",
			"GET /world/putin-trump-call HTTP/1.1\r\nHost: news.example.com\r\n\r\n"),
		warcRecord("response", "https://news.example.com/world/putin-trump-call", "2025-07-04T08:00:01Z", id(3), "application/http; msgtype=response",
			httpResponse("200 OK", "text/html; charset=utf-8", undated)),
		warcRecord("response", "https://news.example.com/world/older", "2025-07-04T08:00:02Z", id(4), "application/http; msgtype=response",
			httpResponse("200 OK", "text/html", dated)),
		warcRecord("response", "https://news.example.com/logo.png", "2025-07-04T08:00:03Z", id(5), "application/http; msgtype=response",
			httpResponse("200 OK", "image/png", "\x89PNG\r\n\x1a\n")),
		warcRecord("response", "https://news.example.com/gone", "2025-07-04T08:00:04Z", id(6), "application/http; msgtype=response",
			httpResponse("404 Not Found", "text/html", "<html><body>not found</body></html>")),
		warcRecord("response", "https://news.example.com/long", "2025-07-04T08:00:05Z", id(7), "application/http; msgtype=response",
			httpResponse("200 OK", "text/html", "<html><body><p>cut</p>"), "WARC-Truncated: length"),
	}
}

func gzipMembers(records []string) string {
	var out bytes.Buffer
	for _, r := range records {
		zw := gzip.NewWriter(&out)
		zw.Write([]byte(r))
		zw.Close()
	}
	return out.String()
}

func TestWARC(t *testing.T) {
	dir := t.TempDir()
	recs := ccNews()
	for _, f := range []struct{ name, content string }{
		{"cc.warc", strings.Join(recs, "")},
		{"cc.warc.gz", gzipMembers(recs)},
		{"whole.warc.gz", gzipMembers([]string{strings.Join(recs, "")})},
	} {
		t.Run(f.name, func(t *testing.T) {
			p := write(t, dir, f.name, f.content)
			as, errs := collect(t, []string{p}, Options{})
			if len(as) != 2 || len(errs) != 3 {
				t.Fatalf("got %d articles and errors %v, want 2 articles and 3 errors", len(as), errs)
			}
			a := as[0]
			if a.URL != "https://news.example.com/world/putin-trump-call" || a.Date != "2025-07-04" || a.DateFrom != "warc" ||
				a.Source != p+"#3" || !strings.HasPrefix(a.Text, "Russian President") {
				t.Errorf("first article: url %q date %q from %q source %q", a.URL, a.Date, a.DateFrom, a.Source)
			}
			if b := as[1]; b.Date != "2025-07-01" || b.DateFrom != "html" || !strings.Contains(b.Text, "fifth") || b.Key == a.Key {
				t.Errorf("second article: date %q from %q", b.Date, b.DateFrom)
			}
			for i, want := range []string{"logo.png", "404", "truncated"} {
				if !strings.Contains(errs[i].Error(), want) {
					t.Errorf("error %d = %v, want it to mention %q", i, errs[i], want)
				}
			}
		})
	}
}

func TestWARCTruncatedFile(t *testing.T) {
	recs := ccNews()
	whole := strings.Join(recs[:3], "")
	cut := whole[:len(whole)-400] // the file ends inside the HTML response
	dir := t.TempDir()
	for _, f := range []struct{ name, content string }{
		{"cut.warc", cut},
		{"cut.warc.gz", gzipMembers(recs[:2]) + gzipMembers([]string{recs[2]})[:300]},
	} {
		p := write(t, dir, f.name, f.content)
		as, errs := collect(t, []string{p}, Options{})
		if len(as) != 0 || len(errs) != 1 {
			t.Errorf("%s: got %d articles and errors %v, want one error", f.name, len(as), errs)
		}
	}
}
