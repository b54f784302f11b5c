package events

import (
	"sort"
	"strings"

	"chronicle"
	"chronicle/text"
)

// artCtx is what the coder knows of the article around the sentence it codes: the people
// mentioned and who was the subject of what, the quotes and their speakers. It resolves
// pronouns ("he said"), pairs ("the two leaders") and a quote's first person to entities.
type artCtx struct {
	d     *text.Doc
	a     *chronicle.Article
	sent  int // index of the sentence being coded
	first int // document index of its first token

	persons  []personRef // people with an actor code, by first token
	subjects []personRef // people that were subjects of verbs, in text order
	plural   []member    // the last subject of two or more members ("Trump and Putin")
	pluralAt int         // its sentence
	quotes   []quoteRef
	phoneAt  int // the last sentence that mentions a telephone
	// prev are the coded actors named in sentence prevSent (the one before), as resolved
	// members (np -1) with their byte spans.
	prev     []member
	prevSent int
}

type personRef struct {
	tok, sent, ent int
	code           string
	bs, be         int // byte span of the mention
}

type quoteRef struct {
	s, e    int // document tokens of the content [s, e)
	speaker member
	ok      bool // the speaker resolves to a coded entity
}

const pronounWindow = 2 // sentences back that a pronoun or pair may reach

func newArtCtx(d *text.Doc, a *chronicle.Article) *artCtx {
	x := &artCtx{d: d, a: a, pluralAt: -100, phoneAt: -100, prevSent: -100}
	for ei := range a.Entities {
		e := &a.Entities[ei]
		if e.Type != chronicle.PER || e.Actor == "" {
			continue
		}
		spans := e.Mentions
		if len(spans) == 0 {
			spans = [][2]int{{e.Start, e.End}}
		}
		for _, m := range spans {
			if m[0] < 0 || m[1] > len(d.Text) || m[0] >= m[1] {
				continue
			}
			t := d.TokenAt(m[0])
			if t >= len(d.Tokens) {
				continue
			}
			x.persons = append(x.persons, personRef{tok: t, sent: d.SentenceOf(t), ent: ei, code: e.Actor, bs: m[0], be: m[1]})
		}
	}
	sort.Slice(x.persons, func(i, j int) bool { return x.persons[i].tok < x.persons[j].tok })
	for _, q := range a.Quotes {
		c := q.Content
		if c.Start < 0 || c.End > len(d.Text) || c.Start >= c.End {
			continue
		}
		r := quoteRef{s: d.TokenAt(c.Start), e: d.TokenAt(c.End-1) + 1, speaker: member{np: -1, entity: -1}}
		if id := q.Speaker.Entity; id != "" {
			for ei := range a.Entities {
				if a.Entities[ei].ID == id && a.Entities[ei].Actor != "" {
					r.speaker = member{code: a.Entities[ei].Actor, np: -1, entity: ei, bs: q.Speaker.Start, be: q.Speaker.End}
					r.ok = true
				}
			}
		}
		x.quotes = append(x.quotes, r)
	}
	return x
}

// quoteAt returns the quote whose content holds document token t.
func (x *artCtx) quoteAt(t int) *quoteRef {
	for i := range x.quotes {
		if x.quotes[i].s <= t && t < x.quotes[i].e {
			return &x.quotes[i]
		}
	}
	return nil
}

// speakerAt returns the speaker of the quote holding sentence token k, when it is coded.
func (x *artCtx) speakerAt(sc *scratch, k int) (member, bool) {
	if x == nil {
		return member{}, false
	}
	if q := x.quoteAt(x.first + k); q != nil && q.ok {
		return q.speaker, true
	}
	return member{}, false
}

// quoteStartsAt reports whether a quote's content begins at sentence token k (or only quote
// marks lie between).
func (x *artCtx) quoteStartsAt(sc *scratch, k int) bool {
	if x == nil {
		return false
	}
	t := x.first + k
	q := x.quoteAt(t)
	if q == nil {
		return false
	}
	for i := q.s; i < t; i++ {
		if x.d.Tokens[i].Kind != text.Quote {
			return false
		}
	}
	return true
}

