// Package timeml reads and writes TempEval-3 TimeML documents (TimeML 1.2.1 as in the TBAQ and
// Platinum corpora): the document creation time, the plain text of the TEXT element and its
// TIMEX3 annotations.
//
// Read keeps the raw bytes of the file; Write re-emits them unchanged except inside TEXT, where
// every existing TIMEX3 tag is dropped and the given timexes are inserted as TIMEX3 tags. All other
// markup in TEXT (EVENT, SIGNAL, …) and all text is kept byte for byte, so stripping the tags from
// the written TEXT gives the same plain text as stripping them from the input.
package timeml

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"chronicle"
)

// Doc is one TimeML document.
type Doc struct {
	// Name is the file's base name or whatever the caller passed to Parse.
	Name string
	// DCT is the document creation time's TIMEX3 value ("1998-08-07"), and DCTTime its date
	// (zero when the value does not start with a YYYY-MM-DD date).
	DCT     string
	DCTTime time.Time
	// Text is the content of the TEXT element with all tags removed and character references
	// decoded. Timex offsets are byte offsets into it.
	Text string
	// Timexes are the TIMEX3 elements inside TEXT, in text order, with their attributes
	// (tid → ID, type, value, mod, freq, quant, anchorTimeID → AnchorID). Empty ones are dropped.
	Timexes []chronicle.Timex

	raw                []byte
	textStart, textEnd int     // raw offsets of TEXT's content
	rawPos             []int32 // rawPos[p]: raw offset of Text byte p (len(Text)+1 entries)
	rawEnd             []int32 // rawEnd[p]: raw offset just after the character ending at Text byte p
}

// ReadFile reads and parses the TimeML file at path.
func ReadFile(path string) (*Doc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("timeml.ReadFile: %w", err)
	}
	d, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("timeml.ReadFile(%q): %w", path, err)
	}
	i := strings.LastIndexAny(path, `/\`)
	d.Name = path[i+1:]
	return d, nil
}

// Parse parses a TimeML document. It fails when the document has no TEXT element or the markup
// inside TEXT is broken (an unterminated tag or a TIMEX3 that is not closed).
func Parse(raw []byte) (*Doc, error) {
	d := &Doc{raw: raw}
	open := bytes.Index(raw, []byte("<TEXT>"))
	if open < 0 {
		return nil, fmt.Errorf("timeml.Parse: no <TEXT> element")
	}
	d.textStart = open + len("<TEXT>")
	end := bytes.Index(raw[d.textStart:], []byte("</TEXT>"))
	if end < 0 {
		return nil, fmt.Errorf("timeml.Parse: no </TEXT>")
	}
	d.textEnd = d.textStart + end
	d.DCT = dctValue(raw[:open])
	if d.DCT == "" { // DCT may follow TEXT in some files
		d.DCT = dctValue(raw[d.textEnd:])
	}
	if len(d.DCT) >= 10 {
		if t, err := time.Parse(chronicle.DateLayout, d.DCT[:10]); err == nil {
			d.DCTTime = t
		}
	} else if len(d.DCT) == 8 { // 19980807
		if t, err := time.Parse("20060102", d.DCT); err == nil {
			d.DCTTime = t
		}
	}
	if err := d.parseText(); err != nil {
		return nil, err
	}
	return d, nil
}

func dctValue(b []byte) string {
	i := bytes.Index(b, []byte("CREATION_TIME"))
	if i < 0 {
		return ""
	}
	// The TIMEX3 tag around it.
	s := bytes.LastIndexByte(b[:i], '<')
	e := bytes.IndexByte(b[i:], '>')
	if s < 0 || e < 0 {
		return ""
	}
	return attr(string(b[s:i+e]), "value")
}

// attr returns the value of attribute name in the start tag tag ("" when absent).
func attr(tag, name string) string {
	for i := 0; ; {
		j := strings.Index(tag[i:], name)
		if j < 0 {
			return ""
		}
		j += i
		k := j + len(name)
		if j > 0 && (tag[j-1] == ' ' || tag[j-1] == '\t' || tag[j-1] == '\n') {
			for k < len(tag) && tag[k] == ' ' {
				k++
			}
			if k < len(tag) && tag[k] == '=' {
				k++
				for k < len(tag) && tag[k] == ' ' {
					k++
				}
				if k < len(tag) && (tag[k] == '"' || tag[k] == '\'') {
					q := tag[k]
					e := strings.IndexByte(tag[k+1:], q)
					if e < 0 {
						return ""
					}
					return unescape(tag[k+1 : k+1+e])
				}
			}
		}
		i = j + len(name)
	}
}

func (d *Doc) parseText() error {
	raw := d.raw[d.textStart:d.textEnd]
	var plain []byte
	pos := make([]int32, 0, len(raw)+1)
	ends := make([]int32, 0, len(raw)+1)
	var cur *chronicle.Timex
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '<':
			e := bytes.IndexByte(raw[i:], '>')
			if e < 0 {
				return fmt.Errorf("timeml.Parse: unterminated tag at byte %d", d.textStart+i)
			}
			tag := string(raw[i : i+e+1])
			i += e + 1
			switch {
			case strings.HasPrefix(tag, "<TIMEX3"):
				if cur != nil {
					return fmt.Errorf("timeml.Parse: nested TIMEX3 at byte %d", d.textStart+i)
				}
				cur = &chronicle.Timex{
					ID: attr(tag, "tid"), Type: attr(tag, "type"), Value: attr(tag, "value"),
					Mod: attr(tag, "mod"), Freq: attr(tag, "freq"), Quant: attr(tag, "quant"),
					AnchorID: attr(tag, "anchorTimeID"),
				}
				cur.Start = len(plain)
				if strings.HasSuffix(tag, "/>") { // empty element
					cur = nil
				}
			case tag == "</TIMEX3>":
				if cur == nil {
					return fmt.Errorf("timeml.Parse: </TIMEX3> without <TIMEX3> at byte %d", d.textStart+i)
				}
				cur.End = len(plain)
				cur.Text = string(plain[cur.Start:cur.End])
				if cur.End > cur.Start {
					d.Timexes = append(d.Timexes, *cur)
				}
				cur = nil
			}
		case '&':
			r, n := entity(raw[i:])
			var buf [4]byte
			k := utf8.EncodeRune(buf[:], r)
			for j := 0; j < k; j++ {
				pos = append(pos, int32(d.textStart+i))
				ends = append(ends, int32(d.textStart+i+n))
			}
			plain = append(plain, buf[:k]...)
			i += n
		default:
			pos = append(pos, int32(d.textStart+i))
			ends = append(ends, int32(d.textStart+i+1))
			plain = append(plain, c)
			i++
		}
	}
	if cur != nil {
		return fmt.Errorf("timeml.Parse: TIMEX3 %q not closed", cur.ID)
	}
	pos = append(pos, int32(d.textEnd))
	d.Text = string(plain)
	d.rawPos = pos
	d.rawEnd = ends
	return nil
}

// entity decodes the character reference at the start of b, returning the character and the
// number of bytes it spans; a lone '&' stands for itself.
func entity(b []byte) (rune, int) {
	semi := bytes.IndexByte(b, ';')
	if semi < 2 || semi > 10 {
		return '&', 1
	}
	name := string(b[1:semi])
	switch name {
	case "amp":
		return '&', semi + 1
	case "lt":
		return '<', semi + 1
	case "gt":
		return '>', semi + 1
	case "quot":
		return '"', semi + 1
	case "apos":
		return '\'', semi + 1
	}
	if name[0] == '#' {
		var n uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			n, err = strconv.ParseUint(name[2:], 16, 32)
		} else {
			n, err = strconv.ParseUint(name[1:], 10, 32)
		}
		if err == nil && utf8.ValidRune(rune(n)) {
			return rune(n), semi + 1
		}
	}
	return '&', 1
}

func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			r, n := entity([]byte(s[i:]))
			b.WriteRune(r)
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func escape(s string) string {
	if !strings.ContainsAny(s, `&<>"`) {
		return s
	}
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}

