package actors

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chronicle"
	"chronicle/actors/internal/norm"
	"chronicle/text"
)

// Entities turns d.Mentions into entities as of date (see the package comment): one entity per
// person, organisation, place or demonym however often and however it is named, with ids e1, e2,
// … in the order of first mention. Span is the first of the fullest mentions; Mentions lists
// every mention (nominal ones such as "the Russian president" included) in text order. Invalid
// mentions (out of range) are ignored. Entities corrects d.Mentions in one way: a mention
// followed by the rest of a known organisation's name ("Russia" + "Today") is extended to the
// whole name, typed ORG, and mentions it swallows are removed. And it splits tokens: a
// hyphenated pair of actors ("the Trump-Putin summit") becomes the two names and the hyphen
// between them, each name a mention (see splitCompounds).
func (kb *KB) Entities(d *text.Doc, date time.Time) []chronicle.Entity {
	if d == nil {
		return []chronicle.Entity{}
	}
	r := resolver{kb: kb, d: d, day: dayOf(date)}
	r.splitCompounds()
	if len(d.Mentions) == 0 {
		return []chronicle.Entity{}
	}
	r.prepare()
	r.cluster()
	r.nominals()
	r.roles()
	return r.output()
}

type resolver struct {
	kb  *KB
	d   *text.Doc
	day int32
	buf []byte
	ms  []mres
	cs  []*cluster
}

// mres is one mention and what it resolved to.
type mres struct {
	first, last int // the name's tokens (titles, "the" and possessive stripped)
	mFirst      int // the mention's first token as given
	typ         string
	e           *entry
	kind        int
	pl          *placeRec
	key         string
	cl          int // cluster index, -1 none
	sent        int
}

type cluster struct {
	ms      []int    // mention indexes, text order
	extra   [][2]int // nominal mention spans (bytes)
	e       *entry
	kind    int
	pl      *placeRec
	counts  [4]int // PER ORG LOC MISC
	key     string
	first   string // variant keys of the first and last name token (PER)
	lastTok string
	gov     bool // a capital or metonym used as an agent
	role    string
	code    string
	country string
	done    bool
}

var typeIndex = map[string]int{chronicle.PER: 0, chronicle.ORG: 1, chronicle.LOC: 2, chronicle.MISC: 3}
var typeNames = [4]string{chronicle.PER, chronicle.ORG, chronicle.LOC, chronicle.MISC}

func (r *resolver) tok(i int) string { return r.d.Tok(i) }

// key computes the spelling key of tokens [a, b) into r.buf.
func (r *resolver) key(a, b int) []byte {
	r.buf = r.buf[:0]
	for i := a; i < b; i++ {
		r.buf = norm.AppendKey(r.buf, r.tok(i))
	}
	return r.buf
}

func isPossessive(s string) bool {
	switch s {
	case "'s", "\u2019s", "'", "\u2019", "'S":
		return true
	}
	return false
}

// orgWord reports a word among tokens [a, b) that only an organisation's name holds, unless
// the name ends in a word of places ("Union Square Park", "Police Plaza").
func (r *resolver) orgWord(a, b int) bool {
	if placeHeads[string(r.key(b-1, b))] {
		return false
	}
	for i := a; i < b; i++ {
		if orgWords[string(r.key(i, i+1))] {
			return true
		}
	}
	return false
}

// orgWords are the words of organisations' names, keyed: "Rights", "Union", "Committee" ….
var orgWords = map[string]bool{
	"rights": true, "union": true, "association": true, "council": true, "committee": true, "party": true,
	"fund": true, "foundation": true, "institute": true, "coalition": true, "alliance": true, "league": true,
	"bank": true, "group": true, "inc": true, "corp": true, "company": true, "university": true, "college": true,
	"department": true, "ministry": true, "agency": true, "commission": true, "authority": true, "court": true,
	"police": true, "army": true, "network": true, "airlines": true, "airways": true, "campaign": true,
	"federation": true, "organisation": true, "organization": true, "society": true, "club": true,
	"afl-cio": true, "board": true, "office": true, "services": true, "guard": true, "navy": true, "forces": true,
}

// placeHeads are the last words of places' names.
var placeHeads = map[string]bool{
	"park": true, "square": true, "plaza": true, "street": true, "avenue": true, "road": true, "bridge": true,
	"station": true, "airport": true, "stadium": true, "arena": true, "county": true, "city": true, "river": true,
	"lake": true, "valley": true, "island": true, "islands": true, "bay": true, "beach": true, "hill": true,
	"hills": true, "district": true, "province": true, "region": true, "territory": true, "strait": true,
}

// personTitles are the titles only a person bears, before a name.
var personTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true,
	"congressman": true, "congresswoman": true, "senator": true,
}

// honorifics are stripped from the front of a person mention.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "dame": true, "lord": true,
	"lady": true, "madam": true, "prof": true, "professor": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "col": true, "lt": true, "capt": true, "sheikh": true, "president": true,
	"minister": true, "premier": true, "chancellor": true, "king": true, "queen": true, "prince": true,
	"pope": true, "former": true, "deputy": true, "vice": true, "prime": true, "foreign": true,
}

