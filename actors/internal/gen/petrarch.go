package main

// A reader for the PETRARCH / TABARI actor and agent dictionaries (Phoenix.*.actors.txt,
// Phoenix.agents.txt). It is the generator's own reading of the syntax; when the events
// package exports a parser for these files the two should be merged.
//
// Actor files: an entry starts with a root phrase at the start of a line (words joined by
// underscores, a trailing "_" marks a whole word); lines starting with "+" add synonyms; codes
// in square brackets follow on the root line or on indented lines:
//
//	VLADIMIR_PUTIN_  # comment
//	+PUTIN_
//		[RUSELI 700101-990809]
//		[RUSGOV >080508]
//		[RUSELI]
//
// A code may carry a date restriction: ">yymmdd" (from), "<yymmdd" (until), "yymmdd-yymmdd"
// (a range); dates have 6 (two-digit year) or 8 digits. "[---]" is the null code. Entries
// without any code are dropped. Agent files: "PHRASE [~CODE]" lines, "!SET! = A, B" substitution
// sets used as "FOREIGN_!MINIST!", and "{PLURAL}" alternates.

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// pEntry is one actor entry of a PETRARCH dictionary.
type pEntry struct {
	Root     string   // the root phrase, underscores as in the file
	Synonyms []string // "+" lines
	Codes    []pCode
	Comment  string // the comment on the root line
	Line     int
}

// pCode is one bracketed code, with its date restriction (zero times when open).
type pCode struct {
	Code     string
	From, To time.Time // From inclusive, To exclusive; zero = open
}

func (c pCode) dated() bool { return !c.From.IsZero() || !c.To.IsZero() }

// readPetrarchActors reads an actor dictionary file.
func readPetrarchActors(path string) ([]pEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("readPetrarchActors: %w", err)
	}
	defer f.Close()
	var out []pEntry
	var cur *pEntry
	flush := func() {
		if cur != nil && len(cur.Codes) > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		line, comment, _ := strings.Cut(raw, "#")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		switch {
		case trimmed[0] == '+':
			if cur == nil {
				continue
			}
			phrase, codes := splitCodes(trimmed[1:])
			if phrase != "" {
				cur.Synonyms = append(cur.Synonyms, phrase)
			}
			cur.Codes = append(cur.Codes, codes...)
		case indented && trimmed[0] == '[':
			if cur == nil {
				continue
			}
			_, codes := splitCodes(trimmed)
			cur.Codes = append(cur.Codes, codes...)
		default:
			flush()
			phrase, codes := splitCodes(trimmed)
			if phrase == "" {
				continue
			}
			cur = &pEntry{Root: phrase, Codes: codes, Comment: strings.TrimSpace(comment), Line: n}
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("readPetrarchActors(%s): %w", path, err)
	}
	return out, nil
}

// splitCodes splits "NAME_ [AAA] [BBB 010101-020202]" into the phrase and its codes.
func splitCodes(s string) (string, []pCode) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return cleanPhrase(s), nil
	}
	phrase := cleanPhrase(s[:i])
	var codes []pCode
	rest := s[i:]
	for {
		a := strings.IndexByte(rest, '[')
		if a < 0 {
			break
		}
		b := strings.IndexByte(rest[a:], ']')
		if b < 0 {
			break
		}
		if c, ok := parseCode(rest[a+1 : a+b]); ok {
			codes = append(codes, c)
		}
		rest = rest[a+b+1:]
	}
	return phrase, codes
}

// cleanPhrase turns the phrase part of a line into a canonical underscore phrase: inner
// whitespace becomes "_" (the files hold a few "CARLOS SANTOS_CRUZ_"-style slips).
func cleanPhrase(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(s), "_")
}

