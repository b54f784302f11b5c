// Package pipeline runs the extractors over articles: clean, segment, then each Stage in turn,
// one article at a time, with bounded concurrency over many articles and results in input order.
//
// A stage that panics fails only its article: the article keeps its text, gets the status
// "failed: …" and is stored all the same, so that `chronicle reprocess` can retry it.
package pipeline

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"chronicle"
	"chronicle/clean"
	"chronicle/text"
)

// Doc is one article on its way through the stages.
type Doc struct {
	Article *chronicle.Article
	Text    *text.Doc
	// Date is the article's date (midnight UTC): the anchor of relative time expressions.
	Date time.Time
}

// Stage is one extractor over one article. Run reads what earlier stages left in the Doc and
// adds its own results (with byte offsets). Stages are used by many goroutines at once.
type Stage interface {
	Name() string
	Version() string
	Run(d *Doc)
}

// Pipeline is a sequence of stages.
type Pipeline struct {
	Stages []Stage
}

// Versions returns the name and version of the cleaner, the segmenter and every stage.
func (p *Pipeline) Versions() map[string]string {
	v := map[string]string{"clean": clean.Version, "text": text.Version}
	for _, s := range p.Stages {
		v[s.Name()] = s.Version()
	}
	return v
}

// Process cleans, segments and runs every stage over a, then converts its offsets to code
// points. a.Text is the raw text on entry (unless a.Raw is already set, when a.Text is taken as
// cleaned) and the cleaned text on return. It never panics: a failing stage sets a.Status.
func (p *Pipeline) Process(a *chronicle.Article) {
	if a.Raw == "" && a.CleanMap == nil {
		a.Raw = a.Text
		a.Text, a.CleanMap = clean.Clean(a.Text)
	}
	a.Offsets = chronicle.Bytes
	a.Versions = p.Versions()
	if a.Entities == nil {
		a.Entities = []chronicle.Entity{}
	}
	a.Timexes, a.Quotes, a.Events = []chronicle.Timex{}, []chronicle.Quote{}, []chronicle.Event{}
	a.Entities = a.Entities[:0]
	if a.Status == "" || a.Status == "ok" || len(a.Status) > 7 && a.Status[:7] == "failed:" {
		a.Status = "ok"
	}
	if a.Status != "ok" { // skipped (e.g. another language): no extractors
		a.ToCodePoints()
		return
	}
	d := &Doc{Article: a}
	if t, ok := a.Time(); ok {
		d.Date = t
	}
	p.runStages(d)
	a.ToCodePoints()
	a.Raw = ""
}

func (p *Pipeline) runStages(d *Doc) {
	stage := "text"
	defer func() {
		if r := recover(); r != nil {
			a := d.Article
			a.Status = fmt.Sprintf("failed: %s: %v", stage, r)
			a.Diagnostics = append(a.Diagnostics, chronicle.Diagnostic{Stage: stage,
				Message: fmt.Sprintf("panic: %v\n%s", r, debug.Stack())})
			a.Entities, a.Timexes, a.Quotes, a.Events = []chronicle.Entity{}, []chronicle.Timex{}, []chronicle.Quote{}, []chronicle.Event{}
		}
	}()
	d.Text = text.Segment(d.Article.Text)
	for _, s := range p.Stages {
		stage = s.Name()
		s.Run(d)
	}
}

// Result is one article processed, or the error reading it.
type Result struct {
	Article *chronicle.Article
	Err     error
}

// Run processes the articles of in with the given number of workers (all cores when ≤ 0) and
// calls out for each one in input order (read errors included, in their place). It stops at
// the first error out returns, or when ctx is done, and returns that error.
func (p *Pipeline) Run(ctx context.Context, in iter.Seq2[*chronicle.Article, error], workers int, out func(Result) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		res Result
	}
	jobs := make(chan job, workers*2)
	done := make(chan job, workers*2)
	// window bounds the articles between the feeder and the in-order output, so that one slow
	// article cannot make finished ones pile up without limit.
	window := make(chan struct{}, workers*4)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.res.Err == nil && j.res.Article != nil {
					p.Process(j.res.Article)
				}
				select {
				case done <- j:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { // feeder
		defer close(jobs)
		seq := 0
		for a, err := range in {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{seq, Result{a, err}}:
			case <-ctx.Done():
				return
			}
			seq++
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()

	// Reorder: emit results in input order.
	pending := map[int]Result{}
	next := 0
	var outErr error
	for j := range done {
		if outErr != nil {
			continue
		}
		pending[j.seq] = j.res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if err := out(r); err != nil {
				outErr = err
				cancel()
				break
			}
		}
	}
	if outErr != nil {
		return outErr
	}
	return ctx.Err()
}
