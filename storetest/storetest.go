// Package storetest is the conformance suite every chronicle.Store implementation passes.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"chronicle"
)

// Opener returns a new, empty store for one test.
type Opener func(t *testing.T) chronicle.Store

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open(t)) })
	t.Run("Idempotent", func(t *testing.T) { testIdempotent(t, open(t)) })
	t.Run("IDCollision", func(t *testing.T) { testIDCollision(t, open(t)) })
	t.Run("EventFilters", func(t *testing.T) { testEventFilters(t, open(t)) })
	t.Run("Quotes", func(t *testing.T) { testQuotes(t, open(t)) })
	t.Run("Entities", func(t *testing.T) { testEntities(t, open(t)) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open(t)) })
	t.Run("StaleAndReplace", func(t *testing.T) { testStaleAndReplace(t, open(t)) })
	t.Run("NotFound", func(t *testing.T) { testNotFound(t, open(t)) })
	t.Run("Cluster", func(t *testing.T) { testCluster(t, open(t)) })
	t.Run("Browse", func(t *testing.T) { testBrowse(t, open(t)) })
}

// Article returns a processed article (code-point offsets) about a call between two leaders on
// the given date, with ids derived from n.
func Article(n int, date string) *chronicle.Article {
	text := fmt.Sprintf("Russian President Vladimir Putin told Donald Trump on Thursday that Russia would not back down, Putin’s aide Yuri Ushakov said. “We will achieve our goals,” Ushakov said. Article %d.", n)
	span := func(sub string, from int) chronicle.Span {
		i := strings.Index(text[chronicle.ByteOffset(text, from):], sub)
		if i < 0 {
			panic("no " + sub)
		}
		b := chronicle.ByteOffset(text, from) + i
		s := chronicle.CodePointOffset(text, b)
		return chronicle.Span{Start: s, End: s + len([]rune(sub)), Text: sub}
	}
	putin := span("Vladimir Putin", 0)
	putin2 := span("Putin", putin.End)
	trump := span("Donald Trump", 0)
	ushakov := span("Yuri Ushakov", 0)
	ushakov2 := span("Ushakov", ushakov.End)
	russia := span("Russia", putin.End)
	thursday := span("on Thursday", 0)
	told := span("told", 0)
	content := span("We will achieve our goals,", 0)
	return &chronicle.Article{
		ID: fmt.Sprintf("art-%d", n), Key: fmt.Sprintf("key-%d", n), Source: "test.jsonl:1", URL: "https://example.com/" + fmt.Sprint(n),
		Outlet: "Example", Date: date, DateFrom: "field", Title: fmt.Sprintf("Putin and Trump talk (%d)", n), Text: text,
		Offsets: chronicle.CodePoints, Status: "ok", Versions: map[string]string{"timex": "1", "ner": "1"},
		Entities: []chronicle.Entity{
			{ID: "e1", Span: putin, Type: "PER", Name: "Vladimir Putin", Role: "President of Russia", Actor: "RUSGOV", KB: "Q7747",
				Mentions: [][2]int{{putin.Start, putin.End}, {putin2.Start, putin2.End}}},
			{ID: "e2", Span: trump, Type: "PER", Name: "Donald Trump", Role: "President of the United States", Actor: "USAGOV", KB: "Q22686",
				Mentions: [][2]int{{trump.Start, trump.End}}},
			{ID: "e3", Span: ushakov, Type: "PER", Name: "Yuri Ushakov", Role: "aide to Vladimir Putin", Actor: "RUSGOV",
				Mentions: [][2]int{{ushakov.Start, ushakov.End}, {ushakov2.Start, ushakov2.End}}},
			{ID: "e4", Span: russia, Type: "LOC", Name: "Russia", Actor: "RUS", Country: "RUS", Mentions: [][2]int{{russia.Start, russia.End}}},
		},
		Timexes: []chronicle.Timex{{ID: "t1", Span: thursday, Type: "DATE", Value: date}},
		Quotes: []chronicle.Quote{{ID: "q1", Kind: "direct", Content: content, Cue: span("said", content.End),
			Speaker: chronicle.Speaker{Span: ushakov2, Entity: "e3"}, Via: []string{"Reuters"},
			Parts: []chronicle.Span{span("We will", 0), span("our goals", 0)}}},
		Events: []chronicle.Event{
			{ID: "v1", Code: "041", Root: "04", Plover: "CONSULT", Modality: "asserted",
				Source: chronicle.EventArg{Entity: "e1", Actor: "RUSGOV", Text: "Vladimir Putin"},
				Target: chronicle.EventArg{Entity: "e2", Actor: "USAGOV", Text: "Donald Trump"},
				Date:   date, DateFrom: "timex", TimexID: "t1", Trigger: told, Sentence: chronicle.Span{Start: 0, End: 10},
				Confidence: 0.9, Why: "test"},
			{ID: "v2", Code: "112", Root: "11", Plover: "ACCUSE", Modality: "negated",
				Source: chronicle.EventArg{Entity: "e4", Actor: "RUS", Text: "Russia"},
				Target: chronicle.EventArg{Actor: "---", Text: ""},
				Date:   date[:7], DateFrom: "timex", Place: &chronicle.Place{Name: "Moscow", GeoNames: 524901, Lat: 55.75, Lon: 37.62},
				Trigger: told, Confidence: 0.4, Why: "test"},
		},
		Diagnostics: []chronicle.Diagnostic{},
	}
}

