package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"chronicle/actors/internal/norm"
)

// orgWords mark a PETRARCH entry as an organisation rather than a person.
var orgWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`MINISTRY MINISTRIES DEPARTMENT COUNCIL PARTY ARMY FORCE FORCES COURT ASSEMBLY HOUSE
		PARLIAMENT CONGRESS SENATE KREMLIN BANK UNION ORGANIZATION ORGANISATION COMMITTEE COMMISSION FRONT
		MOVEMENT GROUP BRIGADE BRIGADES AGENCY SERVICE SERVICES GOVERNMENT POLICE GUARD GUARDS FEDERATION
		ASSOCIATION LEAGUE INSTITUTE FUND OFFICE NEWS TIMES POST PRESS CORPS COMMAND NAVY AIR MILITIA
		REBELS NATIONS SECURITY CENTER CENTRE FOUNDATION AUTHORITY BUREAU CABINET SOCIETY NETWORK CHURCH
		UNIVERSITY COMPANY CORPORATION TRIBUNAL INTERNATIONAL REPUBLIC STATE STATES COALITION ALLIANCE
		COMMUNITY CONFERENCE PROGRAM PROGRAMME MISSION OPERATION DIVISION REGIMENT BATTALION UNIT
		ADMINISTRATION DUMA JUNTA REGIME MINISTERS DIRECTORATE TASK SECRETARIAT BOARD EXCHANGE ORGANIZATIONS
		PEOPLE PEOPLES TRIBE TRIBES CLAN FACTION FIGHTERS MUJAHIDEEN TALIBAN JIHAD BROTHERHOOD CELLS
		NUCLEI ACTION STRUGGLE RESISTANCE LIBERATION REVOLUTIONARY ISLAMIC NATIONAL ARMED OPPOSITION
		AUTHORITIES OFFICIALS TROOPS SOLDIERS DELEGATION EMBASSY CONSULATE PALACE`) {
		orgWords[w] = true
	}
}

// titleWords in a PETRARCH person phrase mark a phrase with a title ("PRESIDENT_PUTIN_"), not
// a plain name.
var titleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`PRESIDENT PREMIER MINISTER PRIME SECRETARY KING QUEEN PRINCE GENERAL
		AMBASSADOR CHAIRMAN LEADER CHANCELLOR FOREIGN DEFENSE DEFENCE SPOKESMAN SENATOR GOVERNOR MAYOR
		COLONEL MAJOR CAPTAIN ADMIRAL FORMER ACTING DEPUTY VICE CHIEF SHEIKH SHEIK EMIR SULTAN AYATOLLAH
		MR MRS DR MR. MRS. DR. LORD SIR BARON JUDGE JUSTICE POPE CARDINAL BISHOP ARCHBISHOP PRESIDENTIAL
		RUSSIAN AMERICAN BRITISH FRENCH CHINESE GERMAN SECY SEC. GEN. GOV. GOVENOR GOVERNOR SEN. REP. PRES.
		SOVIET EX-SOVIET ADMINISTRATION`) {
		titleWords[w] = true
	}
}

