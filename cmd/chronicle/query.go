package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"chronicle"
)

// events lists stored event mentions.
func (m *Main) events(ctx context.Context, args []string) error {
	fs := m.newFlagSet("events", "[flags]", "List stored event mentions (one row per mention in an article), by event date.")
	var sf storeFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	var df dateFlags
	df.register(fs, "events dated")
	actor := fs.String("actor", "", "events with this actor as source or target (name, alias, Wikidata id or CAMEO code such as RUS or USAGOV)")
	pair := fs.String("pair", "", "events between two actors in either direction: NAME,NAME")
	code := fs.String("code", "", "CAMEO code or prefix (04 matches 040–046)")
	plover := fs.String("plover", "", "PLOVER category (CONSULT, ASSAULT, …)")
	modality := fs.String("modality", "", "comma-separated modalities: asserted, negated, hedged, future, hypothetical")
	article := fs.String("article", "", "events of one article")
	cluster := fs.String("cluster", "", "mentions of one clustered event")
	place := fs.String("place", "", "events at this place")
	minConf := fs.Float64("min-confidence", 0, "only events with at least this confidence (0–1)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := of.check(); err != nil {
		return err
	}
	if err := df.check(); err != nil {
		return err
	}
	f := chronicle.EventFilter{Actor: *actor, ActorForms: actorForms(*actor), Code: *code, Plover: *plover, From: df.From, To: df.To,
		Article: *article, Cluster: *cluster, Place: *place, MinConfidence: *minConf, Page: of.page()}
	if *pair != "" {
		parts := strings.Split(*pair, ",")
		if len(parts) != 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
			return &usageError{message: fmt.Sprintf("bad --pair %q", *pair), hint: "give two actors separated by a comma: --pair Trump,Putin"}
		}
		f.Pair = []string{strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])}
		f.PairForms = [][]string{actorForms(f.Pair[0]), actorForms(f.Pair[1])}
	}
	if *modality != "" {
		for _, mo := range strings.Split(*modality, ",") {
			mo = strings.TrimSpace(mo)
			if chronicle.ModalityRank(mo) > 4 {
				return &usageError{message: fmt.Sprintf("unknown modality %q", mo), hint: "use asserted, negated, hedged, future or hypothetical"}
			}
			f.Modality = append(f.Modality, mo)
		}
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	evs, err := st.Events(ctx, f)
	if err != nil {
		return err
	}
	if of.Format == "json" {
		return writeJSON(m.Stdout, evs)
	}
	t := table{header: []string{"date", "code", "plover", "modality", "source", "target", "trigger", "article", "event", "cluster", "confidence"}}
	if of.Format == "csv" {
		t.header = append(t.header, "source_actor", "target_actor", "date_from", "place", "why")
	}
	for _, v := range evs {
		row := []string{v.Date, v.Code, v.Plover, v.Modality, argLabel(v.Source), argLabel(v.Target), v.Trigger.Text, v.Article, v.ID, v.Cluster,
			strconv.FormatFloat(v.Confidence, 'f', 2, 64)}
		if of.Format == "csv" {
			place := ""
			if v.Place != nil {
				place = v.Place.Name
			}
			row = append(row, v.Source.Actor, v.Target.Actor, v.DateFrom, place, v.Why)
		}
		t.add(row...)
	}
	return t.write(m.Stdout, of.Format, tableRows(of))
}

// tableRows is how many rows a table shows (see outputFlags.page).
func tableRows(of outputFlags) int {
	if of.Limit > 0 {
		return of.Limit
	}
	return 50
}

func argLabel(a chronicle.EventArg) string {
	name := a.Name
	if name == "" {
		name = a.Text
	}
	switch {
	case name == "" && a.Actor == "":
		return "—"
	case name == "":
		return a.Actor
	case a.Actor == "" || a.Actor == "---":
		return name
	}
	return name + " (" + a.Actor + ")"
}