func (r *resolver) prepare() {
	d := r.d
	n := len(d.Tokens)
	r.ms = make([]mres, 0, len(d.Mentions))
	extended := false
	for _, m := range d.Mentions {
		if m.First < 0 || m.Last > n || m.First >= m.Last {
			continue
		}
		if len(r.ms) > 0 && m.First < r.ms[len(r.ms)-1].last {
			continue // overlapping mentions (or one an extension swallowed): keep the first
		}
		x := mres{first: m.First, last: m.Last, mFirst: m.First, typ: m.Type, cl: -1}
		if _, ok := typeIndex[x.typ]; !ok {
			x.typ = chronicle.MISC
		}
		for x.last-x.first > 1 && isPossessive(r.tok(x.last-1)) {
			x.last--
		}
		for x.last-x.first > 1 {
			t := r.tok(x.first)
			if t == "the" || t == "The" {
				x.first++
				continue
			}
			if x.typ == chronicle.PER && honorifics[string(r.key(x.first, x.first+1))] {
				x.first++
				continue
			}
			break
		}
		x.sent = d.SentenceOf(x.first)
		if x.typ != chronicle.PER && x.first > 0 && personTitles[string(r.key(x.first-1, x.first))] {
			// "Rep. Alexandria Ocasio-Cortez" tagged as a place ("Alexandria"): a title that
			// only people bear makes the name a person's, with the proper nouns right after it
			// (mentions they start are swallowed).
			x.typ = chronicle.PER
			for x.last < n && x.last-x.first < 3 && d.Tokens[x.last].POS == "NNP" && d.SentenceOf(x.last) == x.sent {
				x.last++
				extended = true
			}
		}
		if r.extend(&x) {
			extended = true
		}
		if x.typ != chronicle.LOC && r.dateline(x.first, x.last) {
			if _, ok := r.kb.place(r.key(x.first, x.last)); ok {
				x.typ = chronicle.LOC // "GENEVA (Reuters) -", "ATLANTA (AP) —" tagged ORG
			}
		}
		r.resolveMention(&x)
		if x.typ == chronicle.LOC && x.e == nil && x.pl == nil && x.last-x.first > 1 && r.orgWord(x.first, x.last) {
			// "Disability Rights Wisconsin", "Michigan AFL-CIO": a place in an organisation's
			// name made the tagger say place.
			x.typ = chronicle.ORG
		}
		r.ms = append(r.ms, x)
	}
	if extended {
		r.fixMentions()
	}
}

// dateline reports whether tokens [a, b) are a wire story's dateline place: in capitals at
// the start of a line, followed by "(", "," or a dash ("GENEVA (Reuters) -", "KYIV, Ukraine —").
func (r *resolver) dateline(a, b int) bool {
	d := r.d
	if b >= len(d.Tokens) {
		return false
	}
	if st := d.Tokens[a].Start; st > 0 && d.Text[st-1] != '\n' {
		return false
	}
	for i := a; i < b; i++ {
		w := r.tok(i)
		if strings.ToUpper(w) != w || strings.ToLower(w) == w {
			return false
		}
	}
	switch r.tok(b) {
	case "(", ",", "-", "--", "\u2013", "\u2014":
		return true
	}
	return false
}

// fixMentions writes extended mentions back to d.Mentions (dropping those they swallowed), so
// that later stages see "Russia Today" as one ORG name.
func (r *resolver) fixMentions() {
	out := r.d.Mentions[:0]
	j := 0
	for _, m := range r.d.Mentions {
		for j < len(r.ms) && r.ms[j].mFirst < m.First {
			j++
		}
		if j < len(r.ms) && r.ms[j].mFirst == m.First {
			x := &r.ms[j]
			if x.last > m.Last {
				m.Last, m.Type = x.last, x.typ
			}
			out = append(out, m)
			continue
		}
		if len(out) > 0 && m.First < out[len(out)-1].Last {
			continue // swallowed by an extended mention
		}
		out = append(out, m)
	}
	r.d.Mentions = out
}

// extend grows a mention over the capitalised words after it when together they name an
// organisation the KB knows ("Russia" + "Today" → RT), a common tagging slip.
func (r *resolver) extend(x *mres) bool {
	end := r.d.Sentences[x.sent].Last
	for n := 2; n >= 1; n-- {
		if x.last+n > end || !r.words(x.last, x.last+n) {
			continue
		}
		capital := true
		for i := x.last; i < x.last+n; i++ {
			c, _ := utf8.DecodeRuneInString(r.tok(i))
			_, agent := r.kb.agentBytes(r.key(i, i+1))
			capital = capital && unicode.IsUpper(c) && !agent // "U.S. President" is no organisation
		}
		if !capital {
			continue
		}
		k := r.key(x.first, x.last+n)
		if e, _ := r.kb.best(k, r.day, func(e *entry, kind int) bool {
			return e.typ == chronicle.ORG && (kind == refName || kind == refAlias)
		}); e != nil {
			x.last += n
			x.typ = chronicle.ORG
			return true
		}
	}
	return false
}

