package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"chronicle/clean"
	"chronicle/eval"
	"chronicle/read"
)

// evalArticles scores article-body extraction on the article-extraction benchmark
// (METRICS.md, "Article body"): every page is read as `chronicle ingest` reads a web page
// (go-trafilatura with its fallback, then chronicle's own cleaning) and its text compared with
// the hand-checked body by the benchmark's shingle metric.
func (m *Main) evalArticles(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval articles", "[flags] DIR", "Score article-body extraction on the article-extraction benchmark (DIR holds ground-truth.json and html/ID.html.gz).\nPrints precision, recall and F1 of 4-token shingles (averaged over pages) and exact-match accuracy,\nof chronicle's text and, as the baseline, of go-trafilatura's own text.")
	verbose := fs.Bool("v", false, "print one row per page, worst first")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{message: "eval articles: give the benchmark directory", hint: "chronicle eval articles ../shared/data/article-extraction-benchmark"}
	}
	dir := fs.Arg(0)
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return &usageError{message: fmt.Sprintf("eval articles: %v", err), hint: "DIR must hold ground-truth.json and html/"}
	}
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		return fmt.Errorf("eval articles: %s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	type row struct {
		id     string
		counts eval.BodyCounts
	}
	var ours, baseline eval.BodyScore
	var rows []row
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := readGzipFile(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return fmt.Errorf("eval articles: %w", err)
		}
		// The fallback date only keeps undated pages from being refused; dates are not scored.
		a, err := read.HTML(read.Page{Source: id, URL: gold[id].URL, Body: page}, read.Options{Date: "2000-01-01"})
		text := ""
		if err == nil {
			text = a.Text
		} else {
			fmt.Fprintf(m.Stderr, "chronicle: %s: %v\n", id, err)
		}
		cleaned, _ := clean.Clean(text)
		c := eval.ScoreBody(gold[id].ArticleBody, cleaned)
		ours.Add(c)
		rows = append(rows, row{id, c})
		// The baseline: go-trafilatura alone, its own plain text, same options.
		plain := ""
		if res, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{EnableFallback: true, ExcludeComments: true}); err == nil {
			plain = res.ContentText
		}
		baseline.Add(eval.ScoreBody(gold[id].ArticleBody, plain))
	}
	w := m.Stdout
	if *verbose {
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].counts.TP < rows[j].counts.TP })
		t := table{header: []string{"page", "tp", "fp", "fn", "exact"}}
		for _, r := range rows {
			t.add(r.id[:min(12, len(r.id))], fmt.Sprintf("%.3f", r.counts.TP), fmt.Sprintf("%.3f", r.counts.FP), fmt.Sprintf("%.3f", r.counts.FN), fmt.Sprint(r.counts.Exact))
		}
		t.write(w, "table", 0)
		fmt.Fprintln(w)
	}
	t := table{header: []string{"text", "pages", "precision", "recall", "F1", "accuracy"}}
	for _, s := range []struct {
		name string
		s    *eval.BodyScore
	}{{"chronicle", &ours}, {"go-trafilatura alone", &baseline}} {
		t.add(s.name, fmt.Sprint(s.s.Pages), fmt.Sprintf("%.4f", s.s.Precision()), fmt.Sprintf("%.4f", s.s.Recall()),
			fmt.Sprintf("%.4f", s.s.F1()), fmt.Sprintf("%.4f", s.s.Accuracy()))
	}
	t.write(w, "table", 0)
	fmt.Fprintf(w, "pages=%d precision=%.4f recall=%.4f f1=%.4f accuracy=%.4f trafilatura_f1=%.4f\n",
		ours.Pages, ours.Precision(), ours.Recall(), ours.F1(), ours.Accuracy(), baseline.F1())
	return nil
}

// readGzipFile returns the decompressed content of a gzip file.
func readGzipFile(p string) ([]byte, error) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return b, nil
}
