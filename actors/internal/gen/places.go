package main

import (
	"archive/zip"
	"bufio"
	"fmt"
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
		}
		rc.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("loadPlaces %s: %w", f.Name, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].GeoNames < out[j].GeoNames })
	return out, nil
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