func (r *resolver) resolveMention(x *mres) {
	k := r.key(x.first, x.last)
	if len(k) == 0 {
		return
	}
	kb, day := r.kb, r.day
	is := func(typ string) func(*entry, int) bool {
		return func(e *entry, kind int) bool { return e.typ == typ && kind != refDemonym }
	}
	switch x.typ {
	case chronicle.PER:
		x.e, x.kind = kb.best(k, day, is(chronicle.PER))
		if x.e == nil {
			x.e, x.kind = kb.bestVariant(norm.Variant(string(k)), day)
		}
		if x.e != nil && x.kind == refSurname && !r.trustSurname(k, x.e) {
			x.e = nil
		}
		if x.e == nil { // "REUTER" tagged as a person
			if e, kind := kb.best(k, day, is(chronicle.ORG)); e != nil && strings.HasSuffix(e.code, "MED") {
				x.e, x.kind, x.typ = e, kind, chronicle.ORG
			}
		}
	case chronicle.LOC:
		if x.e, x.kind = kb.best(k, day, is(chronicle.LOC)); x.e == nil {
			x.e, x.kind = kb.best(k, day, is(chronicle.ORG))
		}
		if x.e == nil || x.e.geo < 0 && x.e.code == "" {
			if pl, ok := kb.place(k); ok {
				x.pl, x.e = pl, nil
			}
		}
	case chronicle.ORG:
		if x.e, x.kind = kb.best(k, day, is(chronicle.ORG)); x.e == nil {
			x.e, x.kind = kb.best(k, day, is(chronicle.LOC))
		}
	default:
		x.e, x.kind = kb.best(k, day, func(e *entry, kind int) bool { return kind == refDemonym })
		if x.e == nil {
			x.e, x.kind = kb.best(k, day, func(e *entry, kind int) bool { return e.typ != chronicle.PER && kind != refSurname })
		}
	}
	if (x.typ == chronicle.ORG || x.typ == chronicle.LOC) && x.e == nil && x.pl == nil && x.last-x.first == 1 {
		// A lone surname tagged as an organisation or place ("met Zelenskyy in Kyiv"): the
		// person, when the KB knows nothing else of that name and one person of that surname,
		// in office on the article's date.
		if e, kind := kb.best(k, day, is(chronicle.PER)); e != nil && kind == refSurname && r.officeSurname(k, e) {
			x.e, x.kind, x.typ = e, kind, chronicle.PER
		}
	}
	if x.e == nil && x.pl == nil {
		x.key = string(k)
	}
}

// trustSurname reports whether a bare surname may stand for e: e holds an office on the
// article's date ("Putin"), or e is the only person of that surname the KB knows and held a
// titled office ("Biden"). Otherwise a "Johnson" stays unresolved.
func (r *resolver) trustSurname(k []byte, e *entry) bool {
	if _, title, active, _ := e.at(r.day); active && title != "" {
		return true
	}
	if !r.onlyPerson(k) {
		return false
	}
	for _, ro := range e.roles {
		if ro.title != "" {
			return true
		}
	}
	return false
}

// officeSurname reports whether a bare surname that the tagger took for an organisation or a
// place stands for e: e is the only person of that surname the KB knows and holds an office
// on the article's date.
func (r *resolver) officeSurname(k []byte, e *entry) bool {
	if _, title, active, _ := e.at(r.day); !active || title == "" {
		return false
	}
	return r.onlyPerson(k)
}

// onlyPerson reports whether the KB knows exactly one person by name key k.
func (r *resolver) onlyPerson(k []byte) bool {
	n := 0
	r.kb.candidates(k, func(c *entry, kind int) bool {
		if c.typ == chronicle.PER {
			n++
		}
		return n < 2
	})
	return n == 1
}

// cluster groups mentions into entities.
func (r *resolver) cluster() {
	byEntry := map[*entry]int{}
	byPlace := map[*placeRec]int{}
	byKey := map[string]int{}
	newCluster := func(mi int) int {
		c := &cluster{}
		r.cs = append(r.cs, c)
		return len(r.cs) - 1
	}
	add := func(ci, mi int) {
		c := r.cs[ci]
		x := &r.ms[mi]
		x.cl = ci
		c.ms = append(c.ms, mi)
		c.counts[typeIndex[x.typ]]++
		if c.e == nil && x.e != nil && !(x.kind == refSurname && c.first != "") {
			c.e, c.kind = x.e, x.kind
		}
		if c.pl == nil && x.pl != nil {
			c.pl = x.pl
		}
		if x.typ == chronicle.PER && x.last-x.first >= 2 && c.first == "" {
			c.first = norm.Variant(norm.Key(r.tok(x.first)))
			c.lastTok = norm.Variant(norm.Key(r.tok(x.last - 1)))
		}
	}
	// How often each word is the last of a person's name, and how often it stands alone as
	// something else: a word mostly tagged as a person is one where it is tagged otherwise.
	// Counted on first need (a lone word that could be a surname is rare).
	var perLast, other map[string]int
	count := func() {
		perLast, other = map[string]int{}, map[string]int{}
		for mi := range r.ms {
			x := &r.ms[mi]
			v := norm.Variant(string(r.key(x.last-1, x.last)))
			switch {
			case x.typ == chronicle.PER:
				perLast[v]++
			case x.last-x.first == 1 && x.e == nil && x.pl == nil:
				other[v]++
			}
		}
	}
	// People named in full first, so that "Putin" finds "Vladimir Putin" even when it comes first.
	for pass := 0; pass < 2; pass++ {
		for mi := range r.ms {
			x := &r.ms[mi]
			per := x.typ == chronicle.PER
			multi := x.last-x.first >= 2
			if pass == 0 && !(per && multi) || pass == 1 && per && multi {
				continue
			}
			if per && !multi {
				if ci := r.surnameCluster(mi); ci >= 0 {
					add(ci, mi)
					continue
				}
			}
			if !per && !multi && x.e == nil && x.pl == nil {
				// A lone word tagged as an organisation or place that is the surname of a person
				// named in full in the article ("Ocasio-Cortez said"), and that the tagger takes
				// for a person at least half as often: that person.
				if ci := r.surnameCluster(mi); ci >= 0 {
					v := norm.Variant(string(r.key(x.first, x.last)))
					if r.cs[ci].lastTok == v {
						if perLast == nil {
							count()
						}
						if 2*perLast[v] >= other[v] {
							x.typ = chronicle.PER
							add(ci, mi)
							continue
						}
					}
				}
			}
			var ci int
			var ok bool
			switch {
			case x.e != nil && x.kind == refDemonym:
				ci, ok = byKey["\x00dem"+x.e.name]
				if !ok {
					ci = newCluster(mi)
					byKey["\x00dem"+x.e.name] = ci
				}
			case x.e != nil:
				if ci, ok = byEntry[x.e]; !ok || per != (r.cs[ci].counts[0] > 0) {
					ci = newCluster(mi)
					byEntry[x.e] = ci
				}
			case x.pl != nil:
				if ci, ok = byPlace[x.pl]; !ok {
					ci = newCluster(mi)
					byPlace[x.pl] = ci
				}
			default:
				k := x.typ + "\x00" + x.key
				if ci, ok = byKey[k]; !ok {
					ci = newCluster(mi)
					byKey[k] = ci
					r.cs[ci].key = x.key
				}
			}
			add(ci, mi)
		}
	}
}

