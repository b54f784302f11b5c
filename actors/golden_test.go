package actors

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// readCase reads a golden case: "date:" and "mark: TYPE:phrase" header lines, "---", the text.
func readCase(t *testing.T, path string) (text string, date time.Time, marks []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(b), "\n---\n")
	if !ok {
		t.Fatalf("%s: no --- line", path)
	}
	for _, l := range strings.Split(head, "\n") {
		k, v, _ := strings.Cut(l, ":")
		v = strings.TrimSpace(v)
		switch k {
		case "date":
			if date, err = time.Parse("2006-01-02", v); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		case "mark":
			marks = append(marks, v)
		}
	}
	return body, date, marks
}

// TestGolden resolves hand-marked mentions in short articles and compares the entities with
// testdata/golden/*.golden (go test ./actors -run Golden -update rewrites them).
func TestGolden(t *testing.T) {
	kb := mustDefault(t)
	files, _ := filepath.Glob("testdata/golden/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, date, marks := readCase(t, f)
			d := markDoc(text, marks...)
			got := strings.Join(entityLines(kb.Entities(d, date)), "\n") + "\n"
			gf := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(gf, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("%v (run go test ./actors -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", gf, got, want)
			}
		})
	}
}
