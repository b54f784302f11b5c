package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"chronicle/eval"
	"chronicle/events"
	"chronicle/ner"
	"chronicle/petrarch"
	"chronicle/text"
)

// Owned by the Events issue (6): annotate --task events --format petrarch, eval petrarch, eval plover.

// annotatePetrarch codes each record of PETRARCH validation files from its Text and date and
// prints `sentence_id<TAB>eventcode<TAB>sourcecode<TAB>targetcode` lines.
func (m *Main) annotatePetrarch(ctx context.Context, o annotateOptions) error {
	if len(o.Files) == 0 {
		return &usageError{message: "annotate --task events: no records file", hint: "chronicle annotate --task events --format petrarch [--dictionaries DIR] RECORDS.xml > OUT.tsv"}
	}
	w := bufio.NewWriter(m.Stdout)
	defer w.Flush()
	for _, f := range o.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		trips, err := codeRecordsFile(f, o.Dictionaries)
		if err != nil {
			return err
		}
		for _, t := range trips {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", t.Sentence, t.Code, t.Source, t.Target)
		}
	}
	return w.Flush()
}

// codeRecordsFile reads a validation file and codes every record with the dictionaries its
// <Environment> names (from dictDir, else the embedded production ones) and its <Config>.
func codeRecordsFile(path, dictDir string) ([]eval.PetrarchTriple, error) {
	rf, err := readRecords(path)
	if err != nil {
		return nil, err
	}
	coder, err := recordsCoder(rf, dictDir)
	if err != nil {
		return nil, err
	}
	tagger, _ := ner.Default() // POS tags when the model is there; the coder copes without
	var out []eval.PetrarchTriple
	for i := range rf.Records {
		r := &rf.Records[i]
		if r.Text == "" {
			continue
		}
		c := coder.WithOptions(recordOptions(r.Config))
		d := text.Segment(r.Text)
		if tagger != nil {
			tagger.Tag(d)
		}
		for _, e := range c.CodeDoc(d, recordDate(r.Date)) {
			out = append(out, eval.PetrarchTriple{Sentence: r.ID, Code: e.Code, Source: orUnknown(e.Source), Target: orUnknown(e.Target)})
		}
	}
	return out, nil
}

func readRecords(path string) (*petrarch.RecordFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading PETRARCH records: %w", err)
	}
	rf, _ := petrarch.ReadRecords(path, string(b)) // malformed parts are skipped
	return rf, nil
}

func recordsCoder(rf *petrarch.RecordFile, dictDir string) (*events.Coder, error) {
	if dictDir == "" {
		return events.Default()
	}
	src, err := events.ReadSources(events.EnvFiles(dictDir, rf.Env))
	if err != nil {
		return nil, fmt.Errorf("%w (--dictionaries names the folder holding the files the records' <Environment> lists)", err)
	}
	return events.New(events.Compile(src), events.DefaultOptions()), nil
}

// recordOptions maps PETRARCH <Config> options onto coder options.
func recordOptions(cfg map[string]string) events.Options {
	o := events.DefaultOptions()
	o.YearDiscards = true
	if v, ok := cfg["require_dyad"]; ok {
		o.RequireDyad = !strings.EqualFold(strings.TrimSpace(v), "false")
	}
	if v, ok := cfg["new_actor_length"]; ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			o.NewActorLength = n
		}
	}
	return o
}

// recordDate turns a record date into YYYYMMDD (a 6-digit date is YYMMDD).
func recordDate(d string) string {
	d = strings.TrimSpace(d)
	if len(d) == 6 {
		if d[:2] < "30" {
			return "20" + d
		}
		return "19" + d
	}
	return d
}

func orUnknown(code string) string {
	if code == "" {
		return "---"
	}
	return code
}

// evalPetrarch runs `chronicle eval petrarch [--dictionaries DIR] [--pred OUT.tsv] RECORDS.xml`:
// it codes the records (or reads predictions from --pred) and prints the METRICS.md tables.
func (m *Main) evalPetrarch(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval petrarch", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	dicts := fs.String("dictionaries", "", "folder of the dictionaries the records' <Environment> names (default: the embedded production dictionaries)")
	pred := fs.String("pred", "", "prediction file (sentence_id, eventcode, sourcecode, targetcode; tab-separated) instead of coding the records")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	if fs.NArg() != 1 {
		return &usageError{message: "eval petrarch: want one records file", hint: "chronicle eval petrarch [--dictionaries DIR] [--pred OUT.tsv] RECORDS.xml"}
	}
	rf, err := readRecords(fs.Arg(0))
	if err != nil {
		return err
	}
	var trips []eval.PetrarchTriple
	if *pred != "" {
		f, err := os.Open(*pred)
		if err != nil {
			return fmt.Errorf("eval petrarch: %w", err)
		}
		defer f.Close()
		if trips, err = eval.ReadPetrarchPredictions(f); err != nil {
			return err
		}
	} else if trips, err = codeRecordsFile(fs.Arg(0), *dicts); err != nil {
		return err
	}
	s := eval.ScorePetrarch(rf, trips)
	eval.WritePetrarch(m.Stdout, &s)
	return nil
}

// evalPlover runs `chronicle eval plover [--part all|tune|heldout] [--pred FILE]
// PLOVER_GSR_CAMEO.json`: it codes each record's text with the embedded dictionaries, takes
// the PLOVER category of its main clause (or reads `id<TAB>CATEGORY` predictions from --pred)
// and prints the category accuracy, over all records or one part of the split.
func (m *Main) evalPlover(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval plover", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	pred := fs.String("pred", "", "prediction file (id<TAB>CATEGORY) instead of coding the records")
	part := fs.String("part", "all", "records to score: all, tune (the two thirds rules were developed on) or heldout (the rest; see eval.PloverPart)")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	if fs.NArg() != 1 {
		return &usageError{message: "eval plover: want one gold file", hint: "chronicle eval plover [--part all|tune|heldout] [--pred FILE] PLOVER_GSR_CAMEO.json"}
	}
	switch *part {
	case "all", "tune", "heldout":
	default:
		return &usageError{message: "eval plover: --part must be all, tune or heldout", hint: "chronicle eval plover --part heldout PLOVER_GSR_CAMEO.json"}
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("eval plover: %w", err)
	}
	defer f.Close()
	gold, err := eval.ReadPloverGSR(f)
	if err != nil {
		return err
	}
	if *part != "all" {
		kept := gold[:0]
		for _, g := range gold {
			if eval.PloverPart(g.ID) == *part {
				kept = append(kept, g)
			}
		}
		gold = kept
	}
	var preds map[string]string
	if *pred != "" {
		pf, err := os.Open(*pred)
		if err != nil {
			return fmt.Errorf("eval plover: %w", err)
		}
		defer pf.Close()
		if preds, err = eval.ReadPloverPredictions(pf); err != nil {
			return err
		}
	} else if preds, err = ploverPredictions(gold); err != nil {
		return err
	}
	s := eval.ScorePlover(gold, preds)
	eval.WritePlover(m.Stdout, &s)
	return nil
}

// ploverPredictions codes each record and returns the PLOVER category of its main clause
// (events.Coder.PloverCategory).
func ploverPredictions(gold []eval.PloverRecord) (map[string]string, error) {
	coder, err := events.Default()
	if err != nil {
		return nil, err
	}
	tagger, _ := ner.Default()
	out := map[string]string{}
	for _, g := range gold {
		d := text.Segment(g.Text)
		if tagger != nil {
			tagger.Tag(d)
		}
		out[g.ID] = coder.PloverCategory(d)
	}
	return out, nil
}
