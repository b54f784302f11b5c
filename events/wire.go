package events

import (
	"encoding/binary"
	"errors"

	"chronicle/petrarch"
)

// The compact form's own encoding of a wireDict (after wireMagic): varints, strings as a
// length and bytes, slices as a length and elements. Decoding it takes a fraction of the time
// gob took (no reflection; the strings are slices of one copy of the data and the id slices
// of a few large arrays), and it needs no compression.

const wireMagic = "CHEVDICT2\n"

type wireWriter struct{ b []byte }

func (w *wireWriter) uv(x uint64)  { w.b = binary.AppendUvarint(w.b, x) }
func (w *wireWriter) i32(x int32)  { w.b = binary.AppendVarint(w.b, int64(x)) }
func (w *wireWriter) str(s string) { w.uv(uint64(len(s))); w.b = append(w.b, s...) }
func (w *wireWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *wireWriter) i32s(xs []int32) {
	w.uv(uint64(len(xs)))
	for _, x := range xs {
		w.i32(x)
	}
}

func (w *wireWriter) strs(ss []string) {
	w.uv(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *wireWriter) bools(bs []bool) {
	w.uv(uint64(len(bs)))
	for _, b := range bs {
		w.bool(b)
	}
}

func (w *wireWriter) code(c petrarch.Code) { w.str(c.Main); w.str(c.Reverse) }

func (w *wireWriter) trie(t *wireTrie) {
	w.i32s(t.Root)
	w.i32s(t.Kids)
	w.i32s(t.Val)
	w.uv(uint64(len(t.Keys)))
	var prev uint64
	for _, k := range t.Keys {
		w.uv(k - prev) // sorted
		prev = k
	}
}

func (w *wireWriter) elems(es []wireElem) {
	w.uv(uint64(len(es)))
	for _, e := range es {
		w.uv(uint64(e.Kind))
		w.i32s(e.IDs)
		w.i32(e.Syn)
		w.bool(e.Joined)
	}
}

// encodeWire returns the encoding of wd after wireMagic.
func encodeWire(wd *wireDict) []byte {
	w := &wireWriter{b: []byte(wireMagic)}
	w.strs(wd.Vocab)
	for _, t := range []*wireTrie{&wd.Verbs, &wd.Actors, &wd.Agents, &wd.Discard} {
		w.trie(t)
	}
	w.uv(uint64(len(wd.VForms)))
	for _, v := range wd.VForms {
		w.i32(v.Block)
		w.bool(v.Code != nil)
		if v.Code != nil {
			w.code(*v.Code)
		}
		w.i32(int32(v.Head))
		w.i32(int32(v.N))
		w.str(v.Lemma)
		w.bool(v.Past)
	}
	w.uv(uint64(len(wd.Blocks)))
	for _, b := range wd.Blocks {
		w.str(b.Name)
		w.code(b.Code)
		w.uv(uint64(len(b.Patterns)))
		for _, p := range b.Patterns {
			w.elems(p.Pre)
			w.elems(p.Post)
			w.bool(p.VerbJoinedPre)
			w.code(p.Code)
			w.uv(uint64(p.Literals))
			w.str(p.Why)
			w.str(p.Owner)
		}
	}
	w.uv(uint64(len(wd.Synsets)))
	for _, s := range wd.Synsets {
		w.uv(uint64(len(s)))
		for _, ph := range s {
			w.i32s(ph)
		}
	}
	w.strs(wd.SynNames)
	w.uv(uint64(len(wd.ActorCodes)))
	for _, cs := range wd.ActorCodes {
		w.uv(uint64(len(cs)))
		for _, c := range cs {
			w.str(c.Code)
			w.str(c.From)
			w.str(c.To)
		}
	}
	w.strs(wd.AgentCodes)
	w.bools(wd.AgentPrefix)
	w.bools(wd.DiscStory)
	w.bools(wd.DiscNumeric)
	return w.b
}

var errWire = errors.New("bad dictionary encoding")

type wireReader struct {
	s     string // the data, whose substrings the strings are
	p     int
	bad   bool
	arena []int32 // int32 slices are carved from it
}

func (r *wireReader) uv() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.p >= len(r.s) {
			r.bad = true
			return 0
		}
		c := r.s[r.p]
		r.p++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.bad = true
	return 0
}

func (r *wireReader) i32() int32 {
	u := r.uv()
	return int32(int64(u>>1) ^ -int64(u&1))
}

// n reads a count of items that take at least one byte each.
func (r *wireReader) n() int {
	n := r.uv()
	if n > uint64(len(r.s)-r.p) {
		r.bad = true
		return 0
	}
	return int(n)
}

