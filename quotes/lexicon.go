package quotes

import (
	"chronicle/quotes/internal/feat"
)

// Word flags: closed-class knowledge the rules need. Open-class knowledge (which words are
// cues, which words are part of a source) is learned from PolNeAR (model.go).
const (
	fPron      uint32 = 1 << iota // personal pronoun that can be a speaker: he she they I we you it
	fPronPl                       // plural pronoun: they we
	fPronSg                       // singular person pronoun: he she I
	fThat                         // that
	fRel                          // relative pronoun: who which that whom
	fAux                          // auxiliary or modal
	fAdv                          // adverb that sits between a speaker and a cue: also, later, again
	fDet                          // determiner or possessive
	fPrep                         // preposition
	fConj                         // coordinating conjunction: and but or
	fSubord                       // subordinator that opens a clause: because although if when while as
	fAccording                    // "according"
	fTitle                        // title or role noun that names a speaker: spokesman, aide, official
	fMedia                        // a noun naming a report: report, statement, interview, poll
	fTime                         // a time word: Monday … Sunday, today, yesterday, week, month, year
	fReport                       // a verb reporting a publication: reported, reports, quoted, cited
	fStart                        // sentence adverb or connective: however, meanwhile, but, and, so
	fAgent                        // an agentive noun in a reporting chain: sources, officials, people
	fNeg                          // not, n't, never
)

// lexTable is an open-addressing hash table from word hashes to flags: one probe for most
// words, no string building.
type lexTable struct {
	keys []uint64
	vals []uint32
	mask uint64
}

func newLexTable(m map[uint64]uint32) *lexTable {
	n := 1
	for n < 4*len(m) {
		n *= 2
	}
	t := &lexTable{keys: make([]uint64, n), vals: make([]uint32, n), mask: uint64(n - 1)}
	for k, v := range m {
		i := k & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.vals[i] = k, v
	}
	return t
}

// get returns the flags of the word with hash h (0 when unknown).
func (t *lexTable) get(h uint64) uint32 {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

var lexicon = newLexTable(func() map[uint64]uint32 {
	m := make(map[uint64]uint32, 512)
	add := func(flag uint32, words ...string) {
		for _, w := range words {
			m[feat.Hash(w)] |= flag
		}
	}
	add(fPron, "he", "she", "they", "i", "we", "you", "it")
	add(fPronPl, "they", "we")
	add(fPronSg, "he", "she", "i")
	add(fThat, "that")
	add(fRel, "who", "which", "that", "whom", "whose")
	add(fAux, "has", "have", "had", "having", "will", "would", "could", "can", "may", "might",
		"must", "shall", "should", "is", "was", "are", "were", "be", "been", "being", "am",
		"does", "did", "do", "'s", "’s", "'ve", "’ve", "'d", "’d", "'ll", "’ll", "'re", "’re", "'m", "’m")
	add(fNeg, "not", "n't", "n’t", "never")
	add(fAdv, "also", "later", "again", "previously", "recently", "repeatedly", "publicly",
		"reportedly", "then", "since", "once", "often", "already", "frequently", "privately",
		"separately", "subsequently", "initially", "earlier", "now", "still", "even", "just",
		"further", "openly", "explicitly", "specifically", "long", "first", "quickly", "flatly",
		"simply", "actually", "ultimately", "finally", "reportedly", "allegedly", "apparently",
		"famously", "recently", "loudly", "angrily", "sharply", "tearfully", "jokingly",
		"bluntly", "emphatically", "firmly", "strongly", "clearly", "personally", "directly",
		"once", "twice", "not", "n't", "n’t", "never", "always", "immediately", "officially",
		"formally", "originally", "has", "have", "had", "will", "would", "could", "may", "might",
		"must", "should", "did", "does", "do", "is", "was", "are", "were", "be", "been")
	add(fDet, "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
		"our", "my", "your", "some", "many", "several", "most", "both", "all", "each", "every",
		"another", "other", "no", "any", "one", "two", "three", "few", "more")
	add(fPrep, "in", "on", "at", "of", "for", "to", "with", "from", "by", "about", "during",
		"after", "before", "since", "into", "over", "under", "against", "through", "via", "without",
		"between", "among", "amid", "toward", "towards", "upon", "outside", "inside", "near", "like")
	add(fConj, "and", "but", "or", "nor", "yet", "so")
	add(fSubord, "because", "although", "though", "if", "when", "while", "as", "since", "unless",
		"whereas", "whether", "where", "after", "before", "until", "once")
	add(fAccording, "according")
	add(fTitle, "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "official",
		"officials", "adviser", "advisor", "advisers", "advisors", "minister", "president",
		"secretary", "chairman", "chairwoman", "chair", "director", "chief", "leader", "governor",
		"senator", "representative", "ambassador", "envoy", "diplomat", "diplomats", "source",
		"sources", "analyst", "analysts", "spokespeople", "strategist", "manager", "lawyer",
		"attorney", "candidate", "nominee", "mayor", "prime", "premier", "general", "commander",
		"officer", "executive", "ceo", "founder", "economist", "expert", "experts", "professor",
		"congressman", "congresswoman", "lawmaker", "lawmakers", "campaign", "press",
		"deputy", "counterpart", "king", "queen", "prince", "pope", "chancellor", "judge",
		"prosecutor", "prosecutors", "police", "investigators", "witness", "witnesses",
		"president-elect", "vice-president", "commissioner", "negotiator", "legislator", "sheriff",
		"councillor", "councilman", "councilwoman", "superintendent")
	add(fMedia, "report", "reports", "statement", "statements", "interview", "interviews",
		"poll", "polls", "survey", "surveys", "letter", "post", "tweet", "video", "footage",
		"transcript", "release", "memo", "documents", "document", "filing", "briefing",
		"broadcast", "article", "story", "column", "op-ed", "editorial", "blog", "email",
		"emails", "study", "data", "figures", "records", "account", "speech", "remarks")
	add(fTime, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"today", "yesterday", "tonight", "week", "month", "year", "morning", "afternoon",
		"evening", "night", "weekend", "earlier", "later", "recently", "last", "this", "next")
	add(fReport, "reported", "reports", "report", "reporting", "quoted", "quoting", "cited",
		"citing", "wrote", "writes", "said", "says", "according")
	add(fStart, "however", "meanwhile", "but", "and", "so", "still", "yet", "also", "instead",
		"indeed", "moreover", "furthermore", "besides", "then", "now", "thus", "therefore",
		"separately", "similarly", "likewise", "nevertheless", "nonetheless", "or", "because")
	add(fAgent, "sources", "source", "officials", "official", "people", "person", "insiders",
		"aides", "diplomats", "analysts", "experts", "witnesses")
	return m
}())
