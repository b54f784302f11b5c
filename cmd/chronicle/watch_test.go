package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"chronicle"
	"chronicle/sqlite"
)

// newsSite is a local web server with a feed, article pages and a robots.txt, recording every
// request it gets.
type newsSite struct {
	*httptest.Server
	mu       sync.Mutex
	requests []siteRequest
	etag     string
	items    []string // item paths in the feed, newest first
	flaky    int      // 503s still to send for /flaky.html
}

type siteRequest struct {
	path, agent, ifNoneMatch string
	at                       time.Time
}

func (s *newsSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.path == path {
			n++
		}
	}
	return n
}

func page(title, date, body string) string {
	meta := ""
	if date != "" {
		meta = `<meta property="article:published_time" content="` + date + `">`
	}
	return `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | Local News</title><meta property="og:site_name" content="Local News">` + meta +
		`</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>` + title + `</h1>` + body +
		`</article><footer>© Local News</footer></body></html>`
}

const para = `<p>Russian President Vladimir Putin told U.S. President Donald Trump in a telephone call on Thursday that Russia would not back down from its goals in Ukraine, the Kremlin said.</p>
<p>Putin's aide Yuri Ushakov told reporters that the two leaders spoke for almost an hour and agreed to stay in touch, adding that no date had been set for a meeting.</p>`

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{etag: `"v1"`, items: []string{"/a1.html", "/a2.html", "/private/secret.html", "/flaky.html", "/gone.html"}, flaky: 1}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, siteRequest{r.URL.Path, r.UserAgent(), r.Header.Get("If-None-Match"), time.Now()})
		etag, items := s.etag, s.items
		flaky := s.flaky
		if r.URL.Path == "/flaky.html" && s.flaky > 0 {
			s.flaky--
		}
		s.mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "# test site\nUser-agent: *\nDisallow: /\n\nUser-agent: chronicle\nDisallow: /private/\nAllow: /private/ok.html\nCrawl-delay: 0.05\n")
		case "/feed.xml":
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title><link>/</link>`)
			for _, it := range items {
				desc := ""
				if it == "/private/secret.html" {
					desc = "<description>Putin and Trump spoke by telephone on Thursday, the Kremlin said in a statement that gave few details.</description>"
				}
				fmt.Fprintf(w, `<item><title>Story %s</title><link>%s</link><pubDate>Fri, 04 Jul 2025 09:00:00 GMT</pubDate>%s</item>`, it, it, desc)
			}
			fmt.Fprint(w, `</channel></rss>`)
		case "/a1.html":
			fmt.Fprint(w, page("Putin tells Trump Russia will not back down", "2025-07-03", para))
		case "/a2.html", "/a3.html":
			fmt.Fprint(w, page("Kremlin aide describes the call", "", para))
		case "/flaky.html":
			if flaky > 0 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, page("A flaky server recovers", "2025-07-02", para))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func storedArticles(t *testing.T, db string) map[string]*chronicle.Article {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	as, err := st.Articles(context.Background(), chronicle.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*chronicle.Article{}
	for _, a := range as {
		u, _ := url.Parse(a.URL)
		out[u.Path] = a
	}
	return out
}

func TestWatch(t *testing.T) {
	site := newNewsSite(t)
	db := filepath.Join(t.TempDir(), "w.db")
	feed := site.URL + "/feed.xml"
	watch := func() (string, string, error) {
		return run(t, "", "watch", "--db", db, "--once", "--delay", "30ms", "--retries", "2", feed)
	}

	// The fetcher lets requests through; record when, to check the spacing per host.
	var hookMu sync.Mutex
	var released []time.Time
	requestHook = func(u *url.URL, at time.Time) {
		hookMu.Lock()
		released = append(released, at)
		hookMu.Unlock()
	}
	defer func() { requestHook = nil }()

	out, errOut, err := watch()
	if err != errFailedInputs || !strings.Contains(errOut, "gone.html") {
		t.Fatalf("first poll: err %v (want the failed-inputs error for /gone.html)\n%s\n%s", err, out, errOut)
	}
	as := storedArticles(t, db)
	var paths []string
	for p := range as {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	if strings.Join(paths, " ") != "/a1.html /a2.html /flaky.html /private/secret.html" {
		t.Fatalf("stored %v", paths)
	}
	if a := as["/a1.html"]; a.Title != "Putin tells Trump Russia will not back down" || a.Date != "2025-07-03" || a.DateFrom != "html" ||
		a.Outlet != "Local News" || !strings.HasPrefix(a.Text, "Russian President Vladimir Putin told") || strings.Contains(a.Text, "Home") {
		t.Errorf("a1: %+v", a)
	}
	if a := as["/a2.html"]; a.Date != "2025-07-04" || a.DateFrom != "feed" {
		t.Errorf("a2 (no date of its own): date %q from %q", a.Date, a.DateFrom)
	}
	if a := as["/private/secret.html"]; !strings.HasPrefix(a.Text, "Putin and Trump spoke") {
		t.Errorf("the disallowed page's article is not the feed item's text: %q", a.Text)
	}

	// Politeness.
	if n := site.count("/private/secret.html"); n != 0 {
		t.Errorf("fetched a page robots.txt disallows %d times", n)
	}
	if n := site.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
	if n := site.count("/flaky.html"); n != 2 {
		t.Errorf("/flaky.html fetched %d times, want 2 (a 503, then a retry)", n)
	}
	site.mu.Lock()
	reqs := append([]siteRequest(nil), site.requests...)
	site.mu.Unlock()
	for _, r := range reqs {
		if !strings.Contains(r.agent, "chronicle") {
			t.Errorf("request %s: user agent %q does not name chronicle", r.path, r.agent)
		}
	}
	// Requests to the host were let through at least the Crawl-delay (0.05 s, more than
	// --delay 30ms) apart; the robots.txt request itself comes first, at --delay.
	hookMu.Lock()
	for i := 2; i < len(released); i++ {
		if gap := released[i].Sub(released[i-1]); gap < 50*time.Millisecond {
			t.Errorf("requests %d and %d let through %s apart", i, i+1, gap)
		}
	}
	if len(released) != len(reqs) {
		t.Errorf("%d requests let through, %d received", len(released), len(reqs))
	}
	hookMu.Unlock()

	// Second poll: the feed has not changed (a conditional GET answered 304); nothing fetched.
	before := len(reqs)
	out, errOut, err = watch()
	if err != nil {
		t.Fatalf("second poll: %v\n%s%s", err, out, errOut)
	}
	site.mu.Lock()
	reqs = append([]siteRequest(nil), site.requests[before:]...)
	site.mu.Unlock()
	if len(reqs) < 1 || reqs[len(reqs)-1].path != "/feed.xml" || reqs[len(reqs)-1].ifNoneMatch != `"v1"` {
		t.Errorf("second poll requests %+v: want a conditional GET of the feed", reqs)
	}
	for _, r := range reqs {
		if r.path != "/feed.xml" && r.path != "/robots.txt" {
			t.Errorf("second poll fetched %s", r.path)
		}
	}

	// The feed changes: only the new item's page is fetched.
	site.mu.Lock()
	site.etag, site.items = `"v2"`, []string{"/a3.html", "/a1.html", "/a2.html"}
	before = len(site.requests)
	site.mu.Unlock()
	if _, errOut, err := watch(); err != nil {
		t.Fatalf("third poll: %v\n%s", err, errOut)
	}
	site.mu.Lock()
	reqs = append([]siteRequest(nil), site.requests[before:]...)
	site.mu.Unlock()
	var got []string
	for _, r := range reqs {
		if r.path != "/robots.txt" {
			got = append(got, r.path)
		}
	}
	if strings.Join(got, " ") != "/feed.xml /a3.html" {
		t.Errorf("third poll fetched %v, want the feed and the new page", got)
	}
	if len(storedArticles(t, db)) != 5 {
		t.Errorf("after the third poll: %d articles, want 5", len(storedArticles(t, db)))
	}
}

func TestRobots(t *testing.T) {
	const txt = `User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /search
