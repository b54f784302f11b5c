package events

import (
	"strings"

	"chronicle"
	"chronicle/text"
)

// PLOVER coding of a sentence as a whole (the PLOVER gold records give one category per
// sentence). The category is that of the main clause's act, read the way the PLOVER manual
// (§3) and its gold records read a report:
//
//   - verbs of saying and reporting are wrappers: the act is in what was said ("…, a Jordanian
//     official confirmed"); a "must" or "should" in what was said is a demand (REQUEST);
//   - stance verbs name the category whatever they govern: agree, offer, promise, pledge,
//     be willing or ready to (AGREE; THREATEN when what is promised is coercion or force);
//     refuse, decline, reject, deny, veto, fail to (REJECT); demand, urge, call for, ask,
//     appeal (REQUEST); threaten, warn (THREATEN);
//   - a cooperative act reported as future or intended is AGREE, a coercive one THREATEN
//     (so is the withdrawal of cooperation under a condition: "will withdraw … unless");
//     a refused cooperative act is REJECT;
//   - acts in subordinate clauses (after, because, as, if, who, which …) and participles do
//     not make the category; a light verb takes it from its object noun ("issued an
//     ultimatum", "announced a suspension of air links", "staged a hunger strike").

// PloverCategory returns the PLOVER 2.0 category of a text (one or a few sentences), "" when
// it codes no event. d is segmented and, for best results, tagged.
func (c *Coder) PloverCategory(d *text.Doc) string {
	o := c.opt
	o.RequireDyad = false
	o.Statements = true
	o.IntentCodes = false
	o.Article = false
	pc := c.WithOptions(o)
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	for _, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		if !pc.sentence(sc, d.Text, toks, "", nil) {
			continue
		}
		if cat := pc.sentenceCategory(sc, d.Text, toks); cat != "" {
			return cat
		}
	}
	// Nothing in a main clause: the category of the first coded event, with intent codes,
	// else of the first verb that names a category.
	o.IntentCodes = true
	if p := PloverOf(c.WithOptions(o).CodeDoc(d, "")); p != "" {
		return p
	}
	for _, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		pc.sentence(sc, d.Text, toks, "", nil)
		if p := pc.fallbackCategory(sc, d.Text, toks); p != "" {
			return p
		}
	}
	return ""
}

// Stances of verbs that name a category whatever they govern.
const (
	stNone = iota
	stReport
	stAgree
	stReject
	stRequest
	stThreaten
)

func stanceOf(lemma string) int {
	switch lemma {
	case "SAY", "TELL", "ANNOUNCE", "REPORT", "STATE", "ADD", "CONFIRM", "NOTE", "QUOTE", "EXPLAIN",
		"REITERATE", "REPEAT", "DECLARE", "CONCLUDE", "INDICATE", "DISCLOSE", "REVEAL", "ASSERT", "STRESS",
		"EMPHASIZE", "EMPHASISE", "REMIND", "CLAIM", "BELIEVE", "THINK", "FEEL", "KNOW", "UNDERSTAND",
		"MAINTAIN", "ARGUE", "SUGGEST", "PREDICT", "EXPECT", "ESTIMATE":
		return stReport
	case "AGREE", "OFFER", "PROMISE", "PLEDGE", "VOW", "CONSENT", "UNDERTAKE", "GUARANTEE", "ASSURE":
		return stAgree
	case "REFUSE", "DECLINE", "REJECT", "DENY", "VETO", "REBUFF", "SPURN", "FAIL", "OPPOSE", "RESIST",
		"BOYCOTT", "TURN DOWN", "RULE OUT":
		return stReject
	case "DEMAND", "URGE", "ASK", "APPEAL", "REQUEST", "INSIST", "EXHORT", "IMPLORE", "BEG", "PETITION",
		"PLEAD", "CALL FOR", "CALL ON", "CALL UPON", "PRESS FOR", "PUSH FOR":
		return stRequest
	case "THREATEN", "WARN":
		return stThreaten
	}
	return stNone
}

// transparent reports verbs whose infinitive complement is the act: intent ("plans to
// impose", "decided to allow", "prepared to resume") and aspect ("continued to send").
// intent is true for the verbs that make the act an intended (future) one.
func transparent(lemma string) (ok, intent bool) {
	switch lemma {
	case "PLAN", "INTEND", "AIM", "PREPARE", "WANT", "HOPE", "SEEK", "TRY", "ATTEMPT", "EXPECT", "WISH":
		return true, true
	case "CONTINUE", "BEGIN", "START", "RESUME", "KEEP", "MANAGE", "DECIDE", "RESOLVE", "CHOOSE", "OPT", "VOTE", "MOVE":
		return true, false
	}
	return false, false
}

