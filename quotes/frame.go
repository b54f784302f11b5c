package quotes

import (
	"slices"
	"strings"

	"chronicle/quotes/internal/feat"
	"chronicle/text"
)

// Frames: given a cue, where are its content and its source?
//
//	SOURCE CUE (that) CONTENT.           Trump said (that) he would win.
//	SOURCE CUE: "CONTENT"                Cruz continued: "…" (also in the next paragraph)
//	CONTENT, SOURCE CUE (adjuncts).      He would win, Trump said on Tuesday.
//	"CONTENT," CUE SOURCE, "CONTENT".    "We will," said Trump, "win."
//	According to SOURCE, CONTENT.        and CONTENT, according to SOURCE.
//	SOURCE: CONTENT                      (headlines) Pat Caddell: Voters Worried …
//
// A direct content (a quotation) takes along the quotations that continue it: the next
// paragraph's when the quotation runs on, the following quote-only sentences of its paragraph,
// the quote-only paragraphs after a colon. A cue inside another attribution's content is dropped
// (attributions do not nest, as in PolNeAR), except that an outer "…, Reuters reported" or
// "according to …" around a whole attribution becomes that attribution's reporting chain.

// cueRun is a cue: tokens [c0, c1).
type cueRun struct{ c0, c1 int }

// att is an attribution in token ranges (end exclusive).
type att struct {
	cue0, cue1 int
	src0, src1 int
	parts      [][2]int
	via        [][2]int // reporting chain, outermost first (token ranges)
	inherited  bool     // the source was taken from a coordinated or participial clause
	postposed  bool     // the content precedes the cue
	wrapper    bool     // the content is itself an attribution: a becomes its chain
}

// wrap is an outer attribution ("…, Reuters reported", "according to X, …") around whole
// attributions: those whose cue lies in tokens [lo, hi) have it in their chain.
type wrap struct {
	lo, hi     int
	src0, src1 int
	cue0       int
	media      bool // credited to a news outlet ("reported", a wire agency)
}

// kind returns direct when the content is quotations only, mixed when it holds a quotation
// among other words, indirect otherwise.
func (a *att) kind(x *extractor) string {
	quoted, other := 0, 0
	for _, p := range a.parts {
		for i := p[0]; i < p[1]; i++ {
			t := &x.d.Tokens[i]
			if t.Kind != text.Word && t.Kind != text.Number {
				continue
			}
			if x.in[i] >= 0 {
				quoted++
			} else {
				other++
			}
		}
	}
	switch {
	case quoted > 0 && other == 0:
		return "direct"
	case quoted > 0:
		return "mixed"
	}
	return "indirect"
}

// findCues scores the candidate tokens and collects the cue runs.
func (x *extractor) findCues() {
	d := x.d
	for si := range d.Sentences {
		c := x.context(si)
		s := d.Sentences[si]
		for i := s.First; i < s.Last; i++ {
			if x.isCandidate(i) {
				x.fs = feat.CueFeatures(&c, i, x.fs[:0])
				// Most words score far below any threshold: skip the exponential for them.
				if sc := x.m.Score(x.fs); sc > minCueScore {
					x.cueP[i] = float32(feat.Prob(sc))
				}
			}
		}
	}
	x.boostCues()
	defer x.dropSourceCues()
	for si := range d.Sentences {
		s := d.Sentences[si]
		start := -1
		for i := s.First; i <= s.Last; i++ {
			on := i < s.Last && x.cueP[i] >= cueThreshold
			if on && start < 0 {
				start = i
			}
			if !on && start >= 0 {
				// A run does not end with a determiner ("said in a" statement).
				end := i
				if end-start > 1 && x.flags[end-1]&fDet != 0 && x.flags[end-1]&fPron == 0 {
					end--
					if end-start > 1 && x.flags[end-1]&fPrep != 0 {
						end--
					}
				}
				// A particle belongs to its verb: "pointed out", "known as".
				if end == i && end < s.Last && x.in[end] < 0 && isParticle(x.word(end)) {
					end++
				}
				// "the first publicly known conversation": a participle after a determiner is
				// an adjective, not a cue.
				b := start - 1
				for b >= s.First && (x.flags[b]&fAdv != 0 && x.flags[b]&fAux == 0 || isOrdinal(x.word(b)) || strings.HasSuffix(x.word(b), "ly")) {
					b--
				}
				hw := x.word(x.cueHead(start, end))
				participle := strings.HasSuffix(hw, "ed") || strings.HasSuffix(hw, "wn") || strings.HasSuffix(hw, "en")
				det := b >= s.First && (x.flags[b]&fDet != 0 && x.flags[b]&fPron == 0 && x.toks[b].Cls != feat.ClsThat || participle && isPossessive(x.word(b)))
				if det && end < s.Last && x.d.Tokens[end].Kind == text.Word {
					start = -1
					continue
				}
				// A run of auxiliaries and adverbs only ("has", "also") is no cue.
				for k := start; k < end; k++ {
					if x.flags[k]&(fAux|fAdv|fNeg) == 0 {
						x.cues = append(x.cues, cueRun{x.skipAuxLeft(start, s.First), end})
						break
					}
				}
				start = -1
			}
		}
	}
}

// dropSourceCues drops a cue run that lies inside the source of the next one ("“…,” panel
// Chairman Jason Chaffetz said": "panel" is no cue of its own).
func (x *extractor) dropSourceCues() {
	k := 0
	for i, a := range x.cues {
		if i+1 < len(x.cues) {
			b := x.cues[i+1]
			if b.c0 > a.c1 && b.c0-a.c1 <= 10 && x.d.SentenceOf(a.c0) == x.d.SentenceOf(b.c0) && x.cueP[a.c0] < x.cueP[b.c1-1] {
				si := x.d.SentenceOf(b.c0)
				c := x.context(si)
				if s0 := x.walkLeft(&c, b.c0, x.cueHead(b.c0, b.c1)); s0 <= a.c1 && s0 < b.c0 && x.walkLeftReaches(&c, b.c0, x.cueHead(b.c0, b.c1), a.c0) {
					continue
				}
			}
		}
		x.cues[k] = a
		k++
	}
	x.cues = x.cues[:k]
}

// walkLeftReaches reports whether the source walk from the cue at c0 would take in token t if
// it were not a cue: every token in [t, c0) is a plausible source token.
func (x *extractor) walkLeftReaches(c *feat.Context, c0, head, t int) bool {
	for j := c0 - 1; j >= t; j-- {
		if x.in[j] >= 0 || x.isTerminal(j) || x.isPunct(j, ",", ";", ":") {
			return false
		}
		x.fs = feat.SourceFeatures(c, j, c0, head, true, x.fs[:0])
		if x.m.Score(x.fs) < 0 /* probability 0.5 */ {
			return false
		}
	}
	return true
}

// boostCues marks cues the model is unsure of in constructions that are reporting beyond
// doubt: "was quoted as saying", and a participle that introduces a quotation ("…,
// requesting the audience, “Please …”", "…, adding: “…”").
func (x *extractor) boostCues() {
	n := len(x.d.Tokens)
	for i := 0; i+2 < n; i++ {
		if x.in[i] < 0 && x.word(i) == "quoted" && x.word(i+1) == "as" && x.word(i+2) == "saying" {
			x.cueP[i], x.cueP[i+1], x.cueP[i+2] = boosted, boosted, boosted
		}
	}
	for ri := range x.regs {
		o := x.regs[ri].open
		if o < 2 || x.regs[ri].words < 2 {
			continue
		}
		from := o - 1
		if x.isPunct(from, ",", ":") {
			from--
		}
		for k := from; k >= 0 && k >= o-6; k-- {
			if x.in[k] >= 0 || x.d.Tokens[k].Kind != text.Word {
				break
			}
			if w := x.word(k); len(w) > 4 && strings.HasSuffix(w, "ing") && k > 0 && (x.isPunct(k-1, ",") || x.flags[k-1]&(fConj|fPrep|fSubord) != 0) {
				x.cueP[k] = max(x.cueP[k], boosted)
				break
			}
		}
	}
	x.boostSpeechVerbs()
	// A likely cue followed by "that" or a quotation: "X warned that …", "X tweeted “…”".
	n = len(x.d.Tokens)
	for i := 0; i+1 < n; i++ {
		if p := x.cueP[i]; p >= weakCue && p < cueThreshold && x.d.Tokens[i].Kind == text.Word && x.flags[i]&(fAux|fDet|fPrep|fConj) == 0 {
			j := i + 1
			if x.toks[j].Cls == feat.ClsThat || x.in[j] >= 0 && x.regs[x.in[j]].open == j && x.regs[x.in[j]].words >= 3 {
				x.cueP[i] = cueThreshold
			}
		}
	}
}

