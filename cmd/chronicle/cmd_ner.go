package main

import "context"

// Owned by the Entities issue (4): annotate --task ner --format conll, eval conll, train ner.

func (m *Main) annotateCoNLL(ctx context.Context, o annotateOptions) error {
	return notYet(m.Stderr, "annotate --task ner --format conll", 4)
}

func (m *Main) evalCoNLL(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "eval conll", 4)
}

func (m *Main) trainNER(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "train ner", 4)
}
