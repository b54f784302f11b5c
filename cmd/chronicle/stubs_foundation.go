package main

import "context"

// Foundation commands (issue 2), being written.

func (m *Main) ingest(ctx context.Context, args []string) error { return notYet(m.Stderr, "ingest", 2) }
func (m *Main) extract(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "extract", 2)
}
func (m *Main) reprocess(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "reprocess", 2)
}
func (m *Main) events(ctx context.Context, args []string) error { return notYet(m.Stderr, "events", 2) }
func (m *Main) quotes(ctx context.Context, args []string) error { return notYet(m.Stderr, "quotes", 2) }
func (m *Main) entities(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "entities", 2)
}
func (m *Main) search(ctx context.Context, args []string) error { return notYet(m.Stderr, "search", 2) }
func (m *Main) show(ctx context.Context, args []string) error   { return notYet(m.Stderr, "show", 2) }
