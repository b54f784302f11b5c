package events

import (
	"strconv"
	"strings"
	"sync"

	"chronicle"
	"chronicle/actors"
	"chronicle/text"
)

// Code codes the events of an article: d is its segmented (and tagged) text, a the article
// with its Entities, Timexes and Quotes filled (byte offsets) and Date set. Entities with an
// actor code are the actors; the dictionary's actors and agents fill in the rest. Events get
// ids v1… in text order, their PLOVER category, one modality, a date (from the governing
// time expression, else the article's), a place (the location named with the event), the
// quote they sit in, a confidence and the pattern that produced them.
//
// Arguments come from the clause of the trigger (Options.Article): a pronoun subject is
// resolved to the person last the subject of a verb, "the two leaders" to the last two people
// named, a quote's first person or verbless start to its speaker; topics ("spoke about X")
// and places ("in X") are not targets; events with no target are not coded, except symmetric
// acts of a compound subject ("Trump and Putin spoke"). Event nouns are coded with their
// participants ("a telephone conversation the two leaders had", "a phone call with Trump").
func (c *Coder) Code(d *text.Doc, a *chronicle.Article) []chronicle.Event {
	o := c.opt
	o.RequireDyad = false
	o.Statements = true
	o.Article = true
	o.IntentCodes = false
	pc := c.WithOptions(o)
	date := strings.ReplaceAll(a.Date, "-", "")
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	art := newArtCtx(d, a)
	sc.art = art
	defer func() { sc.art = nil }()

	// Entity mentions by sentence.
	type em struct {
		s, e, ent int
		code      string
		fixed     bool
	}
	bySent := make([][]em, len(d.Sentences))
	for ei := range a.Entities {
		e := &a.Entities[ei]
		spans := e.Mentions
		if len(spans) == 0 {
			spans = [][2]int{{e.Start, e.End}}
		}
		for _, m := range spans {
			if m[1] <= m[0] || m[0] < 0 || m[1] > len(d.Text) {
				continue
			}
			ts, te := d.TokenAt(m[0]), d.TokenAt(m[1]-1)+1
			if ts >= len(d.Tokens) || te > len(d.Tokens) || ts >= te {
				continue
			}
			si := d.SentenceOf(ts)
			if si != d.SentenceOf(te-1) {
				continue
			}
			// A person's or organisation's code is final ("RUSGOV"); a country's is composed
			// with the agents around it ("the US administration" → USAGOV).
			fixed := e.Actor != "" && (e.Type == chronicle.PER || e.Type == chronicle.ORG)
			bySent[si] = append(bySent[si], em{s: ts, e: te, ent: ei, code: e.Actor, fixed: fixed})
		}
	}
	var out []chronicle.Event
	var ents []entMention
	for si, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		ents = ents[:0]
		for _, m := range bySent[si] {
			ents = append(ents, entMention{s: m.s - s.First, e: m.e - s.First, code: m.code, entity: m.ent, fixed: m.fixed})
		}
		art.sent, art.first = si, s.First
		if sentenceMentionsPhone(d.Text, toks) {
			art.phoneAt = si
		}
		if !pc.sentence(sc, d.Text, toks, date, ents) {
			continue // a story discard (sports, entertainment …): in an article, only its sentence
		}
		if debugSentence != nil {
			debugSentence(pc, sc, d.Text, toks)
		}
		start, nouns := len(out), -1
		for ei := range sc.evs {
			re := &sc.evs[ei]
			if re.code == "" || re.src.code == "" || re.tgt.code == "" || PetrarchRoot(re.code) == "01" {
				continue
			}
			if unknownAgent(re.src) && unknownAgent(re.tgt) {
				continue // "governments and business", "a gunman … 19 children": no actor known
			}
			vg := &sc.vgs[re.vg]
			code := re.code
			if PetrarchRoot(code) == "11" && !vg.noun && victimOfAttack(sc, re.tgt, d.Text, toks) {
				continue // "Chad condemned the attack on Sudan": Sudan is not who is condemned
			}
			if code == "040" && si-art.phoneAt <= 3 && !vg.noun && talkVerb(c.dict.vforms[vg.form].lemma) {
				code = "041" // "will speak to X" in a story about phone calls
			}
			if !vg.noun && verbalAttack(c.dict.vforms[vg.form].lemma, code, a, re) {
				code = "111" // "Trump blasted Comey", "slammed": a politician's attack is words
			}
			if !vg.noun && vg.literals == 0 && figurativeViolence(c.dict.vforms[vg.form].lemma, code) && !violentContext(sc, d.Text, toks) &&
				!stateStrike(c.dict.vforms[vg.form].lemma, re, sc, vg, d.Text, toks) {
				continue // "Europe now matches the US", "struggle", "hammer out": no violence
			}
			if vg.noun {
				if nouns < 0 {
					nouns = len(out) // noun events come after the verbs' events
				}
				if sameInSentence(out[start:nouns], code, re) {
					continue // "spoke … in their last phone call": the verb's event already
				}
			}
			ev := chronicle.Event{
				Code: code, Root: PetrarchRoot(code), Plover: Plover(code),
				Source: arg(sc, d, s.First, a, re.src), Target: arg(sc, d, s.First, a, re.tgt),
				Why: re.why,
			}
			ts, te := d.Span(s.First+vg.vs, s.First+vg.ve)
			ev.Trigger = chronicle.Span{Start: ts, End: te, Text: d.Text[ts:te]}
			ev.Sentence = chronicle.Span{Start: s.Start, End: s.End}
			ev.Modality = modality(sc, vg, d.Text, toks)
			if ev.Modality == chronicle.Asserted && intentNounBefore(sc, vg, d.Text, toks) {
				ev.Modality = chronicle.Future // "Sweden's bid to join NATO": not joined yet
			}
			if ev.Modality == chronicle.Asserted && requestedOf(sc, vg, d.Text, toks) {
				ev.Modality = chronicle.Hypothetical // "urged both sides to protect civilians": asked for
			}
			if !vg.noun && vg.ve < len(toks) && sc.word(d.Text, toks, vg.ve-1) == "OPEN" && sc.word(d.Text, toks, vg.ve) == "TO" &&
				chronicle.ModalityRank(chronicle.Hypothetical) < chronicle.ModalityRank(ev.Modality) {
				ev.Modality = chronicle.Hypothetical // "Moscow is open to talks with Washington": willing, not talking
			}
			if vg.noun {
				if m := calledOff(sc, vg, d.Text, toks); m != "" && chronicle.ModalityRank(m) < chronicle.ModalityRank(ev.Modality) {
					ev.Modality = m // "cancelled his meeting with Xi", "the summit … was postponed"
				}
			}
			dateEvent(&ev, a, d, s, toks)
			if ev.Modality == chronicle.Asserted && ev.DateFrom == "timex" && ev.Date > a.Date && len(ev.Date) >= 10 {
				ev.Modality = chronicle.Future
			}
			if q := art.quoteAt(s.First + vg.vs); q != nil {
				for _, x := range a.Quotes {
					if x.Content.Start <= ts && te <= x.Content.End {
						ev.QuoteID = x.ID
						break
					}
				}
			}
			ev.Place = c.placeOf(sc, d, s, a, vg, re)
			ev.Confidence = confidence(sc, re, vg)
			if !vg.noun && figurativeViolence(c.dict.vforms[vg.form].lemma, code) {
				ev.Confidence = max(0.05, ev.Confidence-0.15) // violence in words that are often figurative
			}
			out = append(out, ev)
			if tk := threatBefore(sc, vg, d.Text, toks); tk >= 0 && !vg.noun {
				if tc := threatCode(code); tc != "" {
					// "threatened to impose sanctions on Moscow": the act is to come, the threat
					// is made (CAMEO 13x), by the same source against the same target.
					th := ev
					th.Code, th.Root, th.Plover = tc, PetrarchRoot(tc), Plover(tc)
					ts, te := d.Span(s.First+tk, s.First+tk+1)
					th.Trigger = chronicle.Span{Start: ts, End: te, Text: d.Text[ts:te]}
					th.Modality = chronicle.Asserted
					if hasNeg(sc, tk) {
						th.Modality = chronicle.Negated
					}
					dateEvent(&th, a, d, s, toks)
					th.Why = "threat to: " + ev.Why
					out = append(out, th)
				}
			}
		}
		art.endSentence(sc, toks)
	}
	out = dedupe(out)
	for i := range out {
		out[i].ID = "v" + strconv.Itoa(i+1)
	}
	if out == nil {
		out = []chronicle.Event{}
	}
	return out
}

