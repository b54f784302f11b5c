package ner

import (
	"chronicle/ner/internal/percep"
)

// wordCache memoises, per word form, the scores its single-word features contribute at each
// offset -span…span from the token being tagged: one vector of (2*span+1)*L scores. Most of a
// tagger's features depend on one word only, and news repeats its words, so this replaces
// most weight look-ups by one map look-up per token. A cache belongs to one scratch (one
// goroutine at a time) and to one model.
//
// It keeps two generations of wordCacheMax forms: when the current one is full it becomes the
// old one, and forms found in the old generation are copied forward, so frequent forms stay.
type wordCache struct {
	model      *percep.Model
	width      int
	idx, old   formTable
	vec, oldv  []float32
	generation int
}

// formTable maps form keys to vector indexes: open addressing with linear probing, kept at
// most half full (a Go map costs several times more per look-up here).
type formTable struct {
	slots []formSlot
	n     int
	shift uint
}

type formSlot struct {
	key uint64
	val int32 // index + 1; 0 marks an empty slot
}

func (t *formTable) clear() {
	clear(t.slots)
	t.n = 0
}

func (t *formTable) init(logSize uint) {
	t.slots = make([]formSlot, 1<<logSize)
	t.shift = 64 - logSize
	t.n = 0
}

func (t *formTable) get(key uint64) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := (key * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.val == 0 {
			return 0, false
		}
		if s.key == key {
			return s.val - 1, true
		}
	}
}

// put adds key (not present) with value v, growing the table when half full.
func (t *formTable) put(key uint64, v int32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.init(65 - t.shift)
		for _, s := range old {
			if s.val != 0 {
				t.put(s.key, s.val-1)
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	i := (key * 0x9E3779B97F4A7C15) >> t.shift
	for t.slots[i].val != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = formSlot{key, v + 1}
	t.n++
}

// wordCacheMax bounds the forms of one generation.
const wordCacheMax = 1 << 14

// reset prepares the cache for a sentence tagged with m (width scores per form); it empties
// the cache when the model changed and starts a new generation when the current one is full.
// Offsets returned by get stay valid until the next reset.
func (c *wordCache) reset(m *percep.Model, width int) {
	if c.model != m || c.width != width {
		if c.idx.slots == nil {
			c.idx.init(11)
			c.old.init(11)
		}
		c.idx.clear()
		c.old.clear()
		c.vec, c.oldv = c.vec[:0], c.oldv[:0]
		c.model, c.width = m, width
		return
	}
	if c.idx.n >= wordCacheMax {
		c.idx, c.old = c.old, c.idx
		c.vec, c.oldv = c.oldv, c.vec
		c.idx.clear()
		c.vec = c.vec[:0]
	}
}

// get returns the offset in c.vec of key's vector and whether it holds scores; a new vector
// is zeroed, and the caller must fill it before the next get.
func (c *wordCache) get(key uint64) (int, bool) {
	w := c.width
	if i, ok := c.idx.get(key); ok {
		return int(i) * w, true
	}
	c.idx.put(key, int32(c.idx.n))
	n := len(c.vec)
	if cap(c.vec) < n+w {
		// Room for a whole generation at once: growing by doubling copied the vectors and
		// left as much garbage again (memory the process then faults in).
		nv := make([]float32, n, max(2*cap(c.vec), (wordCacheMax+1024)*w))
		copy(nv, c.vec)
		c.vec = nv
	}
	c.vec = c.vec[:n+w]
	if j, ok := c.old.get(key); ok {
		copy(c.vec[n:n+w], c.oldv[int(j)*w:int(j)*w+w])
		return n, true
	}
	clear(c.vec[n : n+w])
	return n, false
}

// capsKey distinguishes a form's vector in a sentence in capitals.
const capsKey = 0x8f1bbcdcca62c1d6

// wordOffsets fills offs[i+span] with the cache offset of the vector of token i of ts, for
// i in -span … len(ts)+span-1 (positions outside the sentence are the boundary), computing
// missing vectors with unary(fs, t, k, caps) for k in -span…span. The features of all the
// missing vectors are gathered first and their weights prefetched together.
func wordOffsets(c *wordCache, m *percep.Model, L, span int, ts []tokInfo, salt uint64, offs []int, fs []uint64,
	unary func(fs []uint64, t *tokInfo, k int, caps bool) []uint64, caps bool) ([]int, []uint64) {
	offs = offs[:0]
	fs = fs[:0]
	var ends [2*wordBatch*(2*maxSpan+1) + 1]int32
	var vecs [2 * wordBatch]int
	nv := 0
	flush := func() {
		m.Prefetch(fs)
		start := 0
		for j := 0; j < nv; j++ {
			v := c.vec[vecs[j] : vecs[j]+(2*span+1)*L]
			for k := 0; k <= 2*span; k++ {
				e := int(ends[j*(2*span+1)+k])
				m.Score(fs[start:e], v[k*L:(k+1)*L])
				start = e
			}
		}
		fs = fs[:0]
		nv = 0
	}
	for i := -span; i < len(ts)+span; i++ {
		t := at(ts, i)
		off, ok := c.get(t.w ^ salt)
		if !ok {
			for k := -span; k <= span; k++ {
				fs = unary(fs, t, k, caps)
				ends[nv*(2*span+1)+k+span] = int32(len(fs))
			}
			vecs[nv] = off
			nv++
			if nv == len(vecs) {
				flush()
			}
		}
		offs = append(offs, off)
	}
	if nv > 0 {
		flush()
	}
	return offs, fs
}

// wordBatch is about the number of words whose missing vectors wordOffsets computes
// together; maxSpan the largest span.
const (
	wordBatch = 8
	maxSpan   = 2
)

// word returns the cached scores the token at offs index o contributes at offset k (−span…span).
func (c *wordCache) word(L, span int, offs []int, o, k int) []float32 {
	x := offs[o] + (k+span)*L
	return c.vec[x : x+L : x+L]
}
