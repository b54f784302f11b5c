package events

import (
	"strings"

	"chronicle/petrarch"
	"chronicle/text"
)

// Event nouns (article mode): meetings and calls are reported as nouns at least as often as
// verbs — "during a telephone conversation the two leaders had on Thursday", "after a phone
// call with Trump", "their last phone call", "held talks with", "Macron's visit to China",
// "Russia's attack on Odesa". A noun is coded when its participants are in its frame: "between
// X and Y", "with Y", "to Y" (a visit's host) or "on Y" (an attack's target, "by X" its
// attacker) and a possessor, the subject of
// a light verb ("had", "held"), a reduced relative ("… the two leaders had"), or the subject
// of the clause it sits in.

// nounTrigger reports an event noun at token k: its CAMEO code and its length in tokens.
func (c *Coder) nounTrigger(sc *scratch, src string, toks []text.Token, k int, phone bool) (string, int) {
	if sc.isVerb[k] || sc.cover[k] != 0 {
		return "", 0
	}
	if p := toks[k].POS; p != "" && !strings.HasPrefix(p, "NN") && !strings.HasPrefix(p, "JJ") {
		return "", 0
	}
	w := sc.word(src, toks, k)
	next := sc.word(src, toks, k+1)
	switch w {
	case "PHONE", "TELEPHONE", "VIDEO":
		switch next {
		case "CALL", "CALLS", "CONVERSATION", "CONVERSATIONS", "CONFERENCE", "TALKS":
			return "041", 2
		}
	case "PHONE-CALL", "TELECONFERENCE", "PHONECALL":
		return "041", 1
	case "CALL", "CALLS":
		// "a call with", "their call": a noun after a determiner, possessive or modifier;
		// not "call for", "call on" (appeals).
		if k == 0 || next == "FOR" || next == "ON" || next == "TO" {
			return "", 0
		}
		if sc.cls[k-1] == cPrep && (next == "WITH" || next == "BETWEEN") {
			return "041", 1 // headline style: "after call with Trump"
		}
		switch sc.cls[k-1] {
		case cDet, cPoss, cNum, cOther:
			if sc.cls[k-1] == cOther && (sc.isVerb[k-1] || sc.verbish[k-1]) {
				return "", 0
			}
			return "041", 1
		}
	case "CONVERSATION", "CONVERSATIONS":
		if phone {
			return "041", 1
		}
		return "040", 1
	case "TALKS", "NEGOTIATIONS":
		return "046", 1
	case "MEETING", "MEETINGS", "SUMMIT":
		return "040", 1
	case "VISIT", "VISITS", "TRIP":
		if next == "TO" {
			return "042", 1 // "Macron's visit to China"
		}
	case "ATTACK", "ATTACKS", "STRIKE", "STRIKES", "AIRSTRIKE", "AIRSTRIKES", "ASSAULT", "BOMBING", "BOMBINGS",
		"SHELLING", "OFFENSIVE", "INVASION":
		switch next {
		case "ON", "AGAINST", "OF":
			if next == "OF" && w != "INVASION" && w != "BOMBING" && w != "SHELLING" {
				return "", 0 // "a strike of workers"
			}
			return "190", 1 // "Russia's attack on Odesa", "the invasion of Ukraine"
		}
	}
	return "", 0
}

// isLightVerb reports verbs that take an event noun as object: "had a call", "held talks",
// "made a visit", "paid a visit".
func isLightVerb(w string) bool {
	switch w {
	case "HAVE", "HAS", "HAD", "HAVING", "HOLD", "HOLDS", "HELD", "HOLDING", "CONDUCT", "CONDUCTED",
		"CONDUCTS", "CONDUCTING", "ATTEND", "ATTENDED", "ATTENDS", "MAKE", "MAKES", "MADE", "MAKING", "PAY", "PAYS",
		"PAID", "PAYING":
		return true
	}
	return false
}