// victimOfAttack reports a member named as the target of an attack noun ("the attack on
// Sudan", "strikes against Gaza"): the victim, not the one a condemnation is aimed at.
func victimOfAttack(sc *scratch, m member, src string, toks []text.Token) bool {
	if m.np < 0 || m.np >= len(sc.nps) {
		return false
	}
	p := int(sc.nps[m.np].prep)
	if p < 1 {
		return false
	}
	switch sc.word(src, toks, p) {
	case "ON", "AGAINST":
	default:
		return false
	}
	switch sc.word(src, toks, p-1) {
	case "ATTACK", "ATTACKS", "STRIKE", "STRIKES", "AIRSTRIKE", "AIRSTRIKES", "ASSAULT", "BOMBING", "BOMBINGS",
		"SHELLING", "OFFENSIVE", "RAID", "RAIDS", "VIOLENCE", "AGGRESSION":
		return true
	}
	return false
}

// threatBefore returns the sentence token of "threatened" (threaten, threatens, threatening)
// whose infinitive complement verb group vg is ("threatened to impose sanctions", "threatens
// to strike"), or -1.
func threatBefore(sc *scratch, vg *vgroup, src string, toks []text.Token) int {
	return infinitiveGovernor(sc, vg, src, toks, 3, func(w string, _ int) bool {
		switch w {
		case "THREATENED", "THREATENS", "THREATEN", "THREATENING":
			return true
		}
		return false
	})
}

