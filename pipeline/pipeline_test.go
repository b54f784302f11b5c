package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"chronicle"
)

// slowStage sleeps longer for earlier articles, so that results finish out of order.
type slowStage struct{}

func (slowStage) Name() string    { return "slow" }
func (slowStage) Version() string { return "1" }
func (slowStage) Run(d *Doc) {
	var n int
	fmt.Sscanf(d.Article.ID, "a%d", &n)
	time.Sleep(time.Duration(20-n) * time.Millisecond)
	d.Article.Timexes = append(d.Article.Timexes, chronicle.Timex{ID: "t1", Span: chronicle.Span{Start: 0, End: len(d.Text.Text), Text: d.Text.Text}, Type: "DATE", Value: "2025"})
}

// panicStage panics on articles whose text says so.
type panicStage struct{}

func (panicStage) Name() string    { return "boom" }
func (panicStage) Version() string { return "7" }
func (panicStage) Run(d *Doc) {
	if strings.Contains(d.Text.Text, "panic") {
		panic("deliberate")
	}
}

func articles(n int) func(func(*chronicle.Article, error) bool) {
	return func(yield func(*chronicle.Article, error) bool) {
		for i := range n {
			if i == 5 {
				if !yield(nil, errors.New("bad record")) {
					return
				}
				continue
			}
			text := fmt.Sprintf("Text é %d.", i)
			if i == 7 {
				text = "please panic"
			}
			if !yield(&chronicle.Article{ID: fmt.Sprintf("a%d", i), Date: "2025-07-03", Text: text}, nil) {
				return
			}
		}
	}
}

func TestRunOrderAndFailures(t *testing.T) {
	p := &Pipeline{Stages: []Stage{slowStage{}, panicStage{}}}
	var got []string
	err := p.Run(context.Background(), articles(20), 4, func(r Result) error {
		if r.Err != nil {
			got = append(got, "err")
			return nil
		}
		a := r.Article
		got = append(got, a.ID)
		switch {
		case a.ID == "a7":
			if !strings.HasPrefix(a.Status, "failed: boom: deliberate") || len(a.Timexes) != 0 || len(a.Diagnostics) != 1 {
				t.Errorf("a7: status %q, %d timexes", a.Status, len(a.Timexes))
			}
		default:
			if a.Status != "ok" || len(a.Timexes) != 1 || a.Versions["boom"] != "7" || a.Offsets != chronicle.CodePoints {
				t.Errorf("%s: %+v", a.ID, a)
			}
			// Code points: "Text é 1." has 9 runes but 10 bytes.
			if tx := a.Timexes[0]; tx.End != len([]rune(a.Text)) {
				t.Errorf("%s: timex end %d, want %d code points", a.ID, tx.End, len([]rune(a.Text)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "a0 a1 a2 a3 a4 err a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 a18 a19"
	if strings.Join(got, " ") != want {
		t.Errorf("order:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestRunStopsOnOutputError(t *testing.T) {
	p := &Pipeline{}
	n := 0
	stop := errors.New("stop")
	err := p.Run(context.Background(), articles(1000), 2, func(r Result) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if err != stop || n != 3 {
		t.Errorf("err %v after %d results", err, n)
	}
}

func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pipeline{Stages: []Stage{slowStage{}}}
	n := 0
	err := p.Run(ctx, articles(1000), 2, func(r Result) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v", err)
	}
}

func TestProcessCleans(t *testing.T) {
	p := &Pipeline{}
	a := &chronicle.Article{Date: "2025-07-03", Text: "First. ALSO READ: Some headline here In the end it rained."}
	p.Process(a)
	if a.Text != "First. In the end it rained." || a.Raw != "" {
		t.Errorf("text %q", a.Text)
	}
}

// countStage numbers the words of each article in a timex, so that results show whether each
// article was processed alone.
type countStage struct{}

func (countStage) Name() string    { return "count" }
func (countStage) Version() string { return "1" }
func (countStage) Run(d *Doc) {
	n := len(strings.Fields(d.Text.Text))
	d.Article.Timexes = append(d.Article.Timexes, chronicle.Timex{ID: "t1", Span: chronicle.Span{Start: 0, End: len(d.Text.Text)}, Type: "DATE", Value: fmt.Sprint(n)})
}

// batchStage is a BatchStage that sets each article's outlet to its word count, and whose
// batches panic when one of their articles says so (Run then runs again article by article).
type batchStage struct{}

func (batchStage) Name() string    { return "batch" }
func (batchStage) Version() string { return "1" }
func (batchStage) Run(d *Doc) {
	d.Article.Outlet = fmt.Sprint(len(strings.Fields(d.Text.Text)))
}
func (b batchStage) RunBatch(ds []*Doc) {
	for _, d := range ds {
		b.Run(d)
	}
	for _, d := range ds {
		if strings.Contains(d.Text.Text, "panic") {
			panic("batch")
		}
	}
}

// TestRunBatchesLikeProcess checks that Run, which processes articles in batches stage by
// stage, gives each article what Process gives it: with failures, read errors, large
// articles (which hold more of the window) and one or more workers.
func TestRunBatchesLikeProcess(t *testing.T) {
	mk := func(i int) *chronicle.Article {
		text := strings.Repeat(fmt.Sprintf("word%d ", i), 1+i%7)
		switch {
		case i%97 == 3:
			text += "panic"
		case i%61 == 5:
			text = strings.Repeat("big ", (1+i%5)*windowUnit/4) // up to 5 window units
		}
		return &chronicle.Article{ID: fmt.Sprintf("a%d", i), Date: "2025-07-03", Text: text}
	}
	const n = 700
	in := func(yield func(*chronicle.Article, error) bool) {
		for i := range n {
			if i%101 == 50 {
				if !yield(nil, errors.New("bad record")) {
					return
				}
				continue
			}
			if !yield(mk(i), nil) {
				return
			}
		}
	}
	p := &Pipeline{Stages: []Stage{countStage{}, batchStage{}, panicStage{}}}
	var want []string
	for i := range n {
		if i%101 == 50 {
			want = append(want, "err")
			continue
		}
		a := mk(i)
		p.Process(a)
		want = append(want, fmt.Sprintf("%s %s %d %v %s", a.ID, a.Status, len(a.Diagnostics), a.Timexes, a.Outlet))
	}
	for _, workers := range []int{1, 3} {
		var got []string
		err := p.Run(context.Background(), in, workers, func(r Result) error {
			if r.Err != nil {
				got = append(got, "err")
				return nil
			}
			a := r.Article
			got = append(got, fmt.Sprintf("%s %s %d %v %s", a.ID, a.Status, len(a.Diagnostics), a.Timexes, a.Outlet))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("workers %d: Run and Process differ", workers)
		}
	}
}
