// Package ner tags tokens with parts of speech (Penn Treebank tags), chunks (CoNLL-2000 style,
// IOB2) and named entities (CoNLL-2003 types PER, LOC, ORG, MISC, IOB2).
//
// The three taggers are averaged perceptrons over hashed features (word forms, shapes, affixes,
// word clusters and capitalisation statistics learned from unlabeled news, gazetteers of
// countries, cities, organisations and leaders, and document-level label hints); POS and chunk
// tags are decoded greedily, entities with Viterbi. Everything they need is one embedded model
// file, model.bin.gz, produced by `chronicle train ner` (see Train).
package ner

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"sync"

	"chronicle/ner/internal/percep"
	"chronicle/text"
)

// Version identifies the taggers and their model; it changes whenever their output may.
const Version = "ner-0.1"

//go:embed model.bin.gz
var embedded []byte

// Recognizer tags documents. It is read-only after loading and safe for concurrent use.
type Recognizer struct {
	lex        *Lexicon
	pos, chunk *percep.Model
	ner        *percep.Model
	// The scorers and label sets the taggers use: the models above, or trainers in training.
	posM, chunkM, nerM scorer
	posL, chunkL, nerL []string
	trans              []float32
	nerTypes           []string // per NER label: "" for O, else the type
	nerType            []int    // per NER label: 0 for O, 1.. for PER LOC ORG MISC
	nerBegin           []bool
	allowed            []bool // IOB2 transitions, (L+1)*L as percep.Viterbi wants
	dense              denseTables
	free               chan *scratch
}

var (
	defaultOnce sync.Once
	defaultRec  *Recognizer
	defaultErr  error
)

// Default returns the recogniser with the embedded model, loaded once.
func Default() (*Recognizer, error) {
	defaultOnce.Do(func() {
		defaultRec, defaultErr = Load(bytes.NewReader(embedded))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("ner.Default: embedded model: %w", defaultErr)
		}
	})
	return defaultRec, defaultErr
}

const fileMagic = "CHRNER2\n"

