// Command load is the load test of `chronicle serve`: it fills a database with synthetic
// articles until it holds the requested number of events (through chronicle.Store, like
// ingest), serves it (in-process, or targets a running `chronicle serve` on this machine), and
// runs concurrent clients that ask for a mix of pair timelines and filtered first pages of
// events, then prints the latency percentiles per kind (and per filter set with -detail), the
// throughput and the CPU time per request of the whole process (server and clients).
//
//	go run ./server/internal/load -db /tmp/load.db -events 100000 -clients 50 -duration 30s
//	go run ./server/internal/load -db /tmp/load.db -nocache          # every answer computed
//	go run ./server/internal/load -db /tmp/load.db -url http://127.0.0.1:8080   # a running server
//	go run ./server/internal/load -db /tmp/load.db -direct 5000 -detail   # handler cost per request shape
//
// -cpuprofile writes a CPU profile of the measured period. Requests go to loopback addresses
// only. The run is bounded by -duration and -requests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"chronicle/server"
	"chronicle/sqlite"
)

func main() {
	db := flag.String("db", "load.db", "database to fill (created when missing) and serve")
	events := flag.Int("events", 100000, "fill the database until it holds at least this many events")
	perArticle := flag.Int("per-article", 10, "events per synthetic article")
	target := flag.String("url", "", "URL of a running chronicle serve on this machine (default: serve in-process)")
	clients := flag.Int("clients", 50, "concurrent clients")
	duration := flag.Duration("duration", 30*time.Second, "how long to send requests")
	warm := flag.Duration("warmup", 3*time.Second, "requests sent before measuring (not counted)")
	maxRequests := flag.Int("requests", 1000000, "stop after this many requests")
	maxP99 := flag.Duration("max-p99", 0, "exit with status 1 when the p99 latency exceeds this (0: report only)")
	flag.BoolVar(&detail, "detail", false, "also print the latencies of each request shape (filters, timeline unit)")
	flag.BoolVar(&noCache, "nocache", false, "serve without the cache of API answers (in-process server only)")
	flag.IntVar(&concurrency, "concurrency", 0, "requests the in-process server computes at once (0: its default)")
	flag.IntVar(&direct, "direct", 0, "instead of clients, send this many requests of the mix one after the other to the server's handler\n(no network, no cache) and print the mean time of each request shape")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the measured period to this file")
	flag.StringVar(&memProfile, "memprofile", "", "write a profile of the memory allocated (by the whole run) to this file")
	flag.Parse()
	profile = *cpuProfile
	if memProfile != "" {
		runtime.MemProfileRate = 64 << 10
	}
	err := run(*db, *events, *perArticle, *target, *clients, *duration, *warm, *maxRequests, *maxP99)
	if memProfile != "" {
		if f, ferr := os.Create(memProfile); ferr == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

var (
	detail      bool
	noCache     bool
	concurrency int
	direct      int
	profile     string
	memProfile  string
)

func run(db string, events, perArticle int, target string, clients int, duration, warm time.Duration, maxRequests int, maxP99 time.Duration) error {
	ctx := context.Background()
	logf := func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) }
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	n, err := seed(ctx, st, events, perArticle, "load", logf)
	if err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	logf("%s holds %d articles and %d events (%d articles added in %v)", db, stats.Articles, stats.Events, n, time.Since(start).Round(time.Millisecond))

	if direct > 0 {
		return runDirect(st, direct)
	}
	if target == "" {
		srv, err := server.New(st, server.Options{Logger: slog.New(slog.DiscardHandler), NoCache: noCache, Concurrency: concurrency})
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		hs := &http.Server{Handler: srv}
		go hs.Serve(ln)
		defer hs.Close()
		target = "http://" + ln.Addr().String()
	}
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("refusing to load %s: the load test only targets this machine (localhost, 127.0.0.0/8, ::1)", target)
	}
	logf("%d clients for %v (after %v of warm-up) against %s", clients, duration, warm, target)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 30 * time.Second}
	var (
		mu      sync.Mutex
		samples = map[string][]time.Duration{}
		shapes  = map[string][]time.Duration{}
		fails   = map[string]int{}
		total   int
	)
	measureFrom := time.Now().Add(warm)
	stopAt := measureFrom.Add(duration)
	var cpu0, cpu1 time.Duration // CPU time of this process (server and clients) at the start and end of the measures
	go func() {
		time.Sleep(time.Until(measureFrom))
		cpu0 = cpuTime()
	}()
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		go func() {
			time.Sleep(time.Until(measureFrom))
			pprof.StartCPUProfile(f)
		}()
		defer pprof.StopCPUProfile()
	}
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for time.Now().Before(stopAt) {
				mu.Lock()
				if total >= maxRequests {
					mu.Unlock()
					return
				}
				total++
				mu.Unlock()
				kind, shape, path := request(rng)
				t0 := time.Now()
				err := fetch(client, target+path)
				d := time.Since(t0)
				if t0.Before(measureFrom) {
					continue
				}
				mu.Lock()
				if err != nil {
					if fails[kind] == 0 {
						logf("%s: %v", path, err)
					}
					fails[kind]++
				} else {
					samples[kind] = append(samples[kind], d)
					shapes[shape] = append(shapes[shape], d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	cpu1 = cpuTime()

	var all []time.Duration
	fmt.Printf("%-22s %8s %7s %8s %8s %8s %8s\n", "requests", "count", "errors", "p50", "p90", "p99", "max")
	kinds := []string{"timeline", "events"}
	for _, k := range kinds {
		all = append(all, samples[k]...)
		printRow(k, samples[k], fails[k])
	}
	printRow("all", all, fails["timeline"]+fails["events"])
	if detail {
		for _, k := range slices.Sorted(maps.Keys(shapes)) {
			printRow(k, shapes[k], 0)
		}
	}
	if cpu0 > 0 && len(all) > 0 {
		fmt.Printf("throughput %.0f requests/s, %.0fµs CPU per request (server and clients, %.2f cores busy)\n",
			float64(len(all))/duration.Seconds(), float64((cpu1-cpu0).Microseconds())/float64(len(all)), (cpu1-cpu0).Seconds()/duration.Seconds())
	} else {
		fmt.Printf("throughput %.0f requests/s\n", float64(len(all))/duration.Seconds())
	}
	if fails["timeline"]+fails["events"] > 0 {
		return errors.New("some requests failed")
	}
	if p := percentile(all, 0.99); maxP99 > 0 && p > maxP99 {
		return fmt.Errorf("p99 %v is over %v", p, maxP99)
	}
	return nil
}

func printRow(name string, ds []time.Duration, errs int) {
	slices.Sort(ds)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
	fmt.Printf("%-22s %8d %7d %8s %8s %8s %8s\n", name, len(ds), errs, ms(percentile(ds, .5)), ms(percentile(ds, .9)), ms(percentile(ds, .99)), ms(percentile(ds, 1)))
}

// percentile returns the p-quantile of sorted durations.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(p*float64(len(ds))+0.5) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

func fetch(c *http.Client, u string) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", res.Status)
	}
	return nil
}

