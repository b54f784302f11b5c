// Package actors is chronicle's knowledge base of actors — people, organisations, countries,
// places and agent nouns — and the resolution of an article's name mentions into entities with
// a canonical name, a Wikidata id, a role and a CAMEO actor code as of the article's date.
//
// # The knowledge base
//
// The embedded KB (kb.txt.gz) is derived from ../shared/data by `go run ./actors/internal/gen`:
// heads of state and government with their terms (Wikidata), countries with aliases, demonyms,
// ISO and CAMEO codes, GeoNames cities, international organisations (SupraVerden, with CAMEO
// IGO codes from PETRARCH), the PETRARCH Phoenix actor dictionaries (with their stale date
// ranges corrected from the leaders data), the Phoenix agent nouns, and a curated list of news
// media and government metonyms ("the Kremlin"). Users add or override actors without
// rebuilding with (*KB).Extend, in the file format of doc/actors.md, which is also the format
// of the embedded KB.
//
// # API
//
//	kb, err := actors.Default()              // the embedded KB, decoded once per process (safe for concurrent use)
//	err = kb.ExtendNamed(f, "my.actors")     // a user file (doc/actors.md); its entries win; errors are *ParseError
//	ents := kb.Entities(doc, date)           // doc.Mentions → []chronicle.Entity (e1, e2, … in text order)
//	a, ok := kb.Actor("Putin", date)         // any name → Actor{Name, Type, KB, Country, Code, Role} as of date
//	a, ok = kb.ActorPhrase("Russian police", date) // names inside phrases, country + agent → RUSCOP
//	ag, ok := kb.Agent("foreign minister")   // agent noun → Agent{Code: "GOV"}; plurals accepted
//	pl, ok := kb.Place("Kyiv")               // place name → chronicle.Place (GeoNames id, coordinates)
//	name := kb.Canonical("Zelenskiy")        // "Volodymyr Zelenskyy": one identity across spellings
//	key := actors.Key("Zelenskiy")           // spelling-insensitive key for names the KB lacks
//	s := kb.CountryName("USA")               // "the United States", as in role titles
//	empty := actors.New()                    // a KB with nothing built in (tests, user-only setups)
//
// Codes are CAMEO actor codes: a country (RUS) or IGO code, followed by sector codes (GOV,
// MIL, COP, REB …): RUSGOV, USAMIL, IGOUNO. Roles read "President of Russia", "aide to Putin",
// "former Prime Minister of Israel". All dates are civil dates in UTC; a zero date means "the
// latest state the KB knows".
//
// # Resolution
//
// Entities clusters the mentions of one person within the article ("Putin", "Vladimir Putin",
// "the Russian president") into one entity, takes roles from the leaders history as of the
// article's date and, for people the KB does not place in an office on that date, from
// apposition and modifiers ("Putin's aide Yuri Ushakov" → aide to Putin, RUSGOV; "his American
// counterpart Donald Trump"; "Ukrainian President Volodymyr Zelenskyy"). Countries are LOC with
// their country code (RUS); capitals and metonyms used as agents ("Moscow said", "the
// Kremlin") carry the government code (RUSGOV); demonyms are MISC with Country set; media are
// ORG with sector MED.
package actors

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unsafe"

	"chronicle"
	"chronicle/actors/internal/norm"
)

// Version is the version of the KB and the resolver; bump it when output changes.
const Version = "4"

//go:embed kb.txt.gz
var kbGz []byte

//go:embed places.txt.gz
var placesGz []byte

// Actor is what the KB knows about a name as of a date.
type Actor struct {
	Name    string // canonical name ("Vladimir Putin", "Russia", "United Nations")
	Type    string // PER, ORG, LOC or MISC (demonyms)
	KB      string // Wikidata id, "" when unknown
	Country string // ISO 3166 alpha-3 of the person, place, demonym or national body
	Code    string // CAMEO actor code as of the date ("RUSGOV"), "" when unknown
	Role    string // role as of the date ("President of Russia", "former President of …"), may be ""
}

