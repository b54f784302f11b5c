package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"chronicle/text"
)

// CoNLLDoc is one document of a CoNLL-2003 file: its sentences, each a list of lines split into
// columns (word POS chunk NER …). DocStart holds the -DOCSTART- line that opened it ("" for
// text before the first such line).
type CoNLLDoc struct {
	DocStart  string
	Sentences [][][]string
}

// ReadCoNLL reads a CoNLL-2003 column file: documents separated by -DOCSTART- lines, sentences by
// blank lines, one token per line with space-separated columns.
func ReadCoNLL(r io.Reader) ([]CoNLLDoc, error) {
	var docs []CoNLLDoc
	var cur *CoNLLDoc
	var sent [][]string
	flush := func() {
		if len(sent) > 0 {
			if cur == nil {
				docs = append(docs, CoNLLDoc{})
				cur = &docs[len(docs)-1]
			}
			cur.Sentences = append(cur.Sentences, sent)
			sent = nil
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "-DOCSTART-") {
			flush()
			docs = append(docs, CoNLLDoc{DocStart: line})
			cur = &docs[len(docs)-1]
			continue
		}
		sent = append(sent, strings.Fields(line))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner.ReadCoNLL: line %d: %w", n, err)
	}
	flush()
	return docs, nil
}

// DocFromTokens builds a text.Doc whose tokens are the given words, one sentence per slice:
// words joined by spaces, sentences by newlines. It is how CoNLL data is tagged.
func DocFromTokens(sents [][]string) *text.Doc {
	var b strings.Builder
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	d := &text.Doc{Tokens: make([]text.Token, 0, n), Sentences: make([]text.Sentence, 0, len(sents))}
	for si, s := range sents {
		if len(s) == 0 {
			continue
		}
		if si > 0 {
			b.WriteByte('\n')
		}
		first := len(d.Tokens)
		start := b.Len()
		for i, w := range s {
			nl := uint8(0)
			if i == 0 && si > 0 {
				nl = 1
			} else if i > 0 {
				b.WriteByte(' ')
			}
			st := b.Len()
			b.WriteString(w)
			d.Tokens = append(d.Tokens, text.Token{Start: int32(st), End: int32(b.Len()), Kind: kindOf(w), Newlines: nl, Space: i > 0 || si > 0})
		}
		d.Sentences = append(d.Sentences, text.Sentence{Start: start, End: b.Len(), First: first, Last: len(d.Tokens), Para: si})
	}
	d.Text = b.String()
	return d
}

func kindOf(w string) text.Kind {
	if w == "" {
		return text.Punct
	}
	c := w[0]
	switch {
	case c >= '0' && c <= '9':
		return text.Number
	case c == '"' || c == '\'' || c == '`':
		return text.Quote
	case c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
		if strings.ContainsAny(w[:1], "$%&@#+=/*") {
			return text.Symbol
		}
		return text.Punct
	}
	return text.Word
}

// toIOB2 converts IOB1 tags (CoNLL-2003's) to IOB2 in place; IOB2 input is left unchanged.
func toIOB2(tags []string) {
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") {
			if prev == "O" || prev[2:] != t[2:] {
				tags[i] = "B-" + t[2:]
			}
		}
		prev = tags[i]
	}
}
