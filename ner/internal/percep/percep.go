// Package percep is a multiclass averaged perceptron over hashed features, the learner behind
// the part-of-speech tagger, the chunker and the named-entity recogniser.
//
// A feature is a 64-bit hash (see Hash, Str, Join); a model maps each feature it knows to one
// weight per label, plus an optional label-transition matrix for Viterbi decoding. Training uses
// a Trainer (a Go map, updated online, averaged lazily); inference uses the compact Model it
// produces: an open-addressing table that is read-only and so safe for concurrent use.
package percep

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"sort"
)

// Hash mixes x into a well-distributed 64-bit value (the splitmix64 finaliser).
func Hash(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Join combines a template id with one or more values into one feature.
func Join(tmpl uint64, a uint64) uint64 { return Hash(tmpl*0x9E3779B97F4A7C15 ^ a) }

// Join2 combines a template id with two values.
func Join2(tmpl uint64, a, b uint64) uint64 {
	return Hash(Join(tmpl, a) ^ (b * 0xC2B2AE3D27D4EB4F))
}

// Str is the FNV-1a hash of s.
func Str(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Model is a trained, averaged perceptron: read-only, safe for concurrent use. Each feature's
// non-zero weights are stored sparsely (most features touch a few labels only).
type Model struct {
	Labels []string
	// Trans[(p+1)*L+y] is the weight of label y after label p; row 0 is the sentence start.
	// Empty for models decoded greedily.
	Trans []float32
	slots []slot // open addressing; key 0 marks an empty slot
	ents  []entry
	mask  uint64
	// shift makes a key's home slot its top bits (key >> shift): sorted keys then fill the
	// table in order, which keeps building it cache-friendly.
	shift uint
	nfeat int
}

type slot struct {
	key    uint64
	off, n uint32 // the feature's weights are ents[off:off+n]
}

type entry struct {
	w float32
	l uint32
}

// NumLabels returns the number of labels.
func (m *Model) NumLabels() int { return len(m.Labels) }

// NumFeatures returns the number of features with weights.
func (m *Model) NumFeatures() int { return m.nfeat }

// Density returns the share of non-zero weights.
func (m *Model) Density() float64 {
	return float64(len(m.ents)) / float64(max(1, m.nfeat*len(m.Labels)))
}

// Score adds the weights of features fs to scores (len(scores) == NumLabels()), in the order
// of fs.
func (m *Model) Score(fs []uint64, scores []float32) {
	if len(fs) > 1 && len(fs) <= maxBatch {
		m.scoreBatch(fs, scores)
		return
	}
	for _, f := range fs {
		if f == 0 {
			f = 1
		}
		for i := f >> m.shift; ; i = (i + 1) & m.mask {
			sl := &m.slots[i]
			if sl.key == f {
				for _, e := range m.ents[sl.off : sl.off+sl.n] {
					scores[e.l] += e.w
				}
				break
			}
			if sl.key == 0 {
				break
			}
		}
	}
}

const maxBatch = 64

// scoreBatch is Score in three passes, so that the cache misses of different features
// overlap: touch every feature's home slot (independent loads), find the slots and touch
// their first weights, then add the weights.
func (m *Model) scoreBatch(fs []uint64, scores []float32) {
	var x uint64
	for _, f := range fs {
		x += m.slots[f>>m.shift].key
	}
	var found [maxBatch]*slot
	nf := 0
	for _, f := range fs {
		if f == 0 {
			f = 1
		}
		for i := f >> m.shift; ; i = (i + 1) & m.mask {
			sl := &m.slots[i]
			if sl.key == f {
				if sl.n > 0 {
					x += uint64(m.ents[sl.off].l)
					found[nf] = sl
					nf++
				}
				break
			}
			if sl.key == 0 {
				break
			}
		}
	}
	if x == 1 {
		touched++
	}
	for _, sl := range found[:nf] {
		for _, e := range m.ents[sl.off : sl.off+sl.n] {
			scores[e.l] += e.w
		}
	}
}

// Prefetch touches the home slots of fs, so that scoring them soon after finds them in the
// cache (a sentence's features, before they are scored token by token).
func (m *Model) Prefetch(fs []uint64) {
	var x uint64
	for _, f := range fs {
		x += m.slots[f>>m.shift].key
	}
	if x == 1 {
		touched++
	}
}

// shiftFor returns the shift that maps a key to its home slot in a table of size slots (a
// power of two).
func shiftFor(size int) uint {
	return uint(64 - bits.TrailingZeros64(uint64(size)))
}

// touched keeps Score's first loop from being optimised away.
var touched int

// newModel builds a model from features and their dense weight rows (len(feats)*L).
func newModel(labels []string, feats []uint64, w []float32, trans []float32) *Model {
	L := len(labels)
	n := len(feats)
	size := 1
	for size < 2*n+2 {
		size <<= 1
	}
	m := &Model{Labels: labels, Trans: trans, slots: make([]slot, size), mask: uint64(size - 1), shift: shiftFor(size), nfeat: n}
	for r, f := range feats {
		if f == 0 {
			f = 1
		}
		off := uint32(len(m.ents))
		for j, v := range w[r*L : r*L+L] {
			if v != 0 {
				m.ents = append(m.ents, entry{v, uint32(j)})
			}
		}
		i := f >> m.shift
		for m.slots[i].key != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = slot{key: f, off: off, n: uint32(len(m.ents)) - off}
	}
	return m
}

// Trainer learns a Model online. It is not safe for concurrent use.
type Trainer struct {
	Labels  []string
	Viterbi bool
	idx     map[uint64]int32
	feats   []uint64
	w       []float32
	acc     []float64 // sum of c*delta, for lazy averaging
	trans   []float32
	tacc    []float64
	c       float64
}

// NewTrainer returns a trainer for the labels; viterbi adds a transition matrix.
func NewTrainer(labels []string, viterbi bool) *Trainer {
	t := &Trainer{Labels: labels, Viterbi: viterbi, idx: map[uint64]int32{}, c: 1}
	if viterbi {
		L := len(labels)
		t.trans = make([]float32, (L+1)*L)
		t.tacc = make([]float64, (L+1)*L)
	}
	return t
}

// Score adds the current (not averaged) weights of fs to scores.
func (t *Trainer) Score(fs []uint64, scores []float32) {
	L := len(t.Labels)
	for _, f := range fs {
		if f == 0 {
			f = 1
		}
		if r, ok := t.idx[f]; ok {
			row := t.w[int(r)*L : int(r)*L+L]
			for j, v := range row {
				scores[j] += v
			}
		}
	}
}

// Trans returns the current transition weights (nil without Viterbi).
func (t *Trainer) Trans() []float32 { return t.trans }

// Update adds delta to the weights of fs for label y.
func (t *Trainer) Update(fs []uint64, y int, delta float32) {
	L := len(t.Labels)
	for _, f := range fs {
		if f == 0 {
			f = 1
		}
		r, ok := t.idx[f]
		if !ok {
			r = int32(len(t.feats))
			t.idx[f] = r
			t.feats = append(t.feats, f)
			for j := 0; j < L; j++ {
				t.w = append(t.w, 0)
				t.acc = append(t.acc, 0)
			}
		}
		k := int(r)*L + y
		t.w[k] += delta
		t.acc[k] += t.c * float64(delta)
	}
}

// UpdateTrans adds delta to the transition weight p→y (p = -1 for the sentence start).
func (t *Trainer) UpdateTrans(p, y int, delta float32) {
	k := (p+1)*len(t.Labels) + y
	t.trans[k] += delta
	t.tacc[k] += t.c * float64(delta)
}

// Tick advances the averaging clock; call it once per training example.
func (t *Trainer) Tick() { t.c++ }

// Average returns the averaged model. Features whose averaged weights are all below minAbs in
// magnitude are dropped; weights are kept in feature-insertion order (deterministic).
func (t *Trainer) Average(minAbs float32) *Model {
	L := len(t.Labels)
	var feats []uint64
	var w []float32
	row := make([]float32, L)
	for r, f := range t.feats {
		keep := false
		for j := 0; j < L; j++ {
			k := r*L + j
			v := float32(float64(t.w[k]) - t.acc[k]/t.c)
			if v < minAbs && v > -minAbs {
				v = 0
			} else {
				keep = true
			}
			row[j] = v
		}
		if keep {
			feats = append(feats, f)
			w = append(w, row...)
		}
	}
	var trans []float32
	if t.trans != nil {
		trans = make([]float32, len(t.trans))
		for k := range trans {
			trans[k] = float32(float64(t.trans[k]) - t.tacc[k]/t.c)
		}
	}
	return newModel(t.Labels, feats, w, trans)
}

// Greedy returns the best label for the scores.
func Greedy(scores []float32) int {
	best := 0
	for j, v := range scores {
		if v > scores[best] {
			best = j
		}
	}
	return best
}

// Impossible is an emission score that rules a label out (Viterbi skips it).
const Impossible = -1e9

// Viterbi finds the best label sequence for emission scores em (n rows of L) and the
// transition matrix trans ((L+1)*L, row 0 = the sentence start). allowed, when not nil, has the
// same layout and forbids the transitions that are false. It writes the labels to out (len n);
// back (n*L) and work (2*L) are scratch space.
func Viterbi(em []float32, L int, trans []float32, allowed []bool, back []int16, work []float32, out []int) {
	n := len(out)
	if n == 0 {
		return
	}
	const neg = -1e30
	prev, cur := work[:L], work[L:2*L]
	for y := 0; y < L; y++ {
		if allowed != nil && !allowed[y] {
			prev[y] = neg
			continue
		}
		prev[y] = em[y] + trans[y]
	}
	for i := 1; i < n; i++ {
		for y := 0; y < L; y++ {
			if em[i*L+y] <= Impossible {
				cur[y] = neg // a label the caller ruled out
				back[i*L+y] = 0
				continue
			}
			best, arg := float32(neg), 0
			for p := 0; p < L; p++ {
				k := (p+1)*L + y
				if allowed != nil && !allowed[k] {
					continue
				}
				if s := prev[p] + trans[k]; s > best {
					best, arg = s, p
				}
			}
			cur[y] = best + em[i*L+y]
			back[i*L+y] = int16(arg)
		}
		prev, cur = cur, prev
	}
	best := 0
	for y := 1; y < L; y++ {
		if prev[y] > prev[best] {
			best = y
		}
	}
	out[n-1] = best
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i*L+out[i]])
	}
}

