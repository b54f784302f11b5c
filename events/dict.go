package events

import (
	"slices"
	"sort"
	"strings"

	"chronicle/petrarch"
)

// Dict is a compiled set of PETRARCH dictionaries: every word is interned, and verbs,
// actors, agents and discards are tries over word ids, so that coding a sentence costs one
// map lookup per token and trie steps over integers.
type Dict struct {
	vocab map[string]int32 // upper-case word → id

	verbs  trie // verb forms (possibly multi-word) → index into vforms
	vforms []verbForm
	blocks []block
	// synsets[i] are the member phrases of synset i, nested synsets flattened.
	synsets [][][]int32
	synIDs  map[string]int32
	// synFirst[i] are the sorted first word ids of synset i's members (a quick reject);
	// lexByID is the lexicon entry of each word id, lexKnown whether it has one (prepare).
	synFirst [][]int32
	lexByID  []uint16
	lexKnown []bool
	ofID     int32 // the id of "OF", -2 when the vocabulary lacks it

	actors   trie // actor names → index into actorCodes
	actorCds [][]petrarch.DatedCode
	agents   trie // agent phrases → index into agentInfo
	agentInf []agentInfo
	discards trie // discard phrases → index into discInf
	discInf  []discardInfo
}

type verbForm struct {
	// headWord is the inflected word of the entry as listed ("BREAK" of "BREAK DOWN"), why
	// the block and verb an event without a pattern cites; both set by prepare.
	headWord, why string
	block         int32
	code          *petrarch.Code // verb-specific code, nil for the block's
	head          int8           // index of the inflected word in the form
	n             int8           // words in the form
	lemma         string         // the verb as written in the dictionary ("BREAK DOWN")
	past          bool           // the form is a past participle candidate (-ED, -EN, irregular)
}

type block struct {
	name     string
	code     petrarch.Code
	patterns []cpattern
}

// cpattern is a compiled pattern.
type cpattern struct {
	pre, post     []celem
	verbJoinedPre bool
	code          petrarch.Code
	literals      int // number of literal words: the more, the more specific
	why           string
	// owner is the verb of the block the pattern was written for (its "# VERB" comment), ""
	// when the comment names none.
	owner string
	// needs holds, per word or synset element that needs a word of the sentence, the
	// idMask of the word ids that can match it (set by Dict.prepare): a sentence whose mask
	// meets each of them may match the pattern; any other cannot.
	needs []idMask
}

// idMask is a set of word ids modulo 256.
type idMask [4]uint64

func (m *idMask) add(id int32) { m[id>>6&3] |= 1 << (id & 63) }

// meets reports whether m and o share an element.
func (m *idMask) meets(o *idMask) bool {
	return m[0]&o[0]|m[1]&o[1]|m[2]&o[2]|m[3]&o[3] != 0
}

// possible reports whether a sentence whose word ids make up s may match p.
func (p *cpattern) possible(s *idMask) bool {
	for i := range p.needs {
		if !p.needs[i].meets(s) {
			return false
		}
	}
	return true
}

type celem struct {
	kind   int
	ids    []int32 // ElemWord: accepted word ids (the word, its plural forms, alternatives)
	syn    int32   // ElemSynset
	joined bool
}

type agentInfo struct {
	code   string
	prefix bool
}

type discardInfo struct {
	story bool
	// numeric: a date rather than a topic — a bare year ("1994") or a time ago ("weeks ago",
	// "years later"): PETRARCH discards sentences about the past it cannot date.
	numeric bool
}

// trie is a word-id trie; node 0 is the root. While it is built, edges live in a map; after
// finish, the root's edges are an array indexed by word id and the others a sorted key array
// searched by bisection, which loads without rebuilding any map.
type trie struct {
	build map[uint64]int32
	Root  []int32  // root edge per word id: child node, 0 for none
	Keys  []uint64 // non-root edges: parent node << 32 | word id, sorted
	Kids  []int32  // child node of Keys[i]
	Val   []int32  // payload index + 1 per node; 0 = none
}