// infinitiveGovernor returns the sentence token among the n words before infinitive verb
// group vg, in its clause (no comma between), for which match holds, or -1.
func infinitiveGovernor(sc *scratch, vg *vgroup, src string, toks []text.Token, n int, match func(w string, k int) bool) int {
	if !vg.infinite {
		return -1
	}
	for k := vg.cs - 1; k >= 0 && k >= vg.cs-n; k-- {
		if match(sc.word(src, toks, k), k) {
			return k
		}
		if sc.cls[k] == cComma || sc.cls[k] == cPunct {
			break
		}
	}
	return -1
}

// threatCode is CAMEO's threat (13x) of a coercive act: sanctions and cuts (16x) are a
// threat of non-military action (131), repression (17x) 137, protest (14x) 133, force (15x,
// 18x–20x) 138; other acts are not threatened, "".
func threatCode(code string) string {
	switch PetrarchRoot(code) {
	case "16":
		return "131"
	case "17":
		return "137"
	case "14":
		return "133"
	case "15", "18", "19", "20":
		return "138"
	}
	return ""
}

// hasNeg reports a negation among the two words before sentence token k ("did not threaten").
func hasNeg(sc *scratch, k int) bool {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		if sc.cls[j] == cNeg {
			return true
		}
	}
	return false
}

// requestedOf reports an infinitive verb group that another party is asked, urged or ordered
// to do ("Guterres urged both sides to protect civilians", "called on Russia to withdraw",
// "asked Kyiv to halt"): the act is requested, not done. The request verb stands within the
// six words before the infinitive, its object between.
func requestedOf(sc *scratch, vg *vgroup, src string, toks []text.Token) bool {
	return infinitiveGovernor(sc, vg, src, toks, 6, func(w string, k int) bool {
		switch w {
		case "URGED", "URGES", "URGE", "URGING", "ASKED", "ASKS", "ASKING", "PRESSED", "PRESSING", "PRESSURED",
			"DEMANDED", "DEMANDS", "REQUESTED", "REQUESTS", "ORDERED", "ORDERS", "ENCOURAGED", "ENCOURAGES",
			"INVITED", "INVITES", "APPEALED", "IMPLORED", "BEGGED":
			return true
		case "ON": // "called on Russia to withdraw"
			switch sc.word(src, toks, max(k-1, 0)) {
			case "CALLED", "CALLS", "CALLING":
				return true
			}
		}
		return false
	}) >= 0
}

