package ner

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"time"

	"chronicle/ner/internal/percep"
	"chronicle/text"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Data      string // the shared data directory (holds conll2003-en/, countries/, …)
	Seed      uint64 // shuffling seed: equal seeds give byte-identical models
	MaxEpochs int    // per tagger (default 30); training stops earlier when dev stops improving
	Patience  int    // epochs without dev improvement before stopping (default 3)
	Limit     int    // use only the first Limit training documents (0: all), for smoke tests
	NoLexicon bool   // skip clusters and gazetteers (faster; for tests)
	// LexiconCache, when set, names a file holding the derived lexicon: read when it exists,
	// else written after deriving it (deriving the word clusters takes minutes).
	LexiconCache string
	// Folds, when above 1, trains the NER on POS and chunk tags predicted by models that did
	// not see the document (jackknifing), as the tags of new text are predicted.
	Folds int
	Log   io.Writer // progress (nil: discard)

	ctx context.Context // set by Train
}

// canceled reports whether training was interrupted.
func (o *TrainOptions) canceled() bool { return o.ctx != nil && o.ctx.Err() != nil }

// TrainReport says what training achieved on the dev data.
type TrainReport struct {
	POSAcc, ChunkAcc, NERF1        float64
	POSEpoch, ChunkEpoch, NEREpoch int
}

// labeledDoc is a CoNLL document prepared for training.
type labeledDoc struct {
	d               *text.Doc
	ts              []tokInfo
	pos, chunk, ner []int // gold label indexes
	ppos, pchunk    []int // predicted (for the next tagger's features)
}

var nerLabels = []string{"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}

// Train trains the POS tagger, the chunker and the NER on eng.train, early-stopping each on
// eng.testa, after deriving the lexicon (word clusters, capitalisation, gazetteers) from the
// shared data. The result is deterministic given o.Seed. It stops early with ctx's error
// when ctx is canceled.
func Train(ctx context.Context, o TrainOptions) (*Recognizer, TrainReport, error) {
	var rep TrainReport
	o.ctx = ctx
	if o.MaxEpochs == 0 {
		o.MaxEpochs = 30
	}
	if o.Patience == 0 {
		o.Patience = 3
	}
	logf := func(format string, args ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, format+"\n", args...)
		}
	}
	start := time.Now()
	read := func(name string) ([]CoNLLDoc, error) {
		f, err := os.Open(filepath.Join(o.Data, "conll2003-en", name))
		if err != nil {
			return nil, fmt.Errorf("ner.Train: %w", err)
		}
		defer f.Close()
		return ReadCoNLL(f)
	}
	trainDocs, err := read("eng.train")
	if err != nil {
		return nil, rep, err
	}
	devDocs, err := read("eng.testa")
	if err != nil {
		return nil, rep, err
	}
	if o.Limit > 0 && o.Limit < len(trainDocs) {
		trainDocs = trainDocs[:o.Limit]
	}
	var lx *Lexicon
	switch {
	case o.NoLexicon:
		lx = newLexiconBuilder().build()
	case o.LexiconCache != "" && fileExists(o.LexiconCache):
		b, err := os.ReadFile(o.LexiconCache)
		if err != nil {
			return nil, rep, fmt.Errorf("ner.Train: %w", err)
		}
		if lx, _, err = decodeLexicon(b); err != nil {
			return nil, rep, fmt.Errorf("ner.Train: %s: %w", o.LexiconCache, err)
		}
	default:
		lb := newLexiconBuilder()
		if err := buildLexicon(ctx, lb, o.Data, trainDocs, logf); err != nil {
			return nil, rep, err
		}
		lx = lb.build()
		if o.LexiconCache != "" {
			if err := os.WriteFile(o.LexiconCache, lx.encode(nil), 0o644); err != nil {
				return nil, rep, fmt.Errorf("ner.Train: %w", err)
			}
		}
	}
	logf("lexicon built (%v)", time.Since(start).Round(time.Millisecond))

	r := &Recognizer{lex: lx}
	r.posL = collectLabels(trainDocs, 1)
	r.chunkL = collectLabels(trainDocs, 2)
	r.setNERLabels(nerLabels)
	r.lex.dict = trainDict(trainDocs, r.posL)
	train := r.prepareDocs(trainDocs)
	dev := r.prepareDocs(devDocs)
	rng := rand.New(rand.NewPCG(o.Seed, 0x6e6572))

	// Part of speech, then chunks: each trained on gold input, then used to predict the
	// input of the next tagger (for the training documents by models trained without them).
	rep.POSAcc, rep.POSEpoch = r.trainGreedy("pos", train, dev, o, rng, logf)
	r.predictAll("pos", train, dev, rep.POSEpoch, o, rng, logf)
	rep.ChunkAcc, rep.ChunkEpoch = r.trainGreedy("chunk", train, dev, o, rng, logf)
	r.predictAll("chunk", train, dev, rep.ChunkEpoch, o, rng, logf)
	// Entities.
	if err := ctx.Err(); err != nil {
		return nil, rep, fmt.Errorf("ner.Train: %w", err)
	}
	rep.NERF1, rep.NEREpoch = r.trainNER(train, dev, o, rng, logf)
	if err := ctx.Err(); err != nil {
		return nil, rep, fmt.Errorf("ner.Train: %w", err)
	}
	logf("trained in %v", time.Since(start).Round(time.Second))
	return r, rep, nil
}