// Agent is an agent noun's sector code ("police" → COP).
type Agent struct {
	Phrase string // the phrase as matched (lower case, singular as listed)
	Code   string // sector code(s): GOV, MIL, COP, REB, GOVMIL …
}

// KB is a knowledge base of actors. The embedded one is shared and immutable; Extend adds a
// private overlay to one *KB value.
type KB struct {
	base *table
	// users are the tables Extend read, latest first; lookups try them before base.
	users []*table
	// shadow maps base entries to the user entries that replace them.
	shadow map[*entry]*entry
}

var (
	defaultOnce  sync.Once
	defaultTable *table
	defaultErr   error
)

// Default returns a KB backed by the embedded knowledge base, decoded once per process. Each
// call returns a new *KB value sharing the decoded data, so Extend on it affects only it.
func Default() (*KB, error) {
	defaultOnce.Do(func() {
		defaultTable, defaultErr = decode(kbGz)
		if defaultErr == nil {
			defaultTable.citiesGz = placesGz
		}
	})
	if defaultErr != nil {
		return nil, defaultErr
	}
	return &KB{base: defaultTable}, nil
}

func decode(gz []byte) (*table, error) {
	t := newTable(len(gz) / 4)
	if err := t.parseGz(gz, "kb.txt.gz"); err != nil {
		return nil, err
	}
	t.finish()
	return t, nil
}

// loadCities parses the embedded places file on first use (errors leave the city list empty;
// the test suite checks the file parses).
func (t *table) loadCities() {
	t.citiesOnce.Do(func() {
		if t.citiesGz != nil {
			t.parseGz(t.citiesGz, "places.txt.gz")
		}
	})
}

// parseGz parses a gzip-compressed actors file into t.
func (t *table) parseGz(gz []byte, name string) error {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return fmt.Errorf("actors: embedded %s: %w", name, err)
	}
	size := 1 << 20
	if n := len(gz); n >= 4 {
		size = int(uint32(gz[n-4]) | uint32(gz[n-3])<<8 | uint32(gz[n-2])<<16 | uint32(gz[n-1])<<24)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(zr); err != nil {
		return fmt.Errorf("actors: embedded %s: %w", name, err)
	}
	raw := buf.Bytes()
	if len(raw) == 0 {
		return nil
	}
	p := &parser{t: t, file: name}
	if err := p.parse(unsafe.String(&raw[0], len(raw))); err != nil { // raw is never written again
		return fmt.Errorf("actors: embedded KB: %w", err)
	}
	return nil
}

// New returns an empty KB; Extend fills it. It is meant for tests and for users who want only
// their own actors.
func New() *KB {
	t := newTable(0)
	t.finish()
	return &KB{base: t}
}

// Extend reads actors, places and agents in the actors file format (doc/actors.md) and adds
// them to kb. Its entries win over the built-in ones: an actor with the Wikidata id or the
// canonical name of a built-in actor replaces it (keeping the built-in names as aliases and the
// built-in roles after the new ones), and every name it lists resolves to it. Errors name the
// line (a *ParseError). Extend must not run concurrently with lookups on the same kb.
func (kb *KB) Extend(r io.Reader) error {
	return kb.ExtendNamed(r, "")
}

// ExtendNamed is Extend with a file name for error messages.
func (kb *KB) ExtendNamed(r io.Reader, name string) error {
	src, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("actors.Extend(%s): %w", name, err)
	}
	u := newTable(0)
	p := &parser{t: u, file: name, user: true}
	if err := p.parse(string(src)); err != nil {
		return fmt.Errorf("actors.Extend: %w", err)
	}
	u.finish()
	if kb.shadow == nil {
		kb.shadow = map[*entry]*entry{}
	}
	kb.users = append([]*table{u}, kb.users...)
	// Replace built-in entries with the same Wikidata id or canonical name.
	for i := range u.entries {
		ue := &u.entries[i]
		var be *entry
		if ue.kb != "" {
			if j, ok := kb.base.byKB[ue.kb]; ok {
				be = &kb.base.entries[j]
			}
		}
		if be == nil {
			for _, rf := range kb.base.lookup(norm.Key(ue.name)) {
				if e := &kb.base.entries[rf.id()]; rf.kind() == refName && e.typ == ue.typ {
					be = e
					break
				}
			}
		}
		if be == nil {
			continue
		}
		if ue.kb == "" {
			ue.kb = be.kb
		}
		if ue.country == "" {
			ue.country = be.country
		}
		if ue.code == "" {
			ue.code = be.code
		}
		if ue.geo < 0 && be.geo >= 0 && ue.typ == be.typ {
			ue.geo = int32(len(u.places))
			u.places = append(u.places, kb.base.places[be.geo])
		}
		ue.roles = append(ue.roles, be.roles...)
		kb.shadow[be] = ue
	}
	return nil
}

