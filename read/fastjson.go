package read

import (
	"encoding/json"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// fastRecord decodes the common JSON Lines record, one object whose fields are the record's
// own (in lower case, each once) with string values (a string or a number for "id"), without
// encoding/json's reflection. It reports false for anything else, malformed input included,
// which encoding/json then decodes (or reports) as before: where it reports true, r is what
// json.Decoder.Decode gives and nothing follows the object. data must be valid UTF-8.
func fastRecord(data []byte) (r record, ok bool) {
	p := skipSpace(data, 0)
	if p >= len(data) || data[p] != '{' {
		return r, false
	}
	p = skipSpace(data, p+1)
	if p < len(data) && data[p] == '}' {
		return r, skipSpace(data, p+1) == len(data)
	}
	var seen uint16
	for {
		if p >= len(data) || data[p] != '"' {
			return r, false
		}
		kstart := p + 1
		kend := kstart
		for kend < len(data) && data[kend] != '"' && data[kend] != '\\' && data[kend] >= 0x20 {
			kend++
		}
		if kend >= len(data) || data[kend] != '"' {
			return r, false
		}
		field := recordField(string(data[kstart:kend]))
		if field < 0 || seen&(1<<field) != 0 {
			return r, false
		}
		seen |= 1 << field
		p = skipSpace(data, kend+1)
		if p >= len(data) || data[p] != ':' {
			return r, false
		}
		p = skipSpace(data, p+1)
		if p >= len(data) {
			return r, false
		}
		if field == fieldID && data[p] != '"' {
			end := scanNumber(data, p)
			if end < 0 {
				return r, false
			}
			r.ID = json.RawMessage(append([]byte(nil), data[p:end]...))
			p = end
		} else {
			s, end, ok := scanString(data, p)
			if !ok {
				return r, false
			}
			switch field {
			case fieldID:
				r.ID = json.RawMessage(append([]byte(nil), data[p:end]...))
			case fieldURL:
				r.URL = s
			case fieldOutlet:
				r.Outlet = s
			case fieldDate:
				r.Date = s
			case fieldPublished:
				r.Published = s
			case fieldTitle:
				r.Title = s
			case fieldText:
				r.Text = &s
			case fieldBody:
				r.Body = &s
			case fieldLang:
				r.Lang = s
			case fieldHTML:
				r.HTML = &s
			}
			p = end
		}
		p = skipSpace(data, p)
		if p >= len(data) {
			return r, false
		}
		switch data[p] {
		case ',':
			p = skipSpace(data, p+1)
		case '}':
			return r, skipSpace(data, p+1) == len(data)
		default:
			return r, false
		}
	}
}

const (
	fieldID = iota
	fieldURL
	fieldOutlet
	fieldDate
	fieldPublished
	fieldTitle
	fieldText
	fieldBody
	fieldLang
	fieldHTML
)

// recordField returns the field of a record key, or -1 (keys in other cases included:
// encoding/json matches those too, and decodes them).
func recordField(k string) int {
	switch k {
	case "id":
		return fieldID
	case "url":
		return fieldURL
	case "outlet":
		return fieldOutlet
	case "date":
		return fieldDate
	case "published":
		return fieldPublished
	case "title":
		return fieldTitle
	case "text":
		return fieldText
	case "body":
		return fieldBody
	case "lang":
		return fieldLang
	case "html":
		return fieldHTML
	}
	return -1
}

func skipSpace(data []byte, p int) int {
	for p < len(data) {
		switch data[p] {
		case ' ', '\t', '\n', '\r':
			p++
		default:
			return p
		}
	}
	return p
}

// scanNumber returns the end of the JSON number starting at p, or -1.
func scanNumber(data []byte, p int) int {
	digits := func(p int) int {
		q := p
		for q < len(data) && data[q] >= '0' && data[q] <= '9' {
			q++
		}
		return q
	}
	if p < len(data) && data[p] == '-' {
		p++
	}
	switch {
	case p < len(data) && data[p] == '0':
		p++
	case p < len(data) && data[p] >= '1' && data[p] <= '9':
		p = digits(p)
	default:
		return -1
	}
	if p < len(data) && data[p] == '.' {
		q := digits(p + 1)
		if q == p+1 {
			return -1
		}
		p = q
	}
	if p < len(data) && (data[p] == 'e' || data[p] == 'E') {
		p++
		if p < len(data) && (data[p] == '+' || data[p] == '-') {
			p++
		}
		q := digits(p)
		if q == p {
			return -1
		}
		p = q
	}
	return p
}

// scanString decodes the JSON string starting at p (its quote) as encoding/json does and
// returns it and the offset past it; false when it is not a valid JSON string.
func scanString(data []byte, p int) (string, int, bool) {
	if p >= len(data) || data[p] != '"' {
		return "", 0, false
	}
	start := p + 1
	q := start
	for q < len(data) && data[q] != '"' && data[q] != '\\' && data[q] >= 0x20 {
		q++
	}
	if q < len(data) && data[q] == '"' {
		return string(data[start:q]), q + 1, true // no escapes
	}
	b := make([]byte, 0, len(data)-start)
	b = append(b, data[start:q]...)
	for q < len(data) {
		c := data[q]
		switch {
		case c == '"':
			return string(b), q + 1, true
		case c < 0x20:
			return "", 0, false
		case c != '\\':
			b = append(b, c)
			q++
			continue
		}
		if q+1 >= len(data) {
			return "", 0, false
		}
		switch e := data[q+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			rr := hex4(data, q+2)
			if rr < 0 {
				return "", 0, false
			}
			q += 6
			if utf16.IsSurrogate(rr) {
				if q+1 < len(data) && data[q] == '\\' && data[q+1] == 'u' {
					if rr1 := hex4(data, q+2); rr1 >= 0 {
						if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
							q += 6
							b = utf8.AppendRune(b, dec)
							continue
						}
					}
				}
				rr = unicode.ReplacementChar
			}
			b = utf8.AppendRune(b, rr)
			continue
		default:
			return "", 0, false
		}
		q += 2
	}
	return "", 0, false
}

// hex4 returns the value of the four hex digits at data[p:], or -1.
func hex4(data []byte, p int) rune {
	if p+4 > len(data) {
		return -1
	}
	var r rune
	for _, c := range data[p : p+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}
