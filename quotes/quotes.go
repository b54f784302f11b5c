// Package quotes finds attributions in an article: what was said (the content), how (the cue:
// "said", "according to", "told reporters"), by whom (the speaker, resolved to an entity) and
// through whom it reached the article (the reporting chain, Via).
//
// Direct quotes come from quotation marks, paired across sentences and paragraphs (marks.go);
// cues come from a linear classifier trained on PolNeAR (model.go); content, speaker and chain
// come from rules over the cue's sentence (frame.go); speakers are resolved to entities by
// name, role noun and pronoun (speaker.go).
//
// Extract needs only tokens and sentences (text.Segment); part-of-speech tags (from package
// ner) improve it and entities (from package actors) resolve speakers. It never fails. All
// offsets are byte offsets into the document's text. doc/quotes.md describes the output, the
// reporting chain and the training command.
package quotes

import (
	"strconv"
	"sync"

	"chronicle"
	"chronicle/quotes/internal/feat"
	"chronicle/text"
)

// Version is the version of the extractor; it changes whenever its output does.
const Version = "2"

// Extract returns the attributions of d, in text order, with ids q1, q2, ….
//
// Content, Cue and Speaker spans index d.Text in bytes; Content spans a discontinuous
// content's first to last part, and Parts lists the parts. Speaker.Entity is the id of the
// entity of ents the speaker refers to (by name, role noun or pronoun), "" when none. Via is the
// chain of reporters the content came through, outermost first: the outlet the article itself
// credits ("…, Reuters reported" in its lead) and then the intermediaries of the quote's own
// source ("according to a Bloomberg report quoting sources" gives via [… "Bloomberg"] and the
// speaker "sources"); it is never nil.
func Extract(d *text.Doc, ents []chronicle.Entity) []chronicle.Quote {
	if d == nil || len(d.Tokens) == 0 {
		return []chronicle.Quote{}
	}
	x := getExtractor()
	defer putExtractor(x)
	x.prepare(d)
	x.findCues()
	x.frames()
	return x.quotes(ents)
}

// extractor holds the per-document state; it is pooled.
type extractor struct {
	d     *text.Doc
	m     *feat.Model
	para  []int32 // paragraph of each token
	in    []int32 // top-level quotation region of each token, -1 outside
	regs  []region
	toks  []feat.Tok
	flags []uint32
	cueP  []float32 // cue probability of each token (0 when not scored)
	fs    []uint64  // feature scratch
	cues  []cueRun
	atts  []att
	wraps []wrap
	done  []bool  // per cue run: handled
	noPOS bool    // ignore part-of-speech tags (training without them)
	used  []int32 // attribution whose content holds each token, -1 when none
}

var pool = sync.Pool{New: func() any { return new(extractor) }}

func getExtractor() *extractor  { return pool.Get().(*extractor) }
func putExtractor(x *extractor) { x.d = nil; pool.Put(x) }

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// prepare fills the token view of d: paragraphs, quotation regions, classes and hashes.
func (x *extractor) prepare(d *text.Doc) {
	x.d = d
	x.m = model()
	n := len(d.Tokens)
	x.para = grow(x.para, n)
	x.in = grow(x.in, n)
	x.toks = grow(x.toks, n)
	x.flags = grow(x.flags, n)
	x.cueP = grow(x.cueP, n)
	x.used = grow(x.used, n)
	x.regs = x.regs[:0]
	x.cues = x.cues[:0]
	x.atts = x.atts[:0]
	x.wraps = x.wraps[:0]
	for _, s := range d.Sentences {
		for i := s.First; i < s.Last && i < n; i++ {
			x.para[i] = int32(s.Para)
		}
	}
	x.regs = findRegions(d, x.para, x.in, x.regs)
	firstPara := x.para[0]
	for i := range d.Tokens {
		t := &d.Tokens[i]
		s := d.Text[t.Start:t.End]
		h := feat.Hash(s)
		fl := uint32(0)
		if t.Kind == text.Word {
			fl = lexicon.get(h)
		}
		suf := s
		if len(suf) > 3 {
			suf = suf[len(suf)-3:]
		}
		cls := classOf(t, s, fl)
		if t.Kind == text.Quote {
			// The direction of a mark is what the pairing decided, else its context.
			switch r := x.in[i]; {
			case r >= 0 && x.regs[r].open == i:
				cls = feat.ClsOpenQ
			case r >= 0 && x.regs[r].close == i:
				cls = feat.ClsCloseQ
			default:
				if contextDir(d, i) == dirClose {
					cls = feat.ClsCloseQ
				}
			}
		}
		pos := uint64(feat.NoPOS)
		if t.POS != "" && !x.noPOS {
			pos = feat.Hash(t.POS)
		}
		stem := h
		if t.Kind == text.Word {
			if st := feat.Stem(s); len(st) != len(s) {
				stem = feat.Hash(st)
			}
		}
		x.toks[i] = feat.Tok{W: h, Suf: feat.Hash(suf), Stem: stem, Cls: cls, POS: pos, InQ: x.in[i] >= 0, Head: x.para[i] == firstPara}
		x.flags[i] = fl
		x.cueP[i] = 0
		x.used[i] = -1
	}
}

