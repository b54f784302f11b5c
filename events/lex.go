package events

// Word classes of the shallow analysis, from a closed-class lexicon (and the POS tags of
// package ner when a document carries them).
const (
	cOther uint8 = iota // content word: noun, adjective, verb, name
	cDet                // a, the, its, his, this, some …
	cPrep               // of, in, with, to (not before a verb) …
	cConj               // and, or, nor, but
	cAux                // be, have, do forms and modals
	cNeg                // not, n't, never
	cTo                 // to
	cPron               // he, she, it, they …
	cAdv                // adverbs that may sit inside a verb group
	cPunct              // punctuation other than commas
	cComma              // , ; and dashes
	cNum                // numbers
	cPoss               // 's '
	cRel                // who, which, that, whom, whose
	cSub                // subordinators: after, when, while, because, if …
)

// Flags of lexicon words.
const (
	fBe uint16 = 1 << (8 + iota)
	fModal
	fFuture   // will, shall, 'll
	fHedge    // may, might, reportedly, allegedly …
	fHypo     // could, would (with if), if, unless
	fReport   // said, told, reported: reporting verbs
	fPlanVerb // plans, expects, intends (future when followed by "to")
	fDo       // do, does, did
)

var lexicon = map[string]uint16{}

func init() {
	add := func(c uint8, flags uint16, words ...string) {
		for _, w := range words {
			lexicon[w] = uint16(c) | flags | lexicon[w]&0xff00
		}
	}
	add(cDet, 0, "A", "AN", "THE", "THIS", "THESE", "THOSE", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR",
		"SOME", "ANY", "EACH", "EVERY", "NO", "ANOTHER", "SUCH", "BOTH", "ALL", "SEVERAL", "MANY", "FEW", "MOST", "OTHER")
	add(cPrep, 0, "OF", "IN", "ON", "AT", "BY", "FOR", "WITH", "FROM", "INTO", "ONTO", "OVER", "UNDER", "AGAINST",
		"BETWEEN", "AMONG", "ABOUT", "DURING", "WITHIN", "WITHOUT", "THROUGH", "ACROSS", "TOWARD", "TOWARDS",
		"NEAR", "VIA", "AMID", "AMIDST", "ALONG", "AROUND", "BESIDE", "BEHIND", "BEYOND", "DESPITE", "EXCEPT", "LIKE",
		"OUTSIDE", "INSIDE", "PER", "THAN", "UPON", "OFF", "OUT", "UP", "DOWN", "INCLUDING", "REGARDING", "OVER")
	add(cConj, 0, "AND", "OR", "NOR", "BUT", "NEITHER", "EITHER", "&")
	add(cAux, fBe, "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "'M", "'RE")
	add(cAux, 0, "HAS", "HAVE", "HAD", "HAVING", "'VE", "'D")
	add(cAux, fDo, "DO", "DOES", "DID")
	add(cAux, fModal|fFuture, "WILL", "SHALL", "'LL", "WO")
	add(cAux, fModal, "WOULD", "SHOULD", "MUST")
	add(cAux, fModal|fHypo, "COULD")
	add(cAux, fModal|fHedge, "MAY", "MIGHT")
	add(cAux, fModal, "CAN", "CA")
	add(cNeg, 0, "NOT", "N'T", "NEVER")
	add(cTo, 0, "TO")
	add(cPron, 0, "HE", "SHE", "IT", "THEY", "WE", "I", "YOU", "HIM", "THEM", "US", "ME", "HIMSELF", "HERSELF",
		"ITSELF", "THEMSELVES", "WHAT", "THERE")
	add(cRel, 0, "WHO", "WHICH", "THAT", "WHOM", "WHOSE", "WHERE")
	add(cSub, 0, "AFTER", "BEFORE", "WHEN", "WHILE", "BECAUSE", "ALTHOUGH", "THOUGH", "SINCE", "UNTIL", "AS",
		"WHEREAS", "ONCE")
	add(cSub, fHypo, "IF", "UNLESS", "WHETHER")
	add(cAdv, 0, "ALSO", "AGAIN", "NOW", "STILL", "ALREADY", "SOON", "YET", "THEN", "JUST", "EVEN", "EVER",
		"ALMOST", "ABOUT", "RECENTLY", "TODAY", "YESTERDAY", "TONIGHT", "HERE", "THERE", "MOSTLY", "ONLY", "SO", "TOO",
		"LATER", "EARLIER", "FORMALLY", "FINALLY", "REALLY", "HEAVILY", "OFTEN", "NO_LONGER")
	add(cAdv, fHedge, "REPORTEDLY", "ALLEGEDLY", "APPARENTLY", "POSSIBLY", "PROBABLY", "LIKELY", "PERHAPS",
		"PURPORTEDLY", "SUPPOSEDLY", "MAYBE")
	add(cNum, 0, "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "DOZENS",
		"HUNDREDS", "THOUSANDS", "MILLION", "MILLIONS", "BILLION")
	add(cPoss, 0, "'S", "'", "’S", "’")
	for _, w := range []string{"SAID", "SAYS", "SAY", "TOLD", "REPORTED", "ANNOUNCED", "STATED", "ADDED", "QUOTED", "CLAIMED"} {
		lexicon[w] |= fReport
	}
	for _, w := range []string{"PLANS", "PLANNED", "PLAN", "PLANNING", "EXPECTED", "INTENDS", "INTENDED", "AIMS",
		"SCHEDULED", "SET", "GOING", "DUE", "PREPARING", "PREPARED", "READY", "ABOUT", "HOPES", "HOPED", "WANTS", "WANTED",
		"SEEKS", "SOUGHT", "SEEKING", "PROMISED", "PROMISES", "PLEDGED", "VOWED", "THREATENED", "AGREED", "AGREES",
		"WILLING", "DECIDED", "OFFERED", "OFFERS", "PROPOSED", "COMMITTED"} {
		lexicon[w] |= fPlanVerb
	}
}

// posClass maps a Penn Treebank tag to a word class (ok=false for open-class tags).
func posClass(tag string) (uint8, bool) {
	switch tag {
	case "DT", "PDT", "PRP$", "WP$":
		return cDet, true
	case "CC":
		return cConj, true
	case "MD":
		return cAux, true
	case "PRP", "WP", "EX":
		return cPron, true
	case "TO":
		return cTo, true
	case "CD":
		return cNum, true
	case "POS":
		return cPoss, true
	case ",", ":", "HYPH":
		return cComma, true
	case ".", "``", "''", "-LRB-", "-RRB-", "(", ")", "#", "$", "SYM":
		return cPunct, true
	}
	return cOther, false
}
