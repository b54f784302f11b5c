package read

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	htmldate "github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"chronicle"
)

// Page is one web page to read: a file, an HTTP response, a feed item's page or a WARC
// response record.
type Page struct {
	// Source is where the page was read from, as given: a path, a URL, or "file.warc#3".
	Source string
	// URL is the page's URL when known; the page's canonical URL, when it names one, wins.
	URL string
	// Body is the HTML, in any charset.
	Body []byte
	// ContentType is the HTTP Content-Type, when known (it may name the charset).
	ContentType string
	// Date (YYYY-MM-DD) and DateFrom are the fallback article date and where it came from
	// ("warc", "feed", "http", "field", "header", "flag"): used only when the page's own markup
	// has no publication date.
	Date, DateFrom string
	// Title and Outlet are fallbacks for a page that names neither (a feed item's title).
	Title, Outlet string
	// Publisher is the publisher as the input names it (a JSON Lines "outlet"): it wins over
	// the site the page names.
	Publisher string
	// Lang is the page's language when the input says (a JSON Lines field); else it is told
	// from the text, or from the markup.
	Lang string
	// Key and ID identify the input record; when empty they are derived from the page's bytes
	// (PageKey), so that they are known before the page is read.
	Key, ID string
}

// PageKey is the record key of a page read from a file: a hash of its bytes.
func PageKey(body []byte) string {
	return contentKey("page", string(body))
}

