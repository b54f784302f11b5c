package cluster_test

import (
	"bufio"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"chronicle"
	"chronicle/clean"
	"chronicle/cluster"
	"chronicle/read"
	"chronicle/sqlite"
	"chronicle/text"
	"chronicle/timex"
)

// corpus reads examples/timeline as processed articles: the text as ingest cleans it, time
// expressions from the timex tagger, and the hand-annotated event mentions of
// testdata/timeline-mentions.tsv (what a perfect events extractor finds). Article ids are the
// file names.
func corpus(t testing.TB) []*chronicle.Article {
	t.Helper()
	dir := filepath.Join("..", "examples", "timeline")
	byID := map[string]*chronicle.Article{}
	var out []*chronicle.Article
	for a, err := range read.All([]string{dir}, read.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		a.ID = strings.TrimSuffix(filepath.Base(a.Source), ".txt")
		a.Key = a.ID
		a.Text, _ = clean.Clean(a.Text)
		day, _ := time.Parse(chronicle.DateLayout, a.Date)
		a.Offsets = chronicle.Bytes
		a.Timexes = timex.Tag(text.Segment(a.Text), day)
		a.Entities = []chronicle.Entity{
			{ID: "e1", Type: chronicle.PER, Name: "Donald Trump", Actor: "USAGOV", KB: "Q22686", Mentions: [][2]int{}},
			{ID: "e2", Type: chronicle.PER, Name: "Xi Jinping", Actor: "CHNGOV", KB: "Q15031", Mentions: [][2]int{}},
		}
		a.Quotes, a.Events = []chronicle.Quote{}, []chronicle.Event{}
		a.ToCodePoints()
		byID[a.ID] = a
		out = append(out, a)
	}
	f, err := os.Open(filepath.Join("testdata", "timeline-mentions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	arg := func(name string) chronicle.EventArg {
		if name == "Donald Trump" {
			return chronicle.EventArg{Entity: "e1", Actor: "USAGOV", Text: "Trump"}
		}
		return chronicle.EventArg{Entity: "e2", Actor: "CHNGOV", Text: "Xi"}
	}
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") || strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		a := byID[c[0]]
		if a == nil || len(c) != 8 {
			t.Fatalf("bad mention line %q", sc.Text())
		}
		a.Events = append(a.Events, chronicle.Event{ID: c[1], Code: c[2], Root: c[2][:2], Modality: c[3],
			Source: arg(c[4]), Target: arg(c[5]), Date: c[6], DateFrom: c[7], Confidence: 1, Why: "gold"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func open(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ingest stores the articles in batches of n, running cluster.Update after each batch as
// `chronicle ingest` does.
func ingest(t testing.TB, st chronicle.Store, as []*chronicle.Article, n int) {
	t.Helper()
	ctx := context.Background()
	for lo := 0; lo < len(as); lo += n {
		batch := as[lo:min(len(as), lo+n)]
		if _, err := st.PutArticles(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if err := cluster.Update(ctx, st, batch); err != nil {
			t.Fatal(err)
		}
	}
}

// state is everything cross-article the store holds, as comparable text.
func state(t testing.TB, st chronicle.Store) string {
	t.Helper()
	ctx := context.Background()
	cs, err := st.Timeline(ctx, chronicle.TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	evs, err := st.Events(ctx, chronicle.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range cs {
		j, _ := json.Marshal(c)
		b.Write(j)
		b.WriteByte('\n')
	}
	var lines []string
	for _, v := range evs {
		lines = append(lines, v.Article+"/"+v.ID+" "+v.Cluster)
	}
	sort.Strings(lines)
	b.WriteString(strings.Join(lines, "\n"))
	ks, _ := st.Sketches(ctx, chronicle.SketchFilter{})
	lines = lines[:0]
	for _, k := range ks {
		lines = append(lines, k.Article+" < "+k.Original)
	}
	sort.Strings(lines)
	b.WriteString("\n" + strings.Join(lines, "\n"))
	return b.String()
}

// TestTimelineCorpus checks that every real event of examples/timeline comes out exactly once,
// with its independent sources, that no hedged, future, hypothetical or negated event counts
// as having happened, and that the count claims are checked right.
func TestTimelineCorpus(t *testing.T) {
	ctx := context.Background()
	as := corpus(t)
	st := open(t)
	ingest(t, st, as, 3)

	type want struct {
		date, code string
		articles   []string
		sources    int
		realized   string // date of the asserted event a prospective one announced
	}
	asserted := []want{
		{"2025-02-20", "041", []string{"2025-02-20-trump-xi-first-call", "2025-02-21-daily-ledger-xi-call-copy", "2025-02-21-pacific-herald-call-analysis", "2025-04-15-white-house-announces-call"}, 3, ""},
		{"2025-04-17", "041", []string{"2025-04-17-trump-xi-second-call", "2025-04-18-metro-news-second-call-copy", "2025-06-05-trump-xi-third-call"}, 2, ""},
		{"2025-06-05", "041", []string{"2025-06-05-trump-xi-third-call", "2025-06-06-pacific-herald-call-reaction"}, 2, ""},
		{"2025-06-09", "041", []string{"2025-06-09-trump-xi-fourth-call", "2025-10-27-trump-xi-expected-to-meet", "2025-10-31-pacific-herald-summit"}, 3, ""},
		{"2025-10-30", "044", []string{"2025-10-30-trump-xi-meet-busan", "2025-10-31-daily-ledger-summit-copy", "2025-10-31-pacific-herald-summit"}, 2, ""},
		{"2025-10-30", "057", []string{"2025-10-30-trump-xi-meet-busan", "2025-10-31-daily-ledger-summit-copy", "2025-10-31-pacific-herald-summit"}, 2, ""},
	}
	got, err := st.Timeline(ctx, chronicle.TimelineFilter{Pair: []string{"Trump", "Xi Jinping"}, Modality: []string{chronicle.Asserted}})
	if err != nil {
		t.Fatal(err)
	}
	byDate := map[string]string{}
	if len(got) != len(asserted) {
		t.Errorf("%d asserted events, want %d", len(got), len(asserted))
	}
	for i, w := range asserted {
		if i >= len(got) {
			break
		}
		g := got[i]
		byDate[g.ID] = g.Date
		if g.Date != w.date || g.Code != w.code || !slices.Equal(g.Articles, w.articles) || g.Sources != w.sources {
			t.Errorf("event %d: got %s %s %v sources %d\nwant %s %s %v sources %d", i, g.Date, g.Code, g.Articles, g.Sources, w.date, w.code, w.articles, w.sources)
		}
	}
	// Prospective and negated events: their own clusters, never counted as happened.
	others, err := st.Timeline(ctx, chronicle.TimelineFilter{Pair: []string{"Donald Trump", "Xi Jinping"},
		Modality: []string{chronicle.Future, chronicle.Hedged, chronicle.Hypothetical, chronicle.Negated}})
	if err != nil {
		t.Fatal(err)
	}
	wantOthers := map[string]string{ // date code modality → realized date
		"2025-04 042 hedged":       "",
		"2025-W16 041 future":      "2025-04-17",
		"2025-06-06 041 future":    "2025-06-09",
		"2025-W33 041 negated":     "",
		"2025-10-30 044 future":    "2025-10-30",
		"2026-04 042 hypothetical": "",
	}
	if len(others) != len(wantOthers) {
		t.Errorf("%d non-asserted events, want %d", len(others), len(wantOthers))
	}
	for _, o := range others {
		k := o.Date + " " + o.Code + " " + o.Modality
		r, ok := wantOthers[k]
		if !ok {
			t.Errorf("unexpected non-asserted event %s (%v)", k, o.Articles)
			continue
		}
		if byDate[o.Realized] != r {
			t.Errorf("%s: realized by %q (%s), want %q", k, o.Realized, byDate[o.Realized], r)
		}
	}
	// Every event mention carries its cluster.
	evs, _ := st.Events(ctx, chronicle.EventFilter{})
	for _, v := range evs {
		if v.Cluster == "" {
			t.Errorf("mention %s/%s has no cluster", v.Article, v.ID)
		}
	}

	// Count claims.
	claims, err := st.Claims(ctx, chronicle.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantClaims := map[string]string{
		"2025-02-20-trump-xi-first-call 1 call":         chronicle.Consistent,
		"2025-02-21-daily-ledger-xi-call-copy 1 call":   chronicle.Consistent,
		"2025-04-17-trump-xi-second-call 2 call":        chronicle.Consistent,
		"2025-04-18-metro-news-second-call-copy 2 call": chronicle.Consistent,
		"2025-06-05-trump-xi-third-call 3 call":         chronicle.Consistent,
		"2025-06-09-trump-xi-fourth-call 4 call":        chronicle.Consistent,
		"2025-10-27-trump-xi-expected-to-meet 1 meet":   chronicle.Unverifiable,
		"2025-10-30-trump-xi-meet-busan 1 meet":         chronicle.Consistent,
		"2025-10-31-daily-ledger-summit-copy 1 meet":    chronicle.Consistent,
		"2025-10-31-pacific-herald-summit 3 call":       chronicle.Inconsistent,
	}
	seen := map[string]bool{}
	for i := range claims {
		c := &claims[i]
		if err := cluster.Check(ctx, st, c); err != nil {
			t.Fatal(err)
		}
		k := c.Article + " " + itoa(c.Count) + " " + c.Act
		seen[k] = true
		w, ok := wantClaims[k]
		switch {
		case !ok:
			t.Errorf("unexpected claim %s: %q", k, c.Text)
		case c.Status != w:
			t.Errorf("claim %s (%q): %s (%s), want %s", k, c.Text, c.Status, c.Note, w)
		}
		if c.Status == chronicle.Inconsistent && c.Known != 4 {
			t.Errorf("claim %s: known %d, want 4 (%v)", k, c.Known, c.Events)
		}
	}
	for k := range wantClaims {
		if !seen[k] {
			t.Errorf("claim %s not found", k)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestIngestOrder checks that the cross-article state does not depend on the order and the
// batching of ingest, and that a rebuild from scratch reaches the same state.
func TestIngestOrder(t *testing.T) {
	as := corpus(t)
	ref := open(t)
	ingest(t, ref, as, len(as))
	want := state(t, ref)
	r := rand.New(rand.NewPCG(7, 7))
	for trial := range 4 {
		perm := corpus(t)
		switch trial {
		case 0:
			slices.Reverse(perm)
		default:
			r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		}
		st := open(t)
		ingest(t, st, perm, 1+trial)
		if got := state(t, st); got != want {
			t.Errorf("order %d gives another state:\n%s\nwant\n%s", trial, got, want)
		}
		if err := cluster.Rebuild(context.Background(), st, 5); err != nil {
			t.Fatal(err)
		}
		if got := state(t, st); got != want {
			t.Errorf("rebuild after order %d gives another state:\n%s\nwant\n%s", trial, got, want)
		}
	}
}
