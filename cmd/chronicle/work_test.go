package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"chronicle/internal/reuters"
	"chronicle/postgres"
	"chronicle/postgres/pgtest"
)

// queueStatus runs `chronicle status --format json`.
func queueStatus(t *testing.T, dsn string) postgres.QueueCounts {
	t.Helper()
	out, errOut, err := run(t, "", "status", "--db", dsn, "--format", "json")
	if err != nil {
		t.Fatalf("status: %v\n%s", err, errOut)
	}
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, `{"pending":`) {
		t.Errorf("status --format json printed %q, want one line {\"pending\":…,\"running\":…,\"done\":…,\"failed\":…}", out)
	}
	var c postgres.QueueCounts
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("status: %v: %q", err, out)
	}
	return c
}

// TestQueueCommands: enqueue, work --until-empty and status on PostgreSQL; afterwards the
// events listed from PostgreSQL are exactly those an ingest into SQLite lists.
func TestQueueCommands(t *testing.T) {
	dsn := pgtest.DSN(t)
	// The examples, and web input: a page and a web archive (their pages are read by the
	// workers).
	web := t.TempDir()
	writeFile(t, filepath.Join(web, "page.html"), []byte(page("Putin tells Trump Russia will not back down", "2025-07-03", para)))
	body := page("Kremlin aide describes the call", "", para)
	resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	warc := fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.com/aide\r\nWARC-Date: 2025-07-04T08:00:00Z\r\n"+
		"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(resp), resp)
	writeFile(t, filepath.Join(web, "cc.warc"), []byte(warc))
	inputs := []string{filepath.Join(repoRoot(t), "examples"), web}
	out, errOut, err := run(t, "", append([]string{"enqueue", "--db", dsn}, inputs...)...)
	if err != nil {
		t.Fatalf("enqueue: %v\n%s", err, errOut)
	}
	var n int
	fmt.Sscanf(out, "queued %d new records", &n)
	if n == 0 {
		t.Fatalf("enqueue: %q", out)
	}
	if c := queueStatus(t, dsn); c != (postgres.QueueCounts{Pending: n}) {
		t.Errorf("after enqueue: %+v", c)
	}
	if out, _, _ := run(t, "", append([]string{"enqueue", "--db", dsn}, inputs...)...); !strings.Contains(out, "queued 0 new records") {
		t.Errorf("enqueueing again: %q", out)
	}
	if _, errOut, err := run(t, "", "work", "--db", dsn, "--until-empty", "--workers", "2", "--quiet"); err != nil {
		t.Fatalf("work: %v\n%s", err, errOut)
	}
	c := queueStatus(t, dsn)
	if c.Done+c.Failed != n || c.Pending != 0 || c.Running != 0 {
		t.Errorf("after work --until-empty: %+v, want done+failed = %d", c, n)
	}

	db := filepath.Join(t.TempDir(), "c.db")
	if _, errOut, err := run(t, "", append([]string{"ingest", "--quiet", "--db", db}, inputs...)...); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	for _, args := range [][]string{
		{"events", "--format", "json"},
		{"events", "--format", "json", "--actor", "Putin"},
		{"quotes", "--format", "json"},
		{"entities", "--format", "json"},
		{"timeline", "--format", "json", "--actor", "Trump"},
	} {
		want, _, err := run(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
		if err != nil {
			t.Fatal(err)
		}
		got, errOut, err := run(t, "", append([]string{args[0], "--db", dsn}, args[1:]...)...)
		if err != nil {
			t.Fatalf("%s on PostgreSQL: %v\n%s", args, err, errOut)
		}
		if got != want {
			t.Errorf("chronicle %s lists on PostgreSQL (after enqueue and work) what differs from SQLite (after ingest):\n%s",
				strings.Join(args, " "), firstDiff(got, want))
		}
	}

	// The queue commands need PostgreSQL.
	if _, _, err := run(t, "", "work", "--db", db); err == nil || !strings.Contains(err.Error(), "needs a PostgreSQL database") {
		t.Errorf("work on SQLite: %v", err)
	}
}

// firstDiff shows the first differing line of two outputs.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, a, b)
		}
	}
	return "(same lines)"
}