// HTML reads the article of one web page: the body text by go-trafilatura (with its
// readability and dom-distiller fallback), title, author, site, canonical URL and language from
// the page's markup, and the publication date by go-htmldate (DateFrom "html"), the page's
// fallback date only where the markup has none.
//
// A page with no extractable body is an article with empty text and a diagnostic, not an
// error; a page without any date is an error (pass --date). A page that cannot be parsed into
// a tree (nested too deeply) or is too large to analyse has its whole text taken, with a
// diagnostic. The language is told from the text (else the markup); an article not in English
// gets the status "skipped: language xx". Paragraphs are separated by blank lines.
func HTML(pg Page, opt Options) (*chronicle.Article, error) {
	bad := func(err error, hint string) error {
		return &chronicle.InputError{Path: pg.Source, Offset: -1, Err: err, Hint: hint}
	}
	body := bytes.TrimPrefix(pg.Body, bom)
	// A leading `date YYYY-MM-DD` line is the text reader's header: a fallback date.
	head := string(body[:min(len(body), 64)])
	if date, rest, ok := splitDateHeader(head); ok {
		if _, err := time.Parse(chronicle.DateLayout, date); err != nil {
			return nil, bad(fmt.Errorf("bad date %q in the header", date), "write the date as YYYY-MM-DD")
		}
		body = body[len(head)-len(rest):]
		if pg.Date == "" || pg.DateFrom == "flag" {
			pg.Date, pg.DateFrom = date, "header"
		}
	}
	if pg.Date == "" && opt.Date != "" {
		pg.Date, pg.DateFrom = opt.Date, "flag"
	}
	src := decodeHTML(body, pg.ContentType)
	// A page nested too deeply to parse (more than 512 open elements), or too large to
	// analyse in reasonable time, has its whole text taken instead.
	doc, perr := html.Parse(strings.NewReader(src))
	degraded := ""
	switch {
	case perr != nil:
		degraded = "its markup cannot be parsed (" + perr.Error() + ")"
	case countElements(doc, maxElements) > maxElements:
		degraded = fmt.Sprintf("it has more than %d elements", maxElements)
	}
	if degraded != "" {
		doc = nil
	}
	pageURL := pg.URL
	var base *url.URL
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		base = u
	}

	// Publication date from the markup (URL, meta elements, JSON-LD, visible text).
	dateOpt := htmldate.Options{URL: pageURL, UseOriginalDate: true, SkipExtensiveSearch: true}
	var found htmldate.Result
	if doc != nil {
		var derr error
		if found, derr = htmldate.FromDocument(doc, dateOpt); derr != nil {
			found = htmldate.Result{}
		}
	}

	topt := trafilatura.Options{
		EnableFallback:   true,
		ExcludeComments:  true,
		OriginalURL:      base,
		HtmlDateOverride: &found,
	}
	var meta trafilatura.Metadata
	text, rawTitle := "", ""
	var terr error
	if doc != nil {
		var res *trafilatura.ExtractResult
		res, terr = trafilatura.ExtractDocument(doc, topt)
		if terr == nil && res != nil {
			meta = res.Metadata
			text = extractedText(res.ContentNode)
		}
		rawTitle = pageTitle(doc)
	} else {
		rawTitle, text = tokenText(src)
	}

	title := oneLine(meta.Title)
	if title == "" {
		title = oneLine(rawTitle)
	}
	if title == "" {
		title = oneLine(pg.Title)
	}
	text = tidyPage(text, title)
	a := &chronicle.Article{Source: pg.Source, Text: text, Title: title}
	if words := len(strings.Fields(text)); terr != nil || words < minBodyWords {
		a.Text = ""
		msg := "no article body found in the page"
		if terr != nil {
			msg += ": " + terr.Error()
		} else if words > 0 {
			msg += fmt.Sprintf(" (only %d words of text)", words)
		}
		a.Diagnostics = append(a.Diagnostics, chronicle.Diagnostic{Stage: "read", Message: msg})
	}
	if degraded != "" {
		a.Diagnostics = append(a.Diagnostics, chronicle.Diagnostic{Stage: "read",
			Message: "the page's whole text was taken, without telling its article from the rest: " + degraded})
	}
	a.Author = oneLine(meta.Author)
	a.Outlet = oneLine(meta.Sitename)
	if a.Outlet == "" {
		a.Outlet = pg.Outlet
	}
	if pg.Publisher != "" {
		a.Outlet = pg.Publisher
	}
	a.URL = canonicalURL(meta.URL, base)
	if a.URL == "" {
		a.URL = pageURL
	}
	if a.Outlet == "" {
		if u, err := url.Parse(a.URL); err == nil {
			a.Outlet = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	// The text tells the language better than the markup, which templates often get wrong.
	if a.Lang = pg.Lang; a.Lang == "" {
		a.Lang = Language(a.Text)
	}
	if a.Lang == "" {
		a.Lang = htmlLang(doc)
	}

	switch {
	case !found.IsZero():
		a.Date, a.DateFrom = found.DateTime.Format(chronicle.DateLayout), "html"
	case pg.Date != "":
		a.Date, a.DateFrom = pg.Date, pg.DateFrom
	default:
		return nil, bad(errors.New("no publication date in the page"),
			"pass --date YYYY-MM-DD, or give the page a `date YYYY-MM-DD` first line")
	}

	a.Key, a.ID = pg.Key, pg.ID
	if a.Key == "" {
		a.Key = PageKey(pg.Body)
	}
	if a.ID == "" {
		a.ID = strings.TrimPrefix(a.Key, "r")[:16]
	}
	markLanguage(a)
	return a, nil
}

// minBodyWords is the fewest words an article body has; less is navigation or a caption.
const minBodyWords = 10

// decodeHTML returns the page as UTF-8. A page that already is valid UTF-8 is taken as such
// whatever it declares (declared charsets are often wrong, and legacy-encoded text with
// non-ASCII bytes is almost never valid UTF-8); otherwise the BOM, the Content-Type and the
// page's own <meta charset> decide, windows-1252 by default.
func decodeHTML(body []byte, contentType string) string {
	if utf8.Valid(body) {
		return string(body)
	}
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err == nil {
		if b, err := io.ReadAll(r); err == nil && utf8.Valid(b) {
			return string(b)
		}
	}
	return strings.ToValidUTF8(string(body), "\uFFFD")
}

// maxElements bounds the elements of a page that is analysed (news pages have a few thousand).
const maxElements = 100_000

// countElements counts the elements of doc, stopping past limit.
func countElements(doc *html.Node, limit int) int {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && n <= limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				n++
			}
			walk(c)
		}
	}
	walk(doc)
	return n
}

// tokenText returns the title and the text of a page read token by token (no tree): for pages
// that cannot be parsed into one. Script and style contents are left out; block elements
// end paragraphs.
func tokenText(src string) (title, text string) {
	z := html.NewTokenizer(strings.NewReader(src))
	var w, tw textWriter
	skip, inTitle := 0, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tw.b.String(), w.b.String()
		case html.TextToken:
			switch {
			case inTitle:
				tw.text(string(z.Text()))
			case skip == 0:
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "title":
				inTitle = tt == html.StartTagToken
			case skipTags[tag] && tt != html.SelfClosingTagToken:
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case paragraphTags[tag]:
				w.setBreak(2)
			case lineTags[tag]:
				w.setBreak(1)
			case cellTags[tag]:
				w.space = true
			}
		}
	}
}

