// Package norm builds the lookup keys of the actors knowledge base: a spelling key that ignores
// case, diacritics, periods, hyphens and apostrophes ("U.S." → "us", "Ki-moon" → "ki moon",
// "Zelenskyy" → "zelenskyy"), and a variant key that also merges common transliteration variants
// ("Zelensky", "Zelenskiy", "Zelenskyy", "Selenskyj" → "selenski"; "Medwedew" → "medvedev").
//
// Both the generator (actors/internal/gen) and the runtime (actors) use these functions, so the
// keys stored in the embedded KB and the keys computed from article text always agree.
package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key returns the spelling key of s: lower case ASCII where a Latin letter has an ASCII base,
// words separated by one space; periods and apostrophes removed; hyphens, underscores, slashes
// and other punctuation act as word breaks. A leading "the " is kept (callers strip articles).
func Key(s string) string {
	return string(AppendKey(make([]byte, 0, len(s)), s))
}

// AppendKey appends the key of s to dst, preceded by a space when dst is not empty and s yields
// any characters, so that the keys of consecutive tokens join into the key of the phrase.
func AppendKey(dst []byte, s string) []byte {
	pendingSpace := len(dst) > 0
	wrote := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '&':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '.' || c == '\'' || c == '`':
				continue
			default: // space, hyphen, underscore, other punctuation: a word break
				if wrote {
					pendingSpace = true
				}
				continue
			}
			if pendingSpace {
				dst = append(dst, ' ')
				pendingSpace = false
			}
			dst = append(dst, c)
			wrote = true
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\u2019' || r == '\u2018' || r == '\u02BC' || r == '\u00B7' {
			continue // typographic apostrophes
		}
		f := Fold(r)
		if f == "" {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if pendingSpace {
					dst = append(dst, ' ')
					pendingSpace = false
				}
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
				wrote = true
			} else if wrote {
				pendingSpace = true
			}
			continue
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		dst = append(dst, f...)
		wrote = true
	}
	return dst
}

// Fold returns the lower-case ASCII base of a Latin letter with diacritics ("é" → "e",
// "ß" → "ss"), or "" when r has none.
func Fold(r rune) string {
	if r < 0xC0 || r > 0x24F {
		return ""
	}
	return foldTable[r-0xC0]
}

var foldTable = func() [0x250 - 0xC0]string {
	var t [0x250 - 0xC0]string
	set := func(base string, runes string) {
		for _, r := range runes {
			t[r-0xC0] = base
		}
	}
	set("a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǺǻ")
	set("ae", "ÆæǼǽ")
	set("c", "ÇçĆćĈĉĊċČč")
	set("d", "ĎďĐđÐð")
	set("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě")
	set("g", "ĜĝĞğĠġĢģ")
	set("h", "ĤĥĦħ")
	set("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐ")
	set("ij", "Ĳĳ")
	set("j", "Ĵĵ")
	set("k", "Ķķĸ")
	set("l", "ĹĺĻļĽľĿŀŁł")
	set("n", "ÑñŃńŅņŇňŉŊŋ")
	set("o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐőǑǒǾǿ")
	set("oe", "Œœ")
	set("r", "ŔŕŖŗŘř")
	set("s", "ŚśŜŝŞşŠšſȘș")
	set("ss", "ß")
	set("t", "ŢţŤťŦŧȚț")
	set("th", "Þþ")
	set("u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųǓǔǕǖǗǘǙǚǛǜ")
	set("w", "Ŵŵ")
	set("y", "ÝýÿŶŷŸ")
	set("z", "ŹźŻżŽž")
	return t
}()

// Variant returns the variant key of a spelling key (the result of Key): transliteration
// variants of one name share it. It maps w→v, j→i, y→i, z→s, q→k, x→ks, c→k (but keeps "ch"),
// "kh"→"h", "ph"→"f", "tch"→"ch", "sch"→"sh", "ou"→"u", "ck"→"k", and collapses doubled letters.
// It is meant for names of people, as a fallback after an exact key lookup.
func Variant(key string) string {
	out := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		next := byte(0)
		if i+1 < len(key) {
			next = key[i+1]
		}
		switch c {
		case 't':
			if next == 'c' && i+2 < len(key) && key[i+2] == 'h' {
				continue // tch → ch
			}
		case 's':
			if next == 'c' && i+2 < len(key) && key[i+2] == 'h' {
				out = appendCollapsed(out, 's')
				out = appendCollapsed(out, 'h')
				i += 2
				continue
			}
		case 'k':
			if next == 'h' {
				out = appendCollapsed(out, 'h')
				i++
				continue
			}
		case 'p':
			if next == 'h' {
				out = appendCollapsed(out, 'f')
				i++
				continue
			}
		case 'o':
			if next == 'u' {
				out = appendCollapsed(out, 'u')
				i++
				continue
			}
		case 'c':
			if next == 'h' {
				out = appendCollapsed(out, 'c')
				out = appendCollapsed(out, 'h')
				i++
				continue
			}
			if next == 'k' {
				continue
			}
			c = 'k'
		case 'w':
			c = 'v'
		case 'j', 'y':
			c = 'i'
		case 'z':
			c = 's'
		case 'q':
			c = 'k'
		case 'x':
			out = appendCollapsed(out, 'k')
			c = 's'
		}
		out = appendCollapsed(out, c)
	}
	return string(out)
}

func appendCollapsed(out []byte, c byte) []byte {
	if n := len(out); n > 0 && out[n-1] == c && c != ' ' {
		return out
	}
	return append(out, c)
}

// Title converts an upper-case dictionary name ("VLADIMIR_PUTIN_", "U.N._SECURITY_COUNCIL")
// into display form ("Vladimir Putin", "U.N. Security Council"): underscores become spaces,
// words are capitalised, short function words stay lower case inside the name, and words that
// look like abbreviations (with periods, or without vowels) stay upper case.
func Title(s string) string {
	s = strings.Trim(strings.ReplaceAll(s, "_", " "), " ")
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && isFunctionWord(lw):
			words[i] = lw
		case strings.Contains(w, ".") || !hasVowel(w) || len(w) <= 3 && i == 0 && len(words) == 1 || upperAbbrev[w]:
			words[i] = w // U.N., CNN, US
		default:
			words[i] = capitalise(lw)
		}
	}
	return strings.Join(words, " ")
}

// upperAbbrev are short abbreviations with vowels that stay upper case inside names.
var upperAbbrev = map[string]bool{"US": true, "UK": true, "UN": true, "EU": true, "TV": true, "NV": true,
	"AG": true, "SA": true, "GP": true, "BP": true, "LP": true, "AP": true, "RT": true, "USA": true, "UAE": true,
	"NATO": true, "OPEC": true, "ASEAN": true, "AU": false}

func isFunctionWord(w string) bool {
	switch w {
	case "of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al", "bin", "ibn", "van", "von", "der", "da", "do", "dos", "y", "to", "at", "el", "et", "au", "wa":
		return true
	}
	return false
}

func hasVowel(w string) bool {
	for _, r := range w {
		switch unicode.ToLower(r) {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return true
		}
	}
	return false
}

// capitalise upper-cases the first letter of w and every letter after a hyphen or apostrophe
// ("al-assad" → "Al-Assad", "o'neill" → "O'Neill").
func capitalise(w string) string {
	rs := []rune(w)
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			up = false
			continue
		}
		if r == '-' || r == '\'' || r == '(' {
			up = true
		}
	}
	return string(rs)
}
