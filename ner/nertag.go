package ner

import (
	"chronicle/ner/internal/percep"
	"chronicle/text"
)

// sentenceHook is called in training after each sentence of the second pass with the
// sentence's token range, its features (token i's are fs[offs[i]:offs[i+1]]) and prediction.
type sentenceHook func(a, b int, fs []uint64, offs []int, pred []int)

// tagNERDoc tags the entities of every sentence into s.ner, in two passes: the first pass sees
// document hints from the sentences before (what earlier mentions of a capitalised word were
// tagged), the second sees hints from the first pass over the whole document (so a headline in
// capitals learns from the body). s.pos and s.chunk must be set.
func (r *Recognizer) tagNERDoc(sents []text.Sentence, s *scratch, hook sentenceHook) {
	n := len(s.ts)
	if s.hist == nil {
		s.hist = map[uint64][5]int16{}
	}
	clear(s.hist)
	s.pass1 = growInts(s.pass1, n)
	for i := range s.ts {
		s.ts[i].doc = 0
	}
	L := len(r.nerL)
	pm, fast := r.nerM.(*percep.Model)
	fast = fast && pm == r.dense.nerFor && hook == nil
	if fast {
		if cap(s.emDoc) < n*L {
			s.emDoc = make([]float32, n*L)
		}
		s.emDoc = s.emDoc[:n*L]
		if cap(s.hint1) < n {
			s.hint1 = make([]uint8, n)
		}
		s.hint1 = s.hint1[:n]
	}
	// Pass 1: running history.
	for _, se := range sents {
		a, b := se.First, se.Last
		if a >= b {
			continue
		}
		ts := s.ts[a:b]
		for i := range ts {
			if ts[i].flags&fCap != 0 {
				ts[i].doc = hint(s.hist[ts[i].wl], nil)
			}
		}
		r.nerSentence(ts, s.pos[a:b], s.chunk[a:b], s.pass1[a:b], s, false)
		if fast {
			copy(s.emDoc[a*L:b*L], s.em[:(b-a)*L])
			for i := range ts {
				s.hint1[a+i] = ts[i].doc
			}
		}
		for i := range ts {
			if ts[i].flags&fCap != 0 {
				c := s.hist[ts[i].wl]
				c[r.nerType[s.pass1[a+i]]]++
				s.hist[ts[i].wl] = c
			}
		}
	}
	// Pass 2: hints from every other mention in pass 1. A sentence whose hints did not change
	// keeps its pass-1 labels (its features are the same), except in training.
	for _, se := range sents {
		a, b := se.First, se.Last
		if a >= b {
			continue
		}
		ts := s.ts[a:b]
		same := true
		for i := range ts {
			if ts[i].flags&fCap != 0 {
				own := r.nerType[s.pass1[a+i]]
				h := hint(s.hist[ts[i].wl], &own)
				if h != ts[i].doc {
					same = false
				}
				ts[i].doc = h
			}
		}
		if same && hook == nil {
			copy(s.ner[a:b], s.pass1[a:b])
			continue
		}
		if fast {
			// Only the hint features changed: update the pass-1 emissions and decode again.
			r.updateHints(ts, a, s)
			continue
		}
		r.nerSentence(ts, s.pos[a:b], s.chunk[a:b], s.ner[a:b], s, hook != nil)
		if hook != nil {
			hook(a, b, s.fs, s.offs, s.ner[a:b])
		}
	}
}

// hint summarises the label counts of a word elsewhere in the document (excluding one
// occurrence of type *own when own is not nil): 0 when there are none, else 1 + 2*majority
// type + (1 when at least 80% agree).
func hint(c [5]int16, own *int) uint8 {
	if own != nil {
		c[*own]--
	}
	total, maj := 0, 0
	for k, v := range c {
		total += int(v)
		if v > c[maj] {
			maj = k
		}
	}
	if total <= 0 {
		return 0
	}
	h := uint8(1 + 2*maj)
	if int(c[maj])*5 >= total*4 {
		h++
	}
	return h
}

