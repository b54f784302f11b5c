package events

import (
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
