// Command chronicle reads dated news articles and answers, with evidence, who did and said what
// to whom, and when. Run `chronicle help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	err := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(exitCode(m, err))
}

// Main is the program; tests run it with their own streams.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
}

// errFailedInputs is returned when a batch ran but some inputs failed; the good ones are done.
var errFailedInputs = errors.New("some inputs failed")

// usageError is a mistake on the command line, with what to type instead.
type usageError struct{ message, hint string }

func (e *usageError) Error() string {
	if e.hint == "" {
		return e.message
	}
	return e.message + "\n" + e.hint
}

func exitCode(m *Main, err error) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	switch {
	case err == errHelp:
		return 0
	case errors.Is(err, errFailedInputs):
		return 1
	case errors.As(err, &ue):
		fmt.Fprintln(m.Stderr, "chronicle:", ue.Error())
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(m.Stderr, "chronicle: interrupted")
		return 130
	}
	fmt.Fprintln(m.Stderr, "chronicle:", err)
	return 1
}

const usage = `chronicle reads dated news articles and answers, with evidence, who did and said
what to whom, and when.

Usage: chronicle COMMAND [flags] [args]

Reading and storing:
  ingest PATH...        extract and store articles (text, JSONL, web pages, feeds, WARC, .gz,
                        directories, - for stdin)
  extract PATH...       extract and print JSON Lines (no database)
  reprocess             re-run newer extractors over stored articles
  recluster             recompute duplicate articles, event clusters and claims from scratch
  watch URL...          poll feeds (--every 15m) and ingest their new articles, politely

Reading and storing on many machines (PostgreSQL, --db postgres://…):
  enqueue PATH...       queue articles, unprocessed, for workers
  work                  claim queued articles, extract and store them (run any number, anywhere)
  status                count queued articles: pending, running, done, failed

Querying the store:
  events                event mentions (filters: --actor, --pair, --code, --modality, --from, --to)
  quotes                quotes (--speaker NAME)
  entities              people, organisations and places
  search QUERY          full-text search over articles and quotes
  show ARTICLE-ID       one article with everything extracted from it
  timeline              events of an actor or a pair over time
  claims                count claims checked against the timeline

Actors:
  actors add FILE       keep your own actors, aliases and dated roles in the database
  actors lookup NAME    what chronicle knows about a name as of a date

Standard formats and evaluation:
  annotate --task T --format F ...   write predictions in a standard format
  eval KIND ...                      score against gold data (timeml, conll, polnear, petrarch, plover, articles)
  train ner                          train the NER model

Serving:
  serve                 HTTP JSON API and web UI

Run 'chronicle COMMAND -h' for a command's flags.
`

// Run runs the command line args (without the program name).
func (m *Main) Run(ctx context.Context, args []string) error {
	if m.Getenv == nil {
		m.Getenv = os.Getenv
	}
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return &usageError{message: "no command given", hint: "try: chronicle ingest examples"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "enqueue":
		return m.enqueue(ctx, rest)
	case "work":
		return m.work(ctx, rest)
	case "status":
		return m.status(ctx, rest)
	case "watch":
		return m.watch(ctx, rest)
	case "ingest":
		return m.ingest(ctx, rest)
	case "extract":
		return m.extract(ctx, rest)
	case "reprocess":
		return m.reprocess(ctx, rest)
	case "events":
		return m.events(ctx, rest)
	case "quotes":
		return m.quotes(ctx, rest)
	case "entities":
		return m.entities(ctx, rest)
	case "search":
		return m.search(ctx, rest)
	case "show":
		return m.show(ctx, rest)
	case "timeline":
		return m.timeline(ctx, rest)
	case "claims":
		return m.claims(ctx, rest)
	case "recluster":
		return m.recluster(ctx, rest)
	case "serve":
		return m.serve(ctx, rest)
	case "actors":
		return m.actors(ctx, rest)
	case "annotate":
		return m.annotate(ctx, rest)
	case "eval":
		return m.eval(ctx, rest)
	case "train":
		return m.train(ctx, rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	return &usageError{message: fmt.Sprintf("unknown command %q", cmd), hint: "run 'chronicle help' for the list of commands"}
}