// collectLabels returns the sorted label set of column col (chunk tags converted to IOB2).
func collectLabels(docs []CoNLLDoc, col int) []string {
	set := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.Sentences {
			tags := column(s, col)
			if col == 2 {
				toIOB2(tags)
			}
			for _, t := range tags {
				set[t] = true
			}
		}
	}
	var out []string
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func column(s [][]string, col int) []string {
	out := make([]string, len(s))
	for i, f := range s {
		if col < len(f) {
			out[i] = f[col]
		} else {
			out[i] = "O"
		}
	}
	return out
}

func index(labels []string) map[string]int {
	m := map[string]int{}
	for i, l := range labels {
		m[l] = i
	}
	return m
}

func (r *Recognizer) prepareDocs(docs []CoNLLDoc) []*labeledDoc {
	pi, ci, ni := index(r.posL), index(r.chunkL), index(r.nerL)
	var out []*labeledDoc
	for _, cd := range docs {
		words := make([][]string, len(cd.Sentences))
		ld := &labeledDoc{}
		for k, s := range cd.Sentences {
			words[k] = column(s, 0)
			pos, chunk, ner := column(s, 1), column(s, 2), column(s, 3)
			toIOB2(chunk)
			toIOB2(ner)
			for i := range s {
				ld.pos = append(ld.pos, pi[pos[i]])
				ld.chunk = append(ld.chunk, ci[chunk[i]])
				ld.ner = append(ld.ner, ni[ner[i]])
			}
		}
		ld.d = DocFromTokens(words)
		if len(ld.d.Tokens) == 0 {
			continue
		}
		s := &scratch{}
		r.prepare(ld.d, ld.d.Sentences, s)
		ld.ts = s.ts
		ld.ppos = make([]int, len(ld.ts))
		ld.pchunk = make([]int, len(ld.ts))
		out = append(out, ld)
	}
	return out
}

// greedyStep runs the greedy tagger named by which over one sentence with scorer m, writing
// the predictions to out; when t is not nil, it also updates t on each error against gold.
func (r *Recognizer) greedySentence(which string, m scorer, t *percep.Trainer, ld *labeledDoc, a, b int, out []int, s *scratch) (correct int) {
	ts := ld.ts[a:b]
	L := len(r.posL)
	gold := ld.pos[a:b]
	if which == "chunk" {
		L = len(r.chunkL)
		gold = ld.chunk[a:b]
	}
	if cap(s.scores) < L {
		s.scores = make([]float32, L)
	}
	for i := range ts {
		if which == "pos" {
			s.fs = posFeatures(s.fs[:0], ts, i, out)
		} else {
			s.fs = chunkFeatures(s.fs[:0], ts, i, ld.ppos[a:b], out)
		}
		var y int
		if d := ts[i].dict & 0xff; which == "pos" && t == nil && d != 0 {
			y = int(d) - 1 // as Tag does: a form the training data tags one way
		} else {
			sc := s.scores[:L]
			clear(sc)
			m.Score(s.fs, sc)
			y = percep.Greedy(sc)
		}
		out[i] = y
		if y == gold[i] {
			correct++
		} else if t != nil {
			t.Update(s.fs, gold[i], 1)
			t.Update(s.fs, y, -1)
		}
		if t != nil {
			t.Tick()
		}
	}
	return correct
}

