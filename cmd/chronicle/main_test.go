package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"chronicle"
	"chronicle/postgres/pgtest"
	"chronicle/sqlite"
)

// run runs the chronicle command line in-process.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &o, Stderr: &e}
	err = m.Run(context.Background(), args)
	return o.String(), e.String(), err
}

func runningExample(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "..", "shared", "examples", "2025-07-03-putin-trump-call.txt")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipping: %s not found", p)
	}
	return p
}

// checkContract validates one line of `extract --format json` against DESIGN.md's contract.
func checkContract(t *testing.T, line string) map[string]any {
	t.Helper()
	var a map[string]any
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, line)
	}
	for _, k := range []string{"id", "source", "url", "date", "title", "text"} {
		if _, ok := a[k].(string); !ok {
			t.Errorf("field %q missing or not a string", k)
		}
	}
	id := a["id"].(string)
	if id == "" || strings.Contains(id, "/") {
		t.Errorf("bad id %q", id)
	}
	text := []rune(a["text"].(string))
	num := func(v any) int {
		n, err := v.(json.Number).Int64()
		if err != nil {
			t.Fatalf("not an integer: %v", v)
		}
		return int(n)
	}
	checkSpan := func(what string, m map[string]any, allowEmpty bool) {
		s, e := num(m["start"]), num(m["end"])
		txt, _ := m["text"].(string)
		if allowEmpty && s == 0 && e == 0 && txt == "" {
			return
		}
		if s < 0 || e < s || e > len(text) {
			t.Errorf("%s: span %d:%d out of the text (%d code points)", what, s, e, len(text))
			return
		}
		if got := string(text[s:e]); got != txt {
			t.Errorf("%s: text[%d:%d] = %q, span text %q", what, s, e, got, txt)
		}
	}
	ids := map[string]map[string]bool{"entities": {}, "timexes": {}, "quotes": {}, "events": {}}
	for k := range ids {
		arr, ok := a[k].([]any)
		if !ok {
			t.Fatalf("field %q is not an array: %v", k, a[k])
		}
		for _, x := range arr {
			m := x.(map[string]any)
			xid := m["id"].(string)
			if ids[k][xid] {
				t.Errorf("%s: duplicate id %s", k, xid)
			}
			ids[k][xid] = true
		}
	}
	for _, x := range a["entities"].([]any) {
		e := x.(map[string]any)
		checkSpan("entity "+e["id"].(string), e, false)
		switch e["type"] {
		case "PER", "ORG", "LOC", "MISC":
		default:
			t.Errorf("entity type %v", e["type"])
		}
		for _, mm := range e["mentions"].([]any) {
			pair := mm.([]any)
			s, en := num(pair[0]), num(pair[1])
			if s < 0 || en <= s || en > len(text) {
				t.Errorf("entity %v: mention %d:%d out of the text", e["id"], s, en)
			}
		}
	}
	for _, x := range a["timexes"].([]any) {
		tx := x.(map[string]any)
		checkSpan("timex "+tx["id"].(string), tx, false)
		if tx["value"] == "" {
			t.Errorf("timex %v has no value", tx["id"])
		}
	}
	for _, x := range a["quotes"].([]any) {
		q := x.(map[string]any)
		qid := q["id"].(string)
		checkSpan("quote "+qid+" content", q["content"].(map[string]any), false)
		checkSpan("quote "+qid+" cue", q["cue"].(map[string]any), true)
		sp := q["speaker"].(map[string]any)
		checkSpan("quote "+qid+" speaker", sp, true)
		if ent, _ := sp["entity"].(string); ent != "" && !ids["entities"][ent] {
			t.Errorf("quote %s: speaker entity %s does not exist", qid, ent)
		}
		switch q["kind"] {
		case "direct", "indirect", "mixed":
		default:
			t.Errorf("quote %s: kind %v", qid, q["kind"])
		}
		if _, ok := q["via"].([]any); !ok {
			t.Errorf("quote %s: via is not an array", qid)
		}
	}
	for _, x := range a["events"].([]any) {
		v := x.(map[string]any)
		vid := v["id"].(string)
		checkSpan("event "+vid+" trigger", v["trigger"].(map[string]any), false)
		for _, role := range []string{"source", "target"} {
			arg := v[role].(map[string]any)
			if ent, _ := arg["entity"].(string); ent != "" && !ids["entities"][ent] {
				t.Errorf("event %s: %s entity %s does not exist", vid, role, ent)
			}
		}
		if tid, _ := v["timex"].(string); tid != "" && !ids["timexes"][tid] {
			t.Errorf("event %s: timex %s does not exist", vid, tid)
		}
		if qid, _ := v["quote"].(string); qid != "" && !ids["quotes"][qid] {
			t.Errorf("event %s: quote %s does not exist", vid, qid)
		}
		if chronicle.ModalityRank(v["modality"].(string)) > 4 {
			t.Errorf("event %s: modality %v", vid, v["modality"])
		}
		if df := v["date_from"]; df != "timex" && df != "article" {
			t.Errorf("event %s: date_from %v", vid, df)
		}
		if _, ok := v["plover"].(string); !ok {
			t.Errorf("event %s: plover missing", vid)
		}
	}
	return a
}