func newTrie() trie { return trie{build: map[uint64]int32{}, Val: []int32{0}} }

func (t *trie) insert(ids []int32, payload int32) {
	n := int32(0)
	for _, id := range ids {
		k := uint64(uint32(n))<<32 | uint64(uint32(id))
		c, ok := t.build[k]
		if !ok {
			c = int32(len(t.Val))
			t.Val = append(t.Val, 0)
			t.build[k] = c
		}
		n = c
	}
	if t.Val[n] == 0 { // the first entry wins, as in PETRARCH
		t.Val[n] = payload + 1
	}
}

// finish turns the build map into the lookup arrays; vocab is the number of word ids.
func (t *trie) finish(vocab int) {
	t.Root = make([]int32, vocab)
	t.Keys = t.Keys[:0]
	for k := range t.build {
		if k>>32 == 0 {
			t.Root[uint32(k)] = t.build[k]
		} else {
			t.Keys = append(t.Keys, k)
		}
	}
	slices.Sort(t.Keys)
	t.Kids = make([]int32, len(t.Keys))
	for i, k := range t.Keys {
		t.Kids[i] = t.build[k]
	}
	t.build = nil
}

func (t *trie) step(n, id int32) (int32, bool) {
	if id < 0 {
		return 0, false
	}
	if n == 0 {
		if int(id) >= len(t.Root) {
			return 0, false
		}
		c := t.Root[id]
		return c, c != 0
	}
	k := uint64(uint32(n))<<32 | uint64(uint32(id))
	lo, hi := 0, len(t.Keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.Keys[m] < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(t.Keys) && t.Keys[lo] == k {
		return t.Kids[lo], true
	}
	return 0, false
}

// longest returns the payload and length of the longest entry matching ids[i:], or -1, 0.
func (t *trie) longest(ids []int32, i int) (int32, int) {
	best, bestLen := int32(-1), 0
	n := int32(0)
	for j := i; j < len(ids); j++ {
		c, ok := t.step(n, ids[j])
		if !ok {
			break
		}
		n = c
		if v := t.Val[n]; v != 0 {
			best, bestLen = v-1, j-i+1
		}
	}
	return best, bestLen
}

func (d *Dict) id(w string) int32 {
	if id, ok := d.vocab[w]; ok {
		return id
	}
	id := int32(len(d.vocab))
	d.vocab[w] = id
	return id
}

func (d *Dict) ids(words []string) []int32 {
	out := make([]int32, len(words))
	for i, w := range words {
		out[i] = d.id(w)
	}
	return out
}

// Sources of a Dict: the parsed dictionaries.
type Sources struct {
	Verbs    *petrarch.VerbDict
	Actors   []petrarch.Actor
	Agents   []petrarch.Agent
	Discards []petrarch.Discard
}

// Compile interns and indexes the dictionaries.
func Compile(s Sources) *Dict {
	d := &Dict{vocab: map[string]int32{}, verbs: newTrie(), actors: newTrie(), agents: newTrie(), discards: newTrie(), synIDs: map[string]int32{}}
	if s.Verbs != nil {
		d.compileVerbs(s.Verbs)
	}
	for _, a := range s.Actors {
		if len(a.Codes) == 0 {
			continue
		}
		p := int32(len(d.actorCds))
		d.actorCds = append(d.actorCds, a.Codes)
		for _, n := range a.Names {
			d.actors.insert(d.ids(normWords(n)), p)
		}
	}
	for _, a := range s.Agents {
		p := int32(len(d.agentInf))
		d.agentInf = append(d.agentInf, agentInfo{code: a.Code, prefix: a.Prefix})
		w := normWords(a.Words)
		d.agents.insert(d.ids(w), p)
		for _, pl := range a.Plurals {
			d.agents.insert(d.ids(normWords(pl)), p)
		}
		if !a.NoPlural && len(a.Plurals) == 0 {
			last := w[len(w)-1]
			for _, f := range nounPlurals(last) {
				pw := append(append([]string(nil), w[:len(w)-1]...), f)
				d.agents.insert(d.ids(pw), p)
			}
		}
	}
	for _, x := range s.Discards {
		if len(x.Words) == 0 {
			continue
		}
		p := int32(len(d.discInf))
		last := x.Words[len(x.Words)-1]
		numeric := len(x.Words) == 1 && strings.Trim(x.Words[0], "0123456789") == "" || last == "AGO" || last == "LATER" || last == "EARLIER"
		d.discInf = append(d.discInf, discardInfo{story: x.Story, numeric: numeric})
		d.discards.insert(d.ids(normWords(x.Words)), p)
	}
	// Pattern words unknown to the vocabulary so far get ids too; then the tries are frozen.
	for _, t := range []*trie{&d.verbs, &d.actors, &d.agents, &d.discards} {
		t.finish(len(d.vocab))
	}
	d.prepare()
	return d
}

// prepare fills the derived fields of the verb forms, the synsets' first words and the
// lexicon by word id.
func (d *Dict) prepare() {
	d.synFirst = make([][]int32, len(d.synsets))
	for i, ms := range d.synsets {
		var f []int32
		for _, m := range ms {
			if len(m) > 0 {
				f = append(f, m[0])
			}
		}
		slices.Sort(f)
		d.synFirst[i] = slices.Compact(f)
	}
	d.ofID = -2
	if id, ok := d.vocab["OF"]; ok {
		d.ofID = id
	}
	d.lexByID = make([]uint16, len(d.vocab))
	d.lexKnown = make([]bool, len(d.vocab))
	for w, id := range d.vocab {
		if lx, ok := lexicon[w]; ok && int(id) < len(d.lexByID) {
			d.lexByID[id], d.lexKnown[id] = lx, true
		}
	}
	for bi := range d.blocks {
		for pi := range d.blocks[bi].patterns {
			d.patternNeeds(&d.blocks[bi].patterns[pi])
		}
	}
	for i := range d.vforms {
		vf := &d.vforms[i]
		if f := strings.Fields(vf.lemma); len(f) > 0 {
			vf.headWord = f[int(vf.head)%len(f)]
		}
		if int(vf.block) < len(d.blocks) {
			vf.why = d.blocks[vf.block].name + " " + vf.lemma
		}
	}
}

// patternNeeds sets p.needs from the elements matchPattern matches against word ids: a
// word element needs one of its ids; a synset element after the verb needs the first word
// of one of its phrases (synFirst), one before the verb that too unless it has an empty
// phrase (which matches anywhere). An element that can never match gets an empty mask.
func (d *Dict) patternNeeds(p *cpattern) {
	p.needs = p.needs[:0]
	for part, es := range [2][]celem{p.pre, p.post} {
		for _, e := range es {
			var m idMask
			switch e.kind {
			case petrarch.ElemWord:
				for _, id := range e.ids {
					if id >= 0 {
						m.add(id)
					}
				}
			case petrarch.ElemSynset:
				if e.syn >= 0 && int(e.syn) < len(d.synsets) {
					empty := false
					for _, ph := range d.synsets[e.syn] {
						if len(ph) == 0 {
							empty = true
						} else {
							m.add(ph[0])
						}
					}
					if empty && part == 0 {
						continue
					}
				}
			default:
				continue
			}
			p.needs = append(p.needs, m)
		}
	}
}

// normWords splits dictionary words the way the tokenizer splits text: "ISRAEL'S" stays one
// word here but is "ISRAEL" "'S" in text, so the clitic is split off.
func normWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		if i := strings.Index(w, "'S"); i > 0 && i == len(w)-2 {
			out = append(out, w[:i], "'S")
			continue
		}
		if strings.HasSuffix(w, "N'T") && len(w) > 3 {
			out = append(out, w[:len(w)-3], "N'T")
			continue
		}
		out = append(out, w)
	}
	return out
}

