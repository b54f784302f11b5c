package web

import (
	"html"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"chronicle"
	"chronicle/storetest"
)

var tagRE = regexp.MustCompile(`<[^>]*>`)

// plain strips the tags of highlighted HTML and unescapes it: the text a reader sees.
func plain(h string) string { return html.UnescapeString(tagRE.ReplaceAllString(h, "")) }

// balanced reports whether the <span> and <a> elements of h nest properly.
func balanced(h string) bool {
	var stack []string
	for _, tag := range tagRE.FindAllString(h, -1) {
		name := strings.Fields(strings.Trim(tag, "</>"))[0]
		if strings.HasPrefix(tag, "</") {
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return false
			}
			stack = stack[:len(stack)-1]
		} else {
			stack = append(stack, name)
		}
	}
	return len(stack) == 0
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		marks []Mark
		want  string
	}{
		{"none", "a < b & c", nil, "a &lt; b &amp; c"},
		{"one", "Putin spoke", []Mark{{Start: 0, End: 5, Kind: "entity", ID: "e1", Tip: "PER"}},
			`<span tabindex="0" class="hl entity" data-id="e1" data-tip="PER" aria-describedby="d-e1">Putin</span> spoke`},
		{"link and escaping", `<b>"x"</b>`, []Mark{{Start: 3, End: 6, Kind: "entity", ID: "e1", Tip: `<i>`, Href: "/entities/x?type=PER&a=1"}},
			`&lt;b&gt;<a href="/entities/x?type=PER&amp;a=1" class="hl entity" data-id="e1" data-tip="&lt;i&gt;" aria-describedby="d-e1">&#34;x&#34;</a>&lt;/b&gt;`},
		{"nested", "said Putin today", []Mark{{Start: 0, End: 16, Kind: "quote", ID: "q1"}, {Start: 5, End: 10, Kind: "entity", ID: "e1"}},
			`<span class="hl quote" data-id="q1" data-tip="" aria-describedby="d-q1">said <span tabindex="0" class="hl entity" data-id="e1" data-tip="" aria-describedby="d-e1">Putin</span> today</span>`},
		{"crossing is split", "abcdef", []Mark{{Start: 0, End: 4, Kind: "quote", ID: "q1"}, {Start: 2, End: 6, Kind: "entity", ID: "e1"}},
			`<span class="hl quote" data-id="q1" data-tip="" aria-describedby="d-q1">ab<span tabindex="0" class="hl entity" data-id="e1" data-tip="" aria-describedby="d-e1">cd</span></span>` +
				`<span class="hl entity" data-id="e1" data-tip="" aria-describedby="d-e1">ef</span>`},
		{"out of range and empty dropped", "abc", []Mark{{Start: 2, End: 9, Kind: "entity"}, {Start: 1, End: 1, Kind: "timex"}, {Start: -1, End: 2, Kind: "timex"}}, "abc"},
		{"links do not nest", "told", []Mark{{Start: 0, End: 4, Kind: "event", ID: "v1", Href: "#d-v1"}, {Start: 0, End: 4, Kind: "event", ID: "v2", Href: "#d-v2"}},
			`<a href="#d-v1" class="hl event" data-id="v1" data-tip="" aria-describedby="d-v1"><span tabindex="0" class="hl event" data-id="v2" data-tip="" aria-describedby="d-v2">told</span></a>`},
		{"code points", "Zürich ok", []Mark{{Start: 0, End: 6, Kind: "timex", ID: "t1"}},
			`<span tabindex="0" class="hl timex" data-id="t1" data-tip="" aria-describedby="d-t1">Zürich</span> ok`},
	}
	for _, tt := range tests {
		got := string(Highlight(tt.text, tt.marks))
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
		if plain(got) != tt.text || !balanced(got) {
			t.Errorf("%s: text %q or nesting lost in %s", tt.name, plain(got), got)
		}
	}
}