// noteSubject records a verb's subject: people become antecedents of later pronouns, a
// subject of several members the antecedent of "they".
func (x *artCtx) noteSubject(sc *scratch, a argument) {
	if x == nil || !a.ok() {
		return
	}
	ms := sc.membersOf(a)
	if len(ms) > 1 {
		x.plural = append(x.plural[:0], ms...)
		x.pluralAt = x.sent
	}
	for _, m := range ms {
		if m.entity < 0 || m.entity >= len(x.a.Entities) || x.a.Entities[m.entity].Type != chronicle.PER {
			continue
		}
		tok := x.first
		if m.np >= 0 {
			tok += sc.nps[m.np].s
		}
		x.subjects = append(x.subjects, personRef{tok: tok, sent: x.sent, ent: m.entity, code: m.code})
	}
}

// pronoun resolves the pronoun at sentence token k: he/she (and him/her) to the person last
// the subject of a verb (else last mentioned) within pronounWindow sentences; I/me inside a
// quote to its speaker; they/their to the last subject of several members.
func (x *artCtx) pronoun(sc *scratch, k int, src string, toks []text.Token, subject bool) argument {
	none := argument{g: -1, found: true}
	if x == nil {
		return none
	}
	t := x.first + k
	bs, be := int(toks[k].Start), int(toks[k].End)
	switch sc.word(src, toks, k) {
	case "HE", "SHE", "HIM", "HER", "HIS":
		p, ok := x.fronted(sc, k, toks)
		if !ok {
			p, ok = x.person(t, -1)
		}
		if !ok {
			return none
		}
		return argument{g: -1, members: []member{{code: p.code, np: -1, entity: p.ent, bs: bs, be: be}}, found: true}
	case "IT":
		// "The Israeli military said it had killed …": in what an organisation or a country
		// says, "it" is the speaker.
		if q := x.quoteAt(t); q != nil && q.ok && q.speaker.entity >= 0 && q.speaker.entity < len(x.a.Entities) &&
			x.a.Entities[q.speaker.entity].Type != chronicle.PER {
			m := q.speaker
			m.bs, m.be = bs, be
			return argument{g: -1, members: []member{m}, found: true}
		}
	case "I", "ME", "MY", "WE", "US", "OUR":
		if q := x.quoteAt(t); q != nil && q.ok {
			m := q.speaker
			m.bs, m.be = bs, be
			return argument{g: -1, members: []member{m}, found: true}
		}
	case "THEY", "THEM", "THEIR":
		if len(x.plural) > 1 && x.sent-x.pluralAt <= pronounWindow {
			ms := make([]member, len(x.plural))
			for i, m := range x.plural {
				ms[i] = member{code: m.code, np: -1, entity: m.entity, bs: bs, be: be}
			}
			return argument{g: -1, members: ms, found: true}
		}
	}
	return none
}

// allPeople reports whether every member is a person of the article.
func (x *artCtx) allPeople(ms []member) bool {
	for _, m := range ms {
		if m.entity < 0 || m.entity >= len(x.a.Entities) || x.a.Entities[m.entity].Type != chronicle.PER {
			return false
		}
	}
	return len(ms) > 0
}

// fronted returns the person a pronoun at sentence token k refers to ahead when it sits in a
// phrase that opens the sentence ("During his trip to India, Putin met Modi", "In her call
// with Scholz, …"): the person named first after that phrase's comma, within the few words
// of a title ("Russian President Vladimir Putin").
func (x *artCtx) fronted(sc *scratch, k int, toks []text.Token) (personRef, bool) {
	if len(toks) == 0 || sc.cls[0] != cPrep && sc.cls[0] != cSub {
		return personRef{}, false
	}
	comma := -1
	for j := 1; j < len(toks); j++ {
		if sc.isVerb[j] {
			return personRef{}, false
		}
		if sc.cls[j] == cComma {
			comma = j
			break
		}
	}
	if comma < 0 || comma < k {
		return personRef{}, false
	}
	lo, hi := x.first+comma+1, x.first+comma+6
	for _, p := range x.persons {
		if p.tok >= lo && p.tok < hi {
			return p, true
		}
	}
	return personRef{}, false
}