// intentNounBefore reports an infinitive verb group governed by a noun of intent ("Sweden's bid
// to join NATO", "an attempt to seize the port", "efforts to broker a truce"): what it names
// has not happened. (PLOVER's reading of a sentence, PloverCategory, keeps the act itself.)
func intentNounBefore(sc *scratch, vg *vgroup, src string, toks []text.Token) bool {
	return infinitiveGovernor(sc, vg, src, toks, 2, func(w string, _ int) bool {
		switch w {
		case "BID", "BIDS", "ATTEMPT", "ATTEMPTS", "EFFORT", "EFFORTS", "PROPOSAL", "PROPOSALS", "THREAT", "THREATS",
			"PLEDGE", "PROMISE", "PUSH", "PLAN", "PLANS", "OFFER", "OFFERS":
			return true
		}
		return false
	}) >= 0
}

// calledOff returns the modality of an event noun whose meeting or visit is called off
// (negated: "cancelled his meeting with Xi", "called off talks", "the visit was scrapped"), put
// off (future: "postponed the summit", "the summit … was postponed"), only asked for or
// feared (hypothetical: "proposed talks with Kyiv", "called for talks", "open to talks",
// "warned of an attack on", "a possible attack on"), foiled (negated) or plotted (future),
// else "".
func calledOff(sc *scratch, vg *vgroup, src string, toks []text.Token) string {
	particle := func(k int) string { // k: the verb before "off"
		switch sc.word(src, toks, k) {
		case "CALLED", "CALLS", "CALL", "CALLING":
			return chronicle.Negated
		case "PUT", "PUTS", "PUTTING":
			return chronicle.Future
		}
		return ""
	}
	verdict := func(k int) string {
		switch sc.word(src, toks, k) {
		case "CANCELLED", "CANCELED", "CANCELS", "CANCEL", "CANCELLING", "CANCELING", "SCRAPPED", "SCRAPS", "SCRAP",
			"SKIPPED", "SKIPS", "SKIP", "BOYCOTTED", "BOYCOTTS", "BOYCOTT", "ABANDONED", "AXED":
			return chronicle.Negated
		case "POSTPONED", "POSTPONES", "POSTPONE", "DELAYED", "DELAYS", "DELAY", "RESCHEDULED", "DEFERRED":
			return chronicle.Future
		case "OFF":
			if k > 0 {
				return particle(k - 1)
			}
		case "CALLED", "PUT":
			if k+1 < len(toks) && sc.word(src, toks, k+1) == "OFF" {
				return particle(k) // "… was called off"
			}
		case "PROPOSED", "PROPOSES", "PROPOSE", "PROPOSING", "OFFERED", "OFFERS", "OFFER", "URGED", "URGES", "URGE",
			"DEMANDED", "DEMANDS", "DEMAND", "SOUGHT", "SEEKS", "SEEK", "SEEKING", "WANTS", "WANTED", "WANT",
			"SUGGESTED", "SUGGESTS", "REQUESTED", "REQUESTS":
			return chronicle.Hypothetical // "proposed talks with Kyiv": asked for, not held
		case "FOR", "TO":
			if k > 0 {
				switch sc.word(src, toks, k-1) {
				case "CALLED", "CALLS", "CALL", "CALLING", "PUSHED", "PUSHING", "PRESSED", "PRESSING", "READY", "OPEN", "WILLING":
					return chronicle.Hypothetical // "called for talks", "open to talks"
				}
			}
		case "OF", "AGAINST":
			if k > 0 {
				switch sc.word(src, toks, k-1) {
				case "WARNED", "WARNS", "WARNING", "FEARS", "FEAR", "FEARED", "RISK", "THREAT", "DANGER":
					return chronicle.Hypothetical // "warned of an attack on Israel", "warned against any attack"
				}
			}
		case "FEARED", "FEARS", "FEAR", "THREATENED", "THREATENS", "THREATEN":
			return chronicle.Hypothetical // "feared an attack on the capital"
		case "DENIED", "DENIES", "DENY", "FOILED", "THWARTED", "PREVENTED", "AVERTED":
			return chronicle.Negated // "foiled an attack on the embassy"
		case "PLANNED", "PLANNING", "PLOTTED", "PLOTTING", "PREPARING", "PREPARED":
			return chronicle.Future // "plotted an attack on the parliament"
		}
		return ""
	}
	// The verb whose object the noun phrase is: "cancelled his meeting", "called off talks".
	k := vg.vs - 1
	for k >= 0 && k >= vg.vs-5 && (sc.cls[k] == cDet || sc.cls[k] == cPoss || sc.cls[k] == cNum || sc.cls[k] == cAdv ||
		sc.npAt[k] != 0 && !sc.isVerb[k] || strings.HasPrefix(toks[k].POS, "JJ") || isHyphenAt(src, toks, k)) {
		switch sc.word(src, toks, k) {
		case "POSSIBLE", "POTENTIAL", "ANY", "FUTURE", "ALLEGED", "PLANNED":
			return chronicle.Hypothetical // "a possible attack on Iran", "any attack on its territory"
		}
		k--
	}
	if k >= 0 {
		if m := verdict(k); m != "" {
			return m
		}
	}
	// A passive after the phrase and its frame: "the summit between Biden and Xi was postponed".
	for j := vg.ve; j < len(toks) && j < vg.ve+8; j++ {
		if sc.cls[j] == cComma || sc.cls[j] == cPunct || sc.cls[j] == cSub || sc.cls[j] == cRel {
			break
		}
		if sc.flags[j]&fBe == 0 {
			continue
		}
		for q := j + 1; q < len(toks) && q <= j+3; q++ {
			if m := verdict(q); m != "" {
				return m
			}
			if sc.cls[q] != cAux && sc.cls[q] != cAdv && sc.flags[q]&fBe == 0 {
				break
			}
		}
		break
	}
	return ""
}

