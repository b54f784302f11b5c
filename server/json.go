package server

import (
	"math"
	"net/http"
	"strconv"
	"unicode/utf8"

	"chronicle"
)

// The JSON of the two answers that busy clients ask for most, event pages and timelines,
// written by hand: byte for byte what encoding/json writes (with HTML escaping off, as
// writeJSON), at a fraction of its cost. TestJSONEncoding compares them.

// writeEvents writes one page of events as writeList would.
func writeEvents(w http.ResponseWriter, r *http.Request, rows []chronicle.Event, p chronicle.Page) error {
	items, next := rows, ""
	if p.Limit > 0 && len(rows) > p.Limit {
		items = rows[:p.Limit]
		next = nextURL(r, p.Offset+p.Limit)
	}
	for i := range items {
		if v := &items[i]; !finite(v.Confidence) || v.Place != nil && (!finite(v.Place.Lat) || !finite(v.Place.Lon)) {
			return writeList(w, r, rows, p) // which fails as encoding/json does
		}
	}
	b := getBuffer(1024 + 800*len(items))
	b = append(b, `{"items":[`...)
	for i := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendEvent(b, &items[i])
	}
	b = append(b, `],"limit":`...)
	b = strconv.AppendInt(b, int64(p.Limit), 10)
	b = append(b, `,"offset":`...)
	b = strconv.AppendInt(b, int64(p.Offset), 10)
	if next != "" {
		b = append(b, `,"next":`...)
		b = appendString(b, next)
	}
	b = append(b, "}\n"...)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return writeBody(w, b)
}

// writeTimeline writes t as writeJSON would.
func writeTimeline(w http.ResponseWriter, t *timeline) error {
	b := getBuffer(256 + 48*len(t.Counts))
	b = append(b, '{')
	if t.Actor != "" {
		b = append(b, `"actor":`...)
		b = appendString(b, t.Actor)
		b = append(b, ',')
	}
	if len(t.Pair) > 0 {
		b = append(b, `"pair":[`...)
		for i, p := range t.Pair {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, p)
		}
		b = append(b, "],"...)
	}
	b = append(b, `"unit":`...)
	b = appendString(b, t.Unit)
	b = append(b, `,"counted":`...)
	b = appendString(b, t.Counted)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(t.Total), 10)
	b = append(b, `,"counts":`...)
	if t.Counts == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range t.Counts {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"period":`...)
			b = appendString(b, c.Period)
			b = append(b, `,"plover":`...)
			b = appendString(b, c.Plover)
			b = append(b, `,"count":`...)
			b = strconv.AppendInt(b, int64(c.Count), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"events":`...)
	b = appendString(b, t.Events)
	b = append(b, `,"clusters":`...)
	b = appendString(b, t.Clusters)
	b = append(b, "}\n"...)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return writeBody(w, b)
}

// appendEvent appends the JSON of v (see chronicle.Event's field tags).
func appendEvent(b []byte, v *chronicle.Event) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, v.ID)
	b = append(b, `,"code":`...)
	b = appendString(b, v.Code)
	b = append(b, `,"root":`...)
	b = appendString(b, v.Root)
	b = append(b, `,"plover":`...)
	b = appendString(b, v.Plover)
	b = append(b, `,"modality":`...)
	b = appendString(b, v.Modality)
	b = append(b, `,"source":`...)
	b = appendArg(b, &v.Source)
	b = append(b, `,"target":`...)
	b = appendArg(b, &v.Target)
	b = append(b, `,"date":`...)
	b = appendString(b, v.Date)
	b = append(b, `,"date_from":`...)
	b = appendString(b, v.DateFrom)
	if v.TimexID != "" {
		b = append(b, `,"timex":`...)
		b = appendString(b, v.TimexID)
	}
	if v.Place != nil {
		b = append(b, `,"place":{"name":`...)
		b = appendString(b, v.Place.Name)
		b = append(b, `,"geonames":`...)
		b = strconv.AppendInt(b, int64(v.Place.GeoNames), 10)
		b = append(b, `,"lat":`...)
		b = appendFloat(b, v.Place.Lat)
		b = append(b, `,"lon":`...)
		b = appendFloat(b, v.Place.Lon)
		b = append(b, '}')
	}
	b = append(b, `,"trigger":`...)
	b = appendSpan(b, &v.Trigger)
	b = append(b, `,"sentence":`...)
	b = appendSpan(b, &v.Sentence)
	if v.QuoteID != "" {
		b = append(b, `,"quote":`...)
		b = appendString(b, v.QuoteID)
	}
	b = append(b, `,"confidence":`...)
	b = appendFloat(b, v.Confidence)
	b = append(b, `,"why":`...)
	b = appendString(b, v.Why)
	if v.Article != "" {
		b = append(b, `,"article":`...)
		b = appendString(b, v.Article)
	}
	if v.Cluster != "" {
		b = append(b, `,"cluster":`...)
		b = appendString(b, v.Cluster)
	}
	return append(b, '}')
}

func appendArg(b []byte, a *chronicle.EventArg) []byte {
	b = append(b, '{')
	if a.Entity != "" {
		b = append(b, `"entity":`...)
		b = appendString(b, a.Entity)
		b = append(b, ',')
	}
	b = append(b, `"actor":`...)
	b = appendString(b, a.Actor)
	b = append(b, `,"text":`...)
	b = appendString(b, a.Text)
	if a.Name != "" {
		b = append(b, `,"name":`...)
		b = appendString(b, a.Name)
	}
	return append(b, '}')
}

func appendSpan(b []byte, s *chronicle.Span) []byte {
	b = append(b, `{"start":`...)
	b = strconv.AppendInt(b, int64(s.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(s.End), 10)
	b = append(b, `,"text":`...)
	b = appendString(b, s.Text)
	return append(b, '}')
}

func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// appendFloat appends a finite f as encoding/json does: the shortest decimal, with an exponent
// only for very small or large magnitudes.
func appendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, as encoding/json does without HTML escaping:
// quotes, backslashes and control characters escaped, U+2028 and U+2029 too, invalid UTF-8
// replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
