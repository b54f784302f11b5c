package petrarch

import (
	"fmt"
	"strings"
)

// Actor is an actor dictionary entry: its names (the first is the primary name, the others the
// "+" synonyms), each a list of upper-case words, and its codes, of which those with dates
// apply only between them.
type Actor struct {
	Names [][]string
	Codes []DatedCode
	Line  int
}

// DatedCode is an actor code valid from From to To (YYYYMMDD, inclusive; "" for open ends).
// A code with neither bound is the entry's default.
type DatedCode struct {
	Code     string
	From, To string
}

// Dated reports whether the code carries a date restriction.
func (c DatedCode) Dated() bool { return c.From != "" || c.To != "" }

// Applies reports whether the code applies on date (YYYYMMDD).
func (c DatedCode) Applies(date string) bool {
	if c.From != "" && date < c.From {
		return false
	}
	if c.To != "" && date > c.To {
		return false
	}
	return true
}

// CodeOn returns the actor's code on date (YYYYMMDD): the first dated code whose range holds
// the date, else the first undated code, else "".
func (a *Actor) CodeOn(date string) string {
	for _, c := range a.Codes {
		if c.Dated() && date != "" && c.Applies(date) {
			return c.Code
		}
	}
	for _, c := range a.Codes {
		if !c.Dated() {
			return c.Code
		}
	}
	return ""
}

// ReadActors parses a PETRARCH actor dictionary (Phoenix.*.actors.txt, PETR.Validate.actors.txt).
// Entries without any code are kept (their codes may be empty).
func ReadActors(name, src string) ([]Actor, error) {
	var errs ErrorList
	var out []Actor
	ls := lines(src)
	var cur *Actor
	for i, l := range ls {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		switch {
		case t[0] == '[':
			if cur == nil {
				errs = append(errs, &SyntaxError{name, i + 1, "code before any actor"})
				continue
			}
			codes, err := parseActorCodes(t)
			if err != nil {
				errs = append(errs, &SyntaxError{name, i + 1, err.Error()})
				continue
			}
			cur.Codes = append(cur.Codes, codes...)
		case t[0] == '+' && cur != nil:
			n, codes, err := splitNameCodes(t[1:])
			if err != nil {
				errs = append(errs, &SyntaxError{name, i + 1, err.Error()})
				continue
			}
			if len(n) > 0 {
				cur.Names = append(cur.Names, n)
			}
			cur.Codes = append(cur.Codes, codes...)
		default:
			n, codes, err := splitNameCodes(t)
			if err != nil {
				errs = append(errs, &SyntaxError{name, i + 1, err.Error()})
				continue
			}
			if len(n) == 0 {
				errs = append(errs, &SyntaxError{name, i + 1, fmt.Sprintf("no actor name in %q", t)})
				continue
			}
			out = append(out, Actor{Names: [][]string{n}, Codes: codes, Line: i + 1})
			cur = &out[len(out)-1]
		}
	}
	return out, errs.Err()
}

// splitNameCodes splits "NAME [CODE] [CODE2]" into the name's words and its codes.
func splitNameCodes(t string) ([]string, []DatedCode, error) {
	var codes []DatedCode
	name := t
	if i := strings.IndexByte(t, '['); i >= 0 {
		name = t[:i]
		cs, err := parseActorCodes(t[i:])
		if err != nil {
			return nil, nil, err
		}
		codes = cs
	}
	return nameWords(name), codes, nil
}

// nameWords splits a dictionary name on spaces and "_" into upper-case words.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
}