// lemmaCategory overrides the category of verbs the PLOVER manual places apart from their
// CAMEO code: surrender and resignation are RETREAT (§3.7); suits and indictments ACCUSE
// (§3.9).
func (c *Coder) lemmaCategory(sc *scratch, vg *vgroup, lemma string, src string, toks []text.Token) string {
	switch lemma {
	case "SURRENDER", "RESIGN", "CAPITULATE", "STEP DOWN", "QUIT", "ABDICATE", "DISARM", "DEMOBILIZE", "DEMOBILISE", "DISBAND":
		return "RETREAT"
	case "WITHDRAW", "PULL OUT", "PULL BACK", "RECALL":
		// withdrawing forces is RETREAT; withdrawing an ambassador, aid or observers SANCTION
		if lemma == "RECALL" || c.objectNoun(sc, vg, src, toks, func(w string) bool {
			switch w {
			case "AMBASSADOR", "AMBASSADORS", "ENVOY", "DIPLOMATS", "AID", "ASSISTANCE", "SUPPORT", "RECOGNITION",
				"OBSERVERS", "MONITORS", "FUNDING", "INVESTMENT":
				return true
			}
			return false
		}) {
			return "SANCTION"
		}
		return "RETREAT"
	case "HAND OVER", "TURN OVER", "SURRENDER TO":
		if c.objectNoun(sc, vg, src, toks, func(w string) bool { return w == "WEAPONS" || w == "ARMS" || w == "GUNS" }) {
			return "RETREAT" // disarming
		}
	case "DEPLOY", "MASS", "STATION", "MOBILIZE", "MOBILISE":
		if c.objectNoun(sc, vg, src, toks, militaryNoun) && !c.objectNoun(sc, vg, src, toks, func(w string) bool { return strings.HasPrefix(w, "PEACEKEEP") }) {
			return "MOBILIZE" // "deployed troops along the border"
		}
	case "SUE", "INDICT", "PROSECUTE", "IMPEACH", "QUESTION", "INTERROGATE":
		return "ACCUSE" // suits, charges and investigations (§3.9)
	case "FREE", "RELEASE":
		return "RETREAT" // releasing captives (§3.7)
	case "PARDON", "AMNESTY":
		return "CONCEDE" // pardons and amnesties (§3.3.2); the release itself is RETREAT
	case "ALLOW", "PERMIT", "OPEN", "REOPEN", "RE-OPEN":
		// letting observers, peacekeepers or aid in is RETREAT 'access' (§3.7)
		if c.objectNoun(sc, vg, src, toks, func(w string) bool {
			switch w {
			case "INSPECTORS", "OBSERVERS", "MONITORS", "PEACEKEEPERS", "ACCESS", "ENTRY", "DELIVERY", "DELIVERIES",
				"CONVOYS", "AID", "RETURN", "WORKERS", "JOURNALISTS", "BORDER", "BORDERS", "BRIDGE", "CROSSING",
				"CROSSINGS", "AIRSPACE", "PORT", "PORTS", "CORRIDOR":
				return true
			}
			return false
		}) {
			return "RETREAT"
		}
	case "LAY DOWN", "GIVE UP":
		if c.objectNoun(sc, vg, src, toks, func(w string) bool { return w == "WEAPONS" || w == "ARMS" || w == "GUNS" }) {
			return "RETREAT"
		}
	case "TURN DOWN", "RULE OUT", "SNUB", "SHUN":
		return "REJECT"
	}
	return ""
}

// endsAct reports verbs that end an act or a state.
func endsAct(lemma string) bool {
	switch lemma {
	case "END", "LIFT", "HALT", "STOP", "SUSPEND", "CEASE", "CALL OFF", "ABANDON", "RELAX", "EASE", "SCRAP", "CANCEL":
		return true
	}
	return false
}

// reducesAct reports verbs that reduce or withhold what they govern.
func reducesAct(lemma string) bool {
	switch lemma {
	case "REDUCE", "CUT", "SLASH", "WITHHOLD", "FREEZE", "HALT", "SUSPEND", "STOP", "END", "CANCEL", "SCRAP",
		"ABANDON", "CURTAIL", "LIMIT", "DOWNGRADE", "DELAY", "POSTPONE":
		return true
	}
	return false
}

// verbNoun is the category of a verb that ends or reduces the act its object noun names
// (category p): ending coercion or force is RETREAT, ending restrictions or a protest
// CONCEDE (§3.4, §3.7); reducing aid or cooperation SANCTION (§3.13), calling off talks
// REJECT (§3.13.2); otherwise p.
func verbNoun(lemma, p string) string {
	if endsAct(lemma) {
		switch p {
		case "COERCE", "PROTEST":
			return "CONCEDE"
		case "ASSAULT", "MOBILIZE":
			return "RETREAT"
		case "SANCTION":
			if lemma != "SUSPEND" {
				return "RETREAT" // "lifted the embargo"
			}
		}
	}
	if reducesAct(lemma) {
		switch p {
		case "AID", "COOPERATE", "SUPPORT":
			return "SANCTION"
		case "CONSULT", "AGREE":
			return "REJECT"
		}
	}
	return p
}

// verbLemma guesses the lemma of an inflected verb form outside the dictionary.
func verbLemma(w string) string {
	for _, suf := range []string{"ING", "IED", "ED", "ES", "S", "D"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			stem := w[:len(w)-len(suf)]
			if suf == "IED" {
				stem += "Y"
			}
			if endsAct(stem) || reducesAct(stem) {
				return stem
			}
			if n := len(stem); n > 2 && stem[n-1] == stem[n-2] && (endsAct(stem[:n-1]) || reducesAct(stem[:n-1])) {
				return stem[:n-1] // "CUTTING" → CUT
			}
		}
	}
	return w
}

