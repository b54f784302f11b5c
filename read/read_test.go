package read

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronicle"
)

func collect(t *testing.T, paths []string, opt Options) ([]*chronicle.Article, []error) {
	t.Helper()
	var as []*chronicle.Article
	var errs []error
	for a, err := range All(paths, opt) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		as = append(as, a)
	}
	return as, errs
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTextHeader(t *testing.T) {
	tests := []struct {
		name, in, date, text string
	}{
		{"same line", "date 2025-07-03 Putin spoke.", "2025-07-03", "Putin spoke."},
		{"leading space", " date 2025-07-03 Putin spoke.", "2025-07-03", "Putin spoke."},
		{"own line", "date 2025-07-03\nPutin spoke.\n", "2025-07-03", "Putin spoke.\n"},
		{"colon", "Date: 2025-07-03\n\nHeadline\n\nBody.", "2025-07-03", "Headline\n\nBody."},
		{"bom", "\uFEFFdate 2025-07-03 Text.", "2025-07-03", "Text."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, t.TempDir(), "a.txt", tt.in)
			as, errs := collect(t, []string{p}, Options{})
			if len(errs) > 0 || len(as) != 1 {
				t.Fatalf("got %d articles, errors %v", len(as), errs)
			}
			if as[0].Date != tt.date || as[0].Text != tt.text {
				t.Errorf("got date %q text %q, want %q %q", as[0].Date, as[0].Text, tt.date, tt.text)
			}
			if strings.Contains(as[0].ID, "/") || len(as[0].ID) != 16 {
				t.Errorf("bad id %q", as[0].ID)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
		opt                 Options
	}{
		{"empty", "", "empty file", Options{}},
		{"blank", "  \n\n", "empty file", Options{}},
		{"binary", "date 2025-01-01 \x00\x01\x02ELF", "binary content", Options{}},
		{"latin1", "date 2025-01-01 caf\xe9 au lait", "invalid UTF-8", Options{}},
		{"no date", "Putin spoke on Friday.", "no article date", Options{}},
		{"bad date", "date 2025-13-45 Text.", "bad date", Options{}},
		{"too big", "date 2025-01-01 " + strings.Repeat("word ", 300), "larger than", Options{MaxBytes: 1000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, dir, tt.name+".txt", tt.content)
			as, errs := collect(t, []string{p}, tt.opt)
			if len(as) != 0 || len(errs) != 1 {
				t.Fatalf("got %d articles and errors %v, want one error", len(as), errs)
			}
			var ie *chronicle.InputError
			if !errors.As(errs[0], &ie) || ie.Path != p || ie.Hint == "" {
				t.Errorf("error %v is not an InputError for %s with a hint", errs[0], p)
			}
			if !strings.Contains(errs[0].Error(), tt.want) {
				t.Errorf("error %q does not say %q", errs[0], tt.want)
			}
		})
	}
}

func TestDateFlag(t *testing.T) {
	p := write(t, t.TempDir(), "a.txt", "Putin spoke on Friday.")
	as, errs := collect(t, []string{p}, Options{Date: "2025-07-03"})
	if len(errs) > 0 || len(as) != 1 || as[0].Date != "2025-07-03" || as[0].DateFrom != "flag" {
		t.Fatalf("got %v %v", as, errs)
	}
}

func TestJSONL(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.jsonl", `{"id":"x/1","url":"https://e.com/1","outlet":"E","date":"2025-07-03","title":"T","text":"One."}
{"id":2,"published":"2025-07-03T23:30:00-05:00","body":"Two."}
{"id":"3", "date":"2025-07-03", "text": "Three.

{"id":"4","text":"no date"}
not json at all
{"id":"6","date":"2025-07-04","text":"Six."}
{"date":"2025-07-04","text":"Seven."}`)
	as, errs := collect(t, []string{p}, Options{})
	if len(as) != 4 {
		t.Fatalf("got %d articles, want 4: %v", len(as), as)
	}
	if len(errs) != 3 {
		t.Fatalf("got errors %v, want 3", errs)
	}
	for i, line := range []int{3, 5, 6} {
		var ie *chronicle.InputError
		if !errors.As(errs[i], &ie) || ie.Line != line {
			t.Errorf("error %d: %v, want line %d", i, errs[i], line)
		}
	}
	a := as[0]
	if a.ID != "x_1" || a.URL != "https://e.com/1" || a.Outlet != "E" || a.Title != "T" || a.Text != "One." || a.Source != p+":1" {
		t.Errorf("record 1: %+v", a)
	}
	if as[1].ID != "2" || as[1].Date != "2025-07-03" || as[1].Text != "Two." {
		t.Errorf("record 2: %+v", as[1])
	}
	if as[3].ID != as[3].Key[:16] {
		t.Errorf("record without id: id %q key %q", as[3].ID, as[3].Key)
	}
	// The same record read again has the same key; a different file gives another key.
	again, _ := collect(t, []string{p}, Options{})
	if again[0].Key != a.Key {
		t.Error("keys differ between two reads")
	}
	q := write(t, dir, "b.jsonl", `{"id":"x/1","date":"2025-07-03","text":"One."}`)
	other, _ := collect(t, []string{q}, Options{})
	if other[0].Key == a.Key {
		t.Error("same id in another source gives the same key")
	}
}

func TestJSONLLongLine(t *testing.T) {
	dir := t.TempDir()
	long := `{"id":"big","date":"2025-01-01","text":"` + strings.Repeat("a", 200000) + `"}`
	p := write(t, dir, "a.jsonl", `{"id":"1","date":"2025-01-01","text":"ok"}`+"\n"+long+"\n"+`{"id":"3","date":"2025-01-01","text":"ok"}`+"\n")
	as, errs := collect(t, []string{p}, Options{MaxBytes: 100000})
	if len(as) != 2 || len(errs) != 1 || !strings.Contains(errs[0].Error(), ":2") {
		t.Fatalf("got %d articles, errors %v", len(as), errs)
	}
}

func TestDirAndStdin(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/2.txt", "date 2025-01-02 Two.")
	write(t, dir, "a.txt", "date 2025-01-01 One.")
	write(t, dir, ".hidden.txt", "date 2025-01-01 Hidden.")
	write(t, dir, "notes.bin", "ignored")
	as, errs := collect(t, []string{dir, "-", filepath.Join(dir, "missing.txt")},
		Options{Stdin: strings.NewReader(`{"id":"s","date":"2025-01-03","text":"Three."}`)})
	var got []string
	for _, a := range as {
		got = append(got, a.Text)
	}
	if strings.Join(got, " ") != "One. Two. Three." {
		t.Errorf("got %q", got)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing.txt") {
		t.Errorf("errors %v", errs)
	}
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	p := write(t, t.TempDir(), "a.txt", "date 2025-01-01 x")
	os.Chmod(p, 0)
	_, errs := collect(t, []string{p}, Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "permission") {
		t.Errorf("errors %v", errs)
	}
}

func FuzzText(f *testing.F) {
	f.Add([]byte("date 2025-07-03 Putin spoke."))
	f.Add([]byte("{\"id\":1,\"date\":\"2025-01-01\",\"text\":\"x\"}\n{"))
	f.Add([]byte("\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "f")
		os.WriteFile(p, data, 0o644)
		for a, err := range All([]string{p}, Options{Date: "2025-01-01", MaxBytes: 1 << 16}) {
			if err == nil && (a == nil || a.Date == "" || a.ID == "" || strings.Contains(a.ID, "/")) {
				t.Fatalf("bad article %+v", a)
			}
		}
	})
}
