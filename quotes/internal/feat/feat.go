// Package feat holds what the quotes extractor and its training command must agree on: the
// token view the learned models see, the feature templates, the hashing of features into a
// weight table, and the model file format.
package feat

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Token classes: what a neighbour of a candidate token looks like.
const (
	ClsNone   uint8 = iota // outside the sentence
	ClsLower               // lower-case word
	ClsCap                 // capitalised word
	ClsUpper               // all capitals
	ClsNum                 // number
	ClsPron                // personal pronoun (he, she, they, I, we, you, it)
	ClsThat                // "that"
	ClsComma               // ,
	ClsColon               // :
	ClsStop                // . ! ? …
	ClsOpenQ               // opening quote mark
	ClsCloseQ              // closing quote mark
	ClsDash                // - – —
	ClsParen               // ( ) [ ]
	ClsOther               // other punctuation or symbol
	ClsAux                 // has have had will would is was are were does did do
	ClsDet                 // the a an this his her their its
	ClsPrep                // in on at of for to with from by about
	NumCls
)

// Tok is the view of a token the models see.
type Tok struct {
	W    uint64 // hash of the lower-cased form
	Suf  uint64 // hash of the last three letters of the lower-cased form
	Stem uint64 // hash of the lower-cased form without an inflection (-s, -es, -ed, -ing)
	Cls  uint8  // class (Cls…)
	POS  uint64 // hash of the part-of-speech tag, NoPOS when the token has none
	InQ  bool   // inside a top-level quotation, marks included
	Head bool   // in the first paragraph (the headline)
}

// NoPOS is Tok.POS for an untagged token.
const NoPOS = 0x9E37

// Hash returns the FNV-1a hash of s with ASCII letters lower-cased.
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// Stem returns s lower-cased (ASCII) without a final inflection: "criticized", "criticizes"
// and "criticizing" share "criticiz"; short words stay whole.
func Stem(s string) string {
	n := len(s)
	switch {
	case n > 5 && hasSuffixFold(s, "ing"):
		return s[:n-3]
	case n > 4 && hasSuffixFold(s, "ed"):
		return s[:n-2]
	case n > 4 && hasSuffixFold(s, "es"):
		return s[:n-2]
	case n > 3 && hasSuffixFold(s, "s") && !hasSuffixFold(s, "ss"):
		return s[:n-1]
	case n > 4 && hasSuffixFold(s, "e"):
		return s[:n-1]
	}
	return s
}

func hasSuffixFold(s, suf string) bool {
	if len(s) < len(suf) {
		return false
	}
	t := s[len(s)-len(suf):]
	for i := 0; i < len(suf); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != suf[i] {
			return false
		}
	}
	return true
}

// mix combines a template id and two values into one well-spread hash.
func mix(t uint64, a, b uint64) uint64 {
	h := t*0x9E3779B97F4A7C15 ^ a
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= b + 0x94D049BB133111EB
	h ^= h >> 29
	h *= 0x94D049BB133111EB
	h ^= h >> 32
	return h
}

// Sentence context for feature extraction: toks[i] is the candidate, [lo, hi) its sentence.
type Context struct {
	Toks   []Tok
	Lo, Hi int
	// SentQuote reports whether the sentence holds a quotation.
	SentQuote bool
}

func (c *Context) w(i int) uint64 {
	if i < c.Lo || i >= c.Hi {
		return 0x5EED
	}
	return c.Toks[i].W
}

func (c *Context) pos(i int) uint64 {
	if i < c.Lo || i >= c.Hi {
		return 0xB0B
	}
	return c.Toks[i].POS
}

