package ner

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"chronicle/text"
)

// Cluster granularities of the three cluster features.
var clusterSizes = [3]int{64, 256, 1024}

// corpus is unlabeled text as word ids; -1 separates sentences.
type corpus struct {
	ids   map[string]int32
	words []string
	count []int64
	seq   []int32
	// capitalisation of lower-cased forms outside sentence starts and headlines
	lowerCase map[string][2]int32 // [lower-case occurrences, capitalised occurrences]
}

func (c *corpus) id(w string) int32 {
	if id, ok := c.ids[w]; ok {
		return id
	}
	id := int32(len(c.words))
	c.ids[w] = id
	c.words = append(c.words, w)
	c.count = append(c.count, 0)
	return id
}

// addDoc adds the sentences of a segmented text.
func (c *corpus) addDoc(d *text.Doc) {
	for _, se := range d.Sentences {
		toks := make([]string, 0, se.Last-se.First)
		for i := se.First; i < se.Last; i++ {
			toks = append(toks, d.Tok(i))
		}
		c.addSentence(toks)
	}
}

func (c *corpus) addSentence(toks []string) {
	alpha, upper := 0, 0
	for _, t := range toks {
		if hasLetter(t) {
			alpha++
			if strings.ToUpper(t) == t {
				upper++
			}
		}
	}
	caps := alpha >= 2 && upper*10 >= alpha*8
	first := true
	for _, t := range toks {
		id := c.id(t)
		c.count[id]++
		c.seq = append(c.seq, id)
		if !hasLetter(t) {
			continue
		}
		if !first && !caps {
			l := strings.ToLower(t)
			v := c.lowerCase[l]
			if l == t {
				v[0]++
			} else {
				v[1]++
			}
			c.lowerCase[l] = v
		}
		first = false
	}
	c.seq = append(c.seq, -1)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// readCorpus reads the unlabeled news text of the shared data (Reuters-21578 bodies, PolNeAR
// texts, the newsdata sample) and the words of the CoNLL training documents.
func readCorpus(data string, train []CoNLLDoc) (*corpus, error) {
	c := &corpus{ids: map[string]int32{}, lowerCase: map[string][2]int32{}}
	for _, d := range train {
		for _, s := range d.Sentences {
			c.addSentence(column(s, 0))
		}
	}
	// Reuters-21578.
	files, _ := filepath.Glob(filepath.Join(data, "reuters21578", "reut2-*.sgm.gz"))
	sort.Strings(files)
	for _, f := range files {
		raw, err := readGz(f)
		if err != nil {
			return nil, err
		}
		s := string(raw)
		for {
			i := strings.Index(s, "<BODY>")
			if i < 0 {
				break
			}
			s = s[i+6:]
			j := strings.Index(s, "</BODY>")
			if j < 0 {
				break
			}
			c.addDoc(text.Segment(html.UnescapeString(s[:j])))
			s = s[j:]
		}
	}
	// PolNeAR texts.
	for _, split := range []string{"train", "dev"} {
		files, _ := filepath.Glob(filepath.Join(data, "polnear", split, "text", "*.txt"))
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("ner: %w", err)
			}
			c.addDoc(text.Segment(string(b)))
		}
	}
	// newsdata sample.
	if raw, err := readGz(filepath.Join(data, "news-2023-03-newsdata-sample", "cleaned.csv.gz")); err == nil {
		r := csv.NewReader(strings.NewReader(string(raw)))
		r.FieldsPerRecord = -1
		recs, _ := r.ReadAll()
		for k, rec := range recs {
			if k == 0 || len(rec) < 6 {
				continue
			}
			c.addDoc(text.Segment(rec[5]))
		}
	}
	return c, nil
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("ner: %s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("ner: %s: %w", path, err)
	}
	return b, nil
}

// caseClass buckets how often a lower-cased form is capitalised inside sentences.
func caseClass(v [2]int32) uint8 {
	n := v[0] + v[1]
	switch {
	case n == 0:
		return 0
	case n < 3:
		return 6
	}
	f := float64(v[1]) / float64(n)
	switch {
	case f < 0.05:
		return 1
	case f < 0.5:
		return 2
	case f < 0.95:
		return 3
	}
	return 4
}