// boostSpeechVerbs marks the verb of an attribution clause right after a quotation that ends
// with a comma, question or exclamation mark, whatever the verb: "“…?” Vitter demanded.",
// "“…,” she yells while …", "“…,” shouted the crowd".
func (x *extractor) boostSpeechVerbs() {
	n := len(x.d.Tokens)
	for ri := range x.regs {
		rg := x.regs[ri]
		k := rg.close
		if !rg.closed || rg.words < 2 || k+2 >= n || k < 1 || x.para[k+1] != x.para[k] {
			continue
		}
		if !x.isPunct(k-1, ",", "?", "!") {
			continue
		}
		i := k + 1
		if x.isPunct(i, ",") {
			i++
		}
		if i >= n || x.flags[i]&(fStart|fConj|fSubord|fPrep) != 0 && x.flags[i]&fPron == 0 {
			continue // "… Thank you!” Meanwhile, Putin rushed out …" starts a new sentence
		}
		// Within the next six tokens: a lower-case word next to a subject (a pronoun or
		// a capitalised name), with no cue yet, in a short clause.
		end := min(n, i+6)
		for j := i; j < end; j++ {
			if x.in[j] >= 0 || x.isTerminal(j) || x.cueP[j] >= cueThreshold {
				break
			}
			if x.d.Tokens[j].Kind != text.Word || x.toks[j].Cls != feat.ClsLower || x.flags[j]&(fPrep|fDet|fConj|fSubord|fAux|fAdv) != 0 {
				continue
			}
			subjBefore := j > i && (x.toks[j-1].Cls == feat.ClsCap || x.toks[j-1].Cls == feat.ClsUpper || x.toks[j-1].Cls == feat.ClsPron || x.flags[j-1]&fTitle != 0)
			subjAfter := j == i && j+1 < n && (x.toks[j+1].Cls == feat.ClsCap || x.toks[j+1].Cls == feat.ClsPron || x.toks[j+1].Cls == feat.ClsDet)
			// The clause ends soon: the sentence end, or a comma or preposition next.
			short := j+1 >= n || x.isTerminal(j+1) || x.isPunct(j+1, ",") || x.flags[j+1]&(fPrep|fSubord|fTime) != 0 || subjAfter
			if (subjBefore || subjAfter) && short {
				x.cueP[j] = boosted
			}
			break
		}
	}
}

// skipAuxLeft extends a cue starting at c0 over the auxiliaries and adverbs before it ("has
// also said"), at most three, not before lo.
func (x *extractor) skipAuxLeft(c0, lo int) int {
	for k := 0; k < 3 && c0-1 >= lo; k++ {
		t := &x.d.Tokens[c0-1]
		if t.Kind != text.Word || x.in[c0-1] >= 0 || x.flags[c0-1]&(fAux|fAdv|fNeg) == 0 {
			break
		}
		c0--
	}
	return c0
}

// cueHead returns the main word of the cue [c0, c1): its first token that is not an
// auxiliary or adverb.
func (x *extractor) cueHead(c0, c1 int) int {
	for k := c0; k < c1; k++ {
		if x.flags[k]&(fAux|fAdv|fNeg) == 0 {
			return k
		}
	}
	return c1 - 1
}

// walkLeft returns the start of the source ending just before token end (end when none) of
// the cue whose main word is head.
func (x *extractor) walkLeft(c *feat.Context, end, head int) int {
	j := end - 1
	for ; j >= c.Lo && j >= end-15; j-- {
		if x.in[j] >= 0 {
			break
		}
		x.fs = feat.SourceFeatures(c, j, end, head, true, x.fs[:0])
		if x.m.Score(x.fs) < 0 /* probability 0.5 */ {
			break
		}
	}
	start := j + 1
	// A comma inside the source sets off an appositive ("Nick Witney, a fellow at …,"), not a
	// clause: when a verb precedes it, the source starts after it ("The United States has
	// resumed deliveries to Ukraine, two U.S. officials said").
	for k := end - 1; k > start; k-- {
		if !x.isPunct(k, ",") {
			continue
		}
		for i := start; i < k; i++ {
			if x.verbish(i) {
				start = k + 1
				break
			}
		}
		break
	}
	// Never start a source with punctuation, a conjunction or a preposition.
	for start < end && !x.nounish(start) {
		start++
	}
	return start
}

// verbish reports whether token i is a finite verb or an auxiliary: by its tag when tagged,
// else by the closed-class lexicon.
func (x *extractor) verbish(i int) bool {
	if x.flags[i]&fAux != 0 && x.word(i) != "'s" && x.word(i) != "\u2019s" {
		return true
	}
	if p := x.d.Tokens[i].POS; p != "" && !x.noPOS {
		return p == "VBD" || p == "VBZ" || p == "VBP" || p == "MD"
	}
	return false
}

// walkRight returns the end of the source starting at token start (start when none) of the
// cue whose main word is head.
func (x *extractor) walkRight(c *feat.Context, start, head int) int {
	j := start
	for ; j < c.Hi && j < start+15; j++ {
		if x.in[j] >= 0 || x.cueP[j] >= cueThreshold {
			break // a quotation, or another cue ("said Mr. Kamin, who emphasized that …")
		}
		x.fs = feat.SourceFeatures(c, j, start-1, head, false, x.fs[:0])
		if x.m.Score(x.fs) < 0 /* probability 0.5 */ {
			break
		}
	}
	end := j
	for end > start && (!x.nounEnd(end-1) || x.flags[end-1]&fRel != 0) {
		end--
	}
	return end
}

// nounish reports whether token i can start a noun phrase.
func (x *extractor) nounish(i int) bool {
	t := &x.d.Tokens[i]
	if t.Kind != text.Word && t.Kind != text.Number {
		return false
	}
	return x.flags[i]&(fConj|fPrep|fAux|fSubord) == 0 || x.flags[i]&fDet != 0 || x.flags[i]&fPron != 0
}

// nounEnd reports whether token i can end a noun phrase.
func (x *extractor) nounEnd(i int) bool {
	t := &x.d.Tokens[i]
	if t.Kind == text.Punct {
		s := x.d.Text[t.Start:t.End]
		return s == ")" || s == "."
	}
	if t.Kind != text.Word && t.Kind != text.Number {
		return false
	}
	return x.flags[i]&(fConj|fPrep|fDet|fSubord) == 0 || x.flags[i]&fPron != 0
}

// inversionContext reports whether a cue starting at c0 may take its source after it: it
// starts the sentence or follows punctuation or a quotation ("…," said Trump).
func (x *extractor) inversionContext(c0, lo int) bool {
	if c0 == lo {
		return true
	}
	t := &x.d.Tokens[c0-1]
	return t.Kind == text.Punct || t.Kind == text.Quote
}

func (x *extractor) isPunct(i int, ss ...string) bool {
	t := &x.d.Tokens[i]
	if t.Kind != text.Punct {
		return false
	}
	s := x.d.Text[t.Start:t.End]
	for _, w := range ss {
		if s == w {
			return true
		}
	}
	return false
}

func (x *extractor) isTerminal(i int) bool { return x.toks[i].Cls == feat.ClsStop }

func (x *extractor) word(i int) string {
	t := &x.d.Tokens[i]
	return x.d.Text[t.Start:t.End]
}

// frames turns every cue into an attribution.
func (x *extractor) frames() {
	d := x.d
	x.done = grow(x.done, len(x.cues))
	clear(x.done)
	// Two passes: attribution clauses that follow their content ("…, sources said.") first,
	// so that a cue inside that content ("X called for …, sources said.") does not claim it.
	for pass := 0; pass < 2; pass++ {
		for ci := range x.cues {
			if x.done[ci] {
				continue
			}
			cr := x.cues[ci]
			if x.used[cr.c0] >= 0 {
				x.done[ci] = true
				continue // inside an earlier attribution's content
			}
			si := d.SentenceOf(cr.c0)
			c := x.context(si)
			if e := x.datelineEnd(si); e > c.Lo && e <= cr.c0 {
				c.Lo = e // "MOSCOW (Reuters) - …": the dateline is no content
			}
			// "…?" Clinton said. — the splitter ends a sentence after ?” and !”; the
			// attribution clause belongs with the quotation.
			if p := c.Lo - 1; p > 0 && cr.c0-c.Lo <= 6 && x.in[p] >= 0 && x.regs[x.in[p]].close == p &&
				x.isPunct(p-1, "?", "!") && x.para[p] == x.para[c.Lo] {
				c.Lo = d.Sentences[d.SentenceOf(x.regs[x.in[p]].open)].First
			}
			a := att{cue0: cr.c0, cue1: cr.c1, src0: -1, src1: -1}
			if x.flags[cr.c0]&fAccording != 0 {
				x.according(&a, &c, ci)
			} else if x.toks[cr.c0].Cls == feat.ClsColon {
				if x.toks[cr.c0].Head {
					x.headline(&a, &c)
				} else {
					x.colonFrame(&a, &c, ci)
				}
			} else {
				x.verbFrame(&a, &c, ci)
			}
			if pass == 0 && !a.postposed {
				continue
			}
			x.trimSource(&a)
			x.done[ci] = true
			if len(a.parts) == 0 {
				continue
			}
			if a.wrapper || x.wraps1(&a, ci) {
				x.wraps = append(x.wraps, wrap{lo: a.parts[0][0], hi: a.parts[len(a.parts)-1][1],
					src0: a.src0, src1: a.src1, cue0: a.cue0, media: x.mediaCue(&a)})
				continue
			}
			x.addAtt(a)
		}
	}
	x.epigraphs()
	x.colonParagraphs()
	x.objectQuotes()
	x.orphanQuotes()
	slices.SortFunc(x.atts, func(a, b att) int { return a.cue0 - b.cue0 })
	// used[] indexes attributions: renumber after sorting.
	for i := range x.used {
		x.used[i] = -1
	}
	for ai := range x.atts {
		for _, p := range x.atts[ai].parts {
			for i := p[0]; i < p[1]; i++ {
				if x.used[i] < 0 {
					x.used[i] = int32(ai)
				}
			}
		}
	}
	x.inheritSources()
}