Allow: /search/about

# chronicle's own group wins over *
User-agent: chronicle
User-agent: other
Disallow: /private/
Allow: /private/ok
Disallow: /*.pdf$
Disallow: /tmp*/x
Crawl-delay: 2.5
`
	r := parseRobots([]byte(txt), defaultAgent)
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"/", true},
		{"/search", true}, // the * group does not apply: chronicle has its own
		{"/private/", false},
		{"/private/a.html", false},
		{"/private/ok.html", true},
		{"/doc.pdf", false},
		{"/doc.pdf?x=1", true},
		{"/tmp123/x/y", false},
		{"/robots.txt", true},
	} {
		u, _ := url.Parse("https://example.com" + tt.path)
		if got := r.allowed(u); got != tt.want {
			t.Errorf("allowed(%s) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if r.delay != 2500*time.Millisecond {
		t.Errorf("crawl delay %s", r.delay)
	}
	star := parseRobots([]byte(txt), "somebot/1.0")
	u, _ := url.Parse("https://example.com/search/x")
	if star.allowed(u) {
		t.Error("the * group: /search/x allowed")
	}
	if u, _ := url.Parse("https://example.com/search/about"); !star.allowed(u) {
		t.Error("the * group: /search/about (longer Allow) disallowed")
	}
	if empty := parseRobots(nil, defaultAgent); !empty.allowed(u) {
		t.Error("no robots.txt disallows")
	}
}

func TestRetryAfter(t *testing.T) {
	if d := parseRetryAfter("120"); d != 2*time.Minute {
		t.Errorf("seconds: %s", d)
	}
	if d := parseRetryAfter(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); d < 59*time.Minute || d > time.Hour {
		t.Errorf("date: %s", d)
	}
	if d := parseRetryAfter("soon"); d != 0 {
		t.Errorf("junk: %s", d)
	}
}
