package events

import (
	"strings"
	"unicode/utf8"

	"chronicle/petrarch"
	"chronicle/text"
)

// The clause-level analysis of Options.Article: a verb's source is the subject of its own
// clause and its target an object or prepositional object of that clause; a pronoun, "the two
// leaders" or a quote's first person is resolved from the article (artCtx).

// npGroup returns the group a noun phrase belongs to, or -1.
func (sc *scratch) npGroup(np int) int {
	for gi := range sc.groups {
		for _, m := range sc.groups[gi].members {
			if m.np == np {
				return gi
			}
		}
	}
	return -1
}

// argument is a verb's source or target found in its clause: a group of the sentence, or
// members resolved from the article (a pronoun, "the two leaders", a quote's speaker).
type argument struct {
	g       int // group index, -1 for none
	members []member
	found   bool // a subject was found (even one that resolves to nothing)
}

func (a argument) ok() bool { return a.g >= 0 || len(a.members) > 0 }

// membersOf returns the members of an argument.
func (sc *scratch) membersOf(a argument) []member {
	if a.g >= 0 {
		return sc.groups[a.g].members
	}
	return a.members
}

// clauseSubject finds the subject of the verb chain starting at token cs: the nearest noun
// phrase before it in its clause, stepping over adverbs, prepositional phrases, appositions
// and parentheses; a pronoun or "the two leaders" is resolved from the article; a relative
// pronoun stands for its antecedent; a conjoined verb shares the subject of the verb before.
func (c *Coder) clauseSubject(sc *scratch, vi, cs int, src string, toks []text.Token) argument {
	none := argument{g: -1}
	// Relative clause: "the group that has seized …" — its antecedent, or nothing.
	if k := cs - 1; k >= 0 && sc.cls[k] == cRel {
		if g := sc.groupEnding(k, 1, false); g >= 0 {
			return argument{g: g, found: true}
		}
		return none
	}
	// Conjoined verb phrase: "condemned … and promised": the subject of the verb before.
	if k := cs - 1; k >= 0 && sc.cls[k] == cConj && vi > 0 {
		if prev := &sc.vgs[vi-1]; !prev.noun && prev.subj.ok() {
			return prev.subj
		}
	}
	// Infinitive: "agreed on Tuesday to stop" — the subject of the verb it completes;
	// "invited Trump to visit" — that verb's object.
	if vi > 0 && sc.vgs[vi].infinite {
		if a, ok := c.controller(sc, vi, cs, src, toks); ok {
			return a
		}
	}
	// A parenthesis between commas right before the verb: "Russia, a close partner of Iran,
	// has offered", "Palomarez, head of an organisation which represents …, blamed".
	if a, ok := c.parentheticalSubject(sc, cs, src, toks); ok {
		return a
	}
	k := cs - 1
	for steps := 0; k >= 0 && steps < 60; steps++ {
		if sc.paren[k] {
			k--
			continue
		}
		if p := sc.npAt[k]; p != 0 {
			np := &sc.nps[p-1]
			if np.prep >= 0 {
				k = int(np.prep) - 1 // a prepositional phrase: "Trump, in a post on Truth Social, had …"
				continue
			}
			if g := sc.npGroup(int(p - 1)); g >= 0 && sc.groups[g].prep >= 0 {
				k = sc.groups[g].prep - 1 // "…, including Macron and Merz, joined"
				continue
			}
			return c.subjectNP(sc, int(p-1), cs, src, toks)
		}
		switch sc.cls[k] {
		case cAdv, cNeg, cComma, cPrep:
			k--
			continue
		case cPron:
			return sc.art.pronoun(sc, k, src, toks, true)
		case cPunct:
			if toks[k].Kind == text.Quote {
				// A quote opening with its verb: "“Will be speaking to …”" — the speaker's.
				if m, ok := sc.art.speakerAt(sc, cs); ok && sc.art.quoteStartsAt(sc, cs) {
					return argument{g: -1, members: []member{m}, found: true}
				}
				k-- // a quotation mark inside the clause: Putin "supported the idea"
				continue
			}
		}
		break
	}
	if k < 0 && sc.art != nil {
		if m, ok := sc.art.speakerAt(sc, cs); ok && sc.art.quoteStartsAt(sc, cs) {
			return argument{g: -1, members: []member{m}, found: true}
		}
	}
	return none
}

