package cluster

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"chronicle"
	"chronicle/text"
)

// Count claims: a sentence that counts events of a pair of actors over a period, as an
// ordinal ("This was the two leaders' sixth publicly known conversation since Trump's
// inauguration in January") or a cardinal ("the two presidents have spoken by phone three
// times this year"). Claims extracts them from a stored article; Check compares one with the
// stored timeline.

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20,
}

var cardinals = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}

// nouns name what a claim counts.
var nouns = map[string]string{
	"call": "call", "calls": "call", "conversation": "call", "conversations": "call",
	"phonecall": "call", "phonecalls": "call",
	"meeting": "meet", "meetings": "meet", "summit": "meet", "summits": "meet",
	"encounter": "meet", "encounters": "meet", "visit": "meet", "visits": "meet",
	"talks": "consult", "contact": "consult", "contacts": "consult",
}

// modifiers may stand between the number and the noun ("sixth publicly known phone call").
var modifiers = map[string]bool{
	"publicly": true, "known": true, "public": true, "phone": true, "telephone": true,
	"in-person": true, "in": true, "person": true, "face-to-face": true, "face": true, "to": true,
	"direct": true, "official": true, "formal": true, "bilateral": true, "such": true, "-": true,
	"round": true, "of": true, "video": true, "high-level": true, "known-": true, "reported": true,
	"confirmed": true, "announced": true, "lengthy": true, "telephonic": true,
}

// speaking verbs of a cardinal claim ("have spoken three times").
var verbs = map[string]string{
	"spoken": "call", "spoke": "call", "talked": "call", "conversed": "call", "phoned": "call",
	"called": "call", "met": "meet", "meet": "meet",
}

// actCode is the CAMEO code a counted act stands for.
func actCode(act string) string {
	switch act {
	case "call":
		return "041"
	case "meet":
		return "042"
	}
	return "040"
}

// Claims extracts the count claims of an article (after the pipeline or from the store: offsets
// in code points). Claim ids are k1, k2, … in text order.
func Claims(a *chronicle.Article) []chronicle.Claim {
	if !mayClaim(a.Text) {
		return nil
	}
	d := text.Segment(a.Text)
	var out []chronicle.Claim
	for _, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		if len(toks) == 0 {
			continue
		}
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = strings.ToLower(d.Text[t.Start:t.End])
		}
		c, first, last, ok := matchClaim(words)
		if !ok {
			continue
		}
		sb, se := int(toks[0].Start), int(toks[len(toks)-1].End)
		cb, ce := int(toks[first].Start), int(toks[last].End)
		sent := d.Text[sb:se]
		c.Article, c.Date = a.ID, a.Date
		c.Text = sent
		c.Span = chronicle.Span{Start: cp(a, cb), End: cp(a, ce), Text: d.Text[cb:ce]}
		c.Code = actCode(c.Act)
		c.To = a.Date
		c.From = period(a, words, toks, sb, se)
		c.Actors, c.Keys = claimActors(a, c.Act, cp(a, sb), cp(a, se))
		c.ID = "k" + strconv.Itoa(len(out)+1)
		out = append(out, c)
	}
	return out
}

// cp converts a byte offset into a.Text to the article's offset unit.
func cp(a *chronicle.Article, b int) int {
	if a.Offsets == chronicle.Bytes {
		return b
	}
	return chronicle.CodePointOffset(a.Text, b)
}