// entry is one actor of a table.
type entry struct {
	name, typ, kb, country, code string
	roles                        []role
	geo                          int32 // index of its place in tab.places, -1 none
	user                         bool
	tab                          *table
}

// role is a dated office or code: [from, to) in days since 1970-01-01.
type role struct {
	from, to int32
	code     string
	title    string
}

type placeRec struct {
	name     string
	country  string
	geonames int32
	lat, lon float32
	pop      int64
	capital  bool
	entry    int32 // 1 + index of the actor entry this place belongs to (countries), 0 none
}

// ref points at an entry and says how the name names it.
type refT uint32

const (
	refName    = 0
	refAlias   = 1
	refDemonym = 2
	refSurname = 3
)

func ref(id int32, kind int) refT { return refT(uint32(id)<<2 | uint32(kind)) }
func (r refT) id() int32          { return int32(r >> 2) }
func (r refT) kind() int          { return int(r & 3) }

// table is a decoded actors file: entries, places, agents and their name indexes.
type table struct {
	entries []entry
	// names maps a spelling key to one ref, or (with the top bit set) to an index in multi.
	names map[string]uint32
	multi [][]refT
	// variants maps variant keys of people's names (and surnames) to refs.
	variants map[string][]refT
	// places holds the coordinates of actors (countries); cities and their names come from
	// place records (for the embedded KB, a second file read on first use).
	places        []placeRec
	cities        []placeRec
	placeNames    map[string][]int32
	citiesOnce    sync.Once
	citiesGz      []byte
	agents        map[string]string
	maxAgentWords int
	byKB          map[string]int32
	// offices maps "RUSGOV|president" to the entries holding that titled office at some time.
	offices map[string][]int32
	// countryIdx maps ISO3 and CAMEO country codes to country entries.
	countryIdx map[string]int32
	arena      []byte
	// variants is built on first use (most lookups hit a spelling key).
	variantsOnce sync.Once
}

func newTable(n int) *table {
	return &table{
		names:      make(map[string]uint32, n),
		placeNames: make(map[string][]int32, n/3),
		agents:     map[string]string{},
		byKB:       map[string]int32{},
	}
}

const multiBit = 1 << 31

func (t *table) addName(k []byte, r refT) {
	if len(k) == 0 {
		return
	}
	v, ok := t.names[string(k)]
	switch {
	case !ok:
		t.names[t.intern(k)] = uint32(r)
	case v&multiBit != 0:
		m := &t.multi[v&^multiBit]
		for _, x := range *m {
			if x == r {
				return
			}
		}
		*m = append(*m, r)
	default:
		if refT(v) == r {
			return
		}
		t.names[string(k)] = uint32(len(t.multi)) | multiBit
		t.multi = append(t.multi, []refT{refT(v), r})
	}
}

func (t *table) addPlaceName(k []byte, i int32) {
	if len(k) == 0 {
		return
	}
	l, ok := t.placeNames[string(k)]
	if n := len(l); n > 0 && l[n-1] == i {
		return
	}
	if !ok {
		t.placeNames[t.intern(k)] = []int32{i}
		return
	}
	t.placeNames[string(k)] = append(l, i)
}

// intern copies k into the table's key arena and returns it as a string. Arena chunks are
// never written again once a key is in them.
func (t *table) intern(k []byte) string {
	if len(t.arena)+len(k) > cap(t.arena) {
		t.arena = make([]byte, 0, max(1<<16, len(k)))
	}
	start := len(t.arena)
	t.arena = append(t.arena, k...)
	return unsafe.String(&t.arena[start], len(k))
}