// parentheticalSubject returns the subject before a comma-delimited parenthesis that ends
// right before the verb chain at cs: the noun phrase before the opening comma, when it names
// an actor.
func (c *Coder) parentheticalSubject(sc *scratch, cs int, src string, toks []text.Token) (argument, bool) {
	k := cs - 1
	for k >= 0 && (sc.cls[k] == cAdv || sc.cls[k] == cNeg) {
		k--
	}
	if k < 2 || sc.cls[k] != cComma {
		return argument{}, false
	}
	open := -1
	for j := k - 1; j > 0 && j >= k-25; j-- {
		if sc.cls[j] == cComma {
			open = j
			break
		}
		if sc.cls[j] == cPunct && toks[j].Kind != text.Quote {
			return argument{}, false
		}
	}
	if open < 1 || sc.npAt[open-1] == 0 {
		return argument{}, false
	}
	np := int(sc.npAt[open-1] - 1)
	if sc.nps[np].prep >= 0 || sc.nps[np].e != open {
		return argument{}, false
	}
	a := c.subjectNP(sc, np, open, src, toks)
	return a, a.ok()
}

// passiveSubjectActs reports a passive whose subject is nonetheless the actor: none in
// general ("was attacked"), the verbs whose passive keeps the agent as subject.
func (c *Coder) passiveSubjectActs(vg *vgroup) bool {
	switch c.dict.vforms[vg.form].lemma {
	case "BE BORN", "SCHEDULE", "SET", "EXPECT":
		return true
	}
	return false
}

// subjectNP turns the subject noun phrase np into an argument: its group when coded, the
// first noun phrase of an apposition ("Russia, a close partner of Iran, has offered"), or a
// pair resolved from the article ("the two leaders").
func (c *Coder) subjectNP(sc *scratch, np, cs int, src string, toks []text.Token) argument {
	p := &sc.nps[np]
	if ms := sc.art.pair(sc, p, src, toks); len(ms) > 0 {
		return argument{g: -1, members: ms, found: true}
	}
	// Apposition: "A, B, verb" — A is the subject.
	if p.s >= 2 && sc.cls[p.s-1] == cComma && p.e < cs && sc.cls[p.e] == cComma {
		if q := sc.npAt[p.s-2]; q != 0 && sc.nps[q-1].prep < 0 && sc.nps[q-1].code != "" {
			if g := sc.npGroup(int(q - 1)); g >= 0 {
				return argument{g: g, found: true}
			}
		}
	}
	if p.code != "" {
		if g := sc.npGroup(np); g >= 0 {
			return argument{g: g, found: true}
		}
	}
	return argument{g: -1, found: true}
}

// controller returns the subject of the infinitive verb group vi (chain start cs): the object
// of the verb it completes when there is one ("invited Trump to visit"), else that verb's
// subject ("agreed on Tuesday to stop"); ok is false when no verb governs it.
func (c *Coder) controller(sc *scratch, vi, cs int, src string, toks []text.Token) (argument, bool) {
	pi := -1
	for j := vi - 1; j >= 0; j-- {
		if !sc.vgs[j].noun && sc.vgs[j].ve <= cs {
			pi = j
			break
		}
	}
	if pi < 0 || cs-sc.vgs[pi].ve > 6 {
		return argument{}, false
	}
	prev := &sc.vgs[pi]
	for k := prev.ve; k < cs; k++ {
		switch {
		case sc.npAt[k] != 0:
			np := &sc.nps[sc.npAt[k]-1]
			if np.prep < 0 && np.s == k {
				return c.subjectNP(sc, int(sc.npAt[k]-1), cs, src, toks), true
			}
			k = np.e - 1
		case sc.cls[k] == cPron:
			return sc.art.pronoun(sc, k, src, toks, false), true
		case sc.cls[k] == cPrep, sc.cls[k] == cAdv, sc.cls[k] == cNeg, sc.cls[k] == cComma:
		default:
			return argument{}, false
		}
	}
	return prev.subj, true
}

// targetPrep reports whether an object of preposition w can be a verb's target. Topics
// ("about", "over", "regarding", "including", and "on" after a verbal act) and places ("in",
// "at" after a verbal act) are not targets; "from", "of", "by", "for" relate other roles.
func targetPrep(w string, verbal bool) bool {
	switch w {
	case "TO", "WITH", "AGAINST", "TOWARD", "TOWARDS", "UPON", "INTO":
		return true
	case "ON", "AT":
		return !verbal
	}
	return false
}