// datelineEnd returns the first token after the dateline that opens sentence si ("MOSCOW
// (Reuters) -", "KYIV, Ukraine —"), or -1.
func (x *extractor) datelineEnd(si int) int {
	s := x.d.Sentences[si]
	if s.Last-s.First < 3 || x.toks[s.First].Cls != feat.ClsUpper {
		return -1
	}
	for k := s.First + 1; k < s.Last && k < s.First+10; k++ {
		if x.isPunct(k, "-", "--", "\u2014", "\u2013") {
			return k + 1
		}
		if !(x.d.Tokens[k].Kind == text.Word || x.isPunct(k, ",", "(", ")", ".")) {
			return -1
		}
	}
	return -1
}

// wrapperCue reports whether a's cue can wrap a whole attribution: "according to", "reported".
func (x *extractor) wrapperCue(a *att) bool {
	if x.flags[a.cue0]&fAccording != 0 {
		return true
	}
	switch strings.ToLower(x.word(a.cue1 - 1)) {
	case "reported", "reports", "reporting":
		return true
	}
	return false
}

// mediaCue reports whether a credits a news outlet: a "reported" cue, or a wire agency or a
// report as the source.
func (x *extractor) mediaCue(a *att) bool {
	switch strings.ToLower(x.word(a.cue1 - 1)) {
	case "reported", "reports", "reporting":
		return true
	}
	for i := max(a.src0, 0); i < a.src1; i++ {
		if x.flags[i]&fMedia != 0 || isAgency(x.word(i)) {
			return true
		}
	}
	return false
}

// isAgency reports whether w names a news agency.
func isAgency(w string) bool {
	switch w {
	case "Reuters", "AP", "AFP", "Bloomberg", "TASS", "Tass", "Interfax", "Xinhua", "dpa", "DPA",
		"ANI", "PTI", "Kyodo", "Yonhap", "UPI", "EFE", "ANSA", "RIA", "IANS", "Bernama", "Anadolu":
		return true
	}
	return false
}

// wraps1 reports whether a (with a wrapper cue) has a right content that holds an attribution
// of its own.
func (x *extractor) wraps1(a *att, ci int) bool {
	if a.postposed || !x.wrapperCue(a) {
		return false
	}
	return x.innerAttribution(a.parts[0][0], a.parts[len(a.parts)-1][1])
}

// innerAttribution reports whether tokens [lo, hi) hold a whole attribution: a recorded one's
// cue, or a strong cue outside quotations with a subject before it.
func (x *extractor) innerAttribution(lo, hi int) bool {
	for k := range x.atts {
		if b := &x.atts[k]; b.cue0 >= lo && b.cue0 < hi && b.src0 >= 0 {
			return true
		}
	}
	for k := range x.cues {
		cr := x.cues[k]
		if cr.c0 < lo || cr.c0 >= hi || x.in[cr.c0] >= 0 || x.cueP[cr.c1-1] < strongCue {
			continue
		}
		if j := cr.c0 - 1; j >= lo && x.nounEnd(j) || x.cueP[cr.c1-1] == boosted {
			return true
		}
	}
	return false
}

// addAtt records a and marks its content tokens; an earlier attribution whose content holds
// a's cue absorbs a as its reporting chain instead (see nest).
func (x *extractor) addAtt(a att) {
	ai := int32(len(x.atts))
	for _, p := range a.parts {
		for i := p[0]; i < p[1]; i++ {
			if x.used[i] < 0 {
				x.used[i] = ai
			}
		}
	}
	x.atts = append(x.atts, a)
}

// nextCue returns the index of the first cue run after run ci that starts at or after token i
// and before hi, or -1.
func (x *extractor) nextCueIn(ci, lo, hi int) int {
	for k := ci + 1; k < len(x.cues); k++ {
		if x.cues[k].c0 >= hi {
			return -1
		}
		if x.cues[k].c0 >= lo {
			return k
		}
	}
	return -1
}

// verbFrame handles a verbal cue ("said", "told reporters", "wants").
func (x *extractor) verbFrame(a *att, c *feat.Context, ci int) {
	c0, c1 := a.cue0, a.cue1
	lo, hi := c.Lo, c.Hi
	if x.passive(a, c) {
		return
	}
	// "…," SOURCE CUE: everything between the quotation and the cue is the source.
	q := x.quoteBefore(c0, lo)
	if q >= 0 {
		g0 := q + 1
		for g0 < c0 && x.isPunct(g0, ",", "—", "–", "--") {
			g0++
		}
		g1 := c0
		for g1 > g0 && x.isPunct(g1-1, ",") {
			g1--
		}
		if g1 > g0 && g1-g0 <= 40 && x.nounish(g0) && !x.hasOwnCue(g0, g1) {
			a.src0, a.src1 = g0, g1
		}
	}
	if a.src0 < 0 {
		// Source before the cue.
		s0 := x.walkLeft(c, c0, x.cueHead(c0, c1))
		if s0 < c0 {
			a.src0, a.src1 = s0, c0
		} else if x.inversionContext(c0, lo) {
			if e := x.walkRight(c, c1, x.cueHead(c0, c1)); e > c1 && x.tailKind(e, hi) != tailClause {
				a.src0, a.src1 = c1, e
			} else if as, ae := x.appositiveSubject(c, c0); as >= 0 {
				// "Nick Witney, a fellow at the council, said …"
				a.src0, a.src1 = as, ae
			} else if e > c1 {
				a.src0, a.src1 = c1, e
			}
		}
	}
	before := c0 // first token of the attribution clause
	after := c1  // first token after it
	if a.src0 >= 0 {
		before = min(before, a.src0)
		after = max(after, a.src1)
	}
	if isAddressVerb(x.word(c1 - 1)) {
		// "told reporters", "told CNN on Sunday": the addressee is not a content.
		if e := x.addressee(after, hi); e > after && x.tailKind(e, hi) != tailClause {
			after = e
		}
	}
	tail := x.tailKind(after, hi)
	// Content before the clause: "…," he said / …, Trump said on Tuesday. After a quotation
	// the clause may go on ("…," Graham told CNN on Sunday before the vote.) unless it
	// introduces a content of its own (that …, a quotation).
	// "…," he said, "…": the first quotation right before the clause.
	split := tail == tailQuote && q >= 0 && (q+1 == before || q+2 == before && x.isPunct(q+1, ","))
	// "…," said Tusk, summing up conversations that …: a cue right after the quotation
	// takes it, whatever follows its source.
	inverted := q >= 0 && a.src0 == c1 && (q+1 == c0 || q+2 == c0 && x.isPunct(q+1, ","))
	if before > lo && (tail == tailEmpty || tail == tailAdjunct || split || inverted || tail == tailClause && q >= 0 && !x.ownContent(after, hi)) {
		j := before - 1
		if x.isPunct(j, ",", "—", "–", "--", "-") || x.toks[j].Cls == feat.ClsCloseQ || x.isPunct(j, ":") && x.toks[j].Cls != feat.ClsColon {
			if x.leftContent(a, c, j) {
				a.postposed = true
				x.precedingQuotes(a)
				if !x.splitQuote(a, after, hi) {
					x.parenthetical(a, after, hi)
				}
				x.extendDirect(a)
				return
			}
		}
	}
	if tail == tailEmpty {
		// "Trump said:" at a paragraph end introduces the next paragraph's quotation.
		if after < len(x.d.Tokens) && after > 0 && x.isPunct(after-1, ":") || after < hi && x.isPunct(after, ":") {
			x.nextParaContent(a, hi)
		}
		return
	}
	x.rightContent(a, c, after, ci)
}

