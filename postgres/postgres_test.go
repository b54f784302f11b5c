package postgres_test

import (
	"context"
	"testing"

	"chronicle"
	"chronicle/postgres"
	"chronicle/postgres/pgtest"
	"chronicle/storetest"
)

func open(t *testing.T) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) chronicle.Store { return open(t) })
}

func TestReopen(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	s.PutArticles(ctx, []*chronicle.Article{storetest.Article(1, "2025-07-03")})
	s.Close()
	s, err = postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Stats(ctx)
	if st.Articles != 1 {
		t.Errorf("after reopening: %+v", st)
	}
}

func TestDataVersion(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	v0, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.DataVersion(ctx); v != v0 {
		t.Errorf("the version moved without a write: %d → %d", v0, v)
	}
	s.PutArticles(ctx, []*chronicle.Article{storetest.Article(1, "2025-07-03")})
	if v, _ := s.DataVersion(ctx); v == v0 {
		t.Errorf("the version did not move after a write: %d", v)
	}
}
