package main

import (
	"encoding/csv"

	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// englishNames fixes leaders whose Wikidata label in the snapshot is Portuguese or a
// transliteration other than the usual English one. Keys are Wikidata ids.
var englishNames = map[string]string{
	"Q3874799":   "Volodymyr Zelenskyy",
	"Q43274":     "Charles III",
	"Q9682":      "Elizabeth II",
	"Q154952":    "Willem-Alexander",
	"Q191045":    "Felipe VI",
	"Q1004037":   "Frederik X",
	"Q155004":    "Philippe of Belgium",
	"Q3911":      "Albert II of Belgium",
	"Q57287":     "Harald V",
	"Q16004":     "Henri, Grand Duke of Luxembourg",
	"Q161319":    "Guillaume, Grand Duke of Luxembourg",
	"Q3910":      "Albert II, Prince of Monaco",
	"Q57553":     "Mohammed VI of Morocco",
	"Q217096":    "Naruhito",
	"Q57298":     "Abdullah of Saudi Arabia",
	"Q1951896":   "Mohamed bin Zayed Al Nahyan",
	"Q1060355":   "Simeon Saxe-Coburg-Gotha",
	"Q57537":     "Letsie III",
	"Q124846311": "Transitional Presidential Council",
}

// ptFirstNames maps the Portuguese forms of royal first names to English ones.
var ptFirstNames = map[string]string{
	"Carlos": "Charles", "Isabel": "Elizabeth", "Jorge": "George", "Eduardo": "Edward",
	"Guilherme": "William", "Henrique": "Henry", "Filipe": "Philip", "Frederico": "Frederick",
	"Alberto": "Albert", "Luís": "Louis", "João": "John", "Pedro": "Peter", "Maomé": "Mohammed",
	"Abdallah": "Abdullah", "Margarida": "Margrethe", "Cristiano": "Christian", "Gustavo": "Gustaf",
	"Balduíno": "Baudouin", "Leopoldo": "Leopold", "Olavo": "Olav", "Haroldo": "Harald",
	"Juliana": "Juliana", "Beatriz": "Beatrix", "Afonso": "Alfonso", "Humberto": "Umberto",
	"Vítor": "Victor", "Vitória": "Victoria", "Guilhermina": "Wilhelmina", "Alexandre": "Alexander",
	"Nicolau": "Nicholas", "Francisco": "Francis", "Fernando": "Ferdinand",
}

// femaleMonarchs are first names of queens regnant (the title is then "Queen").
var femaleMonarchs = map[string]bool{
	"Elizabeth": true, "Isabel": true, "Margrethe": true, "Beatrix": true, "Juliana": true,
	"Wilhelmina": true, "Victoria": true, "Salote": true, "Charlotte": true,
}

// hosTitles and hogTitles name the offices where they are not "President" / "Prime Minister"
// or a monarch's title derived from the official country name.
var hosTitles = map[string]string{
	"JPN": "Emperor", "VAT": "Pope", "KWT": "Emir", "QAT": "Emir", "OMN": "Sultan", "BRN": "Sultan",
	"MYS": "King", "AND": "Co-Prince", "LIE": "Prince", "MCO": "Prince", "LUX": "Grand Duke",
	"ARE": "President", "SWZ": "King",
}
var hogTitles = map[string]string{
	"DEU": "Chancellor", "AUT": "Chancellor", "CHN": "Premier",
}

type term struct {
	ISO3, Role string // Role: head_of_state | head_of_government
	From, To   time.Time
}

type leader struct {
	QID, Label string
	Terms      []term
}

// loadLeaders reads the Wikidata heads of state and government and returns one actor per
// person, with a dated role per term ("President of Russia", RUSGOV, 2012-05-07..).
func loadLeaders(data string, cs *countries) ([]*actor, error) {
	byQID := map[string]*leader{}
	current := map[string]bool{} // ISO3|role|QID of the offices leaders_current.csv lists
	for _, f := range []string{"leaders_history.csv", "leaders_current.csv"} {
		cur := current
		if f == "leaders_history.csv" {
			cur = nil
		}
		if err := readLeaders(path(data, "world-leaders", "wikidata-hos-hog", f), byQID, cur); err != nil {
			return nil, err
		}
	}
	g20, g20Titles, err := readG20(data, cs)
	if err != nil {
		return nil, err
	}
	qids := make([]string, 0, len(byQID))
	for q := range byQID {
		qids = append(qids, q)
	}
	sort.Strings(qids)
	// The days each leader took up an office (before merging): a co-ruler who starts the day
	// the leader starts again ("Ortega and Murillo, co-presidents") succeeds no one.
	took := map[string]bool{} // QID|ISO3|role|start
	for _, q := range qids {
		for _, t := range byQID[q].Terms {
			took[q+"|"+t.ISO3+"|"+t.Role+"|"+t.From.Format(time.DateOnly)] = true
		}
		byQID[q].Terms = mergeTerms(byQID[q].Terms)
	}
	closeSucceeded(qids, byQID, current, took)
	var out []*actor
	for _, q := range qids {
		l := byQID[q]
		if len(l.Terms) == 0 {
			continue
		}
		name := englishName(l, g20)
		a := &actor{Name: name, Type: "PER", KB: q, keys: map[string]bool{}}
		if l.Label != name {
			a.Aliases = append(a.Aliases, l.Label)
		}
		last := l.Terms[0]
		for _, t := range l.Terms {
			title := leaderTitle(cs, g20Titles, l, t, name)
			a.Roles = append(a.Roles, role{Code: cs.cameoCode(t.ISO3) + "GOV", From: t.From, To: t.To,
				Title: title + " of " + cs.roleName(t.ISO3)})
			if after(t.To, last.To) || t.To.Equal(last.To) && t.From.After(last.From) {
				last = t
			}
		}
		// The person's country: that of the latest office; among offices held at once (the
		// British monarch in the Commonwealth realms) the United Kingdom, else the first.
		a.Country = last.ISO3
		for _, t := range l.Terms {
			if t.ISO3 == "GBR" && t.To.Equal(last.To) {
				a.Country = "GBR"
			}
		}
		// Most recent office first, so a lookup finds it first; the same person may be
		// head of state and of government at once (the first listed wins), and the
		// person's own country comes first among concurrent offices.
		home := cs.cameoCode(a.Country) + "GOV"
		sort.SliceStable(a.Roles, func(i, j int) bool {
			if !a.Roles[i].To.Equal(a.Roles[j].To) {
				return after(a.Roles[i].To, a.Roles[j].To)
			}
			return a.Roles[i].Code == home && a.Roles[j].Code != home
		})
		a.Roles = dedupeRoles(a.Roles)
		a.Code = cs.cameoCode(last.ISO3) + "ELI"
		out = append(out, a)
	}
	return out, nil
}

// after reports whether end a is later than end b (zero = still open = latest).
func after(a, b time.Time) bool {
	if a.IsZero() {
		return !b.IsZero()
	}
	if b.IsZero() {
		return false
	}
	return a.After(b)
}

func dedupeRoles(rs []role) []role {
	var out []role
	for _, r := range rs {
		dup := false
		for _, o := range out {
			if o.Code == r.Code && o.Title == r.Title && !o.From.After(r.From) && (o.To.IsZero() || !r.To.IsZero() && !o.To.Before(r.To)) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// closeSucceeded ends the open terms that a successor's term ended: a term with no end, of a
// leader whom leaders_current.csv does not list in that office, ends when another person's term
// in the same office of the same country starts more than a month after it (a day later is noise
// in the data), on a day the leader did not take it up again (Wikidata often lacks the end of a prime minister's term, who would otherwise stay in
// office on every later date).
func closeSucceeded(qids []string, byQID map[string]*leader, current, took map[string]bool) {
	starts := map[string][]time.Time{} // ISO3|role → starts of terms, with the QID
	holders := map[string][]string{}
	for _, q := range qids {
		for _, t := range byQID[q].Terms {
			k := t.ISO3 + "|" + t.Role
			starts[k] = append(starts[k], t.From)
			holders[k] = append(holders[k], q)
		}
	}
	for _, q := range qids {
		l := byQID[q]
		for i := range l.Terms {
			t := &l.Terms[i]
			k := t.ISO3 + "|" + t.Role
			if !t.To.IsZero() || current[k+"|"+q] {
				continue
			}
			var next time.Time
			for j, from := range starts[k] {
				if holders[k][j] != q && from.After(t.From.AddDate(0, 1, 0)) && (next.IsZero() || from.Before(next)) &&
					!took[q+"|"+k+"|"+from.Format(time.DateOnly)] {
					next = from
				}
			}
			if !next.IsZero() {
				t.To = next
			}
		}
	}
}

func readLeaders(p string, byQID map[string]*leader, current map[string]bool) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("leaders: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return fmt.Errorf("leaders %s: %w", p, err)
	}
	for _, row := range rows[1:] {
		if len(row) < 7 || !strings.HasPrefix(row[4], "Q") {
			continue
		}
		from, okFrom := parseWD(row[5])
		to, okTo := parseWD(row[6])
		if !okFrom || !okTo {
			continue // BCE or malformed
		}
		if from.IsZero() {
			continue // no start date: the office would hold on every date
		}
		if !to.IsZero() && !to.After(from) {
			continue
		}
		l := byQID[row[4]]
		if l == nil {
			l = &leader{QID: row[4], Label: strings.TrimSpace(row[3])}
			byQID[row[4]] = l
		}
		l.Terms = append(l.Terms, term{ISO3: row[0], Role: row[2], From: from, To: to})
		if current != nil {
			current[row[0]+"|"+row[2]+"|"+row[4]] = true
		}
	}
	return nil
}

// parseWD parses a Wikidata timestamp ("2025-05-06T00:00:00Z"); "" is the zero time.
func parseWD(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if len(s) < 10 || s[0] == '-' {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// mergeTerms unions overlapping or touching terms of one office (the snapshot lists some terms
// several times with slightly different dates).
func mergeTerms(ts []term) []term {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].ISO3 != ts[j].ISO3 {
			return ts[i].ISO3 < ts[j].ISO3
		}
		if ts[i].Role != ts[j].Role {
			return ts[i].Role > ts[j].Role // head_of_state first
		}
		return ts[i].From.Before(ts[j].From)
	})
	var out []term
	for _, t := range ts {
		if n := len(out); n > 0 {
			p := &out[n-1]
			if p.ISO3 == t.ISO3 && p.Role == t.Role && (p.To.IsZero() || !t.From.After(p.To.AddDate(0, 0, 1))) {
				switch {
				case p.From.Equal(t.From) && p.To.IsZero() != t.To.IsZero():
					// One term stated twice, once without its end (Wikidata keeps both
					// statements): the end is known.
					if p.To.IsZero() {
						p.To = t.To
					}
				case after(t.To, p.To):
					p.To = t.To
				}
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// englishName picks the best English label: the curated table, the G20 snapshot's English
// name, else the Wikidata label with Portuguese royal styles undone.
func englishName(l *leader, g20 map[string]string) string {
	if n, ok := englishNames[l.QID]; ok {
		return n
	}
	if n, ok := g20[l.QID]; ok {
		return n
	}
	n := l.Label
	if i := strings.Index(n, ", "); i > 0 {
		n = n[:i]
	}
	w := strings.Fields(n)
	for i := 1; i < len(w); i++ {
		if isRoman(w[i]) && i+1 < len(w) && (w[i+1] == "do" || w[i+1] == "da" || w[i+1] == "de" || w[i+1] == "dos" || w[i+1] == "das") {
			w = w[:i+1]
			if e, ok := ptFirstNames[w[0]]; ok {
				w[0] = e
			}
			break
		}
	}
	return strings.Join(w, " ")
}

func isRoman(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("IVXL", r) {
			return false
		}
	}
	return true
}

// leaderTitle names the office of a term: "President", "Prime Minister", "Chancellor",
// "King" …
func leaderTitle(cs *countries, g20Titles map[string][2]string, l *leader, t term, name string) string {
	first := strings.Fields(name)[0]
	monarch := func(official string) string {
		switch {
		case strings.Contains(official, "Kingdom"):
			if femaleMonarchs[first] {
				return "Queen"
			}
			return "King"
		case strings.HasPrefix(official, "Principality"):
			return "Prince"
		case strings.HasPrefix(official, "Grand Duchy"):
			return "Grand Duke"
		case strings.HasPrefix(official, "Sultanate"):
			return "Sultan"
		}
		return ""
	}
	if t.Role == "head_of_state" {
		if x, ok := hosTitles[t.ISO3]; ok {
			return x
		}
		if m := monarch(cs.official[t.ISO3]); m != "" {
			return m
		}
		// A Commonwealth realm: the British monarch is head of state.
		for _, o := range l.Terms {
			if o.ISO3 == "GBR" && o.Role == "head_of_state" {
				if femaleMonarchs[first] {
					return "Queen"
				}
				return "King"
			}
		}
		if g, ok := g20Titles[t.ISO3]; ok && g[1] != "" && g[1] != "Monarch" {
			return g[1]
		}
		return "President"
	}
	if x, ok := hogTitles[t.ISO3]; ok {
		return x
	}
	// Head of state and of government at once (presidential systems): one title.
	for _, o := range l.Terms {
		if o.ISO3 == t.ISO3 && o.Role == "head_of_state" && overlaps(o.From, o.To, t.From, t.To) {
			if x := leaderTitle(cs, g20Titles, l, o, name); x == "President" {
				return x
			}
		}
	}
	if g, ok := g20Titles[t.ISO3]; ok && g[0] != "" {
		x := g[0]
		if i := strings.Index(x, " ("); i > 0 {
			x = x[:i]
		}
		if strings.Contains(x, " and ") {
			x = x[strings.LastIndex(x, " and ")+5:]
		}
		if !strings.Contains(x, " of ") {
			return x
		}
	}
	return "Prime Minister"
}

func overlaps(aFrom, aTo, bFrom, bTo time.Time) bool {
	return (aTo.IsZero() || bFrom.Before(aTo)) && (bTo.IsZero() || aFrom.Before(bTo))
}

// readG20 reads the G20/ASEAN snapshot: English names by Wikidata id and office titles by ISO3.
func readG20(data string, cs *countries) (map[string]string, map[string][2]string, error) {
	var byPos map[string][]struct {
		Name string `json:"name_en"`
		QID  string `json:"wikidata_id"`
	}
	if err := readJSON(path(data, "world-leaders", "g20-asean-current", "by-position.json"), &byPos); err != nil {
		return nil, nil, err
	}
	names := map[string]string{}
	for _, list := range byPos {
		for _, p := range list {
			if strings.HasPrefix(p.QID, "Q") && p.Name != "" {
				names[p.QID] = p.Name
			}
		}
	}
	f, err := os.Open(path(data, "world-leaders", "g20-asean-current", "all-leaders.csv"))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("all-leaders.csv: %w", err)
	}
	titles := map[string][2]string{}
	for _, r := range rows[1:] {
		if len(r) < 6 {
			continue
		}
		if iso3, ok := cs.iso2to3[r[1]]; ok {
			titles[iso3] = [2]string{r[2], r[5]}
		}
	}
	return names, titles, nil
}