// person returns the antecedent of a personal pronoun at document token t: the last person
// that was a subject before t within the window, else the last person mentioned; not entity
// not.
func (x *artCtx) person(t, not int) (personRef, bool) {
	sent := x.d.SentenceOf(min(t, len(x.d.Tokens)-1))
	for i := len(x.subjects) - 1; i >= 0; i-- {
		p := x.subjects[i]
		if p.tok >= t || p.ent == not {
			continue
		}
		if sent-p.sent > pronounWindow {
			break
		}
		return p, true
	}
	for i := len(x.persons) - 1; i >= 0; i-- {
		p := x.persons[i]
		if p.tok >= t || p.ent == not {
			continue
		}
		if sent-p.sent > pronounWindow {
			break
		}
		return p, true
	}
	return personRef{}, false
}

// pair resolves a noun phrase naming two parties — "the two leaders", "both sides", "the two
// ministers" — to the last two people mentioned before it within the window.
func (x *artCtx) pair(sc *scratch, np *nounPhrase, src string, toks []text.Token) []member {
	if x == nil {
		return nil
	}
	two := false
	people, leaders := false, false
	for k := np.s; k < np.e; k++ {
		switch sc.word(src, toks, k) {
		case "TWO", "BOTH":
			two = true
		case "LEADERS", "PRESIDENTS", "HEADS", "PREMIERS", "CHANCELLORS":
			people, leaders = true, true
		case "MEN", "WOMEN", "MINISTERS", "SIDES", "COUNTERPARTS", "DIPLOMATS", "ENVOYS":
			people = true
		}
	}
	if !two || !people {
		return nil
	}
	bs, be := int(toks[np.s].Start), int(toks[np.e-1].End)
	// "The two leaders" are the last two heads of state or government named before, when there
	// are two; else the last two people.
	if leaders {
		if out := x.lastTwo(toks, bs, be, np.s, x.isLeader); out != nil {
			return out
		}
	}
	return x.lastTwo(toks, bs, be, np.s, nil)
}

// isLeader reports whether the entity holds a head-of-state or head-of-government role.
func (x *artCtx) isLeader(ent int) bool {
	role := strings.ToLower(x.a.Entities[ent].Role)
	if strings.HasPrefix(role, "former ") {
		return false
	}
	for _, title := range []string{"president", "prime minister", "chancellor", "premier", "king", "queen", "emir", "sultan", "supreme leader", "head of state", "head of government"} {
		if strings.HasPrefix(role, title) {
			return true
		}
	}
	return false
}

// lastTwo returns the last two distinct people (that keep, when set) named before sentence
// token s within the window, in text order, as members spanning bs:be; nil when there are
// fewer.
func (x *artCtx) lastTwo(toks []text.Token, bs, be, s int, keep func(ent int) bool) []member {
	t := x.first + s
	sent := x.sent
	var out []member
	for i := len(x.persons) - 1; i >= 0 && len(out) < 2; i-- {
		p := x.persons[i]
		if p.tok >= t {
			continue
		}
		if sent-p.sent > pronounWindow+1 {
			break
		}
		if keep != nil && !keep(p.ent) {
			continue
		}
		if len(out) == 1 && (out[0].entity == p.ent || out[0].code == p.code) {
			continue
		}
		out = append(out, member{code: p.code, np: -1, entity: p.ent, bs: bs, be: be})
	}
	if len(out) < 2 {
		return nil
	}
	out[0], out[1] = out[1], out[0] // text order
	return out
}

// endSentence records the actors the sentence just coded named, for the next one.
func (x *artCtx) endSentence(sc *scratch, toks []text.Token) {
	x.prev = x.prev[:0]
	for _, g := range sc.groups {
		for _, m := range g.members {
			if m.np >= 0 {
				np := &sc.nps[m.np]
				m.bs, m.be = int(toks[np.s].Start), int(toks[np.e-1].End)
				m.np = -1
			}
			x.prev = append(x.prev, m)
		}
	}
	x.prevSent = x.sent
}