// workInput writes n articles as JSON Lines: Reuters-21578 bodies when ../shared has them, else
// made-up ones.
func workInput(t *testing.T, n int) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if dir := reuters.Dir(); dir != "" {
		stories, err := reuters.Load(dir, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stories {
			enc.Encode(map[string]string{"id": "reuters-" + s.ID, "date": s.Date, "title": s.Title, "text": s.Body})
		}
	}
	for i := b.Len(); strings.Count(b.String(), "\n") < n; i++ {
		enc.Encode(map[string]string{"id": fmt.Sprintf("made-up-%d", i), "date": fmt.Sprintf("2025-07-%02d", 1+i%28),
			"text": fmt.Sprintf("Russian President Vladimir Putin told U.S. President Donald Trump on Thursday that Russia would not back down, Putin's aide Yuri Ushakov said in story %d.", i)})
	}
	p := filepath.Join(t.TempDir(), "work.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWorkersKill: three worker processes share one PostgreSQL queue of 2,000 articles and one
// of them is killed (SIGKILL) mid-run. Its claimed articles are taken over after their lease;
// every article ends up stored exactly once, and done grows while the workers run.
func TestWorkersKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and processes 2,000 articles")
	}
	dsn := pgtest.DSN(t)
	bin := buildBinary(t)
	const n = 2000
	input := workInput(t, n)
	if out, err := exec.Command(bin, "enqueue", "--db", dsn, input).CombinedOutput(); err != nil {
		t.Fatalf("enqueue: %v\n%s", err, out)
	}
	if c := queueStatus(t, dsn); c.Pending != n {
		t.Fatalf("after enqueue: %+v", c)
	}

	ctx := context.Background()
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for range 3 {
		var out bytes.Buffer
		cmd := exec.Command(bin, "work", "--db", dsn, "--until-empty", "--workers", "1", "--batch", "4", "--lease", "3s", "--poll", "200ms", "--quiet")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	var wg sync.WaitGroup
	exits := make([]error, len(cmds))
	for i, cmd := range cmds {
		wg.Add(1)
		go func() { defer wg.Done(); exits[i] = cmd.Wait() }()
	}

	// Watch done grow; kill the first worker once a fifth is done.
	var seen []int
	killed := false
	deadline := time.Now().Add(8 * time.Minute)
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
watch:
	for time.Now().Before(deadline) {
		select {
		case <-finished:
			break watch
		case <-time.After(100 * time.Millisecond):
		}
		c := queueStatus(t, dsn)
		if len(seen) == 0 || c.Done != seen[len(seen)-1] {
			seen = append(seen, c.Done)
		}
		if !killed && c.Done >= n/5 {
			cmds[0].Process.Signal(syscall.SIGKILL)
			killed = true
			t.Logf("killed worker 1 at %d done", c.Done)
		}
	}
	select {
	case <-finished:
	default:
		for _, cmd := range cmds {
			cmd.Process.Kill()
		}
		t.Fatalf("the workers did not finish within 8 minutes")
	}
	if !killed {
		t.Fatal("the workers finished before one could be killed")
	}
	for i, err := range exits[1:] {
		if err != nil {
			t.Errorf("worker %d: %v\n%s", i+2, err, outs[i+1])
		}
	}
	t.Logf("done over time: %v", seen)
	for i := 1; i < len(seen); i++ {
		if seen[i] < seen[i-1] {
			t.Errorf("done went down: %v", seen)
		}
	}
	if len(seen) < 3 {
		t.Errorf("done did not grow while the workers ran: %v", seen)
	}

	c := queueStatus(t, dsn)
	if c.Done+c.Failed != n || c.Pending != 0 || c.Running != 0 {
		t.Errorf("at the end: %+v, want done+failed = %d", c, n)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var articles, keys, retried int
	if err := conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT key) FROM articles`).Scan(&articles, &keys); err != nil {
		t.Fatal(err)
	}
	conn.QueryRow(ctx, `SELECT count(*) FROM queue WHERE attempts > 1`).Scan(&retried)
	t.Logf("%d records were claimed more than once (the killed worker's, after their lease)", retried)
	if articles != n || keys != n {
		t.Errorf("%d articles stored (%d distinct records), want %d, each once", articles, keys, n)
	}
	// Each stored article has its extractions once: as many event rows as distinct (article, id).
	var events, distinct int
	conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT (article, vid)) FROM events`).Scan(&events, &distinct)
	if events != distinct {
		t.Errorf("%d event rows but %d distinct events", events, distinct)
	}
}
