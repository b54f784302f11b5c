package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"chronicle"
	"chronicle/postgres"
	"chronicle/read"
)

// Many workers on one PostgreSQL database: `enqueue` stores input records as pending,
// `work` (on any number of machines) claims, extracts and stores them, `status` counts them.

// openPostgres opens the PostgreSQL store named by dsn.
func openPostgres(ctx context.Context, dsn string) (*postgres.Store, error) {
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		if chronicle.ErrorCode(err) == chronicle.EINVALID {
			return nil, &usageError{message: err.Error(), hint: "--db postgres://USER@HOST:PORT/DATABASE?sslmode=disable"}
		}
		return nil, fmt.Errorf("%w (is the PostgreSQL server running, and does --db name it?)", err)
	}
	return st, nil
}

// queueStore opens the PostgreSQL store of a queue command, refusing other databases.
func queueStore(ctx context.Context, cmd, dsn string) (*postgres.Store, error) {
	if !postgres.IsDSN(dsn) {
		return nil, &usageError{message: fmt.Sprintf("%s needs a PostgreSQL database, not %q", cmd, dsn),
			hint: "chronicle " + cmd + " --db postgres://USER@HOST:PORT/DATABASE?sslmode=disable … (for one machine, use chronicle ingest)"}
	}
	return openPostgres(ctx, dsn)
}

