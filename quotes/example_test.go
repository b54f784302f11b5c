package quotes_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chronicle"
	"chronicle/actors"
	"chronicle/clean"
	"chronicle/ner"
	"chronicle/quotes"
	"chronicle/text"
)

// runningExample reads ../shared/examples/2025-07-03-putin-trump-call.txt, without its date
// header, cleaned as the pipeline cleans it.
func runningExample(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "examples", "2025-07-03-putin-trump-call.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("skipping: %v (the shared examples sit beside the repository)", err)
	}
	s := strings.TrimSpace(string(raw))
	if strings.HasPrefix(s, "date ") {
		s = strings.TrimSpace(s[len("date 2025-07-03"):])
	}
	s, _ = clean.Clean(s)
	return s
}

// pipeline runs the stages before quotes: segmentation, tagging and names, entities.
func pipeline(t *testing.T, s string, date time.Time) (*text.Doc, []chronicle.Entity) {
	t.Helper()
	d := text.Segment(s)
	rec, err := ner.Default()
	if err != nil {
		t.Skipf("skipping: the NER model does not load: %v", err)
	}
	rec.Tag(d)
	kb, err := actors.Default()
	if err != nil {
		t.Skipf("skipping: the actors KB does not load: %v", err)
	}
	return d, kb.Entities(d, date)
}

// TestRunningExample checks the four quotes DESIGN.md lists for the running example, with
// their speakers resolved to entities, and the reporting chains.
func TestRunningExample(t *testing.T) {
	s := runningExample(t)
	d, es := pipeline(t, s, time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC))
	qs := quotes.Extract(d, es)
	checkQuotes(t, s, qs)
	name := map[string]string{}
	for _, e := range es {
		name[e.ID] = e.Name
	}
	find := func(content string) *chronicle.Quote {
		for i := range qs {
			if strings.Contains(qs[i].Content.Text, content) {
				return &qs[i]
			}
		}
		t.Errorf("no quote with content %q; got:\n%s", content, format("example", qs))
		return nil
	}
	want := []struct {
		content, kind, speaker string
	}{
		{"Our president also said that Russia will achieve the goals", chronicle.Direct, "Ushakov"},
		{`again raised the issue of an early end to military action`, chronicle.Mixed, "Ushakov"},
		{"Please, don't be angry", chronicle.Direct, "Putin"},
		{"Will be speaking to President Putin of Russia at 10:00 a.m. Thank you!", chronicle.Direct, "Trump"},
	}
	for _, w := range want {
		q := find(w.content)
		if q == nil {
			continue
		}
		if q.Kind != w.kind {
			t.Errorf("%q: kind %s, want %s", w.content, q.Kind, w.kind)
		}
		if got := name[q.Speaker.Entity]; !strings.Contains(got, w.speaker) {
			t.Errorf("%q: speaker %q resolves to %q (%s), want %s", w.content, q.Speaker.Text, got, q.Speaker.Entity, w.speaker)
		}
		if len(q.Via) == 0 || q.Via[0] != "Reuters" {
			t.Errorf("%q: via %q, want the article's credit [Reuters …]", w.content, q.Via)
		}
	}
	if q := find("he was open to a negotiated end"); q != nil && !strings.Contains(name[q.Speaker.Entity], "Ushakov") {
		t.Errorf("%q (a Kremlin aide) resolves to %q, want Ushakov", q.Content.Text, name[q.Speaker.Entity])
	}
	if q := find("Trump may also speak to Ukrainian President Volodymyr Zelenskyy on Friday"); q != nil {
		if strings.Join(q.Via, ",") != "Reuters,Bloomberg,sources" {
			t.Errorf("Bloomberg quote: via %q, want [Reuters Bloomberg sources]", q.Via)
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("quotes:\n%s", format("example", qs))
	}
}