// surnameCluster finds the person cluster a one-word person mention belongs to: one whose
// full name starts or ends with the word (by variant key), preferring the nearest earlier
// mention, else the nearest later one. It returns -1 when none.
func (r *resolver) surnameCluster(mi int) int {
	x := &r.ms[mi]
	v := norm.Variant(string(r.key(x.first, x.last)))
	best, bestDist := -1, int(^uint(0)>>1)
	for ci, c := range r.cs {
		if c.first == "" || (c.lastTok != v && c.first != v) {
			continue
		}
		if x.e != nil && c.e != nil && c.e != x.e && c.lastTok != v {
			continue
		}
		for _, m := range c.ms {
			dist := x.first - r.ms[m].first
			if dist < 0 {
				dist = -dist + len(r.d.Tokens) // later mentions rank after every earlier one
			}
			if dist < bestDist {
				best, bestDist = ci, dist
			}
		}
	}
	return best
}

// mentionEndingAt returns the index of the mention whose name ends at token i (last == i+1),
// or -1.
func (r *resolver) mentionEndingAt(i int) int {
	j := sort.Search(len(r.ms), func(k int) bool { return r.ms[k].last > i })
	if j < len(r.ms) && r.ms[j].last == i+1 && r.ms[j].first <= i {
		return j
	}
	return -1
}

// words reports whether tokens [a, b) are all words.
func (r *resolver) words(a, b int) bool {
	for i := a; i < b; i++ {
		if r.d.Tokens[i].Kind != text.Word {
			return false
		}
	}
	return true
}

// inMention reports whether any token of [a, b) belongs to a mention.
func (r *resolver) inMention(a, b int) bool {
	j := sort.Search(len(r.ms), func(k int) bool { return r.ms[k].last > a })
	return j < len(r.ms) && r.ms[j].mFirst < b
}

func (r *resolver) mentionStartingAt(i int) int {
	j := sort.Search(len(r.ms), func(k int) bool { return r.ms[k].mFirst >= i })
	if j < len(r.ms) && r.ms[j].mFirst == i {
		return j
	}
	return -1
}

// countryOf returns the ISO3 country a modifier mention stands for ("Russian", "Russia",
// "Moscow"), or "".
func (r *resolver) countryOf(mi int) string {
	x := &r.ms[mi]
	switch {
	case x.e != nil && (x.kind == refDemonym || x.e.typ == chronicle.LOC && x.e.geo >= 0 && len(x.e.code) == 3):
		return x.e.country
	case x.pl != nil && x.typ == chronicle.LOC:
		return x.pl.country
	}
	return ""
}

// titleOffices are agent titles whose holder the leaders history knows ("the Russian president").
var titleOffices = map[string]bool{"president": true, "prime minister": true, "chancellor": true, "premier": true, "king": true, "queen": true}

// nominals finds "the Russian president" and "Russia's president" and adds them to the entity of
// the person holding that office on the article's date, when that person is named in the
// article.
func (r *resolver) nominals() {
	d := r.d
	for mi := range r.ms {
		c := r.countryOf(mi)
		if c == "" {
			continue
		}
		x := &r.ms[mi]
		i := x.last
		if i < len(d.Tokens) && isPossessive(r.tok(i)) {
			i++
		} else if x.mFirst == 0 || !isDeterminer(r.tok(x.mFirst-1)) {
			continue
		}
		// The longest lower-case title after the modifier.
		for n := 2; n >= 1; n-- {
			if i+n > len(d.Tokens) || !isLowerWord(r.tok(i)) {
				continue
			}
			k := r.key(i, i+n)
			if !titleOffices[string(k)] {
				continue
			}
			if i+n < len(d.Tokens) && r.mentionStartingAt(i+n) >= 0 {
				break // "the Russian president Vladimir Putin": a modifier, not a nominal
			}
			e := r.kb.officeHolder(c, string(k), r.day)
			if e == nil {
				break
			}
			for _, cl := range r.cs {
				if cl.e == e && cl.counts[0] > 0 {
					start := x.mFirst
					if start > 0 && isDeterminer(r.tok(start-1)) {
						start--
					}
					s, end := d.Span(start, i+n)
					cl.extra = append(cl.extra, [2]int{s, end})
					break
				}
			}
			break
		}
	}
}

