package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"chronicle"
	"chronicle/cluster"
)

// claims lists count claims checked against the stored timeline.
func (m *Main) claims(ctx context.Context, args []string) error {
	fs := m.newFlagSet("claims", "[flags]",
		"List count claims (\"their sixth phone call since January\") found in stored articles, each\nchecked against the stored timeline: consistent, inconsistent or unverifiable, with the events counted.")
	var sf storeFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	var df dateFlags
	df.register(fs, "claims in articles dated")
	actor := fs.String("actor", "", "claims about this actor (name)")
	article := fs.String("article", "", "claims of one article")
	status := fs.String("status", "", "only claims with this status: consistent, inconsistent or unverifiable")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := of.check(); err != nil {
		return err
	}
	if err := df.check(); err != nil {
		return err
	}
	switch *status {
	case "", chronicle.Consistent, chronicle.Inconsistent, chronicle.Unverifiable:
	default:
		return &usageError{message: fmt.Sprintf("unknown --status %q", *status), hint: "use consistent, inconsistent or unverifiable"}
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	f := chronicle.ClaimFilter{Actor: *actor, Article: *article, From: df.From, To: df.To}
	if *status == "" {
		f.Page = of.page()
	}
	cs, err := st.Claims(ctx, f)
	if err != nil {
		return err
	}
	out := cs[:0]
	for i := range cs {
		if err := cluster.Check(ctx, st, &cs[i]); err != nil {
			return err
		}
		if *status == "" || cs[i].Status == *status {
			out = append(out, cs[i])
		}
	}
	if *status != "" {
		lo := min(of.Offset, len(out))
		out = out[lo:]
		if p := of.page(); p.Limit > 0 && len(out) > p.Limit {
			out = out[:p.Limit]
		}
	}
	if of.Format == "json" {
		return writeJSON(m.Stdout, out)
	}
	t := table{header: []string{"date", "article", "count", "act", "actors", "from", "status", "known", "events", "text"}}
	if of.Format == "csv" {
		t.header = append(t.header, "kind", "to", "note")
	}
	for _, c := range out {
		row := []string{c.Date, c.Article, strconv.Itoa(c.Count), c.Act, strings.Join(c.Actors, " – "), c.From, c.Status,
			strconv.Itoa(c.Known), strings.Join(c.Events, " "), c.Text}
		if of.Format == "csv" {
			row = append(row, c.Kind, c.To, c.Note)
		}
		t.add(row...)
	}
	return t.write(m.Stdout, of.Format, tableRows(of))
}
