package ner

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sort"
	"unicode"
	"unicode/utf8"

	"chronicle/ner/internal/percep"
)

// table is a read-only open-addressing hash table from 64-bit keys (never 0) to values. A
// key and its value share a slot, so that a look-up that finds its key touches one cache line.
type table[V any] struct {
	slots []tslot[V]
	mask  uint64
	shift uint // a key's home slot is key >> shift (sorted keys fill the table in order)
}

type tslot[V any] struct {
	key uint64
	val V
}

func newTable[V any](m map[uint64]V) table[V] {
	t := makeTable[V](len(m))
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(a, b int) bool { return ks[a] < ks[b] })
	for _, k := range ks {
		t.put(k, m[k])
	}
	return t
}

// makeTable returns an empty table with room for n keys.
func makeTable[V any](n int) table[V] {
	size := 2
	for size < 2*n+2 {
		size <<= 1
	}
	return table[V]{slots: make([]tslot[V], size), mask: uint64(size - 1), shift: uint(64 - bits.TrailingZeros64(uint64(size)))}
}

// put inserts k (which must not be present yet; the table must have room).
func (t *table[V]) put(k uint64, v V) {
	if k == 0 {
		k = 1
	}
	i := k >> t.shift
	for t.slots[i].key != 0 {
		i = (i + 1) & t.mask
	}
	t.slots[i] = tslot[V]{k, v}
}

func (t *table[V]) get(k uint64) (V, bool) {
	var zero V
	if len(t.slots) == 0 {
		return zero, false
	}
	if k == 0 {
		k = 1
	}
	for i := k >> t.shift; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		switch sl.key {
		case k:
			return sl.val, true
		case 0:
			return zero, false
		}
	}
}

// wordInfo is what the lexicon knows of a word form.
type wordInfo struct {
	Cl   [3]uint16 // word clusters at three granularities (0: none)
	Case uint8     // capitalisation class from unlabeled text (0: unseen)
	Freq uint8     // log2 of the count in unlabeled text
}

// Gazetteer categories: each is one bit of a phrase's value and of a token's gaz bits.
const (
	gazCountry = iota
	gazCityBig
	gazCity
	gazRegion
	gazDemonym
	gazOrg
	gazLeader
	gazFirstName
	gazLastName
	gazActor
	gazPersonActor
	gazEthnic
	gazMedia
	numGaz
)

var gazNames = [numGaz]string{"country", "citybig", "city", "region", "demonym", "org", "leader", "first", "last", "actor", "peractor", "ethnic", "media"}

const gazPrefix = 1 << 31 // the phrase continues in a longer entry

// Lexicon holds what the taggers know about words beyond the labeled data: clusters and
// capitalisation learned from unlabeled news, and gazetteer phrases.
type Lexicon struct {
	words table[wordInfo] // by exact word hash; lower-case forms under lowerKey(hash)
	gaz   table[uint32]   // by phrase hash of lower-cased tokens
	// dict holds, by exact word hash, what the labeled training data says for certain of
	// frequent forms: the POS tag index + 1 in the low byte (a form tagged the same ≥ 97% of
	// the time), and dictO when the form was never part of an entity.
	dict table[uint16]
}

const dictO = 1 << 8

func lowerKey(h uint64) uint64 { return percep.Hash(h ^ 0x5bd1e9955bd1e995) }

func phraseStep(ph, hl uint64) uint64 { return percep.Hash(ph*31 ^ hl) }

const phraseSeed = 0x243F6A8885A308D3

// lexiconBuilder collects lexicon entries before freezing them into tables.
type lexiconBuilder struct {
	words map[uint64]wordInfo
	gaz   map[uint64]uint32
}

func newLexiconBuilder() *lexiconBuilder {
	return &lexiconBuilder{words: map[uint64]wordInfo{}, gaz: map[uint64]uint32{}}
}

// addPhrase adds a gazetteer phrase (already tokenised) of category cat.
func (b *lexiconBuilder) addPhrase(toks []string, cat int) {
	if len(toks) == 0 || len(toks) > maxGazLen {
		return
	}
	var buf []byte
	ph := uint64(phraseSeed)
	for i, t := range toks {
		var ti tokInfo
		buf = analyze(t, &ti, buf)
		ph = phraseStep(ph, ti.wl)
		if i < len(toks)-1 {
			b.gaz[ph] |= gazPrefix
		} else {
			b.gaz[ph] |= 1 << cat
		}
	}
}

const maxGazLen = 8

func (b *lexiconBuilder) build() *Lexicon {
	return &Lexicon{words: newTable(b.words), gaz: newTable(b.gaz)}
}

