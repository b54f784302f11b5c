package server_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chronicle"
	"chronicle/server"
)

// testServer starts the server over the shared store.
func testServer(t testing.TB) (*httptest.Server, chronicle.Store) {
	t.Helper()
	st := fixture(t)
	srv, err := server.New(st, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, st
}

// get fetches path and returns the response and its body.
func get(t testing.TB, ts *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// getJSON fetches path, expects 200 and JSON, and decodes it into v.
func getJSON(t testing.TB, ts *httptest.Server, path string, v any) {
	t.Helper()
	res, body := get(t, ts, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", path, res.Status, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

// page is the JSON of a list endpoint.
type page[T any] struct {
	Items  []T    `json:"items"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
	Next   string `json:"next"`
}

// checkSpan checks that a span's text is text[start:end] in code points.
func checkSpan(t *testing.T, what string, text []rune, s chronicle.Span) {
	t.Helper()
	if s.Start == 0 && s.End == 0 && s.Text == "" {
		return
	}
	if s.Start < 0 || s.End < s.Start || s.End > len(text) {
		t.Errorf("%s: span %d:%d outside the text (%d code points)", what, s.Start, s.End, len(text))
		return
	}
	if got := string(text[s.Start:s.End]); got != s.Text {
		t.Errorf("%s: text[%d:%d] = %q, span says %q", what, s.Start, s.End, got, s.Text)
	}
}

func TestAPIArticles(t *testing.T) {
	ts, st := testServer(t)
	var l page[chronicle.Article]
	getJSON(t, ts, "/api/v1/articles?limit=1000", &l)
	stats, _ := st.Stats(context.Background())
	if len(l.Items) != stats.Articles || l.Next != "" {
		t.Fatalf("listed %d articles (next %q), the store holds %d", len(l.Items), l.Next, stats.Articles)
	}
	for _, id := range append(exampleIDs, "art-1", hostileID) {
		var a chronicle.Article
		getJSON(t, ts, "/api/v1/articles/"+url.PathEscape(id), &a)
		want, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != id || a.Text != want.Text || a.Title != want.Title || a.Date != want.Date {
			t.Errorf("article %s: got id %q title %q date %q", id, a.ID, a.Title, a.Date)
		}
		// Every extracted span the store holds is in the response, and indexes the text.
		if len(a.Entities) != len(want.Entities) || len(a.Timexes) != len(want.Timexes) || len(a.Quotes) != len(want.Quotes) || len(a.Events) != len(want.Events) {
			t.Errorf("article %s: %d/%d/%d/%d extractions, the store holds %d/%d/%d/%d", id, len(a.Entities), len(a.Timexes), len(a.Quotes), len(a.Events),
				len(want.Entities), len(want.Timexes), len(want.Quotes), len(want.Events))
		}
		text := []rune(a.Text)
		for _, e := range a.Entities {
			checkSpan(t, id+" "+e.ID, text, e.Span)
		}
		for _, x := range a.Timexes {
			checkSpan(t, id+" "+x.ID, text, x.Span)
		}
		for _, q := range a.Quotes {
			checkSpan(t, id+" "+q.ID+" content", text, q.Content)
			checkSpan(t, id+" "+q.ID+" speaker", text, q.Speaker.Span)
		}
		for _, v := range a.Events {
			checkSpan(t, id+" "+v.ID+" trigger", text, v.Trigger)
		}
	}
	if len(exampleIDs) == 0 {
		t.Fatal("no example articles")
	}
}

func TestAPIErrors(t *testing.T) {
	ts, _ := testServer(t)
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/articles/no-such-article", 404, chronicle.ENOTFOUND},
		{"/api/v1/entities/Nobody%20At%20All", 404, chronicle.ENOTFOUND},
		{"/api/v1/events/art-1:v99", 404, chronicle.ENOTFOUND},
		{"/api/v1/events/no-colon", 400, chronicle.EINVALID},
		{"/api/v1/nothing-here", 404, chronicle.ENOTFOUND},
		{"/api/v1/events?from=yesterday", 400, chronicle.EINVALID},
		{"/api/v1/events?limit=0", 400, chronicle.EINVALID},
		{"/api/v1/events?offset=-1", 400, chronicle.EINVALID},
		{"/api/v1/events?modality=maybe", 400, chronicle.EINVALID},
		{"/api/v1/events?pair=Trump", 400, chronicle.EINVALID},
		{"/api/v1/events?code=abc", 400, chronicle.EINVALID},
		{"/api/v1/events?format=xml", 400, chronicle.EINVALID},
		{"/api/v1/events?min_confidence=2", 400, chronicle.EINVALID},
		{"/api/v1/quotes?kind=shouted", 400, chronicle.EINVALID},
		{"/api/v1/entities?type=ANIMAL", 400, chronicle.EINVALID},
		{"/api/v1/timeline", 400, chronicle.EINVALID},
		{"/api/v1/timeline?actor=Putin&by=fortnight", 400, chronicle.EINVALID},
		{"/api/v1/search", 400, chronicle.EINVALID},
		{"/api/v1/search?q=%22unbalanced", 200, ""},
	}
	for _, tt := range tests {
		res, body := get(t, ts, tt.path)
		if res.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d\n%s", tt.path, res.StatusCode, tt.status, body)
			continue
		}
		if tt.code == "" {
			continue
		}
		var e struct {
			Error struct{ Code, Message, Hint string }
		}
		if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != tt.code || e.Error.Message == "" {
			t.Errorf("GET %s: error body %s (%v), want code %q and a message", tt.path, body, err, tt.code)
		}
		if tt.status == 400 && e.Error.Hint == "" {
			t.Errorf("GET %s: no hint in %s", tt.path, body)
		}
	}
	// A method the API does not have.
	res, err := http.Post(ts.URL+"/api/v1/events", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/v1/events: %s", res.Status)
	}
}

// TestAPIEvents checks that the event filters return what the store holds for the same filter.
func TestAPIEvents(t *testing.T) {
	ts, st := testServer(t)
	ctx := context.Background()
	tests := []struct {
		query string
		f     chronicle.EventFilter
	}{
		{"", chronicle.EventFilter{}},
		{"actor=Vladimir+Putin", chronicle.EventFilter{Actor: "Vladimir Putin"}},
		{"pair=Donald+Trump,Vladimir+Putin", chronicle.EventFilter{Pair: []string{"Donald Trump", "Vladimir Putin"}}},
		{"code=04", chronicle.EventFilter{Code: "04"}},
		{"plover=consult", chronicle.EventFilter{Plover: "CONSULT"}},
		{"modality=negated,hedged", chronicle.EventFilter{Modality: []string{"negated", "hedged"}}},
		{"from=2025-06-01&to=2025-06-30", chronicle.EventFilter{From: "2025-06-01", To: "2025-06-30"}},
		{"place=Moscow", chronicle.EventFilter{Place: "Moscow"}},
		{"article=art-2", chronicle.EventFilter{Article: "art-2"}},
		{"min_confidence=0.5", chronicle.EventFilter{MinConfidence: 0.5}},
	}
	for _, tt := range tests {
		want, err := st.Events(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var l page[chronicle.Event]
		getJSON(t, ts, "/api/v1/events?limit=1000&"+tt.query, &l)
		if len(l.Items) != len(want) {
			t.Errorf("events?%s: %d events, the store has %d", tt.query, len(l.Items), len(want))
			continue
		}
		for i, v := range l.Items {
			if v.Article != want[i].Article || v.ID != want[i].ID {
				t.Errorf("events?%s: item %d is %s:%s, want %s:%s", tt.query, i, v.Article, v.ID, want[i].Article, want[i].ID)
				break
			}
		}
	}
	// The fixture's v1 events carry their sentence (the first ten code points of the text).
	var l page[chronicle.Event]
	getJSON(t, ts, "/api/v1/events?article=art-1", &l)
	if len(l.Items) != 2 || l.Items[1].ID != "v1" || l.Items[1].Sentence.Text != "Russian Pr" {
		t.Errorf("events of art-1: %+v", l.Items)
	}
}

// TestAPIPagination follows the next links of a list with one row per page: every row comes
// once, in the order of the whole list.
func TestAPIPagination(t *testing.T) {
	ts, _ := testServer(t)
	for _, path := range []string{"/api/v1/events", "/api/v1/quotes", "/api/v1/entities", "/api/v1/articles", "/api/v1/search?q=Putin"} {
		var all page[json.RawMessage]
		getJSON(t, ts, path+sep(path)+"limit=1000", &all)
		var got []json.RawMessage
		next := path + sep(path) + "limit=2"
		for n := 0; next != ""; n++ {
			if n > len(all.Items)+1 {
				t.Fatalf("%s: the next links do not end", path)
			}
			var p page[json.RawMessage]
			getJSON(t, ts, next, &p)
			if p.Limit != 2 || len(p.Items) > 2 || (p.Next != "" && len(p.Items) != 2) {
				t.Fatalf("%s: page %+v", next, p)
			}
			got = append(got, p.Items...)
			next = p.Next
		}
		if len(got) != len(all.Items) {
			t.Fatalf("%s: paging gave %d rows, the whole list has %d", path, len(got), len(all.Items))
		}
		for i := range got {
			if string(got[i]) != string(all.Items[i]) {
				t.Errorf("%s: row %d differs when paging", path, i)
				break
			}
		}
		if len(all.Items) == 0 {
			t.Errorf("%s: empty list", path)
		}
	}
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}

func TestAPIEvent(t *testing.T) {
	ts, _ := testServer(t)
	var d struct {
		chronicle.Event
		Title    string            `json:"title"`
		Mentions []chronicle.Event `json:"mentions"`
	}
	getJSON(t, ts, "/api/v1/events/art-2:v1", &d)
	if d.Article != "art-2" || d.ID != "v1" || d.Code != "041" || d.Title != "Putin and Trump talk (2)" || d.Sentence.Text != "Russian Pr" ||
		d.Source.Name != "Vladimir Putin" || d.Mentions == nil {
		t.Errorf("event art-2:v1 = %+v", d)
	}
}

func TestAPIEntity(t *testing.T) {
	ts, _ := testServer(t)
	var d struct {
		chronicle.EntityDetail
		Quotes    []chronicle.QuoteRow `json:"quotes"`
		Events    []chronicle.Event    `json:"events"`
		AllQuotes string               `json:"all_quotes"`
		AllEvents string               `json:"all_events"`
	}
	getJSON(t, ts, "/api/v1/entities/Yuri%20Ushakov", &d)
	if d.Name != "Yuri Ushakov" || d.Type != "PER" || d.Articles < 3 || len(d.Roles) == 0 || len(d.Quotes) < 3 || d.AllQuotes == "" {
		t.Errorf("Ushakov: %+v", d)
	}
	getJSON(t, ts, "/api/v1/entities/Q7747", &d)
	if d.Name != "Vladimir Putin" || len(d.Events) < 3 || len(d.Related) == 0 {
		t.Errorf("Q7747: %+v", d)
	}
	for _, v := range d.Events {
		if v.Sentence.Text == "" {
			t.Errorf("event %s:%s without its sentence", v.Article, v.ID)
		}
	}
}

func TestAPITimeline(t *testing.T) {
	ts, st := testServer(t)
	var tl struct {
		Pair   []string               `json:"pair"`
		Unit   string                 `json:"unit"`
		Total  int                    `json:"total"`
		Counts []chronicle.EventCount `json:"counts"`
		Events string                 `json:"events"`
	}
	getJSON(t, ts, "/api/v1/timeline?pair=Donald+Trump,Vladimir+Putin&by=month", &tl)
	want, err := st.EventCounts(context.Background(), chronicle.EventFilter{Pair: []string{"Donald Trump", "Vladimir Putin"}}, chronicle.Month)
	if err != nil {
		t.Fatal(err)
	}
	if tl.Unit != "month" || !slices.Equal(tl.Counts, want) || tl.Total < 3 || !strings.HasPrefix(tl.Events, "/api/v1/events?") {
		t.Errorf("timeline = %+v, want counts %v", tl, want)
	}
	pairMentions := tl.Total
	// The events link lists the events counted.
	var l page[chronicle.Event]
	getJSON(t, ts, tl.Events+"&limit=1000", &l)
	if len(l.Items) != tl.Total {
		t.Errorf("the timeline counts %d events, its events link lists %d", tl.Total, len(l.Items))
	}
	getJSON(t, ts, "/api/v1/timeline?actor=Vladimir+Putin", &tl)
	if tl.Unit != "week" || tl.Total == 0 {
		t.Errorf("auto unit over May to July: %+v", tl)
	}
	// count=events counts each real-world event once: as many as the asserted clusters its
	// clusters link lists, fewer than the mentions.
	var ev struct {
		Counted  string `json:"counted"`
		Total    int    `json:"total"`
		Clusters string `json:"clusters"`
	}
	getJSON(t, ts, "/api/v1/timeline?pair=Donald+Trump,Vladimir+Putin&by=month&count=events", &ev)
	var cl page[chronicle.Cluster]
	getJSON(t, ts, ev.Clusters+"&modality=asserted&limit=1000", &cl)
	if ev.Counted != "events" || ev.Total == 0 || ev.Total != len(cl.Items) || ev.Total >= pairMentions {
		t.Errorf("count=events: %+v; %d asserted clusters; %d mentions", ev, len(cl.Items), pairMentions)
	}
	if res, _ := get(t, ts, "/api/v1/timeline?pair=Donald+Trump,Vladimir+Putin&count=articles"); res.StatusCode != 400 {
		t.Errorf("count=articles: %s, want 400", res.Status)
	}
}

func TestAPISearch(t *testing.T) {
	ts, st := testServer(t)
	// A word of each example article finds that article, with its title and a snippet.
	for _, id := range exampleIDs {
		a, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		word := longestWord(a.Text)
		var l page[chronicle.SearchHit]
		getJSON(t, ts, "/api/v1/search?limit=100&q="+url.QueryEscape(word), &l)
		found := false
		for _, h := range l.Items {
			if h.Article == id {
				found = true
				if h.Title != a.Title || !strings.Contains(h.Snippet, "[") {
					t.Errorf("hit %+v for %q", h, word)
				}
			}
		}
		if !found {
			t.Errorf("search %q: article %s not among %d hits", word, id, len(l.Items))
		}
	}
}

// longestWord returns the longest run of ASCII letters in s.
func longestWord(s string) string {
	best := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

func TestCSV(t *testing.T) {
	ts, st := testServer(t)
	for _, tt := range []struct {
		path   string
		header string
		rows   int
	}{
		{"/api/v1/events?format=csv", "article,event,date", -1},
		{"/api/v1/events?pair=Donald+Trump,Vladimir+Putin&format=csv", "article,event,date", 3},
		{"/api/v1/quotes?speaker=Ushakov&format=csv", "article,quote,date", 3},
		{"/api/v1/entities?type=PER&format=csv", "name,type,actor", -1},
		{"/api/v1/timeline?actor=Putin&by=day&format=csv", "period,plover,count", -1},
		{"/api/v1/search?q=Ushakov&format=csv", "article,title,date", 3},
	} {
		res, body := get(t, ts, tt.path)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(res.Header.Get("Content-Disposition"), ".csv") {
			t.Errorf("GET %s: %s %q", tt.path, res.Status, res.Header.Get("Content-Type"))
			continue
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(recs) == 0 || !strings.HasPrefix(strings.Join(recs[0], ","), tt.header) {
			t.Errorf("GET %s: %v, header %v", tt.path, err, recs)
			continue
		}
		if tt.rows >= 0 && len(recs)-1 < tt.rows {
			t.Errorf("GET %s: %d rows, want at least %d", tt.path, len(recs)-1, tt.rows)
		}
	}
	// Every event, not a page of them, and cells a spreadsheet would run are defused.
	_, body := get(t, ts, "/api/v1/events?format=csv")
	all, _ := st.Events(context.Background(), chronicle.EventFilter{})
	recs, _ := csv.NewReader(strings.NewReader(body)).ReadAll()
	if len(recs)-1 != len(all) {
		t.Errorf("CSV has %d events, the store %d", len(recs)-1, len(all))
	}
	res, _ := get(t, ts, "/api/v1/events?limit=1")
	if res.Header.Get("Content-Type") == "text/csv" {
		t.Error("JSON by default")
	}
}

// TestPages loads every page and checks what a reader sees.
func TestPages(t *testing.T) {
	ts, _ := testServer(t)
	tests := []struct {
		path string
		want []string
	}{
		{"/", []string{"Who did and said what to whom", "Latest articles", "Putin and Trump talk (1)", "Vladimir Putin"}},
		{"/search?q=Ushakov", []string{"<mark>Ushakov</mark>", "Putin and Trump talk", "We will achieve our goals"}},
		{"/search", []string{"Search"}},
		{"/articles/art-1", []string{"Putin and Trump talk (1)", `class="hl entity per"`, `class="hl timex"`, `class="hl quote direct"`,
			`class="hl event asserted"`, `data-tip="CAMEO 041 CONSULT · asserted · Vladimir Putin (RUSGOV) → Donald Trump (USAGOV) · 2025-07-03"`,
			`id="d-e1"`, "President of Russia", "2025-07-03"}},
		{"/entities", []string{"Vladimir Putin", "Yuri Ushakov"}},
		{"/entities?type=LOC", []string{"Russia"}},
		{"/entities/Vladimir%20Putin", []string{"Vladimir Putin", "President of Russia", "Roles over time", "Appears with", "Donald Trump", "pair timeline", "Timeline of Vladimir Putin"}},
		{"/entities/Yuri%20Ushakov", []string{"We will achieve our goals", "Reuters"}},
		{"/timeline", []string{"Give an actor"}},
		{"/timeline?pair=Donald+Trump,Vladimir+Putin", []string{"<svg", "CONSULT", "Russian Pr", "Putin and Trump talk", "Each real-world event counted once", "Events between Donald Trump and Vladimir Putin per "}},
		{"/timeline?actor=RUS&by=month", []string{"<svg", "May 2025", "ACCUSE", "CONSULT"}},
		{"/quotes?speaker=Ushakov", []string{"Quotes of Ushakov", "We will achieve our goals", "via Reuters"}},
		{"/events?plover=CONSULT", []string{"CONSULT", "Vladimir Putin (RUSGOV)"}},
		{"/static/style.css", []string{".hl.entity"}},
	}
	for _, tt := range tests {
		res, body := get(t, ts, tt.path)
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %s", tt.path, res.Status)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q in the page", tt.path, w)
			}
		}
		if !strings.HasSuffix(tt.path, ".css") && res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", tt.path)
		}
	}
	for _, path := range exampleIDs {
		res, _ := get(t, ts, "/articles/"+url.PathEscape(path))
		if res.StatusCode != 200 {
			t.Errorf("example article %s: %s", path, res.Status)
		}
	}
	for _, path := range []string{"/articles/nope", "/entities/Nobody", "/no/such/page"} {
		res, body := get(t, ts, path)
		if res.StatusCode != 404 || !strings.Contains(body, "Not found") || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %s, want a 404 page", path, res.Status)
		}
	}
	// An automatic unit is shown as the unit it chose, never as "auto".
	if _, body := get(t, ts, "/timeline?pair=Donald+Trump,Vladimir+Putin"); strings.Contains(body, "per auto") || strings.Contains(body, "than a auto") ||
		!regexp.MustCompile(`Counts per (day|week|month|year) as a table`).MatchString(body) {
		t.Errorf("GET /timeline with the automatic unit: the page does not name the unit it chose")
	}
	res, body := get(t, ts, "/events?from=soon")
	if res.StatusCode != 400 || !strings.Contains(body, "YYYY-MM-DD") {
		t.Errorf("GET /events?from=soon: %s", res.Status)
	}
}

// TestHostileArticle checks that markup in an article, its title and its extractions is shown
// as text, never as markup.
func TestHostileArticle(t *testing.T) {
	ts, _ := testServer(t)
	for _, path := range []string{"/articles/" + hostileID, "/", "/search?q=Breaking", "/quotes?speaker=Mallory", "/events?article=" + hostileID,
		"/entities/" + url.PathEscape(`Mallory <b>"the hacker"</b>`)} {
		res, body := get(t, ts, path)
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %s", path, res.Status)
			continue
		}
		for _, bad := range []string{"<script>window", "<img src=x", "<b>said", "</span></a> will", "<i>win", "<b>Wire", `"><script>`} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: the page holds %q unescaped", path, bad)
			}
		}
	}
	_, body := get(t, ts, "/articles/"+hostileID)
	for _, want := range []string{"&lt;script&gt;window.__pwned = 1;", "&lt;img src=x onerror=", "said&lt;/b&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("the article page does not show %q as text", want)
		}
	}
}

