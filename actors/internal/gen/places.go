package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"chronicle/actors/internal/norm"
)

// loadPlaces reads GeoNames cities15000: every city with population > 15,000 and every capital,
// with its English and ASCII names; larger cities (≥ 100,000) and capitals also get their
// Latin-script alternate names ("Kiev" for Kyiv, "Moskva" for Moscow).
func loadPlaces(data string, cs *countries) ([]*place, error) {
	regions := map[string]*regionStat{}
	p := path(data, "geonames", "cities15000.zip")
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("loadPlaces: %w", err)
	}
	defer zr.Close()
	var out []*place
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".txt") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("loadPlaces %s: %w", f.Name, err)
		}
		sc := bufio.NewScanner(rc)
		sc.Buffer(make([]byte, 1<<20), 1<<22)
		for sc.Scan() {
			fs := strings.Split(sc.Text(), "\t")
			if len(fs) < 15 {
				continue
			}
			id, _ := strconv.Atoi(fs[0])
			lat, _ := strconv.ParseFloat(fs[4], 64)
			lon, _ := strconv.ParseFloat(fs[5], 64)
			pop, _ := strconv.ParseInt(fs[14], 10, 64)
			pl := &place{Name: fs[1], GeoNames: id, Lat: lat, Lon: lon, Pop: pop,
				Country: cs.iso2to3[fs[8]], Capital: fs[7] == "PPLC"}
			if pl.Capital {
				cs.capitalID[id] = true
			}
			var al []string
			if fs[2] != fs[1] {
				al = append(al, fs[2])
				if beyondLatin1(fs[1]) && fs[2] != "" {
					// "Mazār-e Sharīf", "Rafaḩ": a scholarly transliteration; English news
					// writes the ASCII name ("Mazar-e Sharif", "Rafah"), which is the name.
					pl.Name, al[0] = fs[2], fs[1]
				}
			}
			if pop >= 100000 || pl.Capital {
				n := 0
				for _, a := range strings.Split(fs[3], ",") {
					if n >= 12 {
						break
					}
					if !latinName(a) {
						continue
					}
					al = append(al, a)
					n++
				}
			}
			pl.Aliases = cleanAliases(pl.Name, al)
			out = append(out, pl)
			if fs[10] != "" && fs[10] != "00" {
				rs := regions[fs[8]+"."+fs[10]]
				if rs == nil {
					rs = &regionStat{}
					regions[fs[8]+"."+fs[10]] = rs
				}
				rs.pop += pop
				rs.lat += lat * float64(pop)
				rs.lon += lon * float64(pop)
			}
		}
		rc.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("loadPlaces %s: %w", f.Name, err)
		}
	}
	rs, err := loadRegions(data, cs, out, regions)
	if err != nil {
		return nil, err
	}
	out = append(out, rs...)
	sort.Slice(out, func(i, j int) bool { return out[i].GeoNames < out[j].GeoNames })
	return out, nil
}

// regionStat sums the cities of one first-level division: population, and latitude and
// longitude weighted by population.
type regionStat struct {
	pop      int64
	lat, lon float64
}

// loadRegions reads GeoNames' first-level divisions (regionInfo.tsv: US states, Indian states,
// Russian oblasts …) as places of their country, so that "Florida" is the US state and not a
// Colombian town of that alias. A division's population is the sum of its cities', and its
// coordinates their population-weighted centre. A division is left out where its name would
// mislead: a city of the same name is more than a tenth of its size in its country, or a third
// of it elsewhere, or a capital ("New York", "Washington", "Aleppo" are the cities), it names a country, it names water ("Red Sea", "White Nile"), or
// it is a bare compass word ("Central", "Northern").
func loadRegions(data string, cs *countries, cities []*place, stats map[string]*regionStat) ([]*place, error) {
	f, err := os.Open(path(data, "geonames", "regionInfo.tsv"))
	if err != nil {
		return nil, fmt.Errorf("loadRegions: %w", err)
	}
	defer f.Close()
	// The largest population of a city by key of its name or alias, anywhere and in one country.
	biggest, home := map[string]int64{}, map[string]int64{}
	for _, c := range cities {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			k := norm.Key(n)
			p := c.Pop
			if c.Capital {
				p = 1 << 40 // a capital keeps its name
			}
			biggest[k] = max(biggest[k], p)
			home[k+"\x00"+c.Country] = max(home[k+"\x00"+c.Country], p)
		}
	}
	var out []*place
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 4 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		code, name, ascii := fs[0], fs[1], fs[2]
		id, _ := strconv.Atoi(fs[3])
		st := stats[code]
		iso2, _, _ := strings.Cut(code, ".")
		iso3 := cs.iso2to3[iso2]
		if st == nil || st.pop == 0 || id == 0 || iso3 == "" || !regionName(name) {
			continue
		}
		k := norm.Key(name)
		if home[k+"\x00"+iso3]*10 > st.pop || biggest[k]*3 > st.pop || cs.byKey[k] != "" {
			continue
		}
		pl := &place{Name: name, GeoNames: id, Pop: st.pop, Country: iso3, Region: true,
			Lat: math.Round(st.lat/float64(st.pop)*1e4) / 1e4, Lon: math.Round(st.lon/float64(st.pop)*1e4) / 1e4}
		if ascii != name {
			pl.Aliases = cleanAliases(name, []string{ascii})
		}
		out = append(out, pl)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("loadRegions: %w", err)
	}
	return out, nil
}

// regionName reports whether a division's name can stand for it in news: not water, not a
// bare compass word.
func regionName(name string) bool {
	for _, w := range strings.Fields(name) {
		switch w {
		case "Sea", "Nile", "River", "Lake", "Lakes", "Gulf", "Ocean", "Bay", "Coast", "Islands", "Island":
			return false
		}
	}
	switch name {
	case "Central", "Centre", "Center", "Northern", "Southern", "Eastern", "Western", "North", "South",
		"East", "West", "Capital", "Upper", "Lower", "Interior", "Coastal", "Somali":
		return false
	}
	return true
}

// beyondLatin1 reports a letter outside Latin-1 in s (ā, ḩ, ń, ł …; not é, ü, ã).
func beyondLatin1(s string) bool {
	for _, r := range s {
		if r > 0xFF {
			return true
		}
	}
	return false
}

// latinName reports whether an alternate name is worth keeping: Latin script, at least three
// letters, not a code ("ALV") and not a bare number.
func latinName(s string) bool {
	if utf8.RuneCountInString(s) < 3 || isCodeLike(s) {
		return false
	}
	letters := 0
	for _, r := range s {
		if r >= 0x250 {
			return false
		}
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0xC0 {
			letters++
		}
	}
	return letters >= 3 && norm.Key(s) != ""
}