// passive handles "CONTENT was echoed by SOURCE": a cue that is a form of "be" and a
// participle, followed by "by". The content is the subject before the cue, the source the
// noun phrase after "by".
func (x *extractor) passive(a *att, c *feat.Context) bool {
	c0, c1 := a.cue0, a.cue1
	if c1 >= c.Hi || x.word(c1) != "by" || c1-c0 < 2 {
		return false
	}
	switch strings.ToLower(x.word(c0)) {
	case "was", "were", "is", "are", "been", "be", "being":
	default:
		if c0+1 >= c1 || x.flags[c0]&fAux == 0 {
			return false
		}
	}
	if w := x.word(c1 - 1); !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "en") {
		return false
	}
	s0 := x.walkLeft(c, c0, x.cueHead(c0, c1))
	if s0 >= c0 {
		return false
	}
	e := c1 + 1
	for e < c.Hi && e < c1+10 && !x.isTerminal(e) && !x.isPunct(e, ",", ";", ":") && x.in[e] < 0 {
		e++
	}
	if e == c1+1 {
		return false
	}
	a.parts = append(a.parts[:0], [2]int{s0, c0})
	a.src0, a.src1 = c1+1, e
	a.postposed = true
	return true
}

// quoteBefore returns the closing mark of a quotation that ends a clause right before the
// attribution clause of the cue at c0 ("…," SOURCE CUE), or -1: the nearest quotation before
// c0 in the sentence, closing with ,” or followed by a comma or dash.
func (x *extractor) quoteBefore(c0, lo int) int {
	k := c0 - 1
	for k >= lo && x.in[k] < 0 && c0-k <= 32 {
		k--
	}
	if k < lo || x.in[k] < 0 {
		return -1
	}
	r := x.regs[x.in[k]]
	if r.close != k || !r.closed || r.words < 2 {
		return -1
	}
	// The quotation is a clause of its own: it starts the sentence (or an earlier one) or
	// follows punctuation ("Asked about it, “No comment,” he said"), not a determiner
	// ("Bemoaning the “phony system,” Trump accused …").
	if r.open > lo && !(x.d.Tokens[r.open-1].Kind == text.Punct) {
		return -1
	}
	if k+1 < c0 && x.isPunct(k+1, ",", "—", "–", "--") || k > 0 && x.isPunct(k-1, ",", "?", "!") || k+1 == c0 ||
		k > 1 && x.d.Tokens[k-1].Kind == text.Quote && x.isPunct(k-2, ",", "?", "!") { // ‘criminal,’”
		return k
	}
	return -1
}

// hasOwnCue reports whether a cue token lies in [i, j) outside a relative clause ("Peter
// Morgan, a lawyer who has been challenging the industry, said": "challenging" is not one).
func (x *extractor) hasOwnCue(i, j int) bool {
	rel := false
	for ; i < j; i++ {
		if x.flags[i]&fRel != 0 && i > 0 && (x.isPunct(i-1, ",") || x.toks[i-1].Cls != feat.ClsLower) {
			rel = true
		}
		if x.cueP[i] >= cueThreshold && !rel && x.flags[i]&(fAux|fAdv|fNeg) == 0 {
			return true
		}
	}
	return false
}

// hasCue reports whether a cue token lies in [i, j).
func (x *extractor) hasCue(i, j int) bool {
	for ; i < j; i++ {
		if x.cueP[i] >= cueThreshold {
			return true
		}
	}
	return false
}

// ownContent reports whether the tokens [i, hi) after a cue clause hold a content of their
// own: "that" or a colon near the start, or a quotation that is not the second half of a split
// quote.
func (x *extractor) ownContent(i, hi int) bool {
	for j := i; j < hi && j < i+4; j++ {
		if x.toks[j].Cls == feat.ClsThat || x.toks[j].Cls == feat.ClsColon {
			return true
		}
	}
	for j := i; j < hi; j++ {
		if r := x.in[j]; r >= 0 && x.regs[r].open == j {
			// "…," he said, "…": a split quote is no content of its own; a quotation
			// further on is one only when a colon or comma introduces it near the cue
			// (not "said on CNN's “State of the Union.”").
			if j > i && x.isPunct(j-1, ",") && (j-1 == i || !x.hasWordsBefore(i, j-1)) {
				return false
			}
			return j-i <= 2 || x.isPunct(j-1, ":")
		}
	}
	return false
}

// hasWordsBefore reports whether tokens [i, j) hold a word that is not an addressee-like
// filler; used to tell "he said, “…”" from "he told the host, “…”".
func (x *extractor) hasWordsBefore(i, j int) bool {
	n := 0
	for k := i; k < j; k++ {
		if x.d.Tokens[k].Kind == text.Word {
			n++
		}
	}
	return n > 3
}

type tailShape uint8

const (
	tailEmpty   tailShape = iota // nothing (or only end punctuation) follows
	tailAdjunct                  // a prepositional or time phrase follows, no clause
	tailClause                   // words follow
	tailQuote                    // a quotation follows (after a comma)
)

// tailKind classifies the tokens [i, hi) after a cue clause.
func (x *extractor) tailKind(i, hi int) tailShape {
	for i < hi && (x.isTerminal(i) || x.toks[i].Cls == feat.ClsCloseQ || x.isPunct(i, ")")) {
		i++
	}
	if i >= hi {
		return tailEmpty
	}
	if x.isPunct(i, ":") && i+1 >= hi {
		return tailEmpty
	}
	if x.isPunct(i, ",") || x.isPunct(i, ";") {
		if i+1 < hi && x.in[i+1] >= 0 && x.regs[x.in[i+1]].open == i+1 {
			return tailQuote // ", “…”": a quotation follows
		}
		return tailAdjunct
	}
	if x.in[i] >= 0 && x.regs[x.in[i]].open == i {
		return tailQuote
	}
	if x.toks[i].Cls != feat.ClsPrep && x.flags[i]&fTime == 0 || x.word(i) == "to" && i+1 < hi && x.toks[i+1].Cls == feat.ClsLower {
		return tailClause // "declined to comment": an infinitive is a content
	}
	// A prepositional phrase: adjunct unless a clause marker or quotation follows.
	for j := i; j < hi; j++ {
		if x.in[j] >= 0 || x.toks[j].Cls == feat.ClsThat || x.toks[j].Cls == feat.ClsColon || x.toks[j].Cls == feat.ClsPron {
			return tailClause
		}
		if x.isPunct(j, ",") {
			if j+1 < hi && x.in[j+1] >= 0 && x.regs[x.in[j+1]].open == j+1 {
				return tailQuote // "joked of the museum, ''…''"
			}
			return tailAdjunct
		}
	}
	if hi-i > 8 {
		return tailClause
	}
	return tailAdjunct
}

// leftContent sets the content to the clause ending before token j (a comma, dash or closing
// quote before the cue clause). It reports whether there is one.
func (x *extractor) leftContent(a *att, c *feat.Context, j int) bool {
	end := j
	if x.toks[j].Cls == feat.ClsCloseQ {
		end = j + 1
	}
	if end <= c.Lo {
		return false
	}
	start := c.Lo
	if r := x.in[end-1]; r >= 0 {
		// The content ends with a quotation: one that began in an earlier sentence, or one
		// introduced by a colon or comma ("Asked about it, “No comment,” he said").
		if o := x.regs[r].open; o < start || o > start && x.isPunct(o-1, ":", ",") {
			start = o
		}
	} else if r := x.in[start]; r >= 0 && x.regs[r].open < start {
		start = x.regs[r].open
	}
	// Skip sentence connectives: "But", "However,".
	for start < end && x.in[start] < 0 && (x.flags[start]&(fStart|fConj) != 0 && x.d.Tokens[start].Kind == text.Word || x.isPunct(start, ",")) {
		start++
	}
	// An outer "…, Reuters reported" or "…, according to X" around a whole attribution.
	if lo := x.d.Sentences[x.d.SentenceOf(start)].First; x.wrapperCue(a) && x.innerAttribution(min(start, lo), end) {
		start = min(start, lo)
		a.parts = append(a.parts[:0], [2]int{start, end})
		a.wrapper = true
		return true
	}
	// Do not reach back into an earlier attribution's content or cue.
	for k := end - 1; k >= start; k-- {
		if x.used[k] >= 0 || x.isCueTok(k) {
			start = k + 1
			break
		}
	}
	for start < end && x.isPunct(start, ",", ";", ":") {
		start++
	}
	if end-start < 2 {
		return false
	}
	a.parts = append(a.parts[:0], [2]int{start, end})
	return true
}

// isCueTok reports whether token i belongs to a recorded attribution's cue.
func (x *extractor) isCueTok(i int) bool {
	for k := len(x.atts) - 1; k >= 0; k-- {
		if i >= x.atts[k].cue0 && i < x.atts[k].cue1 {
			return true
		}
	}
	return false
}