// debugSentence, when set (by tests), sees the analysis of every sentence Code codes.
var debugSentence func(c *Coder, sc *scratch, src string, toks []text.Token)

// verbalAttack reports a verb of attack used for words: one person attacking another with a
// verb that is as often figurative ("attacked", "blasted", "slammed", "hit out").
func verbalAttack(lemma, code string, a *chronicle.Article, re *rawEvent) bool {
	switch PetrarchRoot(code) {
	case "18", "19", "20":
	default:
		return false
	}
	switch lemma {
	case "ATTACK", "BLAST", "SLAM", "HIT", "HIT OUT", "HAMMER", "LASH", "LASH OUT", "BASH", "SAVAGE", "ROAST", "TARGET", "FIRE", "STRIKE", "TORPEDO", "SHOOT DOWN":
	default:
		return false
	}
	person := func(m member) bool {
		return m.entity >= 0 && m.entity < len(a.Entities) && a.Entities[m.entity].Type == chronicle.PER
	}
	return person(re.src) && person(re.tgt)
}

// figurativeViolence reports verbs that code violence (CAMEO 18–20) but in news are as often
// figurative: "match", "hit", "hammer", "storm", "struggle", "fight", "battle", "crush".
func figurativeViolence(lemma, code string) bool {
	switch PetrarchRoot(code) {
	case "18", "19", "20":
	default:
		return false
	}
	switch lemma {
	case "MATCH", "PIT", "STRUGGLE", "HAMMER", "HIT", "STORM", "STONE", "GRAPPLE", "WRESTLE", "QUARREL",
		"CONFLICT", "BATTLE", "FIGHT", "BLAST", "SLAM", "CRUSH", "DESTROY", "DEVASTATE", "BREAK", "TARGET",
		"FIRE", "KICK", "BEAT", "STRIKE", "RAM", "DEFEAT", "CLASH", "COMBAT", "TACKLE", "SMASH", "BOMBARD", "BLITZ",
		"BEST", "OVERCOME", "OVERPOWER", "OVERSHADOW", "OVERTAKE", "OVERWHELM", "SURMOUNT", "MASTER", "DOMINATE",
		"RUIN", "SHATTER", "WIPE OUT", "ANNIHILATE", "DECIMATE", "RAVAGE", "BUST", "CLOBBER", "DUEL", "SQUARE OFF":
		return true
	}
	return false
}

