package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"chronicle"
	"chronicle/cluster"
	"chronicle/pipeline"
	"chronicle/postgres"
	"chronicle/read"
)

// watch polls RSS/Atom feeds over HTTP(S) and ingests their new items' pages, politely:
// robots.txt is obeyed, requests to one host are spaced out, feeds are fetched with
// conditional GETs, failures are retried with backoff, and every request says who it is from.
func (m *Main) watch(ctx context.Context, args []string) error {
	fs := m.newFlagSet("watch", "[flags] FEED-URL...", "Poll RSS/Atom feeds and store their new articles: each new item's page is fetched and read\nlike a web page (the item's own content when the page cannot be had). Politely: robots.txt is\nobeyed, requests to one host are spaced by --delay (or its Crawl-delay), feeds are fetched with\nconditional GETs, failures are retried with backoff, and the user agent names chronicle.")
	var sf storeFlags
	sf.register(fs)
	every := fs.Duration("every", 15*time.Minute, "poll every feed this often")
	once := fs.Bool("once", false, "poll every feed once and exit")
	delay := fs.Duration("delay", 2*time.Second, "least time between two requests to one host (a longer robots.txt Crawl-delay wins)")
	retries := fs.Int("retries", 3, "retries of a failed request (network errors, 429, 5xx), with exponential backoff")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of one request")
	agent := fs.String("user-agent", defaultAgent, "the User-Agent header; keep \"chronicle\" in it so that robots.txt rules for chronicle apply")
	maxItems := fs.Int("max-items", 100, "new items fetched per feed and poll (the newest first)")
	maxBytes := fs.Int64("max-article-bytes", read.DefaultMaxBytes, "largest page read, in bytes")
	actorsFile := fs.String("actors", "", "file of extra actors, aliases and dated roles (see doc/actors.md)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{message: "watch: no feed", hint: "chronicle watch --every 15m https://example.com/feed.xml ..."}
	}
	var feeds []string
	for _, raw := range fs.Args() {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &usageError{message: fmt.Sprintf("watch: %q is not an http(s) URL", raw), hint: "give feed URLs such as https://example.com/rss.xml"}
		}
		feeds = append(feeds, u.String())
	}
	if *every < time.Second || *delay < 0 || *retries < 0 {
		return &usageError{message: "watch: --every must be at least 1s, --delay and --retries not negative"}
	}
	st, err := openStore(ctx, sf.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	kept, err := storedActors(ctx, st)
	if err != nil {
		return err
	}
	p, err := m.pipeline(kept, *actorsFile)
	if err != nil {
		return err
	}
	w := &watcher{
		m: m, st: st, p: p, maxItems: *maxItems, opt: read.Options{MaxBytes: *maxBytes},
		f: newFetcher(*agent, *delay, *retries, *timeout, *maxBytes),
	}
	for {
		for _, feed := range feeds {
			if ctx.Err() != nil {
				break
			}
			if err := w.poll(ctx, feed); err != nil {
				if ctx.Err() != nil {
					break
				}
				fmt.Fprintf(m.Stderr, "chronicle: watch %s: %v\n", feed, err)
				w.failed++
			}
		}
		if *once || ctx.Err() != nil {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(*every):
		}
	}
	fmt.Fprintf(m.Stdout, "watch: stored %d new articles in %s (%d from the feed's own text); %d pages not fetched\n",
		w.stored, displayDB(sf.DB), w.fromFeed, w.skipped)
	if errors.Is(ctx.Err(), context.Canceled) {
		return nil // stopped by the user: the normal end of a watch
	}
	if *once && w.failed > 0 {
		return errFailedInputs
	}
	return ctx.Err()
}

// defaultAgent is the User-Agent of chronicle's requests.
const defaultAgent = "chronicle/1 (news event extraction; polite feed reader)"

// watcher holds the state of one watch.
type watcher struct {
	m        *Main
	st       chronicle.Store
	p        *pipeline.Pipeline
	f        *fetcher
	opt      read.Options
	maxItems int

	stored, fromFeed, skipped, failed int
}

// feedState is what a feed's last fetch said, for the next conditional GET (kept in the
// store's settings when it has them, so that it outlives the process).
type feedState struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func (w *watcher) loadState(ctx context.Context, feed string) feedState {
	var s feedState
	if ss, ok := w.st.(settingsStore); ok {
		if v, err := ss.Setting(ctx, "watch:"+feed); err == nil && v != "" {
			json.Unmarshal([]byte(v), &s)
		}
	}
	return s
}

