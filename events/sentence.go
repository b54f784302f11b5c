package events

import (
	"strings"
	"unicode/utf8"

	"chronicle/petrarch"
	"chronicle/text"
)

// Options are the coder's settings; the PETRARCH <Config> options map onto them.
type Options struct {
	// RequireDyad drops events without both a source and a target (PETRARCH require_dyad).
	RequireDyad bool
	// NewActorLength > 0 turns an unknown noun phrase of at most that many words into an
	// actor coded with its own words in quotes (PETRARCH new_actor_length).
	NewActorLength int
	// Statements codes bare statements (CAMEO 010 from a verb of saying without a pattern):
	// "X said …" is mostly a wrapper around the event said.
	Statements bool
	// IntentCodes codes a future or intended act as CAMEO's "express intent to" (03x): "will
	// provide aid" → 033, "agreed to meet" → 036; "will attack" → 138 (threaten).
	IntentCodes bool
	// YearDiscards applies discard entries that are bare numbers (the Phoenix discards list
	// every year 1914–2013); off in the pipeline, where years are everywhere.
	YearDiscards bool
	// Article turns on the stricter analysis of news articles (Coder.Code): a verb's source is
	// the subject of its own clause (a pronoun or "the two leaders" resolved from the
	// article), its target an object of the same clause and never a topic ("spoke about X") or
	// a place ("in X"); a noun phrase is an actor only through its head ("military action" is
	// not one); events without a target are dropped.
	Article bool
}

// DefaultOptions are PETRARCH's defaults.
func DefaultOptions() Options { return Options{RequireDyad: true} }

// entMention is an entity mention handed to the coder: a token range and its actor code.
type entMention struct {
	s, e   int // tokens, sentence-relative
	code   string
	entity int  // index into the article's entities, -1 for none
	fixed  bool // the code is final (a person or organisation the KB coded with its sector)
}

type mention struct {
	s, e   int
	agent  bool
	prefix bool
	fixed  bool
	code   string
	entity int
}

type nounPhrase struct {
	s, e    int
	code    string // composed actor code, "" when none
	agents  []string
	prefixs []string
	actor   string
	entity  int
	fixed   bool  // actor is a final code (an entity's), not composed with agents
	prep    int32 // vocab-independent: index of the preposition token, -1 when none
	paren   bool
}

type member struct {
	code   string
	np     int // index into nps, -1 for a member resolved from the article
	entity int
	// bs, be are the byte span naming a resolved member (the pronoun, "the two leaders", the
	// quote's speaker) when np is -1.
	bs, be int
}

type group struct {
	s, e    int
	members []member
	prep    int // token index of the governing preposition, -1 for none
}

type vgroup struct {
	vs, ve   int // the verb's tokens
	cs       int // start of the auxiliary chain
	form     int32
	passive  bool
	flags    uint16 // lexicon flags of the chain
	neg      bool
	infinite bool // preceded by "to"
	// participle: a bare -ing form after a comma or at the start ("…, killing eight people")
	participle bool
	srcGroup   int
	tgtGroup   int
	literals   int
	content    int // pattern literals that are content words, not prepositions
	nEvents    int
	firstEv    int
	why        string
	codeRoot1  bool
	// Article mode: the subject of the verb's clause, and whether the group is an event noun
	// ("a phone call with Trump") rather than a verb.
	subj    argument
	noun    bool
	reduced bool // a past participle right after a noun: "the curfew imposed in Sudan"
	// code is the CAMEO code the verb's pattern (pattern set) or entry gave, before intent.
	code    petrarch.Code
	pattern bool
	// prePattern: the pattern matched words before the verb ("- WILL NOT * [081]"), so its
	// code already reads a negation there.
	prePattern bool
}

// rawEvent is an event found in one sentence, in sentence-relative token positions.
type rawEvent struct {
	code     string
	src, tgt member
	srcG     int
	tgtG     int
	vg       int
	why      string
	// guessed: the target was not in the verb's clause but taken from the context (an offer
	// to mediate names no parties).
	guessed bool
}

