package timex

// Tense of the clause a time expression modifies, from the verb group that governs it.
//
// The governing verb is the nearest verb group before the expression in its sentence ("said
// Friday", "will meet Bush on Thursday"), or, when the expression opens a clause ("On Tuesday,
// the ministers met"; "said that on Friday the group will meet") or no verb precedes it, the first
// verb group after it. The group's tense is read from its first finite element: a modal is the
// future, a past form the past (a past perfect is reported separately: "had filed by Wednesday"),
// a present form the present — except that a present perfect is past, "going to" and verbs of
// intention ("plans to", "is expected to", "scheduled for") are the future, and an infinitive takes
// the tense of the verb it depends on.
//
// Penn POS tags (set by the ner tagger) are used when the tokens carry them; otherwise a lexical
// approximation: auxiliaries, modals, a list of irregular past forms and words in -ed.

// Tense values (tPast, tNone, tFuture, tPresent are in resolve.go).
const tPastPerfect = -2

func isPastTense(t int) bool { return t < 0 }

// Verb classes of a token.
const (
	vNone  = iota
	vModal // will, would, may, …
	vPast  // VBD
	vPres  // VBZ, VBP
	vBase  // VB
	vPart  // VBN
	vGer   // VBG
	vTo    // infinitival "to"
)

// tokWord returns the lower-cased token k (at most 16 bytes; longer words come back as "").
func (m *matcher) tokWord(buf []byte, k int) string {
	tok := &m.d.Tokens[k]
	w := m.text[tok.Start:tok.End]
	if len(w) > len(buf) {
		return ""
	}
	return string(lower(buf, w))
}

// vclass classifies token k as a verb form, from its POS tag when it has one.
func (m *matcher) vclass(k int) int {
	tok := &m.d.Tokens[k]
	if tok.POS != "" {
		var buf [16]byte
		switch w := m.tokWord(buf[:], k); {
		case w == "s" || w == "'s" && tok.POS != "VBZ":
			return vNone // a split possessive
		case irregularPast(w) && !ambiguousPast(w) && (tok.POS == "VBP" || tok.POS == "VB" || tok.POS == "VBZ"):
			return vPast // a tagging slip: "that tore/VBP through"
		}
		switch tok.POS {
		case "MD":
			return vModal
		case "VBD":
			return vPast
		case "VBZ", "VBP":
			return vPres
		case "VB":
			return vBase
		case "VBN":
			return vPart
		case "VBG":
			return vGer
		case "TO":
			if k+1 < len(m.d.Tokens) {
				switch m.d.Tokens[k+1].POS {
				case "VB", "RB":
					return vTo
				}
			}
		}
		return vNone
	}
	var buf [16]byte
	w := m.tokWord(buf[:], k)
	if len(w) < 2 {
		return vNone
	}
	switch w {
	case "will", "'ll", "’ll", "shall", "wo", "would", "may", "might", "could", "can", "should", "must", "'d":
		return vModal
	case "is", "are", "am", "'s", "'re", "has", "have", "does", "do", "says", "say", "'ve", "’ve":
		if w == "'s" && k > 0 && m.d.Tokens[k-1].End == tok.Start {
			// "'s" glued to a noun is as likely a possessive: only after a pronoun
			var b2 [16]byte
			switch m.tokWord(b2[:], k-1) {
			case "he", "she", "it", "that", "there", "what", "who":
				return vPres
			}
			return vNone
		}
		return vPres
	case "was", "were", "had", "did", "said", "told":
		return vPast
	case "be", "go", "take", "meet", "leave", "visit", "arrive", "hold", "begin", "return", "start", "come", "make", "sign", "vote", "decide", "announce", "attend", "speak", "travel", "resume":
		if k > 0 {
			var b2 [16]byte
			switch m.tokWord(b2[:], k-1) {
			case "will", "'ll", "’ll", "shall", "would", "may", "might", "could", "can", "should",
				"must", "not", "n't", "also", "still", "then", "to", "did", "does", "do":
				return vBase
			}
		}
		return vNone
	case "been":
		return vPart
	case "being", "going":
		return vGer
	case "to":
		if m.lexInfinitive(k + 1) {
			return vTo
		}
		return vNone
	}
	if m.lexInfinitive(k) {
		return vBase
	}
	if irregularPast(w) {
		return vPast
	}
	if n := len(w); n >= 5 && w[n-2:] == "ed" && !notPast(w) {
		if c := m.d.Text[tok.Start]; isLetter(c) && !isUpper(c) {
			return vPast
		}
	}
	return vNone
}