// encode appends the lexicon to buf (deterministic: sorted keys).
func (lx *Lexicon) encode(buf []byte) []byte {
	type wk struct {
		k uint64
		v wordInfo
	}
	var ws []wk
	for _, sl := range lx.words.slots {
		if sl.key != 0 {
			ws = append(ws, wk{sl.key, sl.val})
		}
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].k < ws[j].k })
	buf = binary.AppendUvarint(buf, uint64(len(ws)))
	var prev uint64
	for _, e := range ws {
		buf = binary.AppendUvarint(buf, e.k-prev)
		prev = e.k
	}
	for _, e := range ws {
		for _, c := range e.v.Cl {
			buf = binary.AppendUvarint(buf, uint64(c))
		}
		buf = append(buf, e.v.Case, e.v.Freq)
	}
	type gk struct {
		k uint64
		v uint32
	}
	var gs []gk
	for _, sl := range lx.gaz.slots {
		if sl.key != 0 {
			gs = append(gs, gk{sl.key, sl.val})
		}
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].k < gs[j].k })
	buf = binary.AppendUvarint(buf, uint64(len(gs)))
	prev = 0
	for _, e := range gs {
		buf = binary.AppendUvarint(buf, e.k-prev)
		prev = e.k
	}
	for _, e := range gs {
		buf = binary.AppendUvarint(buf, uint64(e.v))
	}
	var ds []gk
	for _, sl := range lx.dict.slots {
		if sl.key != 0 {
			ds = append(ds, gk{sl.key, uint32(sl.val)})
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].k < ds[j].k })
	buf = binary.AppendUvarint(buf, uint64(len(ds)))
	for _, e := range ds {
		buf = binary.LittleEndian.AppendUint64(buf, e.k)
		buf = binary.AppendUvarint(buf, uint64(e.v))
	}
	return buf
}

// decodeLexicon reads a lexicon written by encode and returns the rest of p.
func decodeLexicon(p []byte) (*Lexicon, []byte, error) {
	bad := fmt.Errorf("ner: bad lexicon")
	fail := false
	uv := func() uint64 {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			fail = true
			return 0
		}
		p = p[n:]
		return v
	}
	keys := func() []uint64 {
		n := uv()
		if fail || n > uint64(len(p)) {
			fail = true
			return nil
		}
		ks := make([]uint64, n)
		var prev uint64
		for i := range ks {
			prev += uv()
			ks[i] = prev
		}
		return ks
	}
	lx := &Lexicon{}
	ks := keys()
	lx.words = makeTable[wordInfo](len(ks))
	for _, k := range ks {
		var v wordInfo
		for j := range v.Cl {
			v.Cl[j] = uint16(uv())
		}
		if fail || len(p) < 2 {
			return nil, nil, bad
		}
		v.Case, v.Freq = p[0], p[1]
		p = p[2:]
		lx.words.put(k, v)
	}
	ks = keys()
	lx.gaz = makeTable[uint32](len(ks))
	for _, k := range ks {
		lx.gaz.put(k, uint32(uv()))
	}
	nd := uv()
	if fail || nd > uint64(len(p))/9 {
		return nil, nil, bad
	}
	lx.dict = makeTable[uint16](int(nd))
	for i := uint64(0); i < nd; i++ {
		if len(p) < 8 {
			return nil, nil, bad
		}
		k := binary.LittleEndian.Uint64(p)
		p = p[8:]
		lx.dict.put(k, uint16(uv()))
	}
	if fail {
		return nil, nil, bad
	}
	return lx, p, nil
}

// tokInfo is the per-token analysis the feature templates combine.
type tokInfo struct {
	w, wl, wn    uint64 // exact (quotes normalised), lower-case, lower-case with digits as 0
	shape, short uint64 // word shape (Xxxxx → Xx for short)
	pre, suf     [4]uint64
	info         wordInfo
	flags        uint16
	gaz          uint32 // bit 2c: a gazetteer phrase of category c starts here; 2c+1: continues
	lexHit       bool
	doc          uint8  // document hint: 0 none, else 1 + 2*type + confident
	dict         uint16 // the lexicon's dict entry
}

const (
	fCap       = 1 << iota // first rune upper case
	fUpper                 // all letters upper case (and at least one)
	fLower                 // all letters lower case
	fDigit                 // has a digit
	fAlpha                 // has a letter
	fPunct                 // no letter or digit
	fHyphen                // has a hyphen
	fInitial               // sentence initial
	fPeriod                // ends with a period
	fQuoteInit             // follows an opening quote or a colon
)