func (c *Context) cls(i int) uint64 {
	if i < c.Lo || i >= c.Hi {
		return uint64(ClsNone)
	}
	return uint64(c.Toks[i].Cls)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// CueFeatures appends the hashed features of the cue classifier for token i to out.
func CueFeatures(c *Context, i int, out []uint64) []uint64 {
	t := &c.Toks[i]
	w := t.W
	first := uint64(i - c.Lo)
	if first > 3 {
		first = 3
	}
	// A subject just before: a pronoun or a name within three tokens, no punctuation between.
	subj := uint64(0)
	for k := i - 1; k >= c.Lo && k >= i-3; k-- {
		cl := c.Toks[k].Cls
		if cl == ClsPron || cl == ClsCap || cl == ClsUpper {
			subj = 1
			break
		}
		if cl != ClsLower && cl != ClsAux && cl != ClsDet {
			break
		}
	}
	out = append(out,
		mix(1, 0, 0), // bias
		mix(2, w, 0),
		mix(3, c.w(i-1), w),
		mix(4, w, c.w(i+1)),
		mix(5, w, c.cls(i-1)),
		mix(6, w, c.cls(i+1)),
		mix(7, c.cls(i-1)<<8|c.cls(i+1), uint64(t.Cls)),
		mix(8, t.Suf, 0),
		mix(9, w, b2u(t.InQ)),
		mix(10, c.w(i-2), w),
		mix(11, w, c.w(i+2)),
		mix(12, w, first),
		mix(13, w, b2u(c.SentQuote)),
		mix(14, w, c.cls(i-2)<<8|c.cls(i-1)),
		mix(15, t.Suf, c.cls(i+1)),
		mix(16, t.Suf, c.cls(i-1)),
		mix(17, w, c.cls(i+1)<<8|c.cls(i+2)),
		mix(18, w, b2u(t.Head)),
		mix(19, t.Suf, b2u(t.InQ)<<1|b2u(c.SentQuote)),
		mix(20, uint64(t.Cls), b2u(t.InQ)),
		mix(21, t.POS, 0),
		mix(22, c.pos(i-1), t.POS),
		mix(23, t.POS, c.pos(i+1)),
		mix(24, t.POS, c.cls(i+1)),
		mix(25, t.POS, w),
		mix(26, t.Stem, 0),
		mix(27, t.Stem, c.cls(i+1)),
		mix(28, c.cls(i-1), t.Stem),
		mix(29, t.Stem, c.pos(i+1)),
		mix(30, c.pos(i-1)<<1^t.POS, c.pos(i+1)),
		mix(31, t.Stem, subj),
		mix(32, t.POS, subj),
	)
	return out
}

// SourceFeatures appends the hashed features of the source-walk classifier: is token j part of
// the source of the cue whose nearest token is cue and whose main word is head, given that
// every token between j and cue already is? left says whether j lies before the cue (walking
// left) or after it (walking right).
func SourceFeatures(c *Context, j, cue, head int, left bool, out []uint64) []uint64 {
	t := &c.Toks[j]
	dir, step := uint64(100), -1
	if !left {
		dir, step = 200, 1
	}
	dist := j - cue
	if dist < 0 {
		dist = -dist
	}
	if dist > 6 {
		dist = 6 + (dist-6)/4
		if dist > 9 {
			dist = 9
		}
	}
	cw := c.Toks[head].W
	out = append(out,
		mix(dir+1, 0, 0),
		mix(dir+2, t.W, 0),
		mix(dir+3, t.Suf, uint64(t.Cls)),
		mix(dir+4, uint64(t.Cls), uint64(dist)),
		mix(dir+5, t.W, c.cls(j+step)),
		mix(dir+6, c.cls(j+step)<<8|c.cls(j-step), uint64(t.Cls)),
		mix(dir+7, t.W, uint64(dist)),
		mix(dir+8, cw, uint64(t.Cls)),
		mix(dir+9, t.W, c.w(j+step)),
		mix(dir+10, c.cls(j+step)<<16|c.cls(j+2*step)<<8, uint64(t.Cls)),
		mix(dir+11, t.W, b2u(j == c.Lo || j == c.Hi-1)),
		mix(dir+12, t.W, c.w(j-step)),
		mix(dir+13, t.POS, uint64(dist)),
		mix(dir+14, t.POS, c.pos(j+step)),
		mix(dir+15, t.POS, c.pos(j-step)),
	)
	return out
}

// EndFeatures appends the hashed features of the content-end walk: does the content that
// starts at token start (after the cue whose last token is cue) end before token j, given that
// it did not end earlier? commas counts the commas outside quotations passed so far.
func EndFeatures(c *Context, j, start, cue, commas int, out []uint64) []uint64 {
	t := &c.Toks[j]
	dist := j - start
	switch {
	case dist > 24:
		dist = 7
	case dist > 16:
		dist = 6
	case dist > 10:
		dist = 5
	case dist > 6:
		dist = 4
	}
	if commas > 2 {
		commas = 2
	}
	last := b2u(j+1 >= c.Hi || j+2 >= c.Hi && c.Toks[j+1].Cls == ClsStop)
	cw := c.Toks[cue].W
	inq := b2u(t.InQ)<<1 | b2u(j > 0 && c.Toks[j-1].InQ)
	out = append(out,
		mix(301, 0, 0),
		mix(302, t.W, 0),
		mix(303, uint64(t.Cls), uint64(dist)),
		mix(304, t.W, c.w(j+1)),
		mix(305, c.w(j-1), t.W),
		mix(306, c.cls(j-1)<<16|uint64(t.Cls)<<8|c.cls(j+1), 0),
		mix(307, cw, uint64(t.Cls)),
		mix(308, t.W, uint64(commas)),
		mix(309, t.W, last),
		mix(310, uint64(t.Cls), inq),
		mix(311, c.w(j+1), uint64(t.Cls)),
		mix(312, c.cls(j+1)<<8|c.cls(j+2), t.W),
		mix(313, t.W, uint64(dist)),
		mix(314, t.Suf, uint64(t.Cls)),
		mix(315, c.Toks[j+0].Suf, c.cls(j-1)),
		mix(316, t.POS, uint64(dist)),
		mix(317, c.pos(j-1), t.POS),
		mix(318, t.POS, c.pos(j+1)),
		mix(319, t.POS, uint64(commas)),
		mix(320, c.w(j+1), c.w(j+2)),
		mix(321, t.W, c.pos(j+1)<<1^c.pos(j+2)),
		mix(322, c.pos(j+1), c.cls(j+2)),
	)
	return out
}

// Model is a linear model over hashed features: score = Σ W[h >> Shift].
type Model struct {
	Bits uint
	W    []float32
}

// NewModel returns a zero model with 2^bits weights.
func NewModel(bits uint) *Model {
	return &Model{Bits: bits, W: make([]float32, 1<<bits)}
}

// Index returns the weight index of feature hash h.
func (m *Model) Index(h uint64) int { return int(h >> (64 - m.Bits)) }

// Score returns the sum of the weights of the features.
func (m *Model) Score(fs []uint64) float32 {
	var s float32
	shift := 64 - m.Bits
	for _, h := range fs {
		s += m.W[h>>shift]
	}
	return s
}

// Prob is the logistic function of the score.
func Prob(score float32) float64 { return 1 / (1 + math.Exp(-float64(score))) }

const magic = "CHQM1"

// Write writes the model: magic, bits, then the non-zero weights as (index delta, value) pairs,
// in gzip format without compression (the weights compress by a tenth only, which took as
// long to inflate as the rest of loading).
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { n := binary.PutUvarint(buf[:], v); bw.Write(buf[:n]) }
	put(uint64(m.Bits))
	nz := 0
	for _, v := range m.W {
		if v != 0 {
			nz++
		}
	}
	put(uint64(nz))
	last := 0
	for i, v := range m.W {
		if v == 0 {
			continue
		}
		put(uint64(i - last))
		last = i
		binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(v))
		bw.Write(buf[:4])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("feat.Model.Write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("feat.Model.Write: %w", err)
	}
	return nil
}

// ReadModel reads a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("feat.ReadModel: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("feat.ReadModel: %w", err)
	}
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("feat.ReadModel: not a quotes model (bad magic)")
	}
	p := data[len(magic):]
	bits, n := binary.Uvarint(p)
	if n <= 0 || bits < 8 || bits > 28 {
		return nil, fmt.Errorf("feat.ReadModel: bad size")
	}
	p = p[n:]
	m := NewModel(uint(bits))
	nz, n := binary.Uvarint(p)
	if n <= 0 {
		return nil, fmt.Errorf("feat.ReadModel: %w", io.ErrUnexpectedEOF)
	}
	p = p[n:]
	idx := 0
	for k := uint64(0); k < nz; k++ {
		d, n := binary.Uvarint(p)
		if n <= 0 || len(p) < n+4 {
			return nil, fmt.Errorf("feat.ReadModel: %w", io.ErrUnexpectedEOF)
		}
		idx += int(d)
		if d >= uint64(len(m.W)) || idx >= len(m.W) {
			return nil, fmt.Errorf("feat.ReadModel: index out of range")
		}
		m.W[idx] = math.Float32frombits(binary.LittleEndian.Uint32(p[n:]))
		p = p[n+4:]
	}
	return m, nil
}