// nounEvents codes the event nouns of the sentence (article mode), after its verbs.
func (c *Coder) nounEvents(sc *scratch, src string, toks []text.Token) {
	n := len(toks)
	phone := false
	for k := 0; k < n; k++ {
		switch sc.word(src, toks, k) {
		case "PHONE", "TELEPHONE", "PHONED", "TELEPHONED", "PHONE-CALL", "TELECONFERENCE", "CALL", "CALLS":
			phone = true
		}
	}
	if !phone && sc.art != nil && sc.art.sent-sc.art.phoneAt <= 1 {
		phone = true
	}
	for k := 0; k < n; k++ {
		code, l := c.nounTrigger(sc, src, toks, k, phone)
		if l == 0 {
			continue
		}
		c.nounEvent(sc, src, toks, k, l, code)
		k += l - 1
	}
}

func (c *Coder) nounEvent(sc *scratch, src string, toks []text.Token, k, l int, code string) {
	n := len(toks)
	vg := vgroup{vs: k, ve: k + l, cs: k, srcGroup: -1, tgtGroup: -1, noun: true, subj: argument{g: -1}}
	vg.why = "noun " + strings.ToLower(src[toks[k].Start:toks[k+l-1].End])
	// The noun phrase around the trigger.
	npe := k + l
	if p := sc.npAt[k]; p != 0 {
		npe = max(npe, sc.nps[p-1].e)
	}
	var parties []member // both sides, when the frame names them together
	var a, b argument
	a.g, b.g = -1, -1
	// After the noun: "between X and Y", "with Y", or a reduced relative "… the two leaders had".
	for j := npe; j < n && j < npe+5; j++ {
		w := sc.word(src, toks, j)
		if (w == "ON" || w == "AGAINST" || w == "OF") && code == "190" && j == k+l {
			// "Russia's attack on Odesa": the target; "… by Russia" after it, the attacker
			if p := sc.npAt[min(j+1, n-1)]; j+1 < n && p != 0 {
				np := &sc.nps[p-1]
				b = c.subjectNP(sc, int(p-1), np.e, src, toks)
				if np.e+1 < n && sc.word(src, toks, np.e) == "BY" && sc.npAt[np.e+1] != 0 {
					q := sc.npAt[np.e+1] - 1
					a = c.subjectNP(sc, int(q), sc.nps[q].e, src, toks)
				}
			}
			break
		}
		if w == "TO" && code == "042" && j == k+l {
			// "a visit to China": the host is the target
			if p := sc.npAt[min(j+1, n-1)]; j+1 < n && p != 0 {
				b = c.subjectNP(sc, int(p-1), sc.nps[p-1].e, src, toks)
			}
			break
		}
		if w == "BETWEEN" || w == "WITH" {
			if p := sc.npAt[min(j+1, n-1)]; j+1 < n && p != 0 {
				np := int(p - 1)
				arg := c.subjectNP(sc, np, sc.nps[np].e, src, toks)
				if !arg.ok() && sc.cls[j+1] == cPron {
					arg = sc.art.pronoun(sc, j+1, src, toks, false)
				}
				if w == "BETWEEN" {
					if ms := sc.membersOf(arg); len(ms) > 1 {
						parties = ms
					}
				} else {
					b = arg
				}
			} else if j+1 < n && sc.cls[j+1] == cPron {
				b = sc.art.pronoun(sc, j+1, src, toks, false)
			}
			break
		}
		if j == npe && sc.npAt[j] != 0 && sc.nps[sc.npAt[j]-1].prep < 0 {
			// "a telephone conversation the two leaders had"
			np := &sc.nps[sc.npAt[j]-1]
			if np.e < n && isLightVerb(sc.word(src, toks, np.e)) {
				a = c.subjectNP(sc, int(sc.npAt[j]-1), np.e, src, toks)
				vg.cs = np.e
				break
			}
		}
		if j == npe && sc.cls[j] == cPron && j+1 < n && isLightVerb(sc.word(src, toks, j+1)) {
			a = sc.art.pronoun(sc, j, src, toks, true)
			break
		}
		if sc.cls[j] == cComma || sc.cls[j] == cPunct || sc.cls[j] == cConj || sc.isVerb[j] || sc.verbish[j] {
			break
		}
	}
	// The words before the noun: its modifiers and determiner ("the two leaders’ sixth
	// publicly known conversation"), then what governs the phrase.
	pre := k
	for pre > 0 && k-pre < 10 {
		j := pre - 1
		participle := j > 0 && (sc.cls[j-1] == cAdv || sc.cls[j-1] == cDet) && (toks[j].POS == "VBN" || strings.HasPrefix(toks[j].POS, "JJ"))
		if cl := sc.cls[j]; cl == cDet || cl == cNum || cl == cPoss || cl == cAdv || participle || cl == cOther && !sc.isVerb[j] && !sc.verbish[j] || sc.npAt[j] != 0 && !sc.isVerb[j] {
			pre = j
			continue
		}
		break
	}
	if pre > 0 && sc.flags[pre-1]&fBe != 0 {
		return // "This was the two leaders' sixth conversation": describes an event told before
	}
	if pre >= 3 && (sc.word(src, toks, pre-1) == "AFTER" || sc.word(src, toks, pre-1) == "BEFORE") && sc.cls[pre-3] == cNum &&
		(pre < 4 || sc.word(src, toks, pre-4) != "FOR") {
		// "three days after Trump's summit with Putin": another day than the sentence's (but
		// "stop attacks for 30 days after a call with Trump" is a duration, and the call the
		// sentence's own).
		return
	}
	// Both sides named as one compound modifier: "the Trump-Putin summit", "U.S.-China trade
	// talks".
	if !a.ok() && !b.ok() && len(parties) == 0 && code != "190" && code != "042" {
		if ms, s := c.compoundParties(sc, src, toks, k); len(ms) > 1 {
			parties = ms
			// The chain starts before the compound and its determiner and adjectives ("denied
			// a report of a new Trump-Xi call"), for the words that set the modality.
			for s > 0 && (sc.cls[s-1] == cDet || sc.cls[s-1] == cOther && strings.HasPrefix(toks[s-1].POS, "JJ")) {
				s--
			}
			vg.cs = s
		}
	}
	// A possessor: "their call", "Putin's call", "the two leaders’ conversation".
	if !a.ok() && len(parties) == 0 {
		for j := k - 1; j >= pre; j-- {
			switch {
			case sc.cls[j] == cPoss && j > 0:
				if p := sc.npAt[j-1]; p != 0 {
					a = c.subjectNP(sc, int(p-1), k, src, toks)
				}
			case sc.cls[j] == cDet:
				switch sc.word(src, toks, j) {
				case "THEIR", "HIS", "HER":
					a = sc.art.pronoun(sc, j, src, toks, true)
				}
			default:
				continue
			}
			break
		}
	}
	// A light verb: "had a phone call", "will hold talks".
	if !a.ok() && len(parties) == 0 && pre > 0 {
		j := pre - 1
		if isLightVerb(sc.word(src, toks, j)) {
			cs := j
			for cs > 0 {
				p := cs - 1
				if cl := sc.cls[p]; cl == cAux || cl == cNeg || cl == cAdv || cl == cTo || sc.word(src, toks, p) == "GOING" {
					cs = p
					continue
				}
				break
			}
			vg.cs = cs
			for q := cs; q < j; q++ {
				vg.flags |= sc.flags[q]
				if sc.cls[q] == cNeg {
					vg.neg = true
				}
			}
			a = c.clauseSubject(sc, -1, cs, src, toks)
		}
	}
	// Otherwise the noun sits in a phrase of a clause ("agreed … after a phone call with
	// Trump"): that clause's subject.
	if !a.ok() && len(parties) == 0 && b.ok() && code != "190" { // "Iran condemned the attack on Israel": not Iran's
		for vi := len(sc.vgs) - 1; vi >= 0; vi-- {
			if v := &sc.vgs[vi]; !v.noun && v.ve <= pre && v.subj.ok() {
				a = v.subj
				break
			}
		}
	}
	vi := len(sc.vgs)
	sc.vgs = append(sc.vgs, vg)
	sym := petrarch.Code{Main: code, Reverse: code}
	switch code {
	case "042":
		sym.Reverse = "043" // the host receives the visit
	case "190":
		sym.Reverse = "" // an attack goes one way
		if a.ok() && b.ok() && sc.art != nil && sc.art.allPeople(sc.membersOf(a)) && sc.art.allPeople(sc.membersOf(b)) {
			sym.Main = "111" // "Trump's attack on Biden": words
		}
	}
	switch {
	case code == "190" && !(a.ok() && b.ok()):
		// an attack needs its attacker and its target; it is no pair's act
	case len(parties) > 1:
		c.emitPairs(sc, vi, code, parties, -1)
	case a.ok() && b.ok():
		c.emitArgs(sc, vi, sym, sc.membersOf(a), sc.membersOf(b), a.g, b.g)
	case a.ok() && len(sc.membersOf(a)) > 1:
		c.emitPairs(sc, vi, code, sc.membersOf(a), a.g)
	}
}