const magic = "PCP2"

// WriteTo writes m in a compact binary form: features sorted by key, each with its non-zero
// weights quantised to integers with a float32 scale per feature.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf []byte
	buf = append(buf, magic...)
	buf = binary.AppendUvarint(buf, uint64(len(m.Labels)))
	for _, l := range m.Labels {
		buf = binary.AppendUvarint(buf, uint64(len(l)))
		buf = append(buf, l...)
	}
	buf = binary.AppendUvarint(buf, uint64(len(m.Trans)))
	for _, v := range m.Trans {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
	}
	var ss []slot
	for _, sl := range m.slots {
		if sl.key != 0 {
			ss = append(ss, sl)
		}
	}
	sort.Slice(ss, func(a, b int) bool { return ss[a].key < ss[b].key })
	buf = binary.AppendUvarint(buf, uint64(len(ss)))
	var prev uint64
	for _, sl := range ss {
		buf = binary.AppendUvarint(buf, sl.key-prev)
		prev = sl.key
	}
	for _, sl := range ss {
		row := m.ents[sl.off : sl.off+sl.n]
		buf = binary.AppendUvarint(buf, uint64(len(row)))
		var mx float32
		for _, e := range row {
			if a := float32(math.Abs(float64(e.w))); a > mx {
				mx = a
			}
		}
		scale := mx / 32767
		if scale == 0 {
			scale = 1
		}
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(scale))
		for _, e := range row {
			buf = binary.AppendUvarint(buf, uint64(e.l))
			buf = binary.AppendVarint(buf, int64(math.Round(float64(e.w/scale))))
		}
	}
	n, err := w.Write(buf)
	return int64(n), err
}

