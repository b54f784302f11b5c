package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"chronicle"
	"chronicle/cluster"
)

// timeline lists real-world events (clusters of event mentions) of an actor or a pair.
func (m *Main) timeline(ctx context.Context, args []string) error {
	fs := m.newFlagSet("timeline", "--actor NAME | --pair NAME,NAME [flags]",
		"List the events of an actor or a pair over time: one row per real-world event however many\narticles report it (wire copies count once), by date. By default only events reported as\nhaving happened; --modality or --all adds future, hedged, hypothetical and negated ones.")
	var sf storeFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	var df dateFlags
	df.register(fs, "events dated")
	actor := fs.String("actor", "", "events with this actor as source or target (name, Wikidata id or CAMEO code)")
	pair := fs.String("pair", "", "events between two actors in either direction: NAME,NAME")
	code := fs.String("code", "", "CAMEO code or prefix (04 matches 040–046)")
	plover := fs.String("plover", "", "PLOVER category (CONSULT, …)")
	modality := fs.String("modality", "", "comma-separated modalities (default: asserted)")
	all := fs.Bool("all", false, "include future, hedged, hypothetical and negated events")
	by := fs.String("by", "", "print counts of events per day, week or month instead of the events")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := of.check(); err != nil {
		return err
	}
	if err := df.check(); err != nil {
		return err
	}
	switch *by {
	case "", "day", "week", "month":
	default:
		return &usageError{message: fmt.Sprintf("unknown --by %q", *by), hint: "use --by day, week or month"}
	}
	f := chronicle.TimelineFilter{Actor: *actor, Code: *code, Plover: *plover, From: df.From, To: df.To}
	if *pair != "" {
		parts := strings.Split(*pair, ",")
		if len(parts) != 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
			return &usageError{message: fmt.Sprintf("bad --pair %q", *pair), hint: "give two actors separated by a comma: --pair Trump,Xi"}
		}
		f.Pair = []string{strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])}
	}
	if *actor == "" && *pair == "" {
		return &usageError{message: "timeline: whose?", hint: "chronicle timeline --actor NAME, or --pair NAME,NAME (names, Wikidata ids or CAMEO codes)"}
	}
	switch {
	case *all:
	case *modality != "":
		for _, mo := range strings.Split(*modality, ",") {
			mo = strings.TrimSpace(mo)
			if chronicle.ModalityRank(mo) > 4 {
				return &usageError{message: fmt.Sprintf("unknown modality %q", mo), hint: "use asserted, negated, hedged, future or hypothetical"}
			}
			f.Modality = append(f.Modality, mo)
		}
	default:
		f.Modality = []string{chronicle.Asserted}
	}
	if *by == "" {
		f.Page = of.page()
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := st.Timeline(ctx, f)
	if err != nil {
		return err
	}
	if *by != "" {
		return m.timelineCounts(cs, *by, of)
	}
	if of.Format == "json" {
		return writeJSON(m.Stdout, cs)
	}
	t := table{header: []string{"date", "code", "plover", "modality", "source", "target", "mentions", "articles", "sources", "event"}}
	if of.Format == "csv" {
		t.header = append(t.header, "source_actor", "target_actor", "first", "last", "realized", "article_ids")
	}
	for _, c := range cs {
		mod := c.Modality
		if c.Realized != "" {
			mod += " (happened: " + c.Realized + ")"
		}
		row := []string{c.Date, c.Code, c.Plover, mod, argLabel(c.Source), argLabel(c.Target),
			strconv.Itoa(c.Mentions), strconv.Itoa(len(c.Articles)), strconv.Itoa(c.Sources), c.ID}
		if of.Format == "csv" {
			row[3] = c.Modality
			row = append(row, c.Source.Actor, c.Target.Actor, c.First, c.Last, c.Realized, strings.Join(c.Articles, " "))
		}
		t.add(row...)
	}
	return t.write(m.Stdout, of.Format, tableRows(of))
}

// periodCount is one row of `timeline --by`.
type periodCount struct {
	Period   string   `json:"period"`
	Events   int      `json:"events"`
	Mentions int      `json:"mentions"`
	Articles int      `json:"articles"`
	IDs      []string `json:"ids"`
}

// period returns the day, ISO week (2025-W27) or month of an event's first day.
func period(date, by string) string {
	t, err := time.Parse(chronicle.DateLayout, date)
	if err != nil {
		return date
	}
	switch by {
	case "week":
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case "month":
		return t.Format("2006-01")
	}
	return t.Format(chronicle.DateLayout)
}

func (m *Main) timelineCounts(cs []chronicle.Cluster, by string, of outputFlags) error {
	idx := map[string]int{}
	var rows []periodCount
	for _, c := range cs {
		p := period(c.DateStart, by)
		i, ok := idx[p]
		if !ok {
			i = len(rows)
			idx[p] = i
			rows = append(rows, periodCount{Period: p, IDs: []string{}})
		}
		rows[i].Events++
		rows[i].Mentions += c.Mentions
		rows[i].Articles += len(c.Articles)
		rows[i].IDs = append(rows[i].IDs, c.ID)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Period < rows[j].Period })
	if of.Format == "json" {
		if rows == nil {
			rows = []periodCount{}
		}
		return writeJSON(m.Stdout, rows)
	}
	t := table{header: []string{by, "events", "mentions", "articles", "ids"}}
	for _, r := range rows {
		t.add(r.Period, strconv.Itoa(r.Events), strconv.Itoa(r.Mentions), strconv.Itoa(r.Articles), strings.Join(r.IDs, " "))
	}
	return t.write(m.Stdout, of.Format, 0)
}

// recluster recomputes near-duplicate groups, event clusters and claims from scratch.
func (m *Main) recluster(ctx context.Context, args []string) error {
	fs := m.newFlagSet("recluster", "[flags]", "Recompute near-duplicate articles, event clusters and count claims over the whole store\n(ingest keeps them up to date; use this after 'chronicle reprocess' or an upgrade).")
	var sf storeFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := cluster.Rebuild(ctx, st, 500); err != nil {
		return err
	}
	cs, err := st.Timeline(ctx, chronicle.TimelineFilter{})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "reclustered %s: %d events\n", sf.DB, len(cs))
	return nil
}
