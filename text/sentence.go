package text

import (
	"unicode"
	"unicode/utf8"
)

// Sentences splits the tokens of s into sentences and appends them to out.
//
// A sentence ends after . ! ? … (and any closing quotes or brackets glued to them) when the next
// token does not start in lower case; after an abbreviation that may end a sentence (U.S., a.m.,
// Inc.) when a typical sentence starter follows; and at paragraph breaks: blank lines, indented
// line starts and headline-like lines (short lines without final punctuation).
func Sentences(s string, toks []Token, out []Sentence) []Sentence {
	if len(toks) == 0 {
		return out
	}
	para := 0
	first := 0
	emit := func(last int) { // tokens[first:last]
		if last <= first {
			return
		}
		out = append(out, Sentence{
			Start: int(toks[first].Start), End: int(toks[last-1].End),
			First: first, Last: last, Para: para,
		})
		first = last
	}
	lineStart := 0 // token index where the current line starts
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if i > 0 && t.Newlines > 0 {
			if paraBreak(s, toks, i, lineStart) {
				emit(i)
				para++
			}
			lineStart = i
		}
		if t.Kind != Punct && t.Kind != Word {
			continue
		}
		tok := s[t.Start:t.End]
		end := false
		switch {
		case t.Kind == Punct && isTerminal(tok):
			end = true
		case t.Kind == Word && len(tok) > 1 && tok[len(tok)-1] == '.':
			end = canEndSentence(tok) && i+1 < len(toks) && startsSentenceAfterAbbrev(s, toks[i+1])
		}
		if !end {
			continue
		}
		// Glue closing quotes and brackets that follow without a space.
		j := i + 1
		for j < len(toks) && !toks[j].Space && closes(s, toks[j]) {
			j++
		}
		if j >= len(toks) {
			continue // the last sentence is emitted below
		}
		next := toks[j]
		nt := s[next.Start:next.End]
		if !next.Space && next.Kind != Quote {
			continue // "3.5", "Yahoo!Inc" and the like
		}
		r, _ := utf8.DecodeRuneInString(nt)
		if unicode.IsLower(r) && next.Newlines == 0 {
			continue // "Why?" he asked.  … etc. and more
		}
		if tok == "..." || tok == "\u2026" {
			if !unicode.IsUpper(r) && next.Newlines == 0 {
				continue
			}
		}
		if (tok == ":" || tok == ";") && next.Newlines < 2 {
			continue
		}
		i = j - 1
		emit(j)
	}
	emit(len(toks))
	return out
}

// isTerminal reports whether a punctuation token ends a sentence.
func isTerminal(tok string) bool {
	switch tok {
	case ".", "!", "?", "...", "\u2026", "?!", "!?":
		return true
	}
	if len(tok) > 1 && (tok[0] == '.' || tok[0] == '!' || tok[0] == '?') {
		for i := 0; i < len(tok); i++ {
			if tok[i] != '.' && tok[i] != '!' && tok[i] != '?' {
				return false
			}
		}
		return true
	}
	return false
}

// closes reports whether t is a closing quote or bracket.
func closes(s string, t Token) bool {
	tok := s[t.Start:t.End]
	switch tok {
	case ")", "]", "}", "\u201D", "\u2019", "\u00BB", "\u203A", "\"", "'", "''":
		return true
	}
	return false
}

func startsSentenceAfterAbbrev(s string, next Token) bool {
	if next.Newlines >= 2 {
		return true
	}
	return sentenceStarters[s[next.Start:next.End]]
}

// paraBreak reports whether the line break before toks[i] ends a sentence: a blank line, an
// indented next line, or a current line that looks like a headline or a list item.
func paraBreak(s string, toks []Token, i, lineStart int) bool {
	t := toks[i]
	if t.Newlines >= 2 {
		return true
	}
	// Indentation: whitespace between the last newline and the token.
	k := int(t.Start) - 1
	for k >= 0 && (s[k] == ' ' || s[k] == '\t') {
		k--
	}
	if k < int(t.Start)-1 && k >= 0 && s[k] == '\n' {
		return true
	}
	// A short line without final punctuation before a capitalised line: a headline.
	prev := toks[i-1]
	ptok := s[prev.Start:prev.End]
	if prev.Kind == Punct && isTerminal(ptok) || ptok == "," || ptok == ";" || ptok == ":" {
		return false
	}
	lineLen := int(prev.End) - int(toks[lineStart].Start)
	r, _ := utf8.DecodeRuneInString(s[t.Start:])
	if lineLen < 60 && (unicode.IsUpper(r) || t.Kind == Quote) {
		// Hard-wrapped prose has long lines; a short line ending in a word is a title.
		return i-lineStart <= 12
	}
	return false
}