// ErrFormat reports a model file that cannot be read.
var ErrFormat = errors.New("percep: bad model format")

// Read reads a model written by WriteTo from the start of data and returns the rest.
func Read(data []byte) (*Model, []byte, error) {
	if len(data) < 4 || string(data[:4]) != magic {
		return nil, nil, ErrFormat
	}
	p := data[4:]
	bad := false
	uv := func() uint64 {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			bad = true
			return 0
		}
		p = p[n:]
		return v
	}
	L64 := uv()
	if bad || L64 == 0 || L64 > 1000 {
		return nil, nil, ErrFormat
	}
	L := int(L64)
	labels := make([]string, L)
	for i := range labels {
		n := uv()
		if bad || n > uint64(len(p)) {
			return nil, nil, ErrFormat
		}
		labels[i] = string(p[:n])
		p = p[n:]
	}
	nt64 := uv()
	if bad || nt64 > uint64(len(p))/4 {
		return nil, nil, ErrFormat
	}
	nt := int(nt64)
	var trans []float32
	if nt > 0 {
		trans = make([]float32, nt)
		for i := range trans {
			trans[i] = math.Float32frombits(binary.LittleEndian.Uint32(p[4*i:]))
		}
		p = p[4*nt:]
	}
	nf64 := uv()
	if bad || nf64 > uint64(len(p)) {
		return nil, nil, ErrFormat
	}
	nf := int(nf64)
	size := 1
	for size < nf+nf/3+2 {
		size <<= 1
	}
	m := &Model{Labels: labels, Trans: trans, slots: make([]slot, size), mask: uint64(size - 1), shift: shiftFor(size), nfeat: nf}
	keys := make([]uint64, nf)
	var prev uint64
	for i := range keys {
		prev += uv()
		keys[i] = prev
	}
	m.ents = make([]entry, 0, nf*4)
	w := p // the weights, decoded here without the closure (the bulk of the file)
	for _, k := range keys {
		n64, c := binary.Uvarint(w)
		if c <= 0 || n64 > uint64(L) || len(w) < c+4 {
			return nil, nil, ErrFormat
		}
		n := int(n64)
		scale := math.Float32frombits(binary.LittleEndian.Uint32(w[c:]))
		w = w[c+4:]
		off := uint32(len(m.ents))
		for j := 0; j < n; j++ {
			var l uint64
			if len(w) > 0 && w[0] < 0x80 {
				l, w = uint64(w[0]), w[1:]
			} else {
				l, c = binary.Uvarint(w)
				if c <= 0 {
					return nil, nil, fmt.Errorf("%w: truncated weights", ErrFormat)
				}
				w = w[c:]
			}
			q, c := binary.Varint(w)
			if c <= 0 || l >= uint64(L) {
				return nil, nil, fmt.Errorf("%w: truncated weights", ErrFormat)
			}
			w = w[c:]
			m.ents = append(m.ents, entry{float32(q) * scale, uint32(l)})
		}
		if k == 0 {
			return nil, nil, ErrFormat
		}
		i := k >> m.shift
		for m.slots[i].key != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = slot{key: k, off: off, n: uint32(len(m.ents)) - off}
	}
	p = w
	return m, p, nil
}

// Bytes is the FNV-1a hash of b (equal to Str(string(b))).
func Bytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