// splitQuote adds the second half of a split quotation: "…," he said, "…". It reports
// whether there was one.
func (x *extractor) splitQuote(a *att, after, hi int) bool {
	i := after
	// "…," Trump said during a rally in Kenansville, N.C., "but …": skip an adjunct.
	for k := after; k < hi && k < after+14; k++ {
		if x.in[k] >= 0 {
			if x.regs[x.in[k]].open == k && k > after && (x.isPunct(k-1, ",", ":", "\u2014", "\u2013", "--") || x.flags[k-1]&fConj != 0) && !x.hasCue(after, k) {
				i = k - 1
				if x.flags[k-1]&fConj != 0 {
					i = k
				}
			}
			break
		}
		if x.isTerminal(k) {
			break
		}
	}
	for i < hi && x.isPunct(i, ",", ":", "\u2014", "\u2013", "--") {
		i++
	}
	if i >= len(x.d.Tokens) || i >= hi+1 || i == after {
		return false
	}
	if r := x.in[i]; r >= 0 && x.regs[r].open == i && x.used[i] < 0 {
		a.parts = append(a.parts, [2]int{i, x.regs[r].close + 1})
		return true
	}
	return false
}

// parenthetical adds the rest of the sentence after a parenthetical attribution clause: "The
// museum, Mr. Bush said, celebrated several of his heroes."
func (x *extractor) parenthetical(a *att, after, hi int) {
	if after >= hi || !x.isPunct(after, ",") {
		return
	}
	end := hi
	for end > after && (x.isTerminal(end-1) || x.toks[end-1].Cls == feat.ClsCloseQ && x.in[end-1] < 0) {
		end--
	}
	words := 0
	for k := after + 1; k < end; k++ {
		if x.cueP[k] >= cueThreshold || x.in[k] >= 0 && x.regs[x.in[k]].open == k {
			return
		}
		if x.d.Tokens[k].Kind == text.Word {
			words++
		}
	}
	// The content before must not be a whole clause with its own end (a quotation).
	if words >= 2 && x.in[a.parts[0][1]-1] < 0 {
		a.parts = append(a.parts, [2]int{after + 1, end})
	}
}

// appositiveSubject finds a subject followed by an appositive, a relative clause or a
// prepositional phrase before the cue at c0 ("Nick Witney, a fellow at the council who ran the
// agency, said"; "Trump, in a post on X, had announced"): it returns the source span (the
// prepositional phrase left out), or -1, -1. The token before c0 must be a comma.
func (x *extractor) appositiveSubject(c *feat.Context, c0 int) (int, int) {
	if c0-1 <= c.Lo || !x.isPunct(c0-1, ",") {
		return -1, -1
	}
	for k := c0 - 2; k > c.Lo && k >= c0-40; k-- {
		if x.in[k] >= 0 || x.isTerminal(k) || x.isPunct(k, ";", ":") {
			return -1, -1
		}
		if x.cueP[k] >= cueThreshold && x.hasOwnCue(k, c0-1) {
			return -1, -1
		}
		if !x.isPunct(k, ",") {
			continue
		}
		// The appositive, relative clause or phrase starts after k.
		n := k + 1
		pp := x.toks[n].Cls == feat.ClsPrep
		if x.flags[n]&(fDet|fRel) == 0 && x.toks[n].Cls != feat.ClsCap && !pp {
			return -1, -1
		}
		s := x.walkLeft(c, k, c0)
		if s >= k {
			return -1, -1
		}
		if pp {
			return s, k
		}
		return s, c0 - 1
	}
	return -1, -1
}

// rightContent sets the content to the clause after the cue.
func (x *extractor) rightContent(a *att, c *feat.Context, after, ci int) {
	hi := c.Hi
	start := after
	w := x.word(a.cue1 - 1)
	// Skip an addressee up to "that" (told reporters that, asked him whether).
	for j := start; j < hi && j < start+8; j++ {
		if x.toks[j].Cls == feat.ClsThat && j > start {
			if isAddressVerb(w) {
				start = j
			}
			break
		}
		if x.d.Tokens[j].Kind != text.Word {
			break
		}
	}
	if isAddressVerb(w) && start == after && start < hi {
		// told reporters / told him / told CNN
		if x.flags[start]&fPron != 0 || isObjectPron(x.word(start)) || isAudience(x.word(start)) {
			start++
		}
	}
	// "voted Thursday to hold …", "said on Tuesday that …": a time adjunct is not content.
	for k := 0; k < 3 && start+1 < hi; k++ {
		w := strings.ToLower(x.word(start))
		switch {
		case x.flags[start]&fTime != 0 && (x.toks[start].Cls == feat.ClsCap || w == "today" || w == "yesterday" || w == "tonight" || w == "earlier" || w == "later"):
			start++
		case (w == "on" || w == "last" || w == "this" || w == "next" || w == "late" || w == "early") && x.flags[start+1]&fTime != 0:
			start += 2
		default:
			k = 3
		}
	}
	// "call them “lone wolves”": the quotation after an object pronoun.
	if start+1 < hi && isObjectPron(x.word(start)) && x.in[start+1] >= 0 && x.regs[x.in[start+1]].open == start+1 {
		start++
	}
	// "requesting the audience, “Please …”": the quotation after an addressee.
	for j := start; j < hi && j < start+6 && x.d.Tokens[j].Kind != text.Quote; j++ {
		if x.isPunct(j, ",", ":") {
			if j+1 < hi && j > start {
				if r := x.in[j+1]; r >= 0 && x.regs[r].open == j+1 {
					start = j + 1
				}
			}
			break
		}
		if x.d.Tokens[j].Kind != text.Word || x.cueP[j] >= cueThreshold {
			break
		}
	}
	for start < hi && x.isPunct(start, ",", ":", "\u2014", "\u2013", "--") {
		start++
	}
	if start >= hi {
		// "He said:" ending its sentence.
		x.nextParaContent(a, hi)
		return
	}
	x.contentFrom(a, start, hi, ci)
}

// contentFrom sets the content to what starts at token start: the quotation opening there,
// or the clause up to its end.
func (x *extractor) contentFrom(a *att, start, hi, ci int) {
	if x.used[start] >= 0 {
		return
	}
	if r := x.in[start]; r >= 0 && x.regs[r].open == start && x.regs[r].words >= 1 {
		end := x.regs[r].close + 1
		// "calls people “losers” and “sad.”": quotations joined by a conjunction.
		for end+1 < hi && (x.flags[end]&fConj != 0 || x.isPunct(end, ",")) && x.in[end+1] >= 0 && x.regs[x.in[end+1]].open == end+1 {
			end = x.regs[x.in[end+1]].close + 1
		}
		a.parts = append(a.parts[:0], [2]int{start, end})
		x.extendDirect(a)
		return
	}
	// "The piece used one of her quotes as its headline:" — a colon that ends the paragraph
	// before a quotation: the quotation is the content.
	if last := hi - 1; last > start && x.isPunct(last, ":") && hi < len(x.d.Tokens) && x.para[hi] != x.para[last] {
		if r := x.in[hi]; r >= 0 && x.regs[r].open == hi && x.used[hi] < 0 {
			x.nextParaContent(a, hi)
			if len(a.parts) > 0 {
				return
			}
		}
	}
	end := x.clauseEnd(start, hi, a.cue1-1)
	if end <= start {
		return
	}
	// A content ending inside a quotation runs to its end.
	if r := x.in[end-1]; r >= 0 && x.regs[r].close >= end {
		end = x.regs[r].close + 1
	}
	a.parts = append(a.parts[:0], [2]int{start, end})
}

// clauseEnd returns the end of the content clause that starts at token start: the sentence
// end, or the start of a following attribution clause (", adding …", "and said", ", according
// to", ", but he said …", "…, sources said"), without final punctuation.
func (x *extractor) clauseEnd(start, hi, cue int) int {
	end := hi
	var c feat.Context
	haveCtx := false
	commas := 0
	for j := start + 1; j < hi; j++ {
		if x.in[j] < 0 {
			punct := x.isPunct(j, ",", ";", "\u2014", "\u2013", "\u2015", "--")
			if punct || x.flags[j]&fConj != 0 {
				k := j + 1
				if punct && k < hi && x.flags[k]&fConj != 0 {
					k++
				}
				subj := k < hi && (x.toks[k].Cls == feat.ClsCap || x.toks[k].Cls == feat.ClsUpper || x.toks[k].Cls == feat.ClsPron)
				if x.newClauseCue(k, hi, punct || subj) { // ", adding", "and said", "and Democrats accused"
					end = j
					break
				}
			}
		}
		// The learned end of the content.
		if !haveCtx {
			c = x.context(x.d.SentenceOf(start))
			c.Hi = hi
			haveCtx = true
		}
		if t := &x.d.Tokens[j]; !t.Space && j+1 < hi && !x.d.Tokens[j+1].Space && t.Kind == text.Punct {
			continue // a dash inside a compound: Israel–Iran
		}
		x.fs = feat.EndFeatures(&c, j, start, cue, commas, x.fs[:0])
		if x.m.Score(x.fs) >= 0 /* probability 0.5 */ {
			end = j
			break
		}
		if x.in[j] < 0 && x.toks[j].Cls == feat.ClsComma {
			commas++
		}
	}
	for end > start && (x.isTerminal(end-1) || x.isPunct(end-1, ",", ";", ":", "\u2014", "\u2013", "--")) {
		end--
	}
	return end
}