func put(t *testing.T, s chronicle.Store, as ...*chronicle.Article) []chronicle.PutResult {
	t.Helper()
	res, err := s.PutArticles(context.Background(), as)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func asJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}

func testRoundTrip(t *testing.T, s chronicle.Store) {
	defer s.Close()
	a := Article(1, "2025-07-03")
	// Stored events also carry their article and the canonical names of source and target.
	exp := Article(1, "2025-07-03")
	names := map[string]string{}
	for _, e := range exp.Entities {
		names[e.ID] = e.Name
	}
	for i := range exp.Events {
		v := &exp.Events[i]
		v.Article = exp.ID
		v.Source.Name, v.Target.Name = names[v.Source.Entity], names[v.Target.Entity]
	}
	want := asJSON(exp)
	res := put(t, s, a)
	if !res[0].Created || res[0].ID != "art-1" {
		t.Fatalf("PutArticles = %+v", res)
	}
	got, err := s.Article(context.Background(), "art-1")
	if err != nil {
		t.Fatal(err)
	}
	if g := asJSON(got); g != want {
		t.Errorf("round trip differs:\n got %s\nwant %s", g, want)
	}
}

func testIdempotent(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	put(t, s, Article(1, "2025-07-03"), Article(2, "2025-07-04"))
	res := put(t, s, Article(1, "2025-07-03"), Article(3, "2025-07-05"))
	if res[0].Created || !res[1].Created {
		t.Errorf("second put = %+v, want (not created, created)", res)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || st.Events != 6 || st.Quotes != 3 || st.Entities != 12 || st.Timexes != 3 {
		t.Errorf("stats = %+v", st)
	}
	has, err := s.HasKeys(ctx, []string{"key-1", "key-9", "key-3"})
	if err != nil {
		t.Fatal(err)
	}
	if !has["key-1"] || has["key-9"] || !has["key-3"] {
		t.Errorf("HasKeys = %v", has)
	}
}

func testIDCollision(t *testing.T, s chronicle.Store) {
	defer s.Close()
	a, b := Article(1, "2025-07-03"), Article(1, "2025-07-03")
	b.Key = "another-key"
	res := put(t, s, a, b)
	if !res[1].Created || res[1].ID == res[0].ID || !strings.HasPrefix(res[1].ID, "art-1-") {
		t.Errorf("results %+v: the second record needs its own id", res)
	}
}

func testEventFilters(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	put(t, s, Article(1, "2025-07-03"), Article(2, "2025-06-10"), Article(3, "2025-05-01"))
	tests := []struct {
		name string
		f    chronicle.EventFilter
		want int
	}{
		{"all", chronicle.EventFilter{}, 6},
		{"actor name", chronicle.EventFilter{Actor: "vladimir putin"}, 3},
		{"actor text", chronicle.EventFilter{Actor: "Trump"}, 3},
		{"actor code prefix", chronicle.EventFilter{Actor: "RUS"}, 6},
		{"actor kb", chronicle.EventFilter{Actor: "Q22686"}, 3},
		{"actor forms", chronicle.EventFilter{Actor: "Trumpp", ActorForms: []string{"Donald Trump"}}, 3},
		{"actor forms by kb", chronicle.EventFilter{Actor: "Trumpp", ActorForms: []string{"Q22686"}}, 3},
		{"unknown actor", chronicle.EventFilter{Actor: "Trumpp"}, 0},
		{"pair either way", chronicle.EventFilter{Pair: []string{"Donald Trump", "Vladimir Putin"}}, 3},
		{"code prefix", chronicle.EventFilter{Code: "04"}, 3},
		{"plover", chronicle.EventFilter{Plover: "consult"}, 3},
		{"modality", chronicle.EventFilter{Modality: []string{"negated"}}, 3},
		{"from", chronicle.EventFilter{From: "2025-06-01"}, 4},
		{"month granularity overlaps", chronicle.EventFilter{From: "2025-06-20", To: "2025-06-30"}, 1},
		{"to", chronicle.EventFilter{To: "2025-05-31"}, 2},
		{"article", chronicle.EventFilter{Article: "art-2"}, 2},
		{"confidence", chronicle.EventFilter{MinConfidence: 0.5}, 3},
		{"place", chronicle.EventFilter{Place: "moscow"}, 3},
		{"limit", chronicle.EventFilter{Page: chronicle.Page{Limit: 2}}, 2},
		{"offset", chronicle.EventFilter{Page: chronicle.Page{Offset: 5}}, 1},
	}
	for _, tt := range tests {
		evs, err := s.Events(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(evs) != tt.want {
			t.Errorf("%s: got %d events, want %d", tt.name, len(evs), tt.want)
		}
	}
	evs, _ := s.Events(ctx, chronicle.EventFilter{Code: "041"})
	if len(evs) != 3 || evs[0].Article != "art-3" || evs[2].Article != "art-1" {
		t.Fatalf("events not in date order: %+v", evs)
	}
	if evs[0].Source.Name != "Vladimir Putin" || evs[0].Target.Name != "Donald Trump" {
		t.Errorf("source/target names = %q %q", evs[0].Source.Name, evs[0].Target.Name)
	}
}

func testQuotes(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	put(t, s, Article(1, "2025-07-03"), Article(2, "2025-07-04"))
	for _, tt := range []struct {
		f    chronicle.QuoteFilter
		want int
	}{
		{chronicle.QuoteFilter{}, 2},
		{chronicle.QuoteFilter{Speaker: "yuri ushakov"}, 2},
		{chronicle.QuoteFilter{Speaker: "Ushakov"}, 2},
		{chronicle.QuoteFilter{Speaker: "Putin"}, 0},
		{chronicle.QuoteFilter{Speaker: "Uschakow", SpeakerForms: []string{"Yuri Ushakov"}}, 2},
		{chronicle.QuoteFilter{Text: "achieve goals"}, 2},
		{chronicle.QuoteFilter{Text: "nothing-like-this"}, 0},
		{chronicle.QuoteFilter{From: "2025-07-04"}, 1},
	} {
		qs, err := s.Quotes(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != tt.want {
			t.Errorf("%+v: %d quotes, want %d", tt.f, len(qs), tt.want)
		}
	}
	qs, _ := s.Quotes(ctx, chronicle.QuoteFilter{Speaker: "Ushakov"})
	if q := qs[0]; q.SpeakerName != "Yuri Ushakov" || q.Article != "art-1" || q.Via[0] != "Reuters" || q.Actor != "RUSGOV" {
		t.Errorf("quote row %+v", q)
	}
}

func testEntities(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	put(t, s, Article(1, "2025-07-03"), Article(2, "2025-07-04"))
	rows, err := s.Entities(ctx, chronicle.EntityFilter{Type: "PER"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("got %d people: %+v", len(rows), rows)
	}
	for _, r := range rows {
		if r.Name == "Vladimir Putin" && (r.Articles != 2 || r.Mentions != 4 || r.Role != "President of Russia" || r.KB != "Q7747" || r.First != "2025-07-03" || r.Last != "2025-07-04") {
			t.Errorf("Putin row %+v", r)
		}
	}
	rows, _ = s.Entities(ctx, chronicle.EntityFilter{Name: "ushakov"})
	if len(rows) != 1 {
		t.Errorf("name filter: %+v", rows)
	}
}

func testSearch(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	put(t, s, Article(1, "2025-07-03"), Article(2, "2025-07-04"))
	hits, err := s.Search(ctx, chronicle.SearchFilter{Query: "Ushakov"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Title == "" || !strings.Contains(hits[0].Snippet, "[Ushakov]") {
		t.Errorf("hits %+v", hits)
	}
	hits, err = s.Search(ctx, chronicle.SearchFilter{Query: `"back down" AND 2`})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Article != "art-2" {
		t.Errorf("phrase hits %+v", hits)
	}
	for _, q := range []string{`"unbalanced`, `AND`, `(x`, `NEAR(`, `*`} {
		if _, err := s.Search(ctx, chronicle.SearchFilter{Query: q}); err != nil && chronicle.ErrorCode(err) != chronicle.EINVALID {
			t.Errorf("query %q: %v", q, err)
		}
	}
}

func testStaleAndReplace(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	a := Article(1, "2025-07-03")
	put(t, s, a, Article(2, "2025-07-03"))
	stale, err := s.Stale(ctx, map[string]string{"timex": "1", "ner": "1"})
	if err != nil || len(stale) != 0 {
		t.Fatalf("Stale = %v %v", stale, err)
	}
	stale, _ = s.Stale(ctx, map[string]string{"timex": "2", "ner": "1"})
	if len(stale) != 2 {
		t.Fatalf("Stale after a version bump = %v", stale)
	}
	a.Events = a.Events[:1]
	a.Versions = map[string]string{"timex": "2", "ner": "1"}
	if err := s.ReplaceExtractions(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Article(ctx, a.ID)
	if len(got.Events) != 1 || got.Versions["timex"] != "2" || len(got.Entities) != 4 {
		t.Errorf("after replace: %d events, versions %v", len(got.Events), got.Versions)
	}
	stale, _ = s.Stale(ctx, map[string]string{"timex": "2", "ner": "1"})
	if len(stale) != 1 || stale[0] != "art-2" {
		t.Errorf("Stale = %v", stale)
	}
}

func testNotFound(t *testing.T, s chronicle.Store) {
	defer s.Close()
	_, err := s.Article(context.Background(), "nope")
	var e *chronicle.Error
	if !errors.As(err, &e) || e.Code != chronicle.ENOTFOUND {
		t.Errorf("err = %v, want ENOTFOUND", err)
	}
}