// lookup returns the refs of a key (nil when none). The one-ref case does not allocate when
// the caller passes a []byte converted in the call.
func (t *table) lookup(k string) []refT {
	v, ok := t.names[k]
	if !ok {
		return nil
	}
	if v&multiBit != 0 {
		return t.multi[v&^multiBit]
	}
	return []refT{refT(v)}
}

// lookupOne is lookup for hot paths: it reports the single ref, or the multi slice.
func (t *table) lookupBytes(k []byte) (single refT, multi []refT, ok bool) {
	v, ok := t.names[string(k)]
	if !ok {
		return 0, nil, false
	}
	if v&multiBit != 0 {
		return 0, t.multi[v&^multiBit], true
	}
	return refT(v), nil, true
}

// finish builds the derived indexes: surnames and name variants of people, and offices.
func (t *table) finish() {
	t.offices = map[string][]int32{}
	t.countryIdx = map[string]int32{}
	for i := range t.entries {
		e := &t.entries[i]
		if e.typ == chronicle.LOC && e.country != "" && len(e.code) == 3 && e.geo >= 0 {
			for _, c := range [2]string{e.country, e.code} {
				if _, ok := t.countryIdx[c]; !ok {
					t.countryIdx[c] = int32(i)
				}
			}
		}
		if e.typ != "PER" {
			continue
		}
		id := int32(i)
		k := norm.Key(e.name)
		if sp := strings.LastIndexByte(k, ' '); sp > 0 && (len(e.roles) > 0 || e.code != "") {
			if sur := k[sp+1:]; len(sur) > 2 && !isRoman(sur) {
				t.addName([]byte(sur), ref(id, refSurname))
			}
			if familyFirst[e.country] { // "Xi" for Xi Jinping
				t.addName([]byte(k[:strings.IndexByte(k, ' ')]), ref(id, refSurname))
			}
		}
		for _, r := range e.roles {
			if r.title == "" {
				continue
			}
			title, _, _ := strings.Cut(r.title, " of ")
			ok := r.code + "|" + strings.ToLower(title)
			if l := t.offices[ok]; len(l) == 0 || l[len(l)-1] != id {
				t.offices[ok] = append(l, id)
			}
		}
	}
}

// buildVariants indexes the variant keys of people's names, aliases and surnames.
func (t *table) buildVariants() {
	t.variants = make(map[string][]refT, len(t.entries))
	// Which entries are people, in order first: looking each up through the names, in map
	// order, missed the processor's caches.
	per := make([]bool, len(t.entries))
	for i := range t.entries {
		per[i] = t.entries[i].typ == "PER"
	}
	for k, v := range t.names {
		refs := []refT{refT(v)}
		if v&multiBit != 0 {
			refs = t.multi[v&^multiBit]
		}
		for _, r := range refs {
			if r.kind() != refDemonym && per[r.id()] {
				vk := norm.Variant(k)
				t.variants[vk] = appendRef(t.variants[vk], r)
			}
		}
	}
}

// familyFirst are countries whose people are named family name first in English news.
var familyFirst = map[string]bool{"CHN": true, "TWN": true, "HKG": true, "MAC": true, "KOR": true, "PRK": true, "VNM": true, "KHM": true}

func appendRef(l []refT, r refT) []refT {
	for _, x := range l {
		if x.id() == r.id() {
			return l
		}
	}
	return append(l, r)
}

func isRoman(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'i', 'v', 'x', 'l':
		default:
			return false
		}
	}
	return true
}

// at returns the entry's code and title on day, whether a dated role holds then, and the title
// of the latest titled role that ended before day (for "former …").
func (e *entry) at(day int32) (code, title string, active bool, former string) {
	var formerEnd int32 = openFrom
	for i := range e.roles {
		r := &e.roles[i]
		if r.from <= day && day < r.to {
			return r.code, r.title, true, ""
		}
		if r.title != "" && r.to <= day && r.to > formerEnd {
			formerEnd, former = r.to, r.title
		}
	}
	return e.code, "", false, former
}

