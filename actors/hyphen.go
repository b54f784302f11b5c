package actors

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle"
	"chronicle/actors/internal/norm"
	"chronicle/text"
)

// Hyphenated pairs of actors. News names two sides as one compound modifier: "the
// Trump-Putin summit", "Russia-Ukraine war", "Israel-Hamas ceasefire talks". The tokenizer
// keeps hyphenated words whole (it cannot know names), and the tagger takes the compound for
// one name. splitCompounds splits such a token into its halves and the hyphen between them,
// and each half becomes a mention of its own, when every half is a name the KB knows as a
// separate actor (a country, an organisation, a person in office) or the article names by
// itself, and the whole is no name the KB or the article knows ("Guinea-Bissau",
// "Ocasio-Cortez", "Karine Jean-Pierre"). The split is written back to the document, so that
// later stages (quotes, events) see the two names as tokens of their own.

// hyphenParts returns the byte offsets (relative to w) of the hyphens of w when w is a
// compound of capitalised parts, each of two letters or more ("Trump-Putin"); nil otherwise.
func hyphenParts(w string, buf []int) []int {
	if w == "" || w[0] < 0x80 && (w[0] < 'A' || w[0] > 'Z') {
		return nil
	}
	if strings.IndexByte(w, '-') < 0 && strings.IndexByte(w, 0xE2) < 0 { // 0xE2: U+2010, U+2011
		return nil
	}
	buf = buf[:0]
	start := 0
	for i, c := range w {
		if c != '-' && c != '\u2010' && c != '\u2011' {
			continue
		}
		if !capitalPart(w[start:i]) {
			return nil
		}
		buf = append(buf, i)
		start = i + utf8.RuneLen(c)
	}
	if len(buf) == 0 || !capitalPart(w[start:]) {
		return nil
	}
	return buf
}

// capitalPart reports a part of a compound that may be a name: a capital first, letters (and
// periods) only, two letters or more.
func capitalPart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(s) < 2 {
		return false
	}
	for _, c := range s {
		if !unicode.IsLetter(c) && c != '.' {
			return false
		}
	}
	return true
}

