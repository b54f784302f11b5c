package quotes

import (
	"slices"
	"strings"

	"chronicle"
	"chronicle/quotes/internal/feat"
	"chronicle/text"
)

// Speakers and reporting chains.
//
// A speaker span resolves to the entity of one of its mentions (the first that is not a
// possessive modifier: "Putin's aide Yuri Ushakov" is Ushakov), else, for a role noun ("a
// Kremlin aide", "the spokesman"), to the person that noun stands next to elsewhere in the
// article ("Putin's aide Yuri Ushakov"), else, for a pronoun, to the most recent salient person
// before it: the speaker of an earlier attribution or the first person named in a sentence.

// mention is one entity mention in byte offsets.
type mention struct {
	start, end int
	ent        int // index into ents
}

type resolver struct {
	x     *extractor
	ents  []chronicle.Entity
	ments []mention // sorted by start
	// resolved holds, per attribution, the mention its speaker resolved to (-1 none).
	resolved []int
}

func newResolver(x *extractor, ents []chronicle.Entity) *resolver {
	r := &resolver{x: x, ents: ents}
	for ei := range ents {
		e := &ents[ei]
		if len(e.Mentions) == 0 && e.End > e.Start {
			r.ments = append(r.ments, mention{e.Start, e.End, ei})
		}
		for _, m := range e.Mentions {
			if m[1] > m[0] {
				r.ments = append(r.ments, mention{m[0], m[1], ei})
			}
		}
	}
	slices.SortFunc(r.ments, func(a, b mention) int { return a.start - b.start })
	return r
}

// mentionFor returns the index of the mention a's speaker resolves to, or -1.
func (r *resolver) mentionFor(a *att) int {
	x := r.x
	if a.src0 < 0 || a.src1 <= a.src0 {
		return -1
	}
	bs, be := x.d.Span(a.src0, a.src1)
	// A mention inside the span.
	best := -1
	for mi := r.first(bs); mi < len(r.ments) && r.ments[mi].start < be; mi++ {
		m := r.ments[mi]
		if m.end > be {
			continue
		}
		if r.possessive(m.end) {
			if best < 0 {
				best = mi
			}
			continue
		}
		if best < 0 || r.possessive(r.ments[best].end) || r.typeRank(mi) < r.typeRank(best) {
			best = mi
		}
		if r.typeRank(mi) == 0 {
			break
		}
	}
	if best >= 0 && r.ents[r.ments[best].ent].Type == chronicle.PER {
		return best
	}
	last := a.src1 - 1
	if x.flags[last]&fPron != 0 && (a.src1-a.src0 == 1 || best < 0 && x.isPunct(last-1, ",")) {
		// "he", or a pronoun after words the span took in by mistake ("…costs, he said").
		return r.antecedent(last)
	}
	// A role noun ("a Kremlin aide", "the spokesman"): the person it stands for, else the
	// organisation or place that qualifies it.
	if x.flags[last]&fTitle != 0 {
		if m := r.byRole(a.src0, last); m >= 0 {
			return m
		}
	}
	if best < 0 {
		if m := r.byHead(a.src0, last); m >= 0 {
			return m
		}
	}
	return best
}

// unnamedRole reports a speaker phrase [s0, s1) that introduces someone by role alone: "a
// foreign ministry spokesman in Berlin", "an official", "the Nato spokesperson" (not "the
// Republican candidate", who is someone named before).
func (x *extractor) unnamedRole(s0, s1 int) bool {
	indefinite := s1 > s0 && (strings.EqualFold(x.word(s0), "a") || strings.EqualFold(x.word(s0), "an"))
	for i := s0; i < s1; i++ {
		if x.flags[i]&fTitle == 0 {
			continue
		}
		if indefinite {
			return true
		}
		for _, w := range unnamedTitles {
			if strings.EqualFold(x.word(i), w) {
				return true
			}
		}
	}
	return false
}

// unnamedTitles are the roles news gives people it does not name.
var unnamedTitles = []string{"spokesman", "spokeswoman", "spokesperson", "official", "source", "aide", "diplomat", "officer"}