// militaryNoun reports nouns of armed forces and their weapons.
func militaryNoun(w string) bool {
	switch w {
	case "TROOPS", "FORCES", "SOLDIERS", "ARMY", "NAVY", "UNITS", "BATTALIONS", "DIVISIONS", "BRIGADES", "TANKS",
		"WARSHIPS", "SHIPS", "JETS", "WARPLANES", "AIRCRAFT", "MISSILES", "ROCKETS", "ARTILLERY", "POLICE",
		"MILITIA", "MILITIAS", "RESERVISTS", "RESERVES", "DRONES", "VESSELS", "FLEET", "BOMBERS":
		return true
	}
	return false
}

// requestNoun reports nouns naming a request, proposal or claim one can reject or dismiss.
func requestNoun(w string) bool {
	switch w {
	case "APPEAL", "APPEALS", "CALL", "CALLS", "DEMAND", "DEMANDS", "REQUEST", "REQUESTS", "PROPOSAL",
		"PROPOSALS", "OFFER", "OFFERS", "PLAN", "PLANS", "CLAIM", "CLAIMS", "CHARGES", "ALLEGATIONS", "REPORT",
		"REPORTS", "IDEA", "SUGGESTION", "PLEA", "ULTIMATUM", "TERMS", "CONDITIONS":
		return true
	}
	return false
}

// stanceWord reports a stance given by an adjective before "to": "willing to", "ready to",
// "prepared to", "committed to" (AGREE).
func stanceWord(w string) int {
	switch w {
	case "WILLING", "READY", "PREPARED", "COMMITTED", "DETERMINED", "EAGER", "KEEN":
		return stAgree
	case "UNWILLING", "RELUCTANT":
		return stReject
	}
	return stNone
}

// nounCategory is the category of an act named by a noun that a light verb governs ("issued
// an ultimatum", "announced a suspension", "staged a hunger strike").
func nounCategory(w string) string {
	switch w {
	case "ULTIMATUM", "THREAT", "THREATS", "WARNING", "WARNINGS":
		return "THREATEN"
	case "DEMAND", "DEMANDS", "APPEAL", "APPEALS", "CALL", "CALLS", "REQUEST", "REQUESTS", "REMINDER", "PLEA":
		return "REQUEST"
	case "OFFER", "OFFERS", "PROMISE", "PROMISES", "PLEDGE", "PLEDGES", "AGREEMENT", "ACCORD", "DEAL", "CONSENSUS":
		return "AGREE"
	case "REFUSAL", "REJECTION", "DENIAL", "VETO":
		return "REJECT"
	case "WELCOME", "RECEPTION":
		return "CONSULT"
	case "DECLARATION", "STATEMENT", "COMMUNIQUE", "ANNOUNCEMENT", "REPORT":
		return "REPORT" // a light verb with these reports something: the act is what it says
	case "PROTEST", "COMPLAINT", "CONDEMNATION", "ACCUSATION", "ACCUSATIONS", "CHARGES", "INVESTIGATION", "PROBE", "INQUIRY", "HEARING", "LAWSUIT":
		return "ACCUSE"
	case "SUPPORT", "BACKING", "SOLIDARITY", "CONDOLENCES", "PRAISE", "GRATITUDE", "RECOGNITION":
		return "SUPPORT"
	case "AID", "ASSISTANCE", "LOAN", "LOANS", "GRANT", "GRANTS", "DONATION", "DONATIONS", "FOOD", "MEDICINE",
		"MEDICINES", "SUPPLIES", "FUNDING", "CREDITS", "ASYLUM":
		return "AID"
	case "SUSPENSION", "SEVERANCE", "EMBARGO", "SANCTIONS", "BOYCOTT", "CUTOFF":
		return "SANCTION"
	case "CEASEFIRE", "CEASE-FIRE", "TRUCE", "WITHDRAWAL", "PULLOUT", "RETREAT", "SURRENDER", "RESIGNATION":
		return "RETREAT"
	case "CURFEW", "CRACKDOWN", "BAN", "BLOCKADE", "RESTRICTIONS", "EMERGENCY":
		return "COERCE"
	case "STRIKE", "STRIKES", "DEMONSTRATION", "DEMONSTRATIONS", "RALLY", "RALLIES", "MARCH", "SIT-IN", "RIOT", "RIOTS", "PROTESTS", "WALKOUT":
		return "PROTEST"
	case "TALKS", "MEETING", "SUMMIT", "VISIT", "NEGOTIATIONS", "CONSULTATIONS":
		return "CONSULT"
	case "OFFENSIVE", "ATTACK", "ATTACKS", "RAID", "AIRSTRIKE", "AIRSTRIKES", "BOMBING", "INVASION", "REVENGE",
		"RETALIATION", "RETRIBUTION", "WAR", "SIEGE", "SHELLING", "BOMBARDMENT", "OCCUPATION", "HOSTILITIES":
		return "ASSAULT"
	}
	return ""
}

// isLightAct reports verbs that take their act from their object noun.
func isLightAct(lemma string) bool {
	switch lemma {
	case "ISSUE", "MAKE", "LAUNCH", "STAGE", "ANNOUNCE", "DECLARE", "RENEW", "REITERATE", "DELIVER", "SEND", "GIVE",
		"OPEN", "COMPLETE", "MOUNT", "STEP UP", "INTENSIFY", "ESCALATE", "CARRY OUT", "END", "CONCLUDE", "APPROVE",
		"START", "BEGIN", "HOLD", "CONDUCT", "ORDER", "IMPOSE", "REPEAT", "EXPRESS", "LODGE", "FILE":
		return true
	}
	return false
}

// cooperative reports the PLOVER categories of cooperation (verbal or material).
func cooperative(p string) bool {
	switch p {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT":
		return true
	}
	return false
}

