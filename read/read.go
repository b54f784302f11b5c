// Package read turns input files into chronicle articles: plain text with a `date YYYY-MM-DD`
// header, JSON Lines records, directories of them (recursively) and standard input ("-"); and
// web pages, RSS/Atom feeds, WARC files and gzip-compressed files of any of these (web.go,
// html.go, feed.go, warc.go). Articles that are not in English are marked skipped (lang.go).
//
// Every bad input becomes a *chronicle.InputError naming the file, the position and what to do;
// reading goes on with the next record or file.
package read

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"chronicle"
)

// DefaultMaxBytes is the largest article (text file or JSONL line) read by default.
const DefaultMaxBytes = 16 << 20

// Options control reading.
type Options struct {
	// Date is the fallback article date (YYYY-MM-DD) for inputs that carry none (--date).
	Date string
	// MaxBytes is the largest article accepted (DefaultMaxBytes when 0); larger ones are
	// reported as errors and skipped, so memory stays bounded.
	MaxBytes int64
	// Stdin is read for the path "-" (os.Stdin when nil).
	Stdin io.Reader
	// Progress, when set, is called with the number of input bytes consumed so far by each file.
	Progress func(n int64)

	gzipDepth int                                    // gzip layers around the stream being read (web.go)
	deferPage func(Page) (*chronicle.Article, error) // set by Records: web pages are handed over unread
}

func (o *Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// Extensions read when walking a directory; files named on the command line are read whatever
// their extension (their content decides the format).
var dirExtensions = map[string]bool{
	".txt": true, ".text": true, ".jsonl": true, ".ndjson": true, ".json": true,
}

// All reads every article from paths, in order: files, directories (recursively, sorted, hidden
// entries skipped) and "-" for standard input. It yields either an article or an error for one
// input record; errors are *chronicle.InputError.
func All(paths []string, opt Options) iter.Seq2[*chronicle.Article, error] {
	return func(yield0 func(*chronicle.Article, error) bool) {
		yield := func(a *chronicle.Article, err error) bool {
			markLanguage(a) // lang.go: non-English articles are kept but skipped
			return yield0(a, err)
		}
		for _, p := range paths {
			if p == "-" {
				in := opt.Stdin
				if in == nil {
					in = os.Stdin
				}
				if !readStream(p, in, -1, opt, yield) {
					return
				}
				continue
			}
			fi, err := os.Stat(p)
			if err != nil {
				if !yield(nil, pathError(p, err)) {
					return
				}
				continue
			}
			if !fi.IsDir() {
				if !readFile(p, fi.Size(), opt, yield) {
					return
				}
				continue
			}
			files, werr := walk(p)
			for _, f := range files {
				if !readFile(f.path, f.size, opt, yield) {
					return
				}
			}
			if werr != nil && !yield(nil, werr) {
				return
			}
		}
	}
}

type fileInfo struct {
	path string
	size int64
}

// walk lists the readable files under dir, sorted.
func walk(dir string) ([]fileInfo, error) {
	var files []fileInfo
	var firstErr error
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if firstErr == nil {
				firstErr = pathError(p, err)
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !readable(name) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if firstErr == nil {
				firstErr = pathError(p, err)
			}
			return nil
		}
		files = append(files, fileInfo{p, info.Size()})
		return nil
	})
	if err != nil && firstErr == nil {
		firstErr = pathError(dir, err)
	}
	slices.SortFunc(files, func(a, b fileInfo) int { return strings.Compare(a.path, b.path) })
	return files, firstErr
}

func pathError(p string, err error) error {
	hint := "check the path"
	if errors.Is(err, fs.ErrPermission) {
		hint = "check the file's permissions"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &chronicle.InputError{Path: p, Offset: -1, Err: err, Hint: hint}
}

func readFile(p string, size int64, opt Options, yield func(*chronicle.Article, error) bool) bool {
	f, err := os.Open(p)
	if err != nil {
		return yield(nil, pathError(p, err))
	}
	defer f.Close()
	return readStream(p, f, size, opt, yield)
}

// readStream reads one input stream: JSON Lines when its first non-blank byte is '{', else one
// plain-text article.
func readStream(p string, r io.Reader, size int64, opt Options, yield func(*chronicle.Article, error) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1, Err: err, Hint: "check the file"})
	}
	if handled, ok := readWeb(p, br, head, size, opt, yield); handled { // web.go: HTML, feeds, WARC, gzip
		return ok
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	ext := innerExt(p)
	if len(trimmed) > 0 && trimmed[0] == '{' || ext == ".jsonl" || ext == ".ndjson" {
		return readJSONL(p, br, opt, yield)
	}
	max := opt.maxBytes()
	if size > max {
		if opt.Progress != nil {
			opt.Progress(size)
		}
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1,
			Err:  fmt.Errorf("file is %s, larger than the %s limit for one article", human(size), human(max)),
			Hint: "split it into articles (e.g. JSON Lines), or raise the limit with --max-article-bytes"})
	}
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if opt.Progress != nil {
		opt.Progress(int64(len(data)))
	}
	if err != nil {
		return yield(nil, &chronicle.InputError{Path: p, Offset: int64(len(data)), Err: err, Hint: "check the file"})
	}
	if int64(len(data)) > max {
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1,
			Err:  fmt.Errorf("input is larger than the %s limit for one article", human(max)),
			Hint: "split it into articles (e.g. JSON Lines), or raise the limit with --max-article-bytes"})
	}
	a, err := parseText(p, data, opt)
	return yield(a, err)
}