// TestAPIClusters checks the clustered events against the mentions the store holds.
func TestAPIClusters(t *testing.T) {
	ts, st := testServer(t)
	var l page[chronicle.Cluster]
	getJSON(t, ts, "/api/v1/clusters?limit=1000", &l)
	if len(l.Items) == 0 {
		t.Fatal("no clusters")
	}
	for _, c := range l.Items {
		var d struct {
			chronicle.Cluster
			Events []chronicle.Event `json:"events"`
		}
		getJSON(t, ts, "/api/v1/clusters/"+url.PathEscape(c.ID), &d)
		want, err := st.Events(context.Background(), chronicle.EventFilter{Cluster: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != c.ID || len(d.Events) != len(want) || len(d.Events) != c.Mentions {
			t.Errorf("cluster %s: %d events, the store holds %d, the cluster says %d mentions", c.ID, len(d.Events), len(want), c.Mentions)
		}
	}
	res, _ := get(t, ts, "/api/v1/clusters/no-such-cluster")
	if res.StatusCode != 404 {
		t.Errorf("missing cluster: %s", res.Status)
	}
	// The pair of the fixtures is clustered: its timeline page lists clusters with their mentions.
	_, body := get(t, ts, "/timeline?pair=Donald+Trump,Vladimir+Putin")
	if !strings.Contains(body, `class="cluster"`) || !strings.Contains(body, "independent source") {
		t.Errorf("the timeline page shows no clusters")
	}
}

func TestAPIClaims(t *testing.T) {
	ts, _ := testServer(t)
	var l page[chronicle.Claim]
	getJSON(t, ts, "/api/v1/claims?limit=1000", &l)
	for _, c := range l.Items {
		switch c.Status {
		case chronicle.Consistent, chronicle.Inconsistent, chronicle.Unverifiable:
		default:
			t.Errorf("claim %s/%s not checked: %+v", c.Article, c.ID, c)
		}
	}
	for _, path := range []string{"/api/v1/claims?status=consistent", "/api/v1/claims?format=csv", "/claims", "/claims?status=inconsistent"} {
		if res, _ := get(t, ts, path); res.StatusCode != 200 {
			t.Errorf("GET %s: %s", path, res.Status)
		}
	}
	if res, _ := get(t, ts, "/api/v1/claims?status=maybe"); res.StatusCode != 400 {
		t.Errorf("bad status: %s", res.Status)
	}
}