// splitCompounds splits the hyphenated pairs of actors of r.d (see above).
func (r *resolver) splitCompounds() {
	d := r.d
	var hy []int
	var cands []int // token indexes of compounds
	// The hyphens of the text (faster than looking at every token), then their tokens.
	for _, h := range [...]string{"-", "\u2010", "\u2011"} {
		for off := 0; ; {
			j := strings.Index(d.Text[off:], h)
			if j < 0 {
				break
			}
			p := off + j
			off = p + len(h)
			if off >= len(d.Text) || d.Text[off] < 0x80 && (d.Text[off] < 'A' || d.Text[off] > 'Z') {
				continue
			}
			i := d.TokenAt(p)
			if i >= len(d.Tokens) || int(d.Tokens[i].Start) >= p || d.Tokens[i].Kind != text.Word {
				continue
			}
			if len(cands) > 0 && cands[len(cands)-1] == i {
				continue
			}
			if t := d.Tokens[i]; hyphenParts(d.Text[t.Start:t.End], hy) != nil {
				cands = append(cands, i)
				off = max(off, int(t.End))
			}
		}
	}
	if len(cands) == 0 {
		return
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	// What the article names by itself: the surnames of people it names in full (last
	// tokens), and the compounds inside longer names ("Karine Jean-Pierre"). Other one-word
	// names it gives are no evidence ("VIM-GES-CRPA", each spelled out once).
	known := map[string]string{}
	inName := map[string]bool{}
	mentionOf := make(map[int]int, len(cands)) // compound token → mention index
	ci := 0
	for mi, m := range d.Mentions {
		if m.First < 0 || m.Last > len(d.Tokens) || m.First >= m.Last {
			continue
		}
		for ci < len(cands) && cands[ci] < m.First {
			ci++
		}
		for j := ci; j < len(cands) && cands[j] < m.Last; j++ {
			mentionOf[cands[j]] = mi
		}
		a := m.First
		for a < m.Last-1 && (r.tok(a) == "the" || r.tok(a) == "The" || honorifics[string(r.key(a, a+1))]) {
			a++
		}
		if m.Last-a == 1 {
			continue
		}
		for k := a + 1; k < m.Last; k++ {
			if _, ok := mentionOf[k]; ok {
				inName[string(r.key(k, k+1))] = true
			}
		}
		if m.Type == chronicle.PER {
			if _, ok := mentionOf[m.Last-1]; !ok {
				known[string(r.key(m.Last-1, m.Last))] = m.Type
			}
		}
	}
	type split struct {
		tok   int
		hy    []int
		types []string
		mi    int // the mention holding the compound, -1 none
		dot   bool
	}
	var splits []split
	for _, i := range cands {
		mi, inM := mentionOf[i]
		if !inM {
			mi = -1
		}
		if inM {
			m := d.Mentions[mi]
			// Words before the compound in its mention make it part of a longer name
			// ("Karine Jean-Pierre"); words after it must not end an organisation's name
			// ("the U.S.-China Business Council").
			a := m.First
			for a < i && (r.tok(a) == "the" || r.tok(a) == "The") {
				a++
			}
			if a < i || m.Last > i+1 && (r.orgWord(i+1, m.Last) || r.knownName(r.key(m.First, m.Last))) {
				continue
			}
		}
		k := r.key(i, i+1)
		if inName[string(k)] || r.knownName(k) {
			continue
		}
		if abbrevAfter(d, i) {
			continue // "DFL-St. Paul"
		}
		w := r.tok(i)
		h := hyphenParts(w, hy)
		ts := make([]string, 0, len(h)+1)
		st := 0
		for j := 0; j <= len(h); j++ {
			en := len(w)
			if j < len(h) {
				en = h[j]
			}
			part := w[st:en]
			r.buf = norm.AppendKey(r.buf[:0], part)
			typ := r.partType(r.buf, known)
			if typ == "" {
				break
			}
			ts = append(ts, typ)
			if j < len(h) {
				_, sz := utf8.DecodeRuneInString(w[en:])
				st = en + sz
			}
		}
		if len(ts) != len(h)+1 {
			continue
		}
		// "Japan-U.S. trade": the period after an abbreviation is its own ("U.S."), unless it
		// ends the sentence.
		dot := strings.Contains(w[h[len(h)-1]:], ".") && i+1 < len(d.Tokens) && d.Tok(i+1) == "." && !d.Tokens[i+1].Space &&
			d.Sentences[d.SentenceOf(i+1)].Last > i+2
		splits = append(splits, split{tok: i, hy: append([]int(nil), h...), types: ts, mi: mi, dot: dot})
	}
	if len(splits) == 0 {
		return
	}
	// Rebuild the tokens, sentences and mentions.
	added := 0
	for _, s := range splits {
		added += 2 * len(s.hy)
	}
	toks := make([]text.Token, 0, len(d.Tokens)+added)
	newIdx := make([]int, len(d.Tokens)+1) // old token index → new
	partAt := map[int][]text.Mention{}     // old compound token → its part mentions (new indexes)
	si := 0
	for i, t := range d.Tokens {
		newIdx[i] = len(toks)
		if i > 0 && si > 0 && splits[si-1].tok == i-1 && splits[si-1].dot {
			toks[len(toks)-1].End = t.End // the period joins the abbreviation before it
			continue
		}
		if si >= len(splits) || splits[si].tok != i {
			toks = append(toks, t)
			continue
		}
		s := splits[si]
		si++
		w := d.Text[t.Start:t.End]
		st := 0
		var ms []text.Mention
		for j := 0; j <= len(s.hy); j++ {
			en := len(w)
			if j < len(s.hy) {
				en = s.hy[j]
			}
			p := t
			p.Start, p.End = t.Start+int32(st), t.Start+int32(en)
			p.POS = "NNP"
			p.NER = "B-" + s.types[j]
			if j > 0 {
				p.Newlines, p.Space = 0, false
				if strings.HasPrefix(p.Chunk, "B-") {
					p.Chunk = "I-" + p.Chunk[2:]
				}
			}
			ms = append(ms, text.Mention{First: len(toks), Last: len(toks) + 1, Type: s.types[j]})
			toks = append(toks, p)
			if j < len(s.hy) {
				_, sz := utf8.DecodeRuneInString(w[en:])
				h := text.Token{Start: t.Start + int32(en), End: t.Start + int32(en+sz), Kind: text.Punct, POS: "HYPH", NER: "O", Chunk: p.Chunk}
				if strings.HasPrefix(h.Chunk, "B-") {
					h.Chunk = "I-" + h.Chunk[2:]
				}
				toks = append(toks, h)
				st = en + sz
			}
		}
		partAt[i] = ms
	}
	newIdx[len(d.Tokens)] = len(toks)
	for i := range d.Sentences {
		s := &d.Sentences[i]
		s.First, s.Last = newIdx[s.First], newIdx[s.Last]
	}
	var ments []text.Mention
	si = 0
	for mi, m := range d.Mentions {
		for si < len(splits) && splits[si].mi >= 0 && splits[si].mi < mi {
			si++
		}
		if m.First < 0 || m.Last > len(newIdx)-1 || m.First >= m.Last {
			continue
		}
		// compounds outside mentions, before this one
		for si < len(splits) && splits[si].mi < 0 && splits[si].tok < m.First {
			ments = append(ments, partAt[splits[si].tok]...)
			si++
		}
		if si < len(splits) && splits[si].mi == mi {
			// The mention becomes its parts; the words after the compound ("Summit") and
			// "the" before it are no name.
			ms := partAt[splits[si].tok]
			for k := newIdx[m.First]; k < newIdx[m.Last]; k++ {
				if toks[k].NER != "" && (k < ms[0].First || k >= ms[len(ms)-1].Last) {
					toks[k].NER = "O"
				}
			}
			ments = append(ments, ms...)
			si++
			continue
		}
		ments = append(ments, text.Mention{First: newIdx[m.First], Last: newIdx[m.Last], Type: m.Type})
	}
	for ; si < len(splits); si++ {
		if splits[si].mi < 0 {
			ments = append(ments, partAt[splits[si].tok]...)
		}
	}
	d.Tokens, d.Mentions = toks, ments
}

// knownName reports whether the KB knows key k as a name (an actor, a person's name in any
// spelling, a place).
func (r *resolver) knownName(k []byte) bool {
	found := false
	r.kb.candidates(k, func(*entry, int) bool { found = true; return false })
	if found {
		return true
	}
	r.kb.variantCandidates(norm.Variant(string(k)), func(*entry, int) bool { found = true; return false })
	if found {
		return true
	}
	_, ok := r.kb.place(k)
	return ok
}

// partType returns the type of the actor a half of a compound names: a country, an
// organisation or a person by full name (not a demonym, nor a region or city: "Alsace",
// "Nebraska"), a surname, in any spelling, of a person in office (or of the only person of
// that name with an office), or the surname of a person the article names in full; "" when
// none.
func (r *resolver) partType(k []byte, known map[string]string) string {
	if t, ok := known[string(k)]; ok {
		return t
	}
	ok := func(e *entry, kind int) bool {
		switch {
		case kind == refDemonym || e.typ == chronicle.MISC:
			return false
		case kind == refSurname:
			return e.typ == chronicle.PER && r.trustSurname(k, e)
		case e.typ == chronicle.LOC:
			return len(e.code) == 3 && e.geo >= 0 // a country
		}
		return true
	}
	if e, _ := r.kb.best(k, r.day, ok); e != nil {
		return e.typ
	}
	if e, kind := r.kb.bestVariant(norm.Variant(string(k)), r.day); e != nil && e.typ == chronicle.PER && ok(e, kind) {
		return e.typ // "Zelensky" for Zelenskyy
	}
	return ""
}

// abbrevAfter reports a compound token i whose last part is an abbreviation: a short part
// followed by a period and a capitalised word ("DFL-St. Paul").
func abbrevAfter(d *text.Doc, i int) bool {
	if i+2 >= len(d.Tokens) || d.Tok(i+1) != "." || d.Tokens[i+1].Space {
		return false
	}
	w := d.Tok(i)
	j := strings.LastIndexAny(w, "-\u2010\u2011")
	if utf8.RuneCountInString(w[j+1:]) > 3 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(d.Tok(i + 2))
	return unicode.IsUpper(r)
}
