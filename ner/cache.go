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
	idx, old   map[uint64]int32
	vec, oldv  []float32
	generation int
}

// wordCacheMax bounds the forms of one generation.
const wordCacheMax = 1 << 14

// reset prepares the cache for a sentence tagged with m (width scores per form); it empties
// the cache when the model changed and starts a new generation when the current one is full.
// Offsets returned by get stay valid until the next reset.
func (c *wordCache) reset(m *percep.Model, width int) {
	if c.model != m || c.width != width {
		if c.idx == nil {
			c.idx, c.old = make(map[uint64]int32, 1024), make(map[uint64]int32, 1024)
		}
		clear(c.idx)
		clear(c.old)
		c.vec, c.oldv = c.vec[:0], c.oldv[:0]
		c.model, c.width = m, width
		return
	}
	if len(c.idx) >= wordCacheMax {
		c.idx, c.old = c.old, c.idx
		c.vec, c.oldv = c.oldv, c.vec
		clear(c.idx)
		c.vec = c.vec[:0]
	}
}

// get returns the offset in c.vec of key's vector and whether it holds scores; a new vector
// is zeroed, and the caller must fill it before the next get.
func (c *wordCache) get(key uint64) (int, bool) {
	w := c.width
	if i, ok := c.idx[key]; ok {
		return int(i) * w, true
	}
	i := len(c.idx)
	c.idx[key] = int32(i)
	n := len(c.vec)
	if cap(c.vec) < n+w {
		nv := make([]float32, n, 2*cap(c.vec)+w*64)
		copy(nv, c.vec)
		c.vec = nv
	}
	c.vec = c.vec[:n+w]
	if j, ok := c.old[key]; ok {
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
// missing vectors with unary(fs, t, k, caps) for k in -span…span.
func wordOffsets(c *wordCache, m *percep.Model, L, span int, ts []tokInfo, salt uint64, offs []int, fs []uint64,
	unary func(fs []uint64, t *tokInfo, k int, caps bool) []uint64, caps bool) ([]int, []uint64) {
	offs = offs[:0]
	for i := -span; i < len(ts)+span; i++ {
		t := at(ts, i)
		off, ok := c.get(t.w ^ salt)
		if !ok {
			v := c.vec[off : off+(2*span+1)*L]
			for k := -span; k <= span; k++ {
				fs = unary(fs[:0], t, k, caps)
				m.Score(fs, v[(k+span)*L:(k+span+1)*L])
			}
		}
		offs = append(offs, off)
	}
	return offs, fs
}

// addWords adds to sc (len L) the cached single-word scores of the tokens around token i.
func addWords(c *wordCache, L, span int, offs []int, i int, sc []float32) {
	for k := -span; k <= span; k++ {
		o := offs[i+k+span] + (k+span)*L
		v := c.vec[o : o+L]
		for j := range sc {
			sc[j] += v[j]
		}
	}
}
