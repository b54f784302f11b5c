// Package reuters reads the Reuters-21578 SGML collection (../shared/data/reuters21578) for
// benchmarks: story id, date, title and body.
package reuters

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Story is one Reuters-21578 story with a body.
type Story struct {
	ID    string // NEWID
	Date  string // YYYY-MM-DD
	Title string
	Body  string
}

// Dir returns the Reuters-21578 directory beside the repository root (found by walking up from
// the working directory to go.mod), or "" when it is absent.
func Dir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared", "data", "reuters21578")
			if _, err := os.Stat(d); err == nil {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads up to n stories with a body (all when n ≤ 0) from the reut2-*.sgm.gz files in dir,
// in file and story order.
func Load(dir string, n int) ([]Story, error) {
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm.gz"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("reuters.Load(%q): no reut2-*.sgm.gz files", dir)
	}
	sort.Strings(files)
	var out []Story
	for _, f := range files {
		stories, err := loadFile(f)
		if err != nil {
			return nil, err
		}
		for _, s := range stories {
			out = append(out, s)
			if n > 0 && len(out) >= n {
				return out, nil
			}
		}
	}
	return out, nil
}

func loadFile(path string) ([]Story, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reuters: %s: %w", path, err)
	}
	data, err := io.ReadAll(bufio.NewReader(zr))
	if err != nil {
		return nil, fmt.Errorf("reuters: %s: %w", path, err)
	}
	var out []Story
	s := string(data)
	for {
		i := strings.Index(s, "<REUTERS ")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "</REUTERS>")
		if j < 0 {
			break
		}
		rec := s[i : i+j]
		s = s[i+j:]
		body := between(rec, "<BODY>", "</BODY>")
		if strings.TrimSpace(body) == "" {
			continue
		}
		st := Story{
			ID:    attr(rec, "NEWID"),
			Title: unescape(between(rec, "<TITLE>", "</TITLE>")),
			Body:  unescape(strings.TrimSuffix(strings.TrimSpace(body), "Reuter\n&#3;")),
		}
		st.Body = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(st.Body), "Reuter"))
		if t, err := time.Parse("2-Jan-2006", strings.Fields(between(rec, "<DATE>", "</DATE>") + " x")[0]); err == nil {
			st.Date = t.Format("2006-01-02")
		} else {
			st.Date = "1987-01-01"
		}
		out = append(out, st)
	}
	return out, nil
}

func between(s, open, close string) string {
	i := strings.Index(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+len(open):]
	if j := strings.Index(s, close); j >= 0 {
		return s[:j]
	}
	return s
}

func attr(s, name string) string {
	return between(s, name+`="`, `"`)
}

// unescape decodes the SGML entities of the collection and drops control characters.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '&' {
			if j := strings.IndexByte(s[i:], ';'); j > 0 && j < 8 {
				ent := s[i+1 : i+j]
				switch {
				case ent == "lt":
					b.WriteByte('<')
				case ent == "gt":
					b.WriteByte('>')
				case ent == "amp":
					b.WriteByte('&')
				case strings.HasPrefix(ent, "#"):
					if n, err := strconv.Atoi(ent[1:]); err == nil && n >= 32 {
						b.WriteRune(rune(n))
					}
				default:
					b.WriteString(s[i : i+j+1])
				}
				i += j
				continue
			}
		}
		if c < 32 && c != '\n' && c != '\t' {
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Words counts whitespace-separated words.
func Words(s string) int { return len(strings.Fields(s)) }
