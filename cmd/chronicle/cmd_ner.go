package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"chronicle/ner"
)

// Owned by the Entities issue (4): annotate --task ner --format conll, eval conll, train ner.

func (m *Main) annotateCoNLL(ctx context.Context, o annotateOptions) error {
	return notYet(m.Stderr, "annotate --task ner --format conll", 4)
}

func (m *Main) evalCoNLL(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "eval conll", 4)
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
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	r, rep, err := ner.Train(ner.TrainOptions{Data: *data, Seed: *seed, MaxEpochs: *epochs, Patience: *patience,
		Limit: *limit, NoLexicon: *noLex, Log: m.Stderr})
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