func (r *Recognizer) predictGreedy(which string, m *percep.Model, ld *labeledDoc) {
	s := &scratch{}
	out := ld.ppos
	if which == "chunk" {
		out = ld.pchunk
	}
	for _, se := range ld.d.Sentences {
		r.greedySentence(which, m, nil, ld, se.First, se.Last, out[se.First:se.Last], s)
	}
}

// predictAll predicts the tags of which for dev with the trained model and for train with
// o.Folds jackknifed models trained for epochs epochs (or with the trained model when
// o.Folds < 2).
func (r *Recognizer) predictAll(which string, train, dev []*labeledDoc, epochs int, o TrainOptions, rng *rand.Rand, logf func(string, ...any)) {
	full := r.pos
	if which == "chunk" {
		full = r.chunk
	}
	for _, ld := range dev {
		r.predictGreedy(which, full, ld)
	}
	if o.Folds < 2 {
		for _, ld := range train {
			r.predictGreedy(which, full, ld)
		}
		return
	}
	for f := 0; f < o.Folds; f++ {
		var in []*labeledDoc
		for i, ld := range train {
			if i%o.Folds != f {
				in = append(in, ld)
			}
		}
		m := r.trainFixed(which, in, epochs, rng)
		for i, ld := range train {
			if i%o.Folds == f {
				r.predictGreedy(which, m, ld)
			}
		}
	}
	logf("%s: jackknifed predictions for training (%d folds)", which, o.Folds)
}

// trainFixed trains a greedy tagger for a fixed number of epochs.
func (r *Recognizer) trainFixed(which string, train []*labeledDoc, epochs int, rng *rand.Rand) *percep.Model {
	labels := r.posL
	if which == "chunk" {
		labels = r.chunkL
	}
	t := percep.NewTrainer(labels, false)
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	s := &scratch{}
	for epoch := 1; epoch <= epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ld := train[k]
			out := make([]int, len(ld.ts))
			for _, se := range ld.d.Sentences {
				r.greedySentence(which, t, t, ld, se.First, se.Last, out[se.First:se.Last], s)
			}
		}
	}
	return t.Average(0)
}

func (r *Recognizer) trainGreedy(which string, train, dev []*labeledDoc, o TrainOptions, rng *rand.Rand, logf func(string, ...any)) (float64, int) {
	labels := r.posL
	if which == "chunk" {
		labels = r.chunkL
	}
	t := percep.NewTrainer(labels, false)
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var best *percep.Model
	bestAcc, bestEpoch := -1.0, 0
	s := &scratch{}
	for epoch := 1; epoch <= o.MaxEpochs && !o.canceled(); epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ld := train[k]
			out := make([]int, len(ld.ts))
			for _, se := range ld.d.Sentences {
				r.greedySentence(which, t, t, ld, se.First, se.Last, out[se.First:se.Last], s)
			}
		}
		m := t.Average(0)
		correct, total := 0, 0
		for _, ld := range dev {
			out := make([]int, len(ld.ts))
			for _, se := range ld.d.Sentences {
				correct += r.greedySentence(which, m, nil, ld, se.First, se.Last, out[se.First:se.Last], s)
			}
			total += len(ld.ts)
		}
		acc := float64(correct) / float64(max(total, 1))
		logf("%s epoch %d: dev accuracy %.4f (%d features)", which, epoch, acc, m.NumFeatures())
		if acc > bestAcc {
			best, bestAcc, bestEpoch = m, acc, epoch
		} else if epoch-bestEpoch >= o.Patience {
			break
		}
	}
	if which == "pos" {
		r.pos, r.posM = best, best
	} else {
		r.chunk, r.chunkM = best, best
	}
	return bestAcc, bestEpoch
}

