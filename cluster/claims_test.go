package cluster

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"chronicle"
	"chronicle/text"
	"chronicle/timex"
)

// article builds an article dated date with the given text, timexes from the tagger and two
// leaders as entities (code points: the texts are ASCII).
func article(date, txt string) *chronicle.Article {
	day, _ := time.Parse(chronicle.DateLayout, date)
	a := &chronicle.Article{ID: "x", Date: date, Text: txt, Offsets: chronicle.CodePoints}
	a.Timexes = timex.Tag(text.Segment(txt), day)
	for _, p := range []struct{ name, actor string }{{"Vladimir Putin", "RUSGOV"}, {"Donald Trump", "USAGOV"}} {
		e := chronicle.Entity{ID: "e" + p.actor[:1], Type: chronicle.PER, Name: p.name, Actor: p.actor}
		last := p.name[strings.LastIndexByte(p.name, ' ')+1:]
		for i := 0; ; {
			j := strings.Index(txt[i:], last)
			if j < 0 {
				break
			}
			e.Mentions = append(e.Mentions, [2]int{i + j, i + j + len(last)})
			i += j + len(last)
		}
		a.Entities = append(a.Entities, e)
	}
	return a
}

func TestClaims(t *testing.T) {
	tests := []struct {
		date, text string
		want       string // count kind act from actors, or "" for no claim
	}{
		{"2025-07-03", "Putin and Trump spoke on Thursday. This was the two leaders' sixth publicly known conversation since Trump's inauguration in January.",
			"6 ordinal call 2025-01-01 Donald Trump,Vladimir Putin"},
		{"2025-02-12", "It was the first publicly known conversation between Trump and Putin since Trump took office in January.",
			"1 ordinal call 2025-01-01 Donald Trump,Vladimir Putin"},
		{"2025-06-05", "Trump spoke to Putin. It was the leaders' third phone call this year.",
			"3 ordinal call 2025-01-01 Donald Trump,Vladimir Putin"},
		{"2025-10-31", "Before the summit, Putin and Trump had spoken by phone three times this year.",
			"3 cardinal call 2025-01-01 Donald Trump,Vladimir Putin"},
		{"2025-08-15", "Putin met Trump in Alaska, their first in-person meeting since 2021.",
			"1 ordinal meet 2021-01-01 Donald Trump,Vladimir Putin"},
		{"2025-08-15", "Trump and Putin have met twice since June.",
			"2 cardinal meet 2025-06-01 Donald Trump,Vladimir Putin"},
		{"2025-05-20", "Trump said Putin held 4th round of talks since March with envoys.",
			"4 ordinal consult 2025-03-01 Donald Trump,Vladimir Putin"},
		{"2025-07-03", "Putin called Trump for the first time.", ""},
		{"2025-07-03", "The first call was made by Putin.", ""},
		{"2025-07-03", "Trump won a second term and Putin said the two would talk.", ""},
		{"2025-07-03", "Four days later, Putin spoke to Trump again since nothing changed.", ""},
	}
	for _, tt := range tests {
		cs := Claims(article(tt.date, tt.text))
		got := ""
		if len(cs) > 0 {
			c := cs[0]
			got = strings.Join([]string{itoa(c.Count), c.Kind, c.Act, c.From, strings.Join(c.Actors, ",")}, " ")
			if c.Span.Text == "" || c.To != tt.date || c.ID != "k1" {
				t.Errorf("%q: claim %+v", tt.text, c)
			}
		}
		if got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestCounts(t *testing.T) {
	c := &chronicle.Claim{Act: "call", From: "2025-01-01", To: "2025-07-03"}
	for _, tt := range []struct {
		e    chronicle.Cluster
		want bool
	}{
		{chronicle.Cluster{Code: "041", Root: "04", Modality: "asserted", DateStart: "2025-02-12", DateEnd: "2025-02-12"}, true},
		{chronicle.Cluster{Code: "041", Root: "04", Modality: "future", DateStart: "2025-02-12", DateEnd: "2025-02-12"}, false},
		{chronicle.Cluster{Code: "042", Root: "04", Modality: "asserted", DateStart: "2025-02-12", DateEnd: "2025-02-12"}, false},
		{chronicle.Cluster{Code: "041", Root: "04", Modality: "asserted", DateStart: "2024-12-31", DateEnd: "2024-12-31"}, false},
		{chronicle.Cluster{Code: "041", Root: "04", Modality: "asserted", DateStart: "2025-07-04", DateEnd: "2025-07-04"}, false},
	} {
		if got := Counts(c, &tt.e); got != tt.want {
			t.Errorf("Counts(%+v) = %v", tt.e, got)
		}
	}
}

// FuzzClaims: no panic; spans inside the text, on rune boundaries, matching their text.
func FuzzClaims(f *testing.F) {
	f.Add("2025-07-03", "This was the two leaders' sixth publicly known conversation since Trump's inauguration in January.")
	f.Add("2025-10-31", "Before the summit, Putin and Trump had spoken by phone three times this year.")
	f.Add("2025-07-03", "Их шестой разговор с января: Putin’s 2nd call since “June”.")
	f.Fuzz(func(t *testing.T, date, txt string) {
		if !utf8.ValidString(txt) {
			return
		}
		a := article("2025-07-03", txt)
		a.Date = date
		for _, c := range Claims(a) {
			r := []rune(txt)
			if c.Span.Start < 0 || c.Span.End > len(r) || c.Span.Start > c.Span.End {
				t.Fatalf("span %d:%d outside %d runes", c.Span.Start, c.Span.End, len(r))
			}
			if string(r[c.Span.Start:c.Span.End]) != c.Span.Text {
				t.Fatalf("span text %q != %q", c.Span.Text, string(r[c.Span.Start:c.Span.End]))
			}
			if c.Count <= 0 {
				t.Fatalf("count %d", c.Count)
			}
		}
	})
}