// newClauseCue reports whether an attribution clause starts at token k: a cue right there
// ("…, adding", "and said"), or after a subject that starts there (", but he said",
// ", sources said") when k follows punctuation.
func (x *extractor) newClauseCue(k, hi int, afterPunct bool) bool {
	if k >= hi {
		return false
	}
	if x.cueP[k] >= cueThreshold && x.in[k] < 0 {
		return true
	}
	if !afterPunct || !x.nounish(k) {
		return false
	}
	for c0 := k + 1; c0 < hi && c0 <= k+6; c0++ {
		if x.in[c0] >= 0 || x.d.Tokens[c0].Kind == text.Punct {
			return false
		}
		if x.cueP[c0] < cueThreshold {
			continue
		}
		si := x.d.SentenceOf(c0)
		c := x.context(si)
		s0 := x.walkLeft(&c, x.skipAuxLeft(c0, k), x.cueHead(c0, c0+1))
		return s0 <= k
	}
	return false
}

func (x *extractor) sentenceOf(i int) int { return x.d.SentenceOf(i) }

// nextParaContent makes the quotation opening the next paragraph the content of a cue that
// ends its paragraph with a colon ("Cruz continued:").
func (x *extractor) nextParaContent(a *att, hi int) {
	n := len(x.d.Tokens)
	if hi >= n || x.para[hi] == x.para[a.cue0] {
		return
	}
	r := x.in[hi]
	if r < 0 || x.regs[r].open != hi || x.used[hi] >= 0 {
		return
	}
	a.parts = append(a.parts[:0], [2]int{hi, x.regs[r].close + 1})
	x.extendDirect(a)
	// Following quote-only paragraphs belong to it too.
	last := a.parts[len(a.parts)-1][1]
	for last < n {
		r := x.in[last]
		if r < 0 || x.regs[r].open != last || x.used[last] >= 0 || !x.quoteOnlyPara(int(r)) {
			break
		}
		a.parts = append(a.parts, [2]int{last, x.regs[r].close + 1})
		last = x.regs[r].close + 1
		for x.regs[r].cont && int(r)+1 < len(x.regs) {
			r++
			a.parts = append(a.parts, [2]int{x.regs[r].open, x.regs[r].close + 1})
			last = x.regs[r].close + 1
		}
	}
}

// quoteOnlyPara reports whether region r fills its paragraph (up to final punctuation).
func (x *extractor) quoteOnlyPara(r int) bool {
	rg := x.regs[r]
	p := x.para[rg.open]
	if rg.open > 0 && x.para[rg.open-1] == p {
		return false
	}
	for i := rg.close + 1; i < len(x.d.Tokens) && x.para[i] == p; i++ {
		if !x.isTerminal(i) && x.d.Tokens[i].Kind != text.Quote {
			return false
		}
	}
	return true
}

// extendDirect adds to a direct content the quotations that continue it: the next paragraph's
// when its last quotation runs on, and the quote-only sentences that follow in its paragraph
// after the attribution's own sentence.
func (x *extractor) extendDirect(a *att) {
	n := len(x.d.Tokens)
	last := a.parts[len(a.parts)-1]
	r := x.in[last[1]-1]
	if r < 0 {
		// A mixed content ("''I admire the mechanics'' of the plan," he said) goes on with
		// the quotations after it too.
		for k := last[1] - 1; k >= last[0]; k-- {
			if x.in[k] >= 0 && x.regs[x.in[k]].words >= 2 {
				r = x.in[k]
				break
			}
		}
		if r < 0 {
			return
		}
	}
	// Where to look for the next quotation: after the last part, and after the cue clause
	// when it follows the content ("…," he said. "…").
	from := last[1]
	if a.cue1 > from && x.para[a.cue0] == x.para[from-1] {
		si := x.d.SentenceOf(a.cue1 - 1)
		from = x.d.Sentences[si].Last
		if a.src1 > a.cue1 {
			from = max(from, x.d.Sentences[x.d.SentenceOf(a.src1-1)].Last)
		}
	}
	// A later cue in the attribution's sentence ("…," Sanders said, going on to contrast …)
	// takes the quotations that follow.
	laterCue := false
	if a.cue1 < n {
		se := x.d.Sentences[x.d.SentenceOf(a.cue1-1)]
		for k := max(a.cue1, a.src1); k < se.Last; k++ {
			if x.in[k] < 0 && x.cueP[k] >= cueThreshold {
				laterCue = true
				break
			}
		}
	}
	skipped := false
	for {
		// The last part's region continues in the next paragraph.
		for x.regs[r].cont && int(r)+1 < len(x.regs) && x.used[x.regs[r+1].open] < 0 {
			r++
			a.parts = append(a.parts, [2]int{x.regs[r].open, x.regs[r].close + 1})
			from = x.regs[r].close + 1
		}
		if laterCue {
			return
		}
		p := x.para[x.regs[r].close]
		i := max(from, x.regs[r].close+1, last[1])
		for i < n && x.para[i] == p && (x.isTerminal(i) || x.d.Tokens[i].Kind == text.Quote && x.in[i] < 0) {
			i++
		}
		if i >= n {
			return
		}
		if x.para[i] != p {
			// A following paragraph that is one quotation with no cue continues the quote.
			nr := x.in[i]
			if nr < 0 || x.regs[nr].open != i || x.used[i] >= 0 || !x.quoteOnlyPara(int(nr)) || x.regionHasCue(int(nr)) {
				return
			}
			r = nr
			a.parts = append(a.parts, [2]int{x.regs[r].open, x.regs[r].close + 1})
			from = x.regs[r].close + 1
			continue
		}
		si := x.d.SentenceOf(i)
		nr := x.in[i]
		if nr < 0 || x.regs[nr].open != i {
			// One sentence without quotation or cue may stand between the parts ("…," Obama
			// said. He did not suggest retaliation. "…").
			s := x.d.Sentences[si]
			if skipped || s.First != i || s.Last >= n || x.para[s.Last] != p || x.hasRegion(s.First, s.Last) {
				return
			}
			skipped = true
			from = s.Last
			continue
		}
		if x.used[i] >= 0 || x.regs[nr].words < 1 {
			return
		}
		// It starts a sentence, and that sentence has no cue of its own and ends with it.
		if x.d.Sentences[si].First != i {
			return
		}
		se := x.d.SentenceOf(x.regs[nr].close)
		for k := si; k <= se; k++ {
			if x.sentenceHasCue(x.d.Sentences[k]) {
				return
			}
		}
		for k := x.regs[nr].close + 1; k < x.d.Sentences[se].Last; k++ {
			if !x.isTerminal(k) {
				return
			}
		}
		r = nr
		a.parts = append(a.parts, [2]int{x.regs[r].open, x.regs[r].close + 1})
		from = x.regs[r].close + 1
	}
}

// precedingQuotes adds to a content that starts a sentence with a quotation the sentences
// before it in its paragraph that also start with a quotation and have no cue of their own:
// “You went on television to blame thousands of workers” for it. “It’s gutless,” Warren said.
func (x *extractor) precedingQuotes(a *att) {
	first := a.parts[0][0]
	if x.in[first] < 0 || x.regs[x.in[first]].open != first {
		return
	}
	si := x.d.SentenceOf(first)
	if x.d.Sentences[si].First != first {
		return
	}
	for k := 0; k < 3 && si > 0; k++ {
		si--
		s := x.d.Sentences[si]
		r := x.in[s.First]
		if r < 0 || x.regs[r].open != s.First || x.para[s.First] != x.para[first] || x.used[s.First] >= 0 || x.sentenceHasCue(s) {
			return
		}
		end := s.Last
		for end > s.First && x.isTerminal(end-1) {
			end--
		}
		if x.regs[r].close >= s.Last {
			return // a quotation running on into the next sentence: not a sentence of its own
		}
		a.parts = append([][2]int{{s.First, end}}, a.parts...)
	}
}

