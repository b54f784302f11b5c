package actors_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"chronicle"
	"chronicle/actors"
	"chronicle/internal/reuters"
	"chronicle/ner"
	"chronicle/text"
)

// readExample reads ../shared/examples/NAME: a "date YYYY-MM-DD" header, then the text.
func readExample(t testing.TB, name string) (string, time.Time) {
	b, err := os.ReadFile("../../shared/examples/" + name)
	if err != nil {
		t.Skipf("../shared/examples absent (%v): skipping the end-to-end test", err)
	}
	s := strings.TrimLeft(string(b), " \t\r\n")
	if !strings.HasPrefix(s, "date ") || len(s) < 15 {
		t.Fatalf("%s: no date header", name)
	}
	date, err := time.Parse("2006-01-02", s[5:15])
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimLeft(s[15:], " \t\r\n"), date
}

// TestRunningExample runs the real tagger and the resolver on the running example: the four
// people of DESIGN.md with their roles and actor codes.
func TestRunningExample(t *testing.T) {
	body, date := readExample(t, "2025-07-03-putin-trump-call.txt")
	rec, err := ner.Default()
	if err != nil {
		t.Skipf("the ner model does not load (%v): its own tests report that", err)
	}
	kb, err := actors.Default()
	if err != nil {
		t.Fatal(err)
	}
	d := text.Segment(body)
	rec.Tag(d)
	ents := kb.Entities(d, date)
	byName := map[string]chronicle.Entity{}
	for _, e := range ents {
		t.Logf("%s %s %q name=%q role=%q actor=%s kb=%s country=%s mentions=%d", e.ID, e.Type, e.Text, e.Name, e.Role, e.Actor, e.KB, e.Country, len(e.Mentions))
		if _, dup := byName[e.Name]; dup && e.Type == chronicle.PER {
			t.Errorf("two entities named %q", e.Name)
		}
		byName[e.Name] = e
	}
	people := []struct{ name, role, actor, kb string }{
		{"Vladimir Putin", "President of Russia", "RUSGOV", "Q7747"},
		{"Donald Trump", "President of the United States", "USAGOV", "Q22686"},
		{"Yuri Ushakov", "aide to Putin", "RUSGOV", ""},
		{"Volodymyr Zelenskyy", "President of Ukraine", "UKRGOV", "Q3874799"},
	}
	for _, p := range people {
		e, ok := byName[p.name]
		if !ok {
			t.Errorf("no entity %q", p.name)
			continue
		}
		if e.Type != chronicle.PER || e.Role != p.role || e.Actor != p.actor || e.KB != p.kb {
			t.Errorf("%s: got type %s role %q actor %s kb %s; want PER %q %s %s", p.name, e.Type, e.Role, e.Actor, e.KB, p.role, p.actor, p.kb)
		}
	}
	if n := len(byName["Vladimir Putin"].Mentions); n < 5 {
		t.Errorf("Putin has %d mentions, want every one of them", n)
	}
	for _, org := range []string{"Reuters", "Bloomberg"} {
		if e, ok := byName[org]; !ok || e.Type != chronicle.ORG {
			t.Errorf("%s: %+v, want an ORG entity", org, e)
		}
	}
	for _, loc := range []string{"Russia", "Ukraine", "Iran", "Israel"} {
		if e, ok := byName[loc]; !ok || e.Type != chronicle.LOC || e.Actor == "" {
			t.Errorf("%s: %+v, want a LOC entity with an actor code", loc, e)
		}
	}
}

// BenchmarkEntities measures resolution alone on tagged Reuters-21578 bodies (tagging is
// set-up).
func BenchmarkEntities(b *testing.B) {
	dir := reuters.Dir()
	if dir == "" {
		b.Skip("../shared/data/reuters21578 absent")
	}
	stories, err := reuters.Load(dir, 300)
	if err != nil {
		b.Fatal(err)
	}
	rec, err := ner.Default()
	if err != nil {
		b.Logf("ner model does not load (%v): marking capitalised words as mentions instead", err)
		rec = nil
	}
	kb, err := actors.Default()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		d    *text.Doc
		date time.Time
	}
	var docs []doc
	words, tokens := 0, 0
	for _, s := range stories {
		d := text.Segment(s.Body)
		if rec != nil {
			rec.Tag(d)
		} else {
			markCapitalised(d)
		}
		date, _ := time.Parse("2006-01-02", s.Date)
		docs = append(docs, doc{d, date})
		words += len(strings.Fields(s.Body))
		tokens += len(d.Tokens)
	}
	kb.Place("Moscow") // load the places outside the loop
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, x := range docs {
			kb.Entities(x.d, x.date)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(words)/sec, "words/s")
	b.ReportMetric(sec*1e9/float64(tokens), "ns/token")
}

// BenchmarkDefault measures decoding the embedded KB (the first Default call of a process),
// without and with the places file (read on the first place lookup).
func BenchmarkDefault(b *testing.B) {
	for _, places := range []bool{false, true} {
		name := "actors"
		if places {
			name = "actors+places"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := actors.DecodeForBenchmark(places); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// markCapitalised marks runs of capitalised words as mentions (PER, or LOC for a known place): a
// stand-in for the tagger in the benchmark.
func markCapitalised(d *text.Doc) {
	for i := 0; i < len(d.Tokens); i++ {
		w := d.Tok(i)
		if d.Tokens[i].Kind != text.Word || w[0] < 'A' || w[0] > 'Z' {
			continue
		}
		j := i + 1
		for j < len(d.Tokens) && d.Tokens[j].Kind == text.Word && d.Tok(j)[0] >= 'A' && d.Tok(j)[0] <= 'Z' {
			j++
		}
		typ := chronicle.PER
		if j-i == 1 {
			typ = chronicle.LOC
		}
		d.Mentions = append(d.Mentions, text.Mention{First: i, Last: j, Type: typ})
		i = j - 1
	}
}
