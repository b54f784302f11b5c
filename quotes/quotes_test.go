package quotes_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronicle"
	"chronicle/quotes"
	"chronicle/text"
)

var update = flag.Bool("update", false, "rewrite golden files")

// txtarFiles parses the small subset of the txtar format the tests use: "-- name --" lines
// start files; text before the first one is a comment.
func txtarFiles(t testing.TB, path string) (names []string, files map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files = map[string]string{}
	cur := ""
	var sb strings.Builder
	flush := func() {
		if cur != "" {
			files[cur] = strings.TrimRight(sb.String(), "\n")
		}
		sb.Reset()
	}
	for _, line := range strings.SplitAfter(string(raw), "\n") {
		l := strings.TrimRight(line, "\n")
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			flush()
			cur = l[3 : len(l)-3]
			names = append(names, cur)
			continue
		}
		if cur != "" {
			sb.WriteString(line)
		}
	}
	flush()
	return names, files
}

// format prints quotes one per line: the golden form.
func format(name string, qs []chronicle.Quote) string {
	var sb strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&sb, "%s %s %s cue=%q speaker=%q", name, q.ID, q.Kind, q.Cue.Text, q.Speaker.Text)
		if q.Speaker.Entity != "" {
			fmt.Fprintf(&sb, " entity=%s", q.Speaker.Entity)
		}
		if len(q.Via) > 0 {
			fmt.Fprintf(&sb, " via=%q", q.Via)
		}
		if len(q.Parts) > 0 {
			for _, p := range q.Parts {
				fmt.Fprintf(&sb, " part=%q", p.Text)
			}
		} else {
			fmt.Fprintf(&sb, " content=%q", q.Content.Text)
		}
		sb.WriteByte('\n')
	}
	if len(qs) == 0 {
		fmt.Fprintf(&sb, "%s none\n", name)
	}
	return sb.String()
}

// TestGolden runs the extractor (from tokens alone) over the short texts of
// testdata/golden.txtar and compares with testdata/golden.txt.
func TestGolden(t *testing.T) {
	names, files := txtarFiles(t, filepath.Join("testdata", "golden.txtar"))
	var out strings.Builder
	for _, name := range names {
		txt := files[name]
		qs := quotes.Extract(text.Segment(txt), nil)
		checkQuotes(t, txt, qs)
		out.WriteString(format(name, qs))
	}
	golden := filepath.Join("testdata", "golden.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("golden mismatch (go test ./quotes -run TestGolden -update, then read the diff):\n%s", diffLines(string(want), got))
	}
}

// diffLines lists the lines only in want (-) and only in got (+).
func diffLines(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var sb strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			sb.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			sb.WriteString("+ " + l + "\n")
		}
	}
	return sb.String()
}

// checkQuotes verifies the contract of Extract's output on txt: ids in order, spans inside the
// text, on rune boundaries, with matching text, parts inside the content, known kinds.
func checkQuotes(t testing.TB, txt string, qs []chronicle.Quote) {
	t.Helper()
	span := func(what string, s chronicle.Span, mayBeEmpty bool) {
		if s.Empty() && mayBeEmpty && s.Text == "" {
			return
		}
		if s.Start < 0 || s.End > len(txt) || s.Start >= s.End {
			t.Fatalf("%s span %d-%d outside the text (%d bytes)", what, s.Start, s.End, len(txt))
		}
		if !boundary(txt, s.Start) || !boundary(txt, s.End) {
			t.Fatalf("%s span %d-%d not on rune boundaries", what, s.Start, s.End)
		}
		if txt[s.Start:s.End] != s.Text {
			t.Fatalf("%s span text %q != text there %q", what, s.Text, txt[s.Start:s.End])
		}
	}
	for i, q := range qs {
		if q.ID != fmt.Sprintf("q%d", i+1) {
			t.Fatalf("quote %d has id %q", i, q.ID)
		}
		switch q.Kind {
		case chronicle.Direct, chronicle.Indirect, chronicle.Mixed:
		default:
			t.Fatalf("%s: kind %q", q.ID, q.Kind)
		}
		span(q.ID+" content", q.Content, false)
		span(q.ID+" cue", q.Cue, false)
		span(q.ID+" speaker", q.Speaker.Span, true)
		for _, p := range q.Parts {
			span(q.ID+" part", p, false)
			if p.Start < q.Content.Start || p.End > q.Content.End {
				t.Fatalf("%s: part %d-%d outside content %d-%d", q.ID, p.Start, p.End, q.Content.Start, q.Content.End)
			}
		}
		if q.Via == nil {
			t.Fatalf("%s: nil Via", q.ID)
		}
	}
}