// resolve maps a base entry to the user entry that replaces it.
func (kb *KB) resolve(e *entry) *entry {
	if kb.shadow != nil {
		if u, ok := kb.shadow[e]; ok {
			return u
		}
	}
	return e
}

// candidates calls f for each entry a key names, user entries first; f returns false to stop.
func (kb *KB) candidates(k []byte, f func(e *entry, kind int) bool) {
	for _, t := range kb.layers() {
		single, multi, ok := t.lookupBytes(k)
		if !ok {
			continue
		}
		if multi == nil {
			if !f(kb.resolve(&t.entries[single.id()]), single.kind()) {
				return
			}
			continue
		}
		for _, r := range multi {
			if !f(kb.resolve(&t.entries[r.id()]), r.kind()) {
				return
			}
		}
	}
}

// variantCandidates is candidates over the variant index of people's names.
func (kb *KB) variantCandidates(vk string, f func(e *entry, kind int) bool) {
	for _, t := range kb.layers() {
		t.variantsOnce.Do(t.buildVariants)
		for _, r := range t.variants[vk] {
			if !f(kb.resolve(&t.entries[r.id()]), r.kind()) {
				return
			}
		}
	}
}

// best picks among the entries a key names: user entries, then a role active on day, then a
// name over an alias over a surname, then a Wikidata id. accept filters by type.
func (kb *KB) best(k []byte, day int32, accept func(e *entry, kind int) bool) (*entry, int) {
	var be *entry
	bk, bs := 0, -1
	kb.candidates(k, func(e *entry, kind int) bool {
		if !accept(e, kind) {
			return true
		}
		s := score(e, kind, day)
		if s > bs {
			be, bk, bs = e, kind, s
		}
		return true
	})
	return be, bk
}

func score(e *entry, kind int, day int32) int {
	s := 0
	if e.user {
		s += 1000
	}
	if _, _, active, _ := e.at(day); active {
		s += 100
	}
	switch kind {
	case refName:
		s += 30
	case refAlias, refDemonym:
		s += 20
	}
	if e.kb != "" {
		s += 5
	}
	if len(e.roles) > 0 {
		s++
	}
	return s
}

func anyType(*entry, int) bool { return true }

// Actor looks a name up ("Putin", "the Kremlin", "Russian", "United Nations") and returns what
// the KB knows about it as of date. Spelling variants of people's names are accepted.
func (kb *KB) Actor(name string, date time.Time) (Actor, bool) {
	k := norm.AppendKey(nil, stripThe(name))
	day := dayOf(date)
	e, kind := kb.best(k, day, anyType)
	if e == nil {
		e, kind = kb.bestVariant(norm.Variant(string(k)), day)
	}
	if e == nil {
		return Actor{}, false
	}
	return kb.actorOf(e, kind, day), true
}

// ActorPhrase codes a noun phrase the way an event coder needs it: a known name anywhere at
// its end ("Russian President Vladimir Putin" → Vladimir Putin), or a country, demonym or
// organisation followed by an agent noun ("Russian police" → RUSCOP, "Ukrainian troops" →
// UKRMIL, "the Kremlin's spokesman" → RUSGOV), or a bare agent ("the police" → COP, Country
// ""). The returned Actor's Name is the matched name, or the phrase for composed codes.
func (kb *KB) ActorPhrase(phrase string, date time.Time) (Actor, bool) {
	words := strings.Fields(stripThe(phrase))
	if len(words) == 0 {
		return Actor{}, false
	}
	// A name at the end of the phrase, longest first.
	for i := 0; i < len(words) && i < 6; i++ {
		if a, ok := kb.Actor(strings.Join(words[i:], " "), date); ok && (i == 0 || a.Type != chronicle.MISC) {
			if i == 0 || a.Type == chronicle.PER || a.Type == chronicle.ORG {
				return a, true
			}
		}
	}
	// A country, demonym or organisation, then an agent noun.
	for i := len(words) - 1; i >= 1; i-- {
		ag, ok := kb.Agent(strings.Join(words[i:], " "))
		if !ok {
			continue
		}
		head := strings.TrimSuffix(strings.TrimSuffix(strings.Join(words[:i], " "), "'s"), "’s")
		a, ok := kb.Actor(head, date)
		if !ok || a.Code == "" {
			continue
		}
		code := a.Code
		if len(code) > 3 && a.Type != chronicle.ORG {
			code = code[:3]
		}
		if a.Type == chronicle.ORG && len(code) == 6 && strings.HasSuffix(code, "GOV") {
			code = code[:3] // "Kremlin spokesman": the government's country, the agent's sector
		}
		if !strings.HasSuffix(code, ag.Code) {
			code += ag.Code
		}
		return Actor{Name: phrase, Type: a.Type, Country: a.Country, Code: code}, true
	}
	if ag, ok := kb.Agent(strings.Join(words, " ")); ok {
		return Actor{Name: phrase, Code: ag.Code}, true
	}
	return Actor{}, false
}

