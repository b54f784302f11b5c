// Package petrarch reads the files of the PETRARCH event coder: its dictionaries (verbs with
// patterns and synonym sets, actors with date-restricted codes, agents, discards, issues) and
// its validation record files (the unit-test XML and the not-well-formed GSR file, read record
// by record as text).
//
// The readers only parse: they keep the dictionaries' own words (upper case, "_" joins) and
// codes, and leave matching to the coder (package events). Every reader reports the line of
// a malformed entry in a *SyntaxError, collected in an ErrorList: a reader skips such lines and
// returns what it could read together with the list. Comments are skipped ("#" to end of line, "<!-- … -->"
// blocks).
package petrarch

import (
	"fmt"
	"strings"
)

// SyntaxError is a malformed line in a dictionary or record file.
type SyntaxError struct {
	File string // file name, when known
	Line int    // 1-based
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// ErrorList is the list of malformed lines a reader skipped; the entries of the other lines
// are still returned.
type ErrorList []*SyntaxError

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns l as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// stripComment removes a "#" comment from a dictionary line.
// A "#" inside "[…]" (the test code "[###]") is not a comment.
func stripComment(s string) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#':
			if depth == 0 {
				return s[:i]
			}
		}
	}
	return s
}

// lines splits a dictionary into lines with "<!-- … -->" comment blocks blanked (line numbers
// are kept) and "#" comments removed. A line starting with "<!" that is not closed on its line
// (e.g. "<! -- NEW ACTORS -->") is treated as a one-line comment.
func lines(src string) []string {
	raw := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	out := make([]string, len(raw))
	inComment := false
	for i, l := range raw {
		var b strings.Builder
		rest := l
		for rest != "" {
			if inComment {
				j := strings.Index(rest, "-->")
				if j < 0 {
					rest = ""
					break
				}
				rest = rest[j+3:]
				inComment = false
				continue
			}
			j := strings.Index(rest, "<!--")
			if j < 0 {
				b.WriteString(rest)
				break
			}
			b.WriteString(rest[:j])
			rest = rest[j+4:]
			inComment = true
		}
		s := stripComment(b.String())
		if t := strings.TrimSpace(s); strings.HasPrefix(t, "<!") || strings.HasPrefix(t, "</") || (strings.HasPrefix(t, "<") && strings.HasSuffix(t, ">")) {
			s = ""
		}
		out[i] = s
	}
	return out
}

// Code is a CAMEO event code of a verb or pattern: Main codes the event from source to target;
// Reverse, when not "", codes a second event from target to source ("[032:033]": a visit and
// the hosting of it). Main may be "" ("[:173]": only the reverse event) and "---" means "no
// event".
type Code struct {
	Main, Reverse string
}

// IsNull reports whether the code produces no event.
func (c Code) IsNull() bool { return nullCode(c.Main) && nullCode(c.Reverse) }

func nullCode(s string) bool {
	return s == "" || strings.Trim(s, "-") == ""
}

func (c Code) String() string {
	if c.Reverse == "" {
		return "[" + c.Main + "]"
	}
	return "[" + c.Main + ":" + c.Reverse + "]"
}

// parseCode parses the inside of "[...]".
func parseCode(s string) Code {
	s = strings.TrimSpace(s)
	if m, r, ok := strings.Cut(s, ":"); ok {
		return Code{Main: strings.TrimSpace(m), Reverse: strings.TrimSpace(r)}
	}
	return Code{Main: s}
}
