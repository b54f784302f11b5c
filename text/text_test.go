package text

import (
	"strings"
	"testing"
	"unicode/utf8"
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

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"Putin's aide said U.S. talks at 10:00 a.m. on 7/3/2025.", "“Quote,” he said… Yes!\n\nNext", "don't 'em ''x'' ``y''", "\u00e9t\u00e9 \u0301x 1,000.5% https://a.b/c."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Segment(s)
		prev := int32(0)
		for i, tok := range d.Tokens {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(s) {
				t.Fatalf("token %d: bad span %d:%d (prev end %d, len %d)", i, tok.Start, tok.End, prev, len(s))
			}
			if !utf8.ValidString(s) {
				continue
			}
			if !utf8.RuneStart(s[tok.Start]) || int(tok.End) < len(s) && !utf8.RuneStart(s[tok.End]) {
				t.Fatalf("token %d %q not on rune boundaries", i, s[tok.Start:tok.End])
			}
			prev = tok.End
		}
		next := 0
		for i, se := range d.Sentences {
			if se.First != next || se.Last <= se.First || se.Last > len(d.Tokens) {
				t.Fatalf("sentence %d covers tokens %d:%d, want to start at %d", i, se.First, se.Last, next)
			}
			if se.Start != int(d.Tokens[se.First].Start) || se.End != int(d.Tokens[se.Last-1].End) {
				t.Fatalf("sentence %d offsets %d:%d disagree with its tokens", i, se.Start, se.End)
			}
			next = se.Last
		}
		if next != len(d.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
		}
	})
}

func BenchmarkSegment(b *testing.B) {
	s := strings.Repeat("Russian President Vladimir Putin told his American counterpart Donald Trump that Russia would not step back from its original goals during a telephone conversation the two leaders had on Thursday, Reuters reported. \"Our president also said that Russia will achieve the goals it has set,\" Putin's aide Yuri Ushakov said at 10:00 a.m. in the U.S. capital.\n\n", 50)
	words := len(strings.Fields(s))
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Segment(s)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
