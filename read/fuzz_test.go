package read

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"chronicle"
)

// The web readers take hostile input from the network: they must not panic or hang, and what
// they return must be well formed.

// hangLimit is how long one fuzz input may take before it counts as a hang.
const hangLimit = 20 * time.Second

// noHang runs fn and fails the test when it has not returned within hangLimit.
func noHang(t *testing.T, data []byte, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(hangLimit):
		panic("hang on input " + strconvQuote(data))
	}
}

func strconvQuote(b []byte) string {
	if len(b) > 2000 {
		b = b[:2000]
	}
	return strings.ReplaceAll(string(bytes.ToValidUTF8(b, []byte("?"))), "\n", "\\n")
}

func checkArticle(t *testing.T, a *chronicle.Article, err error) {
	t.Helper()
	if err != nil {
		if _, ok := err.(*chronicle.InputError); !ok {
			t.Fatalf("error is %T, not an *InputError: %v", err, err)
		}
		return
	}
	if a == nil {
		t.Fatal("nil article without an error")
	}
	for what, s := range map[string]string{"text": a.Text, "title": a.Title, "url": a.URL, "author": a.Author, "outlet": a.Outlet} {
		if !utf8.ValidString(s) {
			t.Fatalf("%s is not valid UTF-8: %q", what, s)
		}
	}
	if a.Key == "" || a.ID == "" || strings.Contains(a.ID, "/") {
		t.Fatalf("bad key %q or id %q", a.Key, a.ID)
	}
	if len(a.Date) != 10 {
		t.Fatalf("bad date %q", a.Date)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(newsPage(`<meta property="article:published_time" content="2025-07-03">`, articleBody)))
	f.Add([]byte("date 2025-07-04\n<html><body><p>Hello</p></body></html>"))
	f.Add([]byte("<html><head><meta charset=iso-8859-1></head><body><article><p>Caf\xe9 " + strings.Repeat("word ", 60) + "</p></article></body></html>"))
	f.Add([]byte(strings.Repeat("<div>", 2000) + "deep" + strings.Repeat("</div>", 10)))
	f.Add([]byte(`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-07-03","articleBody":"x"}</script>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		noHang(t, page, func() {
			a, err := HTML(Page{Source: "fuzz.html", URL: "https://example.com/a", Body: page}, Options{Date: "2025-07-03"})
			checkArticle(t, a, err)
		})
	})
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(rssFeed))
	f.Add([]byte(atomFeed))
	f.Add([]byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title><link>l</link></item></rdf:RDF>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		noHang(t, data, func() {
			readFeed("fuzz.rss", data, Options{Date: "2025-07-03"}, func(a *chronicle.Article, err error) bool {
				checkArticle(t, a, err)
				return true
			})
		})
	})
}

func FuzzWARC(f *testing.F) {
	recs := ccNews()
	f.Add([]byte(strings.Join(recs, "")))
	f.Add([]byte(recs[2]))
	f.Add([]byte(strings.Join(recs, "")[:900]))
	f.Add([]byte(gzipMembers(recs[1:3])))
	f.Fuzz(func(t *testing.T, data []byte) {
		noHang(t, data, func() {
			n := 0
			readStream("fuzz.warc", bytes.NewReader(data), int64(len(data)), Options{Date: "2025-07-03"}, func(a *chronicle.Article, err error) bool {
				checkArticle(t, a, err)
				n++
				return n < 1000
			})
		})
	})
}

// FuzzSniff feeds any bytes to the format dispatch: whatever the content, reading ends with
// articles or input errors.
func FuzzSniff(f *testing.F) {
	f.Add([]byte(rssFeed), "x.rss")
	f.Add([]byte(ccNews()[2]), "x")
	f.Add([]byte(gzipMembers([]string{"date 2025-07-03 Text."})), "x.gz")
	f.Add([]byte(`{"date":"2025-07-03","html":"<p>hi</p>"}`), "x.jsonl")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		noHang(t, data, func() {
			n := 0
			br := bufio.NewReader(bytes.NewReader(data))
			readStream(name, br, -1, Options{Date: "2025-07-03"}, func(a *chronicle.Article, err error) bool {
				if err == nil {
					checkArticle(t, a, err)
				}
				n++
				return n < 1000
			})
		})
	})
}