// lexInfinitive reports, without POS tags, whether token k looks like the verb of an
// infinitive: a lower-case word after "to" that is not a determiner, pronoun or number.
func (m *matcher) lexInfinitive(k int) bool {
	if k <= 0 || k >= len(m.d.Tokens) || !m.isTo(k-1) {
		return false
	}
	tok := &m.d.Tokens[k]
	w := m.text[tok.Start:tok.End]
	if len(w) < 2 || len(w) > 16 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	switch w {
	case "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
		"these", "those", "him", "them", "me", "us", "all", "some", "any", "about", "date",
		"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "more",
		"less", "each", "every", "no", "what", "which", "whom", "where", "other", "such":
		return false
	}
	if lx, ok := lexicon[w]; ok && (lx.unit != uNone || lx.month > 0 || lx.wday > 0 || lx.num > 0) {
		return false
	}
	return true
}

// irregularPast lists common irregular past forms (and past participles) of news verbs.
func irregularPast(w string) bool {
	switch w {
	case "came", "went", "made", "took", "gave", "began", "held", "won", "lost", "saw", "got",
		"sent", "spent", "fell", "rose", "paid", "sold", "bought", "brought", "thought", "found",
		"became", "ran", "kept", "struck", "broke", "fought", "left", "met", "hit", "put", "cut",
		"shot", "quit", "knew", "wrote", "spoke", "chose", "drove", "flew", "grew", "threw",
		"stood", "felt", "heard", "meant", "built", "dealt", "lent", "slid", "sank", "swore",
		"tore", "wore", "taken", "given", "begun", "seen", "gotten", "fallen", "risen", "sought",
		"spoken", "written", "chosen", "driven", "flown", "grown", "thrown", "known", "broken",
		"done", "gone", "told", "sat", "led", "read", "set", "won't", "wasn't", "weren't",
		"didn't", "hadn't":
		return true
	}
	return false
}

// ambiguousPast lists the irregular past forms that are also present or base forms or common
// nouns and adjectives.
func ambiguousPast(w string) bool {
	switch w {
	case "hit", "put", "cut", "quit", "set", "read", "left", "led", "won't", "lost", "found", "met", "fell", "saw", "shot", "done", "known":
		return true
	}
	return false
}

// isAdverbInGroup reports whether token k may sit inside a verb group ("will not", "has also
// been", "had already left").
func (m *matcher) isAdverbInGroup(k int) bool {
	tok := &m.d.Tokens[k]
	if tok.POS == "RB" {
		return true
	}
	var buf [16]byte
	switch m.tokWord(buf[:], k) {
	case "not", "n't", "also", "still", "already", "just", "never", "now", "then", "probably",
		"reportedly", "only", "again", "finally", "later", "soon", "first", "even", "once":
		return true
	}
	return false
}

// intentWord reports whether w is a verb or adjective of intention or scheduling, whose
// complement lies in the future ("plans to", "is expected to", "scheduled for", "due to").
func intentWord(w string) bool {
	switch w {
	case "plan", "plans", "planned", "planning", "schedule", "schedules", "scheduled",
		"expect", "expects", "expected", "expecting", "due", "set", "slated", "intend", "intends",
		"intended", "intending", "hope", "hopes", "hoped", "hoping", "aim", "aims", "aimed",
		"prepare", "prepares", "prepared", "preparing", "promise", "promises", "promised",
		"vow", "vows", "vowed", "threaten", "threatens", "threatened", "want", "wants",
		"wanted", "seek", "seeks", "sought", "propose", "proposes", "proposed", "going",
		"about", "ready", "poised", "likely", "wish", "wishes", "try", "tries",
		"postponed", "delayed", "rescheduled", "adjourned", "deadline", "upcoming", "agreement",
		"agree", "agrees", "agreed", "decided", "decision", "offer", "offered", "offers":
		return true
	}
	return false
}

// planVerb reports whether w is the past form of a verb of planning whose object is an event
// still to come ("planned a rally on Saturday", "scheduled a vote for Friday").
func planVerb(w string) bool {
	switch w {
	case "planned", "scheduled", "rescheduled", "slated", "intended":
		return true
	}
	return false
}

