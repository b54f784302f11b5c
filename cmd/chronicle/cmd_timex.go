package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"chronicle"
	"chronicle/eval"
	"chronicle/ner"
	"chronicle/text"
	"chronicle/timex"
	"chronicle/timex/timeml"
)

// Owned by the Time issue (3): annotate --task timex --format timeml, eval timeml.

// annotateTimeML writes, for each TimeML file, DIR/<same name> with the predicted TIMEX3 tags
// in TEXT (existing ones removed; TEXT otherwise byte-identical).
func (m *Main) annotateTimeML(ctx context.Context, o annotateOptions) error {
	if o.Out == "" {
		return &usageError{message: "annotate --format timeml: --out DIR is required", hint: "chronicle annotate --task timex --format timeml --out DIR FILE.tml..."}
	}
	files, err := timeMLFiles(o.Files)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &usageError{message: "annotate --format timeml: no input files", hint: "chronicle annotate --task timex --format timeml --out DIR FILE.tml..."}
	}
	fallback, err := parseDateFlag(o.Date)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	failed := 0
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := timeml.ReadFile(f)
		if err != nil {
			fmt.Fprintln(m.Stderr, "chronicle:", err)
			failed++
			continue
		}
		ts, diags, err := tagTimeML(d, fallback)
		if err != nil {
			return err
		}
		for _, dg := range diags {
			fmt.Fprintf(m.Stderr, "%s:%d: %s\n", d.Name, dg.Start, dg.Message)
		}
		out := filepath.Join(o.Out, filepath.Base(f))
		if err := os.WriteFile(out, d.Write(ts), 0o644); err != nil {
			return fmt.Errorf("annotate: %w", err)
		}
	}
	if failed > 0 {
		return errFailedInputs
	}
	return nil
}

// tagTimeML runs the pipeline's stages up to timex over a TimeML document's TEXT: the ner
// tagger (POS tags, which the timex tagger reads for tense, and name mentions), then the timex
// tagger against the document's DCT (else fallback), which drops expressions inside PER/ORG
// names as the pipeline does.
func tagTimeML(d *timeml.Doc, fallback time.Time) ([]chronicle.Timex, []chronicle.Diagnostic, error) {
	dct := d.DCTTime
	if dct.IsZero() {
		dct = fallback
	}
	rec, err := ner.Default()
	if err != nil {
		return nil, nil, fmt.Errorf("timex: %w", err)
	}
	doc := text.Segment(d.Text)
	rec.Tag(doc)
	ts, diags := timex.TagDiag(doc, dct)
	return ts, diags, nil
}

func parseDateFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(chronicle.DateLayout, s)
	if err != nil {
		return time.Time{}, &usageError{message: fmt.Sprintf("--date %q: not a YYYY-MM-DD date", s)}
	}
	return t, nil
}

// timeMLFiles expands directories into their *.tml files (sorted); files are kept as given.
func timeMLFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%w", err)
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		ms, err := filepath.Glob(filepath.Join(a, "*.tml"))
		if err != nil {
			return nil, err
		}
		sort.Strings(ms)
		files = append(files, ms...)
	}
	return files, nil
}

const evalTimeMLUsage = `usage: chronicle eval timeml [--pred DIR] [--errors] GOLD.tml|GOLD_DIR...

Scores TIMEX3 extraction and normalisation as TempEval-3 Task A (METRICS.md, "Time"): strict
and relaxed span P/R/F1, type and value accuracy, type and value F1, per type and in total.
Without --pred the gold documents are annotated by chronicle (their TIMEX3 tags stripped first);
with --pred DIR the files of the same name in DIR are scored (e.g. the output of
'chronicle annotate --task timex --format timeml --out DIR'). --errors lists every missed,
spurious and wrongly normalised expression on stderr. The last line is key=value pairs.
`

func (m *Main) evalTimeML(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval timeml", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() { fmt.Fprint(m.Stderr, evalTimeMLUsage) }
	pred := fs.String("pred", "", "directory of predicted TimeML files (default: annotate the gold files)")
	showErrors := fs.Bool("errors", false, "list errors on stderr")
	date := fs.String("date", "", "fallback document date YYYY-MM-DD for files without a DCT")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	files, err := timeMLFiles(fs.Args())
	if err != nil {
		return &usageError{message: "eval timeml: " + err.Error(), hint: "chronicle eval timeml [--pred DIR] GOLD.tml|GOLD_DIR..."}
	}
	if len(files) == 0 {
		return &usageError{message: "eval timeml: no gold files", hint: "chronicle eval timeml [--pred DIR] GOLD.tml|GOLD_DIR..."}
	}
	fallback, err := parseDateFlag(*date)
	if err != nil {
		return err
	}
	score := eval.NewTimeMLScore()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		g, err := timeml.ReadFile(f)
		if err != nil {
			return fmt.Errorf("eval timeml: %w", err)
		}
		gold := eval.TimeMLDoc{Name: g.Name, Text: g.Text, Timexes: g.Timexes}
		var p eval.TimeMLDoc
		if *pred != "" {
			pd, err := timeml.ReadFile(filepath.Join(*pred, filepath.Base(f)))
			if err != nil {
				return fmt.Errorf("eval timeml: %w", err)
			}
			p = eval.TimeMLDoc{Name: pd.Name, Text: pd.Text, Timexes: pd.Timexes}
		} else {
			ts, _, err := tagTimeML(g, fallback)
			if err != nil {
				return err
			}
			p = eval.TimeMLDoc{Name: g.Name, Text: g.Text, Timexes: ts}
		}
		if err := score.AddTimeML(gold, p); err != nil {
			return err
		}
		if *showErrors {
			writeTimexErrors(m.Stderr, g.DCT, gold, p)
		}
	}
	return score.WriteReport(m.Stdout)
}

// writeTimexErrors lists, for one document, missed (-), spurious (+), span (~) and value or
// type (!) errors, with a little context.
func writeTimexErrors(w io.Writer, dct string, gold, pred eval.TimeMLDoc) {
	pairs, _ := eval.AlignTimexes(gold.Text, gold.Timexes, pred.Timexes)
	gp := map[int]int{}
	pp := map[int]bool{}
	for _, p := range pairs {
		gp[p.Gold] = p.Pred
		pp[p.Pred] = true
	}
	ctx := func(s, e int) string {
		a, b := max(0, s-40), min(len(gold.Text), e+40)
		return strings.ReplaceAll(gold.Text[a:s]+"[["+gold.Text[s:e]+"]]"+gold.Text[e:b], "\n", " ")
	}
	for i, g := range gold.Timexes {
		j, ok := gp[i]
		if !ok {
			fmt.Fprintf(w, "- %s %s %q %s %s | %s\n", gold.Name, dct, g.Text, g.Type, g.Value, ctx(g.Start, g.End))
			continue
		}
		p := pred.Timexes[j]
		if p.Start != g.Start || p.End != g.End {
			fmt.Fprintf(w, "~ %s %s %q→%q %s %s→%s %s\n", gold.Name, dct, g.Text, p.Text, g.Type, g.Value, p.Type, p.Value)
		}
		if p.Value != g.Value || p.Type != g.Type {
			fmt.Fprintf(w, "! %s %s %q %s %s → %s %s | %s\n", gold.Name, dct, g.Text, g.Type, g.Value, p.Type, p.Value, ctx(g.Start, g.End))
		}
	}
	for j, p := range pred.Timexes {
		if !pp[j] {
			fmt.Fprintf(w, "+ %s %s %q %s %s | %s\n", gold.Name, dct, p.Text, p.Type, p.Value, ctx(p.Start, p.End))
		}
	}
}
