package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"chronicle"
	"chronicle/cluster"
	"chronicle/pipeline"
	"chronicle/read"
	"chronicle/sqlite"
	"chronicle/storetest"
)

// The tests share one SQLite store, built once: the examples/ articles extracted by the real
// pipeline, three articles with hand-made extractions (storetest.Article) whose content the
// tests know exactly, and a hostile article whose text and names hold markup and script.
var (
	fixtureOnce  sync.Once
	fixtureStore chronicle.Store
	fixtureErr   error
	fixtureDir   string   // removed by TestMain
	exampleIDs   []string // ids of the stored examples/ articles
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "chronicle-server-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := m.Run()
	if fixtureStore != nil {
		fixtureStore.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// hostileID is the id of the article with markup in its text.
const hostileID = "hostile-1"

// hostile is an article whose title, text, entity names and quote hold HTML and script.
func hostile() *chronicle.Article {
	text := `Breaking <script>window.__pwned = 1; document.title = "pwned"</script> news: ` +
		`<img src=x onerror="window.__pwned = 2"> Mallory <b>said</b> "we </span></a> will <i>win</i>" on Monday.`
	span := func(sub string) chronicle.Span {
		b := strings.Index(text, sub)
		if b < 0 {
			panic(sub)
		}
		s := chronicle.CodePointOffset(text, b)
		return chronicle.Span{Start: s, End: s + len([]rune(sub)), Text: sub}
	}
	mallory := span("Mallory <b>")
	quote := span(`we </span></a> will <i>win</i>`)
	monday := span("on Monday")
	script := span(`<script>window.__pwned = 1;`)
	return &chronicle.Article{
		ID: hostileID, Key: "hostile-key", Source: "test", Date: "2025-07-07", Title: `<script>window.__pwned = 3</script>Hostile "title" & co`,
		Text: text, Offsets: chronicle.CodePoints, Status: "ok",
		Entities: []chronicle.Entity{{ID: "e1", Span: mallory, Type: "PER", Name: `Mallory <b>"the hacker"</b>`, Actor: "USA",
			Role: `<img src=x onerror="window.__pwned = 4">`, Mentions: [][2]int{{mallory.Start, mallory.End}}}},
		Timexes: []chronicle.Timex{{ID: "t1", Span: monday, Type: "DATE", Value: `2025-07-07"><script>`}},
		Quotes: []chronicle.Quote{{ID: "q1", Kind: "direct", Content: quote, Speaker: chronicle.Speaker{Span: mallory, Entity: "e1"},
			Via: []string{"<b>Wire</b>"}}},
		Events: []chronicle.Event{{ID: "v1", Code: "010", Root: "01", Plover: "", Modality: "asserted",
			Source: chronicle.EventArg{Entity: "e1", Actor: "USA", Text: mallory.Text}, Target: chronicle.EventArg{Actor: "---"},
			Date: "2025-07-07", DateFrom: "timex", TimexID: "t1", Trigger: script, Sentence: chronicle.Span{Start: 0, End: len([]rune(text))},
			Confidence: 0.5, Why: "<script>"}},
	}
}

// repoRoot returns the repository root (the parent of server/).
func repoRoot(t testing.TB) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(wd)
}

// fixture returns the shared store, building it on first use.
func fixture(t testing.TB) chronicle.Store {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureStore, exampleIDs, fixtureErr = build(repoRoot(t), fixtureDir)
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureStore
}

// build fills a new store in dir with the examples of the repository at root.
func build(root, dir string) (chronicle.Store, []string, error) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "test.db"))
	if err != nil {
		return nil, nil, err
	}
	p, err := pipeline.Default(pipeline.Options{})
	if err != nil {
		return nil, nil, err
	}
	var as []*chronicle.Article
	err = p.Run(ctx, read.All([]string{filepath.Join(root, "examples")}, read.Options{}), 2, func(r pipeline.Result) error {
		if r.Err != nil {
			return fmt.Errorf("examples: %w", r.Err)
		}
		as = append(as, r.Article)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if len(as) < 5 {
		return nil, nil, fmt.Errorf("only %d example articles read", len(as))
	}
	as = append(as, storetest.Article(1, "2025-07-03"), storetest.Article(2, "2025-06-10"), storetest.Article(3, "2025-05-01"), hostile())
	res, err := st.PutArticles(ctx, as)
	if err != nil {
		return nil, nil, err
	}
	// Cluster the events across articles and extract count claims, as ingest does.
	if err := cluster.Update(ctx, st, as); err != nil {
		return nil, nil, err
	}
	var ids []string
	for i, r := range res[:len(res)-4] {
		if !r.Created {
			return nil, nil, fmt.Errorf("example %s not stored", as[i].ID)
		}
		ids = append(ids, r.ID)
	}
	return st, ids, nil
}