// scratch holds the per-sentence buffers of a coder, reused between sentences.
type scratch struct {
	up       []byte
	ids      []int32
	cls      []uint8
	flags    []uint16
	cap      []bool
	paren    []bool
	cover    []int32 // mention index + 1
	isVerb   []bool
	verbish  []bool
	baseForm []bool
	ments    []mention
	nps      []nounPhrase
	npAt     []int32 // np index + 1
	groups   []group
	vgs      []vgroup
	evs      []rawEvent
	members  []member
	codeBuf  []byte
	// art is the article being coded (Coder.Code), nil for CodeDoc.
	art *artCtx
	// ubuf holds the upper-case words of the sentence, token i at ubuf[uoff[i]:uend[i]]
	// (uvalid tokens of them), so that word needs no allocation.
	ubuf       []byte
	uoff, uend []int32
	utok       []int32 // the start offset of each cached token, to check the cache
	uvalid     int
	// idMask holds the word ids of the sentence being coded (for cpattern.possible).
	idMask idMask
}

func (sc *scratch) reset(n int) {
	grow := func(b []int32) []int32 {
		if cap(b) < n {
			return make([]int32, n)
		}
		b = b[:n]
		clear(b)
		return b
	}
	sc.ids = grow(sc.ids)
	sc.uoff = grow(sc.uoff)
	sc.uend = grow(sc.uend)
	sc.utok = grow(sc.utok)
	sc.uvalid = n
	sc.cover = grow(sc.cover)
	sc.npAt = grow(sc.npAt)
	if cap(sc.cls) < n {
		sc.cls = make([]uint8, n)
		sc.flags = make([]uint16, n)
		sc.cap = make([]bool, n)
		sc.paren = make([]bool, n)
		sc.isVerb = make([]bool, n)
		sc.verbish = make([]bool, n)
		sc.baseForm = make([]bool, n)
	}
	sc.baseForm = sc.baseForm[:n]
	sc.cls, sc.flags, sc.cap, sc.paren, sc.isVerb, sc.verbish = sc.cls[:n], sc.flags[:n], sc.cap[:n], sc.paren[:n], sc.isVerb[:n], sc.verbish[:n]
	clear(sc.isVerb)
	clear(sc.verbish)
	clear(sc.paren)
	sc.ments = sc.ments[:0]
	sc.nps = sc.nps[:0]
	sc.groups = sc.groups[:0]
	sc.vgs = sc.vgs[:0]
	sc.evs = sc.evs[:0]
	sc.members = sc.members[:0]
}

// upper writes the upper-case form of s into sc.up (ASCII fast path; curly apostrophes
// become straight ones).
func (sc *scratch) upper(s string) []byte {
	b := sc.up[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '’' || r == '‘' {
			b = append(b, '\'')
			continue
		}
		b = utf8.AppendRune(b, toUpperRune(r))
	}
	sc.up = b
	return b
}

func toUpperRune(r rune) rune {
	return []rune(strings.ToUpper(string(r)))[0]
}

var adverbExceptions = map[string]bool{"SUPPLY": true, "APPLY": true, "COMPLY": true, "REPLY": true, "RALLY": true,
	"ALLY": true, "MULTIPLY": true, "IMPLY": true, "FAMILY": true, "ITALY": true, "ASSEMBLY": true, "JULY": true,
	"ANOMALY": true, "MONOPOLY": true, "BULLY": true, "EARLY": true, "DAILY": true, "WEEKLY": true, "MONTHLY": true,
	"ELDERLY": true, "HOLY": true, "DEADLY": true, "FRIENDLY": true, "COSTLY": true, "LOVELY": true,
	"LONELY": true, "SILLY": true, "TIMELY": true, "UNLIKELY": true, "ORDERLY": true, "SCHOLARLY": true, "UGLY": true, "NATALY": true, "REAPPLY": true, "RESUPPLY": true}

