package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"chronicle"
)

// record is one JSON Lines input record.
type record struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Outlet    string          `json:"outlet"`
	Date      string          `json:"date"`
	Published string          `json:"published"`
	Title     string          `json:"title"`
	Text      *string         `json:"text"`
	Body      *string         `json:"body"`
	Lang      string          `json:"lang"`
	HTML      *string         `json:"html"` // a web page, read by html.go when there is no text
}

// readJSONL reads one article per non-blank line. A bad line is reported and skipped; a line
// longer than the article limit is skipped without being held in memory.
func readJSONL(p string, br *bufio.Reader, opt Options, yield func(*chronicle.Article, error) bool) bool {
	max := opt.maxBytes()
	var offset int64
	line := 0
	var buf []byte
	for {
		buf = buf[:0]
		start := offset
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			offset += int64(len(chunk))
			if !tooLong {
				if int64(len(buf)+len(chunk)) > max+1 {
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if opt.Progress != nil {
			opt.Progress(offset - start)
		}
		if len(buf) > 0 || tooLong || err == nil {
			line++
		}
		if tooLong {
			if !yield(nil, &chronicle.InputError{Path: p, Line: line, Offset: start,
				Err:  fmt.Errorf("record is larger than the %s limit for one article", human(max)),
				Hint: "split the article or raise the limit with --max-article-bytes"}) {
				return false
			}
		} else if len(bytes.TrimSpace(buf)) > 0 {
			a, rerr := parseRecord(p, line, start, buf, opt)
			if !yield(a, rerr) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return yield(nil, &chronicle.InputError{Path: p, Line: line, Offset: offset, Err: err, Hint: "check the file"})
		}
	}
}

func parseRecord(p string, line int, offset int64, data []byte, opt Options) (*chronicle.Article, error) {
	bad := func(err error, hint string) error {
		return &chronicle.InputError{Path: p, Line: line, Offset: offset, Err: err, Hint: hint}
	}
	data = bytes.TrimPrefix(data, bom)
	if off, err := checkText(data); err != nil {
		return nil, bad(fmt.Errorf("%w at byte %d of the line", err, off), "each line must be one UTF-8 JSON object")
	}
	r, ok := fastRecord(data)
	if !ok {
		dec := json.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(&r); err != nil {
			return nil, bad(fmt.Errorf("malformed JSON: %v", err), "each line must be one JSON object with at least \"date\" and \"text\"")
		}
		if dec.More() {
			return nil, bad(errors.New("more than one JSON value on the line"), "put one JSON object per line")
		}
	}
	text := ""
	switch {
	case r.Text != nil:
		text = *r.Text
	case r.Body != nil:
		text = *r.Body
	case r.HTML != nil:
		return htmlRecord(p, line, offset, &r, opt)
	default:
		return nil, bad(errors.New(`no "text", "body" or "html" field`), `give each record its article text in "text" (or its web page in "html")`)
	}
	if strings.TrimSpace(text) == "" {
		return nil, bad(errors.New("empty text"), `give the record its article text in "text"`)
	}
	id, err := recordID(r.ID)
	if err != nil {
		return nil, bad(err, `"id" must be a string or a number`)
	}
	date, from := "", "field"
	raw := r.Date
	if raw == "" {
		raw = r.Published
	}
	if raw != "" {
		d, ok := parseDate(raw)
		if !ok {
			return nil, bad(fmt.Errorf("bad date %q", raw), "write dates as YYYY-MM-DD or RFC 3339 (2025-07-03T10:00:00Z)")
		}
		date = d
	} else if opt.Date != "" {
		date, from = opt.Date, "flag"
	} else {
		return nil, bad(errors.New(`no "date" or "published" field`), "add a date to the record, or pass --date YYYY-MM-DD")
	}
	a := &chronicle.Article{
		Source: fmt.Sprintf("%s:%d", p, line), URL: r.URL, Outlet: r.Outlet,
		Date: date, DateFrom: from, Title: r.Title, Text: text, Lang: r.Lang,
	}
	if id != "" {
		a.ID = SafeID(id)
		a.Key = recordKey(p, id)
	} else {
		a.Key = contentKey(date, text)
		a.ID = a.Key[:16]
	}
	return a, nil
}

func recordID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return strings.TrimSpace(s), nil
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err == nil {
		return string(raw), nil
	}
	return "", fmt.Errorf("bad id %s", raw)
}

// parseDate reads the article date from YYYY-MM-DD, RFC 3339 and common timestamp forms; the
// date is the one in the timestamp's own time zone (the publisher's day).
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && isDate(s[:10]) {
		if _, err := time.Parse(chronicle.DateLayout, s[:10]); err != nil {
			return "", false
		}
		if len(s) == 10 {
			return s, true
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05Z0700"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.Format(chronicle.DateLayout), true
			}
		}
		return "", false
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(chronicle.DateLayout), true
		}
	}
	return "", false
}