// verbalRoot reports CAMEO roots of verbal acts (statements, appeals, intents, consultations,
// cooperation, demands, disapproval, rejection, threats).
func verbalRoot(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "01", "02", "03", "04", "05", "10", "11", "12", "13":
		return true
	}
	return false
}

// clauseObject finds the target of verb group vi after token from: the first coded noun phrase
// of its clause that is a direct object or the object of a target preposition. It stops at
// the clause's end: a subordinator, a relative pronoun, a conjunction or a verb, or a noun
// phrase that is the subject of a clause of its own ("said Russia was behind …").
func (c *Coder) clauseObject(sc *scratch, code string, from, srcG int, src string, toks []text.Token) int {
	n := len(sc.cls)
	verbal := verbalRoot(code)
	k := from
	for steps := 0; k < n && steps < 40; steps++ {
		if sc.paren[k] {
			k++
			continue
		}
		if p := sc.npAt[k]; p != 0 {
			np := &sc.nps[p-1]
			if np.s < k {
				k = np.e // the rest of a phrase the pattern consumed
				continue
			}
			if np.prep >= 0 && !targetPrep(sc.word(src, toks, int(np.prep)), verbal) {
				k = np.e
				continue
			}
			if e := sc.skipAdverbs(np.e); e < n && (sc.cls[e] == cAux || sc.verbish[e] || sc.isVerb[e] && !sc.vgAt(e).participle) {
				return -1 // the subject of a clause of its own
			}
			if np.code != "" {
				if g := sc.npGroup(int(p - 1)); g >= 0 && g != srcG {
					return g
				}
			}
			k = np.e
			continue
		}
		switch sc.cls[k] {
		case cPrep, cAdv, cNeg, cTo, cDet, cNum, cPoss:
			k++
			continue
		case cComma:
			// ", including …", ", a city …": go on only into a prepositional phrase
			if k+1 < n && sc.cls[k+1] == cPrep {
				k++
				continue
			}
		}
		break
	}
	return -1
}

// skipAdverbs returns the first token from k that is not an adverb.
func (sc *scratch) skipAdverbs(k int) int {
	for k < len(sc.cls) && sc.cls[k] == cAdv {
		k++
	}
	return k
}

// vgAt returns the verb group covering token k (a zero vgroup when none).
func (sc *scratch) vgAt(k int) *vgroup {
	for i := range sc.vgs {
		if sc.vgs[i].vs <= k && k < sc.vgs[i].ve {
			return &sc.vgs[i]
		}
	}
	return &vgroup{}
}

// codeVerbArticle finds the source and target of verb group vi in article mode and appends
// its events: pattern-placed arguments first, then the subject and object of its clause.
// An event without a target is dropped, except that a compound subject of a symmetric act is
// paired with itself ("Trump and Putin spoke").
func (c *Coder) codeVerbArticle(sc *scratch, vi int, code petrarch.Code, best matchResult, left int, src string, toks []text.Token) {
	vg := &sc.vgs[vi]
	if best.compound >= 0 {
		c.emitCompound(sc, vi, code, best.compound)
		return
	}
	subj := argument{g: best.src}
	tgt := argument{g: best.tgt}
	// Passive with a "by" agent: "Eriador was attacked by Osgiliath".
	if !subj.ok() && vg.passive {
		if g := sc.groupStarting(best.rightEnd, 3, false); g >= 0 && sc.groups[g].prep >= 0 && sc.word(src, toks, sc.groups[g].prep) == "BY" {
			subj = argument{g: g}
			if !tgt.ok() {
				tgt = c.clauseSubject(sc, vi, vg.cs, src, toks)
			}
		}
	}
	if !subj.ok() {
		if left < vg.cs {
			subj = c.clauseSubject(sc, vi, left, src, toks)
		} else {
			subj = vg.subj
		}
		if vg.passive && best.tgt < 0 && !c.passiveSubjectActs(vg) {
			// "Clinton should not be prosecuted": the subject undergoes the act; with no "by"
			// agent there is no source.
			return
		}
	}
	if subj.g >= 0 {
		vg.srcGroup = subj.g
	}
	if !subj.ok() {
		return
	}
	if !tgt.ok() {
		g := c.clauseObject(sc, code.Main, best.rightEnd, subj.g, src, toks)
		if g < 0 && best.rightEnd > vg.ve {
			g = c.clauseObject(sc, code.Main, vg.ve, subj.g, src, toks)
		}
		tgt = argument{g: g}
	}
	if tgt.g >= 0 {
		vg.tgtGroup = tgt.g
	}
	if lemma := c.dict.vforms[vg.form].lemma; lemma == "CALL" {
		// "called us a basketful of deplorables", "called him “a liar”", "called the meeting
		// 'excellent'": naming, not a call
		e := best.rightEnd
		if vg.literals == 0 && tgt.g >= 0 {
			e = sc.groups[tgt.g].e
		}
		if e < len(sc.cls) && (sc.npAt[e] != 0 && sc.nps[sc.npAt[e]-1].prep < 0 || isQuoteMark(src, toks[e])) {
			return
		}
	}
	srcs := sc.membersOf(subj)
	if !tgt.ok() {
		if len(srcs) > 1 && PetrarchRoot(code.Main) == "01" && talkVerb(c.dict.vforms[vg.form].lemma) {
			code = petrarch.Code{Main: "040"} // "Trump and Putin spoke": they spoke with each other
		}
		if len(srcs) > 1 && (code.Reverse != "" || symmetricRoot(code.Main)) {
			c.emitPairs(sc, vi, code.Main, srcs, subj.g)
			return
		}
		if implicitTarget(code.Main) && vg.literals > 0 {
			if t, ok := c.contextTarget(sc, subj); ok {
				n := len(sc.evs)
				c.emitArgs(sc, vi, petrarch.Code{Main: code.Main}, srcs, []member{t}, subj.g, -1)
				for i := n; i < len(sc.evs); i++ {
					sc.evs[i].guessed = true
				}
			}
		}
		return
	}
	c.emitArgs(sc, vi, code, srcs, sc.membersOf(tgt), subj.g, tgt.g)
}