// coercive reports the PLOVER categories of material conflict.
func coercive(p string) bool {
	switch p {
	case "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "THREATEN":
		return true
	}
	return false
}

// ploverGSR is the category of a CAMEO code as the PLOVER manual's text (§3) reads it where it
// differs from the 2021 conversion table: appeals (CAMEO 02) are requests; easing curfews and
// states of emergency (0813, 0814) concessions; international sanctions (163) SANCTION
// 'discontinue'.
func ploverGSR(code string) string {
	switch {
	case strings.HasPrefix(code, "02"):
		return "REQUEST"
	case code == "0813" || code == "0814":
		return "CONCEDE"
	case strings.HasPrefix(code, "163"):
		return "SANCTION"
	}
	return Plover(code)
}

// sentenceCategory is the category of the main clause of the sentence just analysed.
func (c *Coder) sentenceCategory(sc *scratch, src string, toks []text.Token) string {
	cond := false
	for k := range toks {
		if sc.cls[k] == cSub && sc.flags[k]&fHypo != 0 && sc.word(src, toks, k) != "WHETHER" {
			cond = true
		}
	}
	intent := false // the verb before made the act an intended one ("plans to impose")
	next := 0       // the next token to look at for verbs outside the dictionary
	for vi := range sc.vgs {
		vg := &sc.vgs[vi]
		if vg.noun {
			continue
		}
		// A verb outside the dictionary before this one, with an event noun for object:
		// "speeded up the withdrawal", "will extend the curfew".
		for ; next < vg.vs; next++ {
			if p := c.verbishCategory(sc, next, src, toks, cond); p != "" {
				return p
			}
		}
		next = vg.ve
		if vg.participle || sc.paren[vg.vs] || c.subordinate(sc, vi, src, toks) {
			continue
		}
		lemma := c.dict.vforms[vg.form].lemma
		if vi > 0 && vg.infinite {
			if gi := c.complementOf(sc, vi); gi >= 0 {
				if ok, _ := transparent(c.dict.vforms[sc.vgs[gi].form].lemma); !ok {
					continue // "agreed to set up": the stance verb before decides
				}
			}
		}
		if ok, in := transparent(lemma); ok && c.infinitiveAfter(sc, vi) {
			intent = intent || in
			continue // "plans to impose restrictions": the act is what is planned
		}
		mod := modality(sc, vg, src, toks)
		if intent && mod == chronicle.Asserted {
			mod = chronicle.Future
		}
		st := stanceOf(lemma)
		if lemma == "CALL" {
			switch sc.word(src, toks, vg.ve) {
			case "FOR", "ON", "UPON":
				st = stRequest // "called for sanctions", "called on Israel to …"
			}
		}
		adjective := false
		if st == stNone {
			// "is willing to send material", "is ready to contribute troops"
			if s := c.adjectiveStance(sc, vi, src, toks); s != stNone {
				st, adjective = s, true
			}
		}
		comp := c.complementCategory(sc, vi, src, toks)
		if adjective {
			comp = ploverGSR(vg.code.Main) // the act the adjective governs is this verb's
		}
		if p := c.lemmaCategory(sc, vg, lemma, src, toks); p != "" && st == stNone {
			return c.withModality(p, mod, cond)
		}
		switch lemma {
		case "ACCEPT":
			if c.objectNoun(sc, vg, src, toks, func(w string) bool { return w == "DEMANDS" || w == "DEMAND" || w == "CONDITIONS" || w == "TERMS" }) {
				return "CONCEDE" // accepting demands is yielding to them
			}
			if mod == chronicle.Negated {
				return "REJECT"
			}
			return "AGREE"
		case "DISMISS":
			if c.objectNoun(sc, vg, src, toks, requestNoun) {
				return "REJECT" // "dismissed an appeal"
			}
		}
		switch st {
		case stReport:
			if c.mustFollows(sc, vi, src, toks) {
				return "REQUEST" // "said Sudan must return the helicopter"
			}
			if isLightAct(lemma) {
				if p := c.objectNounCategory(sc, vg, src, toks); p != "" {
					return p
				}
			}
			continue
		case stAgree:
			if mod == chronicle.Negated {
				return "REJECT"
			}
			if comp == "" {
				comp = c.objectNounCategory(sc, vg, src, toks) // "vowed revenge"
			}
			if coercive(comp) {
				return "THREATEN" // "vowed to attack"
			}
			return "AGREE"
		case stReject:
			if lemma == "DENY" && comp == "" && !c.hasObjectNoun(sc, vg) {
				continue // "denied that …": a denial of a claim reports nothing here
			}
			return "REJECT"
		case stRequest:
			return "REQUEST"
		case stThreaten:
			return "THREATEN"
		}
		if endsAct(lemma) || reducesAct(lemma) {
			if p := verbNoun(lemma, c.objectNounCategory(sc, vg, src, toks)); p != "" && p != "REPORT" {
				return c.withModality(p, mod, cond) // "lifted the blockade", "cut aid"
			}
		}
		if isLightAct(lemma) || transparentVerb(lemma) {
			p := c.objectNounCategory(sc, vg, src, toks)
			if p == "" && transparentVerb(lemma) {
				p = c.subjectNounCategory(sc, vg, src, toks) // "riots … are still continuing"
			}
			switch p {
			case "":
			case "REPORT":
				continue // "issued a declaration demanding …": the act is in what it says
			default:
				return c.withModality(c.refine(sc, vi, p, lemma, src, toks), mod, cond)
			}
		}
		if c.mustIn(sc, vg, src, toks) {
			return "REQUEST" // "Libya must hand over …" (reported)
		}
		code := vg.code.Main
		if nullEvent(code) {
			code = vg.code.Reverse
		}
		if nullEvent(code) {
			p := c.objectNounCategory(sc, vg, src, toks)
			if p == "" || p == "REPORT" {
				p = c.subjectNounCategory(sc, vg, src, toks) // "riots … are continuing"
			}
			if p != "" && p != "REPORT" {
				return c.withModality(p, mod, cond)
			}
			continue
		}
		p := ploverGSR(code)
		if p == "" {
			continue
		}
		p = c.refine(sc, vi, p, lemma, src, toks)
		return c.withModality(p, mod, cond)
	}
	// A stance adjective with no coded verb after it: "is committed to opening up the economy".
	for k := 0; k+1 < len(toks); k++ {
		if stanceWord(sc.word(src, toks, k)) == stAgree && sc.word(src, toks, k+1) == "TO" && k > 0 && sc.flags[k-1]&fBe != 0 {
			return "AGREE"
		}
	}
	for ; next < len(toks); next++ {
		if p := c.verbishCategory(sc, next, src, toks, cond); p != "" {
			return p
		}
	}
	return ""
}

