package ner

import (
	"chronicle/ner/internal/percep"
)

// Feature templates. A feature is percep.Join(template, value) or Join2; the numbers are part of
// the model format: never renumber, only add.
const (
	tBias uint64 = iota + 1
	tW
	tWL
	tWN
	tWLm1
	tWLp1
	tWLm2
	tWLp2
	tWLm1WL
	tWLWLp1
	tShape
	tShapem1
	tShapep1
	tShortm1Short
	tShortShortp1
	tPre
	tSuf
	tCl
	tClm1
	tClp1
	tGaz
	tGazm1
	tGazp1
	tPOS
	tPOSm1
	tPOSp1
	tPOSm1POS
	tPOSPOSp1
	tPOSm2
	tPOSp2
	tChunk
	tCaseCaps
	tShapeCaps
	tShapeInit
	tCaseShape
	tTagm1
	tTagm2
	tTagm12
	tTagm1WL
	tSuf3m1
	tSuf3p1
	tClp1b
	tChunkm1
	tChunkm1POS
	tChunkm12
	tPOSWL
	tDoc
	tDocShape
	tFreqShape
	tLexHitShape
	tWLm1Shape
	tShapeWLp1
	tClm1Cl
	tGazShape
	tWm1
	tWp1
	tPrevNLShape
	tDocPrev
)

// sentInfo is per-sentence context for the templates.
type sentInfo struct {
	caps bool // the sentence is written in capitals (a headline)
}

// none is the hash used for positions outside the sentence.
const none = 0x9ae16a3b2f90404f

func at(ts []tokInfo, i int) *tokInfo {
	if i < 0 || i >= len(ts) {
		return &boundary
	}
	return &ts[i]
}

var boundary = tokInfo{w: none, wl: none, wn: none, shape: none, short: none}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// posFeatures appends the part-of-speech features of token i (tags: predicted tags so far,
// as label indexes; only tags[:i] are read).
func posFeatures(fs []uint64, ts []tokInfo, i int, tags []int) []uint64 {
	fs = posContext(fs, ts, i, tags)
	for k := -2; k <= 2; k++ {
		fs = posUnary(fs, at(ts, i+k), k)
	}
	return fs
}

// posContext appends the POS features of token i that depend on more than one word.
func posContext(fs []uint64, ts []tokInfo, i int, tags []int) []uint64 {
	t := &ts[i]
	p1, p2 := uint64(0), uint64(0)
	if i > 0 {
		p1 = uint64(tags[i-1] + 1)
	}
	if i > 1 {
		p2 = uint64(tags[i-2] + 1)
	}
	fs = append(fs,
		percep.Join(tBias, 0),
		percep.Join(tTagm1, p1),
		percep.Join(tTagm2, p2),
		percep.Join2(tTagm12, p1, p2),
	)
	return posHashed(fs, t, p1)
}

// posHashed appends the POS context features that involve a word or shape (p1: the
// previous tag + 1, 0 at the start).
func posHashed(fs []uint64, t *tokInfo, p1 uint64) []uint64 {
	return append(fs,
		percep.Join2(tTagm1WL, p1, t.wl),
		percep.Join2(tShapeInit, t.short, uint64(t.flags&fInitial)),
	)
}

// posUnary appends the POS features that word t contributes at offset k from the token tagged.
func posUnary(fs []uint64, t *tokInfo, k int) []uint64 {
	switch k {
	case 0:
		fs = append(fs,
			percep.Join(tWL, t.wl),
			percep.Join(tW, t.w),
			percep.Join(tSuf, t.suf[0]),
			percep.Join(tSuf+100, t.suf[1]),
			percep.Join(tSuf+200, t.suf[2]),
			percep.Join(tPre, t.pre[0]),
			percep.Join(tShape, t.shape),
		)
		if t.info.Cl[0] != 0 {
			fs = append(fs,
				percep.Join(tCl, uint64(t.info.Cl[0])),
				percep.Join(tCl+100, uint64(t.info.Cl[1])),
				percep.Join(tCl+200, uint64(t.info.Cl[2])),
			)
		}
	case -1:
		fs = append(fs, percep.Join(tWLm1, t.wl), percep.Join(tSuf3m1, t.suf[2]))
	case 1:
		fs = append(fs, percep.Join(tWLp1, t.wl), percep.Join(tSuf3p1, t.suf[2]))
		if t.info.Cl[1] != 0 {
			fs = append(fs, percep.Join(tClp1, uint64(t.info.Cl[1])))
		}
	case -2:
		fs = append(fs, percep.Join(tWLm2, t.wl))
	case 2:
		fs = append(fs, percep.Join(tWLp2, t.wl))
	}
	return fs
}