// officeHolder returns the person who holds the titled office of a country on day.
func (kb *KB) officeHolder(iso3, title string, day int32) *entry {
	ce := kb.country(iso3)
	if ce == nil {
		return nil
	}
	ok := ce.code + "GOV|" + title
	for _, t := range kb.layers() {
		for _, id := range t.offices[ok] {
			e := kb.resolve(&t.entries[id])
			if code, ti, active, _ := e.at(day); active && code == ce.code+"GOV" && strings.EqualFold(strings.SplitN(ti, " of ", 2)[0], title) {
				return e
			}
		}
	}
	return nil
}

func isDeterminer(s string) bool {
	switch s {
	case "the", "The", "a", "A", "an", "An", "his", "His", "her", "Her", "their", "Their", "its", "Its":
		return true
	}
	return false
}

func isLowerWord(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(c)
}

// mod is what the words around a person's name say about them.
type mod struct {
	title    string // surface title ("President", "aide", "foreign minister")
	code     string // the title's sector code (GOV …)
	country  string // ISO3 from a demonym or country modifier
	org      int    // mention of an organisation modifier ("Kremlin spokesman"), -1 none
	poss     int    // mention of the possessor ("Putin's aide"), -1 none
	pronoun  bool   // "his American counterpart"
	former   bool
	relation bool // aide, adviser, spokesman, counterpart …
}

var relational = map[string]bool{
	"aide": true, "adviser": true, "advisor": true, "assistant": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "envoy": true, "counterpart": true,
	"representative": true, "deputy": true, "ally": true, "lawyer": true, "negotiator": true,
}

// titleModifiers may stand between a possessor and a title ("Putin's top foreign policy aide").
var titleModifiers = map[string]bool{
	"top": true, "senior": true, "chief": true, "foreign": true, "policy": true, "longtime": true,
	"long-time": true, "close": true, "key": true, "economic": true, "military": true, "security": true,
	"national": true, "special": true, "former": true, "then": true, "acting": true, "new": true,
	"interim": true, "outgoing": true, "incoming": true, "ex": true,
}

// leftMod reads the modifiers before a person's name: "Russian President", "Putin's aide",
// "his American counterpart", "Kremlin spokesman", "former Prime Minister".
func (r *resolver) leftMod(mi int) (md mod, ok bool) {
	x := &r.ms[mi]
	md.org, md.poss = -1, -1
	s := r.d.Sentences[x.sent].First
	i := x.first - 1
	if i < s {
		return md, false
	}
	// The longest agent phrase ending right before the name.
	maxN := min(r.kb.maxAgentWords(), 4)
	found := false
	for n := min(maxN, i-s+1); n >= 1; n-- {
		j := i - n + 1
		if r.inMention(j, i+1) || !r.words(j, i+1) {
			continue // "Reuters" or "Russian" is no title word
		}
		k := r.key(j, i+1)
		code, hit := r.kb.agentBytes(k)
		if !hit {
			continue
		}
		md.title, md.code = r.surface(j, i+1), code
		last := r.key(i, i+1)
		md.relation = relational[string(last)] || relational[strings.TrimSuffix(string(last), "s")]
		i = j - 1
		found = true
		break
	}
	if !found {
		return md, false
	}
	// Modifiers between the title and what precedes it.
	for n := 0; n < 3 && i >= s; n++ {
		w := string(r.key(i, i+1))
		if !titleModifiers[w] || r.mentionEndingAt(i) >= 0 {
			break
		}
		if w == "former" || w == "ex" {
			md.former = true
		}
		i--
	}
	if i < s {
		return md, true
	}
	t := r.tok(i)
	switch {
	case isPossessive(t) && i-1 >= s && r.mentionEndingAt(i-1) >= 0:
		md.poss = r.mentionEndingAt(i - 1)
		if c := r.countryOf(md.poss); c != "" && r.ms[md.poss].typ != chronicle.PER {
			md.country, md.poss = c, -1
		}
	case r.mentionEndingAt(i) >= 0:
		m := r.mentionEndingAt(i)
		if c := r.countryOf(m); c != "" {
			md.country = c
		} else if r.ms[m].typ == chronicle.ORG || r.ms[m].typ == chronicle.LOC {
			md.org = m
		}
		if p := r.ms[m].mFirst - 1; p >= s {
			switch pt := r.tok(p); {
			case pt == "his" || pt == "her" || pt == "His" || pt == "Her":
				md.pronoun = true
			case isPossessive(pt) && p-1 >= s && r.mentionEndingAt(p-1) >= 0:
				md.poss = r.mentionEndingAt(p - 1)
			case pt == "former" || pt == "Former" || pt == "ex" || pt == "Ex":
				md.former = true
			}
		}
	case t == "his" || t == "her" || t == "His" || t == "Her":
		md.pronoun = true
	}
	return md, true
}