// sentence codes the tokens toks[first:last] of a text and appends the events found to sc.evs.
// ents are the entity mentions in the sentence (sentence-relative token ranges). It returns
// false when a story discard was found.
func (c *Coder) sentence(sc *scratch, src string, toks []text.Token, date string, ents []entMention) bool {
	d := c.dict
	n := len(toks)
	sc.reset(n)
	hasPOS := false
	depth := 0
	sc.ubuf = sc.ubuf[:0]
	for i := range toks {
		t := &toks[i]
		w := src[t.Start:t.End]
		u := sc.upper(w)
		sc.uoff[i] = int32(len(sc.ubuf))
		sc.ubuf = append(sc.ubuf, u...)
		sc.uend[i] = int32(len(sc.ubuf))
		sc.utok[i] = t.Start
		id, ok := d.vocab[string(u)]
		if !ok {
			id = -1
		}
		sc.ids[i] = id
		var lx uint16
		var known bool
		if id >= 0 && int(id) < len(d.lexByID) {
			lx, known = d.lexByID[id], d.lexKnown[id]
		} else {
			lx, known = lexicon[string(u)]
		}
		cl := uint8(lx & 0xff)
		if !known {
			switch t.Kind {
			case text.Number:
				cl = cNum
			case text.Punct:
				switch w {
				case ",", ";", "--", "–", "—", ":":
					cl = cComma
				default:
					cl = cPunct
				}
			case text.Quote, text.Symbol:
				cl = cPunct
			default:
				cl = cOther
				if len(u) >= 6 && u[len(u)-2] == 'L' && u[len(u)-1] == 'Y' && !adverbExceptions[string(u)] {
					cl = cAdv
				}
			}
		}
		if t.POS != "" {
			hasPOS = true
			if pc, ok := posClass(t.POS); ok && !known {
				cl = pc
			}
			if strings.HasPrefix(t.POS, "RB") && !known {
				cl = cAdv
			}
		}
		if w == "(" || w == "[" {
			depth++
			cl = cPunct
		}
		sc.paren[i] = depth > 0
		if w == ")" || w == "]" {
			if depth > 0 {
				depth--
			}
			cl = cPunct
		}
		sc.cls[i] = cl
		sc.flags[i] = lx
		r, _ := utf8.DecodeRuneInString(w)
		sc.cap[i] = r >= 'A' && r <= 'Z'
	}
	ids := sc.ids

	// Discards.
	for i := 0; i < n; i++ {
		p, l := d.discards.longest(ids, i)
		if l == 0 {
			continue
		}
		di := d.discInf[p]
		if di.numeric && !c.opt.YearDiscards {
			continue
		}
		if di.story {
			return false
		}
		return true // sentence discarded: no events
	}

	// Mentions: entities first, then dictionary actors and agents.
	for _, e := range ents {
		if e.s < 0 || e.e > n || e.s >= e.e {
			continue
		}
		sc.ments = append(sc.ments, mention{s: e.s, e: e.e, code: e.code, entity: e.entity, fixed: e.fixed})
		for k := e.s; k < e.e; k++ {
			sc.cover[k] = int32(len(sc.ments))
		}
	}
	for i := 0; i < n; i++ {
		if sc.cover[i] != 0 {
			continue
		}
		ap, al := d.actors.longest(ids, i)
		gp, gl := d.agents.longest(ids, i)
		for k := i; k < i+al || k < i+gl; k++ {
			if k < n && sc.cover[k] != 0 {
				al, gl = min(al, k-i), min(gl, k-i)
				break
			}
		}
		var m mention
		if al > 0 && !sc.cap[i] && (c.opt.Article || al == 1 && lexicon[string(sc.upper(src[toks[i].Start:toks[i].End]))] != 0) {
			al = 0 // a lower-case function word is no actor ("us"), nor in an article a common noun ("pole")
		}
		switch {
		case al > 0 && al >= gl:
			code := actorCode(d.actorCds[ap], date)
			if code == "" {
				continue
			}
			m = mention{s: i, e: i + al, code: code, entity: -1}
		case gl > 0:
			a := d.agentInf[gp]
			m = mention{s: i, e: i + gl, agent: true, prefix: a.prefix, code: a.code, entity: -1}
		default:
			continue
		}
		sc.ments = append(sc.ments, m)
		for k := m.s; k < m.e; k++ {
			sc.cover[k] = int32(len(sc.ments))
		}
		i = m.e - 1
	}

	// Verbs.
	for i := 0; i < n; i++ {
		if sc.cover[i] != 0 {
			continue
		}
		f, l := d.verbs.longest(ids, i)
		if l == 0 {
			c.markVerbish(sc, toks, src, i, hasPOS)
			continue
		}
		vf := d.vforms[f]
		h := i + int(vf.head)
		if h >= n {
			h = i
		}
		sc.baseForm[h] = sc.word(src, toks, h) == vf.headWord
		if !c.confirmVerb(sc, toks, i, h, hasPOS) {
			continue
		}
		cs := i
		for cs > 0 {
			k := cs - 1
			cl := sc.cls[k]
			if cl == cAux || cl == cNeg || cl == cAdv || cl == cTo || (cl == cPrep && ids[k] >= 0 && sc.isAbout(src, toks[k])) {
				cs = k
				continue
			}
			break
		}
		vg := vgroup{vs: i, ve: i + l, cs: cs, form: f, srcGroup: -1, tgtGroup: -1}
		for k := cs; k < i; k++ {
			vg.flags |= sc.flags[k]
			if sc.cls[k] == cNeg {
				vg.neg = true
			}
			if sc.cls[k] == cTo {
				vg.infinite = true
			}
		}
		if cs == i && (cs == 0 || sc.cls[cs-1] == cComma) && endsWithAny(sc.upper(src[toks[h].Start:toks[h].End]), "ING") {
			vg.participle = true
		}
		if vg.flags&fBe != 0 && (vf.past || endsWithAny(sc.upper(src[toks[h].Start:toks[h].End]), "ED", "EN")) {
			vg.passive = true
		}
		if cs == i && i > 0 && toks[h].POS == "VBN" && (sc.cover[i-1] != 0 || sc.cls[i-1] == cOther && !sc.isVerb[i-1] && !sc.verbish[i-1]) {
			// "the curfew imposed in Sudan", "weapons seized last year": a reduced relative,
			// passive, about the noun before it
			vg.reduced = true
			if c.opt.Article {
				vg.passive = true
			}
		}
		for k := i; k < i+l; k++ {
			sc.isVerb[k] = true
		}
		sc.vgs = append(sc.vgs, vg)
		i += l - 1
	}
	c.nounPhrases(sc, toks, src)
	c.groupPhrases(sc)
	sc.idMask = idMask{}
	for _, id := range sc.ids[:n] {
		if id >= 0 {
			sc.idMask.add(id)
		}
	}
	for vi := range sc.vgs {
		c.codeVerb(sc, vi, src, toks)
	}
	c.absorbInfinitives(sc)
	if c.opt.Article {
		c.nounEvents(sc, src, toks)
	}
	return true
}

