package events_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronicle"
	"chronicle/pipeline"
	"chronicle/read"
)

// TestExamplesGolden runs the whole pipeline over the example articles (examples/ and the
// running example in ../shared/examples when present) and compares their events with
// testdata/examples.golden: one line per event, read and reviewed as code. Other stages'
// changes show here too (entities, dates, quotes feed the events).
func TestExamplesGolden(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "examples", "*.txt"))
	paths = append(paths, filepath.Join("..", "examples", "wire.jsonl"))
	running := filepath.Join("..", "..", "shared", "examples", "2025-07-03-putin-trump-call.txt")
	if _, err := os.Stat(running); err == nil {
		paths = append(paths, running)
	} else {
		t.Logf("running example not found at %s (the shared data sits beside the repository in CI); its lines are kept", running)
	}
	p, err := pipeline.Default(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for a, err := range read.All(paths, read.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		p.Process(a)
		name := filepath.Base(a.Source)
		if i := strings.LastIndexByte(name, ':'); i > 0 {
			name = name[:i]
		}
		if strings.HasSuffix(name, ".jsonl") {
			name += ":" + a.ID
		}
		for _, e := range a.Events {
			lines = append(lines, name+" "+eventLine(a, e))
		}
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "examples.golden")
	if updating() {
		if _, err := os.Stat(running); err != nil {
			t.Fatal("-update needs the running example (../shared/examples)")
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(running); err != nil {
		// Without the running example compare only the repository's own examples.
		var kept []string
		for _, l := range strings.SplitAfter(string(want), "\n") {
			if l != "" && !strings.HasPrefix(l, filepath.Base(running)) {
				kept = append(kept, l)
			}
		}
		want = []byte(strings.Join(kept, ""))
	}
	if got != string(want) {
		t.Errorf("events of the examples changed (go test ./events -run TestExamplesGolden -update after reading the diff):\n%s", diffLines(string(want), got))
	}
}

// eventLine prints an event in one line: id, code, PLOVER, modality, the actors (with their
// entity's name), date and its source, trigger, place, quote and confidence.
func eventLine(a *chronicle.Article, e chronicle.Event) string {
	name := func(arg chronicle.EventArg) string {
		for _, x := range a.Entities {
			if x.ID == arg.Entity && arg.Entity != "" {
				return arg.Actor + "(" + x.Name + ")"
			}
		}
		return arg.Actor + "(" + arg.Text + ")"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s %s %s -> %s %s/%s %q", e.ID, e.Code, orDash(e.Plover), e.Modality, name(e.Source), name(e.Target), e.Date, e.DateFrom, e.Trigger.Text)
	if e.Place != nil {
		fmt.Fprintf(&b, " @%s", e.Place.Name)
	}
	if e.QuoteID != "" {
		fmt.Fprintf(&b, " %s", e.QuoteID)
	}
	fmt.Fprintf(&b, " %.2f", e.Confidence)
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// diffLines lists the lines only in want (-) and only in got (+).
func diffLines(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

// updating reports the -update flag (defined by the package's internal tests).
func updating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	v, _ := g.Get().(bool)
	return v
}
