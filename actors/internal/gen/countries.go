package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"chronicle/actors/internal/norm"
)

// countries holds the country table and the indexes the other sources join on.
type countries struct {
	list    []*actor
	regions []*actor
	byISO3  map[string]*actor
	iso2to3 map[string]string
	cameo   map[string]string // ISO3 → CAMEO country code
	byKey   map[string]string // key of a name, alias or demonym → ISO3
	// official holds the ISO official names ("Kingdom of Spain"), used to tell monarchies.
	official  map[string]string
	capitalID map[int]bool // GeoNames ids of capitals
	pop       map[string]int64
}

// shortAliases are upper-case abbreviations kept as country aliases (others, like "IN" or
// "TO", are English words).
var shortAliases = map[string]bool{
	"US": true, "USA": true, "UK": true, "UAE": true, "DRC": true, "PRC": true, "ROK": true,
	"DPRK": true, "KSA": true, "ROC": true, "GB": true,
}

func loadCountries(data string) (*countries, error) {
	cs := &countries{
		byISO3: map[string]*actor{}, iso2to3: map[string]string{}, cameo: map[string]string{},
		byKey: map[string]string{}, official: map[string]string{}, capitalID: map[int]bool{},
		pop: map[string]int64{},
	}
	var wc []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		CCA2         string    `json:"cca2"`
		CCA3         string    `json:"cca3"`
		AltSpellings []string  `json:"altSpellings"`
		LatLng       []float64 `json:"latlng"`
		Demonyms     map[string]struct {
			M string `json:"m"`
			F string `json:"f"`
		} `json:"demonyms"`
	}
	if err := readJSON(path(data, "countries", "world-countries.json"), &wc); err != nil {
		return nil, err
	}
	for _, c := range wc {
		a := &actor{Name: c.Name.Common, Type: "LOC", Country: c.CCA3, keys: map[string]bool{}}
		a.Aliases = append(a.Aliases, c.Name.Official)
		for _, s := range c.AltSpellings {
			if isCodeLike(s) && !shortAliases[s] {
				continue
			}
			a.Aliases = append(a.Aliases, s)
		}
		if d, ok := c.Demonyms["eng"]; ok {
			a.Demonyms = append(a.Demonyms, d.M, d.F)
		}
		if len(c.LatLng) == 2 {
			a.Lat, a.Lon = c.LatLng[0], c.LatLng[1]
		}
		cs.byISO3[c.CCA3] = a
		cs.iso2to3[c.CCA2] = c.CCA3
		cs.official[c.CCA3] = c.Name.Official
		cs.list = append(cs.list, a)
	}
	// i18n-iso-countries: English names and aliases by alpha-2.
	var i18n struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(path(data, "countries", "i18n-iso-countries-en.json"), &i18n); err != nil {
		return nil, err
	}
	for a2, raw := range i18n.Countries {
		a := cs.byISO3[cs.iso2to3[a2]]
		if a == nil {
			continue
		}
		var one string
		var many []string
		if json.Unmarshal(raw, &one) == nil {
			many = []string{one}
		} else if err := json.Unmarshal(raw, &many); err != nil {
			return nil, fmt.Errorf("i18n-iso-countries %s: %w", a2, err)
		}
		for _, s := range many {
			if isCodeLike(s) && !shortAliases[strings.ReplaceAll(s, ".", "")] && !strings.Contains(s, ".") {
				continue
			}
			a.Aliases = append(a.Aliases, s)
		}
	}
	// Debian iso-codes: names and common names.
	var iso1 struct {
		List []struct {
			A3       string `json:"alpha_3"`
			Name     string `json:"name"`
			Official string `json:"official_name"`
			Common   string `json:"common_name"`
		} `json:"3166-1"`
	}
	if err := readJSON(path(data, "countries", "iso_3166-1.json"), &iso1); err != nil {
		return nil, err
	}
	for _, c := range iso1.List {
		if a := cs.byISO3[c.A3]; a != nil {
			a.Aliases = append(a.Aliases, c.Name, c.Official, c.Common)
		}
	}
	// Demonyms and adjectivals (Wikipedia list): joined by name.
	for _, a := range cs.list {
		cs.index(a)
	}
	if err := cs.loadDemonyms(path(data, "countries", "demonyms-wikipedia-geonames.csv")); err != nil {
		return nil, err
	}
	// GeoNames country info: the country's GeoNames id.
	if err := cs.loadCountryInfo(path(data, "geonames", "countryInfo.tsv")); err != nil {
		return nil, err
	}
	// CAMEO codes: ISO3 where CAMEO has it, else the CAMEO code whose label names the country.
	if err := cs.loadCAMEO(path(data, "gdelt-cameo-lookups", "CAMEO.country.txt")); err != nil {
		return nil, err
	}
	// Former countries (USSR, Yugoslavia …) for historical text.
	var iso3 struct {
		List []struct {
			A3   string `json:"alpha_3"`
			Name string `json:"name"`
		} `json:"3166-3"`
	}
	if err := readJSON(path(data, "countries", "iso_3166-3.json"), &iso3); err != nil {
		return nil, err
	}
	for _, c := range iso3.List {
		k := norm.Key(c.Name)
		if _, taken := cs.byKey[k]; taken || cs.byISO3[c.A3] != nil {
			continue
		}
		a := &actor{Name: c.Name, Type: "LOC", Country: c.A3, Code: c.A3, keys: map[string]bool{}}
		if c.A3 == "SUN" {
			a.Aliases = append(a.Aliases, "Soviet Union", "USSR", "U.S.S.R.")
			a.Demonyms = append(a.Demonyms, "Soviet")
		}
		cs.byISO3[c.A3] = a
		cs.list = append(cs.list, a)
		cs.index(a)
	}
	for _, a := range cs.list {
		if a.Code == "" {
			a.Code = cs.cameoCode(a.Country)
		}
		a.Demonyms = dedupeKeys(a.Demonyms)
	}
	cs.uniqueNames()
	sort.Slice(cs.list, func(i, j int) bool { return cs.list[i].Country < cs.list[j].Country })
	return cs, nil
}