var bom = []byte("\xEF\xBB\xBF")

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkText reports binary content and invalid UTF-8, with the byte offset of the first problem.
func checkText(data []byte) (offset int, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i, errors.New("binary content (a NUL byte)")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		return i, errors.New("invalid UTF-8")
	}
	return 0, nil
}

// parseText reads a plain-text article: an optional `date YYYY-MM-DD` header (on its own line or
// followed by the text on the same line; leading space tolerated), then the text.
func parseText(p string, data []byte, opt Options) (*chronicle.Article, error) {
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &chronicle.InputError{Path: p, Offset: -1, Err: errors.New("empty file"), Hint: "give it a `date YYYY-MM-DD` header and the article text"}
	}
	if off, err := checkText(data); err != nil {
		hint := "convert it to UTF-8 text (e.g. iconv -f latin1 -t utf-8)"
		if bytes.IndexByte(data, 0) >= 0 {
			hint = "chronicle reads UTF-8 text and JSON Lines; is this the right file?"
		}
		return nil, &chronicle.InputError{Path: p, Offset: int64(off), Err: err, Hint: hint}
	}
	s := string(data)
	date, body, ok := splitDateHeader(s)
	from := "header"
	if !ok {
		if opt.Date == "" {
			return nil, &chronicle.InputError{Path: p, Line: 1, Offset: -1,
				Err:  errors.New("no article date"),
				Hint: "start the file with a line `date YYYY-MM-DD`, or pass --date YYYY-MM-DD"}
		}
		date, body, from = opt.Date, s, "flag"
	} else if _, err := time.Parse(chronicle.DateLayout, date); err != nil {
		return nil, &chronicle.InputError{Path: p, Line: 1, Offset: -1,
			Err: fmt.Errorf("bad date %q in the header", date), Hint: "write the date as YYYY-MM-DD"}
	}
	a := &chronicle.Article{Source: p, Date: date, DateFrom: from, Text: body, Title: headline(body)}
	a.Key = contentKey(date, body)
	a.ID = a.Key[:16]
	return a, nil
}

// splitDateHeader splits "date 2025-07-03 text…" (or "date: 2025-07-03\ntext…") into the date
// and the text after the header's whitespace.
func splitDateHeader(s string) (date, body string, ok bool) {
	t := strings.TrimLeft(s, " \t\r\n")
	if len(t) < 5 || !strings.EqualFold(t[:4], "date") {
		return "", "", false
	}
	t = t[4:]
	if t[0] == ':' {
		t = t[1:]
	}
	u := strings.TrimLeft(t, " \t")
	if len(u) == len(t) && t[0] != ':' { // "dated …" is text, not a header
		return "", "", false
	}
	if len(u) < 10 || !isDate(u[:10]) {
		return "", "", false
	}
	date, rest := u[:10], u[10:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
		return "", "", false
	}
	return date, strings.TrimLeft(rest, " \t\r\n"), true
}

func isDate(s string) bool {
	for i := 0; i < 10; i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// headline returns the first line of text when it looks like a headline: a short line, followed
// by a line break, that does not end like a sentence.
func headline(text string) string {
	i := strings.IndexByte(text, '\n')
	if i <= 0 || i > 300 {
		return ""
	}
	line := strings.TrimSpace(text[:i])
	if line == "" || strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "...") {
		return ""
	}
	return line
}

// contentKey is the identity of a record without an id: a hash of its date and text.
func contentKey(date, text string) string {
	h := sha256.New()
	io.WriteString(h, date)
	h.Write([]byte{0})
	io.WriteString(h, text)
	return hex.EncodeToString(h.Sum(nil))
}

// recordKey is the identity of a record with an id: a hash of its source file and id.
func recordKey(source, id string) string {
	if abs, err := filepath.Abs(source); err == nil && source != "-" {
		source = abs
	}
	h := sha256.New()
	io.WriteString(h, source)
	h.Write([]byte{0})
	io.WriteString(h, id)
	return "r" + hex.EncodeToString(h.Sum(nil))
}

// SafeID makes an input id URL-safe: letters, digits and "-._~" are kept, other bytes are
// replaced by "_"; an empty result becomes "_".
func SafeID(id string) string {
	b := []byte(id)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "_"
	}
	if len(b) > 128 {
		b = b[:128]
	}
	return string(b)
}
