package main

import "context"

// Owned by the Time issue (3): annotate --task timex --format timeml, eval timeml.

func (m *Main) annotateTimeML(ctx context.Context, o annotateOptions) error {
	return notYet(m.Stderr, "annotate --task timex --format timeml", 3)
}

func (m *Main) evalTimeML(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "eval timeml", 3)
}
