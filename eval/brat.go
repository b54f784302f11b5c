// Package eval scores chronicle's extractors against gold data with the metrics of
// ../shared/docs/METRICS.md, and reads and writes the standard formats the gold data comes in.
package eval

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"chronicle"
)

// Brat is a brat standoff annotation file (.ann): text-bound annotations (T lines) and events
// (E lines). Other line kinds (#, A, R, N, M) are skipped when reading and never written.
// Offsets are Unicode code-point offsets into the document's text, end exclusive.
type Brat struct {
	Spans  []BratSpan
	Events []BratEvent
}

// BratSpan is a T line: "T3<TAB>Content 10 20;25 30<TAB>text". Frags are the (start, end)
// code-point fragments in file order; Text is the text field as written (for a discontinuous
// span, the fragments' texts joined by one space).
type BratSpan struct {
	ID    string
	Type  string
	Frags [][2]int
	Text  string
}

// BratEvent is an E line: "E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1"; the first
// argument is the trigger.
type BratEvent struct {
	ID   string
	Args []BratArg
}

// BratArg is one role:id pair of an event.
type BratArg struct{ Role, Ref string }

// ReadBrat parses a brat standoff file. A line that is not an annotation line continues the text
// of the T line before it (brat writes a span's newlines literally). Malformed T and E lines are
// errors, reported with their line number.
func ReadBrat(r io.Reader) (*Brat, error) {
	b := &Brat{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	n := 0
	lastT := -1
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		id, rest, ok := strings.Cut(line, "\t")
		if !ok || !bratIsAnnID(id) {
			if lastT >= 0 { // continuation of a span text holding a newline
				b.Spans[lastT].Text += "\n" + line
			}
			continue
		}
		switch id[0] {
		case 'T':
			s, err := bratParseT(id, rest)
			if err != nil {
				return nil, fmt.Errorf("eval.ReadBrat: line %d: %w", n, err)
			}
			b.Spans = append(b.Spans, s)
			lastT = len(b.Spans) - 1
		case 'E':
			e, err := bratParseE(id, rest)
			if err != nil {
				return nil, fmt.Errorf("eval.ReadBrat: line %d: %w", n, err)
			}
			b.Events = append(b.Events, e)
			lastT = -1
		default:
			lastT = -1
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval.ReadBrat: %w", err)
	}
	return b, nil
}

// bratIsAnnID reports whether s looks like a brat annotation id: a kind letter (or #, *) and digits.
func bratIsAnnID(s string) bool {
	if len(s) < 1 {
		return false
	}
	switch s[0] {
	case 'T', 'E', 'R', 'A', 'M', 'N', '#', '*':
	default:
		return false
	}
	if s[0] == '*' {
		return len(s) == 1
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 1 || s[0] == '#'
}

func bratParseT(id, rest string) (BratSpan, error) {
	mid, txt, _ := strings.Cut(rest, "\t")
	typ, offs, ok := strings.Cut(mid, " ")
	if !ok || typ == "" {
		return BratSpan{}, fmt.Errorf("%s: want \"Type start end\", got %q", id, mid)
	}
	s := BratSpan{ID: id, Type: typ, Text: txt}
	for _, f := range strings.Split(offs, ";") {
		a, z, ok := strings.Cut(strings.TrimSpace(f), " ")
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(z)
		if !ok || err1 != nil || err2 != nil {
			return BratSpan{}, fmt.Errorf("%s: bad fragment %q", id, f)
		}
		s.Frags = append(s.Frags, [2]int{start, end})
	}
	return s, nil
}

func bratParseE(id, rest string) (BratEvent, error) {
	e := BratEvent{ID: id}
	for _, f := range strings.Fields(rest) {
		role, ref, ok := strings.Cut(f, ":")
		if !ok || role == "" || ref == "" {
			return BratEvent{}, fmt.Errorf("%s: bad argument %q", id, f)
		}
		e.Args = append(e.Args, BratArg{Role: role, Ref: ref})
	}
	if len(e.Args) == 0 {
		return BratEvent{}, fmt.Errorf("%s: no arguments", id)
	}
	return e, nil
}

// WriteBrat writes b in brat standoff form: its T lines, then its E lines.
func WriteBrat(w io.Writer, b *Brat) error {
	bw := bufio.NewWriter(w)
	for _, s := range b.Spans {
		bw.WriteString(s.ID)
		bw.WriteByte('\t')
		bw.WriteString(s.Type)
		for i, f := range s.Frags {
			if i == 0 {
				bw.WriteByte(' ')
			} else {
				bw.WriteByte(';')
			}
			bw.WriteString(strconv.Itoa(f[0]))
			bw.WriteByte(' ')
			bw.WriteString(strconv.Itoa(f[1]))
		}
		bw.WriteByte('\t')
		bw.WriteString(s.Text)
		bw.WriteByte('\n')
	}
	for _, e := range b.Events {
		bw.WriteString(e.ID)
		for i, a := range e.Args {
			if i == 0 {
				bw.WriteByte('\t')
			} else {
				bw.WriteByte(' ')
			}
			bw.WriteString(a.Role)
			bw.WriteByte(':')
			bw.WriteString(a.Ref)
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("eval.WriteBrat: %w", err)
	}
	return nil
}

// Check validates the T lines of b against the document text: every fragment must satisfy
// 0 ≤ start < end ≤ the text's length in code points, and the text field must equal the
// fragments' texts joined by one space. It returns one error per bad span (nil when all are good).
func (b *Brat) Check(text string) []error {
	runes := []rune(text)
	var errs []error
	for _, s := range b.Spans {
		if err := bratCheckSpan(runes, s); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func bratCheckSpan(runes []rune, s BratSpan) error {
	if len(s.Frags) == 0 {
		return fmt.Errorf("%s: no fragments", s.ID)
	}
	var sb strings.Builder
	for i, f := range s.Frags {
		if f[0] < 0 || f[0] >= f[1] || f[1] > len(runes) {
			return fmt.Errorf("%s: fragment %d-%d outside the text (length %d)", s.ID, f[0], f[1], len(runes))
		}
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(string(runes[f[0]:f[1]]))
	}
	if sb.String() != s.Text {
		return fmt.Errorf("%s: text %q does not pnMatch the document there (%q)", s.ID, s.Text, sb.String())
	}
	return nil
}

// Attribution is one PolNeAR attribution: the code-point fragments of its roles. A role given
// several times (Content, Content2, …) contributes all its fragments. Source is nil when the
// attribution has none.
type Attribution struct {
	Source, Cue, Content [][2]int
}

// Attributions returns the attributions of b: one per E line that has a Content argument, in
// file order. Argument roles are read without their numeric suffix (Content2 is Content);
// references to unknown T ids are ignored.
func (b *Brat) Attributions() []Attribution {
	byID := make(map[string]*BratSpan, len(b.Spans))
	for i := range b.Spans {
		byID[b.Spans[i].ID] = &b.Spans[i]
	}
	var out []Attribution
	for _, e := range b.Events {
		var a Attribution
		for _, arg := range e.Args {
			s := byID[arg.Ref]
			if s == nil {
				continue
			}
			switch strings.TrimRight(arg.Role, "0123456789") {
			case "Source":
				a.Source = append(a.Source, s.Frags...)
			case "Cue":
				a.Cue = append(a.Cue, s.Frags...)
			case "Content":
				a.Content = append(a.Content, s.Frags...)
			}
		}
		if len(a.Content) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// QuotesBrat converts quotes (byte offsets into text) to PolNeAR-style brat: for each quote a
// Content, a Cue, an Attribution (the anchor, over the cue) and, when it has one, a Source T
// line, and an E line "Attribution:<anchor> Source:<source> Cue:<cue> Content:<content>". Spans are converted to code points, split at line breaks and trimmed of whitespace, so
// that every T line is valid for Check. A quote's Parts, when present, are its content fragments.
// Quotes without content or cue are skipped.
func QuotesBrat(text string, qs []chronicle.Quote) *Brat {
	b := &Brat{}
	cp := newBratCodePoints(text)
	nextT := 1
	addT := func(typ string, spans []chronicle.Span) string {
		var frags [][2]int
		for _, s := range spans {
			frags = bratLineFrags(frags, text, s.Start, s.End)
		}
		if len(frags) == 0 {
			return ""
		}
		sort.Slice(frags, func(i, j int) bool { return frags[i][0] < frags[j][0] })
		var sb strings.Builder
		out := make([][2]int, len(frags))
		for i, f := range frags {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(text[f[0]:f[1]])
			out[i] = [2]int{cp.at(f[0]), cp.at(f[1])}
		}
		id := "T" + strconv.Itoa(nextT)
		nextT++
		b.Spans = append(b.Spans, BratSpan{ID: id, Type: typ, Frags: out, Text: sb.String()})
		return id
	}
	for _, q := range qs {
		parts := q.Parts
		if len(parts) == 0 {
			parts = []chronicle.Span{q.Content}
		}
		if len(bratLineFrags(nil, text, q.Cue.Start, q.Cue.End)) == 0 {
			continue
		}
		var nonEmpty [][2]int
		for _, p := range parts {
			nonEmpty = bratLineFrags(nonEmpty, text, p.Start, p.End)
		}
		if len(nonEmpty) == 0 {
			continue
		}
		content := addT("Content", parts)
		cue := addT("Cue", []chronicle.Span{q.Cue})
		anchor := addT("Attribution", []chronicle.Span{q.Cue})
		e := BratEvent{ID: "E" + strconv.Itoa(len(b.Events)+1), Args: []BratArg{{"Attribution", anchor}}}
		if !q.Speaker.Empty() {
			if src := addT("Source", []chronicle.Span{q.Speaker.Span}); src != "" {
				e.Args = append(e.Args, BratArg{"Source", src})
			}
		}
		e.Args = append(e.Args, BratArg{"Cue", cue}, BratArg{"Content", content})
		b.Events = append(b.Events, e)
	}
	return b
}

// bratLineFrags appends the pieces of text[start:end] between line breaks, each trimmed of
// white space, as byte ranges. Out-of-range offsets are clamped.
func bratLineFrags(frags [][2]int, text string, start, end int) [][2]int {
	start = max(0, min(start, len(text)))
	end = max(start, min(end, len(text)))
	for start < end {
		nl := strings.IndexByte(text[start:end], '\n')
		stop := end
		if nl >= 0 {
			stop = start + nl
		}
		s, e := bratTrimSpace(text, start, stop)
		if s < e {
			frags = append(frags, [2]int{s, e})
		}
		start = stop + 1
	}
	return frags
}

func bratTrimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !pnIsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !pnIsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// bratCodePoints converts byte offsets of a text to code-point offsets.
type bratCodePoints struct {
	cp    []int32 // nil when the text is ASCII
	ascii bool
}

func newBratCodePoints(s string) bratCodePoints {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return bratCodePoints{ascii: true}
	}
	cp := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			cp[i+k] = n
		}
		i += size
		n++
	}
	cp[len(s)] = n
	return bratCodePoints{cp: cp}
}

func (c bratCodePoints) at(b int) int {
	if c.ascii {
		return b
	}
	return int(c.cp[b])
}
