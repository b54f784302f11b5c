package main

import "context"

// Owned by the Quotes issue (5): annotate --task quotes --format brat, eval polnear.

func (m *Main) annotateBrat(ctx context.Context, o annotateOptions) error {
	return notYet(m.Stderr, "annotate --task quotes --format brat", 5)
}

func (m *Main) evalPolNeAR(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "eval polnear", 5)
}