// quotes lists stored quotes.
func (m *Main) quotes(ctx context.Context, args []string) error {
	fs := m.newFlagSet("quotes", "[flags]", "List stored quotes: what was said, by whom, in which article.")
	var sf storeFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	var df dateFlags
	df.register(fs, "quotes in articles dated")
	speaker := fs.String("speaker", "", "quotes by this speaker (name, alias or Wikidata id)")
	text := fs.String("text", "", "quotes whose content matches this full-text query")
	kind := fs.String("kind", "", "direct, indirect or mixed")
	article := fs.String("article", "", "quotes of one article")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := of.check(); err != nil {
		return err
	}
	if err := df.check(); err != nil {
		return err
	}
	switch *kind {
	case "", chronicle.Direct, chronicle.Indirect, chronicle.Mixed:
	default:
		return &usageError{message: fmt.Sprintf("unknown --kind %q", *kind), hint: "use direct, indirect or mixed"}
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	qs, err := st.Quotes(ctx, chronicle.QuoteFilter{Speaker: *speaker, SpeakerForms: actorForms(*speaker), Text: *text, Kind: *kind, From: df.From, To: df.To, Article: *article, Page: of.page()})
	if err != nil {
		return err
	}
	if of.Format == "json" {
		return writeJSON(m.Stdout, qs)
	}
	t := table{header: []string{"date", "speaker", "kind", "cue", "content", "via", "article", "quote"}}
	for _, q := range qs {
		sp := q.SpeakerName
		if sp == "" {
			sp = q.Speaker.Text
		}
		t.add(q.Date, sp, q.Kind, q.Cue.Text, q.Content.Text, strings.Join(q.Via, " > "), q.Article, q.ID)
	}
	return t.write(m.Stdout, of.Format, tableRows(of))
}

// entities lists people, organisations and places over the store.
func (m *Main) entities(ctx context.Context, args []string) error {
	fs := m.newFlagSet("entities", "[flags]", "List the people, organisations and places found, most-mentioned first.")
	var sf storeFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	var df dateFlags
	df.register(fs, "in articles dated")
	name := fs.String("name", "", "entities whose name contains this text (or this Wikidata id)")
	typ := fs.String("type", "", "PER, ORG, LOC or MISC")
	actor := fs.String("actor", "", "CAMEO actor code or prefix (RUS, USAGOV)")
	article := fs.String("article", "", "entities of one article")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := of.check(); err != nil {
		return err
	}
	if err := df.check(); err != nil {
		return err
	}
	switch strings.ToUpper(*typ) {
	case "", "PER", "ORG", "LOC", "MISC":
	default:
		return &usageError{message: fmt.Sprintf("unknown --type %q", *typ), hint: "use PER, ORG, LOC or MISC"}
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.Entities(ctx, chronicle.EntityFilter{Name: *name, Type: *typ, Actor: *actor, From: df.From, To: df.To, Article: *article, Page: of.page()})
	if err != nil {
		return err
	}
	if of.Format == "json" {
		return writeJSON(m.Stdout, rows)
	}
	t := table{header: []string{"name", "type", "role", "actor", "kb", "articles", "mentions", "first", "last"}}
	for _, r := range rows {
		t.add(r.Name, r.Type, r.Role, r.Actor, r.KB, strconv.Itoa(r.Articles), strconv.Itoa(r.Mentions), r.First, r.Last)
	}
	return t.write(m.Stdout, of.Format, tableRows(of))
}

// search runs a full-text query over articles and quotes.
func (m *Main) search(ctx context.Context, args []string) error {
	fs := m.newFlagSet("search", "[flags] QUERY", "Full-text search over article titles, text and quotes. Words are ANDed; use \"quoted phrases\", OR, NOT and word*.")
	var sf storeFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	var df dateFlags
	df.register(fs, "articles dated")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := of.check(); err != nil {
		return err
	}
	if err := df.check(); err != nil {
		return err
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		return &usageError{message: "search: no query", hint: `chronicle search "phone call" Putin`}
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	hits, err := st.Search(ctx, chronicle.SearchFilter{Query: q, From: df.From, To: df.To, Page: of.page()})
	if err != nil {
		return err
	}
	if of.Format == "json" {
		return writeJSON(m.Stdout, hits)
	}
	t := table{header: []string{"article", "date", "title", "snippet"}}
	for _, h := range hits {
		t.add(h.Article, h.Date, h.Title, h.Snippet)
	}
	return t.write(m.Stdout, of.Format, tableRows(of))
}

// show prints one stored article with everything extracted from it.
func (m *Main) show(ctx context.Context, args []string) error {
	fs := m.newFlagSet("show", "[flags] ARTICLE-ID", "Show one stored article with its entities, time expressions, quotes and events.")
	var sf storeFlags
	sf.register(fs)
	format := fs.String("format", "table", "output format: table (readable), json or csv (its events)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{message: "show: give one article id", hint: "find ids with 'chronicle search WORDS' or 'chronicle events'"}
	}
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Article(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return writeJSON(m.Stdout, a)
	case "csv":
		return m.events(ctx, []string{"--db", sf.DB, "--article", a.ID, "--format", "csv"})
	case "table":
	default:
		return &usageError{message: fmt.Sprintf("unknown --format %q", *format), hint: "use --format table, json or csv"}
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s  %s\n", a.ID, a.Title)
	fmt.Fprintf(w, "date %s (from %s)  source %s", a.Date, a.DateFrom, a.Source)
	if a.URL != "" {
		fmt.Fprintf(w, "  url %s", a.URL)
	}
	if a.Outlet != "" {
		fmt.Fprintf(w, "  outlet %s", a.Outlet)
	}
	fmt.Fprintf(w, "\nstatus %s\n\n%s\n", a.Status, a.Text)
	section := func(title string, t *table) {
		fmt.Fprintf(w, "\n%s (%d)\n", title, len(t.rows))
		if len(t.rows) > 0 {
			t.write(w, "table", 0)
		}
	}
	et := &table{header: []string{"id", "type", "name", "role", "actor", "kb", "mentions"}}
	for _, e := range a.Entities {
		et.add(e.ID, e.Type, e.Name, e.Role, e.Actor, e.KB, strconv.Itoa(len(e.Mentions)))
	}
	section("Entities", et)
	tt := &table{header: []string{"id", "text", "type", "value", "offsets"}}
	for _, x := range a.Timexes {
		tt.add(x.ID, x.Text, x.Type, x.Value, fmt.Sprintf("%d:%d", x.Start, x.End))
	}
	section("Time expressions", tt)
	qt := &table{header: []string{"id", "kind", "speaker", "cue", "content", "via"}}
	for _, q := range a.Quotes {
		sp := q.Speaker.Text
		if q.Speaker.Entity != "" {
			sp += " [" + q.Speaker.Entity + "]"
		}
		qt.add(q.ID, q.Kind, sp, q.Cue.Text, q.Content.Text, strings.Join(q.Via, " > "))
	}
	section("Quotes", qt)
	vt := &table{header: []string{"id", "code", "plover", "modality", "source", "target", "date", "trigger", "why"}}
	for _, v := range a.Events {
		vt.add(v.ID, v.Code, v.Plover, v.Modality, argLabel(v.Source), argLabel(v.Target), v.Date, v.Trigger.Text, v.Why)
	}
	section("Events", vt)
	for _, d := range a.Diagnostics {
		fmt.Fprintf(w, "\nnote (%s): %s", d.Stage, d.Message)
	}
	return nil
}