// tense returns the tense of the clause that the expression at units [start, end) modifies:
// tPast, tPastPerfect, tPresent, tFuture or tNone when no verb governs it.
func (m *matcher) tense(start, end int) int {
	d := m.d
	first, last := int(m.us[start].tok), int(m.us[end-1].tok)
	si := int(m.us[start].sentence)
	lo, hi := 0, len(d.Tokens)
	if si < len(d.Sentences) {
		lo, hi = d.Sentences[si].First, d.Sentences[si].Last
	}
	if first < lo || last >= hi {
		lo, hi = 0, len(d.Tokens)
	}
	if m.clauseInitial(first, lo) {
		if t, ok := m.scanRight(last+1, hi); ok {
			return t
		}
		if t, ok := m.scanLeft(first-1, lo); ok {
			return t
		}
		return tNone
	}
	if t, ok := m.scanLeft(first-1, lo); ok {
		return t
	}
	if t, ok := m.scanRight(last+1, hi); ok {
		return t
	}
	return tNone
}

// clauseInitial reports whether the expression starting at token first opens a clause: it
// starts the sentence or follows a comma, colon, quote, "that" or a conjunction, possibly
// through a preposition ("that on Friday the group will meet").
func (m *matcher) clauseInitial(first, lo int) bool {
	k := first - 1
	var buf [16]byte
	if k >= lo {
		switch m.tokWord(buf[:], k) {
		case "on", "by", "until", "since", "in", "late", "early", "earlier", "later", "as", "of",
			"from", "before", "after", "till", "during", "at":
			k--
		}
	}
	if k < lo {
		return true
	}
	tok := &m.d.Tokens[k]
	switch m.text[tok.Start:tok.End] {
	case ",", ":", ";", "\"", "``", "''", "“", "”", "--", "—", "_":
		return true
	}
	switch m.tokWord(buf[:], k) {
	case "that", "and", "but", "when", "while", "because", "if", "so", "then":
		return true
	}
	return false
}

// maxScan is how far (in tokens) the governing verb is looked for on either side.
const maxScan = 15

// scanLeft looks for the nearest verb group ending before token k+1 (down to lo) and returns
// its tense.
func (m *matcher) scanLeft(k, lo int) (int, bool) {
	for j := k; j >= lo && j > k-maxScan; j-- {
		tok := &m.d.Tokens[j]
		if w := m.text[tok.Start:tok.End]; w == ";" || w == ":" {
			break
		}
		switch m.vclass(j) {
		case vNone, vTo:
			continue
		case vGer, vBase:
			// a participle or bare verb counts only with its auxiliary
			if t, ok := m.group(j); ok {
				return t, true
			}
			continue
		}
		if t, ok := m.group(j); ok {
			if t == tPast && m.plansObject(j) {
				t = tFuture
			}
			return t, true
		}
	}
	return tNone, false
}

// plansObject reports whether token h is a past verb of planning followed by its object, an
// event still to come: "protesters planned a large demonstration on Saturday" (but not
// "planned to pay", "a service planned at the university").
func (m *matcher) plansObject(h int) bool {
	var buf [16]byte
	if !planVerb(m.tokWord(buf[:], h)) || h+1 >= len(m.d.Tokens) {
		return false
	}
	switch m.d.Tokens[h+1].POS {
	case "DT", "PRP$", "JJ", "NN", "NNS", "CD":
		return true
	}
	return false
}

// scanRight returns the tense of the first verb group at or after token k (up to hi).
func (m *matcher) scanRight(k, hi int) (int, bool) {
	for j := k; j < hi && j < k+maxScan; j++ {
		tok := &m.d.Tokens[j]
		if w := m.text[tok.Start:tok.End]; w == ";" || w == ":" {
			break
		}
		switch m.vclass(j) {
		case vModal, vPast, vPres, vPart:
			// the group's head is the last verb of the run (not an infinitive after it)
			h := j
			for h+1 < hi && (m.vclass(h+1) != vNone && m.vclass(h+1) != vTo || m.isAdverbInGroup(h+1) && h+2 < hi && m.vclass(h+2) != vNone && m.vclass(h+2) != vTo) {
				h++
			}
			if t, ok := m.group(h); ok {
				return t, true
			}
		}
	}
	return tNone, false
}

