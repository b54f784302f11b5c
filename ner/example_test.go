package ner_test

import (
	"fmt"

	"chronicle/ner"
	"chronicle/text"
)

func ExampleRecognizer_Tag() {
	r, err := ner.Default()
	if err != nil {
		panic(err)
	}
	d := text.Segment("Russian President Vladimir Putin told Donald Trump that Russia would not back down, Reuters reported.")
	r.Tag(d)
	for _, m := range d.Mentions {
		start, end := d.Span(m.First, m.Last)
		fmt.Println(m.Type, d.Text[start:end])
	}
	fmt.Println(d.Tok(2), d.Tokens[2].POS, d.Tokens[2].Chunk, d.Tokens[2].NER)
	// Output:
	// MISC Russian
	// PER Vladimir Putin
	// PER Donald Trump
	// LOC Russia
	// ORG Reuters
	// Vladimir NNP I-NP B-PER
}
