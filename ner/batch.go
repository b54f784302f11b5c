package ner

import "chronicle/text"

// TagBatch tags each document of ds as Tag does, with the parts of speech and chunks of all of
// them first, then their entities: each tagger's tables then stay in the processor's caches
// for longer.
func (r *Recognizer) TagBatch(ds []*text.Doc) {
	s := r.getScratch()
	defer r.putScratch(s)
	total := 0
	for _, d := range ds {
		total += len(d.Tokens)
	}
	if cap(s.bts) < total {
		s.bts = make([]tokInfo, total)
		s.bpos = make([]int, total)
		s.bchunk = make([]int, total)
	}
	ts, pos, chunk := s.bts[:total], s.bpos[:total], s.bchunk[:total]
	clear(pos) // tokens outside every sentence get the first labels (NER: O)
	clear(chunk)
	ownTS, ownPos, ownChunk := s.ts, s.pos, s.chunk
	defer func() { s.ts, s.pos, s.chunk = ownTS, ownPos, ownChunk }()
	off := 0
	for _, d := range ds {
		n := len(d.Tokens)
		d.Mentions = d.Mentions[:0]
		if n == 0 {
			continue
		}
		sents := sentences(d)
		s.ts = ts[off : off+n : off+n]
		r.prepare(d, sents, s)
		off += n
	}
	// The parts of speech of every document, then the chunks.
	for step := 0; step < 2; step++ {
		off = 0
		for _, d := range ds {
			n := len(d.Tokens)
			if n == 0 {
				continue
			}
			sents := sentences(d)
			dts, dp, dc := ts[off:off+n], pos[off:off+n], chunk[off:off+n]
			for _, se := range sents {
				if a, b := se.First, se.Last; a < b {
					if step == 0 {
						r.tagPOS(dts[a:b], dp[a:b], s)
					} else {
						r.tagChunk(dts[a:b], dp[a:b], dc[a:b], s)
					}
				}
			}
			off += n
		}
	}
	off = 0
	for _, d := range ds {
		n := len(d.Tokens)
		if n == 0 {
			continue
		}
		sents := sentences(d)
		s.ts = ts[off : off+n : off+n]
		s.pos, s.chunk = pos[off:off+n], chunk[off:off+n]
		s.ner = growInts(s.ner, n)
		clear(s.ner)
		r.tagNERDoc(sents, s, nil)
		r.setLabels(d, s)
		off += n
	}
}