// parseActorCodes parses one or more "[CODE]", "[CODE <950601]", "[CODE 19950601 - 19990815]",
// "[CODE >990816]" groups.
func parseActorCodes(t string) ([]DatedCode, error) {
	var out []DatedCode
	for {
		i := strings.IndexByte(t, '[')
		if i < 0 {
			return out, nil
		}
		j := strings.IndexByte(t[i:], ']')
		if j < 0 {
			return nil, fmt.Errorf("unclosed code in %q", t)
		}
		in := strings.TrimSpace(t[i+1 : i+j])
		t = t[i+j+1:]
		if in == "" {
			continue
		}
		var c DatedCode
		f := strings.Fields(in)
		c.Code = f[0]
		rest := strings.Join(f[1:], "")
		if strings.HasPrefix(c.Code, "<") || strings.HasPrefix(c.Code, ">") || (len(c.Code) > 0 && c.Code[0] >= '0' && c.Code[0] <= '9') {
			// A date block without a code ("[950601-990815]"): malformed in the source; skip.
			continue
		}
		switch {
		case rest == "":
		case rest[0] == '<':
			c.To = fullDate(rest[1:], true)
		case rest[0] == '>':
			c.From = fullDate(rest[1:], false)
		default:
			a, b, _ := strings.Cut(rest, "-")
			c.From, c.To = fullDate(a, false), fullDate(b, false)
		}
		if rest != "" && c.From == "" && c.To == "" {
			continue // a malformed restriction ("GBRGOV >201005011") in the source: skipped
		}
		out = append(out, c)
	}
}

// fullDate expands YYMMDD (years < 30 are 20YY) or YYYYMMDD to YYYYMMDD; "" when malformed.
// before marks a "<" bound, which is exclusive: the day before is returned.
func fullDate(s string, before bool) string {
	s = strings.TrimSpace(s)
	for _, r := range s {
		if r < '0' || r > '9' {
			return ""
		}
	}
	switch len(s) {
	case 6:
		if s[:2] < "30" {
			s = "20" + s
		} else {
			s = "19" + s
		}
	case 8:
	default:
		return ""
	}
	if before {
		return dayBefore(s)
	}
	return s
}

// dayBefore returns the YYYYMMDD date before s (string arithmetic on a valid date).
func dayBefore(s string) string {
	y, m, d := atoi(s[:4]), atoi(s[4:6]), atoi(s[6:8])
	d--
	if d < 1 {
		m--
		if m < 1 {
			m = 12
			y--
		}
		d = daysIn(y, m)
	}
	return fmt.Sprintf("%04d%02d%02d", y, m, d)
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
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

// Agent is an agents dictionary entry: a noun phrase ("FOREIGN MINISTER") whose code is added
// to the actor it qualifies ("[~GOVFRM]": after the actor's code; "[NGO~]": before it).
// Plurals are the explicit plural forms given in braces; NoPlural is set for "{}" (no
// generated plural).
type Agent struct {
	Words    []string
	Plurals  [][]string
	NoPlural bool
	Code     string
	Prefix   bool // "[CODE~]": the code goes before the actor's
	Line     int
}

// ReadAgents parses a PETRARCH agents dictionary. "!NAME! = A, B" substitution lines are
// applied: an entry holding "!NAME!" is expanded into one entry per substitute.
func ReadAgents(name, src string) ([]Agent, error) {
	var errs ErrorList
	var out []Agent
	subs := map[string][]string{}
	for i, l := range lines(src) {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if t[0] == '!' {
			if k, v, ok := strings.Cut(t, "="); ok {
				key := strings.TrimSpace(k)
				for _, s := range strings.Split(v, ",") {
					if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
						subs[key] = append(subs[key], s)
					}
				}
				continue
			}
		}
		var a Agent
		a.Line = i + 1
		body := t
		ci := strings.IndexByte(body, '[')
		if ci < 0 {
			errs = append(errs, &SyntaxError{name, i + 1, fmt.Sprintf("agent %q has no code", t)})
			continue
		}
		cj := strings.IndexByte(body[ci:], ']')
		if cj < 0 {
			cj = strings.IndexByte(body[ci:], '}') // "[~ENV}" in the source
		}
		if cj < 0 {
			errs = append(errs, &SyntaxError{name, i + 1, fmt.Sprintf("agent %q: unclosed code", t)})
			continue
		}
		code := strings.ReplaceAll(body[ci+1:ci+cj], " ", "")
		body = body[:ci]
		switch {
		case strings.HasPrefix(code, "~"):
			a.Code = code[1:]
		case strings.HasSuffix(code, "~"):
			a.Code, a.Prefix = code[:len(code)-1], true
		default:
			a.Code = code
		}
		var plurals []string
		if bi := strings.IndexByte(body, '{'); bi >= 0 {
			bj := strings.IndexByte(body, '}')
			if bj < bi {
				errs = append(errs, &SyntaxError{name, i + 1, fmt.Sprintf("agent %q: unclosed plurals", t)})
				continue
			}
			plurals = strings.Fields(body[bi+1 : bj])
			a.NoPlural = len(plurals) == 0
			body = body[:bi] + body[bj+1:]
		}
		for _, n := range expandSubs(strings.TrimSpace(body), subs) {
			b := a
			b.Words = nameWords(n)
			if len(b.Words) == 0 {
				continue
			}
			b.Plurals = nil
			for _, p := range plurals {
				b.Plurals = append(b.Plurals, nameWords(p))
			}
			out = append(out, b)
		}
	}
	return out, errs.Err()
}

