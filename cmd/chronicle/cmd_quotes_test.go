package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronicle/eval"
)

// TestAnnotateBrat runs annotate --task quotes --format brat on a small file and checks that
// the .ann file is valid brat for the text.
func TestAnnotateBrat(t *testing.T) {
	dir := t.TempDir()
	txt := "Zoë Smith: “We Will Win”\n\n“We will win,” Zoë Smith said on Tuesday. Prices will rise, the minister told reporters.\n"
	in := filepath.Join(dir, "2025-07-03-story.txt")
	if err := os.WriteFile(in, []byte(txt), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr}
	if err := m.Run(context.Background(), []string{"annotate", "--task", "quotes", "--format", "brat", "--out", out, in}); err != nil {
		t.Fatalf("annotate: %v\n%s", err, stderr.String())
	}
	b, err := eval.ReadBratFile(filepath.Join(out, "2025-07-03-story.ann"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := b.Check(txt); errs != nil {
		t.Errorf("invalid spans: %v", errs)
	}
	as := b.Attributions()
	if len(as) < 2 {
		t.Fatalf("%d attributions, want at least 2:\n%+v", len(as), b)
	}
	var texts []string
	for _, s := range b.Spans {
		texts = append(texts, s.Type+":"+s.Text)
	}
	for _, want := range []string{"Content:“We will win,”", "Source:Zoë Smith", "Cue:told", "Content:Prices will rise"} {
		if !strings.Contains(strings.Join(texts, "|"), want) {
			t.Errorf("no span %q in %q", want, texts)
		}
	}
}

func TestAnnotateBratUsage(t *testing.T) {
	var stderr bytes.Buffer
	m := &Main{Stdout: &bytes.Buffer{}, Stderr: &stderr}
	err := m.Run(context.Background(), []string{"annotate", "--task", "quotes", "--format", "brat", "x.txt"})
	if _, ok := err.(*usageError); !ok {
		t.Errorf("without --out: %v, want a usage error", err)
	}
}

// TestEvalPolNeARPred checks that scoring written predictions gives the same summary as
// annotating on the fly.
func TestEvalPolNeARPred(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode")
	}
	data := sharedData(t)
	dev := filepath.Join(data, "polnear", "dev")
	run := func(args ...string) string {
		var stdout, stderr bytes.Buffer
		m := &Main{Stdout: &stdout, Stderr: &stderr}
		if err := m.Run(context.Background(), args); err != nil {
			t.Fatalf("chronicle %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return lastLine(stdout.String())
	}
	texts, _ := filepath.Glob(filepath.Join(dev, "text", "*.txt"))
	out := t.TempDir()
	run(append([]string{"annotate", "--task", "quotes", "--format", "brat", "--out", out}, texts...)...)
	direct := run("eval", "polnear", dev)
	pred := run("eval", "polnear", "--pred", out, dev)
	if direct != pred {
		t.Errorf("eval polnear:\n%s\neval polnear --pred:\n%s", direct, pred)
	}
	if !strings.Contains(pred, "invalid=0") {
		t.Errorf("invalid spans written: %s", pred)
	}
}
