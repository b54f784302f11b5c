package server

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"chronicle"
	"chronicle/sqlite"
	"chronicle/storetest"
)

// TestCache answers a repeated API request from the cache, and recomputes it once the store
// changed (a write by any connection, as another process's ingest would make).
func TestCache(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutArticles(ctx, []*chronicle.Article{storetest.Article(1, "2025-07-03")}); err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	get := func() (hit bool, n int) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/events?actor=Putin", nil))
		if rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var page struct{ Items []chronicle.Event }
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			t.Fatal(err)
		}
		return rec.Header().Get("X-Cache") == "hit", len(page.Items)
	}
	if hit, n := get(); hit || n != 1 {
		t.Fatalf("first request: hit %v, %d events", hit, n)
	}
	if hit, n := get(); !hit || n != 1 {
		t.Fatalf("second request: hit %v, %d events", hit, n)
	}
	// Another process writes.
	other, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.PutArticles(ctx, []*chronicle.Article{storetest.Article(2, "2025-07-04")}); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if hit, n := get(); hit || n != 2 {
		t.Fatalf("after a write: hit %v, %d events, want a fresh answer with 2", hit, n)
	}
}
