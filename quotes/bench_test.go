package quotes_test

import (
	"strings"
	"testing"
	"time"

	"chronicle"
	"chronicle/actors"
	"chronicle/internal/reuters"
	"chronicle/ner"
	"chronicle/quotes"
	"chronicle/text"
)

// BenchmarkExtract measures attribution alone on Reuters-21578 bodies: segmentation, tagging
// and entities are set-up (the pipeline's earlier stages), as the budget counts it.
func BenchmarkExtract(b *testing.B) {
	benchExtract(b, true)
}

// BenchmarkExtractTokens measures attribution from tokens alone (no tags, no entities).
func BenchmarkExtractTokens(b *testing.B) {
	benchExtract(b, false)
}

func benchExtract(b *testing.B, tagged bool) {
	dir := reuters.Dir()
	if dir == "" {
		b.Skip("skipping: ../shared/data/reuters21578 not found")
	}
	stories, err := reuters.Load(dir, 2000)
	if err != nil {
		b.Fatal(err)
	}
	var rec *ner.Recognizer
	var kb *actors.KB
	if tagged {
		if rec, err = ner.Default(); err != nil {
			b.Skipf("skipping: the NER model does not load: %v", err)
		}
		if kb, err = actors.Default(); err != nil {
			b.Skipf("skipping: the actors KB does not load: %v", err)
		}
	}
	type doc struct {
		d    *text.Doc
		ents []chronicle.Entity
	}
	docs := make([]doc, 0, len(stories))
	words := 0
	for _, s := range stories {
		d := text.Segment(s.Body)
		var es []chronicle.Entity
		if tagged {
			rec.Tag(d)
			date, _ := time.Parse(chronicle.DateLayout, s.Date)
			es = kb.Entities(d, date)
		}
		docs = append(docs, doc{d, es})
		words += len(strings.Fields(s.Body))
	}
	quotes.Extract(docs[0].d, docs[0].ents) // load the model outside the loop
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, x := range docs {
			quotes.Extract(x.d, x.ents)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