// stateStrike reports a strike by one state on another ("Israel struck Iran", "Ukraine hit
// Russia's oil refineries"): literal, unless something follows that makes it figurative ("hit
// China with tariffs", "hit back").
func stateStrike(lemma string, re *rawEvent, sc *scratch, vg *vgroup, src string, toks []text.Token) bool {
	switch lemma {
	case "STRIKE", "HIT", "BOMBARD", "BLITZ":
	default:
		return false
	}
	if !stateCode(re.src.code) || !stateCode(re.tgt.code) {
		return false
	}
	for k := vg.ve; k < len(toks) && k < vg.ve+8; k++ {
		switch sc.word(src, toks, k) {
		case "WITH", "FOR", "BACK", "OUT":
			return false
		}
		if sc.cls[k] == cPunct {
			break
		}
	}
	return true
}

// stateCode reports an actor code of a state, its government or its military ("ISR",
// "USAGOV", "RUSMIL").
func stateCode(code string) bool {
	if len(code) < 3 || code[:3] == "---" || strings.HasPrefix(code, "IGO") {
		return false
	}
	return len(code) == 3 || len(code) == 6 && (strings.HasSuffix(code, "GOV") || strings.HasSuffix(code, "MIL"))
}

// violentContext reports a word of armed violence in the sentence.
func violentContext(sc *scratch, src string, toks []text.Token) bool {
	for k := range toks {
		switch sc.word(src, toks, k) {
		case "KILLED", "KILLING", "KILLS", "DEAD", "DEATHS", "WOUNDED", "WOUNDING", "INJURED", "CASUALTIES",
			"TROOPS", "SOLDIERS", "FORCES", "ARMY", "MILITARY", "MILITANTS", "REBELS", "INSURGENTS", "GUNMEN",
			"FIGHTERS", "POLICE", "MISSILE", "MISSILES", "ROCKET", "ROCKETS", "DRONE", "DRONES", "ARTILLERY",
			"SHELLING", "SHELLS", "AIRSTRIKE", "AIRSTRIKES", "BOMB", "BOMBS", "BOMBING", "EXPLOSIVES",
			"GUNFIRE", "GUNS", "WEAPONS", "TANKS", "WARPLANES", "JETS", "OFFENSIVE", "ASSAULT", "SHOT", "FIRED":
			return true
		}
	}
	return false
}

// unknownAgent reports a member that is only an agent of no known country ("---GOV",
// "officials") and no entity of the article.
func unknownAgent(m member) bool {
	return m.entity < 0 && strings.HasPrefix(m.code, "---")
}

// sameInSentence reports whether events already coded from the sentence (evs) hold the same
// root between the same two parties as re.
func sameInSentence(evs []chronicle.Event, code string, re *rawEvent) bool {
	for _, e := range evs {
		if e.Root != PetrarchRoot(code) {
			continue
		}
		if sameParty(e.Source, re.src) && sameParty(e.Target, re.tgt) || sameParty(e.Source, re.tgt) && sameParty(e.Target, re.src) {
			return true
		}
	}
	return false
}

func sameParty(a chronicle.EventArg, m member) bool {
	return a.Actor == m.code
}