// uniqueNames gives each alias and demonym shared by several countries ("American": the
// United States, American Samoa, the US Minor Outlying Islands) to the most populous one only.
func (cs *countries) uniqueNames() {
	owner := map[string]*actor{}
	better := func(a, b *actor) bool { // a before b
		if cs.pop[a.Country] != cs.pop[b.Country] {
			return cs.pop[a.Country] > cs.pop[b.Country]
		}
		return a.Country < b.Country
	}
	for _, a := range cs.list {
		for _, n := range append(append([]string{a.Name}, a.Aliases...), a.Demonyms...) {
			k := norm.Key(n)
			if o, ok := owner[k]; !ok || better(a, o) {
				owner[k] = a
			}
		}
	}
	// A country's own common name always stays its own.
	for _, a := range cs.list {
		owner[norm.Key(a.Name)] = a
	}
	keep := func(a *actor, l []string) []string {
		var out []string
		for _, n := range l {
			if owner[norm.Key(n)] == a {
				out = append(out, n)
			}
		}
		return out
	}
	for _, a := range cs.list {
		a.Aliases, a.Demonyms = keep(a, a.Aliases), keep(a, a.Demonyms)
	}
}

// index records the keys of a country's names, aliases and demonyms.
func (cs *countries) index(a *actor) {
	for _, s := range append(append([]string{a.Name}, a.Aliases...), a.Demonyms...) {
		k := norm.Key(s)
		if k == "" {
			continue
		}
		a.keys[k] = true
		if _, ok := cs.byKey[k]; !ok {
			cs.byKey[k] = a.Country
		}
	}
}

func (cs *countries) cameoCode(iso3 string) string {
	if c, ok := cs.cameo[iso3]; ok {
		return c
	}
	return iso3
}

func (cs *countries) loadDemonyms(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("demonyms: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return fmt.Errorf("demonyms %s: %w", p, err)
	}
	for _, r := range rows[1:] {
		if len(r) < 3 {
			continue
		}
		iso3, ok := cs.byKey[norm.Key(r[0])]
		if !ok {
			continue // England, Scotland, EU …: not ISO countries
		}
		a := cs.byISO3[iso3]
		for _, col := range r[1:3] {
			for _, d := range strings.Split(col, ",") {
				if d = strings.TrimSpace(d); d != "" {
					a.Demonyms = append(a.Demonyms, d)
				}
			}
		}
		cs.index(a)
	}
	return nil
}

func (cs *countries) loadCountryInfo(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("countryInfo: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 17 {
			continue
		}
		a := cs.byISO3[fs[1]]
		if a == nil {
			continue
		}
		if id, err := strconv.Atoi(fs[16]); err == nil {
			a.GeoNames = id
		}
		cs.pop[fs[1]], _ = strconv.ParseInt(fs[7], 10, 64)
	}
	return sc.Err()
}

func (cs *countries) loadCAMEO(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("CAMEO countries: %w", err)
	}
	defer f.Close()
	labels := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		code, label, ok := strings.Cut(sc.Text(), "\t")
		if !ok || code == "CODE" {
			continue
		}
		labels[code] = strings.TrimSpace(label)
	}
	for code, label := range labels {
		if cs.byISO3[code] != nil {
			cs.cameo[code] = code
			continue
		}
		if iso3, ok := cs.byKey[norm.Key(label)]; ok {
			if _, has := labels[iso3]; !has {
				cs.cameo[iso3] = code
			}
			continue
		}
		// A region or sub-national unit with its own CAMEO code (MEA Middle East, WSB West Bank).
		cs.regions = append(cs.regions, &actor{Name: label, Type: "LOC", Code: code})
	}
	sort.Slice(cs.regions, func(i, j int) bool { return cs.regions[i].Code < cs.regions[j].Code })
	return sc.Err()
}

// roleName is the country name as it reads after "President of": "Russia", "the United States".
func (cs *countries) roleName(iso3 string) string {
	a := cs.byISO3[iso3]
	if a == nil {
		return iso3
	}
	n := a.Name
	switch {
	case strings.HasPrefix(n, "United "), strings.HasSuffix(n, " Republic"), strings.HasSuffix(n, " Islands"),
		strings.HasSuffix(n, "lands"), n == "Philippines", n == "Bahamas", n == "Maldives", n == "Comoros",
		n == "Gambia", n == "Seychelles", n == "Vatican City", n == "Congo", n == "DR Congo":
		return "the " + n
	}
	return n
}

func readJSON(p string, v any) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}

// isCodeLike reports whether s is an all-caps code of at most 4 letters ("RU", "RUS").
func isCodeLike(s string) bool {
	if len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func dedupeKeys(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		x = strings.TrimSpace(x)
		k := norm.Key(x)
		if x == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, x)
	}
	return out
}