func (kb *KB) bestVariant(vk string, day int32) (*entry, int) {
	var be *entry
	bk, bs := 0, -1
	kb.variantCandidates(vk, func(e *entry, kind int) bool {
		if s := score(e, kind, day); s > bs {
			be, bk, bs = e, kind, s
		}
		return true
	})
	return be, bk
}

func (kb *KB) actorOf(e *entry, kind int, day int32) Actor {
	a := Actor{Name: e.name, Type: e.typ, KB: e.kb, Country: e.country}
	code, title, active, former := e.at(day)
	a.Code = code
	if active {
		a.Role = title
	} else if former != "" {
		a.Role = "former " + former
	}
	if kind == refDemonym {
		a.Type = chronicle.MISC
	}
	return a
}

func stripThe(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 4 && (s[:4] == "the " || s[:4] == "The ") {
		return s[4:]
	}
	return s
}

// Agent returns the sector code of an agent noun phrase ("president", "foreign minister",
// "police", "rebels", "the administration"); regular plurals are accepted.
func (kb *KB) Agent(phrase string) (Agent, bool) {
	k := norm.Key(stripThe(phrase))
	for _, cand := range singulars(k) {
		for _, t := range kb.layers() {
			if c, ok := t.agents[cand]; ok {
				return Agent{Phrase: cand, Code: c}, true
			}
		}
	}
	return Agent{}, false
}

// agentBytes is Agent for the resolver's hot path: k is a key; no allocation on a hit of the
// key itself.
func (kb *KB) agentBytes(k []byte) (string, bool) {
	for _, t := range kb.layers() {
		if c, ok := t.agents[string(k)]; ok {
			return c, true
		}
	}
	n := len(k)
	switch {
	case n > 4 && string(k[n-3:]) == "ies":
		return kb.agentString(string(k[:n-3]) + "y")
	case n > 3 && k[n-1] == 's':
		if c, ok := kb.agentBytes2(k[:n-1]); ok {
			return c, true
		}
		if n > 4 && k[n-2] == 'e' {
			return kb.agentBytes2(k[:n-2])
		}
	case n > 3 && string(k[n-3:]) == "men":
		return kb.agentString(string(k[:n-3]) + "man")
	}
	return "", false
}

func (kb *KB) agentBytes2(k []byte) (string, bool) {
	for _, t := range kb.layers() {
		if c, ok := t.agents[string(k)]; ok {
			return c, true
		}
	}
	return "", false
}

func (kb *KB) agentString(k string) (string, bool) { return kb.agentBytes2([]byte(k)) }

func (kb *KB) maxAgentWords() int {
	n := kb.base.maxAgentWords
	for _, u := range kb.users {
		n = max(n, u.maxAgentWords)
	}
	return n
}

// singulars returns k and its possible singular forms.
func singulars(k string) []string {
	out := []string{k}
	n := len(k)
	switch {
	case n > 4 && strings.HasSuffix(k, "ies"):
		out = append(out, k[:n-3]+"y")
	case n > 3 && strings.HasSuffix(k, "men"):
		out = append(out, k[:n-3]+"man")
	case n > 3 && k[n-1] == 's':
		out = append(out, k[:n-1])
		if n > 4 && k[n-2] == 'e' {
			out = append(out, k[:n-2])
		}
	}
	return out
}