func (d *Dict) compileVerbs(v *petrarch.VerbDict) {
	// Synsets: ids first so that nested references resolve.
	names := make([]string, 0, len(v.Synsets))
	for n := range v.Synsets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		d.synIDs[n] = int32(len(d.synIDs))
	}
	d.synsets = make([][][]int32, len(names))
	for _, n := range names {
		d.synsets[d.synIDs[n]] = d.flattenSynset(v, n, 0)
	}
	for bi, b := range v.Blocks {
		cb := block{name: b.Name, code: b.Code}
		for _, verb := range b.Verbs {
			for _, f := range verbFormsOf(verb) {
				vf := verbForm{block: int32(bi), code: verb.Code, head: int8(verb.Head), n: int8(len(f.words)), lemma: strings.Join(verb.Words, " "), past: f.past}
				p := int32(len(d.vforms))
				d.vforms = append(d.vforms, vf)
				d.verbs.insert(d.ids(normWords(f.words)), p)
			}
		}
		heads := map[string]bool{}
		for _, verb := range b.Verbs {
			if len(verb.Words) > 0 {
				heads[strings.Join(verb.Words, " ")] = true
			}
		}
		for _, p := range b.Patterns {
			cp := d.compilePattern(p, b.Name)
			if f := strings.Fields(strings.ToUpper(p.Comment)); len(f) > 0 && heads[strings.ReplaceAll(f[0], "_", " ")] {
				cp.owner = strings.ReplaceAll(f[0], "_", " ")
			}
			cb.patterns = append(cb.patterns, cp)
		}
		d.blocks = append(d.blocks, cb)
	}
}