// implicitTarget reports codes whose target a report often leaves implicit: offers to mediate
// (039: "has offered to mediate in the region") and mediation (045) — the parties of a
// conflict named nearby. The coder guesses such a target only when a pattern named the act.
func implicitTarget(code string) bool {
	return code == "039" || code == "045"
}

// contextTarget guesses the target of an act whose clause names none: the nearest other actor
// in the sentence ("Russia, a close partner of Iran, has offered to mediate"), else the last
// one named in the sentence before.
func (c *Coder) contextTarget(sc *scratch, subj argument) (member, bool) {
	srcs := sc.membersOf(subj)
	other := func(m member) bool {
		for _, s := range srcs {
			if s.code == m.code || s.entity >= 0 && s.entity == m.entity {
				return false
			}
		}
		return m.code != "" && !strings.HasPrefix(m.code, "---")
	}
	for gi := range sc.groups {
		if gi == subj.g {
			continue
		}
		for _, m := range sc.groups[gi].members {
			if other(m) {
				return m, true
			}
		}
	}
	if sc.art != nil && sc.art.sent-sc.art.prevSent == 1 {
		for i := len(sc.art.prev) - 1; i >= 0; i-- {
			if m := sc.art.prev[i]; other(m) {
				return m, true
			}
		}
	}
	return member{}, false
}

// emitArgs appends the events of code between every source and target member.
func (c *Coder) emitArgs(sc *scratch, vi int, code petrarch.Code, srcs, tgts []member, srcG, tgtG int) {
	why := sc.vgs[vi].why
	for _, s := range srcs {
		for _, t := range tgts {
			if !nullEvent(code.Main) {
				c.add(sc, rawEvent{code: code.Main, src: s, tgt: t, srcG: srcG, tgtG: tgtG, vg: vi, why: why})
			}
			if !nullEvent(code.Reverse) {
				c.add(sc, rawEvent{code: code.Reverse, src: t, tgt: s, srcG: tgtG, tgtG: srcG, vg: vi, why: why})
			}
		}
	}
}

// emitPairs appends code between every ordered pair of distinct members.
func (c *Coder) emitPairs(sc *scratch, vi int, code string, ms []member, g int) {
	if nullEvent(code) {
		return
	}
	why := sc.vgs[vi].why
	for i, s := range ms {
		for j, t := range ms {
			if i != j {
				c.add(sc, rawEvent{code: code, src: s, tgt: t, srcG: g, tgtG: g, vg: vi, why: why})
			}
		}
	}
}

// isQuoteMark reports a token that is a quotation mark.
func isQuoteMark(src string, t text.Token) bool {
	if t.Kind == text.Quote {
		return true
	}
	r, _ := utf8.DecodeRuneInString(src[t.Start:t.End])
	return int(t.End-t.Start) == utf8.RuneLen(r) && text.IsQuoteRune(r)
}