func (w *watcher) saveState(ctx context.Context, feed string, s feedState) {
	if ss, ok := w.st.(settingsStore); ok {
		b, _ := json.Marshal(s)
		ss.SetSetting(ctx, "watch:"+feed, string(b))
	}
}

// poll fetches one feed and stores its new items.
func (w *watcher) poll(ctx context.Context, feed string) error {
	state := w.loadState(ctx, feed)
	res, err := w.f.get(ctx, feed, state)
	if err != nil {
		return err
	}
	if res.notModified {
		return nil
	}
	f, err := read.ParseFeed(res.body)
	if err != nil {
		return fmt.Errorf("not a readable RSS or Atom feed: %w", err)
	}
	// Items not stored yet, the newest first, at most maxItems.
	type item struct {
		it  read.FeedItem
		key string
	}
	var items []item
	keys := make([]string, 0, len(f.Items))
	for i, it := range f.Items {
		link := it.Link
		if u, err := url.Parse(link); err == nil {
			link = res.finalURL.ResolveReference(u).String()
		}
		it.Link = link
		id := link
		if id == "" {
			id = it.GUID
		}
		if id == "" {
			id = feed + "#" + strconv.Itoa(i+1)
		}
		k := itemKey(id)
		items = append(items, item{it, k})
		keys = append(keys, k)
	}
	have, err := w.st.HasKeys(ctx, keys)
	if err != nil {
		return err
	}
	var fresh []item
	for _, x := range items {
		if !have[x.key] {
			fresh = append(fresh, x)
		}
	}
	if len(fresh) > w.maxItems {
		fresh = fresh[:w.maxItems]
	}
	var batch []*chronicle.Article
	for _, x := range fresh {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		a, err := w.article(ctx, f, x.it, x.key)
		if err != nil {
			fmt.Fprintf(w.m.Stderr, "chronicle: watch %s: %v\n", x.it.Link, err)
			w.failed++
			continue
		}
		if a == nil {
			continue
		}
		w.p.Process(a)
		batch = append(batch, a)
	}
	if len(batch) > 0 {
		res, err := w.st.PutArticles(ctx, batch)
		if err != nil {
			return err
		}
		if err := updateClusters(ctx, w.st, created(batch, res)); err != nil {
			return err
		}
		for _, r := range res {
			if r.Created {
				w.stored++
			}
		}
	}
	w.saveState(ctx, feed, feedState{ETag: res.etag, LastModified: res.lastModified})
	return nil
}

// itemKey is the record key of a watched item: its URL (or GUID), so that an item is stored
// once however many feeds carry it and however often they are polled.
func itemKey(id string) string {
	h := sha256.Sum256([]byte("watch\x00" + id))
	return "w" + hex.EncodeToString(h[:])
}

// article makes the article of one feed item: its page read as a web page, else the item's
// own content (when robots.txt forbids the page, it is not an HTML page, or it cannot be
// fetched). It returns nil, nil when there is nothing to store.
func (w *watcher) article(ctx context.Context, f *read.Feed, it read.FeedItem, key string) (*chronicle.Article, error) {
	id := strings.TrimPrefix(key, "w")[:16]
	fallback := func(why string) (*chronicle.Article, error) {
		if strings.TrimSpace(it.Content) == "" {
			w.skipped++
			return nil, fmt.Errorf("%s, and the feed item has no text of its own", why)
		}
		a, err := read.FeedArticle(f, it, it.Link, key, w.opt)
		if err != nil {
			return nil, err
		}
		a.ID = id
		a.Diagnostics = append(a.Diagnostics, chronicle.Diagnostic{Stage: "read", Message: "the feed item's own text: " + why})
		w.skipped++
		w.fromFeed++
		return a, nil
	}
	if it.Link == "" {
		return fallback("the item has no link")
	}
	res, err := w.f.get(ctx, it.Link, feedState{})
	if err != nil {
		return fallback(err.Error())
	}
	if ct := res.contentType; ct != "" && !strings.Contains(ct, "html") {
		return fallback("the page is " + ct + ", not HTML")
	}
	a, err := read.HTML(read.Page{Source: it.Link, URL: res.finalURL.String(), Body: res.body, ContentType: res.contentType,
		Date: it.Date, DateFrom: "feed", Title: it.Title, Outlet: f.Title, Key: key, ID: id}, w.opt)
	if err != nil {
		return nil, err
	}
	if a.Author == "" {
		a.Author = it.Author
	}
	return a, nil
}

