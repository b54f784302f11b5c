package petrarch

import (
	"fmt"
	"strings"
)

// VerbDict is a PETRARCH verb dictionary: synonym sets and verb blocks.
type VerbDict struct {
	// Synsets maps a synonym-set name (without "&" and trailing "_", e.g. "CURRENCY") to its
	// members; a member is a phrase of upper-case words ("SWISS FRANCS" → ["SWISS" "FRANCS"])
	// and may itself be a synset reference ("&TIETYPES").
	Synsets map[string][]Phrase
	Blocks  []VerbBlock
	// Transforms are the "~ …" lines of the TRANSFORMATIONS section, as written.
	Transforms []string
}

// Phrase is a sequence of words; Joined[i] reports whether word i was tied to word i-1 by "_"
// (must be adjacent) rather than a space.
type Phrase struct {
	Words  []string
	Joined []bool
}

func (p Phrase) String() string {
	var b strings.Builder
	for i, w := range p.Words {
		if i > 0 {
			if p.Joined[i] {
				b.WriteByte('_')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// VerbBlock is one "--- NAME [code] ---" block: verbs sharing a default code and patterns.
type VerbBlock struct {
	Name     string
	Code     Code // the block's default code ("---" when it has none)
	Verbs    []Verb
	Patterns []Pattern
	Line     int
}

// Verb is one verb of a block. Words holds the verb phrase ("BREAK_DOWN" → ["BREAK" "DOWN"]);
// Head is the index of the inflected word (marked "+" in multi-word verbs, else the first).
// Forms are the irregular or explicit forms given in braces, each a phrase of the same shape;
// NoForms is set for an empty "{}" (no generated forms). Code, when set, overrides the
// block's code for this verb.
type Verb struct {
	Words   []string
	Head    int
	Forms   [][]string
	NoForms bool
	Code    *Code
	Line    int
}

// Elem kinds of a pattern.
const (
	ElemWord     = iota // a literal word (Alts holds "/" alternatives)
	ElemSynset          // &NAME
	ElemSource          // $
	ElemTarget          // +
	ElemSkip            // ^: skip a noun phrase
	ElemCompound        // %: a compound actor, both source and target
)

// Elem is one element of a pattern.
type Elem struct {
	Kind int
	Word string   // the word, or the synset name for ElemSynset
	Alts []string // other accepted words ("TO/FOR")
	// Joined reports an "_" tie to the element before it (adjacent in the text).
	Joined bool
	// Group is '(' for a prepositional phrase, '{' for a noun phrase, 0 outside.
	Group byte
}

// Pattern is a "- PRE * POST [code]" line: Pre are the elements before the verb, in text
// order; Post those after it.
type Pattern struct {
	Pre, Post []Elem
	// VerbJoinedPre reports an "_" tie between the last Pre element and the verb
	// ("RECENTLY_*"); a tie between the verb and Post[0] ("*_OUT") is Post[0].Joined.
	VerbJoinedPre bool
	Code          Code
	Comment       string
	Line          int
}

// ReadVerbs parses a PETRARCH verb dictionary (CAMEO.2.0.txt, PETR.Validate.verbs.txt).
func ReadVerbs(name, src string) (*VerbDict, error) {
	d := &VerbDict{Synsets: map[string][]Phrase{}}
	var errs ErrorList
	raw := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	ls := lines(src)
	const (
		none = iota
		synset
		block
	)
	ctx := none
	var syn string
	var cur *VerbBlock
	for i, l := range ls {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(strings.TrimSpace(raw[i]), "~") { // transformation (may hold "#" comments)
			d.Transforms = append(d.Transforms, strings.TrimSpace(stripComment(raw[i])))
			continue
		}
		if t == "" {
			continue
		}
		switch {
		case strings.HasPrefix(t, "---"):
			b, err := parseBlockHeader(t)
			if err != nil {
				errs = append(errs, &SyntaxError{name, i + 1, err.Error()})
				ctx = none
				continue
			}
			b.Line = i + 1
			d.Blocks = append(d.Blocks, b)
			cur = &d.Blocks[len(d.Blocks)-1]
			ctx = block
		case t[0] == '&':
			syn = synsetName(t)
			if syn == "" {
				errs = append(errs, &SyntaxError{name, i + 1, "empty synset name"})
				continue
			}
			if _, ok := d.Synsets[syn]; !ok {
				d.Synsets[syn] = nil
			}
			ctx = synset
		case ctx == synset && t[0] == '+':
			p := parsePhrase(strings.TrimSpace(t[1:]))
			if len(p.Words) > 0 {
				d.Synsets[syn] = append(d.Synsets[syn], p)
			}
		case ctx == block && t[0] == '-':
			p, err := parsePattern(t[1:])
			if err != nil {
				errs = append(errs, &SyntaxError{name, i + 1, err.Error()})
				continue
			}
			p.Line = i + 1
			if j := strings.IndexByte(raw[i], '#'); j >= 0 {
				p.Comment = strings.TrimSpace(raw[i][j+1:])
			}
			cur.Patterns = append(cur.Patterns, p)
		case ctx == block:
			v, err := parseVerb(t)
			if err != nil {
				errs = append(errs, &SyntaxError{name, i + 1, err.Error()})
				continue
			}
			v.Line = i + 1
			cur.Verbs = append(cur.Verbs, v)
		default:
			errs = append(errs, &SyntaxError{name, i + 1, fmt.Sprintf("unexpected line %q", t)})
		}
	}
	return d, errs.Err()
}

func synsetName(t string) string {
	t = strings.TrimPrefix(t, "&")
	if i := strings.IndexAny(t, " \t"); i >= 0 {
		t = t[:i]
	}
	return strings.TrimRight(t, "_")
}

// parseBlockHeader parses "--- NAME [code] [code2] ---".
func parseBlockHeader(t string) (VerbBlock, error) {
	t = strings.Trim(t, "- \t")
	var b VerbBlock
	name, rest, _ := strings.Cut(t, "[")
	b.Name = strings.TrimRight(strings.TrimSpace(name), "_")
	b.Code = Code{Main: "---"}
	if rest != "" {
		c, _, ok := strings.Cut(rest, "]")
		if !ok {
			return b, fmt.Errorf("block header %q: unclosed code", t)
		}
		b.Code = parseCode(c)
	}
	if b.Name == "" {
		return b, fmt.Errorf("block header %q: no name", t)
	}
	return b, nil
}

// parseVerb parses "VERB {FORMS} [code]", "+BREAK_DOWN {+BROKE_DOWN}", "WIRE_+TAP", "LASH OUT".
func parseVerb(t string) (Verb, error) {
	var v Verb
	if i := strings.IndexByte(t, '['); i >= 0 {
		j := strings.IndexByte(t[i:], ']')
		if j < 0 {
			return v, fmt.Errorf("verb %q: unclosed code", t)
		}
		c := parseCode(t[i+1 : i+j])
		v.Code = &c
		t = t[:i] + t[i+j+1:]
	}
	if i := strings.IndexByte(t, '{'); i >= 0 {
		j := strings.IndexByte(t, '}')
		if j < i {
			return v, fmt.Errorf("verb %q: unclosed forms", t)
		}
		forms := strings.Fields(strings.ReplaceAll(t[i+1:j], ",", " "))
		if len(forms) == 0 {
			v.NoForms = true
		}
		for _, f := range forms {
			w, _ := verbWords(f)
			if len(w) > 0 {
				v.Forms = append(v.Forms, w)
			}
		}
		t = t[:i] + t[j+1:]
	}
	t = strings.TrimSpace(t)
	if t == "" {
		return v, fmt.Errorf("empty verb")
	}
	v.Words, v.Head = verbWords(t)
	return v, nil
}

// verbWords splits a verb phrase into words and finds the head (the word marked "+").
func verbWords(s string) ([]string, int) {
	s = strings.TrimSpace(s)
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
	head := 0
	words := parts[:0:0]
	for _, p := range parts {
		if strings.HasPrefix(p, "+") {
			head = len(words)
			p = p[1:]
		}
		if p != "" && strings.Trim(p, ",;.") != "" {
			words = append(words, strings.ToUpper(p))
		}
	}
	if head >= len(words) {
		head = 0
	}
	return words, head
}

// parsePhrase parses a synset member or other "_"/space separated phrase.
func parsePhrase(s string) Phrase {
	var p Phrase
	for fi, f := range strings.Fields(s) {
		for pi, w := range strings.Split(f, "_") {
			if w == "" {
				continue
			}
			p.Words = append(p.Words, strings.ToUpper(w))
			p.Joined = append(p.Joined, pi > 0 && (fi > 0 || len(p.Words) > 1))
		}
	}
	if len(p.Joined) > 0 {
		p.Joined[0] = false
	}
	return p
}

// parsePattern parses the text after "-" of a pattern line.
func parsePattern(t string) (Pattern, error) {
	var p Pattern
	i := strings.IndexByte(t, '[')
	if i < 0 {
		return p, fmt.Errorf("pattern %q: no code", strings.TrimSpace(t))
	}
	j := strings.IndexByte(t[i:], ']')
	if j < 0 {
		return p, fmt.Errorf("pattern %q: unclosed code", strings.TrimSpace(t))
	}
	p.Code = parseCode(t[i+1 : i+j])
	body := spaceStar(t[:i])
	var elems []Elem
	verbAt := -1
	verbTieNext, afterVerb := false, false
	var group byte
	for _, f := range strings.Fields(body) {
		pieces := strings.Split(f, "_")
		for k, w := range pieces {
			joined := k > 0
			// Group marks.
			for strings.HasPrefix(w, "(") || strings.HasPrefix(w, "{") {
				group = w[0]
				w = w[1:]
			}
			closeGroup := false
			for strings.HasSuffix(w, ")") || strings.HasSuffix(w, "}") {
				closeGroup = true
				w = w[:len(w)-1]
			}
			if w == "" {
				if closeGroup {
					group = 0
				}
				continue
			}
			e := Elem{Joined: joined, Group: group}
			if verbAt == len(elems) && verbAt >= 0 && !afterVerb {
				// first element after the verb: tied to it only by "*_X"
				e.Joined = verbTieNext
				afterVerb = true
			}
			switch {
			case w == "*":
				if verbAt >= 0 {
					return p, fmt.Errorf("pattern %q: two verbs", strings.TrimSpace(body))
				}
				verbAt = len(elems)
				p.VerbJoinedPre = joined
				verbTieNext = k+1 < len(pieces)
				if closeGroup {
					group = 0
				}
				continue
			case w == "$":
				e.Kind = ElemSource
			case w == "+":
				e.Kind = ElemTarget
			case w == "^":
				e.Kind = ElemSkip
			case w == "%":
				e.Kind = ElemCompound
			case w[0] == '&':
				e.Kind = ElemSynset
				e.Word = strings.TrimRight(w[1:], "_")
			default:
				e.Kind = ElemWord
				alts := strings.Split(strings.ToUpper(w), "/")
				e.Word = alts[0]
				if len(alts) > 1 {
					e.Alts = alts[1:]
				}
			}
			elems = append(elems, e)
			if closeGroup {
				group = 0
			}
		}
	}
	if verbAt < 0 {
		return p, fmt.Errorf("pattern %q: no verb (*)", strings.TrimSpace(body))
	}
	p.Pre = elems[:verbAt:verbAt]
	p.Post = elems[verbAt:]
	// A tie on the first pre element refers to nothing before the pattern.
	if len(p.Pre) > 0 {
		p.Pre[0].Joined = false
	}
	return p, nil
}

// String writes the pattern back in dictionary syntax (groups are not kept).
func (p Pattern) String() string {
	var b strings.Builder
	b.WriteString("-")
	write := func(es []Elem, tieFirst bool) {
		for i, e := range es {
			if (i > 0 || tieFirst) && e.Joined {
				b.WriteByte('_')
			} else {
				b.WriteByte(' ')
			}
			switch e.Kind {
			case ElemWord:
				b.WriteString(e.Word)
				for _, a := range e.Alts {
					b.WriteString("/" + a)
				}
			case ElemSynset:
				b.WriteString("&" + e.Word)
			case ElemSource:
				b.WriteByte('$')
			case ElemTarget:
				b.WriteByte('+')
			case ElemSkip:
				b.WriteByte('^')
			case ElemCompound:
				b.WriteByte('%')
			}
		}
	}
	write(p.Pre, false)
	if p.VerbJoinedPre && len(p.Pre) > 0 {
		b.WriteString("_*")
	} else {
		b.WriteString(" *")
	}
	write(p.Post, true)
	b.WriteString(" " + p.Code.String())
	return b.String()
}

// spaceStar separates a "*" glued to a word without "_" ("*SCEPTICAL" → "* SCEPTICAL").
func spaceStar(s string) string {
	i := strings.IndexByte(s, '*')
	if i < 0 {
		return s
	}
	if i+1 < len(s) && s[i+1] != '_' && s[i+1] != ' ' && s[i+1] != '\t' && s[i+1] != ')' && s[i+1] != '}' {
		s = s[:i+1] + " " + s[i+1:]
	}
	if i > 0 && s[i-1] != '_' && s[i-1] != ' ' && s[i-1] != '\t' && s[i-1] != '(' && s[i-1] != '{' {
		s = s[:i] + " " + s[i:]
	}
	return s
}
