package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"chronicle"
	"chronicle/web"
)

// list is the JSON of every list endpoint: one page of items, and the URL of the next page
// when there is one. Rows are in a stable order, so offsets page through them consistently.
type list[T any] struct {
	Items  []T    `json:"items"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
	Next   string `json:"next,omitempty"`
}

// writeJSON writes v as JSON with status 200.
func writeJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // the content type is JSON; no browser renders it as HTML
	return enc.Encode(v)
}

// writeList writes one page of rows. rows holds up to p.Limit+1 rows: the extra row only
// says that there is a next page.
func writeList[T any](w http.ResponseWriter, r *http.Request, rows []T, p chronicle.Page) error {
	l := list[T]{Items: rows, Limit: p.Limit, Offset: p.Offset}
	if p.Limit > 0 && len(rows) > p.Limit {
		l.Items = rows[:p.Limit]
		l.Next = nextURL(r, p.Offset+p.Limit)
	}
	if l.Items == nil {
		l.Items = []T{}
	}
	return writeJSON(w, l)
}

// more asks the store for one row more than the page, to learn whether there is a next page.
func more(p chronicle.Page) chronicle.Page {
	if p.Limit > 0 {
		p.Limit++
	}
	return p
}

// endpoint describes one API endpoint for GET /api/v1/.
type endpoint struct {
	Path   string `json:"path"`
	About  string `json:"about"`
	Params string `json:"params,omitempty"`
}

func (s *Server) apiIndex(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, map[string]any{
		"name": "chronicle JSON API", "version": 1, "doc": "doc/json-api.md",
		"endpoints": []endpoint{
			{"/api/v1/stats", "what the store holds", ""},
			{"/api/v1/articles", "articles, by date", "from, to, outlet, limit, offset"},
			{"/api/v1/articles/{id}", "one article with every extracted span", ""},
			{"/api/v1/events", "event mentions, by event date", "actor, pair=A,B, code, plover, modality, from, to, place, article, cluster, min_confidence, limit, offset, format=csv"},
			{"/api/v1/events/{article}:{event}", "one event mention with its sentence and the other mentions of its cluster", ""},
			{"/api/v1/quotes", "quotes, by article date", "speaker, q, kind, from, to, article, limit, offset, format=csv"},
			{"/api/v1/entities", "entities, most articles first", "name, type, actor, from, to, limit, offset, format=csv"},
			{"/api/v1/entities/{name}", "one entity: roles over time, co-occurring entities, quotes, events", "type"},
			{"/api/v1/timeline", "event counts per period and PLOVER category", "actor or pair=A,B, by=day|week|month|year, and the events filters, format=csv"},
			{"/api/v1/search", "full-text search over articles and quotes", "q, from, to, limit, offset, format=csv"},
			{"/api/v1/clusters", "real-world events: event mentions clustered across articles, by date", "the events filters, limit, offset, format=csv"},
			{"/api/v1/clusters/{id}", "one clustered event with its mentions and their sentences", ""},
			{"/api/v1/claims", "count claims checked against the clustered timeline", "actor, article, from, to, status, limit, offset, format=csv"},
		},
	})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) error {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, st)
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := page(r, defaultLimit, maxLimit)
	if err != nil {
		return err
	}
	f := chronicle.ArticleFilter{Outlet: q.Get("outlet"), Page: more(p)}
	if f.From, f.To, err = dates(q); err != nil {
		return err
	}
	as, err := s.store.Articles(r.Context(), f)
	if err != nil {
		return err
	}
	return writeList(w, r, as, p)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := s.store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, a)
}

// withSentences fills each event's Sentence.Text from its article.
func (s *Server) withSentences(ctx context.Context, evs []chronicle.Event) error {
	xs := make([]chronicle.Excerpt, len(evs))
	for i, v := range evs {
		xs[i] = chronicle.Excerpt{Article: v.Article, Start: v.Sentence.Start, End: v.Sentence.End}
	}
	texts, err := s.store.Excerpts(ctx, xs)
	if err != nil {
		return err
	}
	for i := range evs {
		evs[i].Sentence.Text = texts[i]
	}
	return nil
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	f, err := eventFilter(r.URL.Query())
	if err != nil {
		return err
	}
	fm, err := format(r)
	if err != nil {
		return err
	}
	p, err := apiPage(r, fm)
	if err != nil {
		return err
	}
	f.Page = more(p)
	f.Sentences = true
	evs, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	if len(evs) > p.Limit && p.Limit > 0 && fm == "csv" {
		evs = evs[:p.Limit]
	}
	if fm == "csv" {
		return writeCSV(w, "events", eventsTable(evs))
	}
	return writeEvents(w, r, evs, p)
}

// splitEventID splits "ARTICLE:vN" into the article id and the event id.
func splitEventID(id string) (article, event string, err error) {
	i := strings.LastIndexByte(id, ':')
	if i <= 0 || i == len(id)-1 {
		return "", "", &chronicle.Error{Code: chronicle.EINVALID, Message: "bad event id " + strconv.Quote(id),
			Hint: "an event id is the article id and the event's id in it: ARTICLE:v1"}
	}
	return id[:i], id[i+1:], nil
}

// eventDetail is the JSON of one event mention.
type eventDetail struct {
	chronicle.Event
	Title string `json:"title"` // the article's title
	// Mentions are the other mentions of the same clustered event.
	Mentions []chronicle.Event `json:"mentions"`
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) error {
	d, err := s.event(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, d)
}

// event returns one stored event mention with its sentence, its article's title and the other
// mentions of its cluster.
func (s *Server) event(ctx context.Context, id string) (*eventDetail, error) {
	aid, vid, err := splitEventID(id)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.Events(ctx, chronicle.EventFilter{Article: aid})
	if err != nil {
		return nil, err
	}
	d := &eventDetail{Mentions: []chronicle.Event{}}
	found := false
	for _, v := range evs {
		if v.ID == vid {
			d.Event, found = v, true
		}
	}
	if !found {
		return nil, &chronicle.Error{Code: chronicle.ENOTFOUND, Message: "no event " + strconv.Quote(id),
			Hint: "list the events of the article: /api/v1/events?article=" + aid}
	}
	ev := []chronicle.Event{d.Event}
	if err := s.withSentences(ctx, ev); err != nil {
		return nil, err
	}
	d.Event = ev[0]
	titles, err := s.store.Titles(ctx, []string{aid})
	if err != nil {
		return nil, err
	}
	d.Title = titles[aid]
	if d.Cluster != "" {
		ms, err := s.store.Events(ctx, chronicle.EventFilter{Cluster: d.Cluster, Page: chronicle.Page{Limit: 200}})
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.Article != d.Article || m.ID != d.ID {
				d.Mentions = append(d.Mentions, m)
			}
		}
	}
	return d, nil
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) error {
	f, err := quoteFilter(r)
	if err != nil {
		return err
	}
	fm, err := format(r)
	if err != nil {
		return err
	}
	p, err := apiPage(r, fm)
	if err != nil {
		return err
	}
	f.Page = more(p)
	qs, err := s.store.Quotes(r.Context(), f)
	if err != nil {
		return err
	}
	if fm == "csv" {
		if p.Limit > 0 && len(qs) > p.Limit {
			qs = qs[:p.Limit]
		}
		return writeCSV(w, "quotes", quotesTable(qs))
	}
	return writeList(w, r, qs, p)
}

// quoteFilter reads speaker, q (full text), kind, from, to and article.
func quoteFilter(r *http.Request) (chronicle.QuoteFilter, error) {
	q := r.URL.Query()
	f := chronicle.QuoteFilter{Speaker: strings.TrimSpace(q.Get("speaker")), Text: strings.TrimSpace(q.Get("q")),
		Kind: q.Get("kind"), Article: q.Get("article")}
	switch f.Kind {
	case "", chronicle.Direct, chronicle.Indirect, chronicle.Mixed:
	default:
		return f, invalid("use kind=direct, indirect or mixed", "unknown quote kind %q", f.Kind)
	}
	var err error
	f.From, f.To, err = dates(q)
	return f, err
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) error {
	f, err := entityFilter(r)
	if err != nil {
		return err
	}
	fm, err := format(r)
	if err != nil {
		return err
	}
	p, err := apiPage(r, fm)
	if err != nil {
		return err
	}
	f.Page = more(p)
	es, err := s.store.Entities(r.Context(), f)
	if err != nil {
		return err
	}
	if fm == "csv" {
		if p.Limit > 0 && len(es) > p.Limit {
			es = es[:p.Limit]
		}
		return writeCSV(w, "entities", entitiesTable(es))
	}
	return writeList(w, r, es, p)
}

// entityFilter reads name, type, actor, from and to.
func entityFilter(r *http.Request) (chronicle.EntityFilter, error) {
	q := r.URL.Query()
	f := chronicle.EntityFilter{Name: strings.TrimSpace(q.Get("name")), Type: strings.ToUpper(q.Get("type")), Actor: q.Get("actor")}
	switch f.Type {
	case "", chronicle.PER, chronicle.ORG, chronicle.LOC, chronicle.MISC:
	default:
		return f, invalid("use type=PER, ORG, LOC or MISC", "unknown entity type %q", f.Type)
	}
	var err error
	f.From, f.To, err = dates(q)
	return f, err
}

// entityDetail is the JSON of one entity: the aggregate, its first quotes and events, and
// where to find all of them.
type entityDetail struct {
	*chronicle.EntityDetail
	Quotes    []chronicle.QuoteRow `json:"quotes"`
	Events    []chronicle.Event    `json:"events"`
	AllQuotes string               `json:"all_quotes"`
	AllEvents string               `json:"all_events"`
}

// entityLists is how many quotes and events an entity's page and JSON show.
const entityLists = 10

// entity returns one entity with its first quotes and events.
func (s *Server) entity(ctx context.Context, name, typ string) (*entityDetail, error) {
	d, err := s.store.Entity(ctx, name, typ)
	if err != nil {
		return nil, err
	}
	qs, err := s.store.Quotes(ctx, chronicle.QuoteFilter{Speaker: d.Name, Page: chronicle.Page{Limit: entityLists + 1}})
	if err != nil {
		return nil, err
	}
	evs, err := s.store.Events(ctx, chronicle.EventFilter{Actor: d.Name, Sentences: true, Page: chronicle.Page{Limit: entityLists + 1}})
	if err != nil {
		return nil, err
	}
	return &entityDetail{EntityDetail: d, Quotes: qs, Events: evs,
		AllQuotes: web.Link("/api/v1/quotes", "speaker", d.Name), AllEvents: web.Link("/api/v1/events", "actor", d.Name)}, nil
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) error {
	d, err := s.entity(r.Context(), r.PathValue("name"), r.URL.Query().Get("type"))
	if err != nil {
		return err
	}
	d.Quotes = d.Quotes[:min(len(d.Quotes), entityLists)]
	d.Events = d.Events[:min(len(d.Events), entityLists)]
	return writeJSON(w, d)
}

// timeline is the JSON of /api/v1/timeline.
type timeline struct {
	Actor    string                 `json:"actor,omitempty"`
	Pair     []string               `json:"pair,omitempty"`
	Unit     string                 `json:"unit"`
	Counted  string                 `json:"counted"` // mentions or events
	Total    int                    `json:"total"`
	Counts   []chronicle.EventCount `json:"counts"`
	Events   string                 `json:"events"`   // the event mentions counted, as an API URL
	Clusters string                 `json:"clusters"` // the real-world events they belong to, as an API URL
}

// timelineFilter reads a timeline's filter (an actor or a pair is required) and its unit
// (by=day|week|month|year, or auto: the finest that shows the whole range in about 120 bars).
func timelineFilter(r *http.Request) (chronicle.EventFilter, string, error) {
	q := r.URL.Query()
	f, err := eventFilter(q)
	if err != nil {
		return f, "", err
	}
	if f.Actor == "" && f.Pair == nil {
		return f, "", invalid("give actor=NAME or pair=NAME,NAME", "a timeline needs an actor or a pair")
	}
	unit := q.Get("by")
	switch unit {
	case "", "auto":
		unit = "auto"
	case chronicle.Day, chronicle.Week, chronicle.Month, chronicle.Year:
	default:
		return f, "", invalid("use by=day, week, month or year", "unknown time unit %q", unit)
	}
	return f, unit, nil
}

// maxCountedClusters bounds the real-world events a timeline counts one by one.
const maxCountedClusters = 5000

// eventCounts is what clusterCounts counts.
type eventCounts struct {
	counts      []chronicle.EventCount
	found       int  // real-world events matching the filter, whatever their modality
	mentions    int  // the event mentions of those counted
	notAsserted int  // left out: future, hedged, negated or hypothetical
	ok          bool // false: more than maxCountedClusters events, none counted
}

// clusterCounts counts the real-world events (clusters) of f per unit, each once however
// many articles report it; unless f asks for modalities, only those reported as having
// happened (the others are counted in notAsserted).
func (s *Server) clusterCounts(ctx context.Context, f chronicle.EventFilter, unit string) (eventCounts, error) {
	tf := timelineFilterOf(f)
	tf.Page = chronicle.Page{Limit: maxCountedClusters + 1}
	cl, err := s.store.Timeline(ctx, tf)
	if err != nil || len(cl) > maxCountedClusters {
		return eventCounts{}, err
	}
	ec := eventCounts{found: len(cl), ok: true}
	if len(f.Modality) == 0 {
		n := 0
		for _, c := range cl {
			if c.Modality == chronicle.Asserted {
				cl[n] = c
				n++
			}
		}
		ec.notAsserted, cl = len(cl)-n, cl[:n]
	}
	ec.counts = web.ClusterCounts(cl, unit)
	for _, c := range cl {
		ec.mentions += c.Mentions
	}
	return ec, nil
}

// counts returns the event counts of f per unit; unit "auto" is resolved from the range of
// the events' dates.
func (s *Server) counts(ctx context.Context, f chronicle.EventFilter, unit string) ([]chronicle.EventCount, string, error) {
	f.Page = chronicle.Page{}
	auto := unit == "auto"
	if auto {
		unit = chronicle.Month
	}
	cs, err := s.store.EventCounts(ctx, f, unit)
	if err != nil || !auto {
		return cs, unit, err
	}
	first, last := "", ""
	for _, c := range cs {
		if c.Period == "" {
			continue
		}
		if first == "" || c.Period < first {
			first = c.Period
		}
		last = max(last, c.Period)
	}
	if first == "" {
		return cs, unit, nil
	}
	// The last month runs to its end.
	if u := web.AutoUnit(first, endOfMonth(last)); u != chronicle.Month {
		unit = u
		cs, err = s.store.EventCounts(ctx, f, unit)
	}
	return cs, unit, err
}

// endOfMonth returns the last day of the month starting on day (YYYY-MM-01).
func endOfMonth(day string) string {
	if len(day) < 7 {
		return day
	}
	y, _ := strconv.Atoi(day[:4])
	m, _ := strconv.Atoi(day[5:7])
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	d := days[(m+11)%12]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		d = 29
	}
	return day[:8] + strconv.Itoa(d)
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) error {
	f, unit, err := timelineFilter(r)
	if err != nil {
		return err
	}
	fm, err := format(r)
	if err != nil {
		return err
	}
	counted := r.URL.Query().Get("count")
	switch counted {
	case "", "mentions":
		counted = "mentions"
	case "events":
	default:
		return invalid("use count=mentions (one per article reporting an event) or count=events (real-world events)", "unknown count %q", counted)
	}
	cs, unit, err := s.counts(r.Context(), f, unit)
	if err != nil {
		return err
	}
	if counted == "events" {
		ec, err := s.clusterCounts(r.Context(), f, unit)
		if err != nil {
			return err
		}
		if !ec.ok {
			return invalid("narrow the timeline with from=YYYY-MM-DD and to=YYYY-MM-DD, or count=mentions",
				"more than %d real-world events to count", maxCountedClusters)
		}
		cs = ec.counts
	}
	if fm == "csv" {
		return writeCSV(w, "timeline", countsTable(cs))
	}
	t := timeline{Actor: f.Actor, Pair: f.Pair, Unit: unit, Counted: counted, Counts: cs}
	for _, c := range cs {
		t.Total += c.Count
	}
	q := r.URL.Query()
	q.Del("by")
	q.Del("format")
	q.Del("count")
	t.Events = "/api/v1/events?" + q.Encode()
	t.Clusters = "/api/v1/clusters?" + q.Encode()
	return writeTimeline(w, &t)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	fm, err := format(r)
	if err != nil {
		return err
	}
	p, err := apiPage(r, fm)
	if err != nil {
		return err
	}
	f := chronicle.SearchFilter{Query: strings.TrimSpace(q.Get("q")), Page: more(p)}
	if f.Query == "" {
		return invalid("give words to search for: /api/v1/search?q=ceasefire", "empty search query")
	}
	if f.From, f.To, err = dates(q); err != nil {
		return err
	}
	hits, err := s.store.Search(r.Context(), f)
	if err != nil {
		return err
	}
	if fm == "csv" {
		if p.Limit > 0 && len(hits) > p.Limit {
			hits = hits[:p.Limit]
		}
		return writeCSV(w, "search", searchTable(hits))
	}
	return writeList(w, r, hits, p)
}