func TestMarks(t *testing.T) {
	a := storetest.Article(1, "2025-07-03")
	h := string(Highlight(a.Text, Marks(a)))
	if plain(h) != a.Text || !balanced(h) {
		t.Fatalf("highlighted article loses its text or nesting:\n%s", h)
	}
	for _, want := range []string{
		`href="/entities/Vladimir%20Putin?type=PER" class="hl entity per" data-id="e1" data-tip="Vladimir Putin · PER · RUSGOV · President of Russia · Q7747"`,
		`class="hl timex" data-id="t1" data-tip="DATE 2025-07-03"`,
		`class="hl quote direct" data-id="q1" data-tip="direct quote · Yuri Ushakov · via Reuters"`,
		`class="hl event asserted" data-id="v1"`,
		`class="hl cue"`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("no %s in\n%s", want, h)
		}
	}
	// Only the first piece of a mark is in the tab order.
	if n := strings.Count(h, `data-id="e1"`); n != 2 || strings.Count(h, `tabindex="-1" class="hl entity per" data-id="e1"`) != 1 {
		t.Errorf("e1 marks: %d, second one not out of the tab order:\n%s", n, h)
	}
}

// FuzzHighlight checks that any marks over any text give properly nested HTML that shows the
// text unchanged.
func FuzzHighlight(f *testing.F) {
	f.Add("Putin told Trump <script>", 0, 5, 3, 12, 10, 20)
	f.Add("ab", 0, 2, 0, 2, 1, 2)
	f.Add("ünï\x00cødé", 1, 3, 2, 6, 0, 7)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2, s3, e3 int) {
		if !utf8.ValidString(text) {
			return // stored article texts are valid UTF-8
		}
		marks := []Mark{{Start: s1, End: e1, Kind: "quote", ID: "q1"}, {Start: s2, End: e2, Kind: "entity", ID: "e1", Href: "/x"}, {Start: s3, End: e2, Kind: "speaker", ID: "q1", Href: "/y"},
			{Start: s3, End: e3, Kind: "event", ID: "v1"}, {Start: s1, End: e2, Kind: "timex", ID: "t1"}}
		h := string(Highlight(text, marks))
		if strings.Contains(h, "<a") && strings.Count(h, "<a ") > 0 {
			depth := 0
			for _, tag := range tagRE.FindAllString(h, -1) {
				switch {
				case strings.HasPrefix(tag, "<a "):
					depth++
				case tag == "</a>":
					depth--
				}
				if depth > 1 {
					t.Fatalf("nested links: %s", h)
				}
			}
		}
		if !balanced(h) {
			t.Fatalf("unbalanced: %s", h)
		}
		// html/template's escaper writes NUL as U+FFFD, as browsers read it.
		if got := plain(h); got != strings.ReplaceAll(text, "\x00", "\uFFFD") {
			t.Fatalf("text changed: %q → %q", text, got)
		}
	})
}

