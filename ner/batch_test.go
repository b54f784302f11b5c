package ner

import (
	"fmt"
	"testing"

	"chronicle/internal/reuters"
	"chronicle/text"
)

// TestTagBatch checks that TagBatch tags every document as Tag does.
func TestTagBatch(t *testing.T) {
	dir := reuters.Dir()
	if dir == "" {
		t.Skip("skipping: Reuters-21578 not found beside the repository")
	}
	stories, err := reuters.Load(dir, 300)
	if err != nil {
		t.Fatal(err)
	}
	r := loadDefault(t)
	var one, batch []*text.Doc
	for _, s := range stories {
		one = append(one, text.Segment(s.Body))
		batch = append(batch, text.Segment(s.Body))
	}
	one = append(one, text.Segment(""), &text.Doc{Text: "x y", Tokens: []text.Token{{Start: 0, End: 1}, {Start: 2, End: 3}}})
	batch = append(batch, text.Segment(""), &text.Doc{Text: "x y", Tokens: []text.Token{{Start: 0, End: 1}, {Start: 2, End: 3}}})
	for _, d := range one {
		r.Tag(d)
	}
	r.TagBatch(batch[:100])
	r.TagBatch(batch[100:])
	for i := range one {
		if a, b := fmt.Sprint(one[i].Tokens, one[i].Mentions), fmt.Sprint(batch[i].Tokens, batch[i].Mentions); a != b {
			t.Fatalf("document %d: Tag and TagBatch differ", i)
		}
	}
}

func BenchmarkTagBatch(b *testing.B) {
	dir := reuters.Dir()
	if dir == "" {
		b.Skip("skipping: Reuters-21578 not found beside the repository")
	}
	stories, err := reuters.Load(dir, 2000)
	if err != nil {
		b.Fatal(err)
	}
	r := loadDefault(b)
	var docs []*text.Doc
	words := 0
	for _, s := range stories {
		docs = append(docs, text.Segment(s.Body))
		words += reuters.Words(s.Body)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < len(docs); i += 256 {
			r.TagBatch(docs[i:min(i+256, len(docs))])
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
