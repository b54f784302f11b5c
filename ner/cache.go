package ner

import (
	"chronicle/ner/internal/percep"
)

// wordCache memoises, per key (a word form, or a window of POS tags), the scores of the
// features that depend on that key alone: for words, the scores a form's single-word features
// contribute at each offset -2…2 from the token being tagged (5*L scores). Most of a tagger's
// features depend on one word only, and news repeats its words, so this replaces most weight
// look-ups by one map look-up per token. A cache belongs to one scratch (one goroutine at a
// time) and to one model.
type wordCache struct {
	model *percep.Model
	width int
	idx   map[uint64]int32
	vec   []float32
}

// wordCacheMax bounds the keys cached across documents: reset empties a fuller cache.
const wordCacheMax = 1 << 14

// reset prepares the cache for a document tagged with m (width scores per key); it empties
// the cache when the model changed or the cache is full. Offsets returned by get stay valid
// until the next reset.
func (c *wordCache) reset(m *percep.Model, width int) {
	if c.model != m || c.width != width || len(c.idx) >= wordCacheMax {
		if c.idx == nil {
			c.idx = make(map[uint64]int32, 1024)
		}
		clear(c.idx)
		c.vec = c.vec[:0]
		c.model, c.width = m, width
	}
}

// get returns the offset in c.vec of key's vector and whether it was cached; a new vector is
// zeroed, and the caller must fill it before the next get.
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
	clear(c.vec[n : n+w])
	return n, false
}

// capsKey distinguishes a form's vector in a sentence in capitals.
const capsKey = 0x8f1bbcdcca62c1d6

// wordOffsets fills offs[i+2] with the cache offset of the vector of token i of ts, for
// i in -2 … len(ts)+1 (positions outside the sentence are the boundary), computing missing
// vectors with unary(fs, t, k).
func wordOffsets(c *wordCache, m *percep.Model, L int, ts []tokInfo, salt uint64, offs []int, fs []uint64,
	unary func(fs []uint64, t *tokInfo, k int, caps bool) []uint64, caps bool) ([]int, []uint64) {
	offs = offs[:0]
	for i := -2; i < len(ts)+2; i++ {
		t := at(ts, i)
		off, ok := c.get(t.w ^ salt)
		if !ok {
			v := c.vec[off : off+5*L]
			for k := -2; k <= 2; k++ {
				fs = unary(fs[:0], t, k, caps)
				m.Score(fs, v[(k+2)*L:(k+3)*L])
			}
		}
		offs = append(offs, off)
	}
	return offs, fs
}

// addWords adds to sc (len L) the cached single-word scores around token i.
func addWords(c *wordCache, L int, offs []int, i int, sc []float32) {
	for k := -2; k <= 2; k++ {
		o := offs[i+k+2] + (k+2)*L
		v := c.vec[o : o+L]
		for j := range sc {
			sc[j] += v[j]
		}
	}
}
