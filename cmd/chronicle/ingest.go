package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"sync"
	"time"

	"chronicle"
	"chronicle/cluster"
	"chronicle/pipeline"
	"chronicle/read"
)

// inputFlags are the flags of commands that read articles.
type inputFlags struct {
	Date     string
	MaxBytes int64
	Workers  int
	Actors   string
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.Date, "date", "", "article date YYYY-MM-DD for inputs that carry none")
	fs.Int64Var(&f.MaxBytes, "max-article-bytes", read.DefaultMaxBytes, "largest article accepted, in bytes; larger ones are reported and skipped")
	fs.IntVar(&f.Workers, "workers", 0, "articles processed at once (default: one per core)")
	fs.StringVar(&f.Actors, "actors", "", "file of extra actors, aliases and dated roles (see doc/actors.md)")
}

func (f *inputFlags) check() error {
	if f.Date != "" {
		if _, err := time.Parse(chronicle.DateLayout, f.Date); err != nil {
			return &usageError{message: fmt.Sprintf("bad --date %q", f.Date), hint: "write it as YYYY-MM-DD"}
		}
	}
	return nil
}

func (f *inputFlags) options(stdin io.Reader) read.Options {
	return read.Options{Date: f.Date, MaxBytes: f.MaxBytes, Stdin: stdin}
}

// extract prints the JSON Lines contract of DESIGN.md for every input article; no database.
func (m *Main) extract(ctx context.Context, args []string) error {
	fs := m.newFlagSet("extract", "[flags] PATH...", "Extract entities, time expressions, quotes and events from articles and print one JSON object per article per line.\nPATH is a file (text with a `date YYYY-MM-DD` header, JSON Lines, a web page, an RSS/Atom feed, a WARC file, or any of these gzipped), a directory, or - for standard input.")
	format := fs.String("format", "json", "output format: json (JSON Lines)")
	var in inputFlags
	in.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "json" {
		return &usageError{message: fmt.Sprintf("unknown --format %q", *format), hint: "extract prints JSON Lines: --format json"}
	}
	if err := in.check(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{message: "extract: no input", hint: "chronicle extract --format json PATH... (a file, a directory, or - for standard input)"}
	}
	p, err := m.pipeline("", in.Actors)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(m.Stdout, 256<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	err = p.Run(ctx, read.All(fs.Args(), in.options(m.Stdin)), in.Workers, func(r pipeline.Result) error {
		if r.Err != nil {
			failed++
			w.Flush()
			printError(m.Stderr, r.Err)
			return nil
		}
		return enc.Encode(r.Article)
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(m.Stderr, "chronicle: %d input(s) failed; the others were extracted\n", failed)
		return errFailedInputs
	}
	return nil
}

// ingest extracts and stores articles. Records already stored are skipped before extraction,
// so a re-run after a crash completes the rest without duplicates.
func (m *Main) ingest(ctx context.Context, args []string) error {
	fs := m.newFlagSet("ingest", "[flags] PATH...", "Extract articles and store them with everything extracted.\nPATH is a file (text with a `date YYYY-MM-DD` header, JSON Lines, a web page, an RSS/Atom feed, a WARC file, or any of these gzipped), a directory, or - for standard input.\nRecords already stored are left as they are.")
	var sf storeFlags
	sf.register(fs)
	var in inputFlags
	in.register(fs)
	quiet := fs.Bool("quiet", false, "no progress bar")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{message: "ingest: no input", hint: "chronicle ingest PATH... (a file, a directory, or - for standard input)"}
	}
	st, err := openStore(ctx, sf.DB, false)
	if err != nil {
		return err
	}
	defer st.Close()
	kept, err := storedActors(ctx, st)
	if err != nil {
		return err
	}
	p, err := m.pipeline(kept, in.Actors)
	if err != nil {
		return err
	}

	opt := in.options(m.Stdin)
	var bar *progress
	if !*quiet && isTerminal(m.Stderr) {
		bar = newProgress(m.Stderr, inputSize(fs.Args()))
		opt.Progress = bar.add
	}
	var sum ingestSummary
	// Skip records already stored, before the expensive extraction.
	fresh := func(yield func(*chronicle.Article, error) bool) {
		for a, err := range read.All(fs.Args(), opt) {
			if err == nil {
				has, herr := st.HasKeys(ctx, []string{a.Key})
				if herr != nil {
					yield(nil, herr)
					return
				}
				if has[a.Key] {
					sum.existing++
					continue
				}
			}
			if !yield(a, err) {
				return
			}
		}
	}
	var batch []*chronicle.Article
	lastFlush := time.Now()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := st.PutArticles(ctx, batch)
		if err != nil {
			return err
		}
		if err := updateClusters(ctx, st, created(batch, res)); err != nil { // watch.go
			return err
		}
		for i, a := range batch {
			if !res[i].Created {
				sum.existing++
				continue
			}
			sum.add(a)
		}
		batch = batch[:0]
		lastFlush = time.Now()
		return nil
	}
	err = p.Run(ctx, iter.Seq2[*chronicle.Article, error](fresh), in.Workers, func(r pipeline.Result) error {
		if r.Err != nil {
			sum.errors++
			if bar != nil {
				bar.clear()
			}
			printError(m.Stderr, r.Err)
			return nil
		}
		batch = append(batch, r.Article)
		if len(batch) >= 64 || time.Since(lastFlush) > time.Second {
			return flush()
		}
		return nil
	})
	if ferr := flush(); err == nil {
		err = ferr
	}
	if bar != nil {
		bar.finish()
	}
	sum.print(m.Stdout, displayDB(sf.DB))
	if err != nil {
		return err
	}
	if sum.errors > 0 {
		return errFailedInputs
	}
	return nil
}