// htmlLang returns the primary language subtag of <html lang="…">, lower case, or "".
func htmlLang(doc *html.Node) string {
	if doc == nil {
		return ""
	}
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			for _, at := range n.Attr {
				if at.Key == "lang" || at.Key == "xml:lang" {
					v := strings.ToLower(strings.TrimSpace(at.Val))
					if i := strings.IndexAny(v, "-_"); i >= 0 {
						v = v[:i]
					}
					if len(v) == 2 || len(v) == 3 {
						return v
					}
				}
			}
		}
	}
	return ""
}

// pageTitle returns the text of the page's <title>.
func pageTitle(doc *html.Node) string {
	var walk func(n *html.Node, depth int) string
	walk = func(n *html.Node, depth int) string {
		if depth > 8 {
			return ""
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Title {
				return nodeText(c)
			}
			if c.DataAtom == atom.Html || c.DataAtom == atom.Head {
				if t := walk(c, depth+1); t != "" {
					return t
				}
			}
		}
		return ""
	}
	return walk(doc, 0)
}

// canonicalURL returns the page's canonical URL, resolved against base, or "" when it names
// none (or names something that is not an http(s) URL).
func canonicalURL(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		if base == nil {
			return ""
		}
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// oneLine collapses whitespace.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Block elements end a paragraph; line elements end a line. Everything else is inline.
// (go-trafilatura's output uses HTML tags and a few of its own: head, list, item, quote, lb,
// row, cell.)
var (
	paragraphTags = map[string]bool{
		"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"head": true, "blockquote": true, "quote": true, "pre": true, "section": true, "article": true,
		"main": true, "header": true, "footer": true, "aside": true, "nav": true, "figure": true,
		"figcaption": true, "table": true, "ul": true, "ol": true, "dl": true, "list": true, "hr": true,
		"address": true, "details": true, "summary": true, "center": true, "form": true, "fieldset": true,
		"body": true, "caption": true,
	}
	lineTags = map[string]bool{
		"br": true, "lb": true, "li": true, "item": true, "tr": true, "row": true, "dt": true, "dd": true,
	}
	cellTags = map[string]bool{"td": true, "th": true, "cell": true}
	skipTags = map[string]bool{
		"script": true, "style": true, "noscript": true, "template": true, "svg": true, "math": true,
		"iframe": true, "object": true, "select": true, "textarea": true, "button": true,
	}
)

// nodeText renders a node's text: whitespace collapsed, lines and paragraphs kept (paragraphs
// separated by a blank line), no leading or trailing space.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var w textWriter
	w.walk(n, 0)
	return w.b.String()
}

// extractedText renders go-trafilatura's output node. Its tree keeps element tails trimmed, so
// the space in "<strong>activities</strong> that" is gone: an element boundary between two
// letters or digits counts as a space.
func extractedText(n *html.Node) string {
	if n == nil {
		return ""
	}
	w := textWriter{boundaries: true}
	w.walk(n, 0)
	return w.b.String()
}

// maxDepth bounds the recursion over hostile, deeply nested trees.
const maxDepth = 512

type textWriter struct {
	b          strings.Builder
	space      bool // a space is pending
	brk        int  // a break is pending: 1 line, 2 paragraph
	boundaries bool // an element boundary between word characters is a space
	boundary   bool // an element boundary is pending
	last       rune // the last rune written
}

func (w *textWriter) walk(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		tag := n.Data
		switch {
		case skipTags[tag]:
			return
		case paragraphTags[tag]:
			w.setBreak(2)
			defer w.setBreak(2)
		case lineTags[tag]:
			w.setBreak(1)
			if tag != "br" && tag != "lb" {
				defer w.setBreak(1)
			}
		case cellTags[tag]:
			w.space = true
			defer func() { w.space = true }()
		default:
			w.boundary = true
			defer func() { w.boundary = true }()
		}
	case html.DocumentNode:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
}

func (w *textWriter) setBreak(n int) {
	if n > w.brk {
		w.brk = n
	}
}

func (w *textWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' {
			w.space = true
			continue
		}
		if w.b.Len() > 0 {
			switch {
			case w.brk == 2:
				w.b.WriteString("\n\n")
			case w.brk == 1:
				w.b.WriteByte('\n')
			case w.space:
				w.b.WriteByte(' ')
			case w.boundary && w.boundaries && isWordRune(w.last) && isWordRune(r):
				w.b.WriteByte(' ')
			}
		}
		w.brk, w.space, w.boundary = 0, false, false
		w.b.WriteRune(r)
		w.last = r
	}
}