// updateClusters brings the cross-article state up to date after articles were stored; on
// PostgreSQL, where other processes may store articles at the same time, one at a time.
func updateClusters(ctx context.Context, st chronicle.Store, as []*chronicle.Article) error {
	if pg, ok := st.(*postgres.Store); ok {
		return pg.Exclusive(ctx, "cluster", func() error { return cluster.Update(ctx, st, as) })
	}
	return cluster.Update(ctx, st, as)
}

// fetcher makes polite HTTP requests: robots.txt obeyed, one host's requests spaced out,
// retries with exponential backoff (Retry-After honoured), a user agent naming chronicle.
type fetcher struct {
	client   *http.Client
	agent    string
	delay    time.Duration
	retries  int
	maxBytes int64
	// backoff is the first retry's wait (doubled at each retry); tests shorten it.
	backoff time.Duration

	mu     sync.Mutex
	robots map[string]*robots   // by scheme://host
	next   map[string]time.Time // earliest time of the next request to a host
}

func newFetcher(agent string, delay time.Duration, retries int, timeout time.Duration, maxBytes int64) *fetcher {
	return &fetcher{
		client: &http.Client{Timeout: timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			req.Header.Set("User-Agent", agent)
			return nil
		}},
		agent: agent, delay: delay, retries: retries, maxBytes: maxBytes, backoff: time.Second,
		robots: map[string]*robots{}, next: map[string]time.Time{},
	}
}

// response is a fetched resource.
type response struct {
	body               []byte
	contentType        string
	etag, lastModified string
	notModified        bool
	finalURL           *url.URL
	status             int
}

// errRobots is returned for URLs that robots.txt forbids.
var errRobots = errors.New("robots.txt disallows it")

// get fetches raw politely; with a previous state it is a conditional GET.
func (f *fetcher) get(ctx context.Context, raw string, prev feedState) (*response, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("not an http(s) URL: %q", raw)
	}
	rb, err := f.robotsFor(ctx, u)
	if err != nil {
		return nil, err
	}
	if !rb.allowed(u) {
		return nil, errRobots
	}
	var last error
	for attempt := 0; attempt <= f.retries; attempt++ {
		if attempt > 0 {
			wait := f.backoff << (attempt - 1)
			if ra, ok := last.(*retryAfter); ok && ra.wait > wait {
				wait = ra.wait
			}
			wait = min(wait, 5*time.Minute)
			wait += time.Duration(rand.Int64N(int64(wait)/4 + 1)) // jitter
			if err := sleep(ctx, wait); err != nil {
				return nil, err
			}
		}
		res, err := f.once(ctx, u, prev, rb.delay)
		if err == nil {
			return res, nil
		}
		last = err
		var te *transient
		var ra *retryAfter
		if !errors.As(err, &te) && !errors.As(err, &ra) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("giving up after %d tries: %w", f.retries+1, last)
}

// transient is a failure worth retrying.
type transient struct{ err error }

func (t *transient) Error() string { return t.err.Error() }
func (t *transient) Unwrap() error { return t.err }

// retryAfter is a 429 or 503 with the server's own wait.
type retryAfter struct {
	status int
	wait   time.Duration
}

func (r *retryAfter) Error() string { return fmt.Sprintf("HTTP %d (retry after %s)", r.status, r.wait) }

// once makes one request, after the host's turn comes.
func (f *fetcher) once(ctx context.Context, u *url.URL, prev feedState, crawlDelay time.Duration) (*response, error) {
	if err := f.wait(ctx, u, max(f.delay, crawlDelay)); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.agent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &transient{err}
	}
	defer resp.Body.Close()
	res := &response{status: resp.StatusCode, finalURL: resp.Request.URL, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.notModified = true
		res.etag, res.lastModified = prev.ETag, prev.LastModified
		return res, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &retryAfter{resp.StatusCode, parseRetryAfter(resp.Header.Get("Retry-After"))}
	case resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &transient{fmt.Errorf("HTTP %s", resp.Status)}
	case resp.StatusCode >= 300:
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, &transient{err}
	}
	if int64(len(body)) > f.maxBytes {
		return nil, fmt.Errorf("larger than %d bytes", f.maxBytes)
	}
	res.body = body
	return res, nil
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date (0 when absent).
func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}

