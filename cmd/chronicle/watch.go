package main

import "context"

func (m *Main) watch(ctx context.Context, args []string) error {
	return notYet(m.Stderr, "watch", 9)
}
