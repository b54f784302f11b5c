package cluster

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"testing"

	"chronicle"
)

// m builds a mention: "art@2025-07-04 v1 041 asserted Putin>Trump 2025-07-03 timex".
func m(spec string) chronicle.Mention {
	f := strings.Fields(spec)
	art, day, _ := strings.Cut(f[0], "@")
	src, tgt, _ := strings.Cut(f[4], ">")
	v := chronicle.Mention{ArticleDate: day}
	v.Article, v.ID, v.Code, v.Modality = art, f[1], f[2], f[3]
	if len(v.Code) >= 2 {
		v.Root = v.Code[:2]
	}
	v.Source = chronicle.EventArg{Name: src, Actor: strings.ToUpper(src[:2])}
	v.Target = chronicle.EventArg{Name: tgt, Actor: strings.ToUpper(tgt[:2])}
	v.Date, v.DateFrom = f[5], f[6]
	return v
}

// partition returns the clusters as sorted groups of "article/id", one line per cluster.
func partition(ms []chronicle.Mention) string {
	groups := map[string][]string{}
	for _, v := range ms {
		groups[v.Cluster] = append(groups[v.Cluster], v.Article+"/"+v.ID)
	}
	var lines []string
	for c, g := range groups {
		sort.Strings(g)
		if c == "" {
			lines = append(lines, "none: "+strings.Join(g, " "))
			continue
		}
		lines = append(lines, strings.Join(g, " "))
	}
	sort.Strings(lines)
	return strings.Join(lines, " | ")
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name     string
		mentions []string
		want     string
	}{
		{"one call, many articles, either direction",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-07-04 v1 041 asserted Trump>Putin 2025-07-03 timex",
				"c@2025-07-04 v2 041 asserted Putin>Trump 2025-07-03T10:00 timex"},
			"a/v1 b/v1 c/v2"},
		{"same actors another day: never merged",
			[]string{"a@2025-06-05 v1 041 asserted Trump>Xi 2025-06-05 timex", "b@2025-06-09 v1 041 asserted Trump>Xi 2025-06-09 timex"},
			"a/v1 | b/v1"},
		{"another act the same day: never merged",
			[]string{"a@2025-10-30 v1 044 asserted Trump>Xi 2025-10-30 timex", "b@2025-10-30 v1 041 asserted Trump>Xi 2025-10-30 timex",
				"c@2025-10-30 v1 057 asserted Trump>Xi 2025-10-30 timex"},
			"a/v1 | b/v1 | c/v1"},
		{"visit and host are one meeting",
			[]string{"a@2025-08-15 v1 042 asserted Putin>Trump 2025-08-15 timex", "b@2025-08-15 v1 043 asserted Trump>Putin 2025-08-15 timex"},
			"a/v1 b/v1"},
		{"040 joins the call of its day",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-07-03 v1 040 asserted Trump>Putin 2025-07-03 timex"},
			"a/v1 b/v1"},
		{"directed roots keep direction",
			[]string{"a@2025-07-03 v1 112 asserted Russia>Ukraine 2025-07-03 timex", "b@2025-07-03 v1 112 asserted Ukraine>Russia 2025-07-03 timex"},
			"a/v1 | b/v1"},
		{"other actors the same day: never merged",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-07-03 v1 041 asserted Lavrov>Rubio 2025-07-03 timex"},
			"a/v1 | b/v1"},
		{"month joins the day it covers",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-08-01 v1 041 asserted Putin>Trump 2025-07 timex"},
			"a/v1 b/v1"},
		{"month with two calls: the latest before the article",
			[]string{"a@2025-06-05 v1 041 asserted Trump>Xi 2025-06-05 timex", "b@2025-06-09 v1 041 asserted Trump>Xi 2025-06-09 timex",
				"c@2025-07-01 v1 041 asserted Trump>Xi 2025-06 timex"},
			"a/v1 | b/v1 c/v1"},
		{"month covering no call is its own event",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-09-01 v1 041 asserted Putin>Trump 2025-08 timex",
				"c@2025-09-02 v1 041 asserted Putin>Trump 2025-08 timex"},
			"a/v1 | b/v1 c/v1"},
		{"article-dated mention joins the call up to three days before",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-07-04 v1 041 asserted Putin>Trump 2025-07-04 article",
				"c@2025-07-09 v1 041 asserted Putin>Trump 2025-07-09 article"},
			"a/v1 b/v1 | c/v1"},
		{"article-dated mentions a day apart are one event",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 article", "b@2025-07-04 v1 041 asserted Putin>Trump 2025-07-04 article"},
			"a/v1 b/v1"},
		{"future, hedged and negated never join what happened",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-07-02 v1 041 future Putin>Trump 2025-07-03 timex",
				"c@2025-07-02 v1 041 hedged Trump>Putin 2025-07-03 timex", "d@2025-07-03 v1 041 negated Putin>Trump 2025-07-03 timex",
				"e@2025-07-03 v2 041 hypothetical Putin>Trump 2025-07-03 timex"},
			"a/v1 | b/v1 c/v1 e/v2 | d/v1"},
		{"no code, no cluster",
			[]string{"a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex", "b@2025-07-03 v1 - asserted Putin>Trump 2025-07-03 timex"},
			"a/v1 | none: b/v1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []chronicle.Mention
			for _, s := range tt.mentions {
				v := m(s)
				if v.Code == "-" {
					v.Code, v.Root = "", ""
				}
				ms = append(ms, v)
			}
			Events(ms)
			if got := partition(ms); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestEventsSummary(t *testing.T) {
	ms := []chronicle.Mention{
		m("a@2025-07-03 v1 041 asserted Putin>Trump 2025-07-03 timex"),
		m("b@2025-07-04 v1 040 asserted Trump>Putin 2025-07-03 timex"),
		m("c@2025-07-04 v1 041 asserted Putin>Trump 2025-07-04 article"),
		m("d@2025-07-01 v1 041 future Trump>Putin 2025-07-03 timex"),
	}
	ms[0].Plover = "CONSULT"
	cs := Events(ms)
	if len(cs) != 2 {
		t.Fatalf("%d clusters: %+v", len(cs), cs)
	}
	c := cs[0]
	if c.Code != "041" || c.Root != "04" || c.Plover != "CONSULT" || c.Date != "2025-07-03" || c.Modality != chronicle.Asserted ||
		c.Mentions != 3 || strings.Join(c.Articles, ",") != "a,b,c" || c.First != "2025-07-03" || c.Last != "2025-07-04" ||
		c.Source.Name != "Putin" || c.Target.Name != "Trump" {
		t.Errorf("asserted cluster %+v", c)
	}
	if f := cs[1]; f.Modality != chronicle.Future || f.Realized != c.ID {
		t.Errorf("future cluster %+v, want realized by %s", f, c.ID)
	}
}

// TestEventsOrder checks that the clustering is a function of the set of mentions.
func TestEventsOrder(t *testing.T) {
	ms := synthetic(3000, 5)
	ref := append([]chronicle.Mention(nil), ms...)
	Events(ref)
	want := assignment(ref)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		perm := append([]chronicle.Mention(nil), ms...)
		r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		Events(perm)
		if got := assignment(perm); got != want {
			t.Fatal("another order gives other clusters")
		}
	}
}