// enqueue reads articles and stores them as pending records of the work queue.
func (m *Main) enqueue(ctx context.Context, args []string) error {
	fs := m.newFlagSet("enqueue", "--db postgres://… [flags] PATH...", "Read articles and queue them, unprocessed, in a PostgreSQL database, for 'chronicle work' processes\n(on any number of machines) to extract and store. Records already queued or stored are left out.")
	var sf storeFlags
	sf.register(fs)
	date := fs.String("date", "", "article date YYYY-MM-DD for inputs that carry none")
	maxBytes := fs.Int64("max-article-bytes", read.DefaultMaxBytes, "largest article accepted, in bytes; larger ones are reported and skipped")
	if err := parse(fs, args); err != nil {
		return err
	}
	in := inputFlags{Date: *date, MaxBytes: *maxBytes}
	if err := in.check(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{message: "enqueue: no input", hint: "chronicle enqueue --db postgres://… PATH... (files, directories, or - for standard input)"}
	}
	st, err := queueStore(ctx, "enqueue", sf.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	var batch []postgres.Item
	read0, added, errs := 0, 0, 0
	flush := func() error {
		n, err := st.Enqueue(ctx, batch)
		added += n
		batch = batch[:0]
		return err
	}
	// Web pages are queued unread: the workers read them (the costly part of web input).
	for r, err := range read.Records(fs.Args(), in.options(m.Stdin)) {
		if err != nil {
			errs++
			printError(m.Stderr, err)
			continue
		}
		read0++
		if r.Page != nil {
			b, err := json.Marshal(r.Page)
			if err != nil {
				return err
			}
			batch = append(batch, postgres.Item{Key: r.Page.Key, Page: b})
		} else {
			batch = append(batch, postgres.Item{Key: r.Article.Key, Article: r.Article})
		}
		if len(batch) == 500 {
			if err := flush(); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "queued %d new records of %d read", added, read0)
	if read0 > added {
		fmt.Fprintf(m.Stdout, " (%d already queued or stored)", read0-added)
	}
	fmt.Fprintln(m.Stdout)
	if errs > 0 {
		fmt.Fprintf(m.Stdout, "%d inputs could not be read (errors above); the others were queued\n", errs)
		return errFailedInputs
	}
	return ctx.Err()
}

// maxAttempts is how often a record is tried before it counts as failed (an article whose
// extraction fails is stored as failed at once; this is for errors around it).
const maxAttempts = 3

// work claims queued records, extracts and stores them, each in its own transaction.
func (m *Main) work(ctx context.Context, args []string) error {
	fs := m.newFlagSet("work", "--db postgres://… [flags]", "Claim queued records (see 'chronicle enqueue'), extract and store them; run as many as you like, anywhere.\nA claimed record is leased: if its worker dies, another claims it again once the lease runs out.\nEach record is stored exactly once, in one transaction.")
	var sf storeFlags
	sf.register(fs)
	untilEmpty := fs.Bool("until-empty", false, "exit once the queue is empty and nothing is running (default: wait for more)")
	lease := fs.Duration("lease", 2*time.Minute, "how long a claim holds before another worker may take the record (renewed while working)")
	workers := fs.Int("workers", 0, "articles processed at once (default: one per core)")
	batch := fs.Int("batch", 8, "records claimed at once by each of the workers")
	poll := fs.Duration("poll", 2*time.Second, "how often an idle worker looks for work")
	actorsFile := fs.String("actors", "", "file of extra actors, aliases and dated roles (see doc/actors.md)")
	quiet := fs.Bool("quiet", false, "print only the summary")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *lease < time.Second || *batch < 1 || *poll <= 0 {
		return &usageError{message: "work: --lease must be at least 1s, --batch at least 1, --poll positive"}
	}
	st, err := queueStore(ctx, "work", sf.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	kept, err := storedActors(ctx, st)
	if err != nil {
		return err
	}
	p, err := m.pipeline(kept, *actorsFile)
	if err != nil {
		return err
	}
	n := *workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	host, _ := os.Hostname()
	name := host + ":" + strconv.Itoa(os.Getpid())

	// held are the jobs claimed and not finished: their leases are renewed in the background.
	var mu sync.Mutex
	held := map[*postgres.Job]bool{}
	renew := func() {
		mu.Lock()
		var js []postgres.Job
		for j := range held {
			js = append(js, *j)
		}
		mu.Unlock()
		if len(js) > 0 {
			st.Extend(context.WithoutCancel(ctx), js, *lease)
		}
	}
	stopRenew := make(chan struct{})
	go func() {
		t := time.NewTicker(*lease / 3)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				renew()
			case <-stopRenew:
				return
			}
		}
	}()
	defer close(stopRenew)

	var done, failed, lost atomic.Int64
	var firstErr error
	var errOnce sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker := fmt.Sprintf("%s/%d", name, w)
			for ctx.Err() == nil {
				jobs, err := st.Claim(ctx, worker, *lease, *batch)
				if err != nil {
					if ctx.Err() == nil {
						errOnce.Do(func() { firstErr = err })
					}
					return
				}
				if len(jobs) == 0 {
					wait := *poll
					if *untilEmpty {
						c, err := st.QueueStatus(ctx)
						if err != nil {
							errOnce.Do(func() { firstErr = err })
							return
						}
						if c.Pending == 0 && c.Running == 0 {
							return
						}
						// Others are finishing the last records (or their leases are running
						// out): look again soon.
						wait = min(wait, 250*time.Millisecond)
					}
					select {
					case <-ctx.Done():
					case <-time.After(wait):
					}
					continue
				}
				ptrs := make([]*postgres.Job, len(jobs))
				mu.Lock()
				for i := range jobs {
					ptrs[i] = &jobs[i]
					held[ptrs[i]] = true
				}
				mu.Unlock()
				var stored []*chronicle.Article
				var finish []postgres.Job
				for i, j := range jobs {
					if ctx.Err() != nil {
						st.Release(context.WithoutCancel(ctx), jobs[i:])
						break
					}
					if j.Stored { // its worker died before the cross-article update
						a, err := st.Article(ctx, j.StoredID)
						if err != nil {
							fmt.Fprintf(m.Stderr, "chronicle: work: stored article %s: %v\n", j.StoredID, err)
							continue
						}
						stored, finish = append(stored, a), append(finish, j)
						continue
					}
					a := j.Article
					if a == nil { // a web page: read it first
						var pg read.Page
						err := json.Unmarshal(j.Page, &pg)
						if err == nil {
							a, err = read.HTML(pg, read.Options{})
						}
						if err != nil {
							// The input's fault (as ingest would report it): the record fails.
							printError(m.Stderr, err)
							st.Fail(context.WithoutCancel(ctx), j, err, 0)
							failed.Add(1)
							continue
						}
					}
					p.Process(a)
					_, err := st.Complete(ctx, j, a)
					switch {
					case errors.Is(err, postgres.ErrLeaseLost):
						lost.Add(1)
					case err != nil && ctx.Err() == nil:
						fmt.Fprintf(m.Stderr, "chronicle: work: record %s: %v\n", a.Source, err)
						st.Fail(context.WithoutCancel(ctx), j, err, maxAttempts)
					case err == nil:
						stored, finish = append(stored, a), append(finish, j)
					}
				}
				// The cross-article state (duplicates, clusters, claims) is a read-modify-write
				// over the whole store: one worker at a time updates it.
				if len(stored) > 0 {
					err := updateClusters(ctx, st, stored)
					if err == nil {
						err = st.Finish(ctx, finish)
					}
					switch {
					case errors.Is(err, postgres.ErrLeaseLost):
						lost.Add(1)
					case err != nil:
						if ctx.Err() == nil {
							fmt.Fprintf(m.Stderr, "chronicle: work: cross-article update: %v (the records are finished by the next claim)\n", err)
						}
					default:
						for _, a := range stored {
							if len(a.Status) >= 6 && a.Status[:6] == "failed" {
								failed.Add(1)
							} else if c := done.Add(1); !*quiet && c%1000 == 0 {
								fmt.Fprintf(m.Stderr, "chronicle: work: %d articles done\n", c)
							}
						}
					}
				}
				mu.Lock()
				for _, ptr := range ptrs {
					delete(held, ptr)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Fprintf(m.Stdout, "worker %s: finished %d articles (%d with a failed extractor) in %s",
		name, done.Load()+failed.Load(), failed.Load(), time.Since(start).Round(time.Millisecond))
	if l := lost.Load(); l > 0 {
		fmt.Fprintf(m.Stdout, "; %d records were taken over by other workers after their lease ran out", l)
	}
	fmt.Fprintln(m.Stdout)
	if firstErr != nil {
		return firstErr
	}
	if errors.Is(ctx.Err(), context.Canceled) && !*untilEmpty {
		return nil // stopped by the user: the normal end of a long-running worker
	}
	return ctx.Err()
}

// status prints the work queue's counts.
func (m *Main) status(ctx context.Context, args []string) error {
	fs := m.newFlagSet("status", "--db postgres://… [flags]", "Count the work queue's input records: pending, running (claimed, lease holding), done and failed.")
	var sf storeFlags
	sf.register(fs)
	format := fs.String("format", "table", "output format: table or json ({\"pending\":…,\"running\":…,\"done\":…,\"failed\":…})")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return &usageError{message: fmt.Sprintf("unknown --format %q", *format), hint: "use --format table or json"}
	}
	st, err := queueStore(ctx, "status", sf.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.QueueStatus(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		b, _ := json.Marshal(c)
		_, err := fmt.Fprintf(m.Stdout, "%s\n", b)
		return err
	}
	t := table{header: []string{"pending", "running", "done", "failed"}}
	t.add(strconv.Itoa(c.Pending), strconv.Itoa(c.Running), strconv.Itoa(c.Done), strconv.Itoa(c.Failed))
	return t.write(m.Stdout, "table", 0)
}

// displayDB is --db as shown to the user: a PostgreSQL DSN without its password.
func displayDB(dsn string) string {
	if !postgres.IsDSN(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "PostgreSQL"
	}
	return u.Redacted()
}
