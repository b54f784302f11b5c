package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"chronicle"
)

// Page sizes.
const (
	defaultLimit = 50     // API rows per page unless ?limit=
	maxLimit     = 1000   // largest API page
	maxCSV       = 100000 // most rows in one CSV export
	pageRows     = 25     // rows per web page
)

// format returns the requested response format: "json" (default) or "csv".
func format(r *http.Request) (string, error) {
	switch f := r.URL.Query().Get("format"); f {
	case "", "json":
		if strings.Contains(r.Header.Get("Accept"), "text/csv") {
			return "csv", nil
		}
		return "json", nil
	case "csv":
		return "csv", nil
	default:
		return "", invalid("use format=json or format=csv", "unknown format %q", f)
	}
}

// page reads ?limit= and ?offset=. CSV exports return every row (up to maxCSV) unless a limit
// is given.
func page(r *http.Request, def, most int) (chronicle.Page, error) {
	q := r.URL.Query()
	p := chronicle.Page{Limit: def}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, invalid("limit is a number of rows from 1 to "+strconv.Itoa(most), "bad limit %q", v)
		}
		p.Limit = min(n, most)
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, invalid("offset is the number of rows to skip, 0 or more", "bad offset %q", v)
		}
		p.Offset = n
	}
	return p, nil
}

// apiPage is page() for an API list in format f.
func apiPage(r *http.Request, f string) (chronicle.Page, error) {
	if f == "csv" {
		return page(r, maxCSV, maxCSV)
	}
	return page(r, defaultLimit, maxLimit)
}

// date reads a YYYY-MM-DD parameter.
func date(q url.Values, name string) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return "", nil
	}
	if _, err := time.Parse(chronicle.DateLayout, v); err != nil {
		return "", invalid("write dates as YYYY-MM-DD", "bad %s date %q", name, v)
	}
	return v, nil
}

// dates reads ?from= and ?to=.
func dates(q url.Values) (from, to string, err error) {
	if from, err = date(q, "from"); err != nil {
		return
	}
	to, err = date(q, "to")
	return
}

// pair reads "A,B" into two trimmed names.
func pair(v string) ([]string, error) {
	parts := strings.Split(v, ",")
	if len(parts) != 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
		return nil, invalid("give two actors separated by a comma: pair=Trump,Putin", "bad pair %q", v)
	}
	return []string{strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])}, nil
}

// eventFilter reads the event filter parameters: actor, pair, code, plover, modality (comma
// separated), from, to, place, article, cluster, min_confidence.
func eventFilter(q url.Values) (chronicle.EventFilter, error) {
	f := chronicle.EventFilter{
		Actor:   strings.TrimSpace(q.Get("actor")),
		Code:    strings.TrimSpace(q.Get("code")),
		Plover:  strings.ToUpper(strings.TrimSpace(q.Get("plover"))),
		Place:   strings.TrimSpace(q.Get("place")),
		Article: q.Get("article"),
		Cluster: q.Get("cluster"),
	}
	var err error
	if f.From, f.To, err = dates(q); err != nil {
		return f, err
	}
	if v := q.Get("pair"); v != "" {
		if f.Pair, err = pair(v); err != nil {
			return f, err
		}
	}
	for _, c := range f.Code {
		if c < '0' || c > '9' {
			return f, invalid("a CAMEO code is digits, or a prefix of them: code=04", "bad CAMEO code %q", f.Code)
		}
	}
	if v := q.Get("modality"); v != "" {
		for _, m := range strings.Split(v, ",") {
			m = strings.TrimSpace(m)
			if chronicle.ModalityRank(m) > 4 {
				return f, invalid("use asserted, negated, hedged, future or hypothetical (comma separated)", "unknown modality %q", m)
			}
			f.Modality = append(f.Modality, m)
		}
	}
	if v := q.Get("min_confidence"); v != "" {
		c, err := strconv.ParseFloat(v, 64)
		if err != nil || c < 0 || c > 1 {
			return f, invalid("min_confidence is a number from 0 to 1", "bad min_confidence %q", v)
		}
		f.MinConfidence = c
	}
	return f, nil
}

// nextURL returns the request's URL with offset moved to off.
func nextURL(r *http.Request, off int) string {
	q := r.URL.Query()
	if off <= 0 {
		q.Del("offset")
	} else {
		q.Set("offset", strconv.Itoa(off))
	}
	if len(q) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + q.Encode()
}