// chunkFeatures appends the chunker's features of token i (pos: POS label indexes; tags:
// chunk tags so far, only tags[:i] are read).
func chunkFeatures(fs []uint64, ts []tokInfo, i int, pos []int, tags []int) []uint64 {
	fs = chunkPOSWindow(fs, pos, i)
	fs = chunkContext(fs, ts, i, pos, tags)
	for k := -1; k <= 1; k++ {
		fs = chunkUnary(fs, at(ts, i+k), k, false)
	}
	return fs
}

func posAt(pos []int, k int) uint64 {
	if k < 0 || k >= len(pos) {
		return 999
	}
	return uint64(pos[k])
}

// posWindowKey identifies the POS tags at i-2 … i+2 (the key of chunkPOSWindow's features).
func posWindowKey(pos []int, i int) uint64 {
	h := uint64(0x51ed270b27e2f3a1)
	for k := i - 2; k <= i+2; k++ {
		h = percep.Hash(h ^ posAt(pos, k))
	}
	return h
}

// chunkPOSWindow appends the chunk features that depend on the POS tags at i-2 … i+2 only.
func chunkPOSWindow(fs []uint64, pos []int, i int) []uint64 {
	return append(fs,
		percep.Join(tBias, 0),
		percep.Join(tPOS, posAt(pos, i)),
		percep.Join(tPOSm1, posAt(pos, i-1)),
		percep.Join(tPOSp1, posAt(pos, i+1)),
		percep.Join(tPOSm2, posAt(pos, i-2)),
		percep.Join(tPOSp2, posAt(pos, i+2)),
		percep.Join2(tPOSm1POS, posAt(pos, i-1), posAt(pos, i)),
		percep.Join2(tPOSPOSp1, posAt(pos, i), posAt(pos, i+1)),
	)
}

// chunkUnary appends the chunk features word t contributes at offset k.
func chunkUnary(fs []uint64, t *tokInfo, k int, _ bool) []uint64 {
	switch k {
	case 0:
		fs = append(fs, percep.Join(tWL, t.wl))
	case -1:
		fs = append(fs, percep.Join(tWLm1, t.wl))
	case 1:
		fs = append(fs, percep.Join(tWLp1, t.wl))
	}
	return fs
}

// chunkHashed appends the chunk feature of token i's word and POS tag.
func chunkHashed(fs []uint64, ts []tokInfo, i int, pos []int) []uint64 {
	return append(fs, percep.Join2(tPOSWL, posAt(pos, i), ts[i].wl))
}

// chunkContext appends the chunk features that depend on earlier chunk tags or on a word
// and its POS tag.
func chunkContext(fs []uint64, ts []tokInfo, i int, pos []int, tags []int) []uint64 {
	c1, c2 := uint64(0), uint64(0)
	if i > 0 {
		c1 = uint64(tags[i-1] + 1)
	}
	if i > 1 {
		c2 = uint64(tags[i-2] + 1)
	}
	fs = chunkHashed(fs, ts, i, pos)
	return append(fs,
		percep.Join(tChunkm1, c1),
		percep.Join2(tChunkm1POS, c1, posAt(pos, i)),
		percep.Join2(tChunkm12, c1, c2),
		percep.Join2(tChunkm1POS+100, c1, posAt(pos, i+1)),
	)
}

// nerFeatures appends the named-entity features of token i; pos and chunk are the POS and
// chunk label indexes of the sentence.
func nerFeatures(fs []uint64, ts []tokInfo, i int, si sentInfo, pos, chunk []int) []uint64 {
	fs = nerContext(fs, ts, i, si, pos, chunk)
	for k := -2; k <= 2; k++ {
		fs = nerUnary(fs, at(ts, i+k), k, si.caps)
	}
	return fs
}

