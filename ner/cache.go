package ner

import (
	"chronicle/ner/internal/percep"
)

// wordCache memoises, per word form, the scores its single-word features contribute at each
// offset -2…2 from the token being tagged: one vector of 5*L scores. Most of a tagger's
// features depend on one word only, and news repeats its words, so this replaces most weight
// look-ups by one map look-up. A cache belongs to one scratch (one goroutine at a time) and
// to one model.
type wordCache struct {
	model *percep.Model
	idx   map[uint64]int32
	vec   []float32
}

// wordCacheMax bounds the forms cached; the cache is emptied when full.
const wordCacheMax = 1 << 14

// get returns the vector for key, and whether it was cached; a new vector is zeroed and must
// be filled by the caller.
func (c *wordCache) get(m *percep.Model, key uint64) ([]float32, bool) {
	w := 5 * len(m.Labels)
	if c.model != m || len(c.idx) >= wordCacheMax {
		if c.idx == nil {
			c.idx = make(map[uint64]int32, 1024)
		}
		clear(c.idx)
		c.vec = c.vec[:0]
		c.model = m
	}
	if i, ok := c.idx[key]; ok {
		return c.vec[int(i)*w : int(i)*w+w], true
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
	v := c.vec[n : n+w]
	clear(v)
	return v, false
}

// capsKey distinguishes a form's vector in a sentence in capitals.
const capsKey = 0x8f1bbcdcca62c1d6