// boundary reports whether byte offset i of s starts a rune as Go decodes s (an invalid byte
// is a rune of its own) or is the end.
func boundary(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for j := range s {
		if j >= i {
			return j == i
		}
	}
	return false
}

// ents builds entities by finding each name's occurrences in s (whole words); the first name
// of a spec is its canonical name.
type entSpec struct {
	id, typ, role string
	names         []string
}

func ents(s string, specs ...entSpec) []chronicle.Entity {
	var out []chronicle.Entity
	taken := make([]bool, len(s))
	for _, sp := range specs {
		e := chronicle.Entity{ID: sp.id, Type: sp.typ, Name: sp.names[0], Role: sp.role}
		for _, n := range sp.names {
			for off := 0; ; {
				i := strings.Index(s[off:], n)
				if i < 0 {
					break
				}
				a, b := off+i, off+i+len(n)
				off = b
				if a > 0 && isWordByte(s[a-1]) || b < len(s) && isWordByte(s[b]) || taken[a] {
					continue
				}
				for k := a; k < b; k++ {
					taken[k] = true
				}
				e.Mentions = append(e.Mentions, [2]int{a, b})
			}
		}
		if len(e.Mentions) == 0 {
			continue
		}
		sortPairs(e.Mentions)
		e.Start, e.End = e.Mentions[0][0], e.Mentions[0][1]
		e.Text = s[e.Start:e.End]
		out = append(out, e)
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func sortPairs(p [][2]int) {
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j][0] < p[j-1][0]; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}

// TestSpeakers checks speaker resolution with given entities: names, possessive modifiers,
// role nouns (before and after the name), pronouns, and speakers named after the quote.
func TestSpeakers(t *testing.T) {
	people := []entSpec{
		{"e1", chronicle.PER, "President of Russia", []string{"Vladimir Putin", "Putin"}},
		{"e2", chronicle.PER, "aide to Putin", []string{"Yuri Ushakov", "Ushakov"}},
		{"e3", chronicle.PER, "President of the United States", []string{"Donald Trump", "Trump"}},
		{"e4", chronicle.ORG, "", []string{"Reuters"}},
		{"e5", chronicle.PER, "", []string{"Maria Lopez", "Lopez"}},
		{"e6", chronicle.ORG, "", []string{"Harbour Planning Commission"}},
		{"e7", chronicle.ORG, "", []string{"Nato"}},
		{"e8", chronicle.ORG, "", []string{"Taliban"}},
		{"e9", chronicle.PER, "", []string{"Omar Haidari"}},
	}
	tests := []struct {
		name, text string
		want       []string // per quote in order: speaker entity ("" unresolved)
	}{
		{"name", `"We agreed," Yuri Ushakov said.`, []string{"e2"}},
		{"possessive", `"We agreed," Putin's aide Yuri Ushakov said.`, []string{"e2"}},
		{"role-before", `Putin's aide Yuri Ushakov arrived in the morning. The talks will go on, a Kremlin aide said.`, []string{"e2"}},
		{"role-after", `The talks will go on, a Kremlin aide was quoted as saying. Putin's aide Yuri Ushakov arrived in the morning.`, []string{"e2"}},
		{"pronoun-previous-speaker", `Trump raised the issue of the war, Ushakov told reporters. On Iran, he said, "the sides agreed."`, []string{"e2", "e2"}},
		{"pronoun-subject", `Earlier, Trump had announced, "I will call him." Meanwhile, Putin left the hall. He told the crowd, "Please, don't be angry."`, []string{"e3", "e1"}},
		{"speaker-after", `"It was a good call," said Donald Trump.`, []string{"e3"}},
		{"she", `Maria Lopez runs the clinic. "We are full every day," she said.`, []string{"e5"}},
		{"org", `Prices rose again, Reuters reported.`, []string{"e4"}},
		{"role-hyphenated", `President-elect Maria Lopez arrived. "We are ready," the president-elect said.`, []string{"e5"}},
		{"role-other-organisation", `Taliban spokesman Omar Haidari said the group attacked. "The damage is massive," a Nato spokesman said.`, []string{"e9", "e7"}},
		{"role-same-organisation", `Taliban spokesman Omar Haidari arrived. "More will follow," a Taliban spokesman said.`, []string{"e9"}},
		{"pronoun-after-unnamed-role", `Maria Lopez said the clinic was full. A Nato spokesman said the road was closed. "Nobody was hurt," he said.`, []string{"e5", "e7", "e7"}},
		{"org-description", `The Harbour Planning Commission met on Monday. "The port will grow," the commission said.`, []string{"e6"}},
		{"org-description-other-noun", `The Harbour Planning Commission met on Monday. "The port will grow," the company said.`, []string{""}},
		{"pronoun-after-comma", `Maria Lopez runs the clinic, Lopez said. “That spared us a wing,” counting staff and heating costs, she said.`, []string{"e5", "e5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := ents(tt.text, people...)
			qs := quotes.Extract(text.Segment(tt.text), es)
			checkQuotes(t, tt.text, qs)
			var got []string
			for _, q := range qs {
				got = append(got, q.Speaker.Entity)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("speakers %q, want %q\n%s", got, tt.want, format(tt.name, qs))
			}
		})
	}
}

// FuzzExtract checks that arbitrary text, with unbalanced quotation marks of every kind,
// never makes Extract panic or return a span outside the text or off a rune boundary.
func FuzzExtract(f *testing.F) {
	_, files := txtarFiles(f, filepath.Join("testdata", "golden.txtar"))
	for _, s := range files {
		f.Add(s)
	}
	for _, s := range []string{
		``, `"`, `“`, `”said”`, `'`, `''`, "``", `"a" "b`, `« x`, `"Unclosed, he said.`,
		"\"One.\n\n\"Two.\n\n\"Three", `he said: “`, `”Wrong way,“ she said`, `‘x’ ’y‘`,
		"a\u2015b", `, said`, `according to`, `According to`, `: said: "`, "\xff\"said\xfe",
		`"x," said , "y," said , "z`, `He said, "she said 'they said "we said"'".`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := text.Segment(s)
		qs := quotes.Extract(d, nil)
		checkQuotes(t, s, qs)
		// With entities covering every capitalised word, too.
		var es []chronicle.Entity
		for i, tk := range d.Tokens {
			w := s[tk.Start:tk.End]
			if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
				es = append(es, chronicle.Entity{ID: fmt.Sprintf("e%d", i+1), Type: chronicle.PER,
					Span: chronicle.Span{Start: int(tk.Start), End: int(tk.End), Text: w}, Mentions: [][2]int{{int(tk.Start), int(tk.End)}}})
			}
		}
		checkQuotes(t, s, quotes.Extract(d, es))
	})
}

func TestEmpty(t *testing.T) {
	if qs := quotes.Extract(text.Segment(""), nil); qs == nil || len(qs) != 0 {
		t.Errorf("Extract(empty) = %#v, want an empty non-nil slice", qs)
	}
	if qs := quotes.Extract(nil, nil); qs == nil || len(qs) != 0 {
		t.Errorf("Extract(nil) = %#v, want an empty non-nil slice", qs)
	}
}
