package actors

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"chronicle"
	"chronicle/text"
)

// markDoc segments s and marks every token-aligned occurrence of each phrase as a mention of
// its type; marks are "TYPE:phrase" (longer phrases win where they overlap).
func markDoc(s string, marks ...string) *text.Doc {
	d := text.Segment(s)
	type mk struct{ typ, phrase string }
	var ms []mk
	for _, m := range marks {
		typ, phrase, ok := strings.Cut(m, ":")
		if !ok {
			panic("mark without type: " + m)
		}
		ms = append(ms, mk{typ, strings.TrimSpace(phrase)})
	}
	sort.SliceStable(ms, func(i, j int) bool { return len(ms[i].phrase) > len(ms[j].phrase) })
	taken := make([]bool, len(d.Tokens))
	var out []text.Mention
	for _, m := range ms {
		for off := 0; ; {
			i := strings.Index(s[off:], m.phrase)
			if i < 0 {
				break
			}
			start := off + i
			end := start + len(m.phrase)
			off = start + 1
			first := d.TokenAt(start)
			if first >= len(d.Tokens) || int(d.Tokens[first].Start) != start {
				continue
			}
			last := first
			for last < len(d.Tokens) && int(d.Tokens[last].End) <= end {
				last++
			}
			if last == first || int(d.Tokens[last-1].End) != end {
				continue
			}
			free := true
			for k := first; k < last; k++ {
				free = free && !taken[k]
			}
			if !free {
				continue
			}
			for k := first; k < last; k++ {
				taken[k] = true
			}
			out = append(out, text.Mention{First: first, Last: last, Type: m.typ})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].First < out[j].First })
	d.Mentions = out
	return d
}

// entityLines renders entities one per line for golden files.
func entityLines(ents []chronicle.Entity) []string {
	var out []string
	for _, e := range ents {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s %q name=%q", e.ID, e.Type, e.Text, e.Name)
		if e.Role != "" {
			fmt.Fprintf(&b, " role=%q", e.Role)
		}
		if e.Actor != "" {
			fmt.Fprintf(&b, " actor=%s", e.Actor)
		}
		if e.KB != "" {
			fmt.Fprintf(&b, " kb=%s", e.KB)
		}
		if e.Country != "" {
			fmt.Fprintf(&b, " country=%s", e.Country)
		}
		fmt.Fprintf(&b, " mentions=%d", len(e.Mentions))
		out = append(out, b.String())
	}
	return out
}

func mustDefault(t testing.TB) *KB {
	t.Helper()
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return kb
}