func (d *Dict) flattenSynset(v *petrarch.VerbDict, name string, depth int) [][]int32 {
	var out [][]int32
	for _, m := range v.Synsets[name] {
		if len(m.Words) == 1 && strings.HasPrefix(m.Words[0], "&") && depth < 4 {
			out = append(out, d.flattenSynset(v, strings.TrimRight(m.Words[0][1:], "_"), depth+1)...)
			continue
		}
		ws := normWords(m.Words)
		out = append(out, d.ids(ws))
		// plural of the last word
		for _, f := range nounPlurals(ws[len(ws)-1]) {
			pw := append(append([]string(nil), ws[:len(ws)-1]...), f)
			out = append(out, d.ids(pw))
		}
	}
	return out
}

func (d *Dict) compilePattern(p petrarch.Pattern, blockName string) cpattern {
	cp := cpattern{verbJoinedPre: p.VerbJoinedPre, code: p.Code, why: blockName + " " + p.String()}
	conv := func(es []petrarch.Elem) []celem {
		out := make([]celem, 0, len(es))
		for _, e := range es {
			ce := celem{kind: e.Kind, joined: e.Joined}
			switch e.Kind {
			case petrarch.ElemWord:
				for _, w := range append([]string{e.Word}, e.Alts...) {
					w = strings.TrimRight(w, "_")
					if w == "" {
						continue
					}
					ce.ids = append(ce.ids, d.id(w))
					for _, f := range nounPlurals(w) {
						ce.ids = append(ce.ids, d.id(f))
					}
				}
				cp.literals++
			case petrarch.ElemSynset:
				id, ok := d.synIDs[e.Word]
				if !ok {
					id = -1
				}
				ce.syn = id
				cp.literals++
			}
			out = append(out, ce)
		}
		return out
	}
	cp.pre = conv(p.Pre)
	cp.post = conv(p.Post)
	return cp
}

type formOf struct {
	words []string
	past  bool
}

