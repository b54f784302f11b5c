package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"chronicle"
	"chronicle/postgres"
	"chronicle/sqlite"
)

// defaultDB is the database used when --db is not given.
const defaultDB = "chronicle.db"

// newFlagSet returns a flag set for a subcommand whose errors and help go to m.Stderr.
func (m *Main) newFlagSet(name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: chronicle %s %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning flag errors into usage errors (and -h into a clean exit).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errHelp
		}
		return &usageError{message: err.Error(), hint: "run 'chronicle " + fs.Name() + " -h' for its flags"}
	}
	return nil
}

// errHelp ends a command after printing its help.
var errHelp = &usageError{message: "help requested"}

// storeFlags are the flags of every command that uses the database.
type storeFlags struct {
	DB string
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.DB, "db", defaultDB, "database: a SQLite file path, or postgres://… for PostgreSQL")
}

// openStore opens the store named by dsn: PostgreSQL for postgres://… (work.go), else a
// SQLite file. readOnly commands refuse a missing SQLite file instead of creating an empty one.
func openStore(ctx context.Context, dsn string, readOnly bool) (chronicle.Store, error) {
	if postgres.IsDSN(dsn) {
		return openPostgres(ctx, dsn)
	}
	if readOnly {
		if _, err := os.Stat(dsn); err != nil {
			return nil, &usageError{message: fmt.Sprintf("no database at %s", dsn),
				hint: "ingest articles first (chronicle ingest PATH...) or pass --db FILE"}
		}
	}
	return sqlite.Open(ctx, dsn)
}

// outputFlags select the output format and how many rows.
type outputFlags struct {
	Format string
	Limit  int
	Offset int
}

func (f *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.Format, "format", "table", "output format: table, json (one array) or csv")
	fs.IntVar(&f.Limit, "limit", 0, "print at most N rows (0: all; the table format shows 50 unless --limit is given)")
	fs.IntVar(&f.Offset, "offset", 0, "skip the first N rows")
}

func (f *outputFlags) check() error {
	switch f.Format {
	case "table", "json", "csv":
	default:
		return &usageError{message: fmt.Sprintf("unknown --format %q", f.Format), hint: "use --format table, json or csv"}
	}
	if f.Limit < 0 || f.Offset < 0 {
		return &usageError{message: "--limit and --offset must not be negative"}
	}
	return nil
}

// page returns the page to query. Tables default to 50 rows so that a terminal is not flooded;
// json and csv print every matching row unless --limit is given. One extra row is asked for so
// that a table can say there is more.
func (f *outputFlags) page() chronicle.Page {
	p := chronicle.Page{Limit: f.Limit, Offset: f.Offset}
	if f.Format == "table" && p.Limit == 0 {
		p.Limit = 51
	}
	return p
}

// dateFlags are --from and --to.
type dateFlags struct{ From, To string }

func (f *dateFlags) register(fs *flag.FlagSet, what string) {
	fs.StringVar(&f.From, "from", "", "only "+what+" on or after this date (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "only "+what+" on or before this date (YYYY-MM-DD)")
}

func (f *dateFlags) check() error {
	for _, d := range []struct{ name, v string }{{"--from", f.From}, {"--to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(chronicle.DateLayout, d.v); err != nil {
			return &usageError{message: fmt.Sprintf("bad %s date %q", d.name, d.v), hint: "write dates as YYYY-MM-DD"}
		}
	}
	return nil
}

// table is rows of cells printed as an aligned table, CSV or (by the caller) JSON.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write prints the table; maxRows > 0 cuts a table format at that many rows with a note.
func (t *table) write(w io.Writer, format string, maxRows int) error {
	if format == "csv" {
		cw := csv.NewWriter(w)
		cw.Write(t.header)
		cw.WriteAll(t.rows)
		return cw.Error()
	}
	more := false
	rows := t.rows
	if maxRows > 0 && len(rows) > maxRows {
		rows, more = rows[:maxRows], true
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "(nothing found)")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.header, "\t"))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = cell(c, 60)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if more {
		fmt.Fprintf(w, "(more rows: use --limit N, or --format json|csv for all)\n")
	}
	return nil
}

// cell flattens whitespace and shortens s to n runes for a table cell.
func cell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printError prints one input error to w.
func printError(w io.Writer, err error) {
	fmt.Fprintln(w, "chronicle:", err)
}
