package timex

import (
	"chronicle/text"
)

// unit is one word of the grammar: a token, or a piece of a hyphenated token ("third-quarter"
// → "third" "quarter"; "mid-1990s" → "mid" "1990s").
type unit struct {
	s, e int32 // byte span in the text
	tok  int32 // token index
	lx   lex
	// num is the value of a number written in digits (-1 when the unit is not one); nd its
	// number of digits.
	num int32
	nd  int8
	// kind of digit unit: dPlain (123, 1,000), dDecade (1990s, 80s), dOrd (3rd), dTime (10:00,
	// 10am), dDate (7/3/2025, 2025-07-03), dFrac (1/2).
	dk       uint8
	hh, mm   int8 // dTime: hours and minutes (mm = -1 when none); ampm 1 a.m., 2 p.m.
	ampm     int8
	y, m, d  int16 // dDate
	cap      bool  // first letter upper case
	allCaps  bool  // every letter upper case (and more than one)
	hyph     bool  // joined to the next unit by a hyphen
	punct    byte  // the unit is this punctuation character (',' '.' '\'' …), else 0
	poss     bool  // ends in 's (possessive): "1998's", "year's"
	sentence int32 // index of the sentence
}

const (
	dNone uint8 = iota
	dPlain
	dDecade
	dOrd
	dTime
	dDate
	dFrac
)

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }

// lower writes the ASCII lower case of s into buf (which must be long enough) and returns it.
func lower(buf []byte, s string) []byte {
	buf = buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf
}

// buildUnits appends the units of d to us.
func buildUnits(d *text.Doc, us []unit) []unit {
	var buf [32]byte
	sent := 0
	for ti := range d.Tokens {
		t := &d.Tokens[ti]
		for sent+1 < len(d.Sentences) && d.Sentences[sent+1].First <= ti {
			sent++
		}
		s, e := int(t.Start), int(t.End)
		w := d.Text[s:e]
		// A clitic 's (split off by the tokenizer) marks the unit before it as possessive.
		if n := len(us); n > 0 && (w == "'s" || w == "’s" || w == "'S") && us[n-1].e == int32(s) {
			us[n-1].poss = true
			continue
		}
		if t.Kind == text.Punct || t.Kind == text.Quote || t.Kind == text.Symbol {
			u := unit{s: int32(s), e: int32(e), tok: int32(ti), num: -1, sentence: int32(sent)}
			if len(w) == 1 {
				u.punct = w[0]
			} else if w == "’" || w == "‘" {
				u.punct = '\''
			} else {
				u.punct = '?'
			}
			us = append(us, u)
			continue
		}
		// Split on hyphens (not inside ISO dates such as 2025-07-03 or ranges 1990-91).
		if t.Kind == text.Number && isISODate(w) {
			us = append(us, makeUnit(w, s, ti, sent, buf[:]))
			continue
		}
		start := s
		for i := s; i <= e; i++ {
			if i == e || d.Text[i] == '-' {
				if i > start {
					u := makeUnit(d.Text[start:i], start, ti, sent, buf[:])
					u.hyph = i < e
					us = append(us, u)
				}
				start = i + 1
			}
		}
	}
	return us
}

func isISODate(w string) bool {
	return len(w) == 10 && w[4] == '-' && w[7] == '-' && isDigit(w[0]) && isDigit(w[5]) && isDigit(w[8])
}

func makeUnit(w string, s, ti, sent int, buf []byte) unit {
	u := unit{s: int32(s), e: int32(s + len(w)), tok: int32(ti), num: -1, sentence: int32(sent)}
	if len(w) == 0 {
		return u
	}
	u.cap = isUpper(w[0])
	if u.cap && len(w) > 1 {
		u.allCaps = true
		for i := 1; i < len(w); i++ {
			if c := w[i]; c >= 'a' && c <= 'z' {
				u.allCaps = false
				break
			}
		}
	}
	// Possessive 's / ’s kept on the token ("1998's").
	if n := len(w); n > 2 && (w[n-2] == '\'' && (w[n-1] == 's' || w[n-1] == 'S')) {
		u.poss = true
		w = w[:n-2]
		u.e = int32(s + len(w))
	} else if n > 4 && w[n-4:n-1] == "’" && w[n-1] == 's' {
		u.poss = true
		w = w[:n-4]
		u.e = int32(s + len(w))
	}
	if isDigit(w[0]) {
		parseDigits(&u, w)
		return u
	}
	if len(w) <= len(buf) {
		if x, ok := lexicon[string(lower(buf, w))]; ok {
			u.lx = x
		}
	}
	return u
}

