package read

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"chronicle"
)

// newsPage returns a web page like a news site's: navigation, the article with its metadata in
// the head, a related-stories block and a footer.
func newsPage(meta, body string) string {
	return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Putin tells Trump Russia will not back down | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Putin tells Trump Russia will not back down">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.com/world/putin-trump-call">
` + meta + `
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<main><article>
<h1>Putin tells Trump Russia will not back down</h1>
` + body + `
<h3>Related</h3>
<ul><li><a href="/a">Kremlin says talks will go on</a></li><li><a href="/b">Oil prices steady</a></li></ul>
</article></main>
<footer><p>© 2025 Example News. All rights reserved.</p><p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>`
}

const articleBody = `<p>Russian President Vladimir Putin told his American counterpart Donald Trump on Thursday that Russia would not step back from its goals in Ukraine, a Kremlin aide said after the two leaders spoke by telephone for almost an hour.</p>
<p>“Our president said that Russia will achieve the goals it has set,” Putin's aide Yuri Ushakov told reporters in Moscow, adding that Trump had again raised the question of an early end to the fighting.</p>
<p>It was the sixth publicly known conversation between the two men since Trump's inauguration in January. In their last call, a month ago, they discussed the war and the Middle East.</p>
<p>The White House did not immediately comment on the call, which came as Washington paused some deliveries of weapons to Kyiv.</p>`

func TestHTML(t *testing.T) {
	dated := `<meta property="article:published_time" content="2025-07-03T14:20:00+03:00">`
	tests := []struct {
		name     string
		page     Page
		opt      Options
		date     string
		from     string
		wantErr  bool
		emptyArt bool
	}{
		{name: "meta date", page: Page{Source: "a.html", Body: []byte(newsPage(dated, articleBody))}, date: "2025-07-03", from: "html"},
		{name: "meta date beats the fallbacks", page: Page{Source: "a.html", Body: []byte(newsPage(dated, articleBody)), Date: "2025-07-09", DateFrom: "warc"}, opt: Options{Date: "2020-01-01"}, date: "2025-07-03", from: "html"},
		{name: "warc fallback", page: Page{Source: "a.warc#1", Body: []byte(newsPage("", articleBody)), Date: "2025-07-09", DateFrom: "warc"}, date: "2025-07-09", from: "warc"},
		{name: "flag fallback", page: Page{Source: "a.html", Body: []byte(newsPage("", articleBody))}, opt: Options{Date: "2025-07-05"}, date: "2025-07-05", from: "flag"},
		{name: "header fallback", page: Page{Source: "a.html", Body: []byte("date 2025-07-04\n" + newsPage("", articleBody))}, opt: Options{Date: "2025-07-05"}, date: "2025-07-04", from: "header"},
		{name: "date in the URL", page: Page{Source: "a.html", URL: "https://news.example.com/2025/07/02/putin-trump", Body: []byte(newsPage("", articleBody))}, date: "2025-07-02", from: "html"},
		{name: "no date", page: Page{Source: "a.html", Body: []byte(newsPage("", articleBody))}, wantErr: true},
		{name: "no body", page: Page{Source: "e.html", Body: []byte(`<html><head><title>Nothing</title></head><body><nav><a href="/">Home</a></nav></body></html>`)}, opt: Options{Date: "2025-07-05"}, date: "2025-07-05", from: "flag", emptyArt: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := HTML(tt.page, tt.opt)
			if tt.wantErr {
				var ie *chronicle.InputError
				if !errors.As(err, &ie) || ie.Path != tt.page.Source || ie.Hint == "" {
					t.Fatalf("err = %v, want an InputError with a hint", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Date != tt.date || a.DateFrom != tt.from {
				t.Errorf("date %q from %q, want %q from %q", a.Date, a.DateFrom, tt.date, tt.from)
			}
			if tt.emptyArt {
				if a.Text != "" || len(a.Diagnostics) != 1 || a.Diagnostics[0].Stage != "read" {
					t.Errorf("empty page: text %q, diagnostics %+v", a.Text, a.Diagnostics)
				}
				return
			}
			if a.Title != "Putin tells Trump Russia will not back down" || a.Outlet != "Example News" || a.Author != "Jane Reporter" ||
				a.URL != "https://news.example.com/world/putin-trump-call" || a.Lang != "en" {
				t.Errorf("metadata: title %q outlet %q author %q url %q lang %q", a.Title, a.Outlet, a.Author, a.URL, a.Lang)
			}
			paras := strings.Split(a.Text, "\n\n")
			if len(paras) != 4 || !strings.HasPrefix(paras[0], "Russian President Vladimir Putin told") ||
				!strings.HasPrefix(paras[1], "“Our president said") || !strings.HasSuffix(paras[3], "weapons to Kyiv.") {
				t.Errorf("text is not the four paragraphs of the body:\n%s", a.Text)
			}
			for _, junk := range []string{"Home", "Privacy", "All rights reserved", "Oil prices steady", "Related"} {
				if strings.Contains(a.Text, junk) {
					t.Errorf("text keeps boilerplate %q:\n%s", junk, a.Text)
				}
			}
			if len(a.ID) != 16 || a.Key == "" || a.Source != tt.page.Source {
				t.Errorf("id %q key %q source %q", a.ID, a.Key, a.Source)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	latin1 := []byte("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><article><p>" +
		strings.Repeat("The caf\xe9 in Z\xfcrich opened on Monday and the owner said business was good. ", 8) + "</p></article></body></html>")
	a, err := HTML(Page{Source: "l.html", Body: latin1}, Options{Date: "2025-07-03"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "café in Zürich") || a.Title != "Café" {
		t.Errorf("latin-1 page decoded as %q / %q", a.Title, a.Text[:min(60, len(a.Text))])
	}
	// A page declaring a legacy charset but written in UTF-8 is read as UTF-8.
	wrong := []byte("<html><head><meta charset=\"windows-1252\"><title>Zürich</title></head><body><article><p>" +
		strings.Repeat("The café in Zürich opened on Monday and the owner said business was good. ", 8) + "</p></article></body></html>")
	a, err = HTML(Page{Source: "w.html", Body: wrong}, Options{Date: "2025-07-03"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "café in Zürich") {
		t.Errorf("UTF-8 page with a wrong declaration decoded as %q", a.Text[:min(60, len(a.Text))])
	}
}

func TestHTMLInlineSpace(t *testing.T) {
	page := `<html><body><article><p>` + strings.Repeat("You will feel <strong>poised while doing the promotional activities</strong> that come with the job, and <em>more</em>. ", 6) + `</p></article></body></html>`
	a, err := HTML(Page{Source: "s.html", Body: []byte(page)}, Options{Date: "2025-07-03"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "activities that come") || strings.Contains(a.Text, " .") {
		t.Errorf("inline elements: %q", a.Text[:min(200, len(a.Text))])
	}
}

func TestHTMLFiles(t *testing.T) {
	dir := t.TempDir()
	page := newsPage(`<meta property="article:published_time" content="2025-07-03">`, articleBody)
	write(t, dir, "a.html", page)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Replace(page, "sixth", "seventh", 1)))
	zw.Close()
	write(t, dir, "b.htm.gz", gz.String())
	rec, _ := json.Marshal(map[string]string{"id": "p-1", "url": "https://news.example.com/x", "date": "2025-07-09", "html": newsPage("", articleBody)})
	write(t, dir, "c.jsonl", string(rec)+"\n")
	write(t, dir, "d.bin.gz", "not gzip") // not a readable extension: the walk passes it over
	as, errs := collect(t, []string{dir}, Options{})
	if len(errs) > 0 || len(as) != 3 {
		t.Fatalf("got %d articles, errors %v", len(as), errs)
	}
	for _, a := range as {
		if !strings.HasPrefix(a.Text, "Russian President") || a.Title == "" {
			t.Errorf("%s: title %q text %q", a.Source, a.Title, a.Text[:min(40, len(a.Text))])
		}
	}
	if as[1].Date != "2025-07-03" || !strings.Contains(as[1].Text, "seventh") {
		t.Errorf("gzip page: %+v", as[1])
	}
	if c := as[2]; c.ID != "p-1" || c.Date != "2025-07-09" || c.DateFrom != "field" || c.URL != "https://news.example.com/world/putin-trump-call" {
		t.Errorf("JSONL html record: id %q date %q from %q url %q", c.ID, c.Date, c.DateFrom, c.URL)
	}
	// Standard input is sniffed.
	as, errs = collect(t, []string{"-"}, Options{Stdin: strings.NewReader(page)})
	if len(errs) > 0 || len(as) != 1 || as[0].DateFrom != "html" {
		t.Fatalf("stdin: %d articles, errors %v", len(as), errs)
	}
}

func TestLanguageSkip(t *testing.T) {
	german := `<html lang="de"><head><title>Putin und Trump telefonieren</title></head><body><article>` +
		`<p>Der russische Präsident Wladimir Putin hat am Donnerstag mit dem amerikanischen Präsidenten Donald Trump telefoniert. Das Gespräch dauerte fast eine Stunde, wie der Kreml mitteilte.</p>` +
		`<p>Es war das sechste bekannte Gespräch der beiden seit der Amtseinführung von Trump im Januar. Die Ukraine war nach Angaben aus Moskau eines der wichtigsten Themen, auch der Nahe Osten wurde besprochen.</p>` +
		`</article></body></html>`
	dir := t.TempDir()
	p := write(t, dir, "de.html", german)
	as, errs := collect(t, []string{p}, Options{Date: "2025-07-03"})
	if len(errs) > 0 || len(as) != 1 {
		t.Fatalf("got %d articles, errors %v", len(as), errs)
	}
	if a := as[0]; a.Lang != "de" || a.Status != "skipped: language de" || !strings.Contains(a.Text, "Wladimir Putin") {
		t.Errorf("lang %q status %q text %q", a.Lang, a.Status, a.Text)
	}
	// JSON Lines records are checked too; a record's own "lang" is trusted.
	write(t, dir, "r.jsonl", `{"date":"2025-07-03","text":"Le président russe Vladimir Poutine a parlé avec Donald Trump jeudi. Les deux dirigeants ont discuté de la guerre en Ukraine pendant près d'une heure, selon le Kremlin."}
{"date":"2025-07-03","lang":"en","text":"Le président russe Vladimir Poutine a parlé avec Donald Trump jeudi. Les deux dirigeants ont discuté de la guerre en Ukraine pendant près d'une heure, selon le Kremlin."}
{"date":"2025-07-03","text":"Russian President Vladimir Putin spoke with Donald Trump on Thursday, the Kremlin said."}
`)
	as, _ = collect(t, []string{dir + "/r.jsonl"}, Options{})
	if len(as) != 3 || as[0].Status != "skipped: language fr" || as[1].Status != "" || as[2].Status != "" || as[2].Lang != "en" {
		for _, a := range as {
			t.Errorf("lang %q status %q", a.Lang, a.Status)
		}
	}
}

func TestTidyPage(t *testing.T) {
	tests := []struct{ name, text, title, want string }{
		{"headline dropped", "Putin calls Trump\n\nBody one.\n\nBody two.", "Putin calls Trump | Example", "Body one.\n\nBody two."},
		{"other first paragraph kept", "Moscow (Reuters) - Putin called.\n\nBody.", "Putin calls Trump", "Moscow (Reuters) - Putin called.\n\nBody."},
		{"related block", "Body one.\n\nMost read in world news\n\nA headline here\n\nAnother headline\n\nBody two ends.", "T", "Body one.\n\nBody two ends."},
		{"marker alone", "Body one.\n\nAdvertisement\n\nBody two.", "T", "Body one.\n\nBody two."},
		{"sentence kept", "Body one.\n\nMore than 100 people were hurt.", "T", "Body one.\n\nMore than 100 people were hurt."},
	}
	for _, tt := range tests {
		if got := tidyPage(tt.text, tt.title); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNodeTextUTF8(t *testing.T) {
	a, err := HTML(Page{Source: "x", Body: []byte("<p>\xff\xfe bad bytes \xc3</p>")}, Options{Date: "2025-07-03"})
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
		t.Errorf("invalid UTF-8 out: %q", a.Text)
	}
}

// TestRecords: Records hands web pages over unread, with the key and id their articles get;
// reading them later gives the article All gives.
func TestRecords(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.html", newsPage("", articleBody))
	write(t, dir, "b.txt", "date 2025-07-03\nDer russische Präsident Wladimir Putin hat am Donnerstag mit dem amerikanischen Präsidenten telefoniert, wie der Kreml mitteilte.")
	write(t, dir, "c.warc", strings.Join(ccNews()[:4], ""))
	opt := Options{Date: "2025-07-01"}
	all, errs := collect(t, []string{dir}, opt)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []*chronicle.Article
	pages := 0
	for r, err := range Records([]string{dir}, opt) {
		if err != nil {
			t.Fatal(err)
		}
		if r.Page != nil {
			pages++
		}
		if r.Page == nil {
			got = append(got, r.Article)
			continue
		}
		a, err := HTML(*r.Page, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Key != r.Page.Key || a.ID != r.Page.ID {
			t.Errorf("%s: the page's key/id %s/%s, its article's %s/%s", r.Page.Source, r.Page.Key, r.Page.ID, a.Key, a.ID)
		}
		got = append(got, a)
	}
	if len(got) != len(all) || len(got) != 4 || pages != 3 {
		t.Fatalf("Records gave %d (%d pages), All %d", len(got), pages, len(all))
	}
	for i := range got {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(all[i])
		if string(g) != string(w) || got[i].Key != all[i].Key {
			t.Errorf("record %d:\n got %s\nwant %s", i, g, w)
		}
	}
	if all[1].Status != "skipped: language de" {
		t.Errorf("the German text: status %q", all[1].Status)
	}
}

// TestHTMLDegraded: a page nested too deeply to parse (unclosed tags, hostile or broken), or
// too large to analyse, has its whole text taken, with a diagnostic, in bounded time.
func TestHTMLDegraded(t *testing.T) {
	story := "<p>" + strings.Repeat("Russian President Vladimir Putin spoke with Donald Trump on Thursday. ", 3) + "</p>"
	for _, tt := range []struct{ name, page string }{
		{"unclosed tags", "<html><head><title>Deep</title><script>var x = 1;</script></head><body>" + strings.Repeat("<font>", 600) + story + "</body></html>"},
		{"nested tables", "<html><body>" + strings.Repeat("<table><tr><td>", 300_000) + story + "</body></html>"},
		{"many elements", "<html><body>" + strings.Repeat("<span>x</span>", 120_000) + story + "</body></html>"},
	} {
		a, err := HTML(Page{Source: "deep.html", Body: []byte(tt.page)}, Options{Date: "2025-07-03"})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !strings.Contains(a.Text, "Vladimir Putin spoke") || strings.Contains(a.Text, "var x") {
			t.Errorf("%s: text %.80q…", tt.name, a.Text)
		}
		if len(a.Diagnostics) == 0 || !strings.Contains(a.Diagnostics[len(a.Diagnostics)-1].Message, "whole text") {
			t.Errorf("%s: diagnostics %+v", tt.name, a.Diagnostics)
		}
	}
}
