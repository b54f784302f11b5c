package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"chronicle"
	"chronicle/pipeline"
	"chronicle/postgres"
	"chronicle/postgres/pgtest"
	"chronicle/read"
	"chronicle/sqlite"
)

// BenchmarkIngestPostgres runs `chronicle ingest -` over 500 Reuters bodies into a new
// PostgreSQL schema: BenchmarkIngest (bench_test.go) on PostgreSQL.
func BenchmarkIngestPostgres(b *testing.B) {
	input, words := reutersJSONL(b, 500)
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		b.StopTimer()
		dsn := pgtest.DSN(b)
		b.StartTimer()
		m := &Main{Stdin: bytes.NewReader(input), Stdout: io.Discard, Stderr: io.Discard}
		if err := m.Run(context.Background(), []string{"ingest", "--quiet", "--db", dsn, "-"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkWork runs `chronicle enqueue` then `chronicle work --until-empty` over 500 Reuters
// bodies on PostgreSQL: the many-workers path on one machine.
func BenchmarkWork(b *testing.B) {
	input, words := reutersJSONL(b, 500)
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		b.StopTimer()
		dsn := pgtest.DSN(b)
		b.StartTimer()
		for _, args := range [][]string{{"enqueue", "--db", dsn, "-"}, {"work", "--db", dsn, "--until-empty", "--quiet"}} {
			m := &Main{Stdin: bytes.NewReader(input), Stdout: io.Discard, Stderr: io.Discard}
			if err := m.Run(context.Background(), args); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkStore measures the stores alone: 500 Reuters articles, extracted once before the
// clock starts, stored in batches of 64 with the cross-article update, as ingest does.
func BenchmarkStore(b *testing.B) {
	input, words := reutersJSONL(b, 500)
	p, err := pipeline.Default(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var as []*chronicle.Article
	for a, err := range read.All([]string{"-"}, read.Options{Stdin: bytes.NewReader(input)}) {
		if err != nil {
			b.Fatal(err)
		}
		p.Process(a)
		as = append(as, a)
	}
	clone := func() []*chronicle.Article {
		out := make([]*chronicle.Article, len(as))
		for i, a := range as {
			raw, _ := json.Marshal(a)
			c := &chronicle.Article{}
			json.Unmarshal(raw, c)
			c.Key, c.Offsets = a.Key, a.Offsets
			out[i] = c
		}
		return out
	}
	store := func(b *testing.B, st chronicle.Store) {
		ctx := context.Background()
		batch := clone()
		for lo := 0; lo < len(batch); lo += 64 {
			part := batch[lo:min(lo+64, len(batch))]
			res, err := st.PutArticles(ctx, part)
			if err != nil {
				b.Fatal(err)
			}
			if err := updateClusters(ctx, st, created(part, res)); err != nil {
				b.Fatal(err)
			}
		}
	}
	run := func(b *testing.B, open func(i int) chronicle.Store) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			st := open(i)
			b.StartTimer()
			store(b, st)
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(len(as))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	}
	b.Run("sqlite", func(b *testing.B) {
		dir := b.TempDir()
		run(b, func(i int) chronicle.Store {
			st, err := sqlite.Open(context.Background(), filepath.Join(dir, fmt.Sprintf("s%d.db", i)))
			if err != nil {
				b.Fatal(err)
			}
			return st
		})
	})
	b.Run("postgres", func(b *testing.B) {
		run(b, func(int) chronicle.Store {
			st, err := postgres.Open(context.Background(), pgtest.DSN(b))
			if err != nil {
				b.Fatal(err)
			}
			return st
		})
	})
}
