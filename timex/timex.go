// Package timex finds time expressions in an article and normalises them to TIMEX3 values
// (TimeML) against the article's date: "on Thursday" in an article dated Thursday 2025-07-03 is
// 2025-07-03, "a month ago" is 2025-06, "the next two years" is P2Y, "every Monday" is
// XXXX-WXX-1.
//
// The tagger is a hand-written grammar over the tokens of a text.Doc: hyphenated tokens are
// split into pieces, each piece is looked up once in a lower-case lexicon, and pattern
// functions try to match at each piece that can start an expression, keeping the longest match.
// Relative expressions are resolved against the article date and, where TimeML does so, against
// the last date the article mentioned ("the following day", "two years earlier"). Weekday and
// month names without a year are placed by the tense of the verb group that governs them (Penn
// POS tags when the ner tagger ran first, else auxiliaries, modals and verb endings; see
// tense.go). Expressions inside PER/ORG mentions of the Doc ("Tuesday Morning Corp.") and
// capitalised relative words inside names and titles ("Russia Today", "This Week") are skipped.
//
// Spans follow the TimeML conventions: prepositions ("on", "in", "since") are not part of the
// expression; determiners, modifiers ("early", "about", "more than") and "ago" are.
package timex

import (
	"sync"
	"time"

	"chronicle"
	"chronicle/text"
)

// Version is the version of the tagger's output; it changes whenever the output does.
const Version = "18"

// Tag returns every time expression of d, in text order, with byte offsets into d.Text, ids
// "t1", "t2", …, type, TIMEX3 value, and mod/freq/quant/anchor where they apply. Relative
// expressions are resolved against dct, the article's date (only its calendar date is used);
// with a zero dct they get values with X placeholders ("XXXX-XX-XX").
func Tag(d *text.Doc, dct time.Time) []chronicle.Timex {
	ts, _ := TagDiag(d, dct)
	return ts
}

// TagDiag is Tag that also returns diagnostics: expressions found but not resolvable (no
// article date, a weekday without tense cues, …). Diagnostics have Stage "timex" and byte offsets.
func TagDiag(d *text.Doc, dct time.Time) ([]chronicle.Timex, []chronicle.Diagnostic) {
	t := taggers.Get().(*tagger)
	defer taggers.Put(t)
	t.reset(d, dct)
	t.run()
	out := make([]chronicle.Timex, len(t.out))
	copy(out, t.out)
	var diags []chronicle.Diagnostic
	if len(t.diags) > 0 {
		diags = append(diags, t.diags...)
	}
	return out, diags
}

var taggers = sync.Pool{New: func() any { return new(tagger) }}

// tagger holds the state of one run over one document; it is reused through a pool.
type tagger struct {
	d     *text.Doc
	text  string
	us    []unit
	dct   point // the article date at gDay (gNone when unknown)
	out   []chronicle.Timex
	diags []chronicle.Diagnostic
	ids   []byte

	// last is the last calendar date mentioned (anaphora: "the following day"); lastQ the last
	// quarter or half ("a year earlier" in an earnings report).
	last, lastQ     point
	lastID, lastQID string
	lastSent        int32 // the sentence of last
	lastUnit        int   // unit index of the end of the last timex
	mi              int   // the first mention of d.Mentions that may still contain a match
}

func (t *tagger) reset(d *text.Doc, dct time.Time) {
	t.d = d
	t.text = d.Text
	t.us = buildUnits(d, t.us[:0])
	t.dct = point{}
	if !dct.IsZero() {
		t.dct = point{g: gDay, y: dct.Year(), m: int(dct.Month()), d: dct.Day()}
	}
	t.out = t.out[:0]
	t.diags = t.diags[:0]
	t.mi = 0
	t.last, t.lastQ = point{}, point{}
	t.lastID, t.lastQID = "", ""
}

// result is one match of the grammar.
type result struct {
	start, end int // units [start, end)
	typ        string
	val        string
	mod        string
	freq       string
	quant      string
	p          point // the calendar value when the expression names a date or time
	anchored   bool  // resolved against the last mentioned date
	anchorQ    bool  // … the last mentioned quarter
	derived    bool  // counted from another date: not itself an anchor for later expressions
	diag       string
}

func (t *tagger) run() {
	us := t.us
	for i := 0; i < len(us); {
		u := &us[i]
		if u.punct != 0 && u.punct != '\'' || u.lx == (lex{}) && u.num < 0 && u.dk == dNone && !isQWord(t.text, u) {
			i++
			continue
		}
		r, ok := t.match(i)
		if !ok || r.end <= r.start {
			i++
			continue
		}
		if t.isTitle(r) || t.inName(r) {
			i = r.end
			continue
		}
		t.emit(r)
		i = r.end
		if r2, ok := t.secondDay(r); ok {
			t.emit(r2)
			i = r2.end
		}
	}
}

