package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"chronicle"
	"chronicle/postgres"
	"chronicle/storetest"
)

// raw returns n articles as a reader makes them (before extraction), as queue items.
func raw(n int) []postgres.Item {
	items := make([]postgres.Item, n)
	for i := range items {
		a := storetest.Article(i, "2025-07-03")
		items[i] = postgres.Item{Key: a.Key, Article: &chronicle.Article{ID: a.ID, Key: a.Key, Source: a.Source, URL: a.URL, Date: a.Date,
			DateFrom: a.DateFrom, Title: a.Title, Text: a.Text}}
	}
	return items
}

// process stands in for the pipeline: the processed article of a raw one.
func process(a *chronicle.Article) *chronicle.Article {
	var n int
	fmt.Sscanf(a.ID, "art-%d", &n)
	p := storetest.Article(n, a.Date)
	p.Key = a.Key
	return p
}

func TestQueue(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	added, err := s.Enqueue(ctx, raw(50))
	if err != nil || added != 50 {
		t.Fatalf("Enqueue = %d, %v", added, err)
	}
	if added, _ := s.Enqueue(ctx, raw(60)); added != 10 {
		t.Errorf("enqueueing again added %d, want the 10 new ones", added)
	}
	c, _ := s.QueueStatus(ctx)
	if c != (postgres.QueueCounts{Pending: 60}) {
		t.Errorf("status %+v", c)
	}
	// Four workers drain the queue; each record is stored once.
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]int{}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				jobs, err := s.Claim(ctx, fmt.Sprintf("w%d", w), time.Minute, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(jobs) == 0 {
					return
				}
				for _, j := range jobs {
					if _, err := s.Complete(ctx, j, process(j.Article)); err != nil {
						t.Error(err)
					}
					if err := s.Finish(ctx, []postgres.Job{j}); err != nil {
						t.Error(err)
					}
					mu.Lock()
					seen[j.Article.Key]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for k, n := range seen {
		if n != 1 {
			t.Errorf("record %s processed %d times", k, n)
		}
	}
	c, _ = s.QueueStatus(ctx)
	st, _ := s.Stats(ctx)
	if c != (postgres.QueueCounts{Done: 60}) || st.Articles != 60 || st.Events != 120 {
		t.Errorf("after the workers: status %+v, stats %+v", c, st)
	}
	// Records already stored are not queued again.
	if added, _ := s.Enqueue(ctx, raw(60)); added != 0 {
		t.Errorf("enqueueing stored records added %d", added)
	}
}

func TestQueueLease(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	s.Enqueue(ctx, raw(2))
	dead, err := s.Claim(ctx, "dies", 100*time.Millisecond, 1)
	if err != nil || len(dead) != 1 {
		t.Fatalf("Claim = %v, %v", dead, err)
	}
	if c, _ := s.QueueStatus(ctx); c != (postgres.QueueCounts{Pending: 1, Running: 1}) {
		t.Errorf("status %+v", c)
	}
	// While the lease holds, the record is not claimed again.
	next, _ := s.Claim(ctx, "lives", time.Minute, 5)
	if len(next) != 1 || next[0].Article.Key == dead[0].Article.Key {
		t.Fatalf("claimed %+v while the lease held", next)
	}
	s.Complete(ctx, next[0], process(next[0].Article))
	s.Finish(ctx, next)
	time.Sleep(200 * time.Millisecond)
	if c, _ := s.QueueStatus(ctx); c != (postgres.QueueCounts{Pending: 1, Done: 1}) {
		t.Errorf("after the lease ran out: status %+v", c)
	}
	again, _ := s.Claim(ctx, "lives", time.Minute, 5)
	if len(again) != 1 || again[0].Article.Key != dead[0].Article.Key || again[0].Attempts != 2 {
		t.Fatalf("reclaim = %+v", again)
	}
	// The first worker wakes up: its lease is gone and it stores nothing.
	if _, err := s.Complete(ctx, dead[0], process(dead[0].Article)); !errors.Is(err, postgres.ErrLeaseLost) {
		t.Errorf("late Complete: %v, want ErrLeaseLost", err)
	}
	if _, err := s.Complete(ctx, again[0], process(again[0].Article)); err != nil {
		t.Fatal(err)
	}
	if err := s.Finish(ctx, again); err != nil {
		t.Fatal(err)
	}
	c, _ := s.QueueStatus(ctx)
	st, _ := s.Stats(ctx)
	if c != (postgres.QueueCounts{Done: 2}) || st.Articles != 2 {
		t.Errorf("status %+v, stats %+v", c, st)
	}
}

func TestQueueFail(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	s.Enqueue(ctx, raw(2))
	for attempt := 1; attempt <= 2; attempt++ {
		jobs, _ := s.Claim(ctx, "w", time.Minute, 1)
		if len(jobs) != 1 || jobs[0].Attempts != attempt {
			t.Fatalf("attempt %d: %+v", attempt, jobs)
		}
		if err := s.Fail(ctx, jobs[0], errors.New("disk full"), 2); err != nil {
			t.Fatal(err)
		}
	}
	// A failed extraction (the pipeline's status) is stored and counted as failed.
	jobs, _ := s.Claim(ctx, "w", time.Minute, 1)
	a := process(jobs[0].Article)
	a.Status = "failed: ner: boom"
	s.Complete(ctx, jobs[0], a)
	s.Finish(ctx, jobs)
	c, _ := s.QueueStatus(ctx)
	st, _ := s.Stats(ctx)
	if c != (postgres.QueueCounts{Failed: 2}) || st.Articles != 1 || st.Failed != 1 {
		t.Errorf("status %+v, stats %+v", c, st)
	}
}

// TestQueueStored: a worker that dies after storing an article, before the cross-article
// update, leaves the record stored; the next claim hands it over to be finished.
func TestQueueStored(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	s.Enqueue(ctx, raw(1))
	jobs, _ := s.Claim(ctx, "dies", 100*time.Millisecond, 1)
	res, err := s.Complete(ctx, jobs[0], process(jobs[0].Article))
	if err != nil || !res.Created {
		t.Fatalf("Complete = %+v, %v", res, err)
	}
	if c, _ := s.QueueStatus(ctx); c != (postgres.QueueCounts{Running: 1}) {
		t.Errorf("stored, lease holding: status %+v", c)
	}
	time.Sleep(200 * time.Millisecond)
	again, _ := s.Claim(ctx, "lives", time.Minute, 1)
	if len(again) != 1 || !again[0].Stored || again[0].StoredID != res.ID || again[0].Article != nil {
		t.Fatalf("reclaim of a stored record = %+v", again)
	}
	if err := s.Finish(ctx, jobs); !errors.Is(err, postgres.ErrLeaseLost) {
		t.Errorf("late Finish: %v, want ErrLeaseLost", err)
	}
	if err := s.Finish(ctx, again); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.QueueStatus(ctx); c != (postgres.QueueCounts{Done: 1}) {
		t.Errorf("status %+v", c)
	}
}

// TestQueuePages: a page is queued as it is (opaque JSON) and handed back to the worker.
func TestQueuePages(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	page := []byte(`{"Source":"a.html","Body":"PGh0bWw+"}`)
	if n, err := s.Enqueue(ctx, []postgres.Item{{Key: "page-1", Page: page}}); err != nil || n != 1 {
		t.Fatalf("Enqueue = %d, %v", n, err)
	}
	if _, err := s.Enqueue(ctx, []postgres.Item{{Key: "bad"}}); err == nil {
		t.Error("an item with neither article nor page was queued")
	}
	jobs, _ := s.Claim(ctx, "w", time.Minute, 1)
	if len(jobs) != 1 || jobs[0].Article != nil || string(jobs[0].Page) != string(page) {
		t.Fatalf("claimed %+v", jobs)
	}
}