// rightMod reads an apposition after the name: ", the Kremlin spokesman,", ", Putin's aide,",
// and "of Russia" after a titled name ("President Putin of Russia").
func (r *resolver) rightMod(mi int, left mod) (md mod, ok bool) {
	x := &r.ms[mi]
	md.org, md.poss = -1, -1
	end := r.d.Sentences[x.sent].Last
	i := x.last
	if i >= end {
		return md, false
	}
	if left.title != "" && r.tok(i) == "of" && i+1 < end {
		if m := r.mentionStartingAt(i + 1); m >= 0 {
			if c := r.countryOf(m); c != "" {
				left.country = c
				return left, true
			}
		}
		return md, false
	}
	if r.tok(i) != "," {
		return md, false
	}
	i++
	if i < end && isDeterminer(r.tok(i)) {
		t := r.tok(i)
		md.pronoun = t == "his" || t == "her" || t == "His" || t == "Her"
		i++
	}
	if i < end {
		if m := r.mentionStartingAt(i); m >= 0 {
			j := r.ms[m].last
			if j < end && isPossessive(r.tok(j)) {
				md.poss = m
				j++
			}
			if c := r.countryOf(m); c != "" {
				md.country, md.poss = c, -1
			} else if md.poss < 0 {
				md.org = m
			}
			i = j
		}
	}
	for n := 0; n < 3 && i < end; n++ {
		w := string(r.key(i, i+1))
		if !titleModifiers[w] {
			break
		}
		if w == "former" || w == "ex" {
			md.former = true
		}
		if _, isAgent := r.kb.agentBytes(r.key(i, i+1)); isAgent && (i+1 >= end || !titleModifiers[string(r.key(i+1, i+2))] && r.tok(i+1) == ",") {
			break
		}
		i++
	}
	for n := min(r.kb.maxAgentWords(), 4, end-i); n >= 1; n-- {
		if !r.words(i, i+n) {
			continue
		}
		code, hit := r.kb.agentBytes(r.key(i, i+n))
		if !hit {
			continue
		}
		j := i + n
		if j < end {
			switch r.tok(j) {
			case ",", ";", ")", ".", "said", "says", "told", "and", "who", "—", "–", "-":
			case "of", "to", "for":
				if j+1 < end {
					if m := r.mentionStartingAt(j + 1); m >= 0 {
						if c := r.countryOf(m); c != "" {
							md.country = c
						} else if r.ms[m].typ == chronicle.PER {
							md.poss = m
						} else {
							md.org = m
						}
						break
					}
				}
				continue
			default:
				continue
			}
		}
		md.title, md.code = r.surface(i, j), code
		last := string(r.key(j-1, j))
		md.relation = relational[last]
		return md, true
	}
	return md, false
}

// surface returns the text of tokens [a, b) with single spaces.
func (r *resolver) surface(a, b int) string {
	s, e := r.d.Span(a, b)
	t := r.d.Text[s:e]
	if strings.ContainsAny(t, "\n\t  ") {
		t = strings.Join(strings.Fields(t), " ")
	}
	return t
}

// roles sets the role, code and country of every cluster, people in order of first mention so
// that "his counterpart" can refer to someone named before.
func (r *resolver) roles() {
	for ci := range r.cs {
		r.role(ci)
	}
}

func (r *resolver) role(ci int) {
	c := r.cs[ci]
	if c.done {
		return
	}
	c.done = true
	if c.counts[0] == 0 {
		r.placeRole(c)
		return
	}
	var kbCode, kbTitle, former string
	active := false
	if c.e != nil {
		kbCode, kbTitle, active, former = c.e.at(r.day)
		c.country = c.e.country
	}
	// The words around the mentions.
	var textRole, textCode, textCountry string
	for _, mi := range c.ms {
		md, ok := r.leftMod(mi)
		if !ok || md.title == "" {
			if md2, ok2 := r.rightMod(mi, md); ok2 {
				md, ok = md2, true
			}
		} else if md.country == "" && md.org < 0 && md.poss < 0 && !md.pronoun {
			if md2, ok2 := r.rightMod(mi, md); ok2 && md2.country != "" {
				md.country = md2.country
			}
		}
		if !ok || md.title == "" {
			continue
		}
		textRole, textCode, textCountry = r.describe(ci, mi, md)
		if textRole != "" {
			break
		}
	}
	switch {
	case active && kbTitle == "" && textRole != "" && textCode != "":
		// An untitled dictionary range (often from 2014) yields to the article's own words.
		c.role, c.code = textRole, textCode
	case active:
		c.code = kbCode
		c.role = kbTitle
		if c.role == "" {
			c.role = textRole
		}
	case former != "" && (textRole == "" || strings.TrimPrefix(textRole, "former ") == former):
		// The KB knows the office and that it ended before the article's date.
		c.role, c.code = "former "+former, kbCode
	case textRole != "":
		c.role, c.code = textRole, textCode
		if c.country == "" {
			c.country = textCountry
		}
	default:
		c.code = kbCode
	}
}