// transparentVerb reports verbs that take their act from an event noun object as well as from
// an infinitive ("continued their hunger strike").
func transparentVerb(lemma string) bool {
	ok, _ := transparent(lemma)
	return ok
}

// verbishCategory is the category of a main-clause verb outside the dictionary at token k
// whose object is an event noun ("completed their withdrawal"), with its modality; "" when
// k is no such verb.
func (c *Coder) verbishCategory(sc *scratch, k int, src string, toks []text.Token, cond bool) string {
	if !sc.verbish[k] || sc.paren[k] {
		return ""
	}
	if k > 0 && toks[k].POS == "VBN" && sc.cls[k-1] != cAux {
		// a participle after a noun is passive ("the curfew imposed …") unless an object
		// follows ("The United States speeded up the withdrawal")
		j := k + 1
		for j < len(toks) && sc.cls[j] == cPrep && sc.npAt[j] == 0 && (j+1 >= len(toks) || sc.cls[j+1] == cDet) {
			j++ // a particle: "up", "out"
		}
		if j >= len(toks) || sc.cls[j] != cDet && sc.cls[j] != cPoss && sc.cls[j] != cNum {
			return ""
		}
	}
	vg := &vgroup{vs: k, ve: k + 1, cs: k, srcGroup: -1, tgtGroup: -1}
	for vg.cs > 0 {
		p := vg.cs - 1
		if cl := sc.cls[p]; cl == cAux || cl == cNeg || cl == cAdv {
			vg.cs = p
			vg.flags |= sc.flags[p]
			if cl == cNeg {
				vg.neg = true
			}
			continue
		}
		break
	}
	for j := vg.cs - 1; j >= 0; j-- {
		if sc.cls[j] == cSub || sc.cls[j] == cRel && sc.word(src, toks, j) != "THAT" {
			return "" // in a subordinate clause
		}
		if sc.cls[j] == cComma || sc.cls[j] == cPunct || sc.isVerb[j] || sc.verbish[j] {
			break
		}
	}
	p := verbNoun(verbLemma(sc.word(src, toks, k)), c.objectNounCategory(sc, vg, src, toks))
	if p == "" || p == "REPORT" {
		return ""
	}
	return c.withModality(p, modality(sc, vg, src, toks), cond)
}

// subjectNounCategory is the category of an event noun heading the verb's subject ("riots …
// are continuing").
func (c *Coder) subjectNounCategory(sc *scratch, vg *vgroup, src string, toks []text.Token) string {
	k := vg.cs - 1
	for k >= 0 && sc.cls[k] == cAdv {
		k--
	}
	if k < 0 || sc.npAt[k] == 0 {
		return ""
	}
	np := &sc.nps[sc.npAt[k]-1]
	if np.prep >= 0 {
		return ""
	}
	for j := np.s; j < np.e; j++ {
		if p := nounCategory(sc.word(src, toks, j)); p != "" && p != "REPORT" {
			return p
		}
	}
	return ""
}

