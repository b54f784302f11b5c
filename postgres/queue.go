package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"

	"chronicle"
)

// The work queue (migration 0003): `chronicle enqueue` stores input records as pending rows;
// `chronicle work` processes, anywhere, claim them, extract and store them.
//
// A claim (Claim) takes pending rows — and rows whose lease has run out, their worker having
// died — with FOR UPDATE SKIP LOCKED, so that concurrent workers never take the same row, and
// leases them until now+lease under a token (the claim's attempt number). Storing a row's
// article (Complete) happens in one transaction that first locks the row and checks the
// token: a worker whose lease ran out and whose row was claimed again finds the token changed
// and stores nothing. So every record is stored exactly once, however many workers die on
// the way. The row is then "stored"; once the cross-article state (package cluster) includes
// the article, Finish marks it done (or failed, when its extraction failed). A worker that dies
// between the two leaves a stored row that the next claim returns with Stored set, to finish.

// Item is one record to queue: an article as read, or a web page to read first (opaque
// here: the JSON of a read.Page, which workers read).
type Item struct {
	Key     string
	Article *chronicle.Article
	Page    json.RawMessage
}

// Job is one claimed record.
type Job struct {
	pk    int64
	token int   // the claim's attempt number
	seq   int64 // the record's place in the input order
	// Article is the record as read, or Page the page to read (both nil when Stored).
	Article *chronicle.Article
	Page    json.RawMessage
	// Stored is set when the article is already stored (its id is StoredID) and only the
	// cross-article update and Finish remain.
	Stored   bool
	StoredID string
	// Attempts is how many times the record has been claimed, this claim included.
	Attempts int
}

// QueueCounts counts the queue's records by state. Running counts the records whose lease
// holds (claimed, or stored and waiting for the cross-article update); a record whose worker
// died counts as pending again.
type QueueCounts struct {
	Pending int `json:"pending"`
	Running int `json:"running"`
	Done    int `json:"done"`
	Failed  int `json:"failed"`
}

// queued is the form of a record in the queue: an article as a reader produced it, with the
// fields chronicle.Article keeps out of its JSON, or a page.
type queued struct {
	Article *chronicle.Article `json:"article,omitempty"`
	Key     string             `json:"key"`
	Page    json.RawMessage    `json:"page,omitempty"`
}