// describe turns modifiers into a role, a code and a country.
func (r *resolver) describe(ci, mi int, md mod) (role, code, country string) {
	// The possessor: a named person or organisation, or for a pronoun the nearest person named
	// before in the sentence or the one before.
	poss := -1
	if md.poss >= 0 {
		poss = r.ms[md.poss].cl
	} else if md.pronoun {
		poss = r.previousPerson(ci, mi)
	}
	if poss >= 0 && poss != ci {
		r.role(poss)
	} else {
		poss = -1
	}
	sector := md.code
	if md.former {
		sector = "ELI"
	}
	titleLower := strings.ToLower(md.title)
	switch {
	case md.relation && strings.HasSuffix(titleLower, "counterpart"):
		if poss < 0 || md.country == "" {
			return "", "", ""
		}
		pc := r.cs[poss]
		base, _, _ := strings.Cut(pc.role, " of ")
		base = strings.TrimPrefix(base, "former ")
		if base == "" {
			return "", "", ""
		}
		country = md.country
		role = base + " of " + r.kb.CountryName(country)
		code = r.cameo(country) + codeSector(pc.code)
		return role, code, country
	case md.relation:
		var whom, whomCode string
		switch {
		case poss >= 0:
			whom = r.surface(r.ms[r.cs[poss].ms[0]].first, r.ms[r.cs[poss].ms[0]].last)
			if md.poss >= 0 {
				whom = r.surface(r.ms[md.poss].first, r.ms[md.poss].last)
			}
			whomCode, country = r.cs[poss].code, r.cs[poss].country
		case md.org >= 0:
			oc := r.ms[md.org].cl
			r.role(oc)
			whom = r.surface(r.ms[md.org].mFirst, r.ms[md.org].last)
			whomCode, country = r.cs[oc].code, r.cs[oc].country
			if r.cs[oc].e != nil && r.cs[oc].e.name != "" {
				whom = "the " + r.cs[oc].e.name
				if !needsThe(r.cs[oc].e.name) {
					whom = r.cs[oc].e.name
				}
			}
		case md.country != "":
			country = md.country
			whom = r.kb.CountryName(country)
			whomCode = r.cameo(country)
		default:
			return "", "", ""
		}
		prep := " to "
		if strings.HasPrefix(titleLower, "spokes") || titleLower == "representative" {
			prep = " for "
		}
		role = titleLower + prep + whom
		if md.former {
			role = "former " + role
		}
		if len(whomCode) >= 3 {
			code = whomCode[:3] + sectorOr(whomCode, sector)
		}
		return role, code, country
	}
	if !officeTitle(md.title, md.code) {
		return "", "", ""
	}
	role = titleCase(md.title)
	switch {
	case md.country != "":
		country = md.country
		role += " of " + r.kb.CountryName(country)
		code = r.cameo(country) + sector
	case md.org >= 0:
		oc := r.ms[md.org].cl
		r.role(oc)
		code, country = r.cs[oc].code, r.cs[oc].country
		if len(code) == 6 && code[3:] == "GOV" && country != "" {
			role += " of " + r.kb.CountryName(country) // "Kremlin leader" → Leader of Russia
			code = code[:3] + sector
		} else {
			role += " of " + r.surface(r.ms[md.org].first, r.ms[md.org].last)
		}
	case poss >= 0 && len(r.cs[poss].code) >= 3:
		pc := r.cs[poss]
		code, country = pc.code[:3]+sector, pc.country
		if r.cs[poss].counts[0] == 0 && pc.country != "" {
			role += " of " + r.kb.CountryName(pc.country)
		}
	default:
		return "", "", ""
	}
	if md.former {
		role = "former " + role
	}
	return role, code, country
}

// officeTitle reports whether an agent title names an office or profession worth a role
// ("Foreign Minister", "Judge", "CEO"), not a relation or a crowd ("mother", "rioter",
// "journalists").
func officeTitle(title, code string) bool {
	lw := strings.ToLower(title)
	if i := strings.LastIndexByte(lw, ' '); i >= 0 {
		lw = lw[i+1:]
	}
	if n := len(lw); n > 3 && lw[n-1] == 's' && lw[n-2] != 's' && lw[n-2] != 'u' {
		return false // a plural: "journalists"
	}
	if notOffices[lw] {
		return false
	}
	if len(code) < 3 {
		return false
	}
	switch code[:3] {
	case "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "MED", "BUS", "EDU", "HLH", "IGO", "ELI", "REB":
		return true
	}
	return false
}

var notOffices = map[string]bool{
	"student": true, "pupil": true, "resident": true, "victim": true, "mother": true, "father": true,
	"son": true, "daughter": true, "wife": true, "husband": true, "brother": true, "sister": true,
	"friend": true, "neighbor": true, "neighbour": true, "fan": true, "patient": true, "worker": true,
	"employee": true, "customer": true, "voter": true, "rioter": true, "protester": true,
	"supporter": true, "candidate": true, "member": true, "graduate": true, "child": true,
}

func needsThe(name string) bool {
	switch name {
	case "Kremlin", "White House", "State Department", "Pentagon", "Elysee", "Chancellery", "Foreign Office":
		return true
	}
	return false
}

// codeSector returns the sector part of a code (RUSGOV → GOV), GOV when there is none.
func codeSector(code string) string {
	if len(code) > 3 {
		return code[3:]
	}
	return "GOV"
}

// sectorOr keeps the possessor's sector for a relational title (an aide to a GOV actor is GOV).
func sectorOr(whomCode, sector string) string {
	if len(whomCode) > 3 {
		return whomCode[3:]
	}
	return sector
}

// cameo returns the CAMEO country code of an ISO3 country.
func (r *resolver) cameo(iso3 string) string {
	if e := r.kb.country(iso3); e != nil && len(e.code) == 3 {
		return e.code
	}
	return iso3
}

// previousPerson returns the person a "his" or "her" before mention mi refers to: among the
// people named earlier in its sentence or the one before (other than cluster ci), the most
// mentioned in the article, the nearest on ties; -1 when none.
func (r *resolver) previousPerson(ci, mi int) int {
	sent := r.ms[mi].sent
	best, bestN := -1, 0
	for j := mi - 1; j >= 0; j-- {
		x := &r.ms[j]
		if x.sent < sent-1 {
			break
		}
		if x.typ == chronicle.PER && x.cl != ci && x.cl >= 0 {
			if n := len(r.cs[x.cl].ms); n > bestN {
				best, bestN = x.cl, n
			}
		}
	}
	return best
}

func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		switch lw := strings.ToLower(w); {
		case i > 0 && (lw == "of" || lw == "for" || lw == "to" || lw == "and" || lw == "the"):
			ws[i] = lw
		default:
			rs := []rune(w)
			rs[0] = unicode.ToUpper(rs[0])
			ws[i] = string(rs)
		}
	}
	return strings.Join(ws, " ")
}

