package server_test

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// screenshots is where TestBrowserPages writes a PNG of every page (doc/screenshots with
// `go test ./server -run TestBrowser -screenshots ../doc/screenshots`).
var screenshots = flag.String("screenshots", "", "write screenshots of the pages to this directory")

// browser starts a headless Chromium for one test. Without Chromium the test is skipped
// with a message, except in CI (CI=true), where it fails: CI installs Debian's chromium.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed: .ci/run installs Debian's chromium package")
		}
		t.Skip("skipping the browser test: chromium is not installed (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(width, height),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	// The first action starts the browser; its context must not have a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	return ctx
}

// problems collects script exceptions and console errors (such as Content-Security-Policy
// refusals) of a browser context.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) listen(ctx context.Context) {
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || (string(m.Type) == "error" && !strings.Contains(m.Text, "favicon")) {
				p.mu.Lock()
				p.list = append(p.list, m.String())
				p.mu.Unlock()
			}
		}
	}()
}

func (p *problems) take() []string {
	time.Sleep(100 * time.Millisecond) // let the last messages arrive
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.list
	p.list = nil
	return l
}

// do runs browser actions, failing the test on an error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// val runs one browser action and returns its value, failing the test on an error.
func val[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowserClickThrough goes from the start page through search, an article, an entity and
// its timeline as a reader would, checking what each page shows.
func TestBrowserClickThrough(t *testing.T) {
	ts, _ := testServer(t)
	ctx := browser(t, 1280, 900)
	var p problems
	p.listen(ctx)

	do(t, ctx, "start page", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	h1 := val(t, ctx, chromedp.Text(chromedp.CSS("h1")))
	// The first Tab reaches the skip link.
	do(t, ctx, "tab", chromedp.KeyEvent(kb.Tab))
	active := val(t, ctx, chromedp.Evaluate[string](`document.activeElement.textContent`))
	if !strings.Contains(h1, "Who did and said what") || active != "Skip to content" {
		t.Errorf("start page: h1 %q, first Tab on %q", h1, active)
	}

	do(t, ctx, "search",
		chromedp.SendKeys(chromedp.CSS("#home-q"), "Ushakov"),
		chromedp.Submit(chromedp.CSS("#home-q")),
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
	)
	hits := val(t, ctx, chromedp.Text(chromedp.CSS("ol.hits")))
	if !strings.Contains(hits, "Putin and Trump talk (1)") || !strings.Contains(hits, "Ushakov") {
		t.Fatalf("search hits: %q", hits)
	}

	do(t, ctx, "article",
		chromedp.Click(chromedp.Search(`//ol[@class="hits"]//a[text()="Putin and Trump talk (1)"]`)),
		chromedp.WaitVisible(chromedp.CSS("#article-text")),
		// Focusing an event shows its codes.
		chromedp.Focus(chromedp.CSS("#article-text .hl.event")),
	)
	title := val(t, ctx, chromedp.Text(chromedp.CSS("h1")))
	marks := val(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#article-text .hl").length`))
	tip := val(t, ctx, chromedp.AttributeValue(chromedp.CSS("#article-text .hl.event"), "data-tip"))
	after := val(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement, "::after").content`))
	if title != "Putin and Trump talk (1)" || marks < 8 {
		t.Errorf("article page: title %q, %d highlighted stretches", title, marks)
	}
	if !strings.Contains(tip.Value, "CAMEO 041") || !strings.Contains(after, "CAMEO 041 CONSULT") {
		t.Errorf("event tooltip: data-tip %q, shown %q", tip.Value, after)
	}

	do(t, ctx, "entity",
		chromedp.Click(chromedp.CSS(`#article-text a.hl.entity[data-id="e1"]`)),
		chromedp.WaitVisible(chromedp.CSS(".entity-head")),
	)
	entity := val(t, ctx, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Vladimir Putin", "President of Russia", "Roles over time", "Appears with", "Donald Trump", "Quotes", "Events"} {
		if !strings.Contains(entity, want) {
			t.Errorf("entity page: no %q", want)
		}
	}

	do(t, ctx, "pair timeline",
		chromedp.Click(chromedp.Search(`//a[text()="pair timeline"]`)),
		chromedp.WaitVisible(chromedp.CSS("svg.chart")),
	)
	bars := val(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.chart rect").length`))
	timeline := val(t, ctx, chromedp.Text(chromedp.CSS("main")))
	if bars < 3 || !strings.Contains(timeline, "Timeline of Vladimir Putin, Donald Trump") || !strings.Contains(timeline, "CONSULT") ||
		!strings.Contains(timeline, "Russian Pr") {
		t.Errorf("timeline: %d bars, text %q", bars, timeline)
	}

	do(t, ctx, "quotes", chromedp.Navigate(ts.URL+"/quotes?speaker=Ushakov"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if quotes := val(t, ctx, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(quotes, "We will achieve our goals") {
		t.Errorf("quotes page: %q", quotes)
	}
	if ps := p.take(); len(ps) > 0 {
		t.Errorf("the browser reported problems: %q", ps)
	}
}

// TestBrowserHostileArticle checks that markup in an article is shown and never run.
func TestBrowserHostileArticle(t *testing.T) {
	ts, _ := testServer(t)
	ctx := browser(t, 1280, 900)
	do(t, ctx, "hostile article",
		chromedp.Navigate(ts.URL+"/articles/"+hostileID),
		chromedp.WaitVisible(chromedp.CSS("#article-text")),
		chromedp.Sleep(200*time.Millisecond),
	)
	pwned := val(t, ctx, chromedp.Evaluate[bool](`window.__pwned !== undefined`))
	docTitle := val(t, ctx, chromedp.Title())
	text := val(t, ctx, chromedp.Text(chromedp.CSS("#article-text")))
	if pwned || docTitle == "pwned" {
		t.Errorf("the article's script ran (title %q)", docTitle)
	}
	if !strings.Contains(text, `<script>window.__pwned = 1;`) || !strings.Contains(text, `<img src=x onerror=`) {
		t.Errorf("the article's markup is not shown as text: %q", text)
	}
}

// TestBrowserPages loads every page on a laptop and a phone screen, checks that the page is
// labelled and fits, and writes screenshots with -screenshots DIR.
func TestBrowserPages(t *testing.T) {
	ts, _ := testServer(t)
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"search", "/search?q=Putin"},
		{"article", "/articles/art-1"},
		{"entity", "/entities/Vladimir%20Putin"},
		{"timeline", "/timeline?pair=Vladimir+Putin,Donald+Trump&by=week"},
		{"quotes", "/quotes?speaker=Ushakov"},
		{"events", "/events?plover=CONSULT"},
		{"entities", "/entities"},
		{"claims", "/claims"},
	}
	if id := richestExample(t); id != "" {
		pages = append(pages, struct{ name, path string }{"example-article", "/articles/" + id})
	}
	for _, screen := range []struct {
		name string
		w, h int
	}{{"laptop", 1280, 900}, {"phone", 390, 844}} {
		t.Run(screen.name, func(t *testing.T) {
			ctx := browser(t, screen.w, screen.h)
			if screen.name == "phone" {
				do(t, ctx, "phone", chromedp.EmulateViewport(int64(screen.w), int64(screen.h), chromedp.EmulateScale(2)))
			}
			var p problems
			p.listen(ctx)
			for _, pg := range pages {
				do(t, ctx, pg.name, chromedp.Navigate(ts.URL+pg.path), chromedp.WaitReady(chromedp.CSS("footer")))
				h1 := val(t, ctx, chromedp.Text(chromedp.CSS("h1")))
				// Every form field has a label.
				unlabelled := val(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("input:not([type=hidden]), select")].filter(e => !e.labels.length && !e.getAttribute("aria-label")).length`))
				// Nothing makes the page scroll sideways (wide tables and charts scroll in their own box).
				overflow := val(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
				if h1 == "" {
					t.Errorf("%s: no heading", pg.name)
				}
				if unlabelled > 0 {
					t.Errorf("%s: %d form fields without a label", pg.name, unlabelled)
				}
				if overflow > 0 {
					wide := val(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + "." + e.className).slice(0, 5).join(" ")`))
					t.Errorf("%s on a %s: the page is %dpx wider than the screen (%s)", pg.name, screen.name, overflow, wide)
				}
				if *screenshots != "" && (screen.name == "laptop" || pg.name == "article" || pg.name == "timeline" || pg.name == "home") {
					png := val(t, ctx, chromedp.FullScreenshot(100)) // 100: PNG
					name := pg.name + ".png"
					if screen.name == "phone" {
						name = "phone-" + name
					}
					if err := os.WriteFile(filepath.Join(*screenshots, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if ps := p.take(); len(ps) > 0 {
				t.Errorf("the browser reported problems: %q", ps)
			}
		})
	}
}

// richestExample returns the example article with the most extractions.
func richestExample(t *testing.T) string {
	st := fixture(t)
	best, most := "", -1
	for _, id := range exampleIDs {
		a, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(a.Entities) + len(a.Timexes) + len(a.Quotes) + 2*len(a.Events); n > most {
			best, most = id, n
		}
	}
	return best
}