// hasRegion reports whether a quotation opens in tokens [i, j).
func (x *extractor) hasRegion(i, j int) bool {
	for ; i < j; i++ {
		if r := x.in[i]; r >= 0 && x.regs[r].open == i {
			return true
		}
	}
	return false
}

// regionHasCue reports whether the sentences of region r hold a cue outside it.
func (x *extractor) regionHasCue(r int) bool {
	rg := x.regs[r]
	for si := x.d.SentenceOf(rg.open); si <= x.d.SentenceOf(rg.close); si++ {
		if x.sentenceHasCue(x.d.Sentences[si]) {
			return true
		}
	}
	return false
}

// sentenceHasCue reports whether sentence s holds a cue outside quotations.
func (x *extractor) sentenceHasCue(s text.Sentence) bool {
	for i := s.First; i < s.Last; i++ {
		if x.in[i] < 0 && x.cueP[i] >= cueThreshold {
			return true
		}
	}
	return false
}

// according handles "according to SOURCE, CONTENT" and "CONTENT, according to SOURCE".
func (x *extractor) according(a *att, c *feat.Context, ci int) {
	lo, hi := c.Lo, c.Hi
	c1 := a.cue1
	if c1 < hi && x.word(c1-1) != "to" && x.word(c1) == "to" {
		c1++
		a.cue1 = c1
	}
	// The source runs to the next comma or the sentence end.
	e := c1
	for e < hi && !x.isPunct(e, ",", ";", "(", ")", "\u2014", "\u2013", "--") && !x.isTerminal(e) && x.in[e] < 0 {
		e++
	}
	if e > c1 {
		a.src0, a.src1 = c1, e
	}
	// Sentence-initial (after connectives): the content follows.
	k := lo
	for k < a.cue0 && (x.flags[k]&(fStart|fConj) != 0 || x.isPunct(k, ",")) {
		k++
	}
	if k == a.cue0 {
		start := e
		for start < hi && x.isPunct(start, ",") {
			start++
		}
		if start < hi {
			x.contentFrom(a, start, hi, ci)
		}
		return
	}
	// Otherwise the content precedes.
	j := a.cue0 - 1
	if j >= lo && (x.isPunct(j, ",", "\u2014", "\u2013", "--", "(") || x.toks[j].Cls == feat.ClsCloseQ) {
		if x.leftContent(a, c, j) {
			a.postposed = true
			return
		}
	}
	if a.cue0-lo >= 3 {
		s := lo
		for s < a.cue0 && (x.flags[s]&(fStart|fConj) != 0 || x.isPunct(s, ",")) {
			s++
		}
		if a.cue0-s >= 2 {
			a.parts = append(a.parts[:0], [2]int{s, a.cue0})
			a.postposed = true
		}
	}
}

// headline handles "SOURCE: CONTENT" in the first paragraph.
func (x *extractor) headline(a *att, c *feat.Context) {
	if !x.toks[a.cue0].Head || a.cue0 == c.Lo {
		return
	}
	s0 := x.walkLeft(c, a.cue0, a.cue0)
	if s0 >= a.cue0 {
		s0 = c.Lo
	}
	a.src0, a.src1 = s0, a.cue0
	end := c.Hi
	for end > a.cue1 && x.isTerminal(end-1) {
		end--
	}
	if end > a.cue1 {
		a.parts = append(a.parts[:0], [2]int{a.cue1, end})
	}
}

// colonFrame handles a colon as the cue outside the headline: "… by this finding: ”…”".
// The content is what follows (a quotation, or the rest of the sentence), the source the noun
// phrase before the colon.
func (x *extractor) colonFrame(a *att, c *feat.Context, ci int) {
	if s0 := x.walkLeft(c, a.cue0, a.cue0); s0 < a.cue0 {
		a.src0, a.src1 = s0, a.cue0
	}
	if a.cue1 >= c.Hi {
		x.nextParaContent(a, c.Hi)
		return
	}
	x.contentFrom(a, a.cue1, c.Hi, a.cue0)
}

// inheritSources gives a source to an attribution whose cue is coordinated or participial
// ("…, and said", "…, adding that") from the attribution before it in the sentence, or from
// the sentence's subject.
func (x *extractor) inheritSources() {
	for i := range x.atts {
		a := &x.atts[i]
		if a.src0 >= 0 {
			continue
		}
		si := x.d.SentenceOf(a.cue0)
		s := x.d.Sentences[si]
		j := a.cue0 - 1
		ing := strings.HasSuffix(x.word(x.cueHead(a.cue0, a.cue1)), "ing")
		if j < s.First || !(x.isPunct(j, ",", ";") || x.flags[j]&(fConj|fSubord) != 0 || ing && x.flags[j]&fPrep != 0) {
			continue // "…, adding", "and said", "by citing", "while calling for"
		}
		for k := i - 1; k >= 0; k-- {
			b := &x.atts[k]
			if b.cue0 < s.First {
				break
			}
			if b.src0 >= 0 {
				a.src0, a.src1, a.inherited = b.src0, b.src1, true
				break
			}
		}
		if a.src0 < 0 {
			// The sentence's subject: a pronoun or a name opening it ("He apologised … and
			// announced that …").
			k := s.First
			if x.flags[k]&(fTime|fPrep|fAdv) != 0 || strings.HasSuffix(x.word(k), "ing") && x.toks[k].Cls == feat.ClsCap {
				// "Earlier in the day, …": skip the opening adverbial.
				for j := k; j < a.cue0 && j < k+8; j++ {
					if x.isPunct(j, ",") {
						k = j + 1
						break
					}
				}
			}
			for k < a.cue0 && (x.flags[k]&(fStart|fConj) != 0 || x.isPunct(k, ",")) {
				k++
			}
			e := k
			switch {
			case k < a.cue0 && x.flags[k]&fPron != 0 && x.word(k) != "it" && x.word(k) != "It":
				e = k + 1
			default:
				for e < a.cue0 && (x.toks[e].Cls == feat.ClsCap || x.toks[e].Cls == feat.ClsUpper) && x.flags[e]&(fDet|fPrep|fStart) == 0 {
					e++
				}
			}
			if e > k && e < a.cue0 {
				a.src0, a.src1, a.inherited = k, e, true
			}
		}
	}
}

// addressee returns the end of an addressee starting at token i ("reporters", "him",
// "the audience", "CNN", "Fox News"), or i when there is none.
func (x *extractor) addressee(i, hi int) int {
	if i >= hi || x.d.Tokens[i].Kind != text.Word || x.in[i] >= 0 {
		return i
	}
	w := x.word(i)
	switch {
	case isObjectPron(w) || isAudience(w) && w != "the":
		return i + 1
	case x.flags[i]&fDet != 0 && i+1 < hi && (isAudience(x.word(i+1)) || x.toks[i+1].Cls == feat.ClsLower && i+2 < hi && x.isPunct(i+2, ",")):
		return i + 2
	case x.toks[i].Cls == feat.ClsCap || x.toks[i].Cls == feat.ClsUpper ||
		x.flags[i]&fDet != 0 && i+1 < hi && x.toks[i+1].Cls == feat.ClsCap:
		e := i + 1
		for e < hi && e < i+4 && (x.toks[e].Cls == feat.ClsCap || x.toks[e].Cls == feat.ClsUpper) {
			e++
		}
		if e < hi && (x.word(e) == "'s" || x.word(e) == "\u2019s") {
			return i // "told Trump's aides …"
		}
		return e
	}
	return i
}

// isPossessive reports whether w is a possessive ending ("leaders’", "Trump's").
func isPossessive(w string) bool {
	switch w {
	case "'s", "\u2019s", "'", "\u2019":
		return true
	}
	return false
}

// isOrdinal reports whether w is an ordinal that may stand between a determiner and a
// participle ("the sixth publicly known conversation").
func isOrdinal(w string) bool {
	switch strings.ToLower(w) {
	case "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "last", "next", "only", "most", "least", "best", "widely", "well", "little", "lesser":
		return true
	}
	return false
}

// isParticle reports whether w, right after a cue verb, belongs to it.
func isParticle(w string) bool {
	switch w {
	case "out", "up", "off", "down", "back", "away", "forward", "as":
		return true
	}
	return false
}

// isAddressVerb reports whether a cue verb takes an addressee before its content.
func isAddressVerb(w string) bool {
	switch w {
	case "told", "tell", "tells", "telling", "asked", "ask", "asks", "asking", "informed",
		"assured", "warned", "reminded", "urged", "promised", "convinced", "advised":
		return true
	}
	return false
}

func isObjectPron(w string) bool {
	switch w {
	case "him", "her", "them", "us", "me", "you", "it":
		return true
	}
	return false
}

func isAudience(w string) bool {
	switch w {
	case "reporters", "journalists", "supporters", "voters", "listeners", "viewers", "lawmakers",
		"senators", "delegates", "students", "members", "attendees", "audience", "crowd",
		"the":
		return true
	}
	return false
}