// refine applies the distinctions the PLOVER manual draws within a CAMEO category: blocking
// roads by civilians is PROTEST, by the state COERCE (§3.12); expelling diplomats,
// inspectors or peacekeepers SANCTION, deporting people COERCE (§3.13); joint exercises of
// several countries COOPERATE, one country's MOBILIZE (§3.14).
func (c *Coder) refine(sc *scratch, vi int, p, lemma string, src string, toks []text.Token) string {
	var srcs, tgts []string
	for _, e := range sc.evs {
		if e.vg == vi {
			srcs = append(srcs, e.src.code)
			tgts = append(tgts, e.tgt.code)
		}
	}
	state := func(codes []string) bool {
		for _, c := range codes {
			if len(c) == 3 && c != "---" {
				return true // a country
			}
			if len(c) > 3 {
				for _, sec := range []string{"GOV", "MIL", "COP", "JUD", "LEG", "SPY"} {
					if strings.Contains(c[3:], sec) {
						return true
					}
				}
			}
		}
		return false
	}
	switch {
	case (p == "COERCE" || p == "SANCTION") && (lemma == "BLOCK" || lemma == "BARRICADE" || lemma == "OBSTRUCT") && !state(srcs):
		return "PROTEST"
	case p == "COERCE" && c.sentenceHas(sc, src, toks, "ENTERING", "ENTRY", "ENTER"):
		return "REJECT" // barring entry to one's territory (§3.10)
	case (p == "COERCE" || p == "ASSAULT") && (lemma == "EXPEL" || lemma == "DEPORT"):
		vg := &sc.vgs[vi]
		for _, t := range tgts {
			if strings.HasPrefix(t, "IGO") {
				return "SANCTION"
			}
		}
		if c.objectNoun(sc, vg, src, toks, func(w string) bool {
			switch w {
			case "DIPLOMATS", "DIPLOMAT", "AMBASSADOR", "INSPECTORS", "OBSERVERS", "MONITORS", "PEACEKEEPERS", "ENVOY", "ENVOYS", "STAFF":
				return true
			}
			return false
		}) {
			return "SANCTION"
		}
	case p == "PROTEST" && lemma == "PROTEST" && state(srcs):
		return "ACCUSE" // a government's protest is diplomatic (§3.12.2)
	case p == "MOBILIZE":
		countries := map[string]bool{}
		for _, s := range srcs {
			if len(s) >= 3 && s[:3] != "---" {
				countries[s[:3]] = true
			}
		}
		if len(countries) > 1 {
			return "COOPERATE" // "French and Egyptian warships launched war games"
		}
	}
	return p
}

// sentenceHas reports whether one of words occurs in the sentence.
func (c *Coder) sentenceHas(sc *scratch, src string, toks []text.Token, words ...string) bool {
	for k := range toks {
		w := sc.word(src, toks, k)
		for _, x := range words {
			if w == x {
				return true
			}
		}
	}
	return false
}

// infinitiveAfter reports an infinitive verb group right after verb group vi ("plans to
// impose"; not "began a hunger strike to protest", where the infinitive is a purpose).
func (c *Coder) infinitiveAfter(sc *scratch, vi int) bool {
	vg := &sc.vgs[vi]
	for j := vi + 1; j < len(sc.vgs); j++ {
		in := &sc.vgs[j]
		if in.noun {
			continue
		}
		if !in.infinite || in.cs < vg.ve {
			return false
		}
		for k := vg.ve; k < in.cs; k++ {
			if sc.cls[k] != cAdv && sc.cls[k] != cNeg {
				return false
			}
		}
		return true
	}
	return false
}

// objectNoun reports a word satisfying ok among the first words of the verb's object.
func (c *Coder) objectNoun(sc *scratch, vg *vgroup, src string, toks []text.Token, ok func(string) bool) bool {
	for k := vg.ve; k < len(toks) && k < vg.ve+6; k++ {
		if ok(sc.word(src, toks, k)) {
			return true
		}
		if sc.cls[k] == cPunct || sc.cls[k] == cComma || sc.isVerb[k] || sc.cls[k] == cPrep && sc.word(src, toks, k) != "OF" {
			break
		}
	}
	return false
}

// withModality applies the PLOVER reading of modality to category p: a refused cooperative
// act is REJECT; a future, intended or conditional cooperative act AGREE, a coercive one
// THREATEN.
func (c *Coder) withModality(p, mod string, cond bool) string {
	switch {
	case mod == chronicle.Negated && cooperative(p):
		return "REJECT"
	case mod == chronicle.Future || mod == chronicle.Hypothetical || mod == chronicle.Hedged && cond:
		switch {
		case coercive(p):
			return "THREATEN"
		case cond && (p == "RETREAT" || p == "SANCTION"):
			return "THREATEN" // "will withdraw its force unless …"
		case cooperative(p):
			return "AGREE"
		}
	}
	return p
}

// subordinate reports a verb group in a subordinate clause: after a subordinator or a relative
// pronoun in its own clause ("after a coup toppled", "rebels who fought"), or in parentheses.
func (c *Coder) subordinate(sc *scratch, vi int, src string, toks []text.Token) bool {
	vg := &sc.vgs[vi]
	if vg.reduced {
		return true
	}
	if vg.cs == vg.vs && toks[vg.vs].POS == "VBN" {
		// ", a body linked to …,": a participle in an apposition
		k := vg.cs - 1
		for k >= 0 && (sc.npAt[k] != 0 || sc.cls[k] == cDet || sc.cls[k] == cAdv) {
			k--
		}
		if k >= 0 && sc.cls[k] == cComma && k+1 < vg.cs && sc.cls[k+1] == cDet {
			return true
		}
	}
	for k := vg.cs - 1; k >= 0; k-- {
		switch sc.cls[k] {
		case cSub:
			switch w := sc.word(src, toks, k); {
			case w == "ONCE" && (sc.word(src, toks, k+1) == "AGAIN" || sc.word(src, toks, k+1) == "MORE"):
				continue // "once again"
			}
			return true
		case cRel:
			w := sc.word(src, toks, k)
			if w != "THAT" {
				return true
			}
			return relativeThat(sc, k)
		case cComma, cPunct:
			return false
		}
		if sc.isVerb[k] || sc.verbish[k] {
			return false
		}
	}
	return false
}