// docScratch sets up s for tagging ld with its predicted POS and chunks.
func (ld *labeledDoc) scratch(s *scratch) {
	s.ts = ld.ts
	s.pos = ld.ppos
	s.chunk = ld.pchunk
	s.ner = growInts(s.ner, len(ld.ts))
}

func (r *Recognizer) trainNER(train, dev []*labeledDoc, o TrainOptions, rng *rand.Rand, logf func(string, ...any)) (float64, int) {
	t := percep.NewTrainer(r.nerL, true)
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var best *percep.Model
	bestF, bestEpoch := -1.0, 0
	s := &scratch{}
	for epoch := 1; epoch <= o.MaxEpochs && !o.canceled(); epoch++ {
		r.nerM, r.trans = t, t.Trans()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ld := train[k]
			ld.scratch(s)
			r.tagNERDoc(ld.d.Sentences, s, func(a, b int, fs []uint64, offs []int, pred []int) {
				gold := ld.ner[a:b]
				prevG, prevP := -1, -1
				for i := range pred {
					g, p := gold[i], pred[i]
					if g != p {
						f := fs[offs[i]:offs[i+1]]
						t.Update(f, g, 1)
						t.Update(f, p, -1)
					}
					if g != p || prevG != prevP {
						t.UpdateTrans(prevG, g, 1)
						t.UpdateTrans(prevP, p, -1)
					}
					prevG, prevP = g, p
				}
				t.Tick()
			})
		}
		m := t.Average(0)
		r.nerM, r.trans = m, m.Trans
		r.buildDenseNER(m)
		f1 := r.devF1(dev, s)
		logf("ner epoch %d: dev F1 %.4f (%d features)", epoch, f1, m.NumFeatures())
		if f1 > bestF {
			best, bestF, bestEpoch = m, f1, epoch
		} else if epoch-bestEpoch >= o.Patience {
			break
		}
	}
	r.ner, r.nerM, r.trans = best, best, best.Trans
	r.buildDense()
	return bestF, bestEpoch
}

// devF1 tags the dev documents and returns the exact-span micro F1.
func (r *Recognizer) devF1(dev []*labeledDoc, s *scratch) float64 {
	var tp, np, ng int
	for _, ld := range dev {
		ld.scratch(s)
		r.tagNERDoc(ld.d.Sentences, s, nil)
		for _, se := range ld.d.Sentences {
			gold := r.mentions(ld.ner[se.First:se.Last], nil)
			pred := r.mentions(s.ner[se.First:se.Last], nil)
			np += len(pred)
			ng += len(gold)
			gi := 0
			for _, p := range pred {
				for gi < len(gold) && gold[gi].First < p.First {
					gi++
				}
				if gi < len(gold) && gold[gi] == p {
					tp++
				}
			}
		}
	}
	if np == 0 || ng == 0 || tp == 0 {
		return 0
	}
	p, rc := float64(tp)/float64(np), float64(tp)/float64(ng)
	return 2 * p * rc / (p + rc)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// trainDict derives the lexicon's dict from the labeled training data: forms seen at least
// 20 times that carry one POS tag at least 97% of the time, and forms seen at least 20 times
// never inside an entity.
func trainDict(docs []CoNLLDoc, posL []string) table[uint16] {
	pi := index(posL)
	type stat struct {
		n, ent int
		pos    map[int]int
	}
	stats := map[uint64]*stat{}
	var ti tokInfo
	var buf []byte
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, f := range s {
				if len(f) < 4 {
					continue
				}
				buf = analyze(f[0], &ti, buf)
				st := stats[ti.w]
				if st == nil {
					st = &stat{pos: map[int]int{}}
					stats[ti.w] = st
				}
				st.n++
				st.pos[pi[f[1]]]++
				if f[3] != "O" {
					st.ent++
				}
			}
		}
	}
	m := map[uint64]uint16{}
	for k, st := range stats {
		if st.n < 20 {
			continue
		}
		var v uint16
		best, bn := 0, 0
		for p, c := range st.pos {
			if c > bn || c == bn && p < best {
				best, bn = p, c
			}
		}
		if bn*100 >= st.n*97 {
			v = uint16(best + 1)
		}
		if st.ent == 0 {
			v |= dictO
		}
		if v != 0 {
			m[k] = v
		}
	}
	return newTable(m)
}
