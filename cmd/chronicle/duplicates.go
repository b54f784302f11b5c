package main

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"chronicle/cluster"
	"chronicle/internal/reuters"
)

// evalDuplicates runs `chronicle eval duplicates [--data DIR] [--reuters N] [--seed S]`: it
// builds the near-duplicate test set from the real articles of ../shared/data (the 2023 news
// sample, the Giveme5W1H gold articles, the first N Reuters-21578 bodies), one copy of each
// with typical edits made by cluster.MakeCopy, and scores detection (cluster.EvalDuplicates).
func (m *Main) evalDuplicates(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval duplicates", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "the shared data directory")
	nReuters := fs.Int("reuters", 2000, "how many Reuters-21578 bodies to read (before the length filter)")
	minWords := fs.Int("min-words", 60, "skip articles shorter than this many words")
	seed := fs.Uint64("seed", 1, "seed of the copy generator")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	docs, err := loadDupDocs(*data, *nReuters)
	if err != nil {
		return err
	}
	kept := docs[:0]
	for _, d := range docs {
		if len(strings.Fields(d.Text)) >= *minWords {
			kept = append(kept, d)
		}
	}
	s := cluster.EvalDuplicates(kept, *seed)
	s.Write(m.Stdout)
	return nil
}

// loadDupDocs reads the real articles of the duplicate test set.
func loadDupDocs(data string, nReuters int) ([]cluster.DupDoc, error) {
	var docs []cluster.DupDoc
	// The 2023 news sample.
	f, err := os.Open(filepath.Join(data, "news-2023-03-newsdata-sample", "cleaned.csv.gz"))
	if err != nil {
		return nil, fmt.Errorf("eval duplicates: %w (--data names ../shared/data)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("eval duplicates: %w", err)
	}
	cr := csv.NewReader(zr)
	cr.FieldsPerRecord = -1
	for i := 0; ; i++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("eval duplicates: news sample: %w", err)
		}
		if i == 0 || len(rec) < 6 {
			continue
		}
		docs = append(docs, cluster.DupDoc{ID: fmt.Sprintf("news-%d", i), Date: first10(rec[1]), Title: rec[2], Text: rec[5]})
	}
	// Giveme5W1H: 12 stories, several articles each.
	var files []string
	for _, sub := range []string{"data", "data_damaged"} {
		fs, _ := filepath.Glob(filepath.Join(data, "giveme5w1h-gold", sub, "*.json"))
		files = append(files, fs...)
	}
	sort.Strings(files)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("eval duplicates: %w", err)
		}
		var g struct {
			Title, Description, Text, Category string
			Date                               string `json:"date_publish"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("eval duplicates: %s: %w", p, err)
		}
		txt := g.Text
		if !strings.Contains(txt, g.Description) {
			txt = g.Description + "\n\n" + txt
		}
		docs = append(docs, cluster.DupDoc{ID: "5w1h-" + strings.TrimSuffix(filepath.Base(p), ".json")[:12], Date: first10(g.Date),
			Title: g.Title, Text: txt, Story: g.Category})
	}
	// Reuters-21578.
	if nReuters > 0 {
		stories, err := reuters.Load(filepath.Join(data, "reuters21578"), nReuters)
		if err != nil {
			return nil, fmt.Errorf("eval duplicates: %w", err)
		}
		for _, s := range stories {
			docs = append(docs, cluster.DupDoc{ID: "reuters-" + s.ID, Date: s.Date, Title: s.Title, Text: s.Body})
		}
	}
	return docs, nil
}

func first10(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}