func TestSnippet(t *testing.T) {
	for in, want := range map[string]string{
		"the [Kremlin] said [x":  "the <mark>Kremlin</mark> said [x",
		"<b>[a&b]</b>":           "&lt;b&gt;<mark>a&amp;b</mark>&lt;/b&gt;",
		"no marks":               "no marks",
		"]odd[ [one] two] [end]": "]odd<mark> [one</mark> two] <mark>end</mark>",
	} {
		if got := string(Snippet(in)); got != want {
			t.Errorf("Snippet(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSeries(t *testing.T) {
	counts := []chronicle.EventCount{
		{Period: "", Plover: "ACCUSE", Count: 2},
		{Period: "2025-05-01", Plover: "CONSULT", Count: 1},
		{Period: "2025-07-01", Plover: "CONSULT", Count: 3},
		{Period: "2025-07-01", Plover: "", Count: 1},
		{Period: "2025-07-01", Plover: "BOGUS", Count: 1},
	}
	s := NewSeries(counts, chronicle.Month)
	if len(s.Periods) != 3 || s.Periods[1] != "2025-06-01" || s.Total != 8 || s.Coarse != 2 {
		t.Fatalf("series %+v", s)
	}
	used := s.Used()
	if len(used) != 3 || used[0].Name != "CONSULT" || used[0].Count != 4 || used[1].Name != "ACCUSE" || used[2].Name != "OTHER" || used[2].Count != 2 {
		t.Errorf("used %+v", used)
	}
	rows := s.Rows()
	if len(rows) != 2 || rows[0].Label != "Jul 2025" || rows[0].Total != 5 {
		t.Errorf("rows %+v", rows)
	}
	svg := string(s.SVG(`Events <of> "x"`))
	for _, want := range []string{`role="img"`, `<title id="chart-title">Events &lt;of&gt; &#34;x&#34;</title>`, "<title>Jul 2025: CONSULT 3</title>", "May 2025"} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in %s", want, svg)
		}
	}
	if NewSeries(nil, chronicle.Day).SVG("x") != "" {
		t.Error("an empty series draws nothing")
	}
	if len(NewSeries([]chronicle.EventCount{{Period: "1900-01-01", Count: 1}, {Period: "2025-01-01", Count: 1}}, chronicle.Day).Periods) != maxPeriods {
		t.Error("periods not bounded")
	}
	for _, tt := range []struct{ first, last, want string }{
		{"2025-01-01", "2025-02-15", "day"}, {"2025-01-01", "2025-12-31", "week"}, {"2020-01-01", "2025-12-31", "month"}, {"1990-01-01", "2025-12-31", "year"},
	} {
		if got := AutoUnit(tt.first, tt.last); got != tt.want {
			t.Errorf("AutoUnit(%s, %s) = %s, want %s", tt.first, tt.last, got, tt.want)
		}
	}
}

// TestClusterCounts checks that real-world events are counted once each, in the period of
// their days, and in period "" when their days span periods or are not calendar days.
func TestClusterCounts(t *testing.T) {
	c := func(start, end, plover string) chronicle.Cluster {
		return chronicle.Cluster{DateStart: start, DateEnd: end, Plover: plover, Mentions: 9}
	}
	cs := []chronicle.Cluster{
		c("2025-07-03", "2025-07-03", "CONSULT"), // Thursday
		c("2025-06-30", "2025-06-30", "CONSULT"), // the Monday of the same week
		c("2025-07-06", "2025-07-06", "CONSULT"), // its Sunday
		c("2025-07-07", "2025-07-07", "CONSULT"), // the next Monday
		c("2025-07-01", "2025-07-31", "AID"),     // "in July"
		c("2025", "2025", "ACCUSE"),              // not calendar days
	}
	ec := func(period, plover string, n int) chronicle.EventCount {
		return chronicle.EventCount{Period: period, Plover: plover, Count: n}
	}
	tests := []struct {
		unit string
		want []chronicle.EventCount
	}{
		{chronicle.Week, []chronicle.EventCount{ec("", "ACCUSE", 1), ec("", "AID", 1), ec("2025-06-30", "CONSULT", 3), ec("2025-07-07", "CONSULT", 1)}},
		{chronicle.Month, []chronicle.EventCount{ec("", "ACCUSE", 1), ec("2025-06-01", "CONSULT", 1), ec("2025-07-01", "AID", 1), ec("2025-07-01", "CONSULT", 3)}},
		{chronicle.Day, []chronicle.EventCount{ec("", "ACCUSE", 1), ec("", "AID", 1), ec("2025-06-30", "CONSULT", 1), ec("2025-07-03", "CONSULT", 1),
			ec("2025-07-06", "CONSULT", 1), ec("2025-07-07", "CONSULT", 1)}},
		{chronicle.Year, []chronicle.EventCount{ec("", "ACCUSE", 1), ec("2025-01-01", "AID", 1), ec("2025-01-01", "CONSULT", 4)}},
	}
	for _, tt := range tests {
		if got := ClusterCounts(cs, tt.unit); !slices.Equal(got, tt.want) {
			t.Errorf("ClusterCounts(%s) = %v, want %v", tt.unit, got, tt.want)
		}
	}
}

// TestPloverColors checks that the style sheet colours badges and swatches like the chart.
func TestPloverColors(t *testing.T) {
	css, err := fs.ReadFile(Static(), "style.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Plover {
		rule := `.badge[data-plover="` + c.Name + `"]`
		i := strings.Index(string(css), rule)
		if i < 0 {
			t.Errorf("no %s in style.css", rule)
			continue
		}
		line := string(css[i:])
		line = line[:strings.IndexByte(line, '\n')]
		if !strings.Contains(line, c.Color) {
			t.Errorf("%s: style.css says %s, the chart %s", c.Name, line, c.Color)
		}
	}
}

func TestTemplatesParse(t *testing.T) {
	if _, err := Parse(); err != nil {
		t.Fatal(err)
	}
}