func log2Bucket(n int64) uint8 {
	if n <= 0 {
		return 0
	}
	return uint8(min(bits.Len64(uint64(n)), 20))
}

// buildLexicon derives word clusters, capitalisation statistics and gazetteers.
func buildLexicon(ctx context.Context, lb *lexiconBuilder, data string, train []CoNLLDoc, logf func(string, ...any)) error {
	start := time.Now()
	c, err := readCorpus(data, train)
	if err != nil {
		return err
	}
	logf("corpus: %d tokens, %d word forms (%v)", len(c.seq), len(c.words), time.Since(start).Round(time.Millisecond))

	// Vocabulary to cluster: forms seen at least 3 times, most frequent first (ties by form).
	var vocab []int32
	for id, n := range c.count {
		if n >= 3 {
			vocab = append(vocab, int32(id))
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		a, b := vocab[i], vocab[j]
		if c.count[a] != c.count[b] {
			return c.count[a] > c.count[b]
		}
		return c.words[a] < c.words[b]
	})
	var clusters [3][]int32
	var wg sync.WaitGroup
	for k, C := range clusterSizes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			clusters[k] = exchange(ctx, c, vocab, C, 8)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ner: deriving word clusters: %w", err)
	}
	logf("clusters: %d words (%v)", len(vocab), time.Since(start).Round(time.Millisecond))

	var ti tokInfo
	var buf []byte
	lowerBest := map[string]int32{} // lower-case form → its most frequent clustered form
	for vi, id := range vocab {
		w := c.words[id]
		buf = analyze(w, &ti, buf)
		info := lb.words[ti.w]
		for k := range clusters {
			info.Cl[k] = uint16(clusters[k][vi] + 1)
		}
		info.Case = caseClass(c.lowerCase[strings.ToLower(w)])
		info.Freq = log2Bucket(c.count[id])
		lb.words[ti.w] = info
		l := strings.ToLower(w)
		if _, ok := lowerBest[l]; !ok {
			lowerBest[l] = int32(vi)
		}
	}
	lowerTotal := map[string]int64{}
	for id, w := range c.words {
		lowerTotal[strings.ToLower(w)] += c.count[id]
	}
	lowers := make([]string, 0, len(c.lowerCase))
	for l := range c.lowerCase {
		lowers = append(lowers, l)
	}
	sort.Strings(lowers) // forms that normalise alike ("don’t", "don't") share a key: last wins
	for _, l := range lowers {
		v := c.lowerCase[l]
		if v[0]+v[1] < 2 {
			continue
		}
		buf = analyze(l, &ti, buf)
		info := wordInfo{Case: caseClass(v), Freq: log2Bucket(lowerTotal[l])}
		if vi, ok := lowerBest[l]; ok {
			for k := range clusters {
				info.Cl[k] = uint16(clusters[k][vi] + 1)
			}
		}
		lb.words[lowerKey(ti.wl)] = info
	}
	n, err := addGazetteers(lb, data)
	if err != nil {
		return err
	}
	logf("gazetteers: %d phrases (%v)", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// exchange clusters the vocabulary words into C classes with the exchange algorithm
// (Kneser & Ney 1993; Martin, Liermann & Ney 1998), maximising the likelihood of a class
// bigram model over c.seq. It returns each vocabulary word's class. Deterministic.
func exchange(ctx context.Context, c *corpus, vocab []int32, C int, iters int) []int32 {
	V := len(vocab)
	widx := make([]int32, len(c.words)) // corpus id → vocab index, -1 if rare
	for i := range widx {
		widx[i] = -1
	}
	for i, id := range vocab {
		widx[id] = int32(i)
	}
	// Bigram lists per word.
	type edge struct{ w, n int32 }
	succM := make([]map[int32]int32, V)
	for i := 0; i+1 < len(c.seq); i++ {
		a, b := c.seq[i], c.seq[i+1]
		if a < 0 || b < 0 {
			continue
		}
		x, y := widx[a], widx[b]
		if x < 0 || y < 0 {
			continue
		}
		if succM[x] == nil {
			succM[x] = map[int32]int32{}
		}
		succM[x][y]++
	}
	succ := make([][]edge, V)
	pred := make([][]edge, V)
	self := make([]int32, V)
	for x, m := range succM {
		for y, n := range m {
			if int(y) == x {
				self[x] = n
				continue
			}
			succ[x] = append(succ[x], edge{y, n})
			pred[y] = append(pred[y], edge{int32(x), n})
		}
	}
	for x := range succ {
		sort.Slice(succ[x], func(i, j int) bool { return succ[x][i].w < succ[x][j].w })
		sort.Slice(pred[x], func(i, j int) bool { return pred[x][i].w < pred[x][j].w })
	}
	cnt := make([]int64, V)
	for i, id := range vocab {
		cnt[i] = c.count[id]
	}
	cls := make([]int32, V)
	for i := range cls {
		cls[i] = int32(i % C)
	}
	N := make([]int64, C*C) // class bigram counts
	Nc := make([]int64, C)
	for x := range succ {
		for _, e := range succ[x] {
			N[int(cls[x])*C+int(cls[e.w])] += int64(e.n)
		}
		N[int(cls[x])*C+int(cls[x])] += int64(self[x])
		Nc[cls[x]] += cnt[x]
	}
	const tab = 1 << 16
	xlogx := make([]float64, tab)
	for i := 1; i < tab; i++ {
		xlogx[i] = float64(i) * math.Log(float64(i))
	}
	f := func(x int64) float64 {
		if x < tab {
			if x <= 0 {
				return 0
			}
			return xlogx[x]
		}
		return float64(x) * math.Log(float64(x))
	}
	sc := make([]int64, C) // w's successor counts by class
	pc := make([]int64, C)
	var sl, pl []int32 // classes with non-zero sc / pc
	delta := make([]float64, C)
	for it := 0; it < iters && ctx.Err() == nil; it++ {
		moved := 0
		for x := 0; x < V; x++ {
			a := int(cls[x])
			sl, pl = sl[:0], pl[:0]
			for _, e := range succ[x] {
				k := cls[e.w]
				if sc[k] == 0 {
					sl = append(sl, k)
				}
				sc[k] += int64(e.n)
			}
			for _, e := range pred[x] {
				k := cls[e.w]
				if pc[k] == 0 {
					pl = append(pl, k)
				}
				pc[k] += int64(e.n)
			}
			s := int64(self[x])
			// Remove x from a.
			for _, k := range sl {
				N[a*C+int(k)] -= sc[k]
			}
			for _, k := range pl {
				N[int(k)*C+a] -= pc[k]
			}
			N[a*C+a] -= s
			Nc[a] -= cnt[x]
			// Gain of adding x to each class.
			for b := 0; b < C; b++ {
				d := 0.0
				for _, k := range sl {
					if int(k) != b {
						v := N[b*C+int(k)]
						d += f(v+sc[k]) - f(v)
					}
				}
				for _, k := range pl {
					if int(k) != b {
						v := N[int(k)*C+b]
						d += f(v+pc[k]) - f(v)
					}
				}
				v := N[b*C+b]
				d += f(v+sc[b]+pc[b]+s) - f(v)
				d -= 2 * (f(Nc[b]+cnt[x]) - f(Nc[b]))
				delta[b] = d
			}
			best := a
			for b := 0; b < C; b++ {
				if delta[b] > delta[best]+1e-9 {
					best = b
				}
			}
			if best != a {
				moved++
			}
			// Add x to best.
			for _, k := range sl {
				if int(k) != best {
					N[best*C+int(k)] += sc[k]
				}
			}
			for _, k := range pl {
				if int(k) != best {
					N[int(k)*C+best] += pc[k]
				}
			}
			N[best*C+best] += sc[best] + pc[best] + s
			Nc[best] += cnt[x]
			cls[x] = int32(best)
			for _, k := range sl {
				sc[k] = 0
			}
			for _, k := range pl {
				pc[k] = 0
			}
		}
		if moved == 0 {
			break
		}
	}
	return cls
}

// addGazetteers adds the gazetteer phrases derived from the shared data and returns how many.
func addGazetteers(lb *lexiconBuilder, data string) (int, error) {
	n := 0
	seen := map[string]bool{}
	add := func(name string, cat int) {
		name = strings.TrimSpace(name)
		if name == "" || len(name) > 80 {
			return
		}
		key := strings.ToLower(name) + "\x00" + strconv.Itoa(cat)
		if seen[key] {
			return
		}
		seen[key] = true
		d := text.Segment(name)
		toks := make([]string, len(d.Tokens))
		for i := range d.Tokens {
			toks[i] = d.Tok(i)
		}
		if len(toks) == 1 && len(toks[0]) < 2 {
			return
		}
		lb.addPhrase(toks, cat)
		n++
	}
	p := func(parts ...string) string { return filepath.Join(append([]string{data}, parts...)...) }

	// Countries: names, official names, alternative spellings, demonyms.
	if b, err := os.ReadFile(p("countries", "world-countries.json")); err == nil {
		var cs []struct {
			Name struct {
				Common, Official string
			}
			AltSpellings []string
			Demonyms     map[string]map[string]string
		}
		if err := json.Unmarshal(b, &cs); err != nil {
			return 0, fmt.Errorf("ner: world-countries.json: %w", err)
		}
		for _, c := range cs {
			add(c.Name.Common, gazCountry)
			add(c.Name.Official, gazCountry)
			for _, a := range c.AltSpellings {
				if len(a) > 3 {
					add(a, gazCountry)
				}
			}
			for _, g := range c.Demonyms["eng"] {
				add(g, gazDemonym)
			}
		}
	}
	if b, err := os.ReadFile(p("countries", "i18n-iso-countries-en.json")); err == nil {
		var v struct {
			Countries map[string]json.RawMessage
		}
		if err := json.Unmarshal(b, &v); err == nil {
			for _, raw := range v.Countries {
				var one string
				var many []string
				if json.Unmarshal(raw, &one) == nil {
					add(one, gazCountry)
				} else if json.Unmarshal(raw, &many) == nil {
					for _, s := range many {
						add(s, gazCountry)
					}
				}
			}
		}
	}
	if recs, err := readCSV(p("countries", "demonyms-wikipedia-geonames.csv"), ','); err == nil {
		for _, r := range recs[1:] {
			if len(r) < 3 {
				continue
			}
			add(r[0], gazCountry)
			for _, s := range strings.Split(r[1], ",") {
				add(s, gazDemonym)
			}
			for _, s := range strings.Split(r[2], ",") {
				add(s, gazDemonym)
			}
		}
	}
	if recs, err := readCSV(p("geonames", "countryInfo.tsv"), '\t'); err == nil {
		for _, r := range recs {
			if len(r) > 5 && !strings.HasPrefix(r[0], "#") {
				add(r[4], gazCountry)
				add(r[5], gazCityBig)
			}
		}
	}
	if recs, err := readCSV(p("geonames", "regionInfo.tsv"), '\t'); err == nil {
		for _, r := range recs {
			if len(r) > 2 && !strings.HasPrefix(r[0], "#") {
				add(r[1], gazRegion)
				add(r[2], gazRegion)
			}
		}
	}
	// Cities with population over 15,000.
	if zr, err := zip.OpenReader(p("geonames", "cities15000.zip")); err == nil {
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				continue
			}
			sc := bufio.NewScanner(rc)
			sc.Buffer(make([]byte, 1<<20), 1<<22)
			for sc.Scan() {
				f := strings.Split(sc.Text(), "\t")
				if len(f) < 15 {
					continue
				}
				pop, _ := strconv.Atoi(f[14])
				cat := gazCity
				if pop >= 200000 {
					cat = gazCityBig
				}
				add(f[1], cat)
				if f[2] != f[1] {
					add(f[2], cat)
				}
			}
			rc.Close()
		}
		zr.Close()
	}
	// International organisations.
	if b, err := os.ReadFile(p("international-orgs", "supraverden-general_list.yaml")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			t := strings.TrimSpace(line)
			for _, key := range []string{"Name_en:", "Abbreviation_en:"} {
				if v, ok := strings.CutPrefix(t, key); ok {
					v = strings.Trim(strings.TrimSpace(v), `'"`)
					if v != "" && !strings.HasPrefix(v, "[") {
						add(v, gazOrg)
					}
				}
			}
		}
	}
	// World leaders: full names, first and last names.
	person := func(name string) {
		add(name, gazLeader)
		f := strings.Fields(name)
		if len(f) >= 2 {
			add(f[0], gazFirstName)
			add(f[len(f)-1], gazLastName)
		}
	}
	if recs, err := readCSV(p("world-leaders", "wikidata-hos-hog", "leaders_history.csv"), ','); err == nil {
		for _, r := range recs[1:] {
			if len(r) > 3 && !strings.HasPrefix(r[3], "Q") {
				person(r[3])
			}
		}
	}
	if recs, err := readCSV(p("world-leaders", "g20-asean-current", "all-leaders.csv"), ','); err == nil {
		for _, r := range recs[1:] {
			if len(r) > 6 {
				person(r[3])
				person(r[6])
			}
		}
	}
	// CAMEO lookups: known groups, ethnic groups, religions.
	for _, fc := range []struct {
		file string
		cat  int
	}{{"CAMEO.knowngroup.txt", gazOrg}, {"CAMEO.ethnic.txt", gazEthnic}, {"CAMEO.religion.txt", gazEthnic}} {
		if recs, err := readCSV(p("gdelt-cameo-lookups", fc.file), '\t'); err == nil {
			for _, r := range recs[1:] {
				if len(r) > 1 {
					add(strings.ReplaceAll(r[1], "-", " "), fc.cat)
				}
			}
		}
	}
	// News media: the names of GDELT's English news domains ("bloomberg.com" → Bloomberg).
	if recs, err := readCSV(p("gdelt-cameo-lookups", "DOMAINSBYCOUNTRY-ENGLISH.TXT"), '\t'); err == nil {
		for _, r := range recs[1:] {
			stem, _, _ := strings.Cut(r[0], ".")
			if len(stem) >= 4 && isLetters(stem) {
				add(stem, gazMedia)
			}
		}
	}
	// PETRARCH actor dictionaries: people (entries with dated codes) and other actors.
	for _, file := range []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"} {
		b, err := os.ReadFile(p("petrarch2", "dictionaries", file))
		if err != nil {
			continue
		}
		var block []string
		dated := false
		flush := func() {
			if len(block) == 0 {
				return
			}
			cat := gazActor
			if dated {
				cat = gazPersonActor
			}
			for i, nm := range block {
				add(nm, cat)
				if i == 0 && dated {
					f := strings.Fields(nm)
					if len(f) >= 2 && len(f) <= 4 {
						add(f[0], gazFirstName)
						add(f[len(f)-1], gazLastName)
					}
				}
			}
			block, dated = block[:0], false
		}
		for _, line := range strings.Split(string(b), "\n") {
			if i := strings.Index(line, "#"); i >= 0 {
				line = line[:i]
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			if line[0] == ' ' || line[0] == '\t' {
				if strings.ContainsAny(line, "<>-") && strings.ContainsAny(line, "0123456789") {
					dated = true
				}
				continue
			}
			syn := line[0] == '+'
			if !syn {
				flush()
			}
			nm := strings.TrimPrefix(line, "+")
			if i := strings.IndexAny(nm, "[{"); i >= 0 {
				if strings.ContainsAny(nm[i:], "<>-") && strings.ContainsAny(nm[i:], "0123456789") {
					dated = true
				}
				nm = nm[:i]
			}
			nm = strings.TrimSpace(strings.ReplaceAll(nm, "_", " "))
			if nm != "" {
				block = append(block, nm)
			}
		}
		flush()
	}
	return n, nil
}

func readCSV(path string, sep rune) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	if sep == '\t' {
		r.Comment = 0
	}
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("ner: %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("ner: %s: empty", path)
	}
	return recs, nil
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