// epigraphs attributes quotations signed with a dash: “…” ― Jane Doe (a quotation that fills
// its line up to a dash and a name of at most six words).
func (x *extractor) epigraphs() {
	n := len(x.d.Tokens)
	for ri := range x.regs {
		rg := x.regs[ri]
		k := rg.close + 1
		if !rg.closed || rg.words < 2 || k+1 >= n || x.used[rg.open] >= 0 || x.para[k] != x.para[rg.close] {
			continue
		}
		if !x.isPunct(k, "\u2015", "\u2014", "\u2013", "-", "--") {
			continue
		}
		if rg.open > 0 && x.d.Tokens[rg.open].Newlines == 0 {
			continue // the quotation must start its line
		}
		e := k + 1
		for e < n && x.d.Tokens[e].Newlines == 0 && e-k <= 7 && (x.d.Tokens[e].Kind == text.Word || x.isPunct(e, ",", ".")) {
			e++
		}
		if e-k > 7 || e < n && x.d.Tokens[e].Newlines == 0 || e == k+1 || x.toks[k+1].Cls != feat.ClsCap {
			continue
		}
		for e > k+1 && x.isPunct(e-1, ",", ".") {
			e--
		}
		x.addAtt(att{cue0: k, cue1: k + 1, src0: k + 1, src1: e, parts: [][2]int{{rg.open, rg.close + 1}}})
	}
}

// trimSource drops a prepositional phrase set off by commas from a source: "Trump, in a post
// on Truth Social," → "Trump".
func (x *extractor) trimSource(a *att) {
	if a.src0 < 0 {
		return
	}
	// "Earlier in the day, the governor": a leading adverbial is not part of it.
	if x.flags[a.src0]&(fStart|fTime|fPrep) != 0 {
		for k := a.src0 + 1; k+1 < a.src1; k++ {
			if x.isPunct(k, ",") {
				a.src0 = k + 1
				break
			}
		}
	}
	for k := a.src0 + 1; k+1 < a.src1; k++ {
		if x.isPunct(k, ",") && x.toks[k+1].Cls == feat.ClsPrep {
			a.src1 = k
			return
		}
	}
	for a.src1 > a.src0+1 && x.isPunct(a.src1-1, ",") {
		a.src1--
	}
}

// colonParagraphs attributes the quotation opening a paragraph to the sentence before it when
// that sentence ends its paragraph with a colon and has no cue of its own ("Sanders made the
// following comment:" / "The report's finding:"): the colon is the cue and the sentence's
// subject the source.
func (x *extractor) colonParagraphs() {
	for ri := range x.regs {
		rg := x.regs[ri]
		o := rg.open
		if o < 2 || x.used[o] >= 0 || rg.contOf >= 0 || x.para[o-1] == x.para[o] || !x.isPunct(o-1, ":") || x.in[o-1] >= 0 {
			continue
		}
		si := x.d.SentenceOf(o - 1)
		s := x.d.Sentences[si]
		if x.sentenceHasCue(s) {
			continue
		}
		a := att{cue0: o - 1, cue1: o, src0: -1, src1: -1, parts: [][2]int{{o, rg.close + 1}}}
		// The subject: the noun phrase before the first verb-like word.
		k := s.First
		for k < o-1 && (x.flags[k]&(fStart|fConj) != 0 || x.isPunct(k, ",")) {
			k++
		}
		e := k
		for e < o-1 && e < k+8 && (x.nounish(e) && x.toks[e].Cls != feat.ClsLower || x.flags[e]&fDet != 0 || x.toks[e].Cls == feat.ClsLower && e > k && x.flags[e-1]&fDet != 0) {
			e++
		}
		if e > k && x.nounEnd(e-1) {
			a.src0, a.src1 = k, e
		}
		x.extendDirect(&a) // and the quote-only paragraphs that follow
		x.addAtt(a)
	}
}

// objectQuotes attributes a quotation that no attribution took and that is the object of a
// verb: "has used the phrase “Islamic terrorism”", "calls them “lone wolves”", "chanting
// “U-S-A!”". The verb is the cue; its subject, the source.
func (x *extractor) objectQuotes() {
	for ri := range x.regs {
		rg := x.regs[ri]
		o := rg.open
		if x.used[o] >= 0 || rg.words < 1 || rg.contOf >= 0 || o == 0 {
			continue
		}
		si := x.d.SentenceOf(o)
		lo := x.d.Sentences[si].First
		// Skip "them", "the phrase", "the term" between the verb and the quotation.
		v := o - 1
		for k := 0; k < 2 && v > lo && (isObjectPron(x.word(v)) || x.flags[v]&fDet != 0 || isTermNoun(x.word(v))); k++ {
			v--
		}
		if v < lo || x.in[v] >= 0 || x.used[v] >= 0 {
			continue
		}
		cueEnd := v + 1
		// "went on about “…”", "spoke of “…”": a verb, maybe a particle, then the preposition.
		if w := x.word(v); (w == "about" || w == "of") && v-1 >= lo {
			v--
			if v > lo && isParticle(x.word(v)) || x.word(v) == "on" {
				v--
			}
		}
		if !x.verbLike(v) {
			continue
		}
		c := x.context(si)
		c0 := x.skipAuxLeft(v, lo)
		a := att{cue0: c0, cue1: cueEnd, src0: -1, src1: -1}
		end := rg.close + 1
		for end+1 < c.Hi && (x.flags[end]&fConj != 0 || x.isPunct(end, ",")) && x.in[end+1] >= 0 && x.regs[x.in[end+1]].open == end+1 {
			end = x.regs[x.in[end+1]].close + 1
		}
		a.parts = [][2]int{{o, end}}
		if s0 := x.walkLeft(&c, c0, v); s0 < c0 {
			a.src0, a.src1 = s0, c0
		}
		x.trimSource(&a)
		x.addAtt(a)
	}
}

// verbLike reports whether token i is a verb: by its tag when tagged, else a lower-case word
// the cue model gives some chance.
func (x *extractor) verbLike(i int) bool {
	t := &x.d.Tokens[i]
	// Headlines capitalise their verbs: "Hillary Clinton Speaks ‘Directly To White People’".
	lower := x.toks[i].Cls == feat.ClsLower || x.toks[i].Cls == feat.ClsCap && x.toks[i].Head && i > 0 && x.para[i-1] == x.para[i]
	if t.Kind != text.Word || !lower || x.flags[i]&(fAux|fDet|fPrep|fConj|fSubord|fRel|fPron) != 0 {
		return false
	}
	if t.POS != "" && !x.noPOS {
		return strings.HasPrefix(t.POS, "VB") && t.POS != "VBN" || t.POS == "VBN" && x.cueP[i] >= weakCue
	}
	return x.cueP[i] >= weakCue
}

func isTermNoun(w string) bool {
	switch w {
	case "phrase", "term", "word", "words", "slogan", "label", "name", "motto", "title", "headline":
		return true
	}
	return false
}

// orphanQuotes gives a quote-only sentence that no attribution took to the last attribution
// of the sentence before it in the same paragraph ("…," Sanders said, going on to contrast
// her proposals with Trump's. "So I would just simply say …").
func (x *extractor) orphanQuotes() {
	for ri := range x.regs {
		rg := x.regs[ri]
		o := rg.open
		if x.used[o] >= 0 || rg.words < 2 || rg.contOf >= 0 || o == 0 {
			continue
		}
		si := x.d.SentenceOf(o)
		s := x.d.Sentences[si]
		se := x.d.SentenceOf(rg.close)
		if s.First != o || si == 0 || x.para[o-1] != x.para[o] || x.regionHasCue(ri) {
			continue
		}
		for k := rg.close + 1; k < x.d.Sentences[se].Last; k++ {
			if !x.isTerminal(k) {
				o = -1
				break
			}
		}
		if o < 0 {
			continue
		}
		prev := x.d.Sentences[si-1]
		best := -1
		for ai := range x.atts {
			a := &x.atts[ai]
			if a.cue0 >= prev.First && a.cue0 < prev.Last && (best < 0 || a.cue0 > x.atts[best].cue0) {
				best = ai
			}
		}
		if best < 0 {
			continue
		}
		a := &x.atts[best]
		a.parts = append(a.parts, [2]int{rg.open, rg.close + 1})
		for k := rg.open; k <= rg.close; k++ {
			x.used[k] = int32(best)
		}
		// and what continues it in the next paragraphs
		for r := ri; x.regs[r].cont && r+1 < len(x.regs) && x.used[x.regs[r+1].open] < 0; r++ {
			nr := x.regs[r+1]
			a.parts = append(a.parts, [2]int{nr.open, nr.close + 1})
			for k := nr.open; k <= nr.close; k++ {
				x.used[k] = int32(best)
			}
		}
	}
}