// Place returns the place a name denotes: a country, or the most populous city of that name
// (capitals first). Lat/Lon are the GeoNames coordinates.
func (kb *KB) Place(name string) (chronicle.Place, bool) {
	k := norm.AppendKey(nil, stripThe(name))
	pl, ok := kb.place(k)
	if !ok {
		return chronicle.Place{}, false
	}
	return chronicle.Place{Name: pl.name, GeoNames: int(pl.geonames), Lat: round4(pl.lat), Lon: round4(pl.lon)}, true
}

func round4(f float32) float64 {
	x := float64(f) * 1e4
	if x < 0 {
		x -= 0.5
	} else {
		x += 0.5
	}
	return float64(int64(x)) / 1e4
}

// place finds the place record a key names: a country or region entry with coordinates first,
// else the best city.
func (kb *KB) place(k []byte) (*placeRec, bool) {
	var best *placeRec
	kb.candidates(k, func(e *entry, kind int) bool {
		if e.typ == chronicle.LOC && kind != refDemonym && e.geo >= 0 {
			best = kb.placeOf(e)
			return false
		}
		return true
	})
	if best != nil {
		return best, true
	}
	for _, t := range kb.layers() {
		t.loadCities()
		for _, i := range t.placeNames[string(k)] {
			p := &t.cities[i]
			if best == nil || p.capital && !best.capital || p.capital == best.capital && p.pop > best.pop {
				best = p
			}
		}
		if best != nil {
			return best, true
		}
	}
	return nil, false
}

func (kb *KB) placeOf(e *entry) *placeRec { return &e.tab.places[e.geo] }

// layers returns the tables to search, in order of precedence.
func (kb *KB) layers() []*table {
	if len(kb.users) == 0 {
		return []*table{kb.base}
	}
	return append(append(make([]*table, 0, len(kb.users)+1), kb.users...), kb.base)
}

// Canonical returns the canonical name of the actor a name denotes ("Zelenskiy" → "Volodymyr
// Zelenskyy"), so that every spelling finds the same actor; a name the KB does not know is
// returned with its spaces normalised.
func (kb *KB) Canonical(name string) string {
	if a, ok := kb.Actor(name, time.Time{}); ok {
		return a.Name
	}
	return strings.Join(strings.Fields(name), " ")
}

// Canonical is (*KB).Canonical on the default KB.
func Canonical(name string) string {
	kb, err := Default()
	if err != nil {
		return strings.Join(strings.Fields(name), " ")
	}
	return kb.Canonical(name)
}

// Key returns a spelling- and transliteration-insensitive key for a name ("Zelensky",
// "Zelenskiy" and "Selenskyj" share one), for grouping names the KB does not know.
func Key(name string) string { return norm.Variant(norm.Key(name)) }

// CountryName returns how a country is named in a role ("Russia", "the United States"), from
// its ISO3 or CAMEO code.
func (kb *KB) CountryName(code string) string {
	e := kb.country(code)
	if e == nil {
		return code
	}
	return roleName(e.name)
}

func roleName(n string) string {
	switch {
	case strings.HasPrefix(n, "United "), strings.HasSuffix(n, " Republic"), strings.HasSuffix(n, " Islands"),
		strings.HasSuffix(n, "lands"), n == "Philippines", n == "Bahamas", n == "Maldives", n == "Comoros",
		n == "Gambia", n == "Seychelles", n == "Vatican City", n == "Congo", n == "DR Congo":
		return "the " + n
	}
	return n
}

// country returns the country entry for an ISO3 or CAMEO country code.
func (kb *KB) country(code string) *entry {
	if len(code) < 3 {
		return nil
	}
	c := code[:3]
	if i, ok := kb.base.countryIdx[c]; ok {
		return kb.resolve(&kb.base.entries[i])
	}
	return nil
}