type ingestSummary struct {
	articles, existing, failed, errors       int
	entities, timexes, quotes, events, words int
}

func (s *ingestSummary) add(a *chronicle.Article) {
	s.articles++
	if len(a.Status) >= 6 && a.Status[:6] == "failed" {
		s.failed++
	}
	s.entities += len(a.Entities)
	s.timexes += len(a.Timexes)
	s.quotes += len(a.Quotes)
	s.events += len(a.Events)
}

func (s *ingestSummary) print(w io.Writer, db string) {
	fmt.Fprintf(w, "stored %d new articles in %s: %d entities, %d time expressions, %d quotes, %d events\n",
		s.articles, db, s.entities, s.timexes, s.quotes, s.events)
	if s.existing > 0 {
		fmt.Fprintf(w, "%d articles were already stored and left as they are\n", s.existing)
	}
	if s.failed > 0 {
		fmt.Fprintf(w, "%d articles stored with a failed extractor (see 'chronicle show ID'; 'chronicle reprocess' retries them)\n", s.failed)
	}
	if s.errors > 0 {
		fmt.Fprintf(w, "%d inputs could not be read (errors above); the others were stored\n", s.errors)
	}
}

// reprocess re-runs the current extractors over stored articles whose recorded extractor
// versions differ from the current ones (or whose extraction failed).
func (m *Main) reprocess(ctx context.Context, args []string) error {
	fs := m.newFlagSet("reprocess", "[flags]", "Re-run the current extractors over stored articles extracted by older versions (or that failed).")
	var sf storeFlags
	sf.register(fs)
	all := fs.Bool("all", false, "reprocess every article, whatever its versions")
	workers := fs.Int("workers", 0, "articles processed at once (default: one per core)")
	actorsFile := fs.String("actors", "", "file of extra actors, aliases and dated roles (see doc/actors.md)")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, sf.DB, true)
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
	// The stored text is the cleaned text its offsets index: reprocess re-runs the extractors
	// over it but cannot clean it again (a newer cleaner applies to articles ingested anew), so
	// the cleaner's version neither makes an article stale nor changes on reprocess.
	want := p.Versions()
	delete(want, "clean")
	if *all {
		want = map[string]string{"": "all"}
	}
	ids, err := st.Stale(ctx, want)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	cleaned := map[string]string{} // article id → the version of the cleaner that cleaned it
	stored := func(yield func(*chronicle.Article, error) bool) {
		for _, id := range ids {
			a, err := st.Article(ctx, id)
			if err == nil {
				a.Raw = a.Text // already cleaned: keep the stored text and its offsets
				a.Offsets = chronicle.Bytes
				mu.Lock()
				cleaned[a.ID] = a.Versions["clean"]
				mu.Unlock()
			}
			if !yield(a, err) {
				return
			}
		}
	}
	n := 0
	err = p.Run(ctx, stored, *workers, func(r pipeline.Result) error {
		if r.Err != nil {
			return r.Err
		}
		n++
		mu.Lock()
		v, ok := cleaned[r.Article.ID]
		mu.Unlock()
		if ok {
			r.Article.Versions["clean"] = v
		}
		return st.ReplaceExtractions(ctx, r.Article)
	})
	if err == nil && n > 0 {
		err = cluster.Rebuild(ctx, st, 500) // extractions changed: recluster
	}
	fmt.Fprintf(m.Stdout, "reprocessed %d of %d stored articles\n", n, len(ids))
	return err
}

// created returns the articles of a stored batch that PutArticles created (cross-article
// clustering runs over them).
func created(batch []*chronicle.Article, res []chronicle.PutResult) []*chronicle.Article {
	var out []*chronicle.Article
	for i, a := range batch {
		if res[i].Created {
			out = append(out, a)
		}
	}
	return out
}

// inputSize sums the sizes of the files under paths, for the progress bar (0 when unknown).
func inputSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return 0
		}
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			n += fi.Size()
			continue
		}
		for f := range walkSizes(p) {
			n += f
		}
	}
	return n
}
