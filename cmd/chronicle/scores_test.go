package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot returns the directory holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// sharedData returns ../shared/data beside the repository, or skips the test when absent.
func sharedData(t testing.TB) string {
	t.Helper()
	d := filepath.Join(repoRoot(t), "..", "shared", "data")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("skipping: %s not found (the shared data sits beside the repository in CI)", d)
	}
	return d
}

// TestScores runs every evaluation listed in testdata/eval/scores.txt and compares its summary
// line with the one recorded there: a change that moves a score shows up as a diff.
func TestScores(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping evaluations in -short mode")
	}
	data := sharedData(t)
	golden := filepath.Join(repoRoot(t), "testdata", "eval", "scores.txt")
	raw, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			out.WriteString(line + "\n")
			continue
		}
		cmdline, want, _ := strings.Cut(line, "\t")
		args := strings.Fields(strings.ReplaceAll(cmdline, "$DATA", data))
		var stdout, stderr bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr}
		if err := m.Run(context.Background(), args); err != nil {
			t.Errorf("chronicle %s: %v\n%s", cmdline, err, stderr.String())
			out.WriteString(line + "\n")
			continue
		}
		got := lastLine(stdout.String())
		if got != want && !*update {
			t.Errorf("chronicle %s\n got %s\nwant %s\n(run go test ./cmd/chronicle -run TestScores -update after reading the change)", cmdline, got, want)
		}
		out.WriteString(cmdline + "\t" + got + "\n")
	}
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