// locatives before a place name mean the place is a location, not an actor.
var locatives = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "from": true, "to": true, "into": true,
	"around": true, "across": true, "inside": true, "within": true, "toward": true, "towards": true,
	"via": true, "through": true, "of": true, "visit": true, "visited": true, "visiting": true,
	"In": true, "At": true, "From": true, "Near": true, "Outside": true, "Across": true, "between": true,
	"and": true, "over": true,
}

// agentive reports whether a place mention acts ("Moscow said", "Washington's decision",
// "talks between Moscow and Kyiv" do not count): not after a locative preposition, and followed
// by a verb, a modal or a possessive.
func (r *resolver) agentive(mi int) bool {
	x := &r.ms[mi]
	if x.mFirst > 0 && locatives[r.tok(x.mFirst-1)] {
		return false
	}
	if x.last >= len(r.d.Tokens) {
		return false
	}
	next := &r.d.Tokens[x.last]
	if isPossessive(r.tok(x.last)) {
		return true
	}
	if next.POS != "" {
		return strings.HasPrefix(next.POS, "VB") || next.POS == "MD"
	}
	return agentVerbs[r.tok(x.last)]
}

// agentVerbs follow a place acting as a government when no POS tags are available.
var agentVerbs = map[string]bool{
	"said": true, "says": true, "has": true, "have": true, "had": true, "would": true, "will": true,
	"is": true, "was": true, "wants": true, "wanted": true, "accused": true, "denied": true,
	"announced": true, "rejected": true, "warned": true, "demanded": true, "insisted": true,
	"could": true, "should": true, "must": true, "may": true, "might": true, "did": true, "does": true,
	"sees": true, "believes": true, "hopes": true, "expects": true, "plans": true, "agreed": true,
	"imposed": true, "sent": true, "responded": true, "threatened": true, "called": true, "urged": true,
}

// placeRole sets the code of a non-person cluster: the KB code of an organisation or country,
// a place's country, and for a capital used as an agent ("Moscow said") the government.
func (r *resolver) placeRole(c *cluster) {
	switch {
	case c.e != nil:
		c.code, c.country = c.e.code, c.e.country
		if c.code == "" && c.country != "" && c.kind == refDemonym {
			c.code = r.cameo(c.country)
		}
		if _, _, active, _ := c.e.at(r.day); active || len(c.e.roles) > 0 {
			c.code, _, _, _ = c.e.at(r.day)
		}
	case c.pl != nil:
		c.country = c.pl.country
		if c.country == "" {
			return
		}
		c.code = r.cameo(c.country)
		if c.pl.capital {
			for _, mi := range c.ms {
				if r.agentive(mi) {
					c.gov = true
				}
			}
			if c.gov {
				c.code += "GOV"
			}
		}
	}
}

// output builds the entities in order of first mention.
func (r *resolver) output() []chronicle.Entity {
	out := make([]chronicle.Entity, 0, len(r.cs))
	d := r.d
	for _, c := range r.cs {
		var e chronicle.Entity
		// Type: the most frequent NER type, the first on ties.
		bt := typeIndex[r.ms[slices.Min(c.ms)].typ]
		for t, n := range c.counts {
			if n > c.counts[bt] {
				bt = t
			}
		}
		e.Type = typeNames[bt]
		if c.e != nil && c.e.typ == chronicle.ORG && strings.HasSuffix(c.e.code, "MED") {
			e.Type = chronicle.ORG // news media are ORG even where the tagger says LOC
		}
		sort.Ints(c.ms) // mentions were added person names first
		// Span: the first of the fullest mentions.
		best := c.ms[0]
		for _, mi := range c.ms[1:] {
			if r.ms[mi].last-r.ms[mi].first > r.ms[best].last-r.ms[best].first {
				best = mi
			}
		}
		x := &r.ms[best]
		s, en := d.Span(x.first, x.last)
		e.Span = chronicle.Span{Start: s, End: en, Text: d.Text[s:en]}
		switch {
		case c.e != nil && c.kind == refDemonym:
			e.Name = e.Text
		case c.e != nil:
			e.Name = c.e.name
			e.KB = c.e.kb
			if e.KB == "" && e.Type == chronicle.PER && x.last-x.first >= 2 {
				// A dictionary spelling ("Yuriy Ushakov") gives way to the article's
				// transliteration of the same name ("Yuri Ushakov"); Canonical maps both.
				if sf := r.surface(x.first, x.last); Key(sf) == Key(e.Name) {
					e.Name = sf
				}
			}
		case c.pl != nil:
			e.Name = c.pl.name
		default:
			e.Name = r.surface(x.first, x.last)
		}
		e.Role, e.Actor, e.Country = c.role, c.code, c.country
		e.Mentions = make([][2]int, 0, len(c.ms)+len(c.extra))
		for _, mi := range c.ms {
			s, en := d.Span(r.ms[mi].first, r.ms[mi].last)
			e.Mentions = append(e.Mentions, [2]int{s, en})
		}
		if len(c.extra) > 0 {
			e.Mentions = append(e.Mentions, c.extra...)
			sort.Slice(e.Mentions, func(i, j int) bool { return e.Mentions[i][0] < e.Mentions[j][0] })
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Mentions[0][0] < out[j].Mentions[0][0] })
	for i := range out {
		out[i].ID = "e" + itoa(i+1)
	}
	return out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