// relativeThat reports whether "that" at token k introduces a relative clause (after the noun
// it modifies: "the goals that Russia set") rather than a complement ("announced on Sunday
// that", "said that"): back over prepositional phrases, a verb means a complement.
func relativeThat(sc *scratch, k int) bool {
	j := k - 1
	for j >= 0 && sc.cls[j] == cAdv {
		j--
	}
	for j >= 0 && sc.npAt[j] != 0 {
		np := &sc.nps[sc.npAt[j]-1]
		if np.prep < 0 {
			return !sc.isVerb[j]
		}
		j = int(np.prep) - 1
		for j >= 0 && sc.cls[j] == cAdv {
			j--
		}
	}
	return false
}

// complementOf returns the verb group whose infinitive complement vi is ("agreed to set up" →
// agreed), or -1.
func (c *Coder) complementOf(sc *scratch, vi int) int {
	in := &sc.vgs[vi]
	for j := vi - 1; j >= 0; j-- {
		out := &sc.vgs[j]
		if out.noun || out.ve > in.cs {
			continue
		}
		if in.cs-out.ve <= 5 {
			return j
		}
		return -1
	}
	return -1
}

// complementCategory is the plain category of the act a verb governs: its infinitive or the
// verb of its that-clause ("vowed to attack" → ASSAULT), "" when none.
func (c *Coder) complementCategory(sc *scratch, vi int, src string, toks []text.Token) string {
	vg := &sc.vgs[vi]
	for j := vi + 1; j < len(sc.vgs); j++ {
		in := &sc.vgs[j]
		if in.noun || in.cs < vg.ve {
			continue
		}
		if in.cs-vg.ve > 8 {
			return ""
		}
		code := in.code.Main
		if nullEvent(code) {
			code = in.code.Reverse
		}
		if nullEvent(code) {
			if isLightAct(c.dict.vforms[in.form].lemma) {
				return c.objectNounCategory(sc, in, src, toks)
			}
			continue
		}
		return ploverGSR(code)
	}
	return ""
}

// adjectiveStance finds "is willing to", "are ready to" governing the infinitive vi.
func (c *Coder) adjectiveStance(sc *scratch, vi int, src string, toks []text.Token) int {
	vg := &sc.vgs[vi]
	if !vg.infinite {
		return stNone
	}
	for k := vg.cs - 1; k >= 0 && k >= vg.cs-3; k-- {
		if s := stanceWord(sc.word(src, toks, k)); s != stNone {
			return s
		}
	}
	return stNone
}

// mustFollows reports a "must" or "should" in the clause a reporting verb introduces.
func (c *Coder) mustFollows(sc *scratch, vi int, src string, toks []text.Token) bool {
	vg := &sc.vgs[vi]
	for k := vg.ve; k < len(toks) && k < vg.ve+12; k++ {
		switch sc.word(src, toks, k) {
		case "MUST", "SHOULD":
			return true
		}
		if sc.cls[k] == cPunct {
			break
		}
	}
	return false
}

// mustIn reports "must" or "should" in the verb group's own chain.
func (c *Coder) mustIn(sc *scratch, vg *vgroup, src string, toks []text.Token) bool {
	for k := vg.cs; k < vg.vs; k++ {
		switch sc.word(src, toks, k) {
		case "MUST", "SHOULD":
			return true
		}
	}
	return false
}

// objectNounCategory is the category of the event noun heading a light verb's object.
func (c *Coder) objectNounCategory(sc *scratch, vg *vgroup, src string, toks []text.Token) string {
	for k := vg.ve; k < len(toks) && k < vg.ve+6; k++ {
		w := sc.word(src, toks, k)
		if p := nounCategory(w); p != "" {
			if w == "WAR" && sc.word(src, toks, k+1) == "GAMES" {
				return "MOBILIZE" // war games: exercises
			}
			if p == "PROTEST" && (w == "STRIKE" || w == "STRIKES") && k > 0 {
				switch sc.word(src, toks, k-1) {
				case "AIR", "MISSILE", "DRONE", "ROCKET", "ARTILLERY", "MILITARY", "NUCLEAR", "PREEMPTIVE", "PRE-EMPTIVE":
					return "ASSAULT" // "launched air strikes"
				}
			}
			return p
		}
		if toks[k].Kind == text.Symbol || toks[k].Kind == text.Number {
			continue // "a $50 million loan"
		}
		if sc.cls[k] == cPunct || sc.cls[k] == cComma || sc.isVerb[k] || sc.cls[k] == cPrep && w != "OF" {
			break
		}
	}
	return ""
}

// hasObjectNoun reports a noun phrase right after the verb.
func (c *Coder) hasObjectNoun(sc *scratch, vg *vgroup) bool {
	k := vg.ve
	return k < len(sc.npAt) && sc.npAt[k] != 0 && sc.nps[sc.npAt[k]-1].prep < 0
}

