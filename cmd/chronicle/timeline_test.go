package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"chronicle"
	"chronicle/clean"
	"chronicle/cluster"
	"chronicle/pipeline"
	"chronicle/read"
	"chronicle/sqlite"
	"chronicle/text"
	"chronicle/timex"
)

// goldTimelineDB stores examples/timeline with the hand-annotated event mentions of
// cluster/testdata/timeline-mentions.tsv (what a perfect events extractor finds), clustered as
// ingest does, and returns the database path.
func goldTimelineDB(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	db := filepath.Join(t.TempDir(), "gold.db")
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	byID := map[string]*chronicle.Article{}
	var as []*chronicle.Article
	for a, err := range read.All([]string{filepath.Join(root, "examples", "timeline")}, read.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		a.ID = strings.TrimSuffix(filepath.Base(a.Source), ".txt")
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
		as = append(as, a)
	}
	f, err := os.Open(filepath.Join(root, "cluster", "testdata", "timeline-mentions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if strings.HasPrefix(sc.Text(), "#") || len(c) != 8 || byID[c[0]] == nil {
			continue
		}
		arg := func(name string) chronicle.EventArg {
			if name == "Donald Trump" {
				return chronicle.EventArg{Entity: "e1", Actor: "USAGOV", Text: "Trump"}
			}
			return chronicle.EventArg{Entity: "e2", Actor: "CHNGOV", Text: "Xi"}
		}
		a := byID[c[0]]
		a.Events = append(a.Events, chronicle.Event{ID: c[1], Code: c[2], Root: c[2][:2], Plover: "CONSULT", Modality: c[3],
			Source: arg(c[4]), Target: arg(c[5]), Date: c[6], DateFrom: c[7], Confidence: 1, Why: "gold"})
	}
	ctx := context.Background()
	if _, err := st.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	if err := cluster.Update(ctx, st, as); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestTimelineCommand(t *testing.T) {
	db := goldTimelineDB(t)
	out, _, err := run(t, "", "timeline", "--db", db, "--pair", "Trump,Xi Jinping", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var evs []map[string]any
	if err := json.Unmarshal([]byte(out), &evs); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	var dates []string
	for _, e := range evs {
		for _, k := range []string{"id", "code", "root", "plover", "date", "modality", "source", "target", "mentions", "articles"} {
			if _, ok := e[k]; !ok {
				t.Errorf("event without %q: %v", k, e)
			}
		}
		if e["modality"] != "asserted" {
			t.Errorf("default timeline shows a %v event", e["modality"])
		}
		dates = append(dates, e["date"].(string)+" "+e["code"].(string))
	}
	if got := strings.Join(dates, ", "); got != "2025-02-20 041, 2025-04-17 041, 2025-06-05 041, 2025-06-09 041, 2025-10-30 044, 2025-10-30 057" {
		t.Errorf("timeline: %s", got)
	}
	if arts, _ := evs[0]["articles"].([]any); len(arts) != 4 || evs[0]["sources"].(float64) != 3 {
		t.Errorf("first call: articles %v, sources %v", evs[0]["articles"], evs[0]["sources"])
	}

	for _, tt := range []struct {
		args []string
		want []string // substrings of the output
		not  []string
	}{
		{[]string{"--actor", "Xi Jinping", "--code", "04"}, []string{"2025-02-20", "2025-10-30  044"}, []string{"057"}},
		{[]string{"--pair", "Trump,Xi", "--all"}, []string{"hedged", "negated", "hypothetical", "future (happened: c"}, nil},
		{[]string{"--pair", "Trump,Xi", "--from", "2025-06-01", "--to", "2025-06-30"}, []string{"2025-06-05", "2025-06-09"}, []string{"2025-02-20", "2025-10-30"}},
		{[]string{"--pair", "Trump,Xi", "--by", "month"}, []string{"2025-06  2       5", "2025-10  2       6"}, nil},
		{[]string{"--pair", "Trump,Xi", "--by", "week", "--format", "csv"}, []string{"week,events,mentions,articles,ids", "2025-W08,1,"}, nil},
		{[]string{"--pair", "Trump,Xi", "--format", "csv"}, []string{"date,code,plover,modality,source,target,mentions,articles,sources,event,", "2025-04-17,041,CONSULT,asserted,"}, nil},
	} {
		out, _, err := run(t, "", append([]string{"timeline", "--db", db}, tt.args...)...)
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("timeline %v: no %q in\n%s", tt.args, w, out)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(out, w) {
				t.Errorf("timeline %v: unexpected %q in\n%s", tt.args, w, out)
			}
		}
	}
	out, _, _ = run(t, "", "timeline", "--db", db, "--pair", "Trump,Xi", "--by", "day", "--format", "json")
	var counts []struct {
		Period string
		Events int
	}
	if err := json.Unmarshal([]byte(out), &counts); err != nil || len(counts) != 5 || counts[4].Period != "2025-10-30" || counts[4].Events != 2 {
		t.Errorf("--by day: %v %s", err, out)
	}
	for _, args := range [][]string{{"timeline", "--db", db}, {"timeline", "--db", db, "--actor", "Xi", "--by", "year"}, {"timeline", "--db", db, "--pair", "Xi"}} {
		if _, _, err := run(t, "", args...); err == nil {
			t.Errorf("%v: no usage error", args)
		} else if _, ok := err.(*usageError); !ok {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	// Every stored mention names its cluster.
	out, _, _ = run(t, "", "events", "--db", db, "--format", "json")
	var rows []chronicle.Event
	json.Unmarshal([]byte(out), &rows)
	for _, r := range rows {
		if r.Cluster == "" {
			t.Errorf("event %s/%s has no cluster", r.Article, r.ID)
		}
	}
}

func TestClaimsCommand(t *testing.T) {
	db := goldTimelineDB(t)
	out, _, err := run(t, "", "claims", "--db", db, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []map[string]any
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	status := map[string]int{}
	for _, c := range cs {
		for _, k := range []string{"text", "article", "count", "status", "events"} {
			if _, ok := c[k]; !ok {
				t.Errorf("claim without %q: %v", k, c)
			}
		}
		status[c["status"].(string)]++
		if c["status"] == "inconsistent" && (c["count"].(float64) != 3 || len(c["events"].([]any)) != 4) {
			t.Errorf("inconsistent claim %v", c)
		}
	}
	if status["consistent"] != 8 || status["inconsistent"] != 1 || status["unverifiable"] != 1 {
		t.Errorf("statuses %v", status)
	}
	out, _, err = run(t, "", "claims", "--db", db, "--status", "inconsistent")
	if err != nil || !strings.Contains(out, "the two presidents had spoken") || strings.Count(out, "\n") != 2 {
		t.Errorf("claims --status inconsistent: %v\n%s", err, out)
	}
	if _, _, err := run(t, "", "claims", "--db", db, "--status", "maybe"); err == nil {
		t.Error("bad --status: no error")
	}
}

// TestRecluster checks that a rebuild from scratch keeps the timeline.
func TestRecluster(t *testing.T) {
	db := goldTimelineDB(t)
	before, _, _ := run(t, "", "timeline", "--db", db, "--pair", "Trump,Xi", "--all", "--format", "json")
	out, _, err := run(t, "", "recluster", "--db", db)
	if err != nil || !strings.Contains(out, "12 events") {
		t.Fatalf("recluster: %v %s", err, out)
	}
	after, _, _ := run(t, "", "timeline", "--db", db, "--pair", "Trump,Xi", "--all", "--format", "json")
	if before != after {
		t.Errorf("timeline changed by recluster:\n%s\n%s", before, after)
	}
}

// TestTimelineEndToEnd ingests examples/timeline with the real pipeline and checks the
// timeline: the five calls and meetings, each exactly once, and nothing hedged, future or
// negated counted as having happened; and the inconsistent count claim. It needs the events
// extractor in the pipeline. The clustering itself is checked on hand-annotated mentions
// (TestTimelineCommand, cluster.TestTimelineCorpus); what this test finds wrong comes from
// extraction.
func TestTimelineEndToEnd(t *testing.T) {
	p, err := pipeline.Default(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Versions()["events"]; !ok {
		t.Skip("skipping: the events extractor is not wired into the pipeline yet")
	}
	db := filepath.Join(t.TempDir(), "e2e.db")
	if _, _, err := run(t, "", "ingest", "--quiet", "--db", db, filepath.Join(repoRoot(t), "examples", "timeline")); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "", "timeline", "--db", db, "--pair", "Trump,Xi", "--code", "04", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var evs []chronicle.Cluster
	if err := json.Unmarshal([]byte(out), &evs); err != nil {
		t.Fatal(err)
	}
	var problems []string
	want := map[string]string{"2025-02-20": "041", "2025-04-17": "041", "2025-06-05": "041", "2025-06-09": "041", "2025-10-30": "044"}
	got := map[string]bool{}
	for _, e := range evs {
		if got[e.Date] {
			problems = append(problems, "event of "+e.Date+" split into several clusters")
		}
		got[e.Date] = true
		if _, ok := want[e.Date]; !ok {
			problems = append(problems, "unexpected asserted event "+e.Date+" "+e.Code+" (articles "+strings.Join(e.Articles, " ")+")")
		} else if e.Sources < 2 {
			problems = append(problems, "event "+e.Date+" has "+strconv.Itoa(e.Sources)+" independent source(s), want at least 2")
		}
	}
	for d, code := range want {
		if !got[d] {
			problems = append(problems, "event "+d+" ("+code+") missing from the timeline")
		}
	}
	out, _, _ = run(t, "", "claims", "--db", db, "--status", "inconsistent", "--format", "json")
	if !strings.Contains(out, "three times this year") {
		problems = append(problems, "the inconsistent claim was not found")
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		t.Errorf("extraction over examples/timeline:\n%s", strings.Join(problems, "\n"))
	}
}
