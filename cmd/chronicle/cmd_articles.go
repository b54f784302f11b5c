package main

import "context"

// Owned by the web-input issue (9): eval articles.

func (m *Main) evalArticles(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "eval articles", 9)
}