// group returns the tense of the verb group whose last verb is token h.
func (m *matcher) group(h int) (int, bool) {
	// Walk left over the group: verbs, modals, "to" and adverbs inside it.
	l := h
	for j := h - 1; j >= 0 && j >= h-6; j-- {
		c := m.vclass(j)
		if c == vTo || m.isTo(j) && m.vclass(j+1) != vNone {
			l = j // an infinitive: its tense comes from the verb it depends on
			break
		}
		if c == vNone && !m.isAdverbInGroup(j) {
			break
		}
		if c != vNone {
			l = j
		}
	}
	var buf [16]byte
	headWord := m.tokWord(buf[:], h)
	hc := m.vclass(h)
	// Find the first element.
	var hasHad, hasGoing bool
	for j := l; j <= h; j++ {
		var b2 [16]byte
		switch w := m.tokWord(b2[:], j); w {
		case "had", "'d", "hadn't":
			if m.vclass(j) == vPast || m.d.Tokens[j].POS == "" {
				hasHad = true
			}
		case "going", "gon":
			hasGoing = true
		}
	}
	fc := m.vclass(l)
	if m.isTo(l) {
		fc = vTo
	}
	switch fc {
	case vModal:
		var b2 [16]byte
		if m.tokWord(b2[:], l) == "could" {
			return tNone, true
		}
		return tFuture, true
	case vTo:
		return m.infinitive(l)
	case vPast:
		if hasHad && l != h {
			return tPastPerfect, true
		}
		if hasGoing || intentWord(headWord) && hc == vPart {
			return tFuture, true // "was going to", "was expected", "was scheduled for"
		}
		return tPast, true
	case vPres:
		if hasGoing || intentWord(headWord) && hc == vPart {
			return tFuture, true
		}
		if l != h && hc == vPart {
			var b2 [16]byte
			switch m.tokWord(b2[:], l) {
			case "has", "have", "'ve", "’ve", "hasn't", "haven't":
				return tPast, true // present perfect
			}
		}
		return tPresent, true
	case vPart:
		if intentWord(headWord) {
			return tFuture, true
		}
		return tPast, true
	case vBase:
		// A bare verb right after its subject is a present form the tagger took for a base
		// form ("Arafat meet/VB separately Monday").
		if l == h && l > 0 && m.subjectBefore(l) {
			return tPresent, true
		}
	}
	return tNone, false
}

// subjectBefore reports whether the token before k is a noun or personal pronoun (by its POS
// tag), as the subject of a verb at k is. A singular common noun is not: a base form after it
// is no present tense ("The phone call/VB …" is a noun the tagger took for a verb).
func (m *matcher) subjectBefore(k int) bool {
	p := m.d.Tokens[k-1].POS
	switch p {
	case "NNS", "NNP", "NNPS", "PRP":
		return true
	}
	return false
}

func (m *matcher) isTo(k int) bool {
	tok := &m.d.Tokens[k]
	return tok.End-tok.Start == 2 && (m.text[tok.Start] == 't' || m.text[tok.Start] == 'T') && m.text[tok.Start+1] == 'o'
}

// infinitive returns the tense of an infinitive whose "to" is token k: the future after a verb,
// adjective or noun of intention ("plans to", "ready to", "is due to"), unless that one is in
// the past perfect ("had been scheduled to expire Friday"); else the tense of the verb it depends
// on ("travelled to Nairobi to meet…", "was kidnapped … to make the trip").
func (m *matcher) infinitive(k int) (int, bool) {
	j := k - 1
	for j >= 0 && m.isAdverbInGroup(j) {
		j--
	}
	if j < 0 {
		return tNone, false
	}
	var buf [16]byte
	w := m.tokWord(buf[:], j)
	c := m.vclass(j)
	if intentWord(w) {
		v := j
		if c == vNone && j > 0 && m.vclass(j-1) != vNone {
			v = j - 1 // "had been due to expire": the copula's group
		}
		if m.vclass(v) != vNone {
			if t, ok := m.group(v); ok && t == tPastPerfect {
				return tPastPerfect, true
			}
		}
		return tFuture, true
	}
	if c != vNone && c != vTo {
		if t, ok := m.group(j); ok {
			return t, true
		}
	}
	lo := 0
	if si := m.d.SentenceOf(k); si >= 0 && si < len(m.d.Sentences) {
		lo = m.d.Sentences[si].First
	}
	return m.scanLeft(j-1, lo)
}