// secondDay matches the bare day after a date that ends in its day: "April 24 and 25", "on
// March 3 or 4" (the day of the same month).
func (t *tagger) secondDay(r result) (result, bool) {
	us := t.us
	k := r.end
	if r.p.g != gDay || k+1 >= len(us) || r.end-r.start < 2 {
		return r, false
	}
	last := &us[k-1]
	if !(last.dk == dPlain && last.nd <= 2 || last.dk == dOrd) || us[k].lx.id != wAnd && us[k].lx.id != wOr {
		return r, false
	}
	u := &us[k+1]
	if u.sentence != last.sentence || !(u.dk == dPlain && u.nd <= 2 || u.dk == dOrd) || u.num < 1 || u.num > 31 || u.hyph || u.poss {
		return r, false
	}
	if k+2 < len(us) && us[k+2].sentence == u.sentence {
		if n := &us[k+2]; n.lx.unit != uNone || n.lx.month > 0 || n.punct == '%' || n.dk != dNone || n.lx.num > 0 {
			return r, false // "April 24 and 25 percent", "May 5 and 6 June"
		}
	}
	p := r.p
	p.d = int(u.num)
	if p.at(gDay).date().Day() != p.d {
		return r, false
	}
	r2 := result{start: k + 1, end: k + 2, typ: r.typ, p: p, derived: true}
	r2.val = p.value()
	return r2, true
}

func (t *tagger) emit(r result) {
	us := t.us
	s, e := int(us[r.start].s), int(us[r.end-1].e)
	// A span never ends inside a token or on a hyphen: widen to whole tokens.
	if first := int(us[r.start].tok); int(t.d.Tokens[first].Start) < s && us[r.start].punct == 0 {
		s = int(t.d.Tokens[first].Start)
	}
	if last := int(us[r.end-1].tok); int(t.d.Tokens[last].End) > e && !us[r.end-1].poss {
		e = int(t.d.Tokens[last].End)
	}
	if n := len(t.out); n > 0 && t.out[n-1].End > s {
		return // overlapping an earlier one after widening
	}
	t.ids = append(t.ids[:0], 't')
	t.ids = appendInt(t.ids, len(t.out)+1)
	tx := chronicle.Timex{
		ID:    string(t.ids),
		Span:  chronicle.Span{Start: s, End: e, Text: t.text[s:e]},
		Type:  r.typ,
		Value: r.val,
		Mod:   r.mod,
		Freq:  r.freq,
		Quant: r.quant,
	}
	if r.anchored && t.lastID != "" {
		tx.AnchorID = t.lastID
		t.lastSent = t.us[r.end-1].sentence // the anchor is still the narrative's time
	}
	if r.anchorQ && t.lastQID != "" {
		tx.AnchorID = t.lastQID
	}
	t.out = append(t.out, tx)
	if r.diag != "" {
		t.diags = append(t.diags, chronicle.Diagnostic{Stage: "timex", Start: s, End: e, Message: r.diag + ": '" + tx.Text + "'"})
	}
	if r.p.ok() && !r.derived && !r.anchored && !r.anchorQ && (r.typ == chronicle.DATE || r.typ == chronicle.TIME) {
		if r.p.g >= gYear && r.p.g != gSeason {
			t.last, t.lastID, t.lastSent = r.p, tx.ID, t.us[r.end-1].sentence
		}
		if r.p.g == gQuarter || r.p.g == gHalf {
			t.lastQ, t.lastQID = r.p, tx.ID
		}
	}
	t.lastUnit = r.end
}

// isTitle reports whether r is a capitalised relative expression inside a name or title rather
// than a time expression: "video released by Russia Today", "ABC's \"This Week\"". Every word
// of it is capitalised, none is a calendar name or a number, and it does not open its sentence.
func (t *tagger) isTitle(r result) bool {
	us := t.us
	for k := r.start; k < r.end; k++ {
		u := &us[k]
		if u.punct != 0 {
			continue
		}
		if !u.cap || u.allCaps || u.num >= 0 || u.dk != dNone || u.lx.month > 0 || u.lx.wday > 0 || u.lx.hol != hNone {
			return false
		}
	}
	// Does it open its sentence (after quotes, brackets or a colon)?
	for k := r.start - 1; k >= 0 && us[k].sentence == us[r.start].sentence; k-- {
		switch us[k].punct {
		case '"', '\'', '`', '(', '[', ':', '?':
			continue
		case 0:
			// after "Co." the splitter may have missed a sentence end
			return t.text[us[k].e-1] != '.'
		}
		return false // after a comma, a dash …: a clause opening
	}
	return false
}

// inName reports whether r lies inside the name of a person or organisation that the ner tagger
// found (d.Mentions): "Tuesday Morning Corp." is not a time expression.
func (t *tagger) inName(r result) bool {
	ms := t.d.Mentions
	if len(ms) == 0 {
		return false
	}
	first, last := int(t.us[r.start].tok), int(t.us[r.end-1].tok)
	for t.mi < len(ms) && ms[t.mi].Last <= first {
		t.mi++
	}
	for k := t.mi; k < len(ms) && ms[k].First <= first; k++ {
		if m := ms[k]; last < m.Last && (m.Type == chronicle.PER || m.Type == chronicle.ORG) {
			return true
		}
	}
	return false
}

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

// isQWord reports whether u is "Q1" … "Q4" (or "1Q" … "4Q").
func isQWord(s string, u *unit) bool {
	if u.e-u.s != 2 {
		return false
	}
	a, b := s[u.s], s[u.s+1]
	return (a == 'Q' && b >= '1' && b <= '4') || (b == 'Q' && a >= '1' && a <= '4')
}
