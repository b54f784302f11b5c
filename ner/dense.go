package ner

import (
	"chronicle/ner/internal/percep"
)

// dense holds a model's scores for every argument combination of a feature template whose
// arguments are small integers (tags, chunk tags): one vector of L scores per combination.
// Adding a dense vector equals scoring the feature, without the hash look-up.
type dense struct {
	nb, L int
	vec   []float32
}

// newDense scores feat(a, b) for a < na, b < nb.
func newDense(m *percep.Model, na, nb int, feat func(a, b int) uint64) dense {
	L := len(m.Labels)
	d := dense{nb: nb, L: L, vec: make([]float32, na*nb*L)}
	fs := []uint64{0}
	for a := 0; a < na; a++ {
		for b := 0; b < nb; b++ {
			fs[0] = feat(a, b)
			m.Score(fs, d.vec[(a*nb+b)*L:(a*nb+b+1)*L])
		}
	}
	return d
}

// at returns the scores of combination (a, b).
func (d *dense) at(a, b int) []float32 {
	o := (a*d.nb + b) * d.L
	return d.vec[o : o+d.L : o+d.L]
}

// The sums below add vectors to sc element by element in the order of their arguments, so
// that each sc[j] is the same float32 sum as adding the vectors one after the other (one pass
// over sc instead of one per vector). sum4 starts from zero; the add functions from sc.

func sum4(sc, a, b, c, d []float32) {
	n := len(sc)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	for j := range sc {
		sc[j] = 0 + a[j] + b[j] + c[j] + d[j]
	}
}

func add4(sc, a, b, c, d []float32) {
	n := len(sc)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	for j := range sc {
		sc[j] = sc[j] + a[j] + b[j] + c[j] + d[j]
	}
}

func add3(sc, a, b, c []float32) {
	n := len(sc)
	a, b, c = a[:n], b[:n], c[:n]
	for j := range sc {
		sc[j] = sc[j] + a[j] + b[j] + c[j]
	}
}

func add2(sc, a, b []float32) {
	n := len(sc)
	a, b = a[:n], b[:n]
	for j := range sc {
		sc[j] = sc[j] + a[j] + b[j]
	}
}

// denseTables are the dense forms of the templates over tags that the taggers use.
type denseTables struct {
	// The models the tables were built from; a tagger uses them only for its current model.
	posFor, chunkFor, nerFor *percep.Model
	// POS: bias, previous tag, tag before, both (tags as index + 1, 0 = none).
	posBias, tagm1, tagm2, tagm12 dense
	// Chunks: bias, POS at -2…2 and bigrams (POS index, nPOS = outside), previous chunk tags.
	chunkBias, cpos, cposm1, cposp1, cposm2, cposp2, cposm1pos, cposposp1 dense
	chunkm1, chunkm1pos, chunkm12, chunkm1posp1                           dense
	// NER: bias, POS and bigrams, chunk tag.
	nerBias, npos, nposm1pos, nposposp1, nchunk dense
}

// posVal is the feature value of POS index k, where k == nPOS stands for outside the sentence.
func posVal(k, nPOS int) uint64 {
	if k >= nPOS {
		return 999
	}
	return uint64(k)
}

// posIdx is the dense index of the POS tag at k (nPOS outside the sentence).
func posIdx(pos []int, k, nPOS int) int {
	if k < 0 || k >= len(pos) {
		return nPOS
	}
	return pos[k]
}

func one(t uint64) func(a, b int) uint64 { return func(a, b int) uint64 { return percep.Join(t, 0) } }

// buildDense builds the dense tables of the three models.
func (r *Recognizer) buildDense() {
	r.buildDensePOS(r.pos)
	r.buildDenseChunk(r.chunk)
	r.buildDenseNER(r.ner)
}

func (r *Recognizer) buildDensePOS(m *percep.Model) {
	np := len(r.posL)
	d := &r.dense
	d.posFor = m

	d.posBias = newDense(m, 1, 1, one(tBias))
	d.tagm1 = newDense(m, np+1, 1, func(a, _ int) uint64 { return percep.Join(tTagm1, uint64(a)) })
	d.tagm2 = newDense(m, np+1, 1, func(a, _ int) uint64 { return percep.Join(tTagm2, uint64(a)) })
	d.tagm12 = newDense(m, np+1, np+1, func(a, b int) uint64 { return percep.Join2(tTagm12, uint64(a), uint64(b)) })
}

func (r *Recognizer) buildDenseChunk(c *percep.Model) {
	np, nc := len(r.posL), len(r.chunkL)
	pv := func(k int) uint64 { return posVal(k, np) }
	d := &r.dense
	d.chunkFor = c
	uni := func(t uint64) dense {
		return newDense(c, np+1, 1, func(a, _ int) uint64 { return percep.Join(t, pv(a)) })
	}
	d.chunkBias = newDense(c, 1, 1, one(tBias))
	d.cpos, d.cposm1, d.cposp1, d.cposm2, d.cposp2 = uni(tPOS), uni(tPOSm1), uni(tPOSp1), uni(tPOSm2), uni(tPOSp2)
	d.cposm1pos = newDense(c, np+1, np+1, func(a, b int) uint64 { return percep.Join2(tPOSm1POS, pv(a), pv(b)) })
	d.cposposp1 = newDense(c, np+1, np+1, func(a, b int) uint64 { return percep.Join2(tPOSPOSp1, pv(a), pv(b)) })
	d.chunkm1 = newDense(c, nc+1, 1, func(a, _ int) uint64 { return percep.Join(tChunkm1, uint64(a)) })
	d.chunkm1pos = newDense(c, nc+1, np+1, func(a, b int) uint64 { return percep.Join2(tChunkm1POS, uint64(a), pv(b)) })
	d.chunkm12 = newDense(c, nc+1, nc+1, func(a, b int) uint64 { return percep.Join2(tChunkm12, uint64(a), uint64(b)) })
	d.chunkm1posp1 = newDense(c, nc+1, np+1, func(a, b int) uint64 { return percep.Join2(tChunkm1POS+100, uint64(a), pv(b)) })
}

func (r *Recognizer) buildDenseNER(n *percep.Model) {
	np, nc := len(r.posL), len(r.chunkL)
	pv := func(k int) uint64 { return posVal(k, np) }
	d := &r.dense
	d.nerFor = n
	d.nerBias = newDense(n, 1, 1, one(tBias))
	d.npos = newDense(n, np+1, 1, func(a, _ int) uint64 { return percep.Join(tPOS, pv(a)) })
	d.nposm1pos = newDense(n, np+1, np+1, func(a, b int) uint64 { return percep.Join2(tPOSm1POS, pv(a), pv(b)) })
	d.nposposp1 = newDense(n, np+1, np+1, func(a, b int) uint64 { return percep.Join2(tPOSPOSp1, pv(a), pv(b)) })
	d.nchunk = newDense(n, nc, 1, func(a, _ int) uint64 { return percep.Join(tChunk, uint64(a)) })
}
