package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"chronicle"
	"chronicle/sqlite"
	"chronicle/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) chronicle.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestReopen(t *testing.T) {
	p := filepath.Join(t.TempDir(), "test.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	s.PutArticles(ctx, []*chronicle.Article{storetest.Article(1, "2025-07-03")})
	s.Close()
	s, err = sqlite.Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Stats(ctx)
	if st.Articles != 1 {
		t.Errorf("after reopening: %+v", st)
	}
}
