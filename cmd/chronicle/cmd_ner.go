package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"chronicle/eval"
	"chronicle/ner"
)

// Owned by the Entities issue (4): annotate --task ner --format conll, eval conll, train ner.

// annotateCoNLL runs `chronicle annotate --task ner --format conll`: it reads CoNLL-2003
// columns (stdin, or the files given) and writes every line with one more column, the
// predicted IOB2 tag; blank and -DOCSTART- lines are kept as they are.
func (m *Main) annotateCoNLL(ctx context.Context, o annotateOptions) error {
	rec, err := ner.Default()
	if err != nil {
		return err
	}
	w := bufio.NewWriter(m.Stdout)
	if len(o.Files) == 0 {
		if err := annotateCoNLLStream(ctx, rec, m.Stdin, w); err != nil {
			return err
		}
		return w.Flush()
	}
	for _, name := range o.Files {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("annotate: %w", err)
		}
		err = annotateCoNLLStream(ctx, rec, f, w)
		f.Close()
		if err != nil {
			return fmt.Errorf("annotate: %s: %w", name, err)
		}
	}
	return w.Flush()
}

// annotateCoNLLStream tags CoNLL lines from r document by document and writes them to w with
// the predicted tag appended.
func annotateCoNLLStream(ctx context.Context, rec *ner.Recognizer, r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var lines []string
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	tags := make([]string, len(lines))
	// A document runs up to the next -DOCSTART- line; sentences are separated by blank lines.
	var sents [][]string
	var idx []int // line index of each token, in order
	var cur []string
	flushDoc := func() {
		if len(cur) > 0 {
			sents = append(sents, cur)
			cur = nil
		}
		if len(sents) == 0 {
			return
		}
		d := ner.DocFromTokens(sents)
		rec.Tag(d)
		for k, t := range d.Tokens {
			tags[idx[k]] = t.NER
		}
		sents, idx = sents[:0], idx[:0]
	}
	for i, line := range lines {
		if i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
			if len(cur) > 0 {
				sents = append(sents, cur)
				cur = nil
			}
		case f[0] == "-DOCSTART-":
			flushDoc()
		default:
			cur = append(cur, f[0])
			idx = append(idx, i)
		}
	}
	flushDoc()
	for i, line := range lines {
		if tags[i] == "" {
			io.WriteString(w, line)
		} else {
			io.WriteString(w, line)
			io.WriteString(w, " ")
			io.WriteString(w, tags[i])
		}
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	return nil
}

// evalCoNLL runs `chronicle eval conll FILE`: FILE holds CoNLL-2003 gold columns; the embedded
// model tags it and conlleval's metrics are printed (per type, then a key=value line). With
// --pred, FILE already has the predicted tag as its last column and is scored as it is.
func (m *Main) evalCoNLL(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval conll", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	pred := fs.Bool("pred", false, "FILE already holds predictions as its last column (conlleval input)")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	if fs.NArg() != 1 {
		return &usageError{message: "eval conll: want one file", hint: "chronicle eval conll ../shared/data/conll2003-en/eng.testa (or --pred FILE with a predicted last column; - for stdin)"}
	}
	var in io.Reader = m.Stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("eval conll: %w", err)
		}
		defer f.Close()
		in = f
	}
	if !*pred {
		rec, err := ner.Default()
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := annotateCoNLLStream(ctx, rec, in, &b); err != nil {
			return fmt.Errorf("eval conll: %w", err)
		}
		in = &b
	}
	s, err := eval.ScoreCoNLL(in)
	if err != nil {
		return fmt.Errorf("eval conll: %w", err)
	}
	return s.Write(m.Stdout)
}

// trainNER runs `chronicle train ner`: it derives the lexicon from the shared data, trains the
// POS tagger, chunker and NER on eng.train with early stopping on eng.testa, and writes the
// model file that package ner embeds.
func (m *Main) trainNER(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data"), "shared data directory")
	seed := fs.Uint64("seed", 1, "shuffling seed (equal seeds give identical models)")
	out := fs.String("out", filepath.Join("ner", "model.bin.gz"), "model file to write")
	epochs := fs.Int("max-epochs", 30, "maximum epochs per tagger")
	patience := fs.Int("patience", 3, "epochs without dev improvement before stopping")
	limit := fs.Int("limit", 0, "train on the first N documents only (0: all)")
	noLex := fs.Bool("no-lexicon", false, "skip word clusters and gazetteers")
	lexCache := fs.String("lexicon-cache", "", "file caching the derived lexicon (read if it exists, else written): for experiments")
	folds := fs.Int("folds", 0, "jackknife the POS and chunk tags the NER trains on over N folds (0: off)")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	r, rep, err := ner.Train(ctx, ner.TrainOptions{Data: *data, Seed: *seed, MaxEpochs: *epochs, Patience: *patience,
		Limit: *limit, NoLexicon: *noLex, LexiconCache: *lexCache, Folds: *folds, Log: m.Stderr})
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := r.WriteModel(f); err != nil {
		f.Close()
		return fmt.Errorf("train ner: writing %s: %w", *out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	fmt.Fprintf(m.Stdout, "pos_acc=%.4f pos_epoch=%d chunk_acc=%.4f chunk_epoch=%d ner_f1=%.4f ner_epoch=%d\n",
		rep.POSAcc, rep.POSEpoch, rep.ChunkAcc, rep.ChunkEpoch, rep.NERF1, rep.NEREpoch)
	return nil
}
