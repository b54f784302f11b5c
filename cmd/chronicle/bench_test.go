package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"chronicle/internal/reuters"
)

// reutersJSONL returns the first n Reuters-21578 bodies as chronicle JSON Lines and their
// whitespace word count, or skips the benchmark when the data is absent.
func reutersJSONL(b *testing.B, n int) ([]byte, int) {
	b.Helper()
	dir := reuters.Dir()
	if dir == "" {
		b.Skip("skipping: ../shared/data/reuters21578 not found")
	}
	stories, err := reuters.Load(dir, n)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	words := 0
	for _, s := range stories {
		enc.Encode(map[string]string{"id": "reuters-" + s.ID, "date": s.Date, "title": s.Title, "text": s.Body})
		words += reuters.Words(s.Body)
	}
	return buf.Bytes(), words
}

// BenchmarkExtract runs `chronicle extract --format json -` over 2,000 Reuters bodies.
func BenchmarkExtract(b *testing.B) {
	input, words := reutersJSONL(b, 2000)
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		m := &Main{Stdin: bytes.NewReader(input), Stdout: io.Discard, Stderr: io.Discard}
		if err := m.Run(context.Background(), []string{"extract", "--format", "json", "-"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkIngest runs `chronicle ingest -` over 500 Reuters bodies into a new SQLite file.
func BenchmarkIngest(b *testing.B) {
	input, words := reutersJSONL(b, 500)
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		db := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		m := &Main{Stdin: bytes.NewReader(input), Stdout: io.Discard, Stderr: io.Discard}
		if err := m.Run(context.Background(), []string{"ingest", "--quiet", "--db", db, "-"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
