package quotes

import (
	"slices"

	"chronicle/text"
)

// Quotation marks.
//
// A region is a top-level quotation: from its opening mark to its closing mark (token indices,
// both inclusive). Marks are paired within a paragraph with a stack, so that nested quotations
// (single inside double, curly inside straight) stay inside their region. A paragraph that
// ends inside a quotation continues it into the next paragraph when that one starts with an
// opening mark (the newspaper convention for quotes over several paragraphs); otherwise the
// region ends with the paragraph.

type markKind uint8

const (
	markNone markKind = iota
	markDouble
	markSingle
)

type markDir uint8

const (
	dirAmbig markDir = iota
	dirOpen
	dirClose
)

// region is a top-level quotation.
type region struct {
	open, close int  // token indices of the first and last token (the marks when present)
	closed      bool // ends with a closing mark
	single      bool // delimited by single quotes
	cont        bool // continues in the next region (next paragraph)
	contOf      int  // index of the region this one continues, or -1
	words       int  // word tokens inside
	para        int  // paragraph index of the opening mark
}

// classifyMark returns the kind and direction of a quote token.
func classifyMark(s string) (markKind, markDir) {
	switch s {
	case "\"", "''", "\uFF02":
		return markDouble, dirAmbig
	case "\u201C", "\u201E", "\u201F", "``", "\u00AB", "\u300C":
		return markDouble, dirOpen
	case "\u201D", "\u00BB", "\u300D":
		return markDouble, dirClose
	case "'":
		return markSingle, dirAmbig
	case "\u2018", "\u201A", "\u201B", "\u2039", "`":
		return markSingle, dirOpen
	case "\u2019", "\u203A":
		return markSingle, dirClose
	}
	return markNone, dirAmbig
}

// contextDir decides the direction of mark i from the spacing around it: a mark after a space
// and before a word opens, a mark glued to the word before and followed by a space or
// punctuation closes.
func contextDir(d *text.Doc, i int) markDir {
	t := &d.Tokens[i]
	spaceBefore := i == 0 || t.Space
	if !spaceBefore {
		p := &d.Tokens[i-1]
		if p.Kind == text.Punct {
			switch d.Text[p.Start:p.End] {
			case "(", "[", "{", "-", "\u2013", "\u2014", ":":
				spaceBefore = true
			}
		}
	}
	spaceAfter := i+1 >= len(d.Tokens) || d.Tokens[i+1].Space
	if !spaceAfter {
		n := &d.Tokens[i+1]
		if n.Kind == text.Punct {
			switch d.Text[n.Start:n.End] {
			case ".", ",", ";", ":", "!", "?", ")", "]", "}", "...", "\u2026", "-", "\u2013", "\u2014":
				spaceAfter = true
			}
		} else if n.Kind == text.Quote {
			spaceAfter = true
		}
	}
	switch {
	case spaceBefore && !spaceAfter:
		return dirOpen
	case !spaceBefore && spaceAfter:
		return dirClose
	}
	return dirAmbig
}

type openMark struct {
	tok  int
	kind markKind
}

// findRegions appends the top-level quotation regions of d to regs, in text order, and marks
// each token's region in in (index into regs, or -1). para[i] is the paragraph of token i.
func findRegions(d *text.Doc, para []int32, in []int32, regs []region) []region {
	base := len(regs)
	n := len(d.Tokens)
	var stack [16]openMark
	start := 0
	for start < n {
		p := para[start]
		end := start
		for end < n && para[end] == p {
			end++
		}
		sp := 0
		for i := start; i < end; i++ {
			t := &d.Tokens[i]
			if t.Kind != text.Quote {
				continue
			}
			kind, dir := classifyMark(d.Text[t.Start:t.End])
			if kind == markNone {
				continue
			}
			cdir := contextDir(d, i)
			eff := dir
			if eff == dirAmbig {
				eff = cdir
			}
			if kind == markSingle && (dir == dirClose && cdir == dirOpen || dir == dirAmbig && eff == dirAmbig) {
				continue // an apostrophe: leaders’ plans, rock 'n' roll
			}
			if kind == markDouble && dir == dirClose && cdir == dirOpen && !openDouble(stack[:sp]) {
				eff = dirOpen // ”Mr. Trump … — a closing mark typed for an opening one
			}
			if eff != dirOpen {
				// Close the innermost open mark of the same kind.
				k := sp - 1
				for k >= 0 && stack[k].kind != kind {
					k--
				}
				if k >= 0 {
					if topLevel(stack[:k]) {
						regs = append(regs, region{open: stack[k].tok, close: i, closed: true,
							single: kind == markSingle, contOf: -1, para: int(p)})
					}
					sp = k
					continue
				}
				if eff == dirClose {
					continue // a stray closing mark or an apostrophe
				}
			}
			if kind == markSingle && dir == dirAmbig && sp == 0 && eff != dirOpen {
				continue
			}
			if sp < len(stack) {
				stack[sp] = openMark{tok: i, kind: kind}
				sp++
			}
		}
		// The paragraph ends inside a quotation: the outermost double quote runs to its end
		// (unclosed single quotes were apostrophes).
		for k := 0; k < sp; k++ {
			if stack[k].kind == markDouble {
				regs = append(regs, region{open: stack[k].tok, close: end - 1, contOf: -1, para: int(p),
					cont: end < n && startsWithOpening(d, end)})
				break
			}
		}
		start = end
	}
	// Text order; drop regions inside or across an earlier one.
	rs := regs[base:]
	slices.SortFunc(rs, func(a, b region) int { return a.open - b.open })
	k := 0
	for _, r := range rs {
		if k > 0 && r.open <= rs[k-1].close {
			continue
		}
		rs[k] = r
		k++
	}
	regs = regs[:base+k]
	for i := range in {
		in[i] = -1
	}
	for ri := base; ri < len(regs); ri++ {
		r := &regs[ri]
		for t := r.open; t <= r.close; t++ {
			in[t] = int32(ri)
			if kd := d.Tokens[t].Kind; kd == text.Word || kd == text.Number {
				r.words++
			}
		}
		if r.cont {
			if ri+1 < len(regs) && para[regs[ri+1].open] != para[r.open] && regs[ri+1].open == nextParaStart(para, r.close) {
				regs[ri+1].contOf = ri
			} else {
				r.cont = false
			}
		}
	}
	return regs
}

// openDouble reports whether a double quotation is open.
func openDouble(st []openMark) bool {
	for _, m := range st {
		if m.kind == markDouble {
			return true
		}
	}
	return false
}

// topLevel reports whether the marks below a closing one are all single quotes (so that the
// quotation closing is at the top level: a stray apostrophe does not hide a quotation).
func topLevel(below []openMark) bool {
	for _, m := range below {
		if m.kind == markDouble {
			return false
		}
	}
	return true
}

func nextParaStart(para []int32, i int) int {
	p := para[i]
	for i < len(para) && para[i] == p {
		i++
	}
	return i
}

func startsWithOpening(d *text.Doc, i int) bool {
	t := &d.Tokens[i]
	if t.Kind != text.Quote {
		return false
	}
	kind, dir := classifyMark(d.Text[t.Start:t.End])
	if kind != markDouble {
		return false
	}
	return dir == dirOpen || dir == dirAmbig && contextDir(d, i) != dirClose
}