// mayClaim is a cheap pre-filter: a claim needs a counting word.
func mayClaim(s string) bool {
	for _, w := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "times", "twice", "once", "th ", "calls", "meetings", "conversations"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// periodCue reports whether a sentence says over which period it counts, or between whom.
func periodCue(words []string) bool {
	for i, w := range words {
		switch w {
		case "since", "so", "to", "their", "between", "both":
			if w == "so" && (i+1 >= len(words) || words[i+1] != "far") {
				continue
			}
			if w == "to" && (i+1 >= len(words) || words[i+1] != "date") {
				continue
			}
			return true
		case "this":
			if i+1 < len(words) && words[i+1] == "year" {
				return true
			}
		case "leaders", "presidents", "leaders'", "presidents'":
			if i > 0 && words[i-1] == "two" {
				return true
			}
		}
	}
	return false
}

// ordinalValue reads "sixth" or "6th".
func ordinalValue(w string) (int, bool) {
	if n, ok := ordinals[w]; ok {
		return n, true
	}
	if len(w) > 2 {
		switch w[len(w)-2:] {
		case "st", "nd", "rd", "th":
			if n, err := strconv.Atoi(w[:len(w)-2]); err == nil && n > 0 && n < 1000 {
				return n, true
			}
		}
	}
	return 0, false
}

func cardinalValue(w string) (int, bool) {
	if n, ok := cardinals[w]; ok {
		return n, true
	}
	if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 1000 {
		return n, true
	}
	return 0, false
}

// matchClaim finds a count claim in a sentence's lower-cased words and returns it with the
// token range of its count phrase.
func matchClaim(words []string) (c chronicle.Claim, first, last int, ok bool) {
	if !periodCue(words) {
		return c, 0, 0, false
	}
	inPerson := func(lo, hi int) bool {
		for _, w := range words[lo:hi] {
			if w == "in-person" || w == "person" || w == "face-to-face" || w == "face" {
				return true
			}
		}
		return false
	}
	for i, w := range words {
		// Ordinal or cardinal followed by modifiers and a noun.
		n, isOrd := ordinalValue(w)
		isCard := false
		if !isOrd {
			n, isCard = cardinalValue(w)
		}
		if isOrd || isCard {
			j := i + 1
			for j < len(words) && j < i+6 && modifiers[words[j]] {
				j++
			}
			if j < len(words) {
				noun := words[j]
				if (noun == "phone" || noun == "telephone") && j+1 < len(words) && nouns[words[j+1]] != "" {
					j++
					noun = words[j]
				}
				if act, found := nouns[noun]; found {
					if inPerson(i, j) && (act == "call" || act == "consult") {
						act = "meet"
					}
					if noun == "talks" && j > i+1 && (words[j-1] == "phone" || words[j-1] == "telephone") {
						act = "call"
					}
					kind := "ordinal"
					if isCard {
						kind = "cardinal"
						if strings.HasSuffix(noun, "s") == false && n > 1 {
							continue
						}
					}
					return chronicle.Claim{Count: n, Kind: kind, Act: act}, i, j, true
				}
			}
		}
		// A speaking verb ... N times / twice / once.
		if act, found := verbs[w]; found {
			for j := i + 1; j < len(words) && j < i+8; j++ {
				var n int
				end := j
				switch {
				case words[j] == "twice":
					n = 2
				case words[j] == "once":
					n = 1
				case j+1 < len(words) && words[j+1] == "times":
					if v, ok := cardinalValue(words[j]); ok {
						n, end = v, j+1
					}
				}
				if n > 0 {
					if act == "call" && inPerson(i, end) {
						act = "meet"
					}
					return chronicle.Claim{Count: n, Kind: "cardinal", Act: act}, i, end, true
				}
			}
		}
	}
	return c, 0, 0, false
}

// period returns the start of the counting period: the date of the time expression after
// "since" ("since Trump's inauguration in January" → 2025-01-01), the first day of the year
// for "this year", else "" (open).
func period(a *chronicle.Article, words []string, toks []text.Token, sb, se int) string {
	since := -1
	for i, w := range words {
		if w == "since" {
			since = int(toks[i].End)
			break
		}
	}
	for _, t := range sortedTimexes(a) {
		b := byteOff(a, t.Start)
		if b < sb || b >= se {
			continue
		}
		if since >= 0 && b < since {
			continue
		}
		if since < 0 && !strings.Contains(strings.ToLower(t.Text), "year") {
			continue
		}
		if s, _, ok := chronicle.DateRange(t.Value); ok {
			return s.Format(chronicle.DateLayout)
		}
	}
	for i, w := range words {
		if w == "this" && i+1 < len(words) && words[i+1] == "year" && len(a.Date) >= 4 {
			return a.Date[:4] + "-01-01"
		}
	}
	return ""
}

func byteOff(a *chronicle.Article, off int) int {
	if a.Offsets == chronicle.Bytes {
		return off
	}
	return chronicle.ByteOffset(a.Text, off)
}

func sortedTimexes(a *chronicle.Article) []chronicle.Timex {
	ts := append([]chronicle.Timex(nil), a.Timexes...)
	sort.Slice(ts, func(i, j int) bool { return ts[i].Start < ts[j].Start })
	return ts
}

// EventArgKey is the identity key of an event argument of article a, as the store records it:
// the argument's own name, else its entity's canonical name and Wikidata id.
func EventArgKey(a *chronicle.Article, arg chronicle.EventArg) (key, name string) {
	if arg.Name != "" {
		return ArgKey(arg, ""), arg.Name
	}
	for i := range a.Entities {
		if e := &a.Entities[i]; e.ID == arg.Entity && arg.Entity != "" {
			x := arg
			x.Name = e.Name
			return ArgKey(x, e.KB), e.Name
		}
	}
	n := arg.Text
	if n == "" {
		n = arg.Actor
	}
	return ArgKey(arg, ""), n
}

// claimActors finds the two actors a claim counts events between: the pair of the article's
// consultation events (those in the claim's sentence first, asserted before others, the most
// frequent pair), else the two people the sentence names, else the article's two most
// mentioned people with an actor code.
func claimActors(a *chronicle.Article, act string, ss, se int) ([]string, []string) {
	type pair struct{ k1, k2, n1, n2 string }
	score := map[[2]string]int{}
	names := map[[2]string]pair{}
	for _, v := range a.Events {
		if rootOf(v.Code, v.Root) != "04" {
			continue
		}
		k1, n1 := EventArgKey(a, v.Source)
		k2, n2 := EventArgKey(a, v.Target)
		if k1 == "" || k2 == "" || k1 == k2 {
			continue
		}
		if k2 < k1 {
			k1, k2, n1, n2 = k2, k1, n2, n1
		}
		k := [2]string{k1, k2}
		w := 1
		if v.Modality == chronicle.Asserted {
			w += 2
		}
		if compatible(MentionAct(&chronicle.Mention{Event: v}), actOf(act)) {
			w += 2
		}
		if v.Sentence.Start >= ss && v.Sentence.End <= se && v.Sentence.End > v.Sentence.Start {
			w += 10
		}
		score[k] += w
		names[k] = pair{k1, k2, n1, n2}
	}
	if len(score) > 0 {
		var best [2]string
		bn := -1
		for k, n := range score {
			if n > bn || n == bn && (k[0] < best[0] || k[0] == best[0] && k[1] < best[1]) {
				best, bn = k, n
			}
		}
		p := names[best]
		return []string{p.n1, p.n2}, []string{p.k1, p.k2}
	}
	// People: in the sentence first, else the article's most mentioned with an actor code.
	type person struct {
		key, name string
		n, first  int
	}
	pick := func(inSentence bool) ([]string, []string) {
		var ps []person
		seen := map[string]bool{}
		for _, e := range a.Entities {
			if e.Type != chronicle.PER || (!inSentence && e.Actor == "") {
				continue
			}
			n, first := 0, -1
			for _, m := range e.Mentions {
				if !inSentence || m[0] >= ss && m[1] <= se {
					n++
					if first < 0 {
						first = m[0]
					}
				}
			}
			if n == 0 {
				continue
			}
			k := ArgKey(chronicle.EventArg{Name: e.Name, Actor: e.Actor, Text: e.Text}, e.KB)
			if seen[k] {
				continue
			}
			seen[k] = true
			ps = append(ps, person{k, e.Name, n, first})
		}
		sort.Slice(ps, func(i, j int) bool {
			if inSentence {
				return ps[i].first < ps[j].first
			}
			if ps[i].n != ps[j].n {
				return ps[i].n > ps[j].n
			}
			return ps[i].first < ps[j].first
		})
		if len(ps) < 2 {
			return []string{}, []string{}
		}
		k := []string{ps[0].key, ps[1].key}
		n := []string{ps[0].name, ps[1].name}
		if k[1] < k[0] {
			k[0], k[1], n[0], n[1] = k[1], k[0], n[1], n[0]
		}
		return n, k
	}
	if n, k := pick(true); len(k) == 2 {
		return n, k
	}
	return pick(false)
}

// actOf maps a claim's act to the Act of the codes it counts ("" for any consultation).
func actOf(act string) string {
	if act == "consult" {
		return ""
	}
	return act
}

// Counts reports whether a cluster is one of the events a claim counts: an asserted
// consultation of the claim's act dated inside the claim's period.
func Counts(c *chronicle.Claim, e *chronicle.Cluster) bool {
	if e.Modality != chronicle.Asserted || e.Root != "04" {
		return false
	}
	act := e.Act
	if act == "" {
		act = Act(e.Code)
	}
	if a := actOf(c.Act); a != "" && act != a {
		return false
	}
	return (c.From == "" || e.DateStart >= c.From) && (c.To == "" || e.DateEnd <= c.To)
}

// Check compares a claim with the store's timeline and sets its Status, Known, Events and
// Note: consistent when the store knows exactly Count such events of the pair in the period,
// inconsistent when it knows another number, unverifiable when the claim's actors are unknown
// or the store knows no such event at all.
func Check(ctx context.Context, st chronicle.Store, c *chronicle.Claim) error {
	c.Events = []string{}
	c.Known = 0
	if len(c.Keys) != 2 || c.Keys[0] == "" || c.Keys[1] == "" {
		c.Status, c.Note = chronicle.Unverifiable, "the actors counted are not known"
		return nil
	}
	cs, err := st.Timeline(ctx, chronicle.TimelineFilter{Keys: c.Keys, Code: "04", Modality: []string{chronicle.Asserted}, From: c.From, To: c.To})
	if err != nil {
		return fmt.Errorf("cluster.Check(%s %s): %w", c.Article, c.ID, err)
	}
	for i := range cs {
		if Counts(c, &cs[i]) {
			c.Events = append(c.Events, cs[i].ID)
		}
	}
	c.Known = len(c.Events)
	what := map[string]string{"call": "calls", "meet": "meetings", "consult": "contacts"}[c.Act]
	span := "since " + c.From
	if c.From == "" {
		span = "in all"
	}
	switch {
	case c.Known == 0:
		c.Status, c.Note = chronicle.Unverifiable, fmt.Sprintf("the store knows no %s between them %s up to %s", what, span, c.To)
	case c.Known == c.Count:
		c.Status, c.Note = chronicle.Consistent, fmt.Sprintf("the store knows %d %s between them %s up to %s", c.Known, what, span, c.To)
	default:
		c.Status, c.Note = chronicle.Inconsistent, fmt.Sprintf("the store knows %d %s between them %s up to %s, not %d", c.Known, what, span, c.To, c.Count)
	}
	return nil
}
