package text

import (
	"strings"
	"testing"
)

func toks(s string) []string {
	d := Segment(s)
	var out []string
	for i := range d.Tokens {
		out = append(out, d.Tok(i))
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Putin's aide said.", "Putin|'s|aide|said|."},
		{"I don't know, they'll see.", "I|do|n't|know|,|they|'ll|see|."},
		{"The U.S. and U.K. met at 10:00 a.m. on 7/3/2025.", "The|U.S.|and|U.K.|met|at|10:00|a.m.|on|7/3/2025|."},
		{"Mr. J. Smith of Acme Inc. paid $1,000.50 (5.5%).", "Mr.|J.|Smith|of|Acme|Inc.|paid|$|1,000.50|(|5.5|%|)|."},
		{"a wide-ranging Russia-Ukraine talk on 2025-07-03", "a|wide-ranging|Russia-Ukraine|talk|on|2025-07-03"},
		{"“Will be speaking!” he said… then...", "“|Will|be|speaking|!|”|he|said|…|then|..."},
		{"the leaders’ sixth call", "the|leaders|’|sixth|call"},
		{"Putin’s aide", "Putin|’s|aide"},
		{"see https://example.com/a.html, now", "see|https://example.com/a.html|,|now"},
		{"``Hello,'' she said", "``|Hello|,|''|she|said"},
		{"No. 5 and no more", "No.|5|and|no|more"},
		{"AT&T and S&P rose", "AT&T|and|S&P|rose"},
		{"the 1990s and 3rd", "the|1990s|and|3rd"},
		{"Jan. 5, 2025", "Jan.|5|,|2025"},
	}
	for _, tt := range tests {
		got := strings.Join(toks(tt.in), "|")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func sents(s string) []string {
	d := Segment(s)
	var out []string
	for _, se := range d.Sentences {
		out = append(out, s[se.Start:se.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"He left. She stayed.", []string{"He left.", "She stayed."}},
		{"He met Mr. Smith in the U.S. on Friday. It rained.", []string{"He met Mr. Smith in the U.S. on Friday.", "It rained."}},
		{"Aid went to the U.S. The talks ended.", []string{"Aid went to the U.S.", "The talks ended."}},
		{`"Why?" he asked. "Because."`, []string{`"Why?" he asked.`, `"Because."`}},
		{`He said: "We will win." Then he left.`, []string{`He said: "We will win."`, "Then he left."}},
		{"It was at 10 a.m. when J. R. Smith came.", []string{"It was at 10 a.m. when J. R. Smith came."}},
		{"Headline here\n\nBody starts. Ends.", []string{"Headline here", "Body starts.", "Ends."}},
		{"A Headline Without Stop\nThe body text begins here.", []string{"A Headline Without Stop", "The body text begins here."}},
		{"Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period.", []string{"Showers continued throughout the week in\nthe Bahia cocoa zone.", "The dry period."}},
		{"Wait... what? Yes!", []string{"Wait... what?", "Yes!"}},
	}
	for _, tt := range tests {
		got := sents(tt.in)
		if strings.Join(got, "‖") != strings.Join(tt.want, "‖") {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