// verbBase reports whether token i is written as a base form (no -S, -ED, -ING ending).
func (sc *scratch) verbBase(i int) bool {
	return sc.baseForm[i]
}

func (sc *scratch) isAbout(src string, t text.Token) bool {
	return strings.EqualFold(src[t.Start:t.End], "about")
}

func endsWithAny(b []byte, sufs ...string) bool {
	for _, s := range sufs {
		if len(b) > len(s)+2 && string(b[len(b)-len(s):]) == s {
			return true
		}
	}
	return false
}

// actorCode returns the code of an actor entry on date (YYYYMMDD), the first of several
// "/"-separated codes.
func actorCode(codes []petrarch.DatedCode, date string) string {
	code := ""
	for _, c := range codes {
		if c.Dated() && date != "" && c.Applies(date) {
			code = c.Code
			break
		}
	}
	if code == "" {
		for _, c := range codes {
			if !c.Dated() {
				code = c.Code
				break
			}
		}
	}
	if i := strings.IndexByte(code, '/'); i >= 0 {
		code = code[:i]
	}
	return strings.ToUpper(code)
}

// markVerbish marks a token that is a verb outside the dictionary (from its POS tag, or a
// past-tense form after a noun) so that noun phrases end there.
func (c *Coder) markVerbish(sc *scratch, toks []text.Token, src string, i int, hasPOS bool) {
	if hasPOS {
		if p := toks[i].POS; strings.HasPrefix(p, "VB") && sc.cls[i] == cOther {
			sc.verbish[i] = true
		}
		return
	}
	if sc.cls[i] != cOther || i == 0 {
		return
	}
	u := sc.upper(src[toks[i].Start:toks[i].End])
	if len(u) > 4 && string(u[len(u)-2:]) == "ED" {
		if p := sc.cls[i-1]; p != cDet && p != cPoss && p != cPrep && p != cNum {
			sc.verbish[i] = true
		}
	}
}

