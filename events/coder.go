package events

import (
	"strings"
	"sync"

	"chronicle/text"
)

// Coder codes events with one compiled dictionary and one set of options. It is safe for
// concurrent use.
type Coder struct {
	dict *Dict
	opt  Options
	pool *sync.Pool
}

// New returns a coder for dictionary d.
func New(d *Dict, o Options) *Coder {
	return &Coder{dict: d, opt: o, pool: &sync.Pool{New: func() any { return new(scratch) }}}
}

// WithOptions returns a coder sharing c's dictionary with other options.
func (c *Coder) WithOptions(o Options) *Coder {
	return &Coder{dict: c.dict, opt: o, pool: c.pool}
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
		for _, e := range sc.evs {
			if e.code == "" {
				continue
			}
			out = append(out, Coded{Code: e.code, Source: e.src.code, Target: e.tgt.code, Why: e.why, Sentence: si})
		}
	}
	return out
}

// word returns the upper-case word of token k.
func (sc *scratch) word(src string, toks []text.Token, k int) string {
	if k < 0 || k >= len(toks) {
		return ""
	}
	return string(sc.upper(src[toks[k].Start:toks[k].End]))
}