func assignment(ms []chronicle.Mention) string {
	lines := make([]string, len(ms))
	for i, v := range ms {
		lines[i] = v.Article + "/" + v.ID + " " + v.Cluster
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// synthetic makes n event mentions among nActors*10 actors over two years: each real event is
// reported by a few articles with dates of mixed granularity and a few modalities.
func synthetic(n, nActors int) []chronicle.Mention {
	r := rand.New(rand.NewPCG(uint64(n), 9))
	codes := []string{"040", "041", "042", "043", "044", "057", "112", "173", "190"}
	mods := []string{"asserted", "asserted", "asserted", "asserted", "future", "hedged", "negated"}
	out := make([]chronicle.Mention, 0, n)
	for ev := 0; len(out) < n; ev++ {
		a, b := r.IntN(nActors*10), r.IntN(nActors*10)
		code := codes[r.IntN(len(codes))]
		day := 20089 + r.IntN(730) // 2025-01-01 + two years
		reports := 1 + r.IntN(6)
		for k := 0; k < reports && len(out) < n; k++ {
			art := day + r.IntN(3)
			v := chronicle.Mention{ArticleDate: dayString(art)}
			v.Article = fmt.Sprintf("a%d-%d", ev, k)
			v.ID = "v1"
			v.Code, v.Root, v.Modality = code, code[:2], mods[r.IntN(len(mods))]
			v.Source = chronicle.EventArg{Name: fmt.Sprintf("Actor %d", a)}
			v.Target = chronicle.EventArg{Name: fmt.Sprintf("Actor %d", b)}
			switch r.IntN(4) {
			case 0:
				v.Date, v.DateFrom = dayString(art), "article"
			case 1:
				v.Date, v.DateFrom = dayString(day)[:7], "timex"
			default:
				v.Date, v.DateFrom = dayString(day), "timex"
			}
			out = append(out, v)
		}
	}
	return out
}

// BenchmarkEvents clusters 100,000 event mentions (target: < 10 s on the reference machine).
func BenchmarkEvents(b *testing.B) {
	ms := synthetic(100_000, 50)
	b.ReportAllocs()
	var clusters int
	for b.Loop() {
		clusters = len(Events(ms))
	}
	b.ReportMetric(float64(len(ms))*float64(b.N)/b.Elapsed().Seconds(), "mentions/s")
	b.ReportMetric(float64(clusters), "clusters")
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	b.ReportMetric(float64(st.HeapInuse)/float64(len(ms)), "heap-bytes/mention")
}