// fallbackLemmas are verbs and nouns that name a PLOVER category, after the PLOVER manual's
// category definitions (§3) and the CAMEO codebook's verbs, for sentences whose verbs the
// dictionary does not code ("jailed", "handed over", "reduced supplies").
var fallbackLemmas = map[string][]string{
	"AGREE":     {"AGREE", "PROMISE", "PLEDGE", "VOW", "OFFER", "ACCEPT", "UNDERTAKE"},
	"CONSULT":   {"MEET", "VISIT", "HOST", "NEGOTIATE", "CONSULT", "CONFER", "DISCUSS", "TALK", "TELEPHONE", "PHONE"},
	"SUPPORT":   {"PRAISE", "COMMEND", "ENDORSE", "BACK", "APPLAUD", "HAIL", "WELCOME", "RECOGNIZE", "RECOGNISE", "RATIFY", "SIGN", "FORGIVE", "APOLOGIZE", "APOLOGISE", "CONGRATULATE", "THANK"},
	"COOPERATE": {"COOPERATE", "COLLABORATE", "EXTRADITE", "SHARE", "TRADE", "INVEST"},
	"AID":       {"DONATE", "SUPPLY", "PROVIDE", "GIVE", "HAND", "AIRLIFT", "SHIP", "RESCUE", "FUND", "FINANCE", "LEND", "LOAN", "GRANT", "FEED", "SHELTER"},
	"RETREAT":   {"WITHDRAW", "RETREAT", "RELEASE", "FREE", "RETURN", "SURRENDER", "RESIGN", "DISARM", "DEMOBILIZE", "EVACUATE", "PULL"},
	"CONCEDE":   {"LIFT", "EASE", "RELAX", "PARDON", "AMNESTY", "CONCEDE", "YIELD", "SHORTEN", "REPEAL", "RESCIND", "LOOSEN"},
	"REQUEST":   {"DEMAND", "URGE", "ASK", "APPEAL", "REQUEST", "INSIST", "PETITION", "PLEAD"},
	"ACCUSE":    {"ACCUSE", "BLAME", "CRITICIZE", "CRITICISE", "CONDEMN", "DENOUNCE", "ALLEGE", "CHARGE", "SUE", "INVESTIGATE", "PROBE", "COMPLAIN", "DEPLORE", "INDICT"},
	"REJECT":    {"REJECT", "REFUSE", "DECLINE", "DENY", "VETO", "REBUFF", "SPURN", "DISMISS", "OPPOSE"},
	"THREATEN":  {"THREATEN", "WARN", "ULTIMATUM"},
	"PROTEST":   {"PROTEST", "DEMONSTRATE", "RALLY", "MARCH", "RIOT", "PICKET", "BOYCOTT"},
	"SANCTION":  {"SUSPEND", "SEVER", "CUT", "REDUCE", "FREEZE", "HALT", "RECALL", "EMBARGO", "SANCTION", "DOWNGRADE", "CANCEL", "WITHHOLD"},
	"MOBILIZE":  {"DEPLOY", "MOBILIZE", "MOBILISE", "MASS", "REINFORCE", "ALERT", "STATION", "TEST-FIRE"},
	"COERCE":    {"ARREST", "DETAIN", "JAIL", "IMPRISON", "BAN", "CENSOR", "CONFISCATE", "SEIZE", "DEPORT", "RAID", "EXPEL", "OUTLAW", "CURFEW", "HACK", "DEFACE", "HOLD"},
	"ASSAULT":   {"KILL", "ATTACK", "SHELL", "BOMB", "SHOOT", "FIRE", "MASSACRE", "ASSASSINATE", "INVADE", "STORM", "CAPTURE", "AMBUSH", "FIGHT", "CLASH", "BOMBARD", "STRIKE", "WOUND", "KIDNAP", "ABDUCT", "BEHEAD", "TORTURE"},
}

var fallbackForms = func() map[string]string {
	m := map[string]string{}
	for cat, lemmas := range fallbackLemmas {
		for _, l := range lemmas {
			m[l] = cat
			for _, f := range verbInflections(l, false) {
				if _, ok := m[f.word]; !ok {
					m[f.word] = cat
				}
			}
		}
	}
	for w, cat := range map[string]string{"HELD": "COERCE", "FOUGHT": "ASSAULT", "SHOT": "ASSAULT", "STRUCK": "ASSAULT",
		"GAVE": "AID", "GIVEN": "AID", "FROZE": "SANCTION", "FROZEN": "SANCTION", "WITHHELD": "SANCTION", "SOUGHT": "REQUEST",
		"MET": "CONSULT", "DEMANDED": "REQUEST", "BEGAN": "", "SHIPPED": "AID", "WITHDREW": "RETREAT", "WITHDRAWN": "RETREAT",
		"FREED": "RETREAT", "JAILED": "COERCE", "CUT": "SANCTION"} {
		m[w] = cat
	}
	return m
}()

// fallbackCategory is the category of the first main-clause verb (or, failing that, any
// word) of the sentence that fallbackLemmas names, "" when none.
func (c *Coder) fallbackCategory(sc *scratch, src string, toks []text.Token) string {
	for k := range toks {
		if sc.paren[k] {
			continue
		}
		p := toks[k].POS
		if p != "" && !strings.HasPrefix(p, "VB") {
			continue
		}
		if cat := fallbackForms[sc.word(src, toks, k)]; cat != "" && !c.subordinateAt(sc, k, src, toks) {
			return cat
		}
	}
	return ""
}

// subordinateAt reports a token in a subordinate clause (see subordinate).
func (c *Coder) subordinateAt(sc *scratch, k int, src string, toks []text.Token) bool {
	for j := k - 1; j >= 0; j-- {
		switch sc.cls[j] {
		case cSub:
			return true
		case cRel:
			return sc.word(src, toks, j) != "THAT" || relativeThat(sc, j)
		case cComma, cPunct:
			return false
		}
		if sc.isVerb[j] || sc.verbish[j] {
			return false
		}
	}
	return false
}