// verbFormsOf lists the forms of a verb: the explicit ones in braces and the regular ones
// generated from the head word (-S, -ED, -ING, with the usual spelling rules).
func verbFormsOf(v petrarch.Verb) []formOf {
	out := []formOf{{words: v.Words}}
	for _, f := range v.Forms {
		out = append(out, formOf{words: f, past: true})
	}
	if v.NoForms || len(v.Words) == 0 {
		return out
	}
	head := v.Words[v.Head]
	hasPast := false
	for _, f := range v.Forms {
		if v.Head < len(f) {
			w := f[v.Head]
			if !strings.HasSuffix(w, "ING") && !strings.HasSuffix(w, "S") {
				hasPast = true
			}
		}
	}
	for _, g := range verbInflections(head, hasPast) {
		w := append([]string(nil), v.Words...)
		w[v.Head] = g.word
		out = append(out, formOf{words: w, past: g.past})
	}
	return out
}

type inflection struct {
	word string
	past bool
}

func verbInflections(w string, hasIrregularPast bool) []inflection {
	if len(w) < 2 {
		return nil
	}
	var out []inflection
	last := w[len(w)-1]
	vowel := func(c byte) bool { return strings.IndexByte("AEIOU", c) >= 0 }
	// third person singular
	switch {
	case strings.HasSuffix(w, "S") || strings.HasSuffix(w, "X") || strings.HasSuffix(w, "Z") || strings.HasSuffix(w, "CH") || strings.HasSuffix(w, "SH") || strings.HasSuffix(w, "O"):
		out = append(out, inflection{word: w + "ES"})
	case last == 'Y' && !vowel(w[len(w)-2]):
		out = append(out, inflection{word: w[:len(w)-1] + "IES"})
	default:
		out = append(out, inflection{word: w + "S"})
	}
	// past and participles
	var stem string
	switch {
	case last == 'E':
		stem = w[:len(w)-1]
		if !hasIrregularPast {
			out = append(out, inflection{word: w + "D", past: true})
		}
		out = append(out, inflection{word: stem + "ING"})
		if strings.HasSuffix(w, "IE") {
			out = append(out, inflection{word: w[:len(w)-2] + "YING"})
		}
	case last == 'Y' && !vowel(w[len(w)-2]):
		if !hasIrregularPast {
			out = append(out, inflection{word: w[:len(w)-1] + "IED", past: true})
		}
		out = append(out, inflection{word: w + "ING"})
	default:
		if !hasIrregularPast {
			out = append(out, inflection{word: w + "ED", past: true})
		}
		out = append(out, inflection{word: w + "ING"})
		// consonant doubling for short CVC verbs (STOP → STOPPED)
		n := len(w)
		if n >= 3 && !vowel(last) && last != 'W' && last != 'X' && last != 'Y' && vowel(w[n-2]) && !vowel(w[n-3]) {
			dbl := w + string(last)
			if !hasIrregularPast {
				out = append(out, inflection{word: dbl + "ED", past: true})
			}
			out = append(out, inflection{word: dbl + "ING"})
		}
	}
	return out
}

// nounPlurals returns the regular plural forms of a noun (one, or none for words that look
// plural or are not words).
func nounPlurals(w string) []string {
	if len(w) < 2 || w[len(w)-1] < 'A' || w[len(w)-1] > 'Z' {
		return nil
	}
	last := w[len(w)-1]
	switch {
	case strings.HasSuffix(w, "MAN"):
		return []string{w[:len(w)-3] + "MEN"}
	case strings.HasSuffix(w, "SS") || strings.HasSuffix(w, "X") || strings.HasSuffix(w, "CH") || strings.HasSuffix(w, "SH"):
		return []string{w + "ES"}
	case last == 'S':
		return nil
	case last == 'Y' && strings.IndexByte("AEIOU", w[len(w)-2]) < 0:
		return []string{w[:len(w)-1] + "IES"}
	}
	return []string{w + "S"}
}
