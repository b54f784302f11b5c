package events

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"chronicle/petrarch"
)

// The compact form of a compiled Dict: its interned vocabulary and frozen tries, encoded by
// encodeWire and gzip-compressed, so that loading it builds only the vocabulary map.

type wireTrie struct {
	Root, Kids, Val []int32
	Keys            []uint64
}

type wireVForm struct {
	Block   int32
	Code    *petrarch.Code
	Head, N int8
	Lemma   string
	Past    bool
}

type wireElem struct {
	Kind   int
	IDs    []int32
	Syn    int32
	Joined bool
}

type wirePattern struct {
	Pre, Post     []wireElem
	VerbJoinedPre bool
	Code          petrarch.Code
	Literals      int
	Why           string
	Owner         string
}

type wireBlock struct {
	Name     string
	Code     petrarch.Code
	Patterns []wirePattern
}

type wireDict struct {
	Vocab                          []string
	Verbs, Actors, Agents, Discard wireTrie
	VForms                         []wireVForm
	Blocks                         []wireBlock
	Synsets                        [][][]int32
	SynNames                       []string
	ActorCodes                     [][]petrarch.DatedCode
	AgentCodes                     []string
	AgentPrefix                    []bool
	DiscStory, DiscNumeric         []bool
}

func toWireTrie(t *trie) wireTrie {
	return wireTrie{Root: t.Root, Kids: t.Kids, Val: t.Val, Keys: t.Keys}
}
func fromWireTrie(w wireTrie) trie { return trie{Root: w.Root, Kids: w.Kids, Val: w.Val, Keys: w.Keys} }

func toWireElems(es []celem) []wireElem {
	out := make([]wireElem, len(es))
	for i, e := range es {
		out[i] = wireElem{Kind: e.kind, IDs: e.ids, Syn: e.syn, Joined: e.joined}
	}
	return out
}

func fromWireElems(es []wireElem) []celem {
	out := make([]celem, len(es))
	for i, e := range es {
		out[i] = celem{kind: e.Kind, ids: e.IDs, syn: e.Syn, joined: e.Joined}
	}
	return out
}

// WriteBinary writes d in the compact form: encodeWire's encoding in gzip format.
func (d *Dict) WriteBinary(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(encodeWire(d.toWire())); err != nil {
		return fmt.Errorf("events.Dict.WriteBinary: %w", err)
	}
	return zw.Close()
}

func (d *Dict) toWire() *wireDict {
	wd := &wireDict{
		Vocab: make([]string, len(d.vocab)),
		Verbs: toWireTrie(&d.verbs), Actors: toWireTrie(&d.actors), Agents: toWireTrie(&d.agents), Discard: toWireTrie(&d.discards),
		Synsets: d.synsets, ActorCodes: d.actorCds,
	}
	for word, id := range d.vocab {
		wd.Vocab[id] = word
	}
	wd.SynNames = make([]string, len(d.synIDs))
	for n, id := range d.synIDs {
		wd.SynNames[id] = n
	}
	for _, v := range d.vforms {
		wd.VForms = append(wd.VForms, wireVForm{Block: v.block, Code: v.code, Head: v.head, N: v.n, Lemma: v.lemma, Past: v.past})
	}
	for _, b := range d.blocks {
		wb := wireBlock{Name: b.name, Code: b.code}
		for _, p := range b.patterns {
			wb.Patterns = append(wb.Patterns, wirePattern{Pre: toWireElems(p.pre), Post: toWireElems(p.post), VerbJoinedPre: p.verbJoinedPre, Code: p.code, Literals: p.literals, Why: p.why, Owner: p.owner})
		}
		wd.Blocks = append(wd.Blocks, wb)
	}
	for _, a := range d.agentInf {
		wd.AgentCodes = append(wd.AgentCodes, a.code)
		wd.AgentPrefix = append(wd.AgentPrefix, a.prefix)
	}
	for _, x := range d.discInf {
		wd.DiscStory = append(wd.DiscStory, x.story)
		wd.DiscNumeric = append(wd.DiscNumeric, x.numeric)
	}
	return wd
}

// ReadBinary reads a Dict written by WriteBinary.
func ReadBinary(r io.Reader) (*Dict, error) {
	wd, err := readWire(r)
	if err != nil {
		return nil, fmt.Errorf("events.ReadBinary: %w", err)
	}
	return fromWire(wd), nil
}

func readWire(r io.Reader) (*wireDict, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(wireMagic)) {
		return nil, errors.New("not a compiled dictionary (or one from before its own encoding, which gob encoded: compile it again)")
	}
	return decodeWire(data)
}

func fromWire(wd *wireDict) *Dict {
	d := &Dict{
		vocab: make(map[string]int32, len(wd.Vocab)),
		verbs: fromWireTrie(wd.Verbs), actors: fromWireTrie(wd.Actors), agents: fromWireTrie(wd.Agents), discards: fromWireTrie(wd.Discard),
		synsets: wd.Synsets, synIDs: make(map[string]int32, len(wd.SynNames)), actorCds: wd.ActorCodes,
	}
	for id, w := range wd.Vocab {
		d.vocab[w] = int32(id)
	}
	for id, n := range wd.SynNames {
		d.synIDs[n] = int32(id)
	}
	d.vforms = make([]verbForm, len(wd.VForms))
	for i, v := range wd.VForms {
		d.vforms[i] = verbForm{block: v.Block, code: v.Code, head: v.Head, n: v.N, lemma: v.Lemma, past: v.Past}
	}
	d.blocks = make([]block, len(wd.Blocks))
	for i, b := range wd.Blocks {
		cb := block{name: b.Name, code: b.Code, patterns: make([]cpattern, len(b.Patterns))}
		for j, p := range b.Patterns {
			cb.patterns[j] = cpattern{pre: fromWireElems(p.Pre), post: fromWireElems(p.Post), verbJoinedPre: p.VerbJoinedPre, code: p.Code, literals: p.Literals, why: p.Why, owner: p.Owner}
		}
		d.blocks[i] = cb
	}
	d.agentInf = make([]agentInfo, len(wd.AgentCodes))
	for i := range wd.AgentCodes {
		d.agentInf[i] = agentInfo{code: wd.AgentCodes[i], prefix: wd.AgentPrefix[i]}
	}
	d.discInf = make([]discardInfo, len(wd.DiscStory))
	for i := range wd.DiscStory {
		d.discInf[i] = discardInfo{story: wd.DiscStory[i], numeric: wd.DiscNumeric[i]}
	}
	d.prepare()
	return d
}