// nerUnary appends the NER features that word t contributes at offset k from the token
// tagged (caps: the sentence is in capitals).
func nerUnary(fs []uint64, t *tokInfo, k int, capsSent bool) []uint64 {
	caps := b2u(capsSent)
	switch k {
	case 0:
		fs = append(fs,
			percep.Join(tWL, t.wl),
			percep.Join(tWN, t.wn),
			percep.Join(tShape, t.shape),
			percep.Join2(tShapeCaps, t.short, caps),
			percep.Join2(tCaseShape, uint64(t.info.Case), t.short|caps<<63),
			percep.Join2(tFreqShape, uint64(t.info.Freq), t.short|caps<<63),
			percep.Join2(tLexHitShape, b2u(t.lexHit), t.short|caps<<63),
		)
		if !capsSent {
			fs = append(fs, percep.Join(tW, t.w))
		}
		for j := 0; j < 4; j++ {
			if t.pre[j] != 0 {
				fs = append(fs, percep.Join(tPre+uint64(j)*100, t.pre[j]))
			}
			if t.suf[j] != 0 {
				fs = append(fs, percep.Join(tSuf+uint64(j)*100, t.suf[j]))
			}
		}
		for j := 0; j < 3; j++ {
			fs = append(fs, percep.Join(tCl+uint64(j)*100, uint64(t.info.Cl[j])))
		}
	case -1, 1:
		tw, tsh, tww, tcl := tWLm1, tShapem1, tWm1, tClm1
		if k == 1 {
			tw, tsh, tww, tcl = tWLp1, tShapep1, tWp1, tClp1
		}
		fs = append(fs, percep.Join(tw, t.wl), percep.Join(tsh, t.shape))
		if !capsSent {
			fs = append(fs, percep.Join(tww, t.w))
		}
		for j := 0; j < 3; j++ {
			fs = append(fs, percep.Join(tcl+uint64(j)*100, uint64(t.info.Cl[j])))
		}
	case -2:
		fs = append(fs, percep.Join(tWLm2, t.wl))
	case 2:
		fs = append(fs, percep.Join(tWLp2, t.wl))
	}
	return fs
}

// nerContext appends the NER features of token i that depend on more than one word, on its
// position or on the document.
func nerContext(fs []uint64, ts []tokInfo, i int, si sentInfo, pos, chunk []int) []uint64 {
	fs = append(fs,
		percep.Join(tBias, 0),
		percep.Join(tPOS, posAt(pos, i)),
		percep.Join2(tPOSm1POS, posAt(pos, i-1), posAt(pos, i)),
		percep.Join2(tPOSPOSp1, posAt(pos, i), posAt(pos, i+1)),
		percep.Join(tChunk, uint64(chunk[i])),
	)
	return nerHashed(fs, ts, i, si)
}

// nerHashed appends the NER context features that involve words, shapes, clusters,
// gazetteers or document hints.
func nerHashed(fs []uint64, ts []tokInfo, i int, si sentInfo) []uint64 {
	t := &ts[i]
	m1, p1 := at(ts, i-1), at(ts, i+1)
	fs = append(fs,
		percep.Join2(tWLm1WL, m1.wl, t.wl),
		percep.Join2(tWLWLp1, t.wl, p1.wl),
		percep.Join2(tShortm1Short, m1.short, t.short),
		percep.Join2(tShortShortp1, t.short, p1.short),
		percep.Join2(tShapeInit, t.short, uint64(t.flags&(fInitial|fQuoteInit))),
		percep.Join2(tWLm1Shape, m1.wl, t.short),
		percep.Join2(tShapeWLp1, t.short, p1.wl),
		percep.Join2(tClm1Cl, uint64(m1.info.Cl[1]), uint64(t.info.Cl[1])),
	)
	for g := t.gaz; g != 0; g &= g - 1 {
		b := uint64(trailing(g))
		fs = append(fs, percep.Join(tGaz, b), percep.Join2(tGazShape, b, t.short))
	}
	fs = docFeatures(fs, t, si.caps)
	fs = docPrevFeatures(fs, m1.doc)
	for g := m1.gaz; g != 0; g &= g - 1 {
		fs = append(fs, percep.Join(tGazm1, uint64(trailing(g))))
	}
	for g := p1.gaz; g != 0; g &= g - 1 {
		fs = append(fs, percep.Join(tGazp1, uint64(trailing(g))))
	}
	return fs
}

func trailing(g uint32) int {
	n := 0
	for g&1 == 0 {
		g >>= 1
		n++
	}
	return n
}

// docFeatures appends the document-hint features of t.
func docFeatures(fs []uint64, t *tokInfo, capsSent bool) []uint64 {
	if t.doc != 0 {
		caps := b2u(capsSent)
		fs = append(fs, percep.Join(tDoc, uint64(t.doc)), percep.Join2(tDocShape, uint64(t.doc), t.short|caps<<63))
	}
	return fs
}

// docPrevFeatures appends the feature of the previous token's document hint.
func docPrevFeatures(fs []uint64, doc uint8) []uint64 {
	if doc != 0 {
		fs = append(fs, percep.Join(tDocPrev, uint64(doc)))
	}
	return fs
}
