package main

import "context"

// Owned by the Events issue (6): annotate --task events --format petrarch, eval petrarch, eval plover.

func (m *Main) annotatePetrarch(ctx context.Context, o annotateOptions) error {
	return notYet(m.Stderr, "annotate --task events --format petrarch", 6)
}

func (m *Main) evalPetrarch(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "eval petrarch", 6)
}

func (m *Main) evalPlover(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "eval plover", 6)
}
