package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize appends the tokens of s to toks and returns the extended slice.
func Tokenize(s string, toks []Token) []Token {
	i := 0
	n := len(s)
	for i < n {
		// Whitespace.
		nl, space := 0, false
		for i < n {
			c := s[i]
			if c == '\n' {
				nl++
				space = true
				i++
				continue
			}
			if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				space = true
				i++
				continue
			}
			if c < utf8.RuneSelf {
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == 0x2028 || r == 0x2029 || r == 0x85 {
				nl++
				space = true
				i += size
				continue
			}
			if unicode.IsSpace(r) || r == 0xFEFF || r == 0x200B {
				space = true
				i += size
				continue
			}
			break
		}
		if i >= n {
			break
		}
		if nl > 255 {
			nl = 255
		}
		start := i
		mark := len(toks)
		i = scanToken(s, i, &toks)
		if i <= start { // never stall
			_, size := utf8.DecodeRuneInString(s[start:])
			i = start + size
			toks = append(toks, Token{Start: int32(start), End: int32(i), Kind: Symbol})
		}
		if len(toks) > mark {
			toks[mark].Newlines = uint8(nl)
			toks[mark].Space = space
		}
	}
	return toks
}

// scanToken scans the token(s) starting at s[i] (not whitespace), appends them and returns the
// offset after them. Clitics split off a word are appended as separate tokens.
func scanToken(s string, i int, toks *[]Token) int {
	r, size := decode(s, i)
	switch {
	case isAlnum(r):
		return scanWord(s, i, toks)
	case r == '.':
		j := i
		for j < len(s) && s[j] == '.' {
			j++
		}
		// ". . ." written with spaces is left as separate periods.
		*toks = append(*toks, Token{Start: int32(i), End: int32(j), Kind: Punct})
		return j
	case r == '`' || r == '\'':
		j := i + 1
		if j < len(s) && s[j] == s[i] { // `` and ''
			j++
		}
		*toks = append(*toks, Token{Start: int32(i), End: int32(j), Kind: Quote})
		return j
	case isQuote(r):
		*toks = append(*toks, Token{Start: int32(i), End: int32(i + size), Kind: Quote})
		return i + size
	case r == '-':
		j := i
		for j < len(s) && s[j] == '-' {
			j++
		}
		*toks = append(*toks, Token{Start: int32(i), End: int32(j), Kind: Punct})
		return j
	case isPunct(r):
		*toks = append(*toks, Token{Start: int32(i), End: int32(i + size), Kind: Punct})
		return i + size
	}
	*toks = append(*toks, Token{Start: int32(i), End: int32(i + size), Kind: Symbol})
	return i + size
}

// scanWord scans a word or number starting at s[i].
func scanWord(s string, i int, toks *[]Token) int {
	start := i
	first, _ := decode(s, i)
	if (first == 'h' || first == 'w' || first == 'H' || first == 'W') && isURLStart(s[i:]) {
		return scanURL(s, i, toks)
	}
	digitStart := isDigit(first)
	dots := 0         // internal periods
	shortSegs := true // every dot-separated segment has at most 2 letters
	segLen := 0
	for i < len(s) {
		r, size := decode(s, i)
		if isAlnum(r) || isMark(r) {
			i += size
			segLen++
			continue
		}
		next, nsize := decode(s, i+size)
		_ = nsize
		switch r {
		case '-', '\u2010', '\u2011': // hyphen inside a word: wide-ranging, 2025-07-03
			if isAlnum(next) && i > start {
				i += size
				continue
			}
		case '.':
			if isAlnum(next) {
				if segLen > 2 {
					shortSegs = false
				}
				segLen = 0
				dots++
				i += size
				continue
			}
		case ',':
			if digitStart && isDigit(next) && isDigit(lastRune(s[start:i])) { // 1,000
				i += size
				continue
			}
		case ':', '/':
			if isDigit(next) && isDigit(lastRune(s[start:i])) { // 10:00, 7/3/2025
				i += size
				continue
			}
		case '&':
			if isUpper(next) && isUpper(lastRune(s[start:i])) { // AT&T, S&P
				i += size
				continue
			}
		case '\'', '\u2019':
			if isLetter(next) {
				i += size
				continue
			}
		}
		break
	}
	if segLen > 2 {
		shortSegs = false
	}
	end := i
	word := s[start:end]
	// A trailing period belongs to abbreviations, initials and letter-dot sequences (U.S.).
	if end < len(s) && s[end] == '.' && !digitStart && !(end+1 < len(s) && s[end+1] == '.') {
		if (dots > 0 && shortSegs) || isInitial(word) || IsAbbrev(word) ||
			(word == "No" || word == "no" || word == "Nos") && nextIsDigit(s, end+1) {
			end++
		}
	}
	kind := Word
	if digitStart {
		kind = Number
	}
	// Clitics: 's 're 've 'll 'd 'm and n't become tokens of their own.
	if kind == Word && end-start > 2 {
		if c := cliticStart(word); c > 0 {
			*toks = append(*toks,
				Token{Start: int32(start), End: int32(start + c), Kind: Word},
				Token{Start: int32(start + c), End: int32(end), Kind: Word})
			return end
		}
	}
	*toks = append(*toks, Token{Start: int32(start), End: int32(end), Kind: kind})
	return end
}