func TestExtractContract(t *testing.T) {
	paths := []string{filepath.Join(repoRoot(t), "examples")}
	if p := filepath.Join(repoRoot(t), "..", "shared", "examples", "2025-07-03-putin-trump-call.txt"); fileExists(p) {
		paths = append(paths, p)
	}
	out, errOut, err := run(t, "", append([]string{"extract", "--format", "json"}, paths...)...)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 6 {
		t.Fatalf("got %d lines", len(lines))
	}
	for _, line := range lines {
		a := checkContract(t, line)
		if a["status"] != "ok" {
			t.Errorf("article %v (%v): status %.300v", a["id"], a["source"], a["status"])
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func TestExtractRunningExample(t *testing.T) {
	p := runningExample(t)
	out, errOut, err := run(t, "", "extract", "--format", "json", p)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, errOut)
	}
	a := checkContract(t, strings.TrimSpace(out))
	text := a["text"].(string)
	if strings.Contains(text, "ALSO READ") || !strings.HasPrefix(text, "Russian President Vladimir Putin") {
		t.Errorf("text not cleaned: %.200q", text)
	}
	if a["date"] != "2025-07-03" {
		t.Errorf("date %v", a["date"])
	}
}

func TestExtractStdinAndDate(t *testing.T) {
	out, _, err := run(t, "Putin spoke on Friday.", "extract", "--date", "2025-07-03", "-")
	if err != nil {
		t.Fatal(err)
	}
	a := checkContract(t, strings.TrimSpace(out))
	if a["date"] != "2025-07-03" {
		t.Errorf("date %v", a["date"])
	}
	_, errOut, err := run(t, "Putin spoke on Friday.", "extract", "-")
	if err != errFailedInputs || !strings.Contains(errOut, "--date") {
		t.Errorf("no date: err %v, stderr %q", err, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"nope"}, {"extract"}, {"ingest"}, {"events", "--format", "xml"}, {"events", "--from", "July"},
		{"events", "--pair", "Trump"}, {"quotes", "--kind", "odd"}, {"show"}, {"extract", "--date", "2025-7-3", "x"},
	} {
		_, _, err := run(t, "", args...)
		if exitCode(&Main{Stderr: &bytes.Buffer{}}, err) != 2 {
			t.Errorf("chronicle %v: err %v, want a usage error", args, err)
		}
	}
	_, _, err := run(t, "", "events", "--db", filepath.Join(t.TempDir(), "none.db"))
	if err == nil || !strings.Contains(err.Error(), "ingest") {
		t.Errorf("missing database: %v", err)
	}
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func storeStats(t *testing.T, db string) chronicle.Stats {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestIngestBadInputs ingests a batch with every kind of bad input: each is reported with its
// file, the good inputs are stored, and the command exits non-zero.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	writeFile(t, filepath.Join(in, "good.txt"), []byte("date 2025-07-03 Putin spoke to Trump on Thursday."))
	writeFile(t, filepath.Join(in, "empty.txt"), nil)
	writeFile(t, filepath.Join(in, "binary.txt"), []byte("\x7fELF\x02\x01\x01\x00\x00\x00"))
	writeFile(t, filepath.Join(in, "latin1.txt"), []byte("date 2025-07-03 Caf\xe9 society met."))
	writeFile(t, filepath.Join(in, "nodate.txt"), []byte("No header here."))
	writeFile(t, filepath.Join(in, "feed.jsonl"), []byte(
		`{"id":"a","date":"2025-07-01","text":"First record."}`+"\n"+
			`{"id":"b","date":"2025-07-01","text":"Broken record.`+"\n"+
			`{"id":"c","date":"2025-07-02","text":"Third record."}`+"\n"))
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("date 2025-07-03 ")
	chunk := bytes.Repeat([]byte("word "), 1<<20/5)
	for range 50 {
		f.Write(chunk)
	}
	f.Close()
	db := filepath.Join(dir, "c.db")
	out, errOut, err := run(t, "", "ingest", "--db", db, in, big, filepath.Join(dir, "missing.txt"))
	if err != errFailedInputs {
		t.Fatalf("err = %v, want errFailedInputs\n%s", err, errOut)
	}
	for _, want := range []string{
		"empty.txt: empty file", "binary.txt", "binary content", "latin1.txt (byte 19): invalid UTF-8", "nodate.txt:1: no article date",
		"feed.jsonl:2: malformed JSON", "big.txt", "larger than the 16.0 MB limit", "missing.txt", "no such file",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	if st := storeStats(t, db); st.Articles != 3 {
		t.Errorf("stored %d articles, want 3 (good.txt and two JSONL records)\n%s", st.Articles, out)
	}
	if !strings.Contains(out, "stored 3 new articles") || !strings.Contains(out, "7 inputs could not be read") {
		t.Errorf("summary:\n%s", out)
	}
	// A second run stores nothing new and keeps the same count.
	out, _, _ = run(t, "", "ingest", "--db", db, in)
	if !strings.Contains(out, "stored 0 new articles") || storeStats(t, db).Articles != 3 {
		t.Errorf("second run:\n%s", out)
	}
}

// TestQueries ingests the examples and runs every query command in every format.
func TestQueries(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if _, errOut, err := run(t, "", "ingest", "--db", db, filepath.Join(repoRoot(t), "examples")); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	for _, cmd := range [][]string{{"events"}, {"quotes"}, {"entities"}, {"search", "Putin"}} {
		for _, format := range []string{"table", "json", "csv"} {
			args := append([]string{cmd[0], "--db", db, "--format", format}, cmd[1:]...)
			out, errOut, err := run(t, "", args...)
			if err != nil {
				t.Errorf("chronicle %v: %v\n%s", args, err, errOut)
				continue
			}
			if format == "json" {
				var v []any
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Errorf("chronicle %v: not a JSON array: %v", args, err)
				}
			}
		}
	}
	out, _, err := run(t, "", "search", "--db", db, "--format", "json", "Ushakov")
	if err != nil {
		t.Fatal(err)
	}
	var hits []chronicle.SearchHit
	json.Unmarshal([]byte(out), &hits)
	if len(hits) == 0 || hits[0].Article == "" || hits[0].Snippet == "" {
		t.Fatalf("search hits %+v", hits)
	}
	show, _, err := run(t, "", "show", "--db", db, hits[0].Article)
	if err != nil || !strings.Contains(show, "Ushakov") {
		t.Errorf("show: %v\n%s", err, show)
	}
	js, _, err := run(t, "", "show", "--db", db, "--format", "json", hits[0].Article)
	if err != nil {
		t.Fatal(err)
	}
	checkContract(t, compactJSON(t, js))
	if _, _, err := run(t, "", "show", "--db", db, "no-such-article"); chronicle.ErrorCode(err) != chronicle.ENOTFOUND {
		t.Errorf("show missing: %v", err)
	}
}

func compactJSON(t *testing.T, s string) string {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// buildBinary builds the chronicle command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "chronicle")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKillAndResume kills an ingest with SIGKILL in the middle and runs it again: the store ends
// with exactly the articles of one clean run, none twice.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	input := filepath.Join(dir, "many.jsonl")
	const n = 3000
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"id":"rec-%d","date":"2025-07-%02d","title":"Story %d","text":"Russian President Vladimir Putin told U.S. President Donald Trump on Thursday that Russia would not back down, Putin's aide Yuri Ushakov said. \"We will achieve our goals,\" Ushakov said in story %d. Earlier in the day, Trump had announced the call."}`+"\n", i, 1+i%28, i, i)
	}
	writeFile(t, input, b.Bytes())
	db := filepath.Join(dir, "c.db")

	cmd := exec.Command(bin, "ingest", "--quiet", "--db", db, input)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once some articles are committed.
	deadline := time.Now().Add(60 * time.Second)
	killed := false
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if st, ok := peekArticles(db); ok && st > 0 {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatal("ingest stored nothing within 60 s")
	}
	mid, _ := peekArticles(db)
	t.Logf("killed after %d of %d articles were stored", mid, n)
	if mid >= n {
		t.Logf("ingest finished before the kill (%d articles); the resume still must not duplicate", mid)
	}
	out, err := exec.Command(bin, "ingest", "--quiet", "--db", db, input).CombinedOutput()
	if err != nil {
		t.Fatalf("resume: %v\n%s", err, out)
	}
	st := storeStats(t, db)
	if st.Articles != n {
		t.Errorf("after kill at %d and resume: %d articles, want %d\n%s", mid, st.Articles, n, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("%d articles were already stored", mid)) && mid > 0 {
		t.Logf("resume output: %s", out)
	}
	// A third run changes nothing.
	exec.Command(bin, "ingest", "--quiet", "--db", db, input).Run()
	if st2 := storeStats(t, db); st2 != st {
		t.Errorf("third run changed the store: %+v → %+v", st, st2)
	}
}

// peekArticles counts stored articles without disturbing a running writer.
func peekArticles(db string) (int, bool) {
	if _, err := os.Stat(db); err != nil {
		return 0, false
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		return 0, false
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	return st.Articles, err == nil
}

// TestLineReport checks that the summary line counts what was stored.
func TestIngestSummary(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	out, _, err := run(t, `{"id":"1","date":"2025-01-01","text":"One."}`+"\n"+`{"id":"2","date":"2025-01-01","text":"Two."}`, "ingest", "--db", db, "-")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Scan()
	if !strings.HasPrefix(sc.Text(), "stored 2 new articles in "+db) {
		t.Errorf("summary %q", out)
	}
}

// TestStoredActors keeps a user actors file in the database: later ingests use it, lookup
// resolves it, and a bad file is refused with its line.
func TestStoredActors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	actorsFile := filepath.Join(dir, "mine.txt")
	writeFile(t, actorsFile, []byte("actor Jane Qwertyuiop\n  kb Q999999999\n  country DEU\n  alias J. Qwertyuiop\n  role DEUGOV 2025-01-01.. Foreign Minister of Germany\n"))
	if _, errOut, err := run(t, "", "actors", "add", "--db", db, actorsFile); err != nil {
		t.Fatalf("actors add: %v\n%s", err, errOut)
	}
	out, _, err := run(t, "", "actors", "show", "--db", db)
	if err != nil || !strings.Contains(out, "Jane Qwertyuiop") {
		t.Fatalf("actors show: %v\n%s", err, out)
	}
	in := filepath.Join(dir, "a.txt")
	writeFile(t, in, []byte("date 2025-07-03\nGerman Foreign Minister Jane Qwertyuiop met reporters in Berlin on Thursday. Qwertyuiop said talks would continue."))
	if _, errOut, err := run(t, "", "ingest", "--db", db, in); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	js, _, err := run(t, "", "entities", "--db", db, "--format", "json", "--name", "Qwertyuiop")
	if err != nil {
		t.Fatal(err)
	}
	var rows []chronicle.EntityRow
	json.Unmarshal([]byte(js), &rows)
	if len(rows) != 1 || rows[0].KB != "Q999999999" || rows[0].Actor != "DEUGOV" {
		t.Errorf("entity rows %+v", rows)
	}
	out, _, err = run(t, "", "actors", "lookup", "--actors", actorsFile, "--date", "2025-07-03", "--format", "json", "J. Qwertyuiop")
	if err != nil || !strings.Contains(out, `"kb": "Q999999999"`) {
		t.Errorf("lookup: %v\n%s", err, out)
	}
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, bad, []byte("actor X\n  role NOTADATE..x\n"))
	if _, _, err := run(t, "", "actors", "add", "--db", db, bad); err == nil || !strings.Contains(err.Error(), "bad.txt") {
		t.Errorf("bad file: %v", err)
	}
	if _, _, err := run(t, "", "actors", "clear", "--db", db); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := run(t, "", "actors", "show", "--db", db); strings.Contains(out, "Qwertyuiop") {
		t.Errorf("after clear: %s", out)
	}
}

// TestReprocess ingests the examples, makes one article's recorded versions old, and runs
// reprocess: only that article is re-run, and every listing is as after the ingest (same
// ids, same order, nothing twice); reprocess --all re-runs every article with the same result.
// With a PostgreSQL test server the same runs on PostgreSQL, and its listings are SQLite's.
func TestReprocess(t *testing.T) {
	sq := reprocessListings(t, filepath.Join(t.TempDir(), "c.db"))
	t.Run("postgres", func(t *testing.T) {
		pg := reprocessListings(t, pgtest.DSN(t))
		for cmd, out := range sq {
			if pg[cmd] != out {
				t.Errorf("%s: PostgreSQL lists otherwise than SQLite", cmd)
			}
		}
	})
}

// reprocessListings runs TestReprocess's steps on database db and returns its listings.
func reprocessListings(t *testing.T, db string) map[string]string {
	out, errOut, err := run(t, "", "ingest", "--db", db, filepath.Join(repoRoot(t), "examples"))
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	var stored int
	if i := strings.Index(out, "stored "); i < 0 {
		t.Fatalf("ingest summary %q", out)
	} else if _, err := fmt.Sscanf(out[i:], "stored %d new articles", &stored); err != nil || stored < 2 {
		t.Fatalf("ingest summary %q: %v", out, err)
	}
	listings := func() map[string]string {
		got := map[string]string{}
		for _, cmd := range []string{"events", "quotes", "entities", "timeline"} {
			args := []string{cmd, "--db", db, "--format", "json"}
			if cmd == "timeline" {
				args = append(args, "--pair", "Donald Trump,Xi Jinping", "--all")
			}
			out, errOut, err := run(t, "", args...)
			if err != nil {
				t.Fatalf("%s: %v\n%s", cmd, err, errOut)
			}
			got[cmd] = out
		}
		return got
	}
	before := listings()
	if out, _, err := run(t, "", "reprocess", "--db", db); err != nil || !strings.Contains(out, "reprocessed 0 of 0") {
		t.Fatalf("reprocess with nothing stale: %v\n%s", err, out)
	}
	// Make the first article's events look extracted by an older version.
	ctx := context.Background()
	st, err := openStore(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := st.Stale(ctx, map[string]string{"": "all"})
	if err != nil || len(ids) != stored {
		t.Fatalf("stored ids %v: %v", ids, err)
	}
	a, err := st.Article(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	// An older cleaner alone makes nothing stale: reprocess cannot clean stored text again.
	a.Versions["clean"] = "0"
	if err := st.ReplaceExtractions(ctx, a); err != nil {
		t.Fatal(err)
	}
	if out, _, err := run(t, "", "reprocess", "--db", db); err != nil || !strings.Contains(out, "reprocessed 0 of 0") {
		t.Fatalf("reprocess after a cleaner change: %v\n%s", err, out)
	}
	a.Versions["events"] = "old"
	if err := st.ReplaceExtractions(ctx, a); err != nil {
		t.Fatal(err)
	}
	if out, errOut, err := run(t, "", "reprocess", "--db", db); err != nil || !strings.Contains(out, "reprocessed 1 of 1") {
		t.Fatalf("reprocess: %v\n%s%s", err, out, errOut)
	}
	if a, err := st.Article(ctx, ids[0]); err != nil || a.Versions["clean"] != "0" || a.Versions["events"] == "old" {
		t.Errorf("versions after reprocess: %v (%v); want the cleaner's kept, the extractors' current", a.Versions, err)
	}
	st.Close()
	for cmd, out := range listings() {
		if out != before[cmd] {
			t.Errorf("%s after reprocess differs from after ingest", cmd)
		}
	}
	if out, _, err := run(t, "", "reprocess", "--db", db); err != nil || !strings.Contains(out, "reprocessed 0 of 0") {
		t.Errorf("the reprocessed article's versions were not recorded: %v\n%s", err, out)
	}
	if out, errOut, err := run(t, "", "reprocess", "--db", db, "--all"); err != nil || !strings.Contains(out, fmt.Sprintf("reprocessed %d of %d", stored, stored)) {
		t.Fatalf("reprocess --all: %v\n%s%s", err, out, errOut)
	}
	for cmd, out := range listings() {
		if out != before[cmd] {
			t.Errorf("%s after reprocess --all differs from after ingest", cmd)
		}
	}
	return before
}
