package events

import (
	"slices"

	"chronicle/petrarch"
	"chronicle/text"
)

const (
	maxGapPost = 8
	maxGapPre  = 6
)

type matchResult struct {
	ok        bool
	literals  int
	content   int // literal words matched on content words (not prepositions)
	src, tgt  int // groups, -1 when the pattern does not place them
	compound  int
	leftBound int // leftmost token matched by the pre part
	rightEnd  int // token after the last matched post element
}

// groupStarting returns the first group starting in [from, from+gap] (exactly at from when
// exact), or -1.
func (sc *scratch) groupStarting(from, gap int, exact bool) int {
	for gi := range sc.groups {
		g := &sc.groups[gi]
		if g.s < from {
			continue
		}
		if g.s > from+gap || (exact && g.s != from) {
			return -1
		}
		return gi
	}
	return -1
}

// groupEnding returns the last group ending in [to-gap, to] (exactly at to when exact).
func (sc *scratch) groupEnding(to, gap int, exact bool) int {
	for gi := len(sc.groups) - 1; gi >= 0; gi-- {
		g := &sc.groups[gi]
		if g.e > to {
			continue
		}
		if g.e < to-gap || (exact && g.e != to) {
			return -1
		}
		return gi
	}
	return -1
}

func inIDs(id int32, ids []int32) bool {
	if id < 0 {
		return false
	}
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// phraseAt reports whether phrase p matches ids at i.
func phraseAt(ids []int32, i int, p []int32) bool {
	if i < 0 || i+len(p) > len(ids) {
		return false
	}
	for k, x := range p {
		if ids[i+k] != x {
			return false
		}
	}
	return true
}

func stopper(cl uint8) bool { return cl == cPunct }

// literalOK reports whether a pattern word found at token k (searching from cur) may count in
// an article: in the verb's clause, and not a word of a noun phrase naming an actor ("gave
// the Russian military the order" is no military aid).
func (c *Coder) literalOK(sc *scratch, cur, k int) bool {
	if !sc.sameClause(cur, k) {
		return false
	}
	for j := cur; j < k; j++ {
		if sc.cls[j] == cPrep && (sc.ids[j] < 0 || sc.ids[j] != c.dict.ofID) {
			return false // "called Putin during the meeting" is no "call … meeting"
		}
	}
	if p := sc.npAt[k]; p != 0 && sc.nps[p-1].actor != "" {
		return false
	}
	return true
}

// sameClause reports whether tokens [a, b) hold no clause boundary: punctuation, a comma, a
// conjunction, a subordinator, a relative pronoun, a modal or a verb.
func (sc *scratch) sameClause(a, b int) bool {
	for k := a; k < b; k++ {
		switch sc.cls[k] {
		case cPunct, cComma, cConj, cSub, cRel:
			return false
		case cAux:
			if sc.flags[k]&fModal != 0 {
				return false // "said Russia would attack": the clause said
			}
		}
		if sc.isVerb[k] || sc.verbish[k] {
			return false
		}
	}
	return true
}

// matchPattern matches a compiled pattern around the verb group vg.
func (c *Coder) matchPattern(sc *scratch, p *cpattern, vg *vgroup, gapPost int) matchResult {
	r := matchResult{src: -1, tgt: -1, compound: -1, leftBound: vg.vs, rightEnd: vg.ve}
	ids := sc.ids
	n := len(ids)
	// Post part, left to right.
	cur := vg.ve
	for ei := range p.post {
		e := &p.post[ei]
		exact := e.joined
		limit := cur + gapPost
		if limit > n {
			limit = n
		}
		switch e.kind {
		case petrarch.ElemWord:
			found := -1
			for k := cur; k < limit; k++ {
				if inIDs(ids[k], e.ids) && !(ei == len(p.post)-1 && sc.cls[k] == cTo && k+1 < n && (sc.isVerb[k+1] || sc.verbish[k+1])) {
					found = k // (a final "to" before a verb is an infinitive, not the preposition)
					break
				}
				if exact || stopper(sc.cls[k]) {
					break
				}
			}
			if found < 0 || c.opt.Article && !c.literalOK(sc, cur, found) {
				return r
			}
			if sc.cls[found] == cOther {
				r.content++
			}
			cur = found + 1
		case petrarch.ElemSynset:
			found, flen := -1, 0
			if e.syn >= 0 {
				first := c.dict.synFirst[e.syn]
				for k := cur; k < limit && found < 0; k++ {
					if _, ok := slices.BinarySearch(first, ids[k]); !ok {
						if exact || stopper(sc.cls[k]) {
							break
						}
						continue
					}
					for _, m := range c.dict.synsets[e.syn] {
						if phraseAt(ids, k, m) {
							found, flen = k, len(m)
							break
						}
					}
					if exact || stopper(sc.cls[k]) {
						break
					}
				}
			}
			if found < 0 || c.opt.Article && !c.literalOK(sc, cur, found) {
				return r
			}
			r.content++
			cur = found + flen
		case petrarch.ElemSource, petrarch.ElemTarget, petrarch.ElemCompound:
			g := sc.groupStarting(cur, gapPost, exact)
			if g < 0 || c.opt.Article && !sc.sameClause(cur, sc.groups[g].s) {
				return r
			}
			switch e.kind {
			case petrarch.ElemSource:
				r.src = g
			case petrarch.ElemTarget:
				r.tgt = g
			default:
				r.compound = g
			}
			cur = sc.groups[g].e
		case petrarch.ElemSkip:
			if cur < n && sc.npAt[cur] != 0 {
				cur = sc.nps[sc.npAt[cur]-1].e
			} else if cur+1 < n && sc.npAt[cur+1] != 0 {
				cur = sc.nps[sc.npAt[cur+1]-1].e
			}
		}
	}
	r.rightEnd = cur
	// Pre part, right to left: cur is the exclusive right end.
	cur = vg.vs
	mustAt := -1
	if p.verbJoinedPre {
		mustAt = vg.vs
	}
	for ei := len(p.pre) - 1; ei >= 0; ei-- {
		e := &p.pre[ei]
		exact := mustAt >= 0
		lo := cur - maxGapPre
		if lo < 0 {
			lo = 0
		}
		start := -1
		switch e.kind {
		case petrarch.ElemWord:
			for k := cur - 1; k >= lo; k-- {
				if inIDs(ids[k], e.ids) {
					start = k
					break
				}
				if exact || stopper(sc.cls[k]) {
					break
				}
			}
		case petrarch.ElemSynset:
			if e.syn >= 0 {
				for k := cur - 1; k >= lo && start < 0; k-- {
					for _, m := range c.dict.synsets[e.syn] {
						if phraseAt(ids, k-len(m)+1, m) {
							start = k - len(m) + 1
							break
						}
					}
					if exact || stopper(sc.cls[k]) {
						break
					}
				}
			}
		case petrarch.ElemSource, petrarch.ElemTarget, petrarch.ElemCompound:
			g := sc.groupEnding(cur, maxGapPre, exact)
			if g >= 0 {
				start = sc.groups[g].s
				switch e.kind {
				case petrarch.ElemSource:
					r.src = g
				case petrarch.ElemTarget:
					r.tgt = g
				default:
					r.compound = g
				}
			}
		case petrarch.ElemSkip:
			start = cur
			if cur > 0 && sc.npAt[cur-1] != 0 {
				start = sc.nps[sc.npAt[cur-1]-1].s
			}
		}
		if start < 0 {
			return r
		}
		cur = start
		mustAt = -1
		if e.joined {
			mustAt = cur
		}
	}
	r.leftBound = cur
	r.ok = true
	r.literals = p.literals
	return r
}

// codeVerb codes the verb group vi: its pattern, code, source and target, and appends the
// events to sc.evs.
func (c *Coder) codeVerb(sc *scratch, vi int, src string, toks []text.Token) {
	vg := &sc.vgs[vi]
	vf := &c.dict.vforms[vg.form]
	b := &c.dict.blocks[vf.block]
	best := matchResult{src: -1, tgt: -1, compound: -1, leftBound: vg.cs, rightEnd: vg.ve}
	bestP := -1
	gap := maxGapPost
	if len(b.code.Main) >= 2 && b.code.Main[:2] == "01" {
		gap = 3 // a verb of saying: its patterns do not reach into the clause said
	}
	for pi := range b.patterns {
		p := &b.patterns[pi]
		if !p.possible(&sc.idMask) {
			continue // some word it needs is nowhere in the sentence
		}
		r := c.matchPattern(sc, p, vg, gap)
		if !r.ok {
			continue
		}
		score := r.literals*2 + btoi(r.src >= 0) + btoi(r.tgt >= 0) + btoi(r.compound >= 0)
		bestScore := best.literals*2 + btoi(best.src >= 0) + btoi(best.tgt >= 0) + btoi(best.compound >= 0)
		// on a tie, a pattern naming a thing ("* RELATIONS") beats one naming a preposition ("* WITH")
		if bestP < 0 || score > bestScore || score == bestScore && r.content > best.content {
			best, bestP = r, pi
		}
	}
	if c.opt.Article && bestP >= 0 && best.content == 0 && (vagueBlock(b.name) || attitudeVerb(vf.lemma)) {
		bestP = -1 // "heads to Florida" (OVERSEE_MANAGE "* TO"): a preposition says too little
	}
	if bestP >= 0 && best.content == 0 && vf.code != nil && b.patterns[bestP].owner != "" && b.patterns[bestP].owner != vf.lemma {
		// "beat … with batons": a pattern written for another verb of the block ("BREAK *
		// (WITH)") that matched only a preposition yields to the verb's own code
		bestP = -1
	}
	var code petrarch.Code
	switch {
	case bestP >= 0:
		code = b.patterns[bestP].code
		vg.why = b.patterns[bestP].why
		vg.literals = best.literals
		vg.content = best.content
	case c.opt.Article && (vagueBlock(b.name) || attitudeVerb(vf.lemma)):
		code = petrarch.Code{} // "leave", "head", "expect": a pattern must say what the act is
		vg.why = vf.why
	case vf.code != nil:
		code = *vf.code
		vg.why = vf.why
	default:
		code = b.code
		vg.why = vf.why
	}
	vg.firstEv = len(sc.evs)
	vg.code, vg.pattern = code, bestP >= 0
	vg.prePattern = bestP >= 0 && len(b.patterns[bestP].pre) > 0
	if c.opt.Article {
		// Every verb's subject, coded or not, for pronouns, conjoined and infinitive verbs.
		vg.subj = c.clauseSubject(sc, vi, vg.cs, src, toks)
		sc.art.noteSubject(sc, vg.subj)
	}
	if bestP < 0 && code.Main == "010" && !c.opt.Statements {
		return
	}
	if code.IsNull() || nullEvent(code.Main) && nullEvent(code.Reverse) {
		return
	}
	vg.codeRoot1 = len(code.Main) >= 2 && code.Main[:2] == "01"
	if c.opt.IntentCodes && intended(sc, vg) {
		code = petrarch.Code{Main: intentCode(code.Main)}
	}
	if vg.participle {
		return // "…, killing eight people": a participle elaborating the main event
	}
	left := best.leftBound
	if vg.cs < left {
		left = vg.cs
	}
	if c.opt.Article {
		c.codeVerbArticle(sc, vi, code, best, left, src, toks)
		return
	}
	srcG, tgtG := best.src, best.tgt
	if best.compound >= 0 {
		c.emitCompound(sc, vi, code, best.compound)
		return
	}
	// Passive with a "by" agent: "Eriador was opposed by Osgiliath".
	if srcG < 0 && vg.passive {
		if g := sc.groupStarting(best.rightEnd, 3, false); g >= 0 && sc.groups[g].prep >= 0 && sc.word(src, toks, sc.groups[g].prep) == "BY" {
			srcG = g
			if tgtG < 0 {
				tgtG = c.subject(sc, vi, left)
			}
		}
	}
	if srcG < 0 {
		srcG = c.subject(sc, vi, left)
	}
	if tgtG < 0 {
		tgtG = c.object(sc, vi, best.rightEnd, srcG)
		if tgtG < 0 && best.rightEnd > vg.ve {
			tgtG = c.object(sc, vi, vg.ve, srcG)
		}
	}
	vg.srcGroup, vg.tgtGroup = srcG, tgtG
	// A compound subject with no target of a symmetric code: every pair ("the US, Russia and
	// Switzerland met").
	if tgtG < 0 && srcG >= 0 && len(sc.groups[srcG].members) > 1 && (code.Reverse != "" || symmetricRoot(code.Main)) {
		c.emitCompound(sc, vi, code, srcG)
		return
	}
	c.emit(sc, vi, code, srcG, tgtG)
}

// vagueBlock reports verb blocks whose verbs say too little about the act without one of
// their patterns: travel ("leave", "go"), management ("control", "head", "order"), influence,
// prediction, intention and choice.
func vagueBlock(name string) bool {
	switch name {
	case "GO_SOMEWHERE", "OVERSEE_MANAGE", "INFLUENCE", "PREDICT", "INTEND", "SELECT", "PREPARE", "CONTINUE", "COORDINATE":
		return true
	}
	return false
}

// attitudeVerb reports verbs of desire and expectation: "wanted", "seeks", "hopes" report an
// attitude, not an act, unless a pattern says what is sought.
func attitudeVerb(lemma string) bool {
	switch lemma {
	case "WANT", "SEEK", "HOPE", "WISH", "EXPECT", "LIKE", "LOVE", "NEED", "PREFER", "TRY", "ATTEMPT":
		return true
	}
	return false
}

// symmetricRoot reports codes that a compound subject does to each other ("X and Y met",
// "agreed", "cooperate").
func symmetricRoot(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "03", "04", "05", "06":
		return true
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullEvent(s string) bool {
	if s == "" {
		return true
	}
	ch := s[0]
	return !(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z')
}

var noMember = member{np: -1, entity: -1}

func (c *Coder) emit(sc *scratch, vi int, code petrarch.Code, srcG, tgtG int) {
	srcs := []member{noMember}
	tgts := []member{noMember}
	if srcG >= 0 {
		srcs = sc.groups[srcG].members
	}
	if tgtG >= 0 {
		tgts = sc.groups[tgtG].members
	}
	vg := &sc.vgs[vi]
	for _, s := range srcs {
		for _, t := range tgts {
			if !nullEvent(code.Main) {
				c.add(sc, rawEvent{code: code.Main, src: s, tgt: t, srcG: srcG, tgtG: tgtG, vg: vi, why: vg.why})
			}
			if !nullEvent(code.Reverse) {
				c.add(sc, rawEvent{code: code.Reverse, src: t, tgt: s, srcG: tgtG, tgtG: srcG, vg: vi, why: vg.why})
			}
		}
	}
}

func (c *Coder) emitCompound(sc *scratch, vi int, code petrarch.Code, g int) {
	ms := sc.groups[g].members
	vg := &sc.vgs[vi]
	vg.srcGroup, vg.tgtGroup = g, g
	for i, s := range ms {
		for j, t := range ms {
			if i == j {
				continue
			}
			if !nullEvent(code.Main) {
				c.add(sc, rawEvent{code: code.Main, src: s, tgt: t, srcG: g, tgtG: g, vg: vi, why: vg.why})
			}
		}
	}
}

func (c *Coder) add(sc *scratch, e rawEvent) {
	if e.src.code != "" && e.src.code == e.tgt.code {
		return
	}
	if c.opt.RequireDyad && (e.src.code == "" || e.tgt.code == "") {
		return
	}
	for i := range sc.evs {
		x := &sc.evs[i]
		if x.code == e.code && x.src.code == e.src.code && x.tgt.code == e.tgt.code && x.src.entity == e.src.entity && x.tgt.entity == e.tgt.entity {
			return
		}
	}
	sc.evs = append(sc.evs, e)
	sc.vgs[e.vg].nEvents++
}

// subject finds the source of verb group vi: the subject of a conjoined verb it shares
// ("condemned … and promised"), else the nearest group before left that is not the object
// of a preposition.
func (c *Coder) subject(sc *scratch, vi int, left int) int {
	vg := &sc.vgs[vi]
	// Relative clause: "the group that has seized …" — its antecedent, or nothing.
	if k := vg.cs - 1; k >= 0 && sc.cls[k] == cRel {
		if g := sc.groupEnding(k, 1, false); g >= 0 {
			return g
		}
		return -1
	}
	// Conjoined verb phrase: "and" right before the verb group, with a verb before it.
	if k := vg.cs - 1; k >= 0 && (sc.cls[k] == cConj || (sc.cls[k] == cComma && k > 0 && sc.cls[k-1] != cComma)) && vi > 0 {
		prev := &sc.vgs[vi-1]
		between := false
		for gi := range sc.groups {
			if sc.groups[gi].s >= prev.ve && sc.groups[gi].e <= vg.cs && sc.groups[gi].prep < 0 {
				between = true
			}
		}
		if sc.cls[k] == cConj && prev.srcGroup >= 0 && (!between || prev.tgtGroup >= 0) {
			return prev.srcGroup
		}
	}
	for gi := len(sc.groups) - 1; gi >= 0; gi-- {
		g := &sc.groups[gi]
		if g.e > left {
			continue
		}
		if g.prep >= 0 || sc.paren[g.s] {
			continue
		}
		return gi
	}
	return -1
}

// object finds the target of verb group vi: the first group after from, before the next
// clause of a verb of saying (its subject is not a target of the saying).
func (c *Coder) object(sc *scratch, vi int, from int, srcG int) int {
	vg := &sc.vgs[vi]
	for gi := range sc.groups {
		g := &sc.groups[gi]
		if g.s < from || gi == srcG || sc.paren[g.s] {
			continue
		}
		if vg.codeRoot1 && g.prep < 0 && g.e < len(sc.cls) && (sc.cls[g.e] == cAux || sc.isVerb[g.e]) {
			return -1 // "said Russia was behind …": the subject of the reported clause
		}
		return gi
	}
	return -1
}

// absorbInfinitives keeps one event for "pledged to expel", "agreed to lift": the inner
// verb's, unless the outer verb's pattern named words of its own ("vowed to wage war").
func (c *Coder) absorbInfinitives(sc *scratch) {
	for j := 1; j < len(sc.vgs); j++ {
		in := &sc.vgs[j]
		out := &sc.vgs[j-1]
		if !in.infinite || out.nEvents == 0 || in.nEvents == 0 || in.cs < out.ve || in.cs-out.ve > 5 {
			continue
		}
		drop := j - 1
		if out.literals > 0 {
			drop = j
		}
		for i := range sc.evs {
			if sc.evs[i].vg == drop {
				sc.evs[i].code = ""
			}
		}
	}
}

// intended reports a verb group stating a future or intended act: "will send", "agreed to
// lift", "is ready to contribute".
func intended(sc *scratch, vg *vgroup) bool {
	if vg.flags&fFuture != 0 {
		return true
	}
	if !vg.infinite {
		return false
	}
	for k := vg.cs - 1; k >= 0 && k >= vg.cs-3; k-- {
		if sc.flags[k]&fPlanVerb != 0 {
			return true
		}
	}
	return false
}

// intentCode maps a code to CAMEO's "express intent to" code of its kind.
func intentCode(code string) string {
	if len(code) < 2 {
		return code
	}
	switch code[:2] {
	case "04":
		return "036"
	case "05":
		return "032"
	case "06":
		return "031"
	case "07":
		return "033"
	case "08":
		return "035"
	case "18", "19", "20":
		return "138"
	}
	return code
}