// Load reads a model file (gzip format, as written by WriteModel; compressed or not).
func Load(r io.Reader) (*Recognizer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner.Load: %w", err)
	}
	var buf bytes.Buffer
	if br, ok := r.(*bytes.Reader); ok && br.Size() >= 4 {
		// Room for the whole model (the gzip trailer's size), not doubling steps.
		var tail [4]byte
		if _, err := br.ReadAt(tail[:], br.Size()-4); err == nil {
			buf.Grow(int(binary.LittleEndian.Uint32(tail[:])) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("ner.Load: %w", err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte(fileMagic)) {
		return nil, fmt.Errorf("ner.Load: not a chronicle NER model")
	}
	p := data[len(fileMagic):]
	lx, p, err := decodeLexicon(p)
	if err != nil {
		return nil, fmt.Errorf("ner.Load: %w", err)
	}
	var ms [3]*percep.Model
	for i := range ms {
		ms[i], p, err = percep.Read(p)
		if err != nil {
			return nil, fmt.Errorf("ner.Load: model %d: %w", i, err)
		}
	}
	return newRecognizer(lx, ms[0], ms[1], ms[2]), nil
}

func newRecognizer(lx *Lexicon, pos, chunk, nerm *percep.Model) *Recognizer {
	// Working memory (with its word caches) is kept for as many concurrent callers as cores.
	r := &Recognizer{lex: lx, pos: pos, chunk: chunk, ner: nerm, free: make(chan *scratch, max(2, runtime.GOMAXPROCS(0)))}
	r.posM, r.chunkM, r.nerM = pos, chunk, nerm
	r.posL, r.chunkL, r.trans = pos.Labels, chunk.Labels, nerm.Trans
	r.setNERLabels(nerm.Labels)
	r.buildDense()
	return r
}

// entityTypes are the CoNLL-2003 types, in the order of the document hint features.
var entityTypes = [...]string{"PER", "LOC", "ORG", "MISC"}

func (r *Recognizer) setNERLabels(labels []string) {
	r.nerL = labels
	r.nerTypes, r.nerType, r.nerBegin = nil, nil, nil
	for _, l := range labels {
		if l == "O" {
			r.nerTypes = append(r.nerTypes, "")
			r.nerType = append(r.nerType, 0)
			r.nerBegin = append(r.nerBegin, false)
			continue
		}
		r.nerTypes = append(r.nerTypes, l[2:])
		k := 0
		for j, t := range entityTypes {
			if t == l[2:] {
				k = j + 1
			}
		}
		r.nerType = append(r.nerType, k)
		r.nerBegin = append(r.nerBegin, l[0] == 'B')
	}
	L := len(labels)
	r.allowed = make([]bool, (L+1)*L)
	for p := -1; p < L; p++ {
		for y, l := range labels {
			ok := true
			if l[0] == 'I' {
				ok = p >= 0 && labels[p] != "O" && labels[p][2:] == l[2:]
			}
			r.allowed[(p+1)*L+y] = ok
		}
	}
}

// WriteModel writes r's model file: gzip format with the data stored uncompressed. Most of it is
// hashes and weights that compress little (7.1 MB stored, 5.1 compressed), and inflating them
// took longer than the rest of loading (about 45 ms of every process).
func (r *Recognizer) WriteModel(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return err
	}
	buf := []byte(fileMagic)
	buf = r.lex.encode(buf)
	var b bytes.Buffer
	b.Write(buf)
	for _, m := range []*percep.Model{r.pos, r.chunk, r.ner} {
		if _, err := m.WriteTo(&b); err != nil {
			return err
		}
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return fmt.Errorf("ner.WriteModel: %w", err)
	}
	return zw.Close()
}

// scratch is per-call working memory.
type scratch struct {
	ts                 []tokInfo
	buf                []byte
	fs                 []uint64
	offs               []int
	scores             []float32
	em                 []float32
	back               []int16
	work               []float32
	pos                []int
	chunk              []int
	ner                []int
	hist               map[uint64][5]int16
	posCache, nerCache wordCache
	woffs              []int
	emDoc              []float32
	hint1              []uint8
	pass1              []int
	// TagBatch's tokens, tags and chunks of all its documents.
	bts          []tokInfo
	bpos, bchunk []int
}

// getScratch takes working memory from the free list (kept outside sync.Pool so that the
// word caches survive garbage collections), or makes new.
func (r *Recognizer) getScratch() *scratch {
	select {
	case s := <-r.free:
		return s
	default:
		return &scratch{}
	}
}

func (r *Recognizer) putScratch(s *scratch) {
	select {
	case r.free <- s:
	default:
	}
}

func growInts(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// Tag sets the POS, Chunk and NER tags of every token of d and replaces d.Mentions with the
// entity mentions found, in text order. Tokens outside every sentence are tagged as one
// sentence.
func (r *Recognizer) Tag(d *text.Doc) {
	n := len(d.Tokens)
	d.Mentions = d.Mentions[:0]
	if n == 0 {
		return
	}
	s := r.getScratch()
	defer r.putScratch(s)
	sents := sentences(d)
	r.prepare(d, sents, s)
	s.pos = growInts(s.pos, n)
	s.chunk = growInts(s.chunk, n)
	s.ner = growInts(s.ner, n)
	clear(s.pos) // tokens outside every sentence get the first labels (NER: O)
	clear(s.chunk)
	clear(s.ner)
	for _, se := range sents {
		a, b := se.First, se.Last
		if a >= b {
			continue
		}
		ts := s.ts[a:b]
		r.tagPOS(ts, s.pos[a:b], s)
		r.tagChunk(ts, s.pos[a:b], s.chunk[a:b], s)
	}
	r.tagNERDoc(sents, s, nil)
	r.setLabels(d, s)
}

// sentences returns d's sentences, or all of its tokens as one sentence when it has none.
func sentences(d *text.Doc) []text.Sentence {
	if len(d.Sentences) == 0 {
		return []text.Sentence{{First: 0, Last: len(d.Tokens)}}
	}
	return d.Sentences
}

// setLabels writes the labels of s (the POS, chunk and NER labels of d's tokens) into d's
// tokens and replaces d.Mentions with the entity mentions they make.
func (r *Recognizer) setLabels(d *text.Doc, s *scratch) {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		t.POS = r.posL[s.pos[i]]
		t.Chunk = r.chunkL[s.chunk[i]]
		t.NER = r.nerL[s.ner[i]]
	}
	d.Mentions = r.mentions(s.ner[:len(d.Tokens)], d.Mentions)
}

// mentions turns IOB2 label indexes into mentions.
func (r *Recognizer) mentions(labels []int, out []text.Mention) []text.Mention {
	start, typ := -1, ""
	for i, l := range labels {
		t := r.nerTypes[l]
		if start >= 0 && (t != typ || r.nerBegin[l]) {
			out = append(out, text.Mention{First: start, Last: i, Type: typ})
			start = -1
		}
		if t != "" && start < 0 {
			start, typ = i, t
		}
	}
	if start >= 0 {
		out = append(out, text.Mention{First: start, Last: len(labels), Type: typ})
	}
	return out
}

// prepare analyses every token of d into s.ts and marks sentence starts and gazetteer matches.
func (r *Recognizer) prepare(d *text.Doc, sents []text.Sentence, s *scratch) {
	n := len(d.Tokens)
	if cap(s.ts) < n {
		s.ts = make([]tokInfo, n)
	}
	s.ts = s.ts[:n]
	for i := range d.Tokens {
		tok := d.Tok(i)
		s.buf = analyze(tok, &s.ts[i], s.buf)
		r.lex.lookup(&s.ts[i], tok, s.buf)
	}
	for _, se := range sents {
		if se.First >= se.Last {
			continue
		}
		ts := s.ts[se.First:se.Last]
		for i := range ts {
			if ts[i].flags&fPunct == 0 {
				ts[i].flags |= fInitial
				break
			}
		}
		for i := 1; i < len(ts); i++ {
			switch d.Tok(se.First + i - 1) {
			case "\"", "\u201c", "``", "'", "\u2018", ":":
				ts[i].flags |= fQuoteInit
			}
		}
		r.lex.matchGaz(ts)
	}
}

// isCaps reports whether a sentence is written in capitals (a headline).
func isCaps(ts []tokInfo) bool {
	alpha, upper := 0, 0
	for i := range ts {
		f := ts[i].flags
		if f&fAlpha == 0 {
			continue
		}
		alpha++
		if f&fUpper != 0 {
			upper++
		}
	}
	return alpha >= 2 && upper*10 >= alpha*8
}

type scorer interface {
	Score(fs []uint64, scores []float32)
}

func (r *Recognizer) tagPOS(ts []tokInfo, out []int, s *scratch) {
	m, L := r.posM, len(r.posL)
	if cap(s.scores) < 64 {
		s.scores = make([]float32, 64)
	}
	if pm, ok := m.(*percep.Model); ok && pm == r.dense.posFor {
		// Cached single-word features plus the contextual ones.
		s.posCache.reset(pm, 3*L)
		s.woffs, s.fs = wordOffsets(&s.posCache, pm, L, 1, ts, 0, s.woffs, s.fs, posUnaryCaps, false)
		// The features that do not depend on the previous tag, prefetched together: token i's
		// are s.fs[3i:3i+3] (the shape one of posHashed, posUnary at -2 and at 2).
		s.fs = s.fs[:0]
		for i := range ts {
			n := len(s.fs)
			s.fs = posHashed(s.fs, &ts[i], 0)
			s.fs[n] = s.fs[n+1]
			s.fs = s.fs[:n+1]
			s.fs = posUnary(s.fs, at(ts, i-2), -2)
			s.fs = posUnary(s.fs, at(ts, i+2), 2)
		}
		pm.Prefetch(s.fs)
		var fs [4]uint64
		for i := range ts {
			if d := ts[i].dict & 0xff; d != 0 {
				out[i] = int(d) - 1 // a form the training data tags one way
				continue
			}
			sc := s.scores[:L]
			p1, p2 := 0, 0
			if i > 0 {
				p1 = out[i-1] + 1
			}
			if i > 1 {
				p2 = out[i-2] + 1
			}
			// The word scores at -1, 0, 1, then the dense ones, summed as the model would add them.
			dt, c := &r.dense, &s.posCache
			sum4(sc, c.word(L, 1, s.woffs, i, -1), c.word(L, 1, s.woffs, i+1, 0), c.word(L, 1, s.woffs, i+2, 1), dt.posBias.at(0, 0))
			add3(sc, dt.tagm1.at(p1, 0), dt.tagm2.at(p2, 0), dt.tagm12.at(p1, p2))
			// posHashed, posUnary at -2 and at 2, in that order.
			fs[0] = posHashed(fs[:0], &ts[i], uint64(p1))[0]
			copy(fs[1:], s.fs[3*i:3*i+3])
			pm.Score(fs[:], sc)
			out[i] = percep.Greedy(sc)
		}
		return
	}
	for i := range ts {
		s.fs = posFeatures(s.fs[:0], ts, i, out)
		sc := s.scores[:L]
		clear(sc)
		m.Score(s.fs, sc)
		out[i] = percep.Greedy(sc)
	}
}

func posUnaryCaps(fs []uint64, t *tokInfo, k int, _ bool) []uint64 { return posUnary(fs, t, k) }

func (r *Recognizer) tagChunk(ts []tokInfo, pos, out []int, s *scratch) {
	m, L := r.chunkM, len(r.chunkL)
	if cap(s.scores) < 64 {
		s.scores = make([]float32, 64)
	}
	if cm, ok := m.(*percep.Model); ok && cm == r.dense.chunkFor {
		// No word cache here: each word contributes one feature per offset, so scoring the
		// three word features directly adds the same numbers in the same order as summing
		// cached vectors would, and the model is smaller than such a cache. Token i's word
		// features (chunkUnary at -1, 0, 1) are s.fs[4i:4i+3] and its word-and-tag feature
		// (chunkHashed) s.fs[4i+3], all prefetched together.
		s.fs = s.fs[:0]
		for i := range ts {
			for k := -1; k <= 1; k++ {
				s.fs = chunkUnary(s.fs, at(ts, i+k), k, false)
			}
			s.fs = chunkHashed(s.fs, ts, i, pos)
		}
		cm.Prefetch(s.fs)
		for i := range ts {
			sc := s.scores[:L]
			np := len(r.posL)
			pm2, pm1, p0, pp1, pp2 := posIdx(pos, i-2, np), posIdx(pos, i-1, np), posIdx(pos, i, np), posIdx(pos, i+1, np), posIdx(pos, i+2, np)
			c1, c2 := 0, 0
			if i > 0 {
				c1 = out[i-1] + 1
			}
			if i > 1 {
				c2 = out[i-2] + 1
			}
			// The word features, the dense templates in order, the word-and-tag feature.
			dt := &r.dense
			clear(sc)
			cm.Score(s.fs[4*i:4*i+3], sc)
			add4(sc, dt.chunkBias.at(0, 0), dt.cpos.at(p0, 0), dt.cposm1.at(pm1, 0), dt.cposp1.at(pp1, 0))
			add4(sc, dt.cposm2.at(pm2, 0), dt.cposp2.at(pp2, 0), dt.cposm1pos.at(pm1, p0), dt.cposposp1.at(p0, pp1))
			add4(sc, dt.chunkm1.at(c1, 0), dt.chunkm1pos.at(c1, p0), dt.chunkm12.at(c1, c2), dt.chunkm1posp1.at(c1, pp1))
			cm.Score(s.fs[4*i+3:4*i+4], sc)
			out[i] = percep.Greedy(sc)
		}
		return
	}
	for i := range ts {
		s.fs = chunkFeatures(s.fs[:0], ts, i, pos, out)
		sc := s.scores[:L]
		clear(sc)
		m.Score(s.fs, sc)
		out[i] = percep.Greedy(sc)
	}
}
