package postgres

import (
	"context"
	"reflect"
	"testing"

	"chronicle"
	"chronicle/postgres/pgtest"
	"chronicle/storetest"
)

// TestBackfillArgs: the arguments of events stored before migration 0005 are computed when it
// runs, and the events answer as if stored now.
func TestBackfillArgs(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	as := []*chronicle.Article{storetest.Article(1, "2025-07-03"), storetest.Article(2, "2025-06-10"), storetest.Article(3, "2025-05-01")}
	if _, err := s.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	filters := []chronicle.EventFilter{{Actor: "Putin"}, {Actor: "RUS"}, {Actor: "Q22686"}, {Pair: []string{"Trump", "Putin"}},
		{Actor: "Trumpp", ActorForms: []string{"Donald Trump"}}, {Pair: []string{"Russia", "Ushakov"}}}
	var before [][]chronicle.Event
	for _, f := range filters {
		evs, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		before = append(before, evs)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE events SET source_arg = 0, target_arg = 0; DELETE FROM args`); err != nil {
		t.Fatal(err)
	}
	if err := backfillArgs(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	for i, f := range filters {
		evs, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(evs, before[i]) || len(evs) == 0 && i != 5 {
			t.Errorf("Events(%+v) after the backfill:\n got %v\nwant %v", f, evs, before[i])
		}
	}
}
