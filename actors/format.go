package actors

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"chronicle/actors/internal/norm"
)

// ParseError is an error in an actors file, with the line it is on.
type ParseError struct {
	File string // name given to Extend's caller, or "" for the embedded KB
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.File != "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Day numbers: days since 1970-01-01; roles span [from, to).
const (
	openFrom = math.MinInt32
	openTo   = math.MaxInt32
)

func dayOf(t time.Time) int32 {
	if t.IsZero() {
		return openTo - 1 // undated: the latest known state
	}
	return int32(t.Unix() / 86400)
}

// parseDay reads YYYY-MM-DD, YYYY-MM or YYYY (the first day of the month or year).
func parseDay(s string) (int32, error) {
	num := func(a, b int) int {
		n := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := 0, 1, 1
	switch len(s) {
	case 10:
		if s[4] != '-' || s[7] != '-' {
			return 0, badDate(s)
		}
		y, m, d = num(0, 4), num(5, 7), num(8, 10)
	case 7:
		if s[4] != '-' {
			return 0, badDate(s)
		}
		y, m = num(0, 4), num(5, 7)
	case 4:
		y = num(0, 4)
	default:
		return 0, badDate(s)
	}
	if y < 0 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, badDate(s)
	}
	return daysFromCivil(y, m, d), nil
}

func badDate(s string) error {
	return fmt.Errorf("bad date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian date.
func daysFromCivil(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// parser reads the actors file format (doc/actors.md) into a table.
type parser struct {
	kbuf []byte
	t    *table
	file string
	user bool
	cur  int32 // current actor entry, -1 none
	curP int32 // current place, -1 none
	// inCity says curP indexes t.cities (a place record) rather than t.places (an actor's
	// coordinates).
	inCity bool
}

// key returns the spelling key of s in a buffer reused by the next call.
func (p *parser) key(s string) []byte {
	p.kbuf = norm.AppendKey(p.kbuf[:0], s)
	return p.kbuf
}

func (p *parser) errf(line int, format string, args ...any) error {
	return &ParseError{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// spaceOrTab returns the index of the first space or tab in s, or -1 (strings.IndexAny
// builds its set on every call).
func spaceOrTab(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' {
			return i
		}
	}
	return -1
}

// firstKeyword returns the keyword of the first line of src that is neither blank nor a
// comment.
func firstKeyword(src string) string {
	for len(src) > 0 {
		l := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		if l = strings.TrimSpace(l); l == "" || l[0] == '#' {
			continue
		}
		if i := spaceOrTab(l); i >= 0 {
			return l[:i]
		}
		return l
	}
	return ""
}

// parse reads src, adding its records to p.t. It stops at the first error.
func (p *parser) parse(src string) error {
	p.cur, p.curP = -1, -1
	// A large file of actors or of places gets room for its records up front (a record
	// takes some 90 bytes, here taken as 64): growing these slices of structs with strings
	// copies them, with write barriers, many times.
	if t := p.t; len(src) >= 1<<16 {
		n := len(src) / 64
		switch firstKeyword(src) {
		case "actor":
			if cap(t.entries)-len(t.entries) < n {
				t.entries = append(make([]entry, 0, len(t.entries)+n), t.entries...)
			}
		case "place":
			if cap(t.cities)-len(t.cities) < n {
				t.cities = append(make([]placeRec, 0, len(t.cities)+n), t.cities...)
			}
		}
	}
	line := 0
	for len(src) > 0 {
		line++
		var l string
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			l, src = src, ""
		}
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		kw, rest := l, ""
		if i := spaceOrTab(l); i >= 0 {
			kw, rest = l[:i], strings.TrimSpace(l[i+1:])
		}
		if err := p.field(line, kw, rest); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) field(line int, kw, rest string) error {
	t := p.t
	switch kw {
	case "actor":
		if rest == "" {
			return p.errf(line, "actor without a name")
		}
		p.cur, p.curP = int32(len(t.entries)), -1
		p.inCity = false
		t.entries = append(t.entries, entry{name: rest, typ: "PER", user: p.user, geo: -1, tab: t})
		t.addName(p.key(rest), ref(p.cur, refName))
		return nil
	case "place":
		if rest == "" {
			return p.errf(line, "place without a name")
		}
		p.curP, p.cur = int32(len(t.cities)), -1
		p.inCity = true
		t.cities = append(t.cities, placeRec{name: rest})
		t.addPlaceName(p.key(rest), p.curP)
		return nil
	case "agent":
		code, phrases, _ := strings.Cut(rest, " ")
		if code == "" || strings.TrimSpace(phrases) == "" {
			return p.errf(line, "agent wants a code and phrases: agent GOV president | prime minister")
		}
		for _, ph := range splitList(phrases) {
			k := norm.Key(ph)
			if k == "" {
				continue
			}
			t.agents[k] = code
			if n := strings.Count(k, " ") + 1; n > t.maxAgentWords {
				t.maxAgentWords = n
			}
		}
		return nil
	}
	if p.curP >= 0 {
		return p.placeField(line, kw, rest)
	}
	if p.cur < 0 {
		return p.errf(line, "%q outside a record: start one with 'actor NAME' or 'place NAME'", kw)
	}
	e := &t.entries[p.cur]
	switch kw {
	case "type":
		switch rest {
		case "PER", "ORG", "LOC", "MISC":
			e.typ = rest
		default:
			return p.errf(line, "type %q: want PER, ORG, LOC or MISC", rest)
		}
	case "kb":
		e.kb = rest
		if _, ok := t.byKB[rest]; !ok && rest != "" {
			t.byKB[rest] = p.cur
		}
	case "country":
		if !isCode(rest, 3) {
			return p.errf(line, "country %q: want an ISO 3166 alpha-3 code such as RUS", rest)
		}
		e.country = rest
	case "code":
		if !isCode(rest, 0) {
			return p.errf(line, "code %q: want a CAMEO actor code such as RUSGOV", rest)
		}
		e.code = rest
	case "alias":
		for _, a := range splitList(rest) {
			t.addName(p.key(a), ref(p.cur, refAlias))
		}
	case "demonym":
		for _, a := range splitList(rest) {
			t.addName(p.key(a), ref(p.cur, refDemonym))
		}
	case "role":
		r, err := parseRole(rest)
		if err != nil {
			return p.errf(line, "%v", err)
		}
		e.roles = append(e.roles, r)
	case "geonames", "at":
		if e.geo < 0 {
			e.geo = int32(len(t.places))
			t.places = append(t.places, placeRec{name: e.name, country: e.country, entry: p.cur + 1})
		}
		p.curP, p.inCity = e.geo, false
		err := p.placeField(line, kw, rest)
		p.curP = -1
		return err
	default:
		return p.errf(line, "unknown field %q (want type, kb, country, code, alias, demonym, role, geonames or at)", kw)
	}
	return nil
}

func (p *parser) placeField(line int, kw, rest string) error {
	var pl *placeRec
	if p.inCity {
		pl = &p.t.cities[p.curP]
	} else {
		pl = &p.t.places[p.curP]
	}
	switch kw {
	case "geonames":
		n, err := strconv.Atoi(rest)
		if err != nil {
			return p.errf(line, "geonames %q: want a number", rest)
		}
		pl.geonames = int32(n)
	case "at":
		la, lo, _ := strings.Cut(rest, " ")
		lat, err1 := strconv.ParseFloat(la, 64)
		lon, err2 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return p.errf(line, "at %q: want latitude and longitude in degrees", rest)
		}
		pl.lat, pl.lon = float32(lat), float32(lon)
	case "pop":
		n, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			return p.errf(line, "pop %q: want a number", rest)
		}
		pl.pop = n
	case "country":
		if !isCode(rest, 3) {
			return p.errf(line, "country %q: want an ISO 3166 alpha-3 code", rest)
		}
		pl.country = rest
	case "capital":
		pl.capital = true
	case "alias":
		if !p.inCity {
			return p.errf(line, "alias after geonames or at: list an actor's aliases before its coordinates")
		}
		for _, a := range splitList(rest) {
			p.t.addPlaceName(p.key(a), p.curP)
		}
	default:
		return p.errf(line, "unknown place field %q (want geonames, at, pop, country, capital or alias)", kw)
	}
	return nil
}

// parseRole reads "CODE FROM..TO TITLE" (TITLE optional, either date optional).
func parseRole(s string) (role, error) {
	code, rest, _ := strings.Cut(s, " ")
	if !isCode(code, 0) {
		return role{}, fmt.Errorf("role %q: want CODE FROM..TO [TITLE], e.g. role RUSGOV 2012-05-07.. President of Russia", s)
	}
	rest = strings.TrimSpace(rest)
	rng, title, _ := strings.Cut(rest, " ")
	a, b, ok := strings.Cut(rng, "..")
	if !ok {
		return role{}, fmt.Errorf("role %q: the date range must be FROM..TO (either may be empty)", s)
	}
	r := role{code: code, title: strings.TrimSpace(title), from: openFrom, to: openTo}
	var err error
	if a != "" {
		if r.from, err = parseDay(a); err != nil {
			return role{}, fmt.Errorf("role %q: %w", s, err)
		}
	}
	if b != "" {
		if r.to, err = parseDay(b); err != nil {
			return role{}, fmt.Errorf("role %q: %w", s, err)
		}
	}
	if r.to <= r.from {
		return role{}, fmt.Errorf("role %q: the range ends before it starts", s)
	}
	return r, nil
}

func splitList(s string) []string {
	parts := strings.Split(s, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// isCode reports whether s is an upper-case code (of length n when n > 0).
func isCode(s string, n int) bool {
	if s == "" || n > 0 && len(s) != n || len(s) > 24 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
