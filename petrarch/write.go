package petrarch

import (
	"bufio"
	"io"
	"sort"
	"strings"
)

// The writers print dictionaries back in PETRARCH syntax without comments, in a canonical
// form the readers parse again to the same entries: dates as YYYYMMDD ranges, substitutions
// expanded, pattern groups dropped.

// WriteVerbs writes a verb dictionary.
func WriteVerbs(w io.Writer, d *VerbDict) error {
	bw := bufio.NewWriter(w)
	names := make([]string, 0, len(d.Synsets))
	for n := range d.Synsets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		bw.WriteString("&" + n + "\n")
		for _, m := range d.Synsets[n] {
			bw.WriteString("+" + m.String() + "\n")
		}
	}
	for _, b := range d.Blocks {
		bw.WriteString("--- " + b.Name + " " + b.Code.String() + " ---\n")
		for _, v := range b.Verbs {
			bw.WriteString(verbPhrase(v.Words, v.Head))
			if v.NoForms {
				bw.WriteString(" {}")
			} else if len(v.Forms) > 0 {
				bw.WriteString(" {")
				for i, f := range v.Forms {
					if i > 0 {
						bw.WriteByte(' ')
					}
					bw.WriteString(verbPhrase(f, v.Head))
				}
				bw.WriteString("}")
			}
			if v.Code != nil {
				bw.WriteString(" " + v.Code.String())
			}
			bw.WriteByte('\n')
		}
		for _, p := range b.Patterns {
			bw.WriteString(p.String() + "\n")
		}
	}
	return bw.Flush()
}

func verbPhrase(words []string, head int) string {
	if len(words) == 1 {
		return words[0]
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte('_')
		}
		if i == head {
			b.WriteByte('+')
		}
		b.WriteString(w)
	}
	return b.String()
}

// WriteActors writes actor entries.
func WriteActors(w io.Writer, as []Actor) error {
	bw := bufio.NewWriter(w)
	for _, a := range as {
		if len(a.Names) == 0 {
			continue
		}
		bw.WriteString(strings.Join(a.Names[0], "_") + "\n")
		for _, n := range a.Names[1:] {
			bw.WriteString("+" + strings.Join(n, "_") + "\n")
		}
		for _, c := range a.Codes {
			bw.WriteString("\t[" + c.Code)
			if c.Dated() {
				bw.WriteString(" " + c.From + "-" + c.To)
			}
			bw.WriteString("]\n")
		}
	}
	return bw.Flush()
}

// WriteAgents writes agent entries.
func WriteAgents(w io.Writer, as []Agent) error {
	bw := bufio.NewWriter(w)
	for _, a := range as {
		bw.WriteString(strings.Join(a.Words, "_"))
		if a.NoPlural {
			bw.WriteString(" {}")
		} else if len(a.Plurals) > 0 {
			bw.WriteString(" {")
			for i, p := range a.Plurals {
				if i > 0 {
					bw.WriteByte(' ')
				}
				bw.WriteString(strings.Join(p, "_"))
			}
			bw.WriteString("}")
		}
		if a.Prefix {
			bw.WriteString(" [" + a.Code + "~]\n")
		} else {
			bw.WriteString(" [~" + a.Code + "]\n")
		}
	}
	return bw.Flush()
}

// WriteDiscards writes discard entries.
func WriteDiscards(w io.Writer, ds []Discard) error {
	bw := bufio.NewWriter(w)
	for _, d := range ds {
		if d.Story {
			bw.WriteByte('+')
		}
		bw.WriteString(strings.Join(d.Words, " ") + "\n")
	}
	return bw.Flush()
}