// Write returns the document with the TIMEX3 tags in TEXT replaced by timexes (byte offsets
// into d.Text, in any order; overlapping ones after the first are skipped). Everything else is
// byte-identical to the input.
func (d *Doc) Write(timexes []chronicle.Timex) []byte {
	type ins struct {
		at   int // raw offset
		tag  string
		open bool
	}
	var inss []ins
	last := -1
	for _, t := range sortedByStart(timexes) {
		if t.Start < 0 || t.End > len(d.Text) || t.End <= t.Start || t.Start < last {
			continue
		}
		last = t.End
		inss = append(inss, ins{at: int(d.rawPos[t.Start]), tag: startTag(t), open: true})
		inss = append(inss, ins{at: int(d.rawEnd[t.End-1]), tag: "</TIMEX3>"})
	}
	var out bytes.Buffer
	out.Grow(len(d.raw) + 80*len(timexes))
	out.Write(d.raw[:d.textStart])
	raw := d.raw
	k := 0
	for i := d.textStart; i < d.textEnd; {
		// Insertions at i: close tags first (a timex ending here), then opening ones.
		for k < len(inss) && inss[k].at <= i {
			out.WriteString(inss[k].tag)
			k++
		}
		if raw[i] == '<' {
			e := bytes.IndexByte(raw[i:], '>')
			tag := raw[i : i+e+1]
			if bytes.HasPrefix(tag, []byte("<TIMEX3")) || bytes.Equal(tag, []byte("</TIMEX3>")) {
				i += e + 1
				continue
			}
			out.Write(tag)
			i += e + 1
			continue
		}
		out.WriteByte(raw[i])
		i++
	}
	for ; k < len(inss); k++ {
		out.WriteString(inss[k].tag)
	}
	out.Write(d.raw[d.textEnd:])
	return out.Bytes()
}

func startTag(t chronicle.Timex) string {
	var b strings.Builder
	b.WriteString(`<TIMEX3 tid="`)
	b.WriteString(escape(t.ID))
	b.WriteString(`" type="`)
	b.WriteString(escape(t.Type))
	b.WriteString(`" value="`)
	b.WriteString(escape(t.Value))
	b.WriteByte('"')
	for _, a := range [...]struct{ k, v string }{{"mod", t.Mod}, {"freq", t.Freq}, {"quant", t.Quant}, {"anchorTimeID", t.AnchorID}} {
		if a.v != "" {
			b.WriteString(" " + a.k + `="` + escape(a.v) + `"`)
		}
	}
	b.WriteByte('>')
	return b.String()
}

func sortedByStart(ts []chronicle.Timex) []chronicle.Timex {
	s := append([]chronicle.Timex(nil), ts...)
	for i := 1; i < len(s); i++ { // insertion sort: input is nearly always sorted already
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}