// Enqueue stores records as pending. A record whose key is already queued or stored is left
// out; it returns how many were added.
func (s *Store) Enqueue(ctx context.Context, items []Item) (int, error) {
	if len(items) == 0 {
		return 0, nil
	}
	keys := make([]string, len(items))
	bodies := make([]string, len(items))
	for i, it := range items {
		if it.Key == "" || (it.Article == nil) == (it.Page == nil) {
			return 0, fmt.Errorf("postgres.Enqueue: item %d needs a key and either an article or a page", i)
		}
		b, err := json.Marshal(queued{it.Article, it.Key, it.Page})
		if err != nil {
			return 0, fmt.Errorf("postgres.Enqueue(%q): %w", it.Key, err)
		}
		keys[i], bodies[i] = it.Key, string(b)
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO queue (key, article)
		SELECT k, b FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(k, b, n)
		WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.key = r.k)
		ORDER BY n
		ON CONFLICT (key) DO NOTHING`, keys, bodies)
	if err != nil {
		return 0, fmt.Errorf("postgres.Enqueue: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// Claim takes up to n records for worker, leased until now+lease, oldest first. It returns
// none when nothing is claimable (which does not mean that nothing is running).
func (s *Store) Claim(ctx context.Context, worker string, lease time.Duration, n int) ([]Job, error) {
	rows, err := s.pool.Query(ctx, `UPDATE queue SET attempts = attempts + 1, worker = $1,
			state = CASE WHEN state = 'stored' THEN 'stored' ELSE 'running' END,
			lease_until = now() + $2 * interval '1 millisecond'
		WHERE pk IN (SELECT pk FROM queue
			WHERE state = 'pending' OR (state IN ('running', 'stored') AND lease_until < now())
			ORDER BY pk LIMIT $3 FOR UPDATE SKIP LOCKED)
		RETURNING pk, attempts, seq, state, stored_id, CASE WHEN state = 'stored' THEN '' ELSE article END`, worker, lease.Milliseconds(), n)
	if err != nil {
		return nil, fmt.Errorf("postgres.Claim: %w", err)
	}
	defer rows.Close()
	var jobs []Job
	for rows.Next() {
		var j Job
		var state, body string
		if err := rows.Scan(&j.pk, &j.token, &j.seq, &state, &j.StoredID, &body); err != nil {
			return nil, fmt.Errorf("postgres.Claim: %w", err)
		}
		j.Attempts = j.token
		if state == "stored" {
			j.Stored = true
		} else {
			var qa queued
			if err := json.Unmarshal([]byte(body), &qa); err != nil || qa.Article == nil && qa.Page == nil {
				return nil, fmt.Errorf("postgres.Claim: queued record %d is neither an article nor a page: %v", j.pk, err)
			}
			if qa.Article != nil {
				qa.Article.Key = qa.Key
			}
			j.Article, j.Page = qa.Article, qa.Page
		}
		jobs = append(jobs, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres.Claim: %w", err)
	}
	// Oldest first (UPDATE … RETURNING keeps no order).
	for i := 1; i < len(jobs); i++ {
		for k := i; k > 0 && jobs[k].pk < jobs[k-1].pk; k-- {
			jobs[k], jobs[k-1] = jobs[k-1], jobs[k]
		}
	}
	return jobs, nil
}

// ErrLeaseLost is returned by Complete, Fail and Finish when the job's lease ran out and its
// record was claimed again (or finished) by another worker: nothing was changed.
var ErrLeaseLost = errors.New("the lease ran out and another worker took the record")

// Complete stores the processed article of job and marks its record stored, in one
// transaction. It returns the stored article's id and whether it was created (false when the
// record was stored before, e.g. by an ingest). Finish the job once the cross-article state
// includes the article.
func (s *Store) Complete(ctx context.Context, job Job, a *chronicle.Article) (chronicle.PutResult, error) {
	var res chronicle.PutResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockJob(ctx, tx, job, "running"); err != nil {
			return err
		}
		var err error
		if res, err = putArticle(ctx, tx, a, s.Now(), job.seq); err != nil {
			return err
		}
		msg := ""
		if len(a.Status) >= 6 && a.Status[:6] == "failed" {
			msg = a.Status
		}
		_, err = tx.Exec(ctx, `UPDATE queue SET state = 'stored', stored_id = $2, error = $3 WHERE pk = $1`, job.pk, res.ID, msg)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrLeaseLost) {
			return res, err
		}
		return res, fmt.Errorf("postgres.Complete(%q): %w", a.ID, err)
	}
	a.ID = res.ID
	return res, nil
}

// Finish marks stored jobs done — failed when their extraction failed.
func (s *Store) Finish(ctx context.Context, jobs []Job) error {
	for _, j := range jobs {
		tag, err := s.pool.Exec(ctx, `UPDATE queue SET state = CASE WHEN error LIKE 'failed%' THEN 'failed' ELSE 'done' END,
			lease_until = NULL, finished_at = now() WHERE pk = $1 AND attempts = $2 AND state = 'stored'`, j.pk, j.token)
		if err != nil {
			return fmt.Errorf("postgres.Finish: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return ErrLeaseLost
		}
	}
	return nil
}

// lockJob locks the job's row and checks that the job still holds it, in the given state.
func lockJob(ctx context.Context, tx pgx.Tx, job Job, want string) error {
	var state string
	var token int
	err := tx.QueryRow(ctx, `SELECT state, attempts FROM queue WHERE pk = $1 FOR UPDATE`, job.pk).Scan(&state, &token)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && (state != want || token != job.token) {
		return ErrLeaseLost
	}
	return err
}

// Fail gives a job's record back after an error outside the article (the worker cannot
// process it now): it is pending again, or failed with the error once it has been tried
// maxAttempts times.
func (s *Store) Fail(ctx context.Context, job Job, cause error, maxAttempts int) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockJob(ctx, tx, job, "running"); err != nil {
			return err
		}
		state := "pending"
		if job.Attempts >= maxAttempts {
			state = "failed"
		}
		_, err := tx.Exec(ctx, `UPDATE queue SET state = $2, error = $3, lease_until = NULL,
			finished_at = CASE WHEN $2 = 'failed' THEN now() END WHERE pk = $1`, job.pk, state, cause.Error())
		return err
	})
	if err != nil && !errors.Is(err, ErrLeaseLost) {
		return fmt.Errorf("postgres.Fail: %w", err)
	}
	return err
}

// Release gives claimed jobs that were not started back to the queue (a worker stopping):
// they are claimable again at once.
func (s *Store) Release(ctx context.Context, jobs []Job) error {
	for _, j := range jobs {
		if _, err := s.pool.Exec(ctx, `UPDATE queue SET state = CASE WHEN state = 'stored' THEN 'stored' ELSE 'pending' END,
			lease_until = CASE WHEN state = 'stored' THEN now() END
			WHERE pk = $1 AND attempts = $2 AND state IN ('running', 'stored')`, j.pk, j.token); err != nil {
			return fmt.Errorf("postgres.Release: %w", err)
		}
	}
	return nil
}

// Extend renews the leases of jobs still being worked on (a job whose lease was already lost
// is left alone).
func (s *Store) Extend(ctx context.Context, jobs []Job, lease time.Duration) error {
	for _, j := range jobs {
		if _, err := s.pool.Exec(ctx, `UPDATE queue SET lease_until = now() + $3 * interval '1 millisecond'
			WHERE pk = $1 AND attempts = $2 AND state IN ('running', 'stored')`, j.pk, j.token, lease.Milliseconds()); err != nil {
			return fmt.Errorf("postgres.Extend: %w", err)
		}
	}
	return nil
}

// QueueStatus counts the queue's records by state.
func (s *Store) QueueStatus(ctx context.Context) (QueueCounts, error) {
	var c QueueCounts
	err := s.pool.QueryRow(ctx, `SELECT
		count(*) FILTER (WHERE state = 'pending' OR state IN ('running', 'stored') AND lease_until < now()),
		count(*) FILTER (WHERE state IN ('running', 'stored') AND lease_until >= now()),
		count(*) FILTER (WHERE state = 'done'),
		count(*) FILTER (WHERE state = 'failed')
		FROM queue`).Scan(&c.Pending, &c.Running, &c.Done, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("postgres.QueueStatus: %w", err)
	}
	return c, nil
}

// Exclusive runs fn while holding the database-wide lock called name: one process at a time,
// across all machines, runs the fn of a given name (for read-modify-write updates such as the
// cross-article state). The lock is released when fn returns, or when this process's
// connection dies.
func (s *Store) Exclusive(ctx context.Context, name string, fn func() error) error {
	h := fnv.New64a()
	h.Write([]byte("chronicle:" + name))
	key := int64(h.Sum64())
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres.Exclusive(%q): %w", name, err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return fmt.Errorf("postgres.Exclusive(%q): %w", name, err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
	return fn()
}