// byHead resolves a definite description of an organisation ("the commission", "the
// ministry", "the appellate panel") whose head noun is token head: the most recent
// organisation mentioned in the five sentences before whose name ends in that noun ("the
// Wisconsin Elections Commission"). It returns -1 when none. ("The company" is left alone: the
// nearest organisation is as often a photo agency or a misread word as the company meant.)
func (r *resolver) byHead(s0, head int) int {
	x := r.x
	if head <= s0 || x.flags[head]&(fPron|fTitle) != 0 || x.toks[head].Cls != feat.ClsLower {
		return -1
	}
	if w := x.word(s0); !strings.EqualFold(w, "the") && !strings.EqualFold(w, "this") && !strings.EqualFold(w, "that") {
		return -1
	}
	for i := s0 + 1; i < head; i++ {
		if x.toks[i].Cls != feat.ClsLower || x.flags[i]&(fPrep|fConj|fSubord|fPron) != 0 {
			return -1 // "the head of the commission": not the organisation itself
		}
	}
	noun := x.word(head)
	pb := int(x.d.Tokens[s0].Start)
	lo := int(x.d.Sentences[max(0, x.d.SentenceOf(s0)-5)].Start)
	best := -1
	for mi := r.first(lo); mi < len(r.ments) && r.ments[mi].start < pb; mi++ {
		e := &r.ents[r.ments[mi].ent]
		if e.Type != chronicle.ORG {
			continue
		}
		name := e.Name
		if sp := strings.LastIndexByte(name, ' '); sp >= 0 {
			name = name[sp+1:]
		}
		if strings.EqualFold(name, noun) {
			best = mi
		}
	}
	return best
}

func (r *resolver) typeRank(mi int) int {
	switch r.ents[r.ments[mi].ent].Type {
	case chronicle.PER:
		return 0
	case chronicle.ORG:
		return 1
	case chronicle.MISC:
		return 2
	}
	return 3
}

// first returns the index of the first mention ending after byte b.
func (r *resolver) first(b int) int {
	i, _ := slices.BinarySearchFunc(r.ments, b, func(m mention, b int) int {
		if m.start < b {
			return -1
		}
		if m.start > b {
			return 1
		}
		return 0
	})
	for i > 0 && r.ments[i-1].end > b {
		i--
	}
	return i
}

// possessive reports whether the text at byte b is a possessive 's.
func (r *resolver) possessive(b int) bool {
	t := r.x.d.Text[b:]
	return strings.HasPrefix(t, "'s") || strings.HasPrefix(t, "\u2019s") || strings.HasPrefix(t, "'") && !strings.HasPrefix(t, "''")
}

// mentionAt returns the mention covering token i, or -1.
func (r *resolver) mentionAt(i int) int {
	t := r.x.d.Tokens[i]
	for mi := r.first(int(t.Start)); mi < len(r.ments) && r.ments[mi].start <= int(t.Start); mi++ {
		if r.ments[mi].end >= int(t.End) {
			return mi
		}
	}
	return -1
}

// antecedent resolves the pronoun at token p: the most recent person before it that is the
// speaker of an earlier attribution or the first person named in its sentence (outside
// quotations), within the three sentences before.
func (r *resolver) antecedent(p int) int {
	x := r.x
	plural := x.flags[p]&fPronPl != 0
	if x.flags[p]&(fPronSg|fPronPl) == 0 {
		return -1 // it, you
	}
	w := strings.ToLower(x.word(p))
	if w == "i" || w == "we" {
		return -1 // the author, or a quoted first person
	}
	pb := int(x.d.Tokens[p].Start)
	best, bestPos := -1, -1
	consider := func(mi int) {
		m := r.ments[mi]
		if m.start >= pb || m.start <= bestPos {
			return
		}
		typ := r.ents[m.ent].Type
		if plural && typ == chronicle.LOC || !plural && typ != chronicle.PER {
			return
		}
		best, bestPos = mi, m.start
	}
	// Speakers of earlier attributions; the latest that is an unnamed role ("a foreign ministry
	// spokesman in Berlin said") may be whom "he" means.
	role, roleAt := -1, -1
	for ai := range x.atts {
		a := &x.atts[ai]
		if a.src0 < 0 || a.src0 >= p {
			continue
		}
		if ai < len(r.resolved) && r.resolved[ai] >= 0 {
			consider(r.resolved[ai])
		}
		if !plural && x.unnamedRole(a.src0, a.src1) && a.src0 > roleAt && ai < len(r.resolved) &&
			(r.resolved[ai] < 0 || r.ents[r.ments[r.resolved[ai]].ent].Type != chronicle.PER) {
			role, roleAt = ai, a.src0
		}
	}
	// First person (or organisation, for they) named in each sentence before.
	si := x.d.SentenceOf(p)
	for s := si; s >= 0 && s >= si-3; s-- {
		sent := x.d.Sentences[s]
		found := false
		for mi := r.first(sent.Start); mi < len(r.ments) && r.ments[mi].start < sent.End; mi++ {
			m := r.ments[mi]
			if m.start >= pb {
				break
			}
			ti := x.d.TokenAt(m.start)
			if ti < len(x.in) && x.in[ti] >= 0 {
				continue
			}
			typ := r.ents[m.ent].Type
			if !plural && typ != chronicle.PER || plural && typ == chronicle.LOC {
				continue
			}
			if r.possessive(m.end) {
				continue
			}
			consider(mi)
			found = true
			break
		}
		if found {
			break
		}
	}
	if role >= 0 && int(x.d.Tokens[roleAt].Start) > bestPos && x.d.SentenceOf(p)-x.d.SentenceOf(roleAt) <= 1 {
		// The unnamed speaker just before is nearer than any person: "he" is that speaker,
		// whose organisation or place is all that is known of them.
		return r.resolved[role]
	}
	return best
}