// confirmVerb decides whether a dictionary verb form at tokens [i, …) with head h is used as
// a verb here (not as a noun: "an attack", "peace talks", "held talks").
func (c *Coder) confirmVerb(sc *scratch, toks []text.Token, i, h int, hasPOS bool) bool {
	if hasPOS {
		p := toks[h].POS
		if h == i && c.afterModal(sc, i) {
			return true // "would attack": a modal's base form is a verb whatever the tagger says
		}
		switch {
		case (p == "VBN" || p == "VBG") && i > 0 && (sc.cls[i-1] == cDet || sc.cls[i-1] == cPoss):
			return false // "a negotiated end", "its continuing support": a modifier
		case p == "VBN" && c.leadingModifier(sc, toks, i, h):
			return false // "Ousted president Aristide", "Newly appointed Prime Minister"
		case strings.HasPrefix(p, "VB"):
			return true
		case strings.HasPrefix(p, "NN"), strings.HasPrefix(p, "JJ"):
			return false
		}
	}
	if i == 0 {
		return true
	}
	p := i - 1
	switch sc.cls[p] {
	case cDet, cPoss, cNum:
		return false
	case cPrep:
		return false
	case cAdv:
		if p > 0 && (sc.cls[p-1] == cDet || sc.cls[p-1] == cPrep) {
			return false // "a deadly attack"
		}
	case cOther:
		if sc.isVerb[p] || sc.verbish[p] {
			return false // "held talks", "promised aid"
		}
		if m := sc.cover[p]; m != 0 && sc.ments[m-1].agent && !sc.cap[p] && h == i && sc.verbBase(i) {
			return false // "military aid": an agent word modifying a noun
		}
		if sc.cover[p] != 0 || sc.cap[p] {
			return true // a subject: "Gondor welcomed", "officials said"
		}
		// a lower-case content word before a plain or -s form: a compound noun ("peace talks")
		return false
	}
	return true
}

// afterModal reports a token right after a modal or a form of "do" (adverbs and "not" between).
func (c *Coder) afterModal(sc *scratch, i int) bool {
	k := i - 1
	for k >= 0 && (sc.cls[k] == cAdv || sc.cls[k] == cNeg) {
		k--
	}
	if k < 0 || sc.cls[k] != cAux {
		return false
	}
	return sc.flags[k]&fModal != 0 || sc.doForm(k)
}

// leadingModifier reports a participle opening the sentence (after adverbs only) that
// modifies the noun after it: "Ousted president …", "Newly appointed Prime Minister …".
func (c *Coder) leadingModifier(sc *scratch, toks []text.Token, i, h int) bool {
	for k := 0; k < i; k++ {
		if sc.cls[k] != cAdv {
			return false
		}
	}
	if h+1 >= len(toks) {
		return false
	}
	p := toks[h+1].POS
	return strings.HasPrefix(p, "NN") || strings.HasPrefix(p, "JJ")
}

// nounPhrases chunks the sentence into noun phrases and codes each from its mentions.
func (c *Coder) nounPhrases(sc *scratch, toks []text.Token, src string) {
	n := len(sc.cls)
	npable := func(i int) bool {
		if sc.isVerb[i] {
			return false
		}
		if sc.cover[i] != 0 {
			return true
		}
		if sc.verbish[i] {
			return false
		}
		switch sc.cls[i] {
		case cOther, cDet, cNum, cPoss:
			return true
		}
		return false
	}
	for i := 0; i < n; {
		if !npable(i) {
			i++
			continue
		}
		s := i
		content := false
		for i < n && npable(i) {
			if sc.cls[i] == cDet && content && sc.cls[i-1] != cPoss && sc.cover[i] == 0 {
				break
			}
			if sc.cls[i] != cDet {
				content = true
			}
			// a mention never straddles two phrases
			if m := sc.cover[i]; m != 0 && sc.ments[m-1].s < s {
				break
			}
			i++
		}
		if i == s {
			i++
			continue
		}
		np := nounPhrase{s: s, e: i, prep: -1, entity: -1, paren: sc.paren[s]}
		if s > 0 && (sc.cls[s-1] == cPrep || sc.cls[s-1] == cTo || c.opt.Article && sc.cls[s] != cNum && sc.word(src, toks, s-1) == "ABOUT") {
			np.prep = int32(s - 1)
		}
		c.codeNP(sc, &np, toks, src)
		sc.nps = append(sc.nps, np)
		for k := np.s; k < np.e; k++ {
			sc.npAt[k] = int32(len(sc.nps))
		}
	}
}