func (r *wireReader) str() string {
	n := r.n()
	s := r.s[r.p : r.p+n]
	r.p += n
	return s
}

func (r *wireReader) bool() bool {
	if r.p >= len(r.s) {
		r.bad = true
		return false
	}
	b := r.s[r.p] != 0
	r.p++
	return b
}

// i32s reads an int32 slice (nil when empty, as gob decoded them).
func (r *wireReader) i32s() []int32 {
	n := r.n()
	if n == 0 || r.bad {
		return nil
	}
	if len(r.arena) < n {
		r.arena = make([]int32, max(n, 1<<14))
	}
	xs := r.arena[:n:n]
	r.arena = r.arena[n:]
	for i := range xs {
		xs[i] = r.i32()
	}
	return xs
}

func (r *wireReader) strs() []string {
	n := r.n()
	if n == 0 || r.bad {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.str()
	}
	return ss
}

func (r *wireReader) bools() []bool {
	n := r.n()
	if n == 0 || r.bad {
		return nil
	}
	bs := make([]bool, n)
	for i := range bs {
		bs[i] = r.bool()
	}
	return bs
}

func (r *wireReader) code() petrarch.Code { return petrarch.Code{Main: r.str(), Reverse: r.str()} }

func (r *wireReader) trie() wireTrie {
	t := wireTrie{Root: r.i32s(), Kids: r.i32s(), Val: r.i32s()}
	if n := r.n(); n > 0 && !r.bad {
		t.Keys = make([]uint64, n)
		var prev uint64
		for i := range t.Keys {
			prev += r.uv()
			t.Keys[i] = prev
		}
	}
	return t
}

func (r *wireReader) elems() []wireElem {
	n := r.n()
	if n == 0 || r.bad {
		return nil
	}
	es := make([]wireElem, n)
	for i := range es {
		es[i] = wireElem{Kind: int(r.uv()), IDs: r.i32s(), Syn: r.i32(), Joined: r.bool()}
	}
	return es
}

// decodeWire decodes data written by encodeWire (wireMagic included).
func decodeWire(data []byte) (*wireDict, error) {
	r := &wireReader{s: string(data), p: len(wireMagic)}
	wd := &wireDict{Vocab: r.strs()}
	for _, t := range []*wireTrie{&wd.Verbs, &wd.Actors, &wd.Agents, &wd.Discard} {
		*t = r.trie()
	}
	if n := r.n(); n > 0 && !r.bad {
		wd.VForms = make([]wireVForm, n)
		for i := range wd.VForms {
			v := &wd.VForms[i]
			v.Block = r.i32()
			if r.bool() {
				c := r.code()
				v.Code = &c
			}
			v.Head, v.N = int8(r.i32()), int8(r.i32())
			v.Lemma = r.str()
			v.Past = r.bool()
		}
	}
	if n := r.n(); n > 0 && !r.bad {
		wd.Blocks = make([]wireBlock, n)
		for i := range wd.Blocks {
			b := &wd.Blocks[i]
			b.Name, b.Code = r.str(), r.code()
			if n := r.n(); n > 0 && !r.bad {
				b.Patterns = make([]wirePattern, n)
				for j := range b.Patterns {
					p := &b.Patterns[j]
					p.Pre, p.Post = r.elems(), r.elems()
					p.VerbJoinedPre, p.Code, p.Literals = r.bool(), r.code(), int(r.uv())
					p.Why, p.Owner = r.str(), r.str()
				}
			}
		}
	}
	if n := r.n(); n > 0 && !r.bad {
		wd.Synsets = make([][][]int32, n)
		for i := range wd.Synsets {
			if m := r.n(); m > 0 && !r.bad {
				wd.Synsets[i] = make([][]int32, m)
				for j := range wd.Synsets[i] {
					wd.Synsets[i][j] = r.i32s()
				}
			}
		}
	}
	wd.SynNames = r.strs()
	if n := r.n(); n > 0 && !r.bad {
		wd.ActorCodes = make([][]petrarch.DatedCode, n)
		for i := range wd.ActorCodes {
			if m := r.n(); m > 0 && !r.bad {
				cs := make([]petrarch.DatedCode, m)
				for j := range cs {
					cs[j] = petrarch.DatedCode{Code: r.str(), From: r.str(), To: r.str()}
				}
				wd.ActorCodes[i] = cs
			}
		}
	}
	wd.AgentCodes = r.strs()
	wd.AgentPrefix = r.bools()
	wd.DiscStory = r.bools()
	wd.DiscNumeric = r.bools()
	if r.bad || r.p != len(r.s) {
		return nil, errWire
	}
	return wd, nil
}
