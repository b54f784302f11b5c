package cluster

import (
	"sort"

	"chronicle"
)

// Dedup finds the near-duplicate groups among sketches held in memory: it links pairs that
// share an LSH band (among the first PerBand articles of the band) and pass Duplicate, and
// returns the links (A < B, sorted; pairs already in one group are not tested again) and each
// article's original (the Before-first article of its connected group; the article itself
// when it has no duplicate). Groups do not depend on the order of ss unless a band holds more
// than PerBand articles.
func Dedup(ss []chronicle.Sketch) (links []chronicle.DupLink, originals map[string]string) {
	byBand := make(map[uint64][]int, len(ss)*NumBands)
	parent := make([]int, len(ss))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	tested := map[[2]int]bool{}
	for i, s := range ss {
		for _, b := range s.Bands {
			for _, j := range byBand[b] {
				k := [2]int{j, i}
				if tested[k] || find(i) == find(j) {
					continue
				}
				tested[k] = true
				if ok, c := Duplicate(ss[j], s); ok {
					a, b := ss[j].Article, s.Article
					if b < a {
						a, b = b, a
					}
					links = append(links, chronicle.DupLink{A: a, B: b, Similarity: c})
					if ri, rj := find(i), find(j); ri != rj {
						parent[ri] = rj
					}
				}
			}
			if len(byBand[b]) < PerBand {
				byBand[b] = append(byBand[b], i)
			}
		}
	}
	best := map[int]int{}
	for i := range ss {
		r := find(i)
		if o, ok := best[r]; !ok || Before(ss[i], ss[o]) {
			best[r] = i
		}
	}
	originals = make(map[string]string, len(ss))
	for i, s := range ss {
		originals[s.Article] = ss[best[find(i)]].Article
	}
	sort.Slice(links, func(i, j int) bool {
		if links[i].A != links[j].A {
			return links[i].A < links[j].A
		}
		return links[i].B < links[j].B
	})
	return links, originals
}