func (c *Coder) codeNP(sc *scratch, np *nounPhrase, toks []text.Token, src string) {
	last := int32(0)
	for k := np.s; k < np.e; k++ {
		m := sc.cover[k]
		if m == 0 || m == last {
			continue
		}
		last = m
		mt := &sc.ments[m-1]
		if c.opt.Article && !mt.agent && (isHyphenAt(src, toks, mt.e) && sc.cover[mt.e+1] != 0 || isHyphenAt(src, toks, mt.s-1) && sc.cover[mt.s-2] != 0) {
			continue // one side of a compound modifier ("the Russia-Ukraine war"): not the phrase's actor
		}
		switch {
		case mt.agent && mt.prefix:
			np.prefixs = append(np.prefixs, mt.code)
		case mt.agent:
			np.agents = append(np.agents, mt.code)
		case mt.code != "" && (np.actor == "" || c.opt.Article):
			// In articles the rightmost actor is the head: "Russian President Vladimir Putin"
			// is Putin, "Putin's aide Yuri Ushakov" Ushakov. PETRARCH takes the first.
			np.actor, np.entity, np.fixed = mt.code, mt.entity, mt.fixed
		}
	}
	if c.opt.Article && np.actor == "" && len(np.agents) > 0 {
		switch sc.word(src, toks, np.s) {
		case "ITS", "THEIR":
			// "Ukraine denied that its troops …": the country that is the subject of a verb
			// before the phrase.
			for j := len(sc.nps) - 1; j >= 0; j-- {
				p := &sc.nps[j]
				if len(p.actor) == 3 && !p.fixed && p.e < len(toks) && (sc.isVerb[p.e] || sc.cls[p.e] == cAux) {
					np.actor, np.entity = p.actor, p.entity
					break
				}
			}
		}
	}
	switch {
	case np.fixed:
		np.code = np.actor
	case np.actor != "" || len(np.agents) > 0 || len(np.prefixs) > 0:
		if c.opt.Article && np.actor == "" && !c.headIsActor(sc, np) {
			return // "military action", "government policy": the head is not an actor
		}
		np.code = composeCode(np.prefixs, np.actor, np.agents)
	case c.opt.NewActorLength > 0:
		var words []string
		for k := np.s; k < np.e; k++ {
			if sc.cls[k] == cOther {
				words = append(words, string(sc.upper(src[toks[k].Start:toks[k].End])))
			}
		}
		if len(words) > 0 && len(words) <= c.opt.NewActorLength {
			np.code = `"` + strings.Join(words, " ") + `"`
		}
	}
}

// headIsActor reports whether the last content word of a noun phrase is part of an actor or
// agent mention (its head names who acts).
func (c *Coder) headIsActor(sc *scratch, np *nounPhrase) bool {
	for k := np.e - 1; k >= np.s; k-- {
		if sc.cls[k] == cOther || sc.cover[k] != 0 {
			return sc.cover[k] != 0
		}
	}
	return false
}

// composeCode builds an actor code from prefix agents, the actor's code and suffix agents:
// "NGO" + "ARN" + "GOV" → "NGOARNGOV"; an agent already in the actor's code is not repeated
// (WHITE HOUSE [USAGOV] + officials [GOV] → "USAGOV"); an agent alone gets the unknown
// country "---".
func composeCode(prefixes []string, actor string, agents []string) string {
	var b strings.Builder
	for _, p := range prefixes {
		b.WriteString(p)
	}
	if actor == "" {
		if len(agents) == 0 {
			return b.String()
		}
		actor = "---"
	}
	b.WriteString(actor)
	for _, a := range agents {
		if len(actor) >= 3 && strings.Contains(actor[3:], a) {
			continue
		}
		if strings.HasSuffix(b.String(), a) {
			continue
		}
		b.WriteString(a)
	}
	return b.String()
}