// dedupe drops repeated mentions of one event in the article: the same code between the same
// parties on the same date with the same modality (the first mention stays).
func dedupe(evs []chronicle.Event) []chronicle.Event {
	out := evs[:0]
	for i, e := range evs {
		dup := false
		for _, x := range evs[:i] {
			if x.Code == e.Code && x.Date == e.Date && x.Modality == e.Modality &&
				x.Source.Actor == e.Source.Actor && x.Target.Actor == e.Target.Actor &&
				x.Source.Entity == e.Source.Entity && x.Target.Entity == e.Target.Entity {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

// PetrarchRoot is the two-digit root of a CAMEO code.
func PetrarchRoot(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

func talkVerb(lemma string) bool {
	switch lemma {
	case "SPEAK", "TALK", "CONVERSE", "CHAT":
		return true
	}
	return false
}

// sentenceMentionsPhone reports a telephone word in the sentence.
func sentenceMentionsPhone(src string, toks []text.Token) bool {
	for _, t := range toks {
		// The words are ASCII without k or s (the letters with non-ASCII case variants), so a
		// word folding to one of them has its length in bytes.
		switch w := src[t.Start:t.End]; len(w) {
		case 5, 6, 9, 10, 14:
			switch {
			case strings.EqualFold(w, "phone"), strings.EqualFold(w, "telephone"), strings.EqualFold(w, "phoned"),
				strings.EqualFold(w, "telephoned"), strings.EqualFold(w, "phone-call"), strings.EqualFold(w, "teleconference"):
				return true
			}
		}
	}
	return false
}

// arg is the EventArg of member m of a sentence starting at document token first.
func arg(sc *scratch, d *text.Doc, first int, a *chronicle.Article, m member) chronicle.EventArg {
	ea := chronicle.EventArg{Actor: m.code}
	switch {
	case m.np >= 0 && m.np < len(sc.nps):
		np := &sc.nps[m.np]
		s, e := d.Span(first+np.s, first+np.e)
		ea.Text = d.Text[s:e]
	case m.be > m.bs && m.be <= len(d.Text):
		ea.Text = d.Text[m.bs:m.be]
	}
	if m.entity >= 0 && m.entity < len(a.Entities) {
		ea.Entity = a.Entities[m.entity].ID
	}
	return ea
}

// dateEvent sets the event's date from the time expression of its sentence nearest to the
// trigger (a DATE or TIME), else the article's date; an expression in another clause (past a
// subordinator such as "after" or "when", a relative pronoun or a semicolon) counts as farther
// than any in the trigger's own clause, and one in a relative or interrogative clause after the
// trigger ("…, whom he had last seen in March", "from how Bush greeted … in 2008") not at all.
// An expression that opens a span ("since January", "until Friday") does not date an event.
func dateEvent(ev *chronicle.Event, a *chronicle.Article, d *text.Doc, s text.Sentence, toks []text.Token) {
	ev.Date, ev.DateFrom = a.Date, "article"
	best, bestD := -1, 1<<30
	for i := range a.Timexes {
		t := &a.Timexes[i]
		if t.Start < s.Start || t.End > s.End || (t.Type != chronicle.DATE && t.Type != chronicle.TIME) {
			continue
		}
		if t.Value == "" || t.Value[0] < '0' || t.Value[0] > '9' || spanOpener(d, t.Start, s) {
			continue
		}
		dist := ev.Trigger.Start - t.End
		if t.Start >= ev.Trigger.End {
			if relativeBetween(d, ev.Trigger.End, t.Start) {
				continue // "met Xi, whom he had last seen in March": the clause's own event
			}
			dist = t.Start - ev.Trigger.End
			dist += clauseBreaks(d, ev.Trigger.End, t.Start) << 16
		} else {
			dist += clauseBreaks(d, t.End, ev.Trigger.Start) << 16
		}
		if dist < bestD {
			best, bestD = i, dist
		}
	}
	if best >= 0 {
		t := &a.Timexes[best]
		v := t.Value
		if t.Type == chronicle.TIME && len(v) >= 10 {
			v = v[:10] // the day of a clock time
		}
		ev.Date, ev.DateFrom, ev.TimexID = v, "timex", t.ID
	}
}

// clauseBreaks counts the clause boundaries between byte offsets from and to: subordinators,
// relative pronouns and semicolons.
func clauseBreaks(d *text.Doc, from, to int) int {
	n := 0
	for k := d.TokenAt(from); k < len(d.Tokens) && int(d.Tokens[k].Start) < to; k++ {
		switch strings.ToLower(d.Tok(k)) {
		case "after", "before", "when", "while", "because", "although", "though", "whereas", "once", "unless",
			"which", "who", "whom", "whose", ";":
			n++
		}
	}
	return n
}

// relativeBetween reports a relative or interrogative clause opening between byte offsets from
// and to ("whom", "which", "where", "how", "whether"): a time expression after it dates that
// clause's event, not the one before it.
func relativeBetween(d *text.Doc, from, to int) bool {
	for k := d.TokenAt(from); k < len(d.Tokens) && int(d.Tokens[k].Start) < to; k++ {
		switch strings.ToLower(d.Tok(k)) {
		case "which", "who", "whom", "whose", "where", "how", "whether":
			return true
		}
	}
	return false
}

// spanOpener reports whether the time expression at byte off is governed by "since", "until"
// or "till" (within the few words before it, in its sentence s).
func spanOpener(d *text.Doc, off int, s text.Sentence) bool {
	t := d.TokenAt(off)
	for k := t - 1; k >= s.First && k >= t-5; k-- {
		w := d.Tok(k)
		switch {
		case strings.EqualFold(w, "since"), strings.EqualFold(w, "until"), strings.EqualFold(w, "till"):
			return true
		case w == "," || w == ";" || w == "." || strings.EqualFold(w, "and"):
			return false
		}
	}
	return false
}

var (
	placesOnce sync.Once
	placesKB   *actors.KB
)

// placeOf returns the place named with the event: a location entity after "in", "at" or
// "near" following the trigger in its clause ("met … in Berlin on Tuesday"), or opening the
// sentence ("In Geneva, …"), that is neither the source nor the target; nil when none.
func (c *Coder) placeOf(sc *scratch, d *text.Doc, s text.Sentence, a *chronicle.Article, vg *vgroup, re *rawEvent) *chronicle.Place {
	kb := c.places
	if kb == nil {
		placesOnce.Do(func() { placesKB, _ = actors.Default() })
		kb = placesKB
	}
	if kb == nil {
		return nil
	}
	toks := d.Tokens[s.First:s.Last]
	n := len(toks)
	try := func(k int) *chronicle.Place {
		// k: the token after the preposition
		if k < n && sc.cls[k] == cDet {
			k++
		}
		if k >= n || sc.cover[k] == 0 {
			return nil
		}
		m := &sc.ments[sc.cover[k]-1]
		if m.entity < 0 || m.entity >= len(a.Entities) || m.entity == re.src.entity || m.entity == re.tgt.entity {
			return nil
		}
		e := &a.Entities[m.entity]
		if e.Type != chronicle.LOC {
			return nil
		}
		p, ok := kb.Place(e.Name)
		if !ok {
			p, ok = kb.Place(e.Text)
		}
		if !ok {
			return nil
		}
		return &p
	}
	isPlacePrep := func(k int) bool {
		w := d.Text[toks[k].Start:toks[k].End]
		return strings.EqualFold(w, "in") || strings.EqualFold(w, "at") || strings.EqualFold(w, "near")
	}
	for k := vg.ve; k < n && k < vg.ve+14; k++ {
		cl := sc.cls[k]
		if cl == cSub || cl == cRel || cl == cPunct || cl == cConj || k > vg.ve && sc.isVerb[k] {
			break
		}
		if cl == cPrep || cl == cAdv {
			switch sc.word(d.Text, toks, k) {
			case "ABOUT", "OVER", "ON", "REGARDING", "CONCERNING", "INCLUDING", "OF", "AGAINST":
				k = len(toks) // "spoke about the war in Ukraine": a place of the topic, not the event
				continue
			}
		}
		if cl == cPrep && isPlacePrep(k) {
			if p := try(k + 1); p != nil {
				return p
			}
		}
	}
	if n > 2 && isPlacePrep(0) {
		for k := 1; k < n && k < vg.cs; k++ {
			if sc.cls[k] == cComma {
				if p := try(1); p != nil {
					return p
				}
				break
			}
		}
	}
	return nil
}

// confidence rates an event from how it was found, between 0 and 1: a pattern naming the
// act in content words ("paused shipments of … aid") rather than a preposition ("speak to")
// or a bare verb; arguments that are entities of the article rather than agents of no
// country ("officials"); found in the clause rather than resolved from elsewhere (a pronoun,
// "the two leaders", a quote's speaker), or guessed from the context (least). Events below
// 0.5 are the ones to filter first (chronicle events --min-confidence).
func confidence(sc *scratch, re *rawEvent, vg *vgroup) float64 {
	c := 0.45
	switch {
	case vg.content > 0:
		c += 0.2
	case vg.literals > 0:
		c += 0.1
	case vg.noun:
		c += 0.1 // event nouns are coded only in their frames
	}
	if re.src.entity >= 0 {
		c += 0.1
	}
	if re.tgt.entity >= 0 {
		c += 0.1
	}
	if strings.HasPrefix(re.src.code, "---") || strings.HasPrefix(re.tgt.code, "---") {
		c -= 0.1
	}
	if re.src.np < 0 || re.tgt.np < 0 {
		c -= 0.1
	}
	if re.guessed {
		c -= 0.25
	}
	c = max(0.05, min(c, 1))
	return float64(int(c*100+0.5)) / 100
}