// request returns a random request of the mix: half pair timelines, half first pages of
// events under one or two filters; shape names its filters (or the timeline's unit).
func request(rng *rand.Rand) (kind, shape, path string) {
	name := func() string {
		f := rng.Float64()
		return actors[int(f*f*float64(len(actors)))].Name
	}
	pair := func() string {
		a, b := name(), name()
		for b == a {
			b = name()
		}
		return a + "," + b
	}
	if rng.IntN(2) == 0 {
		q := url.Values{"pair": {pair()}}
		by := []string{"", "week", "month"}[rng.IntN(3)]
		if by != "" {
			q.Set("by", by)
		} else {
			by = "auto"
		}
		return "timeline", "timeline " + by, "/api/v1/timeline?" + q.Encode()
	}
	q := url.Values{"limit": {"50"}}
	filters := []func(){
		func() { q.Set("actor", name()) },
		func() { q.Set("pair", pair()) },
		func() { q.Set("plover", verbs[rng.IntN(len(verbs))].Plover) },
		func() { q.Set("code", verbs[rng.IntN(len(verbs))].Code[:2]) },
		func() { q.Set("modality", []string{"negated", "hedged", "future"}[rng.IntN(3)]) },
		func() {
			d := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(3*365))
			q.Set("from", d.Format("2006-01-02"))
			q.Set("to", d.AddDate(0, 1, 0).Format("2006-01-02"))
		},
		func() { q.Set("place", places[3+rng.IntN(len(places)-3)]) },
	}
	for range 1 + rng.IntN(2) {
		filters[rng.IntN(len(filters))]()
	}
	if q.Get("plover") == "" {
		q.Del("plover")
	}
	var names []string
	for k := range q {
		if k != "limit" && k != "to" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return "events", "events " + strings.Join(names, "+"), "/api/v1/events?" + strings.ReplaceAll(q.Encode(), "+", "%20")
}

// runDirect sends n requests of the mix to the server's handler in this goroutine and prints
// the mean time per request shape: the cost of computing answers, without the network or
// concurrency.
func runDirect(st *sqlite.Store, n int) error {
	srv, err := server.New(st, server.Options{Logger: slog.New(slog.DiscardHandler), NoCache: true})
	if err != nil {
		return err
	}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	rng := rand.New(rand.NewPCG(99, 7))
	total := map[string]time.Duration{}
	count := map[string]int{}
	start := time.Now()
	for range n {
		kind, shape, path := request(rng)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		d := time.Since(t0)
		if rec.Code != http.StatusOK {
			return fmt.Errorf("%s: %d %s", path, rec.Code, rec.Body)
		}
		for _, k := range []string{kind, shape, "all"} {
			total[k] += d
			count[k]++
		}
	}
	elapsed := time.Since(start)
	fmt.Printf("%-22s %8s %10s\n", "requests", "count", "mean")
	for _, k := range append([]string{"all", "timeline", "events"}, slices.Sorted(maps.Keys(total))...) {
		if count[k] == 0 || (k != "all" && k != "timeline" && k != "events" && !detail) {
			continue
		}
		fmt.Printf("%-22s %8d %8.0fµs\n", k, count[k], float64(total[k].Microseconds())/float64(count[k]))
		if k == "events" && detail {
			fmt.Println()
		}
	}
	fmt.Printf("%.0f requests/s on one goroutine\n", float64(n)/elapsed.Seconds())
	return nil
}