// isHyphenAt reports a hyphen at token j written between two words without spaces, as in a
// compound ("Trump-Putin", "U.S.-China").
func isHyphenAt(src string, toks []text.Token, j int) bool {
	if j <= 0 || j+1 >= len(toks) || toks[j].Space || toks[j+1].Space {
		return false
	}
	switch src[toks[j].Start:toks[j].End] {
	case "-", "\u2010", "\u2011":
		return true
	}
	return false
}

// compoundPair returns the mentions (indexes into sc.ments) a hyphenated compound names when
// the compound ends at token j ("the Trump-Putin summit", "U.S.-China trade talks": two sides
// named as one modifier), nil otherwise. Both must be actors of entities or the dictionaries.
func (sc *scratch) compoundPair(src string, toks []text.Token, j int) []int32 {
	if j < 2 || sc.cover[j] == 0 {
		return nil
	}
	right := sc.cover[j]
	s := sc.ments[right-1].s
	var out []int32
	for s >= 2 && isHyphenAt(src, toks, s-1) && sc.cover[s-2] != 0 && sc.cover[s-2] != right {
		left := sc.cover[s-2]
		if sc.ments[left-1].agent {
			return nil
		}
		out = append(out, left)
		right = left
		s = sc.ments[left-1].s
	}
	if len(out) == 0 || sc.ments[sc.cover[j]-1].agent {
		return nil
	}
	out = append(out, sc.cover[j])
	return out
}

// compoundParties returns the two sides of an event noun at token k that a hyphenated
// compound before it names ("the Trump-Putin summit", "U.S.-China trade talks", "after the
// Trump-Xi call"), stepping over up to two common nouns or adjectives ("trade", "ceasefire").
func (c *Coder) compoundParties(sc *scratch, src string, toks []text.Token, k int) ([]member, int) {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if sc.cover[j] != 0 {
			ms := sc.compoundPair(src, toks, j)
			if len(ms) < 2 {
				return nil, 0
			}
			out := make([]member, 0, len(ms))
			for _, mi := range ms {
				m := &sc.ments[mi-1]
				if m.code == "" {
					return nil, 0
				}
				out = append(out, member{code: m.code, np: -1, entity: m.entity, bs: int(toks[m.s].Start), be: int(toks[m.e-1].End)})
			}
			return out, sc.ments[ms[0]-1].s
		}
		if sc.cls[j] != cOther || sc.isVerb[j] || sc.verbish[j] || sc.cap[j] {
			return nil, 0
		}
	}
	return nil, 0
}