// parseDigits fills in the number fields of u from w (which starts with a digit).
func parseDigits(u *unit, w string) {
	n, i := 0, 0
	nd := 0
	for i < len(w) && (isDigit(w[i]) || (w[i] == ',' && i+3 < len(w)+0 && i+1 < len(w) && isDigit(w[i+1]))) {
		if w[i] != ',' {
			if n < 1e8 {
				n = n*10 + int(w[i]-'0')
			}
			nd++
		}
		i++
	}
	rest := w[i:]
	switch {
	case rest == "":
		u.num, u.nd, u.dk = int32(n), int8(nd), dPlain
	case rest == "s" && (nd == 4 || nd == 2) && n%10 == 0:
		u.num, u.nd, u.dk = int32(n), int8(nd), dDecade
	case (rest == "st" || rest == "nd" || rest == "rd" || rest == "th") && nd <= 2:
		u.num, u.nd, u.dk = int32(n), int8(nd), dOrd
	case rest[0] == ':' && nd <= 2:
		// 10:00, 10:00am, 9:30pm, 10:00:00
		if len(rest) >= 3 && isDigit(rest[1]) && isDigit(rest[2]) {
			mm := int(rest[1]-'0')*10 + int(rest[2]-'0')
			tail := rest[3:]
			if len(tail) >= 3 && tail[0] == ':' && isDigit(tail[1]) && isDigit(tail[2]) {
				tail = tail[3:]
			}
			ap := ampmSuffix(tail)
			if n <= 24 && mm < 60 && ap >= 0 {
				u.dk, u.hh, u.mm, u.ampm, u.num = dTime, int8(n), int8(mm), int8(ap), int32(n)
			}
		}
	case nd <= 2 && ampmSuffix(rest) > 0:
		if n >= 1 && n <= 12 {
			u.dk, u.hh, u.mm, u.ampm, u.num = dTime, int8(n), -1, int8(ampmSuffix(rest)), int32(n)
		}
	case rest[0] == '/':
		// M/D/YYYY, M/D/YY, M/D, 1/2
		a, b, c, ok := slashDate(n, rest)
		if ok {
			if c < 0 && a == 1 && b <= 4 && nd == 1 { // a fraction: 1/2, 1/4
				u.dk, u.num, u.m, u.d = dFrac, int32(n), int16(a), int16(b)
				return
			}
			u.dk, u.m, u.d, u.y = dDate, int16(a), int16(b), int16(c)
		}
	case rest[0] == '-' && nd == 4 && len(rest) == 6 && rest[3] == '-':
		// YYYY-MM-DD
		m := int(rest[1]-'0')*10 + int(rest[2]-'0')
		d := int(rest[4]-'0')*10 + int(rest[5]-'0')
		if m >= 1 && m <= 12 && d >= 1 && d <= 31 && isDigit(rest[1]) && isDigit(rest[2]) && isDigit(rest[4]) && isDigit(rest[5]) {
			u.dk, u.y, u.m, u.d = dDate, int16(n), int16(m), int16(d)
		}
	}
}

// ampmSuffix returns 1 for am, 2 for pm, 0 for "" and -1 for anything else.
func ampmSuffix(s string) int {
	switch s {
	case "":
		return 0
	case "am", "a.m.", "AM", "A.M.", "a.m", "A.M":
		return 1
	case "pm", "p.m.", "PM", "P.M.", "p.m", "P.M":
		return 2
	}
	return -1
}

// slashDate parses "/D/YYYY", "/D/YY" or "/D" after a month number m. It returns month, day
// and year (-1 when absent).
func slashDate(m int, rest string) (int, int, int, bool) {
	num := func(s string) (int, int) {
		n, i := 0, 0
		for i < len(s) && isDigit(s[i]) && i < 4 {
			n = n*10 + int(s[i]-'0')
			i++
		}
		return n, i
	}
	d, k := num(rest[1:])
	if k == 0 || k > 2 {
		return 0, 0, 0, false
	}
	rest = rest[1+k:]
	y := -1
	if rest != "" {
		if rest[0] != '/' {
			return 0, 0, 0, false
		}
		var k2 int
		y, k2 = num(rest[1:])
		if k2 != 2 && k2 != 4 || 1+k2 != len(rest) {
			return 0, 0, 0, false
		}
		if k2 == 2 {
			if y < 50 {
				y += 2000
			} else {
				y += 1900
			}
		}
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, 0, 0, false
	}
	return m, d, y, true
}
