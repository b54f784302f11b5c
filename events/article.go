package events

import (
	"strconv"
	"strings"

	"chronicle"
	"chronicle/text"
)

// Code codes the events of an article: d is its segmented (and tagged) text, a the article
// with its Entities, Timexes and Quotes filled (byte offsets) and Date set. Entities with an
// actor code are the actors; the dictionary's actors and agents fill in the rest. Events get
// ids v1… in text order, their PLOVER category, one modality, a date (from the governing
// time expression, else the article's), the quote they sit in, a confidence and the pattern
// that produced them.
func (c *Coder) Code(d *text.Doc, a *chronicle.Article) []chronicle.Event {
	o := c.opt
	o.RequireDyad = false
	o.Statements = true
	pc := c.WithOptions(o)
	date := strings.ReplaceAll(a.Date, "-", "")
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)

	// Entity mentions by sentence.
	type em struct {
		s, e, ent int
		code      string
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
			bySent[si] = append(bySent[si], em{s: ts, e: te, ent: ei, code: e.Actor})
		}
	}
	var out []chronicle.Event
	phoneAt := -100
	var ents []entMention
	for si, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		ents = ents[:0]
		for _, m := range bySent[si] {
			if m.code == "" {
				continue
			}
			ents = append(ents, entMention{s: m.s - s.First, e: m.e - s.First, code: m.code, entity: m.ent})
		}
		if !pc.sentence(sc, d.Text, toks, date, ents) {
			return nil // a story discard: sports, entertainment …
		}
		phone := sentenceMentionsPhone(sc, d.Text, toks)
		if phone {
			phoneAt = si
		}
		for ei := range sc.evs {
			re := &sc.evs[ei]
			if re.code == "" || re.src.code == "" {
				continue
			}
			vg := &sc.vgs[re.vg]
			code := re.code
			switch {
			case code == "010" && phone:
				code = "041" // "told X … during a telephone conversation"
			case code == "010":
				continue
			case code == "040" && si-phoneAt <= 3 && talkVerb(c.dict.vforms[vg.form].lemma):
				code = "041" // "will speak to X" in a story about phone calls
			}
			tgt := re.tgt
			if tgt.code == "" {
				g := nearestOtherGroup(sc, re.srcG, vg.vs)
				if g < 0 {
					continue
				}
				tgt = sc.groups[g].members[0]
			}
			ev := chronicle.Event{
				Code: code, Root: PetrarchRoot(code), Plover: Plover(code),
				Source: c.arg(sc, d, s.First, a, re.src), Target: c.arg(sc, d, s.First, a, tgt),
				Why: re.why,
			}
			ts, te := d.Span(s.First+vg.vs, s.First+vg.ve)
			ev.Trigger = chronicle.Span{Start: ts, End: te, Text: d.Text[ts:te]}
			ev.Sentence = chronicle.Span{Start: s.Start, End: s.End}
			ev.Modality = modality(sc, vg, d.Text, toks)
			c.date(&ev, a, d, s, vg)
			if ev.Modality == chronicle.Asserted && ev.DateFrom == "timex" && ev.Date > a.Date && len(ev.Date) >= 10 {
				ev.Modality = chronicle.Future
			}
			for _, q := range a.Quotes {
				if q.Content.Start <= ts && te <= q.Content.End {
					ev.QuoteID = q.ID
					break
				}
			}
			ev.Confidence = confidence(re, vg, tgt)
			out = append(out, ev)
		}
	}
	for i := range out {
		out[i].ID = "v" + strconv.Itoa(i+1)
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

// sentenceMentionsPhone reports a telephone word in the sentence ("phone", "telephone",
// "call" as a noun after a determiner or adjective).
func sentenceMentionsPhone(sc *scratch, src string, toks []text.Token) bool {
	for i, t := range toks {
		w := sc.upper(src[t.Start:t.End])
		switch string(w) {
		case "PHONE", "TELEPHONE", "PHONED", "TELEPHONED", "PHONE-CALL", "TELECONFERENCE":
			return true
		case "CALL", "CALLS":
			if i > 0 && (sc.cls[i-1] == cDet || sc.cls[i-1] == cOther && !sc.isVerb[i-1] && sc.cover[i-1] == 0) {
				return true
			}
		}
	}
	return false
}

// nearestOtherGroup returns the coded group nearest to token v that is not group not (the
// target of "Russia, a close partner of Iran, has offered to mediate").
func nearestOtherGroup(sc *scratch, not, v int) int {
	best, bestD := -1, 1<<30
	notCode := ""
	if not >= 0 && len(sc.groups[not].members) > 0 {
		notCode = sc.groups[not].members[0].code
	}
	for gi := range sc.groups {
		g := &sc.groups[gi]
		if gi == not || len(g.members) == 0 || g.members[0].code == notCode {
			continue
		}
		d := v - g.e
		if g.s > v {
			d = g.s - v
		}
		if d < bestD {
			best, bestD = gi, d
		}
	}
	return best
}

func (c *Coder) arg(sc *scratch, d *text.Doc, first int, a *chronicle.Article, m member) chronicle.EventArg {
	ea := chronicle.EventArg{Actor: m.code}
	if m.np >= 0 && m.np < len(sc.nps) {
		np := &sc.nps[m.np]
		s, e := d.Span(first+np.s, first+np.e)
		ea.Text = d.Text[s:e]
	}
	if m.entity >= 0 && m.entity < len(a.Entities) {
		ea.Entity = a.Entities[m.entity].ID
	}
	return ea
}

// date sets the event's date from the time expression of its sentence nearest to the trigger
// (a DATE or TIME), else the article's date.
func (c *Coder) date(ev *chronicle.Event, a *chronicle.Article, d *text.Doc, s text.Sentence, vg *vgroup) {
	ev.Date, ev.DateFrom = a.Date, "article"
	best, bestD := -1, 1<<30
	for i := range a.Timexes {
		t := &a.Timexes[i]
		if t.Start < s.Start || t.End > s.End || (t.Type != chronicle.DATE && t.Type != chronicle.TIME) {
			continue
		}
		if t.Value == "" || t.Value[0] < '0' || t.Value[0] > '9' {
			continue
		}
		dist := ev.Trigger.Start - t.End
		if t.Start >= ev.Trigger.End {
			dist = t.Start - ev.Trigger.End
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

func confidence(re *rawEvent, vg *vgroup, tgt member) float64 {
	c := 0.5
	if vg.literals > 0 {
		c += 0.2
	}
	if re.src.entity >= 0 {
		c += 0.1
	}
	if re.tgt.code == "" {
		c -= 0.2 // target guessed from the sentence
	} else if tgt.entity >= 0 {
		c += 0.1
	}
	if c > 1 {
		c = 1
	}
	return c
}
