package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"chronicle"
	"chronicle/actors"
	"chronicle/eval"
	"chronicle/ner"
	"chronicle/quotes"
	"chronicle/text"
)

// Owned by the Quotes issue (5): annotate --task quotes --format brat, eval polnear.

// quotesOf runs the stages the quotes extractor needs over one plain text (segmentation,
// tagging and names, entities as of date) and returns its quotes in byte offsets.
func quotesOf(txt string, date time.Time) ([]chronicle.Quote, error) {
	d := text.Segment(txt)
	rec, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("quotes: loading the NER model: %w", err)
	}
	rec.Tag(d)
	kb, err := actors.Default()
	if err != nil {
		return nil, fmt.Errorf("quotes: loading the actors: %w", err)
	}
	return quotes.Extract(d, kb.Entities(d, date)), nil
}

// fileDate returns the date given with --date, else a YYYY-MM-DD in the file name, else the
// zero time (undated).
func fileDate(flagDate, path string) time.Time {
	if t, err := time.Parse(chronicle.DateLayout, flagDate); err == nil {
		return t
	}
	base := filepath.Base(path)
	for i := 0; i+10 <= len(base); i++ {
		if t, err := time.Parse(chronicle.DateLayout, base[i:i+10]); err == nil {
			return t
		}
	}
	return time.Time{}
}

// annotateBrat writes DIR/<name>.ann (brat standoff, code-point offsets) for each <name>.txt.
func (m *Main) annotateBrat(ctx context.Context, o annotateOptions) error {
	if o.Out == "" {
		return &usageError{message: "annotate --task quotes --format brat: --out DIR is required",
			hint: "chronicle annotate --task quotes --format brat --out DIR FILE.txt..."}
	}
	if len(o.Files) == 0 {
		return &usageError{message: "annotate --task quotes --format brat: no input files",
			hint: "chronicle annotate --task quotes --format brat --out DIR FILE.txt..."}
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	failed := 0
	for _, f := range o.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := annotateBratFile(f, o.Out, fileDate(o.Date, f)); err != nil {
			fmt.Fprintln(m.Stderr, "chronicle:", err)
			failed++
		}
	}
	if failed > 0 {
		return errFailedInputs
	}
	return nil
}

func annotateBratFile(path, outDir string, date time.Time) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	txt := string(raw)
	qs, err := quotesOf(txt, date)
	if err != nil {
		return err
	}
	b := eval.QuotesBrat(txt, qs)
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + ".ann"
	f, err := os.Create(filepath.Join(outDir, name))
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	if err := eval.WriteBrat(f, b); err != nil {
		f.Close()
		return fmt.Errorf("annotate %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("annotate %s: %w", path, err)
	}
	return nil
}

// evalPolNeAR scores attribution against a PolNeAR split:
//
//	chronicle eval polnear [--pred DIR] SPLIT-DIR
//
// Without --pred it annotates SPLIT-DIR/text/*.txt itself; with it, it scores the .ann files
// in DIR (one <name>.ann per article, as annotate --task quotes --format brat writes them).
func (m *Main) evalPolNeAR(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval polnear", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	pred := fs.String("pred", "", "directory of predicted <name>.ann files (default: annotate the texts now)")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	if fs.NArg() != 1 {
		return &usageError{message: "eval polnear: want one PolNeAR split directory",
			hint: "chronicle eval polnear [--pred DIR] ../shared/data/polnear/dev"}
	}
	arts, err := eval.PolNeARArticles(fs.Arg(0))
	if err != nil {
		return err
	}
	docs := make([]eval.PolNeARDoc, 0, len(arts))
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := os.ReadFile(a.TextPath)
		if err != nil {
			return fmt.Errorf("eval polnear: %w", err)
		}
		txt := string(raw)
		gold, err := eval.ReadBratFile(a.AnnPath)
		if err != nil {
			return fmt.Errorf("eval polnear: %w", err)
		}
		doc := eval.PolNeARDoc{Name: a.Name, Text: txt, Gold: gold.Attributions()}
		var pb *eval.Brat
		if *pred != "" {
			pb, err = eval.ReadBratFile(filepath.Join(*pred, a.Name+".ann"))
			if os.IsNotExist(err) {
				pb, err = &eval.Brat{}, nil // no prediction file: nothing predicted
			}
			if err != nil {
				return fmt.Errorf("eval polnear: %w", err)
			}
		} else {
			qs, err := quotesOf(txt, fileDate("", a.TextPath))
			if err != nil {
				return err
			}
			pb = eval.QuotesBrat(txt, qs)
		}
		doc.Pred, doc.Invalid = eval.ValidAttributions(pb, txt)
		docs = append(docs, doc)
	}
	eval.WritePolNeARReport(m.Stdout, eval.ScorePolNeAR(docs))
	return nil
}