// parseCode parses the inside of a bracket: "RUSGOV", "RUSGOV >080508", "---", "~GOV".
func parseCode(s string) (pCode, bool) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return pCode{}, false
	}
	c := pCode{Code: strings.TrimPrefix(f[0], "~")}
	if c.Code == "---" || c.Code == "" {
		c.Code = "---"
	}
	if len(f) == 1 {
		return c, true
	}
	d := strings.Join(f[1:], "")
	var err error
	switch {
	case d[0] == '>':
		c.From, err = parsePDate(d[1:])
	case d[0] == '<':
		c.To, err = parsePDate(d[1:])
		c.To = c.To.AddDate(0, 0, 1)
	default:
		a, b, ok := strings.Cut(d, "-")
		if !ok {
			return pCode{}, false
		}
		if c.From, err = parsePDate(a); err == nil {
			c.To, err = parsePDate(b)
			c.To = c.To.AddDate(0, 0, 1)
		}
	}
	if err != nil {
		return pCode{}, false
	}
	return c, true
}

// parsePDate reads yymmdd (years 30–99 → 19xx, 00–29 → 20xx) or yyyymmdd.
func parsePDate(s string) (time.Time, error) {
	if len(s) != 6 && len(s) != 8 {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	if _, err := strconv.Atoi(s); err != nil {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	var y int
	if len(s) == 6 {
		y, _ = strconv.Atoi(s[:2])
		if y < 30 {
			y += 2000
		} else {
			y += 1900
		}
		s = s[2:]
	} else {
		y, _ = strconv.Atoi(s[:4])
		s = s[4:]
	}
	m, _ := strconv.Atoi(s[:2])
	dd, _ := strconv.Atoi(s[2:])
	if m < 1 || m > 12 || dd < 1 || dd > 31 {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC), nil
}

// pAgent is one agent phrase (lower case, words separated by spaces) and its code.
type pAgent struct {
	Phrase string
	Code   string
}

// readPetrarchAgents reads an agents dictionary, expanding substitution sets and plural
// alternates.
func readPetrarchAgents(path string) ([]pAgent, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("readPetrarchAgents: %w", err)
	}
	defer f.Close()
	sets := map[string][]string{}
	var out []pAgent
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if line[0] == '!' {
			if name, vals, ok := strings.Cut(line, "="); ok {
				var vs []string
				for _, v := range strings.Split(vals, ",") {
					if v = strings.TrimSpace(v); v != "" {
						vs = append(vs, v)
					}
				}
				sets[strings.TrimSpace(name)] = vs
			}
			continue
		}
		i := strings.IndexByte(line, '[')
		j := strings.IndexByte(line, ']')
		if i < 0 || j < i {
			continue
		}
		c, ok := parseCode(line[i+1 : j])
		if !ok || c.Code == "---" {
			continue
		}
		head := line[:i]
		var alts []string
		if a := strings.IndexByte(head, '{'); a >= 0 {
			if b := strings.IndexByte(head[a:], '}'); b > 0 {
				if alt := cleanPhrase(head[a+1 : a+b]); alt != "" {
					alts = append(alts, alt)
				}
				head = head[:a]
			}
		}
		phrases := expandSets(cleanPhrase(head), sets)
		for _, a := range alts {
			phrases = append(phrases, expandSets(a, sets)...)
		}
		for _, p := range phrases {
			p = strings.ToLower(strings.Trim(strings.ReplaceAll(p, "_", " "), " "))
			if p != "" {
				out = append(out, pAgent{Phrase: p, Code: c.Code})
			}
		}
	}
	return out, sc.Err()
}

// expandSets replaces each "!SET!" in p by every member of the set.
func expandSets(p string, sets map[string][]string) []string {
	a := strings.IndexByte(p, '!')
	if a < 0 {
		return []string{p}
	}
	b := strings.IndexByte(p[a+1:], '!')
	if b < 0 {
		return []string{strings.ReplaceAll(p, "!", "")}
	}
	name := p[a : a+b+2]
	members, ok := sets[name]
	if !ok {
		return expandSets(p[:a]+p[a+b+2:], sets)
	}
	var out []string
	for _, m := range members { // glued forms: "CATTLE!PERSON!" → "CATTLEMAN"
		out = append(out, expandSets(p[:a]+m+p[a+b+2:], sets)...)
	}
	return out
}