func phraseWords(p string) []string {
	var out []string
	for _, w := range strings.Split(p, "_") {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// isPersonEntry tells persons from organisations among PETRARCH entries.
func isPersonEntry(e pEntry) bool {
	for _, w := range phraseWords(e.Root) {
		if orgWords[strings.Trim(w, "().,")] {
			return false
		}
	}
	n := len(phraseWords(e.Root))
	if n < 1 || n > 8 {
		return false
	}
	for _, c := range e.Codes {
		if c.dated() {
			return true
		}
	}
	return false
}

// nameLike reports whether a PETRARCH phrase is a plain name (no title words, at most five
// words), worth keeping as an alias of a person.
func nameLike(p string) bool {
	ws := phraseWords(p)
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	for _, w := range ws {
		for _, part := range strings.Split(w, "-") {
			if titleWords[part] || orgWords[part] {
				return false
			}
		}
	}
	return true
}

// mergePetrarch adds the PETRARCH Phoenix actors: people are merged into the leaders they
// match (same name key or variant and same country), their stale date ranges corrected by the
// leaders data; other people, organisations and places are added; IGOs from SupraVerden get
// their CAMEO codes from the International dictionary; media and government metonyms come
// from the curated tables.
func mergePetrarch(data string, cs *countries, leaders []*actor, kb *kbData) error {
	dict := path(data, "petrarch2", "dictionaries")
	countryEntries, err := readPetrarchActors(path(dict, "Phoenix.Countries.actors.txt"))
	if err != nil {
		return err
	}
	intl, err := readPetrarchActors(path(dict, "Phoenix.International.actors.txt"))
	if err != nil {
		return err
	}
	milns, err := readPetrarchActors(path(dict, "Phoenix.MilNonState.actors.txt"))
	if err != nil {
		return err
	}
	geoKeys := map[string]bool{}
	for _, p := range kb.Places {
		if p.Region {
			continue // PETRARCH's "New York" [USA] stays an actor: a name tagged ORG finds it too
		}
		geoKeys[norm.Key(p.Name)] = true
		for _, a := range p.Aliases {
			geoKeys[norm.Key(a)] = true
		}
	}
	cameoToISO := map[string]string{}
	for _, c := range cs.list {
		cameoToISO[c.Code] = c.Country
	}
	// Leader index by name keys and variants.
	leaderBy := map[string][]*actor{}
	for _, l := range leaders {
		for _, n := range append([]string{l.Name}, l.Aliases...) {
			k := norm.Key(n)
			leaderBy[k] = append(leaderBy[k], l)
			leaderBy["~"+norm.Variant(k)] = append(leaderBy["~"+norm.Variant(k)], l)
		}
	}
	leaderCountries := func(l *actor) map[string]bool {
		m := map[string]bool{}
		for _, r := range l.Roles {
			m[r.Code[:3]] = true
		}
		return m
	}
	var people []*actor
	var orgs []*actor
	var extraPlaces []*actor
	merged := 0
	for _, e := range countryEntries {
		if isCountryRoot(e, cameoToISO) {
			iso := cameoToISO[e.Codes[0].Code]
			for _, s := range append([]string{e.Root}, e.Synonyms...) {
				k := norm.Key(strings.ReplaceAll(s, "_", " "))
				if k == "" || cs.byKey[k] != "" || geoKeys[k] || strings.Contains(s, "(") {
					continue
				}
				geoKeys[k] = true
				extraPlaces = append(extraPlaces, &actor{Name: norm.Title(s), Type: "LOC", Country: iso, Code: e.Codes[0].Code})
			}
			continue
		}
		if len(phraseWords(e.Root)) == 1 {
			if k := norm.Key(e.Root); cs.byKey[k] != "" || geoKeys[k] {
				continue // a country or place under another code ("UKRAINE [SUN <911224]")
			}
		}
		if !isPersonEntry(e) {
			orgs = append(orgs, petrarchOrg(e, cameoToISO))
			continue
		}
		// A person: merge into a leader of the same country if the names match.
		ctry := ""
		for _, c := range e.Codes {
			if len(c.Code) >= 3 {
				ctry = c.Code[:3]
				break
			}
		}
		var match *actor
		for _, s := range append([]string{e.Root}, e.Synonyms...) {
			if !nameLike(s) {
				continue
			}
			k := norm.Key(strings.ReplaceAll(s, "_", " "))
			cands := leaderBy[k]
			if len(cands) == 0 && len(strings.Fields(k)) >= 2 {
				cands = leaderBy["~"+norm.Variant(k)]
			}
			for _, l := range cands {
				if leaderCountries(l)[ctry] {
					match = l
					break
				}
			}
			if match != nil {
				break
			}
		}
		if match != nil {
			mergePerson(match, e)
			merged++
			continue
		}
		people = append(people, petrarchPerson(e, cameoToISO))
	}
	fmt.Fprintf(os.Stderr, "gen: PETRARCH country actors: %d merged into leaders, %d other people, %d organisations, %d places\n",
		merged, len(people), len(orgs), len(extraPlaces))

	// International organisations: SupraVerden, with PETRARCH codes where names match.
	igos, err := loadIGOs(path(data, "international-orgs", "supraverden-general_list.yaml"))
	if err != nil {
		return err
	}
	knownGroups, err := readKnownGroups(path(data, "gdelt-cameo-lookups", "CAMEO.knowngroup.txt"))
	if err != nil {
		return err
	}
	intlByKey := map[string]*pEntry{}
	for i := range intl {
		e := &intl[i]
		for _, s := range append([]string{e.Root}, e.Synonyms...) {
			k := norm.Key(strings.ReplaceAll(s, "_", " "))
			if _, ok := intlByKey[k]; !ok {
				intlByKey[k] = e
			}
		}
	}
	usedIntl := map[*pEntry]bool{}
	for _, o := range igos {
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			k := norm.Key(n)
			if e, ok := intlByKey[k]; ok && !isPersonEntry(*e) {
				if c := undatedCode(*e); c != "" && c != "---" {
					o.Code = c
					usedIntl[e] = true
					for _, s := range append([]string{e.Root}, e.Synonyms...) {
						if nameLike(s) {
							o.Aliases = append(o.Aliases, norm.Title(s))
						}
					}
					break
				}
			}
			if g, ok := knownGroups[k]; ok && o.Code == "" {
				o.Code = "IGO" + g
			}
		}
		if o.Code == "" {
			o.Code = "IGO"
		}
	}
	for i := range intl {
		e := &intl[i]
		if usedIntl[e] {
			continue
		}
		if isPersonEntry(*e) {
			people = append(people, petrarchPerson(*e, cameoToISO))
		} else {
			orgs = append(orgs, petrarchOrg(*e, cameoToISO))
		}
	}
	for _, e := range milns {
		if isPersonEntry(e) {
			people = append(people, petrarchPerson(e, cameoToISO))
		} else {
			orgs = append(orgs, petrarchOrg(e, cameoToISO))
		}
	}
	// Curated media and metonyms replace PETRARCH entries of the same name.
	curated := curatedOrgs(cs)
	curKeys := map[string]bool{}
	for _, c := range curated {
		curKeys[norm.Key(c.Name)] = true
		for _, a := range c.Aliases {
			curKeys[norm.Key(a)] = true
		}
	}
	var keptOrgs []*actor
	for _, o := range orgs {
		if !curKeys[norm.Key(o.Name)] {
			keptOrgs = append(keptOrgs, o)
		}
	}
	kb.Orgs = append(append(append(curated, igos...), keptOrgs...), extraPlaces...)
	sort.SliceStable(kb.Orgs[len(curated):], func(i, j int) bool {
		a, b := kb.Orgs[len(curated)+i], kb.Orgs[len(curated)+j]
		if a.Type != b.Type {
			return a.Type > b.Type
		}
		return a.Name < b.Name
	})
	people = append(leaders, people...)
	sort.SliceStable(people, func(i, j int) bool {
		if (people[i].KB != "") != (people[j].KB != "") {
			return people[i].KB != ""
		}
		return people[i].Name < people[j].Name
	})
	kb.People = people
	return nil
}

// isCountryRoot reports whether e is a country's own entry ("RUSSIAN_FEDERATION_ [RUS]").
func isCountryRoot(e pEntry, cameoToISO map[string]string) bool {
	if len(e.Codes) != 1 || e.Codes[0].dated() {
		return false
	}
	_, ok := cameoToISO[e.Codes[0].Code]
	return ok
}

func undatedCode(e pEntry) string {
	code := ""
	for _, c := range e.Codes {
		if !c.dated() {
			code = c.Code
		}
	}
	return code
}

func codeCountry(code string, cameoToISO map[string]string) string {
	if len(code) >= 3 {
		if iso, ok := cameoToISO[code[:3]]; ok {
			return iso
		}
	}
	return ""
}

func petrarchOrg(e pEntry, cameoToISO map[string]string) *actor {
	a := &actor{Name: norm.Title(e.Root), Type: "ORG"}
	for _, s := range e.Synonyms {
		a.Aliases = append(a.Aliases, norm.Title(s))
	}
	a.Code = undatedCode(e)
	if a.Code == "---" {
		a.Code = ""
	}
	for _, c := range e.Codes {
		if c.dated() && c.Code != "---" {
			a.Roles = append(a.Roles, role{Code: c.Code, From: c.From, To: c.To})
		}
	}
	if a.Code == "" && len(a.Roles) == 0 && len(e.Codes) > 0 && e.Codes[0].Code != "---" {
		a.Code = e.Codes[0].Code
	}
	a.Country = codeCountry(a.Code, cameoToISO)
	return a
}

func petrarchPerson(e pEntry, cameoToISO map[string]string) *actor {
	a := petrarchOrg(e, cameoToISO)
	a.Type = "PER"
	a.Aliases = nil
	for _, s := range e.Synonyms {
		if nameLike(s) {
			a.Aliases = append(a.Aliases, norm.Title(s))
		}
	}
	if a.Country == "" && len(a.Roles) > 0 {
		a.Country = codeCountry(a.Roles[len(a.Roles)-1].Code, cameoToISO)
	}
	return a
}

// mergePerson adds a PETRARCH person's names and date ranges to a leader. The leaders data is
// authoritative for the offices it covers: PETRARCH ranges are kept only outside the leader's
// terms, and an open-ended range that ran into a term which has since ended is dropped (the
// dictionaries date from 2014 and still code many former leaders as in office).
func mergePerson(l *actor, e pEntry) {
	for _, s := range append([]string{e.Root}, e.Synonyms...) {
		if nameLike(s) {
			l.Aliases = append(l.Aliases, norm.Title(s))
		}
	}
	leaderRoles := append([]role(nil), l.Roles...)
	for _, c := range e.Codes {
		if c.Code == "---" {
			continue
		}
		if !c.dated() {
			l.Code = c.Code
			continue
		}
		to := c.To
		if to.IsZero() && c.From.Before(vintage) {
			to = vintage // the dictionaries know nothing after they were written
		}
		pieces := [][2]time.Time{{c.From, to}}
		for _, r := range leaderRoles {
			pieces = subtract(pieces, r.From, r.To)
		}
		for _, p := range pieces {
			if !p[1].IsZero() && p[1].Sub(p[0]) < 60*24*time.Hour {
				continue // a gap between terms
			}
			l.Roles = append(l.Roles, role{Code: c.Code, From: p[0], To: p[1]})
		}
	}
}

// vintage is when the Phoenix dictionaries were last updated: an open-ended range ("in office
// since 2009") of a person the leaders data also covers is not trusted past it.
var vintage = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

// subtract removes [from, to) from each piece (zero to = open end, zero from = open start).
func subtract(pieces [][2]time.Time, from, to time.Time) [][2]time.Time {
	var out [][2]time.Time
	for _, p := range pieces {
		if !overlaps(p[0], p[1], from, to) {
			out = append(out, p)
			continue
		}
		if p[0].Before(from) {
			out = append(out, [2]time.Time{p[0], from})
		}
		if !to.IsZero() && (p[1].IsZero() || to.Before(p[1])) {
			out = append(out, [2]time.Time{to, p[1]})
		}
	}
	return out
}

// readKnownGroups reads CAMEO.knowngroup.txt: label key → code (UNO, NAT, ARL …).
func readKnownGroups(p string) (map[string]string, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("known groups: %w", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		code, label, ok := strings.Cut(sc.Text(), "\t")
		if !ok || code == "CODE" {
			continue
		}
		label = strings.TrimSpace(label)
		names := []string{label}
		if i := strings.Index(label, " ("); i > 0 {
			names = []string{label[:i], strings.Trim(label[i+2:], ")")}
		}
		for _, n := range names {
			out[norm.Key(n)] = code
		}
	}
	return out, sc.Err()
}
