package events

import (
	"strings"
	"sync"
	"unsafe"

	"chronicle/actors"
	"chronicle/text"
)

// Coder codes events with one compiled dictionary and one set of options. It is safe for
// concurrent use.
type Coder struct {
	dict   *Dict
	opt    Options
	pool   *sync.Pool
	places *actors.KB // places of events; nil for actors.Default()
}

// New returns a coder for dictionary d.
func New(d *Dict, o Options) *Coder {
	return &Coder{dict: d, opt: o, pool: &sync.Pool{New: func() any { return new(scratch) }}}
}

// WithOptions returns a coder sharing c's dictionary with other options.
func (c *Coder) WithOptions(o Options) *Coder {
	return &Coder{dict: c.dict, opt: o, pool: c.pool, places: c.places}
}

// WithPlaces returns a coder sharing c's dictionary and options that looks up the places of
// events in kb (a KB the user extended, say); by default Code uses actors.Default().
func (c *Coder) WithPlaces(kb *actors.KB) *Coder {
	x := *c
	x.places = kb
	return &x
}

// Options returns the coder's options.
func (c *Coder) Options() Options { return c.opt }

// Coded is one event coded in PETRARCH terms: CAMEO code and actor codes ("" for none).
type Coded struct {
	Code, Source, Target string
	Why                  string
	Sentence             int // index of the sentence in the document
}

// CodeDoc codes every sentence of a segmented (and, when available, tagged) document dated
// date (YYYY-MM-DD or YYYYMMDD) with dictionary actors only. A story discard empties the result.
func (c *Coder) CodeDoc(d *text.Doc, date string) []Coded {
	date = strings.ReplaceAll(date, "-", "")
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	var out []Coded
	for si, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		if !c.sentence(sc, d.Text, toks, date, nil) {
			return nil
		}
		c.transform(sc, d.Text, toks)
		for _, e := range sc.evs {
			if e.code == "" {
				continue
			}
			out = append(out, Coded{Code: e.code, Source: e.src.code, Target: e.tgt.code, Why: e.why, Sentence: si})
		}
	}
	return out
}

// transform applies PETRARCH2's transformations of a sentence's events (its internal coding
// ontology, PETR.Internal.Coding.Ontology): a negated cooperative act becomes its rejection
// ("would not provide support" → 12x); a negated conflict act is no event; a statement that
// another actor used force is an accusation ("the US claimed that ISIL had attacked Iraq" →
// 112 US→ISIL), and that the speaker did, a claim of responsibility (015).
func (c *Coder) transform(sc *scratch, src string, toks []text.Token) {
	for i := range sc.evs {
		e := &sc.evs[i]
		if e.code == "" || !sc.vgs[e.vg].neg || sc.vgs[e.vg].prePattern {
			continue
		}
		e.code = negatedCode(e.code)
	}
	for si := range sc.vgs {
		say := &sc.vgs[si]
		if say.noun || PetrarchRoot(say.code.Main) != "01" && PetrarchRoot(say.code.Main) != "11" || !reportLemma(c.dict.vforms[say.form].lemma) {
			continue
		}
		var speaker member
		found := false
		for _, e := range sc.evs {
			if e.vg == si && e.src.code != "" {
				speaker, found = e.src, true
				break
			}
		}
		if !found {
			continue
		}
		for i := range sc.evs {
			e := &sc.evs[i]
			in := &sc.vgs[e.vg]
			if e.code == "" || e.vg == si || in.vs < say.ve || in.cs-say.ve > 6 {
				continue
			}
			switch PetrarchRoot(e.code) {
			case "18", "19", "20":
			default:
				continue
			}
			if e.src.code == speaker.code || e.src.code == "" {
				e.code, e.src = "015", speaker // "the US claimed that they had attacked Iraq"
			} else {
				e.code, e.src, e.tgt = "112", speaker, e.src // "… that ISIL had attacked Iraq"
			}
			for j := range sc.evs {
				if sc.evs[j].vg == si {
					sc.evs[j].code = "" // the statement itself is now this event
				}
			}
		}
	}
}

// reportLemma reports verbs of saying and claiming whose complement PETRARCH2 folds into the
// statement.
func reportLemma(lemma string) bool {
	switch lemma {
	case "SAY", "CLAIM", "ALLEGE", "ANNOUNCE", "REPORT", "STATE", "ASSERT", "DECLARE", "INSIST", "CHARGE":
		return true
	}
	return false
}

// negatedCode is the code of a negated act (PETRARCH2's ontology): a cooperative act refused
// becomes its rejection (meeting → 125, diplomatic → 120, material cooperation → 121, aid →
// 122, yielding → 124); a statement or a conflict act negated is no event ("").
func negatedCode(code string) string {
	switch PetrarchRoot(code) {
	case "03", "05":
		return "120"
	case "04":
		return "125"
	case "06":
		return "121"
	case "07":
		return "122"
	case "08":
		return "124"
	}
	return ""
}

// word returns the upper-case word of token k.
//
// While the sentence toks is the one being analysed (the usual case) the word is a view of
// the scratch buffer, valid until the next sentence: callers compare it, never keep it.
func (sc *scratch) word(src string, toks []text.Token, k int) string {
	if k < 0 || k >= len(toks) {
		return ""
	}
	if len(toks) == sc.uvalid && sc.utok[k] == toks[k].Start && sc.uend[k] > sc.uoff[k] {
		return unsafe.String(&sc.ubuf[sc.uoff[k]], int(sc.uend[k]-sc.uoff[k]))
	}
	return string(sc.upper(src[toks[k].Start:toks[k].End]))
}

// doForm reports a form of "do" at token k.
func (sc *scratch) doForm(k int) bool { return sc.flags[k]&fDo != 0 }