// nerSentence decodes one sentence: its features go to s.fs/s.offs, the labels to out.
//
// keepFeatures asks for every token's features in s.fs/s.offs (training needs them);
// otherwise a model's single-word feature scores come from the word cache.
func (r *Recognizer) nerSentence(ts []tokInfo, pos, chunk, out []int, s *scratch, keepFeatures bool) {
	L := len(r.nerL)
	n := len(ts)
	si := sentInfo{caps: isCaps(ts)}
	if cap(s.em) < n*L {
		s.em = make([]float32, n*L)
		s.back = make([]int16, n*L)
	}
	em := s.em[:n*L]
	clear(em)
	if cap(s.work) < 2*L {
		s.work = make([]float32, 2*L)
	}
	s.fs = s.fs[:0]
	s.offs = s.offs[:0]
	if pm, ok := r.nerM.(*percep.Model); ok && pm == r.dense.nerFor && !keepFeatures {
		var salt uint64
		if si.caps {
			salt = capsKey
		}
		s.nerCache.reset(pm, 5*L)
		s.woffs, s.fs = wordOffsets(&s.nerCache, pm, L, 2, ts, salt, s.woffs, s.fs, nerUnary, si.caps)
		// Every token's context features first (token i's: s.fs[s.offs[i]:s.offs[i+1]]),
		// prefetched together.
		s.fs = s.fs[:0]
		for i := range ts {
			s.offs = append(s.offs, len(s.fs))
			if ts[i].dict&dictO == 0 {
				s.fs = nerHashed(s.fs, ts, i, si)
			}
		}
		s.offs = append(s.offs, len(s.fs))
		pm.Prefetch(s.fs)
		for i := range ts {
			e := em[i*L : (i+1)*L]
			if ts[i].dict&dictO != 0 {
				// A form never seen in an entity: O.
				for j := 1; j < L; j++ {
					e[j] = percep.Impossible
				}
				continue
			}
			np := len(r.posL)
			pm1, p0, pp1 := posIdx(pos, i-1, np), posIdx(pos, i, np), posIdx(pos, i+1, np)
			// The word scores at -2 … 2, then the dense ones, summed as the model would add them.
			dt, c, wo := &r.dense, &s.nerCache, s.woffs
			sum4(e, c.word(L, 2, wo, i, -2), c.word(L, 2, wo, i+1, -1), c.word(L, 2, wo, i+2, 0), c.word(L, 2, wo, i+3, 1))
			add4(e, c.word(L, 2, wo, i+4, 2), dt.nerBias.at(0, 0), dt.npos.at(p0, 0), dt.nposm1pos.at(pm1, p0))
			add2(e, dt.nposposp1.at(p0, pp1), dt.nchunk.at(chunk[i], 0))
			pm.Score(s.fs[s.offs[i]:s.offs[i+1]], e)
		}
		s.offs = s.offs[:0]
		percep.Viterbi(em, L, r.trans, r.allowed, s.back[:n*L], s.work[:2*L], out)
		return
	}
	for i := range ts {
		s.offs = append(s.offs, len(s.fs))
		s.fs = nerFeatures(s.fs, ts, i, si, pos, chunk)
		r.nerM.Score(s.fs[s.offs[i]:], em[i*L:(i+1)*L])
	}
	s.offs = append(s.offs, len(s.fs))
	percep.Viterbi(em, L, r.trans, r.allowed, s.back[:n*L], s.work[:2*L], out)
}

// updateHints re-decodes the sentence starting at token a from its pass-1 emissions, replacing
// the scores of the document-hint features of the tokens whose hint changed.
func (r *Recognizer) updateHints(ts []tokInfo, a int, s *scratch) {
	m := r.nerM.(*percep.Model)
	L := len(r.nerL)
	n := len(ts)
	em := s.emDoc[a*L : (a+n)*L]
	caps := isCaps(ts)
	if cap(s.scores) < L {
		s.scores = make([]float32, L)
	}
	d := s.scores[:L]
	for i := range ts {
		old, cur := s.hint1[a+i], ts[i].doc
		if old == cur {
			continue
		}
		clear(d)
		t := ts[i]
		t.doc = old
		s.fs = docFeatures(s.fs[:0], &t, caps)
		m.Score(s.fs, d)
		for j := range d {
			d[j] = -d[j]
		}
		s.fs = docFeatures(s.fs[:0], &ts[i], caps)
		m.Score(s.fs, d)
		e := em[i*L : (i+1)*L]
		for j := range d {
			e[j] += d[j]
		}
		if i+1 < n {
			clear(d)
			s.fs = docPrevFeatures(s.fs[:0], old)
			m.Score(s.fs, d)
			for j := range d {
				d[j] = -d[j]
			}
			s.fs = docPrevFeatures(s.fs[:0], cur)
			m.Score(s.fs, d)
			e := em[(i+1)*L : (i+2)*L]
			for j := range d {
				e[j] += d[j]
			}
		}
	}
	if cap(s.back) < n*L {
		s.back = make([]int16, n*L)
	}
	percep.Viterbi(em, L, r.trans, r.allowed, s.back[:n*L], s.work[:2*L], s.ner[a:a+n])
}