// byRole resolves a role-noun speaker ("a Kremlin aide") whose head is token head: the person
// mention nearest to another occurrence of the same noun ("aide Yuri Ushakov", "Ushakov, an
// aide", "Ushakov, Putin's aide").
func (r *resolver) byRole(s0, head int) int {
	x := r.x
	hw := x.toks[head].W
	best, bestDist := -1, 1<<30
	// The organisation, place or group that qualifies the noun ("a Nato spokesman"): a person
	// named with the noun under another one ("Taliban spokesman Zabihullah Mujahid") is
	// someone else.
	qual := r.qualifier(s0, head)
	for i := range x.d.Tokens {
		if x.toks[i].W != hw || i >= s0 && i <= head {
			continue
		}
		if qual >= 0 {
			if q := r.qualifier(max(0, i-3), i); q >= 0 && !r.sameSide(q, qual) {
				continue
			}
		}
		// A person named right after the noun.
		for j := i + 1; j <= i+2 && j < len(x.d.Tokens); j++ {
			if mi := r.mentionAt(j); mi >= 0 && r.ents[r.ments[mi].ent].Type == chronicle.PER {
				if d := abs(i - head); d < bestDist {
					best, bestDist = mi, d
				}
				break
			}
		}
		// Or named before it: "Ushakov, an aide", "Ushakov, Putin's aide".
		for j := i - 1; j >= i-4 && j >= 0; j-- {
			if x.isPunct(j, ",") {
				if j > 0 {
					if mi := r.mentionAt(j - 1); mi >= 0 && r.ents[r.ments[mi].ent].Type == chronicle.PER {
						if d := abs(i - head); d < bestDist {
							best, bestDist = mi, d
						}
					}
				}
				break
			}
		}
	}
	if best >= 0 {
		return best
	}
	// An entity whose role holds the noun.
	noun := strings.ToLower(x.word(head))
	for ei := range r.ents {
		e := &r.ents[ei]
		if e.Type == chronicle.PER && e.Role != "" && strings.Contains(strings.ToLower(e.Role), noun) {
			if qual >= 0 && !strings.Contains(e.Role, firstWord(r.ents[qual].Name)) && !sameCountry(e.Actor, r.ents[qual].Actor) {
				continue // "spokesman for Taliban" is no Nato spokesman
			}
			for mi := range r.ments {
				if r.ments[mi].ent == ei {
					return mi
				}
			}
		}
	}
	return -1
}

// qualifier returns the entity (not a person) of the last mention inside tokens [a, b) — the
// organisation, place or group that qualifies a role noun at b ("Nato", "German", "the
// Taliban's") — or -1.
func (r *resolver) qualifier(a, b int) int {
	x := r.x
	q := -1
	if a >= b {
		return -1
	}
	lo, hi := int(x.d.Tokens[a].Start), int(x.d.Tokens[b-1].End)
	for mi := r.first(lo); mi < len(r.ments) && r.ments[mi].start < hi; mi++ {
		if m := r.ments[mi]; m.end <= hi && r.ents[m.ent].Type != chronicle.PER {
			q = m.ent
		}
	}
	return q
}

// sameSide reports whether entities a and b are one side: the same entity, names with the same
// first word ("UGI" and "UGI Utilities"), or actors of one country ("Kremlin" and "Russian").
func (r *resolver) sameSide(a, b int) bool {
	return a == b || strings.EqualFold(firstWord(r.ents[a].Name), firstWord(r.ents[b].Name)) || sameCountry(r.ents[a].Actor, r.ents[b].Actor)
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// sameCountry reports whether two actor codes name the same country (their first three letters).
func sameCountry(a, b string) bool {
	return len(a) >= 3 && len(b) >= 3 && a[:3] == b[:3] && a[:3] != "---"
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// resolveAll resolves every attribution's speaker in text order, so that pronouns can refer
// to earlier speakers.
func (r *resolver) resolveAll() {
	r.resolved = make([]int, len(r.x.atts))
	for i := range r.resolved {
		r.resolved[i] = -1
	}
	if len(r.ents) == 0 {
		return
	}
	order := make([]int, len(r.x.atts))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return r.x.atts[a].cue0 - r.x.atts[b].cue0 })
	for _, ai := range order {
		r.resolved[ai] = r.mentionFor(&r.x.atts[ai])
	}
}