// groupPhrases joins coded noun phrases coordinated by "and", "or", "nor" and commas into
// groups, and attaches "officials in X and Y" (agents with a place) into crossed codes.
func (c *Coder) groupPhrases(sc *scratch) {
	nps := sc.nps
	for i := 0; i < len(nps); i++ {
		if nps[i].code == "" {
			continue
		}
		g := group{s: nps[i].s, e: nps[i].e, prep: int(nps[i].prep)}
		mstart := len(sc.members)
		sc.members = append(sc.members, member{code: nps[i].code, np: i, entity: nps[i].entity})
		lastConj := len(sc.members) // members up to here are confirmed by a conjunction
		j := i
		for j+1 < len(nps) {
			nx := &nps[j+1]
			if nx.code == "" || nx.paren != nps[i].paren {
				break
			}
			conj, ok := c.joiner(sc, nps[j].e, nx.s)
			if !ok {
				break
			}
			sc.members = append(sc.members, member{code: nx.code, np: j + 1, entity: nx.entity})
			if conj {
				lastConj = len(sc.members)
			}
			j++
			g.e = nx.e
		}
		// Members joined only by commas after the last conjunction are appositions or
		// separate clauses ("Ukraine, Russia said"): cut them off.
		if lastConj < len(sc.members) {
			cut := len(sc.members) - lastConj
			sc.members = sc.members[:lastConj]
			j -= cut
			g.e = nps[j].e
		}
		g.members = sc.members[mstart:len(sc.members):len(sc.members)]
		i = j
		// Agents attached to places: "Lawmakers and officials in Fornost and Gondor".
		if allAgentsOnly(g.members, nps) && g.e < len(sc.cls) && sc.cls[g.e] == cPrep {
			if k := c.followingGroup(sc, g.e+1); k >= 0 {
				ag := c.buildGroupAt(sc, k)
				if len(ag) > 0 && !allAgentsOnly(ag, nps) {
					var crossed []member
					for _, a := range ag {
						for _, m := range g.members {
							np := &nps[m.np]
							crossed = append(crossed, member{code: composeCode(np.prefixs, nps[a.np].code, np.agents), np: a.np, entity: a.entity})
						}
					}
					g.members = crossed
					g.e = nps[ag[len(ag)-1].np].e
					for i+1 < len(nps) && nps[i+1].s < g.e {
						i++
					}
				}
			}
		}
		sc.groups = append(sc.groups, g)
	}
}

// followingGroup returns the index of the noun phrase starting at token t, or -1.
func (c *Coder) followingGroup(sc *scratch, t int) int {
	if t >= len(sc.npAt) || sc.npAt[t] == 0 {
		return -1
	}
	k := int(sc.npAt[t] - 1)
	if sc.nps[k].s != t || sc.nps[k].code == "" {
		return -1
	}
	return k
}

// buildGroupAt returns the coded phrases coordinated from phrase k on (not stored).
func (c *Coder) buildGroupAt(sc *scratch, k int) []member {
	out := []member{{code: sc.nps[k].code, np: k, entity: sc.nps[k].entity}}
	for k+1 < len(sc.nps) && sc.nps[k+1].code != "" {
		conj, ok := c.joiner(sc, sc.nps[k].e, sc.nps[k+1].s)
		if !ok || !conj {
			break
		}
		out = append(out, member{code: sc.nps[k+1].code, np: k + 1, entity: sc.nps[k+1].entity})
		k++
	}
	return out
}

func allAgentsOnly(ms []member, nps []nounPhrase) bool {
	for _, m := range ms {
		if nps[m.np].actor != "" || len(nps[m.np].agents) == 0 {
			return false
		}
	}
	return true
}

// joiner reports whether tokens [e, s) join two coordinated phrases: "and", "or", "nor",
// ",", ", and", "and the" …; conj is set when a conjunction is among them.
func (c *Coder) joiner(sc *scratch, e, s int) (conj, ok bool) {
	if s <= e || s-e > 2 {
		return false, false
	}
	for k := e; k < s; k++ {
		switch sc.cls[k] {
		case cConj:
			conj = true
		case cComma:
			// a comma is fine
		default:
			return false, false
		}
	}
	return conj, true
}
