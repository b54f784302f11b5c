package actors

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"chronicle/text"
)

// FuzzEntities checks that resolution never panics and that every span is inside the text, on
// rune boundaries, and matches its text, whatever the mentions (even out of range ones).
func FuzzEntities(f *testing.F) {
	f.Add("Russian President Vladimir Putin told his American counterpart Donald Trump that Moscow would not back down, Putin's aide Yuri Ushakov said.", []byte{0, 1, 2, 3, 4, 5}, int64(20250703))
	f.Add("Former U.S. President Joe Biden met the Russian president in Kiev. Zelenskiy said.", []byte{9, 200, 3, 7, 1}, int64(19950101))
	f.Add("", []byte{}, int64(0))
	f.Add("The Trump-Putin summit, Japan-U.S. trade and Chile-Peru-Bolivia talks. Israel-Hamas.", []byte{1, 0, 2, 3, 9, 4}, int64(20250815))
	f.Add("É Ünïcödé Nàmé, the Kremlin's spokesman, and «Selenskyj»", []byte{1, 1, 2, 2, 3, 3}, int64(20200101))
	kb := mustDefault(f)
	types := []string{"PER", "ORG", "LOC", "MISC", "XYZ"}
	f.Fuzz(func(t *testing.T, s string, marks []byte, date int64) {
		d := text.Segment(s)
		n := len(d.Tokens)
		// Mentions: capitalised tokens with types from marks, plus raw (possibly invalid) ranges.
		k := 0
		for i := 0; i < n; i++ {
			w := d.Tok(i)
			r, _ := utf8.DecodeRuneInString(w)
			if r >= 'A' && r <= 'Z' || r > 0x7F {
				var b byte
				if k < len(marks) {
					b = marks[k]
				}
				k++
				last := i + 1 + int(b%3)
				if last > n {
					last = n
				}
				d.Mentions = append(d.Mentions, text.Mention{First: i, Last: last, Type: types[int(b)%len(types)]})
				i = last - 1
			}
		}
		for j := 0; j+1 < len(marks); j += 2 {
			d.Mentions = append(d.Mentions, text.Mention{First: int(marks[j]) - 3, Last: int(marks[j+1]) - 3, Type: "PER"})
		}
		dt := time.Unix(date%4_000_000_000, 0).UTC()
		ents := kb.Entities(d, dt)
		valid := utf8.ValidString(s) // rune boundaries are defined for valid UTF-8 only
		// The document stays consistent (Entities may split hyphenated tokens): tokens in order
		// and inside the text, sentences and mentions over them.
		for i, tk := range d.Tokens {
			if tk.Start >= tk.End || int(tk.End) > len(s) || i > 0 && tk.Start < d.Tokens[i-1].End {
				t.Fatalf("token %d [%d,%d) out of order in %q", i, tk.Start, tk.End, s)
			}
		}
		for i, se := range d.Sentences {
			if se.First > se.Last || se.Last > len(d.Tokens) || i > 0 && se.First != d.Sentences[i-1].Last {
				t.Fatalf("sentence %d [%d,%d) of %d tokens", i, se.First, se.Last, len(d.Tokens))
			}
		}
		for i, e := range ents {
			if e.ID != "e"+itoa(i+1) {
				t.Errorf("entity %d has id %s", i, e.ID)
			}
			check := func(a, b int) {
				if a < 0 || b > len(s) || a >= b || valid && (!utf8.RuneStart(s[a]) || b < len(s) && !utf8.RuneStart(s[b])) {
					t.Fatalf("span [%d,%d) out of bounds or off rune boundary in %q", a, b, s)
				}
			}
			check(e.Start, e.End)
			if s[e.Start:e.End] != e.Text {
				t.Fatalf("span text %q != %q", s[e.Start:e.End], e.Text)
			}
			if len(e.Mentions) == 0 {
				t.Fatalf("entity %s without mentions", e.ID)
			}
			for j, m := range e.Mentions {
				check(m[0], m[1])
				if j > 0 && m[0] < e.Mentions[j-1][0] {
					t.Fatalf("mentions not in text order: %v", e.Mentions)
				}
			}
			if e.Type != "PER" && e.Type != "ORG" && e.Type != "LOC" && e.Type != "MISC" {
				t.Fatalf("bad type %q", e.Type)
			}
		}
	})
}

// FuzzExtend checks that reading any actors file never panics and fails only with a ParseError
// naming a line of the input.
func FuzzExtend(f *testing.F) {
	f.Add(userFile)
	f.Add("actor X\nrole RUSGOV 2020-01-01.. President\n")
	f.Add("place Y\nat 1 2\nalias Z\n")
	f.Add("actor A\ngeonames 5\nat 1 1\nalias B\n")
	f.Fuzz(func(t *testing.T, src string) {
		kb := New()
		err := kb.Extend(strings.NewReader(src))
		if err != nil {
			var pe *ParseError
			if !asParseError(err, &pe) || pe.Line < 1 || pe.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("Extend error %v is not a ParseError with a line of the input", err)
			}
			return
		}
		kb.Actor("X", time.Time{})
		kb.Place("Y")
		kb.Agent("Z")
		kb.Entities(markDoc("A B met X in Y.", "PER:A B", "PER:X", "LOC:Y"), time.Time{})
	})
}
