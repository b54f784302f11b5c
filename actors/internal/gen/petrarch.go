package main

// The PETRARCH / TABARI actor and agent dictionaries (Phoenix.*.actors.txt, Phoenix.agents.txt)
// are read with the petrarch package's readers; this file adapts their entries to the
// generator's needs (time ranges with an exclusive end, lower-case agent phrases).

import (
	"fmt"
	"os"
	"strings"
	"time"

	"chronicle/petrarch"
)

// pEntry is one actor entry of a PETRARCH dictionary.
type pEntry struct {
	Root     string   // the root phrase, words joined by "_"
	Synonyms []string // "+" lines
	Codes    []pCode
	Line     int
}

// pCode is one bracketed code, with its date restriction (zero times when open).
type pCode struct {
	Code     string
	From, To time.Time // From inclusive, To exclusive; zero = open
}

func (c pCode) dated() bool { return !c.From.IsZero() || !c.To.IsZero() }

// readPetrarchActors reads an actor dictionary file. Entries without any code are dropped;
// lines the reader rejects are reported and skipped.
func readPetrarchActors(path string) ([]pEntry, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("readPetrarchActors: %w", err)
	}
	as, err := petrarch.ReadActors(path, string(src))
	if err != nil {
		n := strings.Count(err.Error(), "\n") + 1
		fmt.Fprintf(os.Stderr, "gen: %s: %d malformed lines skipped\n", path, n)
	}
	var out []pEntry
	// Entries without codes take the codes of the entry that follows them (PETRARCH lists
	// several name forms as roots before one code block), when they share a name word with it.
	var pending [][]string
	for _, a := range as {
		if len(a.Names) == 0 {
			continue
		}
		if len(a.Codes) == 0 {
			pending = append(pending, a.Names...)
			continue
		}
		names := a.Names
		if len(pending) > 0 && shareWord(pending, a.Names) {
			names = append(pending, a.Names...)
		}
		pending = nil
		e := pEntry{Root: strings.Join(names[0], "_"), Line: a.Line}
		for _, n := range names[1:] {
			e.Synonyms = append(e.Synonyms, strings.Join(n, "_"))
		}
		for _, c := range a.Codes {
			pc := pCode{Code: strings.TrimPrefix(c.Code, "~")}
			if pc.Code == "" {
				pc.Code = "---"
			}
			var ok1, ok2 bool
			pc.From, ok1 = ymd(c.From)
			pc.To, ok2 = ymd(c.To)
			if !ok1 || !ok2 {
				continue
			}
			if !pc.To.IsZero() {
				pc.To = pc.To.AddDate(0, 0, 1) // inclusive → exclusive
			}
			e.Codes = append(e.Codes, pc)
		}
		if len(e.Codes) > 0 {
			out = append(out, e)
		}
	}
	return out, nil
}

// shareWord reports whether two lists of names share a word of three letters or more that is
// not a title ("GORBACHEV" in MIKHAIL_S._GORBACHEV and GENERAL_SECRETARY_GORBACHEV).
func shareWord(a, b [][]string) bool {
	words := map[string]bool{}
	for _, n := range a {
		for _, w := range n {
			if len(w) >= 3 && !titleWords[w] {
				words[w] = true
			}
		}
	}
	for _, n := range b {
		for _, w := range n {
			if words[w] {
				return true
			}
		}
	}
	return false
}

// ymd parses YYYYMMDD ("" is the zero time).
func ymd(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse("20060102", s)
	return t, err == nil
}

// pAgent is one agent phrase (lower case, words separated by spaces) and its code.
type pAgent struct {
	Phrase string
	Code   string
}

// readPetrarchAgents reads an agents dictionary: every phrase and its explicit plurals.
func readPetrarchAgents(path string) ([]pAgent, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("readPetrarchAgents: %w", err)
	}
	as, err := petrarch.ReadAgents(path, string(src))
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %s: %d malformed lines skipped\n", path, strings.Count(err.Error(), "\n")+1)
	}
	var out []pAgent
	for _, a := range as {
		if a.Prefix || a.Code == "" || a.Code == "---" {
			continue
		}
		out = append(out, pAgent{Phrase: strings.ToLower(strings.Join(a.Words, " ")), Code: a.Code})
		for _, p := range a.Plurals {
			out = append(out, pAgent{Phrase: strings.ToLower(strings.Join(p, " ")), Code: a.Code})
		}
	}
	return out, nil
}