// expandSubs expands "!NAME!" markers in s with every substitute.
func expandSubs(s string, subs map[string][]string) []string {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return []string{s}
	}
	key := s[i : i+j+2]
	vals := subs[key]
	if len(vals) == 0 {
		return expandSubs(s[:i]+s[i+j+2:], subs)
	}
	var out []string
	for _, v := range vals {
		out = append(out, expandSubs(s[:i]+v+s[i+j+2:], subs)...)
	}
	return out
}

// Discard is a discard phrase: a sentence holding it is not coded; with Story set, the whole
// story is not.
type Discard struct {
	Words []string
	Story bool
	Line  int
}

// ReadDiscards parses a PETRARCH discards dictionary.
func ReadDiscards(name, src string) ([]Discard, error) {
	var errs ErrorList
	var out []Discard
	for i, l := range lines(src) {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		d := Discard{Line: i + 1}
		if t[0] == '+' {
			d.Story = true
			t = t[1:]
		}
		d.Words = nameWords(t)
		if len(d.Words) > 0 {
			out = append(out, d)
		}
	}
	return out, errs.Err()
}

// Issue is one issue phrase of an issues dictionary: Words (a "n:" prefix marks a noun that
// also matches its plural, kept in Nouns), the issue Code and its Category; Negative phrases
// ("~a head start") cancel the category where they occur.
type Issue struct {
	Category string
	Words    []string
	Nouns    []bool
	Code     string
	Negative bool
	Line     int
}

// ReadIssues parses a PETRARCH issues dictionary (<ISSUE CATEGORY="…"> blocks).
func ReadIssues(name, src string) ([]Issue, error) {
	var errs ErrorList
	var out []Issue
	cat := ""
	raw := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i, l := range raw {
		t := strings.TrimSpace(stripComment(l))
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "<ISSUE") {
			if j := strings.Index(t, `CATEGORY="`); j >= 0 {
				rest := t[j+10:]
				if k := strings.IndexByte(rest, '"'); k >= 0 {
					cat = rest[:k]
				}
			}
			continue
		}
		if strings.HasPrefix(t, "</ISSUE") {
			cat = ""
			continue
		}
		if strings.HasPrefix(t, "<") {
			continue
		}
		is := Issue{Category: cat, Line: i + 1}
		if t[0] == '~' {
			is.Negative = true
			t = t[1:]
		}
		if ci := strings.IndexByte(t, '['); ci >= 0 {
			cj := strings.IndexByte(t[ci:], ']')
			if cj < 0 {
				errs = append(errs, &SyntaxError{name, i + 1, "unclosed issue code"})
				continue
			}
			is.Code = strings.TrimSpace(t[ci+1 : ci+cj])
			t = t[:ci]
		}
		for _, f := range strings.Fields(strings.ToUpper(t)) {
			for _, w := range strings.Split(f, "+") {
				noun := strings.HasPrefix(w, "N:")
				w = strings.TrimPrefix(w, "N:")
				if w == "" {
					continue
				}
				is.Words = append(is.Words, w)
				is.Nouns = append(is.Nouns, noun)
			}
		}
		if len(is.Words) > 0 {
			out = append(out, is)
		}
	}
	return out, nil
}