// analyze fills ti from the word s; buf is scratch space, returned for reuse.
func analyze(s string, ti *tokInfo, buf []byte) []byte {
	buf = buf[:0]
	hw := uint64(14695981039346656037)
	var shape, short uint64 = 14695981039346656037, 14695981039346656037
	var lastClass byte
	shapeLen := 0
	var flags uint16
	letters, uppers, lowers := 0, 0, 0
	first := true
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch r {
		case '\u2019', '\u2018', '\u02bc', '`':
			r = '\''
		case '\u201c', '\u201d', '\u201e':
			r = '"'
		case '\u2013', '\u2014':
			r = '-'
		}
		// exact hash
		if r < utf8.RuneSelf {
			hw = (hw ^ uint64(r)) * 1099511628211
		} else {
			hw = (hw ^ uint64(r)) * 1099511628211
		}
		var cls byte
		lr := r
		switch {
		case r >= 'a' && r <= 'z':
			cls = 'x'
			lowers++
			letters++
		case r >= 'A' && r <= 'Z':
			cls = 'X'
			lr = r + 32
			uppers++
			letters++
		case r >= '0' && r <= '9':
			cls = 'd'
			flags |= fDigit
		case r < utf8.RuneSelf:
			cls = byte(r)
			if r == '-' {
				flags |= fHyphen
			}
		case unicode.IsUpper(r):
			cls = 'X'
			lr = unicode.ToLower(r)
			uppers++
			letters++
		case unicode.IsLetter(r):
			cls = 'x'
			lowers++
			letters++
		default:
			cls = '*'
		}
		if first {
			if cls == 'X' {
				flags |= fCap
			}
			first = false
		}
		if shapeLen < 8 {
			shape = (shape ^ uint64(cls)) * 1099511628211
			shapeLen++
		}
		if cls != lastClass {
			short = (short ^ uint64(cls)) * 1099511628211
			lastClass = cls
		}
		if lr < utf8.RuneSelf {
			buf = append(buf, byte(lr))
		} else {
			buf = utf8.AppendRune(buf, lr)
		}
	}
	if letters > 0 {
		flags |= fAlpha
		if lowers == 0 {
			flags |= fUpper
		}
		if uppers == 0 {
			flags |= fLower
		}
	} else if flags&fDigit == 0 {
		flags |= fPunct
	}
	if len(s) > 1 && s[len(s)-1] == '.' {
		flags |= fPeriod
	}
	ti.w = hw
	ti.wl = percep.Bytes(buf)
	hn := uint64(14695981039346656037)
	for _, c := range buf {
		if c >= '0' && c <= '9' {
			c = '0'
		}
		hn = (hn ^ uint64(c)) * 1099511628211
	}
	ti.wn = hn
	ti.shape = shape
	ti.short = short
	for k := 0; k < 4; k++ {
		if k+1 <= len(buf) {
			ti.pre[k] = percep.Bytes(buf[:k+1])
			ti.suf[k] = percep.Bytes(buf[len(buf)-k-1:])
		} else {
			ti.pre[k], ti.suf[k] = 0, 0
		}
	}
	ti.flags = flags
	ti.gaz = 0
	return buf
}

// lookup fills ti.info from the lexicon: the exact form, else (for upper-case words) the
// title-case form, else the lower-case form.
func (lx *Lexicon) lookup(ti *tokInfo, s string, buf []byte) []byte {
	ti.dict, _ = lx.dict.get(ti.w)
	if v, ok := lx.words.get(ti.w); ok {
		ti.info, ti.lexHit = v, true
		if v.Case == 0 {
			if lv, ok := lx.words.get(lowerKey(ti.wl)); ok {
				ti.info.Case = lv.Case
			}
		}
		return buf
	}
	ti.lexHit = false
	if lv, ok := lx.words.get(lowerKey(ti.wl)); ok {
		ti.info = lv
		return buf
	}
	ti.info = wordInfo{}
	return buf
}

// matchGaz sets the gaz bits of the tokens ts (one sentence): for each start, the longest
// gazetteer phrase beginning there, when it starts with a capital letter or digit (or the
// sentence is in capitals).
func (lx *Lexicon) matchGaz(ts []tokInfo) {
	if len(lx.gaz.slots) == 0 {
		return
	}
	for i := range ts {
		if ts[i].flags&(fCap|fDigit) == 0 {
			continue
		}
		ph := uint64(phraseSeed)
		bestEnd, bestVal := -1, uint32(0)
		for j := i; j < len(ts) && j-i < maxGazLen; j++ {
			ph = phraseStep(ph, ts[j].wl)
			v, ok := lx.gaz.get(ph)
			if !ok {
				break
			}
			if v&^gazPrefix != 0 {
				bestEnd, bestVal = j, v&^gazPrefix
			}
			if v&gazPrefix == 0 {
				break
			}
		}
		if bestEnd < 0 {
			continue
		}
		for c := 0; c < numGaz; c++ {
			if bestVal&(1<<c) == 0 {
				continue
			}
			ts[i].gaz |= 1 << (2 * c)
			for j := i + 1; j <= bestEnd; j++ {
				ts[j].gaz |= 1 << (2*c + 1)
			}
		}
	}
}
