// Package text splits an article's text into tokens and sentences, each with its byte offsets,
// and carries the part-of-speech and chunk tags that later stages attach to tokens.
//
// Tokenisation follows the Penn Treebank conventions that CoNLL-2003 and PETRARCH expect
// ("Putin's" → "Putin" "'s", "don't" → "do" "n't") while keeping abbreviations ("U.S.", "a.m.",
// "Jan."), initials ("J."), numbers ("1,000.5", "10:00", "7/3/2025", "2025-07-03"), hyphenated
// words, URLs and ellipses whole. Every token indexes the original string: Text[Start:End].
package text

// Version of the segmenter; stored with every article.
const Version = "1"

// Kind classifies a token.
type Kind uint8

const (
	Word   Kind = iota // letters, possibly with digits, hyphens, apostrophes inside
	Number             // starts with a digit: 12, 1,000.5, 10:00, 7/3/2025, 1990s, 3rd
	Punct              // . , ; : ! ? ( ) [ ] - – — … and the like
	Quote              // " “ ” „ ' ‘ ’ « » ‹ › ` ``
	Symbol             // $ % & @ # + = / * and other symbols
)

func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Quote:
		return "quote"
	case Symbol:
		return "symbol"
	}
	return "?"
}

// Token is one token of a text. Start and End are byte offsets into the text.
type Token struct {
	Start, End int32
	Kind       Kind
	// Newlines counts the line breaks in the whitespace before the token (capped at 255);
	// Space reports whether any whitespace precedes it.
	Newlines uint8
	Space    bool
	// Tags set by later stages (the POS tagger, chunker and NER); "" until then.
	POS   string
	Chunk string
	NER   string
}

// Sentence is a run of tokens: Tokens[First:Last] of its Doc, covering Text[Start:End].
type Sentence struct {
	Start, End  int
	First, Last int
	// Para is the index of the paragraph the sentence is in (paragraphs are separated by blank
	// lines or indented line starts).
	Para int
}

// Doc is a segmented text, and the tags and name mentions later stages add to it.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
	// Mentions are the named-entity mentions found by the NER (ner package), in text order.
	Mentions []Mention
}

// Mention is a named-entity mention: Tokens[First:Last] of its Doc, of type PER, ORG, LOC or MISC.
type Mention struct {
	First, Last int
	Type        string
}

// Span returns the byte offsets of tokens [first, last) of d.
func (d *Doc) Span(first, last int) (start, end int) {
	return int(d.Tokens[first].Start), int(d.Tokens[last-1].End)
}

// Tok returns the text of token i.
func (d *Doc) Tok(i int) string { t := d.Tokens[i]; return d.Text[t.Start:t.End] }

// SentenceOf returns the index of the sentence holding token i (binary search).
func (d *Doc) SentenceOf(i int) int {
	lo, hi := 0, len(d.Sentences)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.Sentences[mid].First <= i {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// TokenAt returns the index of the first token ending after byte offset off (len(Tokens) when
// none does): the token containing off, or the next one.
func (d *Doc) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		mid := (lo + hi) / 2
		if int(d.Tokens[mid].End) <= off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Segment tokenises s and splits it into sentences.
func Segment(s string) *Doc {
	d := &Doc{Text: s}
	d.Tokens = Tokenize(s, make([]Token, 0, len(s)/5+4))
	d.Sentences = Sentences(s, d.Tokens, make([]Sentence, 0, len(s)/100+2))
	return d
}
