package events

import (
	"strings"

	"chronicle"
	"chronicle/text"
)

// modality returns the one modality of verb group vg by DESIGN.md's precedence (negated,
// hypothetical, hedged, future, asserted), from its auxiliaries ("will not", "may", "could"),
// the words just before it ("plans to", "is expected to", "denied", "refused to") and cues in
// the sentence before it ("if", "reportedly", "according to … sources").
func modality(sc *scratch, vg *vgroup, src string, toks []text.Token) string {
	best := chronicle.Asserted
	set := func(m string) {
		if chronicle.ModalityRank(m) < chronicle.ModalityRank(best) {
			best = m
		}
	}
	if vg.neg {
		set(chronicle.Negated)
	}
	f := vg.flags
	if f&fHedge != 0 {
		set(chronicle.Hedged)
	}
	if f&fHypo != 0 {
		set(chronicle.Hypothetical)
	}
	if f&fFuture != 0 {
		set(chronicle.Future)
	}
	// Words right before the chain: "plans to", "is expected to", "denied", "refused to".
	for k := vg.cs - 1; k >= 0 && k >= vg.cs-4; k-- {
		w := string(sc.upper(src[toks[k].Start:toks[k].End]))
		switch w {
		case "DENIED", "DENIES", "DENY", "REFUSED", "REFUSES", "FAILED", "DECLINED", "REJECTED":
			set(chronicle.Negated)
		case "NOT", "N'T", "NEVER":
			set(chronicle.Negated)
		case "WOULD":
			set(chronicle.Future)
		case "SAID", "BELIEVED", "REPORTED", "THOUGHT", "RUMORED", "RUMOURED", "ALLEGED":
			if vg.infinite {
				set(chronicle.Hedged) // "is said to", "is believed to"
			}
		}
		if sc.flags[k]&fPlanVerb != 0 && vg.infinite {
			set(chronicle.Future)
		}
		if sc.flags[k]&fHedge != 0 {
			set(chronicle.Hedged)
		}
		if sc.cls[k] == cComma || sc.cls[k] == cPunct {
			break
		}
	}
	// "would" in the chain: reported intention.
	for k := vg.cs; k < vg.vs; k++ {
		w := string(sc.upper(src[toks[k].Start:toks[k].End]))
		switch w {
		case "WOULD":
			set(chronicle.Future)
		case "GOING", "ABOUT":
			set(chronicle.Future)
		}
	}
	// "X denied (a report) that …": what the that-clause says did not happen.
	denial := false
	for k := 0; k < vg.cs; k++ {
		switch string(sc.upper(src[toks[k].Start:toks[k].End])) {
		case "DENIED", "DENIES", "DENY", "DENYING", "DISMISSED", "REFUTED", "REJECTED":
			denial = true
		case "THAT":
			if denial {
				set(chronicle.Negated)
			}
		}
	}
	// Headline style "Trump to visit China": an infinitive after a name with no finite verb
	// before it announces what is to come.
	if to := infinitiveTo(vg, toks); to >= 1 && headlineInfinitive(toks[:to+1], src) {
		set(chronicle.Future)
	}
	// Sentence cues before the verb.
	for k := 0; k < vg.cs; k++ {
		w := string(sc.upper(src[toks[k].Start:toks[k].End]))
		switch {
		case sc.cls[k] == cSub && sc.flags[k]&fHypo != 0:
			set(chronicle.Hypothetical)
		case sc.cls[k] == cAdv && sc.flags[k]&fHedge != 0:
			set(chronicle.Hedged)
		case w == "ACCORDING" || w == "REPORTEDLY" || w == "ALLEGEDLY" || w == "RUMORED" || w == "RUMOURED":
			set(chronicle.Hedged)
		}
	}
	// "is said to", "is believed to", "is reported to".
	for k := vg.cs; k+1 < vg.vs; k++ {
		w := string(sc.upper(src[toks[k].Start:toks[k].End]))
		if w == "SAID" || w == "BELIEVED" || w == "REPORTED" || w == "THOUGHT" || w == "RUMORED" {
			set(chronicle.Hedged)
		}
	}
	return best
}

// infinitiveTo returns the index of the "to" of an infinitive verb group, or -1.
func infinitiveTo(vg *vgroup, toks []text.Token) int {
	switch {
	case vg.cs < len(toks) && toks[vg.cs].POS == "TO":
		return vg.cs
	case vg.cs >= 1 && toks[vg.cs-1].POS == "TO":
		return vg.cs - 1
	}
	return -1
}

// headlineInfinitive reports whether toks, the words before an infinitive's chain, end in
// "NAME to" at the start of the sentence or after a reporting verb: the headline idiom for a
// future act ("Trump to visit China", "White House says Trump to speak with Xi"). It needs POS
// tags.
func headlineInfinitive(toks []text.Token, src string) bool {
	n := len(toks)
	if toks[n-1].POS != "TO" {
		return false
	}
	k := n - 2
	if k < 0 || !strings.HasPrefix(toks[k].POS, "NNP") {
		return false
	}
	for k >= 0 && (strings.HasPrefix(toks[k].POS, "NN") || toks[k].POS == "JJ" || toks[k].POS == "DT" || toks[k].POS == "POS") {
		k--
	}
	if k < 0 {
		return true
	}
	switch strings.ToLower(src[toks[k].Start:toks[k].End]) {
	case "says", "said", "say", "announces", "confirms", "expects":
		return true
	}
	return false
}