// cliticStart returns the offset in w where a final clitic begins, or 0.
func cliticStart(w string) int {
	n := len(w)
	// n't
	if n > 3 && (w[n-1] == 't' || w[n-1] == 'T') {
		if k := apostropheBefore(w, n-1); k > 0 && (w[k-1] == 'n' || w[k-1] == 'N') && k-1 > 0 {
			return k - 1
		}
	}
	for _, suf := range [...]string{"s", "S", "re", "ve", "ll", "d", "m", "RE", "VE", "LL", "D", "M"} {
		if len(suf) < n && strings.HasSuffix(w, suf) {
			if k := apostropheBefore(w, n-len(suf)); k > 0 {
				return k
			}
		}
	}
	return 0
}

// apostropheBefore returns the offset of an apostrophe (' or ’) ending at w[:end], or 0.
func apostropheBefore(w string, end int) int {
	if end >= 1 && w[end-1] == '\'' {
		return end - 1
	}
	if end >= 3 && w[end-3:end] == "\u2019" {
		return end - 3
	}
	return 0
}

func scanURL(s string, i int, toks *[]Token) int {
	start := i
	for i < len(s) {
		r, size := decode(s, i)
		if unicode.IsSpace(r) || r == '"' || r == '<' || r == '>' || isQuote(r) {
			break
		}
		i += size
	}
	for i > start+1 && strings.ContainsRune(".,;:!?)]'", rune(s[i-1])) {
		i--
	}
	*toks = append(*toks, Token{Start: int32(start), End: int32(i), Kind: Symbol})
	return i
}

func isURLStart(s string) bool {
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") || hasPrefixFold(s, "www.")
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

func nextIsDigit(s string, i int) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i < len(s) && s[i] >= '0' && s[i] <= '9'
}

func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiAlnum[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiAlnum[r] && !isDigit(r)
	}
	return unicode.IsLetter(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'A' && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isMark(r rune) bool { return r >= 0x300 && unicode.Is(unicode.Mn, r) }

var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return
}()

// IsQuoteRune reports whether r is a quotation mark (straight, curly, guillemet or backquote).
func IsQuoteRune(r rune) bool { return r == '"' || r == '\'' || r == '`' || isQuote(r) }

func isQuote(r rune) bool {
	switch r {
	case '"', '\u201C', '\u201D', '\u201E', '\u201F', '\u2018', '\u2019', '\u201A', '\u201B',
		'\u00AB', '\u00BB', '\u2039', '\u203A', '\u300C', '\u300D', '\uFF02':
		return true
	}
	return false
}

func isPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '-', '\u2013', '\u2014',
		'\u2015', '\u2026', '\u2012', '\u2010', '\u2011', '\u00BF', '\u00A1':
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsPunct(r)
}