// entityID returns the entity id attribution ai resolved to.
func (r *resolver) entityID(ai int) string {
	if ai < len(r.resolved) && r.resolved[ai] >= 0 {
		return r.ents[r.ments[r.resolved[ai]].ent].ID
	}
	return ""
}

// Reporting chains.

// parties returns the names in the source phrase [s0, s1) of a reporting chain, outermost
// first: each run of capitalised words ("a Bloomberg report" → "Bloomberg"), and an unnamed
// agent after a chain word ("quoting sources" → "sources").
func (x *extractor) parties(s0, s1 int, out []string) []string {
	i := s0
	for i < s1 {
		t := &x.d.Tokens[i]
		if t.Kind == text.Word && x.toks[i].Cls >= feat.ClsCap && x.toks[i].Cls <= feat.ClsUpper && x.flags[i]&(fDet|fPrep|fConj|fStart) == 0 {
			j := i + 1
			for j < s1 && x.d.Tokens[j].Kind == text.Word && (x.toks[j].Cls == feat.ClsCap || x.toks[j].Cls == feat.ClsUpper) {
				j++
			}
			out = append(out, x.text(i, j))
			i = j
			continue
		}
		if t.Kind == text.Word && x.flags[i]&fAgent != 0 && i > s0 && x.flags[i-1]&fReport != 0 {
			out = append(out, x.text(i, i+1))
		}
		i++
	}
	return out
}

func (x *extractor) text(first, last int) string {
	s, e := x.d.Span(first, last)
	return x.d.Text[s:e]
}

// isChain reports whether the source phrase [s0, s1) relays someone else ("a report quoting
// sources", "officials cited by Reuters").
func (x *extractor) isChain(s0, s1 int) bool {
	for i := s0; i < s1; i++ {
		switch strings.ToLower(x.word(i)) {
		case "quoting", "citing", "quoted", "cited", "according", "via":
			return true
		}
	}
	return false
}

// articleCredit returns the outlet the article credits in its lead ("…, Reuters reported",
// "(Reuters) -"), as the token range of the wrapper source, or (-1, -1).
func (x *extractor) articleCredit() (int, int) {
	d := x.d
	// The lead: the first three sentences (a headline and the first two of the body).
	lo := 0
	hi := d.Sentences[min(2, len(d.Sentences)-1)].Last
	for _, w := range x.wraps {
		if w.cue0 >= lo && w.cue0 < hi && w.media && w.src0 >= 0 {
			return w.src0, w.src1
		}
	}
	for ai := range x.atts {
		a := &x.atts[ai]
		if a.cue0 >= lo && a.cue0 < hi && a.src0 >= 0 && x.mediaCue(a) {
			return a.src0, a.src1
		}
	}
	// Dateline: "(Reuters) -".
	for i := lo; i+2 < hi && i < lo+30; i++ {
		if x.isPunct(i, "(") && x.isPunct(i+2, ")") && x.toks[i+1].Cls >= feat.ClsCap && x.toks[i+1].Cls <= feat.ClsUpper {
			return i + 1, i + 2
		}
	}
	return -1, -1
}

// via returns a's reporting chain: the article's credit, the wrappers around it (outermost
// first) and its own source's chain.
func (x *extractor) via(ai int, credit [2]int) []string {
	a := &x.atts[ai]
	out := make([]string, 0, 2)
	if credit[0] >= 0 && (a.src0 != credit[0] || a.src1 != credit[1]) {
		out = x.parties(credit[0], credit[1], out)
	}
	for _, w := range x.wraps {
		if a.cue0 < w.lo || a.cue0 >= w.hi || w.src0 == credit[0] && w.src1 == credit[1] {
			continue
		}
		if w.src0 >= 0 {
			out = x.parties(w.src0, w.src1, out)
		}
	}
	if a.src0 >= 0 && x.isChain(a.src0, a.src1) {
		out = x.parties(a.src0, a.src1, out)
	}
	return dedupe(out)
}

func dedupe(s []string) []string {
	k := 0
	for i, v := range s {
		if i > 0 && v == s[k-1] {
			continue
		}
		s[k] = v
		k++
	}
	return s[:k]
}

// sortQuotes orders quotes by where they begin (the earliest of content, cue and speaker).
func sortQuotes(qs []chronicle.Quote) {
	slices.SortStableFunc(qs, func(a, b chronicle.Quote) int { return quoteStart(&a) - quoteStart(&b) })
}

func quoteStart(q *chronicle.Quote) int {
	s := min(q.Content.Start, q.Cue.Start)
	if !q.Speaker.Empty() {
		s = min(s, q.Speaker.Start)
	}
	return s
}