// wait blocks until a request to host may be made: gap after the previous one started.
func (f *fetcher) wait(ctx context.Context, u *url.URL, gap time.Duration) error {
	for {
		f.mu.Lock()
		now := time.Now()
		at := f.next[u.Host]
		if !now.Before(at) {
			f.next[u.Host] = now.Add(gap)
			f.mu.Unlock()
			if requestHook != nil {
				requestHook(u, now)
			}
			return nil
		}
		f.mu.Unlock()
		if err := sleep(ctx, at.Sub(now)); err != nil {
			return err
		}
	}
}

// requestHook, when set (by tests), is called as each request is let through.
var requestHook func(u *url.URL, at time.Time)

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// robotsFor returns the robots.txt rules of u's host for chronicle, fetching them once.
func (f *fetcher) robotsFor(ctx context.Context, u *url.URL) (*robots, error) {
	origin := u.Scheme + "://" + u.Host
	f.mu.Lock()
	rb, ok := f.robots[origin]
	f.mu.Unlock()
	if ok && time.Since(rb.fetched) < 24*time.Hour {
		return rb, nil
	}
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	rb = &robots{fetched: time.Now()}
	res, err := f.once(ctx, ru, feedState{}, 0)
	switch {
	case err == nil:
		rb = parseRobots(res.body, f.agent)
		rb.fetched = time.Now()
	case ctx.Err() != nil:
		return nil, ctx.Err()
	default:
		var te *transient
		var ra *retryAfter
		if errors.As(err, &te) || errors.As(err, &ra) {
			// The server is failing: assume everything is disallowed, for now (RFC 9309).
			rb.disallowAll = true
			rb.fetched = time.Now().Add(-23 * time.Hour) // try again in an hour
		}
		// A 4xx robots.txt (none) allows everything.
	}
	f.mu.Lock()
	f.robots[origin] = rb
	f.mu.Unlock()
	if rb.disallowAll {
		return nil, fmt.Errorf("robots.txt of %s cannot be read (%v): not fetching from it for now", u.Host, err)
	}
	return rb, nil
}

// robots are the robots.txt rules (RFC 9309) that apply to chronicle on one host.
type robots struct {
	rules       []robotsRule
	delay       time.Duration // Crawl-delay
	disallowAll bool
	fetched     time.Time
}

type robotsRule struct {
	allow   bool
	pattern string
}

// parseRobots reads robots.txt for the user agent agent: the groups naming a product token
// that agent contains ("chronicle"), else the "*" groups.
func parseRobots(body []byte, agent string) *robots {
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inRules := false
	sc := bufio.NewScanner(strings.NewReader(string(body)))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		switch k {
		case "user-agent":
			if cur == nil || inRules {
				cur = &group{}
				groups = append(groups, cur)
				inRules = false
			}
			cur.agents = append(cur.agents, strings.ToLower(v))
		case "allow", "disallow":
			if cur == nil {
				continue
			}
			inRules = true
			if v == "" {
				continue // "Disallow:" allows everything
			}
			cur.rules = append(cur.rules, robotsRule{allow: k == "allow", pattern: v})
		case "crawl-delay":
			if cur == nil {
				continue
			}
			inRules = true
			if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
				cur.delay = time.Duration(min(s, 300) * float64(time.Second))
			}
		}
	}
	ua := strings.ToLower(agent)
	rb := &robots{}
	var star []*group
	matched := false
	for _, g := range groups {
		for _, a := range g.agents {
			switch {
			case a == "*":
				star = append(star, g)
			case a != "" && strings.Contains(ua, a):
				rb.rules = append(rb.rules, g.rules...)
				rb.delay = max(rb.delay, g.delay)
				matched = true
			}
		}
	}
	if !matched {
		for _, g := range star {
			rb.rules = append(rb.rules, g.rules...)
			rb.delay = max(rb.delay, g.delay)
		}
	}
	return rb
}

// allowed reports whether u may be fetched: the longest matching rule wins, allow on a tie.
func (r *robots) allowed(u *url.URL) bool {
	if r.disallowAll {
		return false
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if robotsMatch(rule.pattern, path) {
			if n := len(rule.pattern); n > best || n == best && rule.allow {
				best, allow = n, rule.allow
			}
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern ('*' any run, '$' the end) against a path
// from its start.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	for _, p := range parts[1:] {
		i := strings.Index(path[pos:], p)
		if i < 0 {
			return false
		}
		pos += i + len(p)
	}
	if anchored {
		if len(parts) == 1 {
			return pos == len(path)
		}
		return strings.HasSuffix(path, parts[len(parts)-1])
	}
	return true
}