// classOf returns the feature class of a token.
func classOf(t *text.Token, s string, fl uint32) uint8 {
	switch t.Kind {
	case text.Word:
		switch {
		case fl&fPron != 0 && s != "it" && s != "It":
			return feat.ClsPron
		case fl&fThat != 0:
			return feat.ClsThat
		case fl&fAux != 0:
			return feat.ClsAux
		case fl&fDet != 0:
			return feat.ClsDet
		case fl&fPrep != 0:
			return feat.ClsPrep
		}
		c := s[0]
		switch {
		case 'A' <= c && c <= 'Z':
			if len(s) > 1 && 'A' <= s[1] && s[1] <= 'Z' {
				return feat.ClsUpper
			}
			return feat.ClsCap
		case 'a' <= c && c <= 'z':
			return feat.ClsLower
		case c >= 0x80:
			return feat.ClsCap // non-ASCII initial: mostly names (Ólafur, Ärzte)
		}
		return feat.ClsLower
	case text.Number:
		return feat.ClsNum
	case text.Quote:
		if kind, dir := classifyMark(s); kind != markNone && dir == dirClose {
			return feat.ClsCloseQ
		}
		return feat.ClsOpenQ
	case text.Punct:
		switch s {
		case ",":
			return feat.ClsComma
		case ":":
			return feat.ClsColon
		case ".", "!", "?", "...", "\u2026":
			return feat.ClsStop
		case "-", "--", "\u2013", "\u2014":
			return feat.ClsDash
		case "(", ")", "[", "]":
			return feat.ClsParen
		}
	}
	return feat.ClsOther
}

// isCandidate reports whether token i may be (part of) a cue: a word outside quotations, or a
// colon (headlines: "Pat Caddell: Democrat Voters Worried …").
func (x *extractor) isCandidate(i int) bool {
	if x.in[i] >= 0 {
		return false
	}
	t := &x.d.Tokens[i]
	return t.Kind == text.Word || t.Kind == text.Punct && x.toks[i].Cls == feat.ClsColon
}

// context returns the feature context of sentence si.
func (x *extractor) context(si int) feat.Context {
	s := x.d.Sentences[si]
	c := feat.Context{Toks: x.toks, Lo: s.First, Hi: s.Last}
	for i := s.First; i < s.Last; i++ {
		if x.in[i] >= 0 {
			c.SentQuote = true
			break
		}
	}
	return c
}

// quotes converts the attributions to chronicle.Quotes, resolving speakers against ents.
func (x *extractor) quotes(ents []chronicle.Entity) []chronicle.Quote {
	out := make([]chronicle.Quote, 0, len(x.atts))
	res := newResolver(x, ents)
	res.resolveAll()
	c0, c1 := x.articleCredit()
	credit := [2]int{c0, c1}
	for ai := range x.atts {
		a := &x.atts[ai]
		if len(a.parts) == 0 || a.cue0 >= a.cue1 {
			continue
		}
		q := chronicle.Quote{Kind: a.kind(x)}
		q.Content = x.span(a.parts[0][0], a.parts[len(a.parts)-1][1])
		if len(a.parts) > 1 {
			q.Parts = make([]chronicle.Span, len(a.parts))
			for i, p := range a.parts {
				q.Parts[i] = x.span(p[0], p[1])
			}
		}
		q.Cue = x.span(a.cue0, a.cue1)
		if a.src0 < a.src1 {
			q.Speaker.Span = x.span(a.src0, a.src1)
			q.Speaker.Entity = res.entityID(ai)
		}
		q.Via = x.via(ai, credit)
		out = append(out, q)
	}
	// Text order by content start, then ids.
	sortQuotes(out)
	for i := range out {
		out[i].ID = "q" + strconv.Itoa(i+1)
	}
	return out
}

// span returns the chronicle.Span of tokens [first, last).
func (x *extractor) span(first, last int) chronicle.Span {
	s, e := x.d.Span(first, last)
	return chronicle.Span{Start: s, End: e, Text: x.d.Text[s:e]}
}