// htmlRecord reads a JSON Lines record that carries a web page in "html": the record's date,
// title, outlet and URL are fallbacks for what the page says itself.
func htmlRecord(p string, line int, offset int64, r *record, opt Options) (*chronicle.Article, error) {
	bad := func(err error, hint string) error {
		return &chronicle.InputError{Path: p, Line: line, Offset: offset, Err: err, Hint: hint}
	}
	id, err := recordID(r.ID)
	if err != nil {
		return nil, bad(err, `"id" must be a string or a number`)
	}
	pg := Page{Source: fmt.Sprintf("%s:%d", p, line), URL: r.URL, Body: []byte(*r.HTML), Title: r.Title, Publisher: r.Outlet, Lang: r.Lang}
	raw := r.Date
	if raw == "" {
		raw = r.Published
	}
	if raw != "" {
		d, ok := parseDate(raw)
		if !ok {
			return nil, bad(fmt.Errorf("bad date %q", raw), "write dates as YYYY-MM-DD or RFC 3339 (2025-07-03T10:00:00Z)")
		}
		pg.Date, pg.DateFrom = d, "field"
	}
	if id != "" {
		pg.ID, pg.Key = SafeID(id), recordKey(p, id)
	}
	a, err := readPage(pg, opt)
	if err != nil {
		var ie *chronicle.InputError
		if errors.As(err, &ie) {
			ie.Path, ie.Line, ie.Offset = p, line, offset
		}
		return nil, err
	}
	return a, nil
}

// tidyPage removes what web pages put around an article body that chronicle's cleaning (which
// works on any text) cannot see: the headline repeated as the first paragraph (it is the
// article's title), and "related stories" blocks — a marker paragraph ("Related:", "More:",
// "Most read in …", "You may also like") with the run of headline-like paragraphs after it.
func tidyPage(text, title string) string {
	paras := strings.Split(text, "\n\n")
	// The headline as the first paragraph.
	if len(paras) > 1 && sameHeadline(paras[0], title) {
		paras = paras[1:]
	}
	out := paras[:0]
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		if isMarker(p) {
			for i+1 < len(paras) && isHeadlineLike(paras[i+1]) {
				i++
			}
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

// sameHeadline reports whether paragraph p is the page title (or the title less a " | Site"
// suffix, or the title plus one).
func sameHeadline(p, title string) bool {
	pw, tw := strings.Fields(strings.ToLower(p)), strings.Fields(strings.ToLower(title))
	if len(pw) < 3 || len(tw) < 3 || len(pw) > 40 {
		return false
	}
	norm := func(ws []string) string {
		var b strings.Builder
		for _, w := range ws {
			for _, r := range w {
				if unicode.IsLetter(r) || unicode.IsNumber(r) {
					b.WriteRune(r)
				}
			}
			b.WriteByte(' ')
		}
		return b.String()
	}
	ps, ts := norm(pw), norm(tw)
	return ps == ts || strings.HasPrefix(ts, ps) && len(ps)*3 >= len(ts)*2 || strings.HasPrefix(ps, ts) && len(ts)*3 >= len(ps)*2
}

// markers start a block of links to other articles; they stand alone in their paragraph.
var markers = []string{
	"related", "related:", "related articles", "related stories", "related posts", "related content",
	"more:", "more", "more from", "more on this", "more stories", "more news", "read more", "read more:",
	"read also", "also read", "see also", "you may also like", "you might also like", "recommended",
	"recommended for you", "most read", "most popular", "popular on", "trending", "trending now",
	"top stories", "latest news", "latest stories", "don't miss", "editor's picks", "also on",
	"advertisement", "share this article", "share this story", "like this story? share it with a friend!",
}

// isMarker reports whether paragraph p is a short link-block marker ("Most read in world news").
func isMarker(p string) bool {
	p = strings.ToLower(strings.TrimSpace(p))
	if p == "" || len(p) > 60 || strings.Count(p, " ") > 6 {
		return false
	}
	for _, m := range markers {
		if p == m || strings.HasPrefix(p, m+" ") && !strings.HasSuffix(p, ".") {
			return true
		}
	}
	return false
}

// isHeadlineLike reports whether paragraph p reads as a linked headline: one short line that
// does not end a sentence.
func isHeadlineLike(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || strings.Contains(p, "\n") || strings.Count(p, " ") > 16 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return last != '.' && last != ':' && last != '"' && last != '”'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
